"""The ARC puzzles that stumped LLMs in {essay_year} were nearly solved by {arc2_latest_year}

When the essay appeared, the best score on ARC-AGI-1's held-out tasks (shape marks the evaluation
set) was {arc1_essay:.4g}%, and GPT-4o on its own solved {gpt4o:.4g}%. In {o3_date} OpenAI's
o3-preview reached {o3_low:.4g}% at about ${o3_cost:,.0f} a task ({o3_high:.4g}% with far more compute);
by {arc1_latest_date} the best verified score was {arc1_latest:.4g}%. The harder ARC-AGI-2 opened in
{arc2_launch} with a best score of {arc2_launch_best:.4g}%; in {arc2_latest_date} a verified
{arc2_latest:.4g}% beat the average human test-taker ({human2:.4g}%), though ARC Prize found signs of
ARC data in that model's training.
"""
import altair as alt
import pandas as pd

from figures import _theme

DATA = ("arc_agi_scores",)
ALT = ("Scatter chart of ARC-AGI scores (percent of tasks solved) against the date each score was "
       "published, mid-{essay_year} to {arc2_latest_year}, coloured by benchmark. A vertical line marks "
       "the essay's date, when the best held-out ARC-AGI-1 score was {arc1_essay:.4g}% and GPT-4o scored "
       "{gpt4o:.4g}%. ARC-AGI-1 points jump to {o3_low:.4g}% and {o3_high:.4g}% (o3-preview, "
       "{o3_date}) and reach {arc1_latest:.4g}% by {arc1_latest_date}. ARC-AGI-2 points start near "
       "{arc2_launch_best:.4g}% in {arc2_launch} and climb to {arc2_latest:.4g}% by {arc2_latest_date}. "
       "Dashed lines: average humans at {human1:.4g}% (ARC-AGI-1, public tasks) and {human2:.4g}% "
       "(ARC-AGI-2), and ARC-AGI-2's human panel at {panel:.4g}% (by construction: every task kept was "
       "solved by at least two people).")
ESSAY = "2024-06-27"
QUARTERS = [(2024, 7), (2024, 10), (2025, 1), (2025, 4), (2025, 7), (2025, 10), (2026, 1), (2026, 4)]
BENCH = ["ARC-AGI-1", "ARC-AGI-2"]
SETS = ["semi-private eval", "private eval", "public eval"]
# points named on the chart: id -> (align, dx, dy)
NAMED = {"arc1-gpt-4o": ("left", 8, 4), "arc1-o3-preview-high": ("left", 8, 0),
         "arc2-gemini-3-deep-think-2026-02": ("left", 8, -6)}  # two lines (see name): fits 520 px


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """{essay_year} 年难倒大语言模型的 ARC 谜题，到 {arc2_latest_year} 年已几乎被攻克

文章发表时，ARC-AGI-1 保留测试任务上的最高分（点的形状表示评测集）为 {arc1_essay:.4g}%，
GPT-4o 单独作答只解出 {gpt4o:.4g}%。{o3_date!z}，OpenAI 的 o3-preview 以每道题约 {o3_cost:,.0f} 美元的成本
达到 {o3_low:.4g}%（投入多得多的算力时为 {o3_high:.4g}%）；
到 {arc1_latest_date!z}，经验证的最高分已达 {arc1_latest:.4g}%。更难的 ARC-AGI-2 于 {arc2_launch!z}推出，当时的最高分为 {arc2_launch_best:.4g}%；
{arc2_latest_date!z}，一个经验证的 {arc2_latest:.4g}% 的成绩超过了人类受试者的平均分（{human2:.4g}%），
不过 ARC Prize 发现，该模型的训练数据中有混入 ARC 数据的迹象。
"""
ZH_ALT = ("散点图：纵轴为 ARC-AGI 得分（解出任务的百分比），横轴为各项得分的发布日期，{essay_year} 年年中至 "
          "{arc2_latest_year} 年，颜色区分基准测试。一条竖线标出文章发表的日期，当时 ARC-AGI-1 保留任务上的最高分"
          "为 {arc1_essay:.4g}%，GPT-4o 得分为 {gpt4o:.4g}%。ARC-AGI-1 的点跃升到 {o3_low:.4g}% 和 "
          "{o3_high:.4g}%（o3-preview，{o3_date!z}），到 {arc1_latest_date!z}达到 {arc1_latest:.4g}%。"
          "ARC-AGI-2 的点从 {arc2_launch!z}的约 {arc2_launch_best:.4g}% 起步，到 {arc2_latest_date!z}攀升至 "
          "{arc2_latest:.4g}%。虚线：人类平均分 {human1:.4g}%（ARC-AGI-1，公开任务）和 {human2:.4g}%"
          "（ARC-AGI-2），以及 ARC-AGI-2 人类小组的 {panel:.4g}%（由构造决定：保留下来的每道题都至少有两人解出）。")
