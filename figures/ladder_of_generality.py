"""The chart of figure ladder-of-generality: its data, table and chart (its words: ladder_of_generality.yml)."""
import altair as alt
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("ladder_of_generality",)

SERIES = ["Rung reached (our dated example)", "Unknown rungs (undated)"]
GAP, TAIL = 5, 4  # schematic: years from the last dated rung to the "?" step, and beyond it


def _two_lines(s: str) -> str:
    """A long label split, at a space, into two lines of about equal length ("|" marks the break)."""
    w = s.split(" ")
    if len(s) <= 24:
        return s
    i = min(range(1, len(w)), key=lambda i: max(len(" ".join(w[:i])), len(" ".join(w[i:]))))
    return " ".join(w[:i]) + "|" + " ".join(w[i:])


def _dated(ladder: pd.DataFrame) -> pd.DataFrame:
    return ladder.dropna(subset=["year"]).sort_values("rung")


def facts(ladder: pd.DataFrame) -> dict:
    from pipeline.figures import labels

    zh = labels("ladder_of_generality")
    d = _dated(ladder)
    gaps = d.year.diff().iloc[2:]  # the bottom rung's date is arbitrary: skip the flat that starts there
    i = int(gaps.idxmax())
    before = d.loc[d.index[d.index.get_loc(i) - 1]]
    return {"n_rungs": len(d), "first_year": int(d.year.min()), "last_year": int(d.year.max()),
            "span": int(d.year.max() - d.year.min()), "flat_years": int(gaps.max()),
            "flat_from": f"{before.rung_name.lower()}, {int(before.year)}",
            "flat_to": f"{d.loc[i].rung_name.lower()}, {int(d.loc[i].year)}",
            "steps": "; ".join(f"{r.rung_name} ({r.example}, {int(r.year)})" for r in d.itertuples()),
            # the same, in parts, for the Chinese text (its rung names come from its labels, through !l)
            "flat_from_rung": before.rung_name, "flat_from_year": int(before.year),
            "flat_to_rung": d.loc[i].rung_name, "flat_to_year": int(d.loc[i].year),
            "steps_zh": "；".join(f"{zh.get(r.rung_name, r.rung_name)}（{zh.get(r.example, r.example)}，"
                                 f"{int(r.year)} 年）" for r in d.itertuples())}


def table(ladder: pd.DataFrame) -> pd.DataFrame:
    """One row per vertex of a step line: each dated rung, then the schematic step up to the unknown rungs."""
    d = _dated(ladder)
    top, last = d.iloc[-1], int(d.year.max())
    unknown = ladder[ladder.year.isna()].iloc[0]
    cols = ["series", "plot_year", "rung", "rung_name", "example", "year", "rung_named_by", "source_url"]
    known = d.assign(series=SERIES[0], plot_year=d.year)
    open_step = pd.DataFrame([top.to_dict(), unknown.to_dict(), unknown.to_dict()]).assign(
        series=SERIES[1], plot_year=[last, last + GAP, last + GAP + TAIL])
    return pd.concat([known[cols], open_step[cols]], ignore_index=True).astype(
        {"plot_year": "Int64", "rung": "Int64", "year": "Int64"}).assign(
        # long labels in two lines, so that they stay clear of the rung names on a phone
        label=lambda t: (t.example + ", " + t.year.astype("string")).where(t.rung == int(d.rung.min()), (
            t.example + ", " + t.year.astype("string")).map(lambda s: s if pd.isna(s) else _two_lines(s))),
        year=lambda t: t.year.astype("string").fillna("undated"))


def chart(table: pd.DataFrame) -> alt.Chart:
    d = table[table.series == SERIES[0]]  # the dated rungs
    last = int(d.plot_year.max())
    rungs = table.drop_duplicates("rung").sort_values("rung")  # every rung, the unknown ones included
    names = "[" + ", ".join(repr(str(n)) for n in rungs.rung_name) + "]"
    start = (int(d.plot_year.min()) - 10) // 20 * 20  # a round year, so that every label sits under its tick
    x = alt.X("plot_year:Q", title="Year the rung was reached (our dated example)",
              scale=alt.Scale(domain=[start, last + GAP + TAIL], nice=False),
              axis=alt.Axis(format="d", values=list(range(start, last + 1, 20)), labelFlush=False))
    y = alt.Y("rung:Q", title=None, scale=alt.Scale(domain=[0, int(rungs.rung.max())], nice=False),
              axis=alt.Axis(values=[int(r) for r in rungs.rung], labelExpr=f"{names}[datum.value]",
                            grid=True, labelLimit=200))
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=SERIES),
                      legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=3, columns=2))  # above the plot
    dash = alt.StrokeDash("series:N", title=None, scale=alt.Scale(domain=SERIES, range=[[1, 0], [6, 4]]))
    base = alt.Chart(table).transform_calculate(lines="split(datum.label, '|')")
    steps = base.mark_line(interpolate="step-after").encode(
        x=x, y=y, color=color, strokeDash=dash, detail="series:N", order="plot_year:Q")
    tips = [alt.Tooltip("rung_name:N", title="Rung"), alt.Tooltip("example:N", title="Example (ours)"),
            alt.Tooltip("year:N", title="Year"), alt.Tooltip("rung_named_by:N", title="Rung named by"),
            alt.Tooltip("source_url:N", title="Source")]
    dots = base.transform_filter(alt.datum.series == SERIES[0]).mark_point(size=70).encode(
        x=x, y=y, color=color, tooltip=tips)
    text = dict(fontSize=11, baseline="bottom", lineHeight=13)
    two = "indexof(datum.label, '|') >= 0"  # Vega hangs further lines below the first: lift two-line labels
    # labels sit left of their dot (where no riser crosses), except the bottom rung's
    bottom = int(d.rung.min())
    left = base.transform_filter((alt.datum.series == SERIES[0]) & (alt.datum.rung == bottom)).mark_text(
        align="left", dx=4, dy=-5, **text).encode(x=x, y=y, text="lines:N")
    rest = base.transform_filter((alt.datum.series == SERIES[0]) & (alt.datum.rung != bottom))
    right = [rest.transform_filter(f).mark_text(align="right", dx=-6, dy=dy, **text).encode(
        x=x, y=y, text="lines:N") for f, dy in ((f"!({two})", -5), (two, -18))]
    mark = base.transform_filter((alt.datum.series == SERIES[1]) & (alt.datum.plot_year == last + GAP)).mark_text(
        fontSize=18, fontWeight="bold", dx=-14, dy=0, align="center").encode(
        x=x, y=y, text=alt.value("?"), color=color, tooltip=tips[:2] + tips[3:])
    return alt.layer(_theme.essay_rule(base, years=True, side="up-right"), steps, dots, left, *right, mark)
