"""AGI has been a few years away since {first_year}

{n} public predictions of when AGI or human-level AI would arrive, placed by the date they were made.
As of {as_of} (dashed line), {n_past} deadlines had lapsed (hollow diamonds) and {n_due} fall
due that year (squares). AI company leaders put arrival a median of {lead_leaders:.0f} years after they
spoke, close to the dotted line where arrival would coincide with the prediction, and what counts
as "AGI" differs from speaker to speaker. Both axes are uneven: quiet stretches are squeezed.
"""
import altair as alt
import numpy as np
import pandas as pd

from figures import _theme

DATA = ("agi_predictions",)
ALT = ("Scatter chart of {n} predictions of the year AGI or human-level AI would arrive (vertical axis, uneven "
       "scale) against the date each was made (horizontal axis, uneven scale stretching recent years), "
       "{first_year} to {as_of}, with vertical bars for stated ranges. Herbert Simon in {simon_said} predicted "
       "{simon_year}; Marvin Minsky in {minsky_said} was quoted as giving {minsky_low} to {minsky_high}; "
       "by {as_of}, {n_past} deadlines had lapsed and {n_due} fall due that year. The other points lie just above a dotted line marking "
       "arrival at the moment of prediction: Leopold Aschenbrenner's {asch_year}, AI company leaders' years "
       "from {lead_min} to {lead_max}, and the expert surveys' {survey_years}. A dashed line marks {as_of}.")


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """自 {first_year} 年以来，AGI 一直是“再过几年就来”

{n} 条关于 AGI 或人类水平 AI 何时到来的公开预测，按作出预测的日期排列。
截至 {as_of} 年（虚线），已有 {n_past} 条预测期限已过而未成真（空心菱形），{n_due} 条在当年到期（方块）。
AI 公司领导者预言的到来时间，中位数是在他们发言之后 {lead_leaders:.0f} 年，
紧挨着表示“到来之时即预测之时”的点线；而什么算“AGI”，每位发言者的说法都不一样。
两条坐标轴的刻度都不均匀：平静的时段被压缩了。
"""
ZH_ALT = ("散点图：{n} 条预测，纵轴为预测 AGI 或人类水平 AI 到来的年份（刻度不均匀），横轴为每条预测作出的日期"
          "（刻度不均匀，近几年被拉宽），{first_year} 年至 {as_of} 年，竖条表示给出的年份区间。Herbert Simon "
          "在 {simon_said} 年预测为 {simon_year} 年；据引述，Marvin Minsky 在 {minsky_said} 年给出的是 {minsky_low} "
          "年至 {minsky_high} 年；截至 {as_of} 年，共有 {n_past} 条预测期限已过而未成真，{n_due} 条在当年到期。其余的点都略高于一条表示"
          "“预测之时即到来”的点线：Leopold Aschenbrenner 的 {asch_year} 年，AI 公司领导者的 {lead_min} 年至 "
          "{lead_max} 年，以及专家调查给出的 {survey_years_zh}。一条虚线标出 {as_of} 年。")
