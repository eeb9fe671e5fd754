"""Claims about public predictions of AGI (ladder-of-generality and agi-predictions pages), re-checked on every build.

One short function per claim; see pipeline/claims.py.
"""
from argument import values_agi as agi
from pipeline import dates
from pipeline.claims import Check, as_of, claim
from pipeline.figures import labels

AGI = ("agi_predictions",)
SPEAKER_ZH = labels("agi_predictions")  # the figure's Chinese words for speaker types (figures/agi_predictions.yml)
LEADER, SURVEY = "AI company leader", "Expert survey"


@claim("agi-leaders-short-horizon", AGI, chapter="ladder-of-generality", by="annotation", figure="agi-predictions",
       text="The median prediction in our list places AGI {median:.0f} years after the moment it was made; among the "
            "leaders of AI companies, only {leaders:.0f} years.",
       zh="我们列表中的预测，从作出之时到所预言的 AGI 到来，间隔的中位数是 {median:.0f} 年；AI "
          "公司领导者的预测则只有 {leaders:.0f} 年。")
def agi_leaders_short_horizon(df):
    med, lead = agi.agi_median_lead_years(df), agi.agi_leaders_median_lead_years(df)
    gaps = agi.deadline(df) - df.said_date.dt.year
    return Check(holds=lead < med and lead <= 10,
                 numbers={"median": med, "leaders": lead, "n": len(df), "n_leaders": agi.agi_leaders_count(df)},
                 working="deadline year - year said, all predictions: "
                         + ", ".join(f"{i} {int(g)}" for i, g in zip(df.id, gaps))
                         + f"; median {med:g}; the {agi.agi_leaders_count(df)} by AI company leaders: median {lead:g}. "
                         "Holds while the leaders' median horizon is shorter than the overall median and at most ten years.",
                 working_zh="预言期限年份 - 作出预言的年份，全部预测："
                            + "，".join(f"{i} {int(g)}" for i, g in zip(df.id, gaps))
                            + f"；中位数 {med:g}；AI 公司领导者的 {agi.agi_leaders_count(df)} 条预测：中位数 {lead:g}。"
                            "只要领导者预测所隔年数的中位数短于总体中位数、且不超过十年，即成立。",
                 rows=list(df.id))


@claim("agi-list-headline-heavy", AGI, chapter="agi-predictions", by="annotation", figure="agi-predictions",
       text="Leaders of AI companies made {leaders} of the {n} predictions; surveys of researchers account for "
            "only {surveys}.",
       zh="{n} 条预测中有 {leaders} 条出自 AI 公司的领导者，来自研究者调查的只有 {surveys} 条。")
def agi_list_headline_heavy(df):
    leaders, surveys = int((df.speaker_type == LEADER).sum()), int((df.speaker_type == SURVEY).sum())
    return Check(holds=leaders >= len(df) / 2 and leaders > surveys,
                 numbers={"leaders": leaders, "n": len(df), "surveys": surveys},
                 working=f"speaker_type counts: {df.speaker_type.value_counts().to_dict()}. Holds while AI company "
                         "leaders make up at least half of the list (and outnumber the surveys), i.e. while the list "
                         "is weighted towards people who make headlines.",
                 working_zh="speaker_type 各类计数："
                            + "，".join(f"{SPEAKER_ZH.get(k, k)} {n} 条" for k, n in df.speaker_type.value_counts().items())
                            + "。只要 AI 公司领导者至少占列表的一半（且多于调查），也就是列表偏重于上新闻头条的人物，即成立。",
                 rows=list(df.id))


@claim("agi-simon-passed", AGI, chapter="ladder-of-generality", by="annotation", figure="agi-predictions",
       text="Herbert Simon predicted in {said} that machines would do any work a person can do by {year}; that "
            "deadline passed {since} years ago.",
       zh="Herbert Simon 在 {said} 年预言，到 {year} 年机器将能胜任人能做的任何工作；这个期限已经过去 "
          "{since} 年了。")
def agi_simon_passed(df):
    r = agi.row(df, "simon-1960")
    year, said, now = int(agi.deadline(df)[df.id == "simon-1960"].iloc[0]), int(r.said_date.year), as_of().year
    return Check(holds=dates.status(year, now) == dates.LAPSED,
                 numbers={"said": said, "year": year, "since": now - year},
                 working=f"simon-1960: said {dates.fmt(r.said_date, r.said_date_precision)}, deadline {year}; "
                         f"checked as of {dates.fmt(as_of())}: "
                         f"{now} - {year} = {now - year} years. Holds while the deadline lies before the year the "
                         "claims are checked.",
                 working_zh=f"simon-1960：作出预言于 {dates.fmt(r.said_date, r.said_date_precision, 'zh')}，"
                            f"期限 {year} 年；核查日期 {dates.fmt(as_of(), 'day', 'zh')}："
                            f"{now} - {year} = {now - year} 年。只要期限早于核查这些论断的年份，即成立。",
                 rows=["simon-1960"])
