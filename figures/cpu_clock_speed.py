"""The chart of figure cpu-clock-speed: its data, table and chart (its words: cpu_clock_speed.yml)."""
import altair as alt
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("cpu_clock_milestones", "cpu_clock_rupp")


def facts(milestones: pd.DataFrame, rupp: pd.DataFrame) -> dict:
    from argument import values as v
    peak = v.clock_peak(milestones)
    return {"decades": v.cpu_decades_rising(milestones), "first_year": v.cpu_first_year(milestones), "first_mhz": v.cpu_first_mhz(milestones),
            "peak_year": peak.year, "peak_mhz": peak.base_mhz,
            "growth_before": v.cpu_growth_before(milestones), "doubling": v.cpu_doubling_years(milestones),
            "years_after": v.cpu_years_after(milestones), "last_year": v.cpu_latest_year(milestones),
            "base_after": v.cpu_base_growth_after(milestones),
            "max_base_after": milestones[milestones.year > peak.year].base_mhz.max(),
            "boost_latest": v.cpu_boost_latest_mhz(milestones),
            "boost_after": v.cpu_boost_growth_after(milestones)}


SERIES = ["Fastest parts: base clock", "Fastest parts: max boost clock", "All processors (Rupp)"]


def table(milestones: pd.DataFrame, rupp: pd.DataFrame) -> pd.DataFrame:
    """One row per plotted point: the milestone parts (base and boost) and Rupp's processors."""
    base = milestones.assign(series=SERIES[0], clock_mhz=milestones.base_mhz)
    boost = milestones.dropna(subset=["boost_mhz"]).assign(series=SERIES[1],
                                                           clock_mhz=lambda d: d.boost_mhz)
    cols = ["series", "year", "clock_mhz", "processor", "source_url"]
    return pd.concat([
        base[cols], boost[cols],
        rupp.assign(series=SERIES[2], processor="(unnamed in source)")[cols],
    ], ignore_index=True)


def chart(table: pd.DataFrame) -> alt.Chart:
    pick = alt.selection_point(fields=["series"], bind="legend")
    enc = dict(
        x=alt.X("year:Q", title="Year of introduction", scale=alt.Scale(zero=False, nice=False),
                axis=alt.Axis(format="d", tickCount=10)),
        y=alt.Y("clock_mhz:Q", title="Clock speed (log scale)", scale=alt.Scale(type="log"),
                axis=alt.Axis(values=[0.1, 1, 10, 100, 1000, 10000], labelExpr=(
                    "datum.value >= 1000 ? datum.value / 1000 + ' GHz' : datum.value + ' MHz'"))),
        color=alt.Color("series:N", title=None, scale=alt.Scale(
            domain=SERIES, range=[_theme.colour(_theme.ACCENT), _theme.colour(_theme.CONTRAST),
                                  _theme.colour(_theme.CONTEXT)]), legend=alt.Legend(columns=2)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.12)),
        tooltip=[alt.Tooltip("processor:N", title="Processor"), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("year:Q", title="Year", format=".0f"),
                 alt.Tooltip("clock_mhz:Q", title="Clock (MHz)", format=",.4~r")],
    )
    points = alt.Chart(table).mark_point().encode(
        shape=alt.Shape("series:N", title=None, scale=alt.Scale(domain=SERIES,
                        range=["circle", "triangle-up", "circle"]), legend=alt.Legend(columns=2)),
        size=alt.condition(alt.datum.series == SERIES[2], alt.value(22), alt.value(56)), **enc
    ).add_params(pick)
    line = alt.Chart(table).mark_line(interpolate="step-after").encode(**enc).transform_filter(
        alt.datum.series == SERIES[0])
    return alt.layer(_theme.essay_rule(alt.Chart(table), years=True, side="up-left"), line, points)