LABELS = {
    "Date the prediction was made (uneven scale)": "作出预测的日期（刻度不均匀）",
    "Predicted year of arrival (uneven scale)": "预测的到来年份（刻度不均匀）",
    "AI company leader": "AI 公司领导者", "Researcher or writer": "研究者或作者", "Expert survey": "专家调查",
    # a prediction's status (pipeline/dates.py STATUS_EN -> STATUS_ZH)
    "Deadline ahead": "期限未到", "Due this year": "今年到期", "Lapsed": "期限已过，未成真", "Came true": "已成真",
    "arrival = date said": "到来年份 = 发言年份", "as of ": "截至 ",
    "Who": "发言者", "Role": "身份", "Said": "发言日期", "Predicted arrival": "预测到来时间", "Gist": "预测内容",
    "Definition": "定义", "Status": "状态",
    # the tooltip's texts: who (survey names), role, when said, the gist and the definition
    "AI Impacts: 2022 Expert Survey on Progress in AI (Grace, Stein-Perlman, Weinstein-Raun)":
        "AI Impacts：2022 年 AI 进展专家调查（Grace、Stein-Perlman、Weinstein-Raun）",
    "AI Impacts: 2023 Expert Survey on Progress in AI (Grace et al.)": "AI Impacts：2023 年 AI 进展专家调查（Grace 等人）",
    "Economist and AI pioneer, Carnegie Institute of Technology": "经济学家、AI 先驱，卡内基理工学院",
    "AI researcher, co-founder of the MIT AI Laboratory": "AI 研究者，MIT 人工智能实验室联合创始人",
    "Futurist; Director of Engineering, Google": "未来学家；Google 工程总监",
    "Survey of 738 machine-learning researchers (NeurIPS/ICML 2021 authors)":
        "对 738 名机器学习研究者的调查（NeurIPS/ICML 2021 论文作者）",
    "AI researcher (then at Google), 2018 Turing Award": "AI 研究者（时在 Google），2018 年图灵奖得主",
    "CEO, SoftBank Group": "软银集团 CEO",
    "Co-founder and Chief AGI Scientist, Google DeepMind": "Google DeepMind 联合创始人兼首席 AGI 科学家",
    "CEO, OpenAI": "OpenAI CEO",
    "Survey of 2,778 researchers who published at top AI venues": "对 2,778 名在顶级 AI 会议或期刊发表过论文的研究者的调查",
    "CEO, Nvidia": "Nvidia CEO",
    "CEO, Tesla; founder, xAI": "Tesla CEO；xAI 创始人",
    "Former OpenAI researcher (Superalignment team); author of Situational Awareness":
        "前 OpenAI 研究员（超级对齐团队）；《Situational Awareness》作者",
    "CEO, Anthropic": "Anthropic CEO",
    "CEO, Google DeepMind": "Google DeepMind CEO",
    'Within twenty years machines would be technically able to do "any work that a man can do" (though humans '
    'would keep an economic advantage in some jobs).':
        "二十年内，机器在技术上将能做“人能做的任何工作”（不过在某些工作上人类仍会保有经济优势）。",
    "Quoted by Life magazine: a machine with the general intelligence of an average human in three to eight years, "
    "which would then educate itself to genius level within months.":
        "据《生活》杂志引述：三到八年内会出现具有普通人一般智能的机器，随后它会在几个月内自学到天才水平。",
    "Restated at SXSW that 2029 is his consistent date for an AI passing a valid Turing test and so reaching "
    "human-level intelligence (Singularity in 2045).":
        "在 SXSW 上重申，2029 年是他一贯给出的日期：届时 AI 将通过有效的图灵测试，从而达到人类水平的智能"
        "（奇点在 2045 年）。",
    "Aggregate forecast of a 50% chance of high-level machine intelligence (HLMI) by about 2060.":
        "汇总预测：大约到 2060 年，实现高级机器智能（HLMI）的概率为 50%。",
    'Told CBS he used to expect general-purpose AI in 20 to 50 years but now thought it "may be 20 years or less".':
        "对 CBS 表示，他过去预计通用 AI 要 20 到 50 年后才会出现，现在则认为“可能只要 20 年甚至更短”。",
    "At SoftBank World: AGI within ten years, ten times smarter than all of humanity combined; superintelligence "
    "within twenty.":
        "在软银世界大会（SoftBank World）上：十年内出现 AGI，比全人类加起来还聪明十倍；二十年内出现超级智能。",
    "On the Dwarkesh Podcast, kept the 50% chance of AGI by 2028 that he had first published on his blog in 2009.":
        "在 Dwarkesh Podcast 上维持他 2009 年首次在博客上发表的判断：2028 年前实现 AGI 的概率为 50%。",
    'At a Davos lunch: the definition of AGI has become "so fuzzy", but within a decade OpenAI will have made '
    "something most people would consider AGI.":
        "在达沃斯的一次午餐会上：AGI 的定义已变得“如此模糊”，但十年内 OpenAI 会做出大多数人都会认为是 AGI 的东西。",
    "Aggregate forecast of a 50% chance that unaided machines outperform humans in every possible task by 2047 "
    "(10% by 2027); full automation of all occupations 50% only by 2116.":
        "汇总预测：到 2047 年，无需人类协助的机器在每一项可能的任务上都胜过人类的概率为 50%（到 2027 年为 10%）；"
        "而所有职业完全自动化的概率要到 2116 年才达到 50%。",
    "At a Stanford economic forum: if AGI means passing every test you can put to it, AI will do well on all of "
    "them in five years; by other definitions it may be much farther away.":
        "在斯坦福的一场经济论坛上：如果 AGI 指的是通过你能拿来考它的每一项测试，那么五年内 AI 会在所有测试上"
        "表现出色；按其他定义，它可能还远得多。",
    "In an X Spaces interview with Nicolai Tangen: AI smarter than any single human probably by the end of next "
    "year, within two years at most.":
        "在与 Nicolai Tangen 的 X Spaces 访谈中：比任何单个人类都聪明的 AI 很可能在明年年底前出现，最多不超过两年。",
    "AGI by 2027 is \"strikingly plausible\": another preschooler-to-high-schooler jump by extrapolating compute, "
    "algorithmic efficiency and 'unhobbling'.":
        "2027 年实现 AGI “极为可信”：外推算力、算法效率和“解除束缚”（unhobbling）的趋势，"
        "将再出现一次从学龄前儿童到高中生的跃升。",
    "In the essay Machines of Loving Grace: 'powerful AI' could come as early as 2026, though it could also take "
    "much longer.":
        "在文章《Machines of Loving Grace》中：“强大的 AI”最早可能在 2026 年出现，但也可能要久得多。",
    'On CBS 60 Minutes: AGI "in the next five to ten years", systems that understand the world around you in '
    "nuanced and deep ways.":
        "在 CBS《60 分钟》节目中：AGI 将“在未来五到十年内”出现，即能以细致而深刻的方式理解你周围世界的系统。",
    "At the Davos panel 'The Day After AGI': stood by his forecast of models at Nobel-laureate level across many "
    "fields by 2026 or 2027.":
        "在达沃斯“AGI 之后的第一天”（The Day After AGI）座谈中：坚持他的预测，即到 2026 或 2027 年，"
        "模型将在许多领域达到诺贝尔奖得主的水平。",
    "On the same Davos panel: kept his forecast of AGI towards the end of the decade, about a 50% chance by 2030.":
        "在同一场达沃斯座谈中：维持他对 AGI 将在本十年末前后到来的预测，到 2030 年的概率约为 50%。",
    "Machines able to do any work a human can do.": "能做人能做的任何工作的机器。",
    'A machine with "the general intelligence of an average human being" (read Shakespeare, grease a car, tell a '
    "joke).":
        "具有“普通人的一般智能”的机器（能读莎士比亚、给汽车上润滑油、讲笑话）。",
    "An AI that passes a valid Turing test, and therefore has human levels of intelligence.":
        "能通过有效的图灵测试、因而具有人类水平智能的 AI。",
    "HLMI: unaided machines can accomplish every task better and more cheaply than human workers (feasibility, "
    "not adoption).":
        "HLMI：无需人类协助的机器能比人类劳动者更好、更便宜地完成每一项任务（指可行性，而非实际采用）。",
    "General-purpose AI.": "通用 AI。",
    "AI that surpasses human intelligence in almost all areas (Reuters' paraphrase).":
        "几乎在所有领域都超越人类智能的 AI（路透社的转述）。",
    "A machine that can do the sorts of cognitive things people can typically do, possibly more.":
        "能做人们通常能做的那类认知工作、甚至更多的机器。",
    "Whatever most people will consider AGI (he called the term's definition fuzzy and 'sort of irrelevant').":
        "大多数人会认为是 AGI 的任何东西（他称这个词的定义很模糊，而且“有点无关紧要”）。",
    "HLMI: unaided machines outperform humans in every possible task.":
        "HLMI：无需人类协助的机器在每一项可能的任务上都胜过人类。",
    "Passing every test (bar exams, specialised medical exams...) that the industry could devise; he stressed the "
    "answer depends on the definition.":
        "通过业界所能设计的每一项测试（律师资格考试、专科医学考试……）；他强调答案取决于定义。",
    "Smarter than the smartest human.": "比最聪明的人还聪明。",
    "Models able to do the work of an AI researcher or engineer.": "能胜任 AI 研究员或工程师工作的模型。",
    "'Powerful AI' (he avoids 'AGI'): smarter than a Nobel Prize winner across most fields; a 'country of "
    "geniuses in a datacenter'.":
        "“强大的 AI”（他避免使用“AGI”一词）：在大多数领域比诺贝尔奖得主更聪明；“数据中心里的天才之国”。",
    "A system with all the cognitive capabilities of the human mind (his usual definition, repeated in 2025 "
    "interviews).":
        "具备人类心智全部认知能力的系统（他的一贯定义，在 2025 年的访谈中再次重申）。",
    "Models performing at the level of a Nobel laureate across many fields.": "在许多领域达到诺贝尔奖得主水平的模型。",
    "— (none given)": "—（未给出）",
}

