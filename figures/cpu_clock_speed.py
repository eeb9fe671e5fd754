"""CPU clock speeds rose exponentially for {decades} decades, then stopped

From {first_year} to {peak_year} the clock of the fastest processors rose about
{growth_before:,.0f}-fold, doubling every {doubling:.1f} years. In the {years_after}
years since, base clocks rose at most {base_after:.2f}-fold, and even maximum boost
clocks reach only {boost_after:.2f} times the {peak_year} peak. Nothing in the earlier
trend warned of the stop. Log scale.
"""
import altair as alt
import pandas as pd

from figures import _theme

DATA = ("cpu_clock_milestones", "cpu_clock_rupp")
ALT = ("Scatter and line chart of processor clock speed in megahertz, on a logarithmic axis, "
       "against year of introduction, {first_year} to {last_year}. Record-setting parts and "
       "individual processors climb along a straight line on the log scale from {first_mhz:,.2f} MHz "
       "to {peak_mhz:,.0f} MHz in {peak_year}, then flatten: no later base clock exceeds "
       "{max_base_after:,.0f} MHz, and the highest boost clock, in {last_year}, is {boost_latest:,.0f} MHz.")

# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """CPU 时钟频率指数式增长了{decades!z}十年，然后停了下来

从 {first_year} 年到 {peak_year} 年，最快处理器的时钟频率提高了约 {growth_before:,.0f} 倍，
每 {doubling:.1f} 年翻一番。此后的 {years_after} 年里，基础频率最多只提高到原来的
{base_after:.2f} 倍，连最高加速频率也只有 {peak_year} 年峰值的 {boost_after:.2f} 倍。
此前的趋势对这次停滞毫无预示。纵轴为对数刻度。
"""
ZH_ALT = ("散点图和折线图：纵轴为处理器时钟频率（兆赫，对数刻度），横轴为推出年份，"
          "{first_year} 年至 {last_year} 年。创纪录的处理器和单个处理器在对数刻度上沿一条直线上升，"
          "从 {first_mhz:,.2f} MHz 升到 {peak_year} 年的 {peak_mhz:,.0f} MHz，随后走平："
          "此后没有一款处理器的基础频率超过 {max_base_after:,.0f} MHz，最高的加速频率出现在 "
          "{last_year} 年，为 {boost_latest:,.0f} MHz。")
LABELS = {
    "Fastest parts: base clock": "最快处理器：基础频率",
    "Fastest parts: max boost clock": "最快处理器：最高加速频率",
    "All processors (Rupp)": "全部处理器（Rupp 数据）",
    "(unnamed in source)": "（来源未列型号）",
    "Year of introduction": "推出年份",
    "Clock speed (log scale)": "时钟频率（对数刻度）",
    "Processor": "处理器", "Series": "系列", "Year": "年份", "Clock (MHz)": "频率（MHz）",
}

def facts(milestones: pd.DataFrame, rupp: pd.DataFrame) -> dict:
    from figures import _values as v
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
