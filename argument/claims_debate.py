"""Claims of the debate chapter (the forecast the essay answers), re-checked on every build.

One short function per claim; see pipeline/claims.py.
"""
from argument import values_agi as agi
from argument import values_arc as arc
from argument.values import in_words
from pipeline import dates
from pipeline.claims import Check, claim

AGI = ("agi_predictions",)
PRECISION_ZH = {"day": "日", "month": "月", "year": "年"}  # for the Chinese working


@claim("aschenbrenner-agi-by", AGI, chapter="debate", by="essay",
       quote='AGI by 2027 is strikingly plausible', section='further-reading', figure="agi-predictions",
       text="Aschenbrenner argues there that AGI by {year}, {lead_words} years after he wrote, is "
            "“strikingly plausible”.",
       zh="Aschenbrenner 在这组文章中主张，到 {year} 年、即成文{lead_words!z}年后实现通用人工智能（AGI），"
          "“可能性高得惊人”（strikingly plausible）。")
def aschenbrenner_agi_by(df):
    r = agi.row(df, "aschenbrenner-2024")
    year, lead, before = int(r.predicted_year), int(r.predicted_year) - r.said_date.year, (arc.ESSAY - r.said_date).days
    return Check(holds=0 <= before <= 92 and lead <= 5,
                 numbers={"year": year, "lead": lead, "lead_words": in_words(lead), "days_before_essay": before},
                 working=f"said {dates.fmt(r.said_date, r.said_date_precision)} (precision: {r.said_date_precision}), "
                         f"predicted {year}: "
                         f"{year} - {r.said_date.year} = {lead} years; {before} days before the essay "
                         f"({arc.ESSAY:%Y-%m-%d}). Holds while the forecast predates the essay by at most three months "
                         "(the essay's 'recent') and names a year at most five years ahead.",
                 working_zh=f"作出预言于 {dates.fmt(r.said_date, r.said_date_precision, 'zh')}（日期精度：{PRECISION_ZH.get(r.said_date_precision, r.said_date_precision)}），"
                            f"预言年份 {year} 年：{year} - {r.said_date.year} = {lead} 年；早于文章发表 {before} 天"
                            f"（{arc.ESSAY:%Y-%m-%d}）。只要该预测早于文章发表不超过三个月（即文章所说的“最近”），"
                            "且所预言的年份至多在五年之后，即成立。",
                 rows=["aschenbrenner-2024"])


@claim("aschenbrenner-vs-surveys", AGI, chapter="debate", by="annotation", figure="agi-predictions",
       text="Aschenbrenner's {year} is {gap} years earlier than {survey_year}, the year by which the most recent survey "
            "of AI researchers in our list gives even odds of human-level machine intelligence.",
       zh="Aschenbrenner 给出的 {year} 年，比 {survey_year} 年早了 {gap} 年；按我们列表中最近一次 AI "
          "研究者调查的结果，要到那一年，人类水平机器智能出现的概率才达到五成。")
def aschenbrenner_vs_surveys(df):
    a = agi.row(df, "aschenbrenner-2024")
    surveys = df[df.speaker_type == "Expert survey"].sort_values("said_date")
    s = surveys.iloc[-1]
    gap = int(s.predicted_year - a.predicted_year)
    return Check(holds=gap >= 10,
                 numbers={"year": int(a.predicted_year), "gap": gap, "survey_year": int(s.predicted_year)},
                 working=f"{s.person} (said {dates.fmt(s.said_date, s.said_date_precision)}): {int(s.predicted_year)}; Aschenbrenner: "
                         f"{int(a.predicted_year)}; gap {gap} years. Holds while the latest survey's date is at least a "
                         "decade later than Aschenbrenner's.",
                 working_zh=f"{s.person}（发表于 {dates.fmt(s.said_date, s.said_date_precision, 'zh')}）：{int(s.predicted_year)} 年；Aschenbrenner："
                            f"{int(a.predicted_year)} 年；相差 {gap} 年。只要最近一次调查给出的年份比 Aschenbrenner 的至少晚十年，即成立。",
                 rows=["aschenbrenner-2024", str(s.id)])
