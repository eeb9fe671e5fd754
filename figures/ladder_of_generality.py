"""The ladder of generality: long flats, sudden steps, an unknown next rung

Narayanan and Kapoor see the history of AI as a punctuated equilibrium: a ladder of generality
whose each rung cuts the effort of getting a computer to do a new task. Dating each rung by one
example of our choosing, {n_rungs} rungs span {span} years, {first_year} to {last_year}, and arrive
as sudden steps after long flats. Leaving aside the bottom rung, whose date is arbitrary, the longest flat
lasted {flat_years} years ({flat_from} to {flat_to}).
The dashed “?” stands for the unknown rungs above: its place is schematic, not a forecast.
"""
import altair as alt
import pandas as pd

DATA = ("ladder_of_generality",)
ALT = ("Step chart of the rung reached on the ladder of generality against year, {first_year} to {last_year}. "
       "The line stays flat for long stretches and jumps one rung at a time: {steps}. Above the bottom rung, "
       "the longest flat lasts {flat_years} years, from {flat_from} to {flat_to}. After {last_year} a dashed step marked with a question "
       "mark rises to the unknown rungs above, at a schematic position.")

SERIES = ["Rung reached (our dated example)", "Unknown rungs (undated)"]
GAP, TAIL = 5, 4  # schematic: years from the last dated rung to the "?" step, and beyond it


def _dated(ladder: pd.DataFrame) -> pd.DataFrame:
    return ladder.dropna(subset=["year"]).sort_values("rung")


def facts(ladder: pd.DataFrame) -> dict:
    d = _dated(ladder)
    gaps = d.year.diff().iloc[2:]  # the bottom rung's date is arbitrary: skip the flat that starts there
    i = int(gaps.idxmax())
    before = d.loc[d.index[d.index.get_loc(i) - 1]]
    return {"n_rungs": len(d), "first_year": int(d.year.min()), "last_year": int(d.year.max()),
            "span": int(d.year.max() - d.year.min()), "flat_years": int(gaps.max()),
            "flat_from": f"{before.rung_name.lower()}, {int(before.year)}",
            "flat_to": f"{d.loc[i].rung_name.lower()}, {int(d.loc[i].year)}",
            "steps": "; ".join(f"{r.rung_name} ({r.example}, {int(r.year)})" for r in d.itertuples())}


def chart(ladder: pd.DataFrame) -> alt.Chart:
    d = _dated(ladder)
    top, last = d.iloc[-1], int(d.year.max())
    unknown = ladder[ladder.year.isna()].iloc[0]
    cols = ["series", "plot_year", "rung", "rung_name", "example", "year", "rung_named_by", "source_url"]
    known = d.assign(series=SERIES[0], plot_year=d.year)
    open_step = pd.DataFrame([top.to_dict(), unknown.to_dict(), unknown.to_dict()]).assign(
        series=SERIES[1], plot_year=[last, last + GAP, last + GAP + TAIL])
    table = pd.concat([known[cols], open_step[cols]], ignore_index=True).astype(
        {"plot_year": "Int64", "rung": "Int64", "year": "Int64"}).assign(
        label=lambda t: t.example + ", " + t.year.astype("string"),
        year=lambda t: t.year.astype("string").fillna("undated"))
    names = "[" + ", ".join(repr(n) for n in ladder.sort_values("rung").rung_name) + "]"
    x = alt.X("plot_year:Q", title="Year the rung was reached (our dated example)",
              scale=alt.Scale(domain=[int(d.year.min()) - 10, last + GAP + TAIL], nice=False),
              axis=alt.Axis(format="d", tickCount=8))
    y = alt.Y("rung:Q", title=None, scale=alt.Scale(domain=[0, int(ladder.rung.max())], nice=False),
              axis=alt.Axis(values=sorted(ladder.rung.astype(int)), labelExpr=f"{names}[datum.value]",
                            grid=True, labelLimit=200))
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=SERIES),
                      legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=3, orient="top-left"))
    dash = alt.StrokeDash("series:N", title=None, scale=alt.Scale(domain=SERIES, range=[[1, 0], [6, 4]]))
    base = alt.Chart(table)
    steps = base.mark_line(interpolate="step-after").encode(
        x=x, y=y, color=color, strokeDash=dash, detail="series:N", order="plot_year:Q")
    tips = [alt.Tooltip("rung_name:N", title="Rung"), alt.Tooltip("example:N", title="Example (ours)"),
            alt.Tooltip("year:N", title="Year"), alt.Tooltip("rung_named_by:N", title="Rung named by"),
            alt.Tooltip("source_url:N", title="Source")]
    dots = base.transform_filter(alt.datum.series == SERIES[0]).mark_point(size=70).encode(
        x=x, y=y, color=color, tooltip=tips)
    text = dict(fontSize=11, dy=-9)
    # labels sit left of their dot (where no riser crosses), except the bottom rung's
    bottom = int(d.rung.min())
    left = base.transform_filter((alt.datum.series == SERIES[0]) & (alt.datum.rung == bottom)).mark_text(
        align="left", dx=4, **text).encode(x=x, y=y, text="label:N")
    right = base.transform_filter((alt.datum.series == SERIES[0]) & (alt.datum.rung != bottom)).mark_text(
        align="right", dx=-6, **text).encode(x=x, y=y, text="label:N")
    mark = base.transform_filter((alt.datum.series == SERIES[1]) & (alt.datum.plot_year == last + GAP)).mark_text(
        fontSize=18, fontWeight="bold", dx=-14, dy=0, align="center").encode(
        x=x, y=y, text=alt.value("?"), color=color, tooltip=tips[:2] + tips[3:])
    return alt.layer(steps, dots, left, right, mark)