def facts(p: pd.DataFrame) -> dict:
    from figures import _values_agi as v
    lead, mi = v.deadline(p[p.speaker_type == "AI company leader"]), v.row(p, "minsky-1970")
    return {"n": v.agi_count(p), "n_past": v.agi_past_count(p), "n_due": v.agi_due_count(p), "as_of": v.agi_status_year(p),
            "first_year": v.agi_first_year(p), "lead_leaders": v.agi_leaders_median_lead_years(p),
            "simon_year": v.agi_simon_year(p), "simon_said": v.agi_simon_said_year(p),
            "minsky_said": mi.said_date.year, "minsky_low": mi.predicted_year, "minsky_high": mi.predicted_year_high,
            "asch_year": v.agi_aschenbrenner_year(p), "lead_min": lead.min(), "lead_max": lead.max(),
            "survey_years": " and ".join(map(str, sorted(p[p.speaker_type == "Expert survey"].predicted_year))),
            "survey_years_zh": "和 ".join(f"{y} 年" for y in sorted(p[p.speaker_type == "Expert survey"].predicted_year))}


TYPES = ["AI company leader", "Researcher or writer", "Expert survey"]
# a prediction's status, computed in table() (pipeline/dates.py: STATUS_EN, in its order); chart() draws
# the lapsed ones hollow
STATUS = ["Deadline ahead", "Due this year", "Lapsed", "Came true"]
STATUS_SHAPE = ["circle", "square", "diamond", "triangle-up"]
GREY = alt.value("#8a939e")
# uneven (piecewise-linear) axes: breaks and the share of the width/height up to each break
# (one name per line: the notebook build picks up only single-name assignments)
XBRK = [1975, 2015, 2022, 2023.5, 2025]
XFRAC = (0.1, 0.18, 0.26, 0.34, 0.7, 0.9)
YBRK = [1960, 2020, 2040, 2065]
YFRAC = (1, 0.72, 0.15, 0)
# label placement (align, dx, dy) where the default ("left", 7, 0) would collide
PLACE = {"simon-1960": ("left", 6, -9), "kurzweil-2017": ("right", -7, 0), "son-2023": ("right", -7, 0),
         "legg-2023": ("right", -7, 0), "musk-2024": ("right", -5, 15), "hinton-2023": ("right", -7, 0),
         "aschenbrenner-2024": ("left", 7, -3), "huang-2024": ("left", 7, -8),
         "amodei-2026": ("left", 6, 12), "hassabis-2025": ("left", 6, -42)}
