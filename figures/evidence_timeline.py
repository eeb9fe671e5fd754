"""The chart of figure evidence-timeline: its data, table and chart (its words: evidence_timeline.yml)."""
import altair as alt
import pandas as pd

DATA = ("since_publication", "essay_claims")
STANCES = ["supports", "challenges", "mixed"]
SHAPES = ["circle", "triangle-down", "square"]
COLOURS = ["#0b6e99", "#c4421a", "#a06a00"]  # theme palette 0, 1 and 4 (pipeline/chart_theme.py PALETTE)
ESSAY = "2024-06-27"  # the essay's date (pipeline/essay.py DATE; tests/test_record.py checks they agree)
VERDICT_ZH = {"holding": "成立", "contested": "有争议", "challenged": "受到挑战", "too early": "为时尚早"}


def facts(rows: pd.DataFrame, claims: pd.DataFrame) -> dict:
    from pipeline import dates

    t = table(rows, claims)
    n = t.stance.value_counts()
    per = t.drop_duplicates("claim").set_index("claim").verdict.reindex(claims.id).dropna()
    order = ["holding", "contested", "challenged", "too early"]
    counted = {v: int((per == v).sum()) for v in order}
    return {"n": len(t), "claims": len(claims), "supports": int(n.get("supports", 0)),
            "challenges": int(n.get("challenges", 0)), "mixed": int(n.get("mixed", 0)),
            "first": dates.fmt(rows.date.min(), "day"), "latest": dates.fmt(rows.date.max(), "day"),
            "first_zh": dates.fmt(rows.date.min(), "day", "zh"), "latest_zh": dates.fmt(rows.date.max(), "day", "zh"),
            "essay": dates.fmt(ESSAY, "day"), "essay_zh": dates.fmt(ESSAY, "day", "zh"),
            "verdicts": ", ".join(f"{k} {v}" for k, v in counted.items()),
            "verdicts_zh": "，".join(f"{VERDICT_ZH[k]} {v} 项" for k, v in counted.items())}


def table(rows: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per entry of the record, with its claim's short label, place and scorecard verdict."""
    from pipeline import record

    as_dicts = rows.assign(date=rows.date.dt.strftime("%Y-%m-%d")).fillna("").to_dict("records")
    scores = record.scorecard(claims.fillna("").to_dict("records"), sorted(as_dicts, key=lambda r: (r["date"], r["id"])))
    verdict = {s.claim["id"]: s.verdict for s in scores}
    c = claims.set_index("id")
    t = rows.assign(order=rows.claim.map({k: i for i, k in enumerate(claims.id)}),
                    label=rows.claim.map(c.label), label_zh=rows.claim.map(c.label_zh),
                    chapter=rows.claim.map(c.chapter), verdict=rows.claim.map(verdict))
    t = t.assign(verdict_zh=t.verdict.map(VERDICT_ZH), date=t.date.dt.strftime("%Y-%m-%d"))
    return t.sort_values(["order", "date", "id"])[
        ["id", "date", "claim", "order", "label", "label_zh", "verdict", "verdict_zh", "chapter", "stance",
         "headline", "headline_zh", "source_title", "source_url"]].reset_index(drop=True)


def chart(table: pd.DataFrame) -> alt.LayerChart:
    y = alt.Y("row:N", title=None, sort=alt.EncodingSortField("order", op="min"),
              axis=alt.Axis(labelLimit=260, labelFontSize=11, ticks=False, domain=False))
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[ESSAY, f"{table.date.max().year}-12-31"]),
              axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}, grid=True))
    pick = alt.selection_point(fields=["stance"], bind="legend")
    base = alt.Chart(table).transform_calculate(row="datum.label + ' · ' + datum.verdict",
                                                 entry="datum.headline")
    marks = base.mark_point(filled=True, size=55, opacity=0.85).encode(
        x=x, y=y, yOffset=alt.YOffset("stance:N", scale=alt.Scale(domain=STANCES)),
        color=alt.Color("stance:N", title="Stance", scale=alt.Scale(domain=STANCES, range=COLOURS)),
        shape=alt.Shape("stance:N", title="Stance", scale=alt.Scale(domain=STANCES, range=SHAPES)),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.12)),
        href="source_url:N",
        tooltip=[alt.Tooltip("date:T", title="Date", format="%Y-%m-%d"), alt.Tooltip("entry:N", title="Entry"),
                 alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("label:N", title="Claim"),
                 alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("source_title:N", title="Source")],
    ).add_params(pick)
    one = alt.Chart(table).transform_aggregate(n="count()").transform_calculate(
        day=f"toDate('{ESSAY}')", t="'Essay published'")
    rule = one.mark_rule(strokeDash=[4, 3]).encode(x=alt.X("day:T"))
    note = one.mark_text(align="left", baseline="bottom", dx=3, dy=-2, fontSize=11).encode(
        x=alt.X("day:T"), y=alt.value(0), text="t:N")
    return alt.layer(rule, marks, note)