LABELS = {
    "Date score was published": "得分发布日期", "Tasks solved (%)": "解出的任务（%）", "%b %Y": "%Y年%-m月",
    "Essay published": "文章发表",
    "ARC-AGI-2 human panel (each task solved by 2+ people)": "ARC-AGI-2 人类小组（每道题至少两人解出）",
    "Average human, ARC-AGI-1 (public tasks)": "人类平均分，ARC-AGI-1（公开任务）",
    "Average human, ARC-AGI-2": "人类平均分，ARC-AGI-2",
    "semi-private eval": "半私有评测集", "private eval": "私有评测集", "public eval": "公开评测集",
    "human testing": "人类测试",
    "System": "系统", "Developer": "开发者", "Benchmark": "基准测试", "Evaluation set": "评测集",
    "Published": "发布日期", "Score (%)": "得分（%）", "Cost per task": "每题成本",
    "not reported": "未报告", "not named in source": "来源未具名",
    # systems and developers: names stay; their English descriptive words are translated
    "State of the art at ARC Prize 2024 launch": "ARC Prize 2024 启动时的最高水平",
    "Ryan Greenblatt (GPT-4o + program sampling)": "Ryan Greenblatt（GPT-4o + 程序采样）",
    "Average human (H-ARC, 1,729 crowd workers)": "人类平均分（H-ARC，1,729 名众包工作者）",
    "the ARChitects (ARC Prize 2024 winner)": "the ARChitects（ARC Prize 2024 冠军）",
    "Jeremy Berman (2024, evolutionary program search)": "Jeremy Berman（2024 年，进化式程序搜索）",
    "o3-preview (low compute, 6 samples)": "o3-preview（低算力，6 个样本）",
    "o3-preview (high compute, 1024 samples)": "o3-preview（高算力，1024 个样本）",
    "the ARChitects (2024 solution)": "the ARChitects（2024 年方案）",
    "o1 (high reasoning)": "o1（高推理强度）",
    "Average human test-taker (San Diego study)": "人类受试者平均分（圣迭戈研究）",
    "Human panel (each task solved by at least 2 people)": "人类小组（每道题至少两人解出）",
    "o3 (released model, medium reasoning)": "o3（正式发布版，中等推理强度）",
    "GPT-5 (high reasoning)": "GPT-5（高推理强度）",
    "Jeremy Berman (Grok 4 + English-instruction evolution)": "Jeremy Berman（Grok 4 + 英文指令进化）",
    "Gemini 3 Deep Think (preview, Nov 2025)": "Gemini 3 Deep Think（预览版，2025年11月）",
    "NVARC (ARC Prize 2025 Kaggle winner)": "NVARC（ARC Prize 2025 Kaggle 冠军）",
    "Poetiq refinement (on Gemini 3 Pro)": "Poetiq 迭代改进（基于 Gemini 3 Pro）",
    "Gemini 3 Deep Think (Feb 2026 upgrade)": "Gemini 3 Deep Think（2026年2月升级版）",
    "Gemini 3.1 Pro (preview)": "Gemini 3.1 Pro（预览版）",
    "LeGris, Vong, Lake & Gureckis (NYU)": "LeGris、Vong、Lake 与 Gureckis（纽约大学）",
    "NVIDIA (I. Sorokin, J.-F. Puget)": "NVIDIA（I. Sorokin、J.-F. Puget）",
}

def facts(scores: pd.DataFrame) -> dict:
    from pipeline import dates
    from figures import _values_arc as v
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
    # a CSV read gives the dates as ISO text: plot them as dates again (the values plotted are the
    # same either way, and Altair names the views from the table's text)
    table = table.assign(date=lambda t: pd.to_datetime(t.date))
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