HIDDEN = ["amodei-2024"]  # unlabelled (tooltip only): no free space between the dashed and dotted lines


def table(p: pd.DataFrame) -> pd.DataFrame:
    """One row per prediction: who made it, when (to the precision known), the year (or range)
    predicted and its status as of the data's as-of date (pipeline/dates.py data_as_of)."""
    from figures import _values_agi as v
    from pipeline import dates

    # plotted at the middle of what is known: a date known to the month at mid-month
    start = (p.said_date.dt.day_of_year - 1) / 365.25
    mid = start + (p.said_date.dt.days_in_month / 2) / 365.25
    said = p.said_date.dt.year + start.where(p.said_date_precision == "day", mid)
    return p.assign(
        said_date=[dates.iso(d, pr) for d, pr in zip(p.said_date, p.said_date_precision)],
        said_year=said.round(2), deadline_year=v.deadline(p), as_of_year=v.as_of_year(p),
        status=v.status(p).map(dates.STATUS_EN),
        predicted=p.predicted_year.astype(str) + p.predicted_year_high.map(lambda h: "" if pd.isna(h) else f"–{h}"),
        label=p.id.str.replace("-", " ").str.title().where(~p.id.isin(HIDDEN), ""),
        said=[dates.fmt(d, pr) for d, pr in zip(p.said_date, p.said_date_precision)],
        definition=p.agi_definition.fillna("— (none given)"),
    )[["id", "person", "role", "speaker_type", "said_date", "said_date_precision", "said", "said_year",
       "predicted_year", "predicted_year_high", "predicted", "deadline_year", "as_of_year", "status", "prediction",
       "agi_definition", "definition", "label", "source_url"]]


