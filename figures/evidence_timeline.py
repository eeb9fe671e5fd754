"""What has happened since the essay, claim by claim

Each mark is one of the {n} dated entries of our record from {first} to {latest}, on the row of the
essay claim it bears on, coloured and shaped by whether it supports the claim, challenges it or is mixed.
Each row's label ends with the claim's verdict on the scorecard, computed from these entries by the
rule written there. Hover or focus a mark for its headline and source; the table below lists them all.
"""
import altair as alt
import pandas as pd

DATA = ("since_publication", "essay_claims")
ALT = ("Timeline chart of {n} dated entries from {first} to {latest}, one row for each of the essay's {claims} "
       "claims, each mark coloured and shaped by stance: {supports} support their claim, {challenges} challenge it "
       "and {mixed} are mixed. A line at the left marks the essay's publication on {essay}. The verdicts in the "
       "row labels are: {verdicts}.")
ZH_DOC = """原文发表以来发生了什么：逐条论点来看

每个点是我们记录中的一条带日期的条目，共 {n} 条，从 {first_zh} 到 {latest_zh}；它落在所涉及的原文论点那一行，颜色和形状表示它支持该论点、挑战该论点，还是立场不一。
每一行标签的末尾是记分卡上该论点的判定，由这些条目按记分卡写明的规则计算得出。将鼠标悬停在点上或用键盘聚焦它，可以看到标题和来源；下方的表格列出全部条目。
"""
ZH_ALT = ("时间线图：从 {first_zh} 到 {latest_zh} 共 {n} 条带日期的条目，原文的 {claims} 项论点各占一行，每个点的颜色和形状"
          "表示立场：{supports} 条支持所涉论点，{challenges} 条挑战它，{mixed} 条立场不一。左侧的一条竖线标出原文发表的日期"
          "（{essay_zh}）。各行标签中的判定为：{verdicts_zh}。")
LABELS = {
    "supports": "支持", "challenges": "挑战", "mixed": "立场不一",
    "holding": "成立", "contested": "有争议", "challenged": "受到挑战", "too early": "为时尚早",
    "Stance": "立场", "Date": "日期", "Entry": "条目", "Claim": "论点", "Source": "来源", "Verdict": "判定",
    "Essay published": "文章发表",
}
# in the Chinese chart the same marks read the rows' Chinese columns
ZH_EXPR = {"datum.headline": "datum.headline_zh", "datum.label + ' · ' + datum.verdict":
           "datum.label_zh + ' · ' + datum.verdict_zh"}
STANCES = ["supports", "challenges", "mixed"]
SHAPES = ["circle", "triangle-down", "square"]
COLOURS = ["#0b6e99", "#c4421a", "#a06a00"]  # theme palette 0, 1 and 4 (figures/_theme.py PALETTE)
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
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[ESSAY, f"{table.date.max()[:4]}-12-31"]),
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
