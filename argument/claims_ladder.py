"""Claims of chapter 5 (the ladder of generality), re-checked on every build.

One short function per claim; see pipeline/claims.py.
"""
from argument import values_ladder as ld
from pipeline.claims import Check, claim
from pipeline.figures import labels

LG = ("ladder_of_generality",)
RUNG_ZH = labels("ladder_of_generality")  # the figure's Chinese rung names (figures/ladder_of_generality.yml)


@claim("ladder-long-flats", LG, chapter="ladder-of-generality", by="annotation", figure="ladder-of-generality",
       text="The longest flat in our version lasts {longest} years, from {start} to {end}, while the median wait "
            "between rungs is {median:.0f} years.",
       zh="在我们绘制的版本中，最长的一段平台期持续了 {longest} 年（从 {start} 年到 {end} 年），"
          "而相邻两级台阶之间间隔的中位数则是 {median:.0f} 年。")
def ladder_long_flats(df):
    d = ld._dated(df).reset_index(drop=True)
    waits = d.year.diff().iloc[2:]          # leave out the wait after the bottom rung, whose date is arbitrary
    i = waits.idxmax()
    longest, median = int(waits.max()), float(waits.median())
    return Check(holds=longest == ld.ladder_longest_flat_years(df) and longest >= 3 * median,
                 numbers={"longest": longest, "start": int(d.year[i - 1]), "end": int(d.year[i]), "median": median},
                 working="years between successive dated rungs (from the second rung on): "
                         + ", ".join(f"{int(w)}" for w in waits)
                         + f"; longest {longest} ({d.rung_name[i - 1]} to {d.rung_name[i]}), median {median:g}. Holds "
                         "while the longest flat is at least three times the median wait (steps that come in bursts "
                         "separated by long landings, not at an even pace).",
                 working_zh="相邻两级有年份的台阶之间相隔的年数（从第二级起）："
                            + "、".join(f"{int(w)}" for w in waits)
                            + f"；最长 {longest} 年（从{RUNG_ZH.get(d.rung_name[i - 1], d.rung_name[i - 1])}到"
                            f"{RUNG_ZH.get(d.rung_name[i], d.rung_name[i])}），中位数 {median:g} 年。只要最长的平台期至少是"
                            "中位间隔的三倍（即跃升是一阵一阵出现的，中间隔着漫长的平台期，而不是匀速到来），即成立。",
                 rows=[str(r) for r in d.rung])
