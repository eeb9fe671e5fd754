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

from figures import _theme

DATA = ("ladder_of_generality",)
ALT = ("Step chart of the rung reached on the ladder of generality against year, {first_year} to {last_year}. "
       "The line stays flat for long stretches and jumps one rung at a time: {steps}. Above the bottom rung, "
       "the longest flat lasts {flat_years} years, from {flat_from} to {flat_to}. After {last_year} a dashed step marked with a question "
       "mark rises to the unknown rungs above, at a schematic position.")

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


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """通用性阶梯：长期停滞，骤然跃升，下一级未知

Narayanan 和 Kapoor 把 AI 的历史看作一种间断平衡：一架通用性阶梯，每上一级，
让计算机完成一项新任务所需的功夫就少一截。每一级按我们挑选的一个例子定年，
{n_rungs} 级台阶跨越 {span} 年（{first_year} 年至 {last_year} 年），都是在长期的平台期之后骤然跃升。
最底一级的年份是随意选定的，不计在内，最长的平台期持续了 {flat_years} 年（从 {flat_from_year} 年的{flat_from_rung!l}到 {flat_to_year} 年的{flat_to_rung!l}）。
虚线的“？”代表上方未知的梯级：它的位置只是示意，并非预测。
"""
ZH_ALT = ("阶梯图：横轴为年份，{first_year} 年至 {last_year} 年，纵轴为在通用性阶梯上到达的梯级。"
          "折线长时间保持水平，每次只跃升一级：{steps_zh}。最底一级之上，最长的平台期持续 {flat_years} 年，"
          "从 {flat_from_year} 年的{flat_from_rung!l}到 {flat_to_year} 年的{flat_to_rung!l}。{last_year} 年之后，一段标有问号的虚线台阶升向上方未知的梯级，"
          "位置只是示意。")
LABELS = {
    "Rung reached (our dated example)": "已到达的梯级（按所选例子定年）",
    "Unknown rungs (undated)": "未知的梯级（无年份）",
    "Year the rung was reached (our dated example)": "到达该梯级的年份（按所选例子）",
    "Special-purpose hardware": "专用硬件",
    "Programmable computers": "可编程计算机",
    "Stored-program computers": "存储程序计算机",
    "Machine learning": "机器学习",
    "Deep learning": "深度学习",
    "Pretrained models": "预训练模型",
    "Instruction-tuned models": "指令微调模型",
    "Unknown rungs above": "上方未知的梯级",
    "Hollerith census tabulator": "Hollerith 人口普查制表机",
    "Samuel's checkers-playing program": "Samuel 的跳棋程序",
    "AlexNet wins ImageNet (ILSVRC-2012)": "AlexNet 赢得 ImageNet 竞赛（ILSVRC-2012）",
    "Hollerith census tabulator, 1890": "Hollerith 人口普查制表机，1890",
    "ENIAC, 1945": "ENIAC，1945",
    "Manchester Baby|(SSEM), 1948": "Manchester Baby|（SSEM），1948",
    "Samuel's checkers-playing|program, 1959": "Samuel 的跳棋程序，1959",
    "AlexNet wins ImageNet|(ILSVRC-2012), 2012": "AlexNet 赢得|ImageNet 竞赛，2012",
    "BERT, 2018": "BERT，2018",
    "InstructGPT, 2022": "InstructGPT，2022",
    "undated": "无年份",
    "authors (book, via summary)": "作者（书中，据章节摘要）",
    "authors (book, via summary; the essay speaks of 'special-purpose computers')":
        "作者（书中，据章节摘要；原文称“专用计算机”）",
    "authors (book, via summary; the essay: 'the move from special-purpose computers to Turing machines')":
        "作者（书中，据章节摘要；原文：“从专用计算机到图灵机的转变”）",
    "authors (book, via summary, and the essay: 'Instruction-tuned LLMs are the latest step in the ladder')":
        "作者（书中，据章节摘要；原文亦称：“指令微调的 LLM 是这架阶梯上最新的一级”）",
    "authors (essay: 'An unknown number of steps lie ahead')": "作者（原文：“前方还有数目未知的台阶”）",
    "Rung": "梯级", "Example (ours)": "例子（我们所选）", "Year": "年份", "Rung named by": "梯级命名者",
    "Source": "来源",
}


def facts(ladder: pd.DataFrame) -> dict:
    d = _dated(ladder)
    gaps = d.year.diff().iloc[2:]  # the bottom rung's date is arbitrary: skip the flat that starts there
    i = int(gaps.idxmax())
    before = d.loc[d.index[d.index.get_loc(i) - 1]]
    return {"n_rungs": len(d), "first_year": int(d.year.min()), "last_year": int(d.year.max()),
            "span": int(d.year.max() - d.year.min()), "flat_years": int(gaps.max()),
            "flat_from": f"{before.rung_name.lower()}, {int(before.year)}",
            "flat_to": f"{d.loc[i].rung_name.lower()}, {int(d.loc[i].year)}",
            "steps": "; ".join(f"{r.rung_name} ({r.example}, {int(r.year)})" for r in d.itertuples()),
            # the same, in parts, for the Chinese text (its rung names come from LABELS, through !l)
            "flat_from_rung": before.rung_name, "flat_from_year": int(before.year),
            "flat_to_rung": d.loc[i].rung_name, "flat_to_year": int(d.loc[i].year),
            "steps_zh": "；".join(f"{LABELS.get(r.rung_name, r.rung_name)}（{LABELS.get(r.example, r.example)}，"
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
