"""The chart of figure arc-scores: its data, table and chart (its words: arc_scores.yml)."""
import altair as alt
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("arc_agi_scores",)
ESSAY = "2024-06-27"
QUARTERS = [(2024, 7), (2024, 10), (2025, 1), (2025, 4), (2025, 7), (2025, 10), (2026, 1), (2026, 4)]
BENCH = ["ARC-AGI-1", "ARC-AGI-2"]
SETS = ["semi-private eval", "private eval", "public eval"]
# points named on the chart: id -> (align, dx, dy)
NAMED = {"arc1-gpt-4o": ("left", 8, 4), "arc1-o3-preview-high": ("left", 8, 0),
         "arc2-gemini-3-deep-think-2026-02": ("left", 8, -6)}  # two lines (see name): fits 520 px


def facts(scores: pd.DataFrame) -> dict:
    from argument import values_arc as v
    from pipeline import dates
    o3 = v.row(scores, "arc1-o3-preview-low")
    return {"essay_year": v.ESSAY.year, "arc1_essay": v.arc1_best_at_essay(scores),
            "gpt4o": v.gpt4o_arc1(scores), "o3_low": o3.score_pct, "o3_cost": o3.cost_per_task_usd,
            "o3_high": v.o3_high(scores), "o3_date": dates.fmt(o3.date, "month"),
            "arc1_latest": v.arc1_best_latest(scores), "arc1_latest_date": v.arc1_best_latest_date(scores),
            "arc2_launch": v.arc2_launch_date(scores), "arc2_launch_best": v.arc2_best_at_launch(scores),
            "arc2_latest": v.arc2_best_latest(scores), "arc2_latest_date": v.arc2_best_latest_date(scores),
            "arc2_latest_year": v.best(scores, "ARC-AGI-2").date.year,
            "human1": v.human_arc1_average(scores), "human2": v.human_arc2_average(scores),
            "panel": v.human_arc2_panel(scores)}


def table(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per ARC-AGI score: a system's result or a human baseline, by publication date."""
    from pipeline import dates

    return scores[["id", "system", "developer", "benchmark", "eval_set", "date", "score_pct",
                   "cost_per_task_usd", "kind", "source_url"]].sort_values("date").assign(
        published=lambda d: d.date.map(dates.fmt),  # each known to the day (pipeline/dates.py)
        cost=lambda d: d.cost_per_task_usd.map(lambda c: "not reported" if pd.isna(c) else f"${c:,.2f}"),
        # the name shown beside a point; a long one in two lines ("|" marks the break)
        name=lambda d: d.system.str.split(" (", regex=False).str[0].str.replace(r"^(Gemini \d+) ", r"\1|", regex=True))


def chart(table: pd.DataFrame) -> alt.Chart:
    pick = alt.selection_point(fields=["benchmark"], bind="legend")
    base = alt.Chart(table)
    color = alt.Color("benchmark:N", title=None, scale=alt.Scale(domain=BENCH), legend=alt.Legend(columns=2))
    fade = alt.condition(pick, alt.value(1), alt.value(0.12))
    x = alt.X("date:T", title="Date score was published",
              scale=alt.Scale(domain=["2024-05-01", "2026-07-01"]),
              axis=alt.Axis(format="%b %Y", values=[f"{y}-{m:02d}-01" for y, m in QUARTERS]))
    y = alt.Y("score_pct:Q", title="Tasks solved (%)", scale=alt.Scale(domain=[0, 100]))
    tips = [alt.Tooltip("system:N", title="System"), alt.Tooltip("developer:N", title="Developer"),
            alt.Tooltip("benchmark:N", title="Benchmark"), alt.Tooltip("eval_set:N", title="Evaluation set"),
            alt.Tooltip("published:N", title="Published"),
            alt.Tooltip("score_pct:Q", title="Score (%)", format=".1f"),
            alt.Tooltip("cost:N", title="Cost per task")]
    humans = base.transform_filter(alt.datum.kind == "human baseline")
    rules = humans.mark_rule(strokeDash=[5, 4], strokeWidth=1.5).encode(
        y=y, color=color, opacity=fade, tooltip=tips)
    # labels sit where no point falls: after the essay line, or (ARC-AGI-2 average) in spring 2025
    label = humans.transform_calculate(left=(
        "datum.benchmark == 'ARC-AGI-2' && datum.score_pct < 100 ? utc(2025, 4, 5) : utc(2024, 6, 8)"),
        text=(
        "datum.score_pct >= 100 ? 'ARC-AGI-2 human panel (each task solved by 2+ people)'"
        " : datum.benchmark == 'ARC-AGI-1' ? 'Average human, ARC-AGI-1 (public tasks)'"
        " : 'Average human, ARC-AGI-2'"))
    labels = alt.layer(*[label.transform_filter(f).mark_text(align="left", dy=dy, fontSize=11)
                         for f, dy in ((alt.datum.benchmark == "ARC-AGI-1", -7),
                                       (alt.datum.benchmark == "ARC-AGI-2", 11))]
                       ).encode(x=alt.X("left:T"), y=y, text="text:N", color=color, opacity=fade)
    essay = base.transform_aggregate(n="count()").transform_calculate(
        essay=f"toDate('{ESSAY}')", text="'Essay published'")
    essay_rule = essay.mark_rule(color="#8a939e", strokeWidth=1).encode(x="essay:T")
    # reads upwards from just above the ARC-AGI-1 human line, left of the essay line, clear of the 100% line
    essay_text = essay.mark_text(align="left", baseline="bottom", dx=0, dy=-4, angle=270,
                                 color=_theme.MUTED["light"], fontSize=11).encode(
        x="essay:T", y=alt.datum(68), text="text:N")
    named = base.transform_filter(alt.FieldOneOfPredicate(field="id", oneOf=list(NAMED))
                                  ).transform_calculate(lines="split(datum.name, '|')")
    names = alt.layer(*[named.transform_filter(alt.datum.id == k).mark_text(
        align=a, dx=dx, dy=dy, fontSize=11, lineHeight=13) for k, (a, dx, dy) in NAMED.items()]
                      ).encode(x=x, y=y, text="lines:N", color=color, opacity=fade)
    points = base.transform_filter(alt.datum.kind == "system").mark_point(size=70, filled=True).encode(
        x=x, y=y, color=color, opacity=fade, tooltip=tips,
        shape=alt.Shape("eval_set:N", title=None, scale=alt.Scale(
            domain=SETS, range=["circle", "square", "triangle-up"]), legend=alt.Legend(columns=3)),
    ).add_params(pick)
    return alt.layer(essay_rule, essay_text, rules, labels, names, points)