def chart(table: pd.DataFrame) -> alt.Chart:
    # a CSV read gives the empty labels as NaN and the missing definition as NaN rather than <NA>:
    # restore them (the values plotted are the same, and Altair names the views from the table's
    # text). said_date stays ISO text at its precision ("2017-03"): the chart plots said_year.
    table = table.assign(label=lambda t: t.label.fillna(""), agi_definition=lambda t: t.agi_definition.astype("string"))
    as_of = int(table.as_of_year.max())
    # the axis runs a year past the as-of date, or past the latest prediction if that were later
    first, end = int(np.floor(float(table.said_year.min()) / 5) * 5) - 5, max(as_of, int(table.said_year.max())) + 1
    xa = alt.Axis(values=[first + 5, 1970, 2015, 2020] + list(range(2023, end + 1)), format="d",
                  labelOverlap="greedy", title="Date the prediction was made (uneven scale)")
    xs = alt.Scale(domain=[first] + XBRK + [end, end + 1],
                   range=[0] + [{"expr": f"width*{f}"} for f in XFRAC] + [{"expr": "width"}])
    ya = alt.Axis(values=[1960, 1980, 2000, 2020, 2030, 2040, 2060], format="d", labelOverlap=False,
                  title="Predicted year of arrival (uneven scale)")
    ys = alt.Scale(domain=YBRK, range=[{"expr": f"height*{f}"} for f in YFRAC])
    x, y = alt.X("said_year:Q", scale=xs, axis=xa), alt.Y("predicted_year:Q", scale=ys, axis=ya)
    color = alt.Color("speaker_type:N", title=None, scale=alt.Scale(domain=TYPES), legend=alt.Legend(columns=3))
    pick = alt.selection_point(fields=["speaker_type"], bind="legend")
    fade = alt.condition(pick, alt.value(1), alt.value(0.15))
    tip = [alt.Tooltip(f"{f}:N", title=t) for f, t in (("person", "Who"), ("role", "Role"), ("said", "Said"), (
        "predicted", "Predicted arrival"), ("prediction", "Gist"), ("definition", "Definition"), ("status", "Status"))]
    base = alt.Chart(table)
    one = base.transform_aggregate(as_of_year="max(as_of_year)")  # a single row for the reference marks
    xy = dict(x=alt.X("said_year:Q", scale=xs, axis=xa), y=alt.Y("yr:Q", scale=ys, axis=ya), color=GREY)
    curve = one.transform_calculate(t=f"sequence({first}, {end + 1.01}, 0.25)").transform_flatten(
        ["t"]).transform_calculate(said_year="datum.t", yr="datum.t").mark_line(strokeDash=[1, 3]).encode(**xy)
    curve_note = one.transform_calculate(said_year="2010", yr="2010", t="'arrival = date said'").mark_text(
        align="left", dy=12).encode(text="t:N", **xy)
    as_of_rule = one.transform_calculate(yr="datum.as_of_year").mark_rule(strokeDash=[6, 4]).encode(
        y=xy["y"], color=GREY)
    as_of_text = one.transform_calculate(said_year=str(first + 1), yr="datum.as_of_year",  # below the line
                                         t="'as of ' + datum.as_of_year").mark_text(
        align="left", baseline="top", dy=4).encode(text="t:N", **xy)
    bars = base.mark_rule(strokeWidth=2).encode(x=x, y=y, y2="predicted_year_high:Q", color=color,
                                                  opacity=fade).transform_filter("isValid(datum.predicted_year_high)")
    shape = alt.Shape("status:N", title=None, scale=alt.Scale(domain=STATUS, range=STATUS_SHAPE),
                      legend=alt.Legend(orient="bottom-right", direction="vertical", columns=1,  # those the data has
                                        values=[s for s in STATUS if s in set(table.status)]))
    enc = dict(x=x, y=y, color=color, shape=shape, opacity=fade, tooltip=tip)
    ahead = base.mark_point(filled=True, size=70).encode(**enc).transform_filter(
        alt.FieldOneOfPredicate(field="status", oneOf=[s for s in STATUS if s != STATUS[2]]))
    gone = base.mark_point(filled=False, size=80, strokeWidth=2).encode(**enc).transform_filter(
        alt.datum.status == STATUS[2])
    spots = {}
    for i in table.id:
        spots.setdefault(PLACE.get(i, ("left", 7, 0)), []).append(i)
    labels = [base.mark_text(align=al, dx=dx, dy=dy).encode(x=x, y=y, text="label:N", opacity=fade)
              .transform_filter(alt.FieldOneOfPredicate(field="id", oneOf=ids)) for (al, dx, dy), ids in spots.items()]
    return alt.layer(_theme.essay_rule(base, years=True, side="up-left", scale=xs), curve, curve_note, as_of_rule, as_of_text, bars, ahead.add_params(pick), gone, *labels)
