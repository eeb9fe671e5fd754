"""Claims of chapter 3 (synthetic data is not a magic bullet), re-checked on every build.

One short function per claim; see pipeline/claims.py.
"""
import re

from argument import values_alphago as ag
from pipeline.claims import Check, claim

AG = ("alphago_elo",)


def _expected(diff: float) -> float:
    """Expected score of the stronger player under the logistic Elo model (400-point scale)."""
    return 1 / (1 + 10 ** (-diff / 400))


@claim("alphago-zero-surpasses", AG, chapter="synthetic-data", by="essay",
       quote='the latter two did not use any human games as training data', section='synthetic-data', figure="alphago-self-play",
       text="AlphaGo Zero, trained only on self-play, reached {zero:,.0f} some {months} months later, {diff:,.0f} "
            "points higher and above every version that learned from human games.",
       zh="约 {months} 个月后，仅靠自我对弈训练的 AlphaGo Zero 达到了 {zero:,.0f} 分，"
          "比击败李世石的那个版本高出 {diff:,.0f} 分，超过了所有从人类棋谱中学习的版本。")
def alphago_zero_surpasses(df):
    zero = ag._zero(df)
    human = df[(df.kind == "program") & (df.trained_on != "self-play only")]
    best_human = human.loc[human.elo.idxmax()]
    return Check(holds=zero.elo > best_human.elo,
                 numbers={"zero": zero.elo, "months": ag.alphago_months_lee_to_zero(df),
                          "diff": ag.alphago_zero_lee_diff(df), "best_human_trained": best_human.elo},
                 working=f"{zero.system} {zero.elo:,.0f} - AlphaGo Lee {ag.alphago_lee_elo(df):,.0f} = "
                         f"{ag.alphago_zero_lee_diff(df):,.0f}; strongest program trained on human games: "
                         f"{best_human.system} at {best_human.elo:,.0f}. Holds while the strongest self-play-only "
                         "program is rated above every program that learned from human games.",
                 working_zh=f"{zero.system} {zero.elo:,.0f} - AlphaGo Lee {ag.alphago_lee_elo(df):,.0f} = "
                            f"{ag.alphago_zero_lee_diff(df):,.0f}；以人类棋谱训练的最强程序：{best_human.system}，"
                            f"{best_human.elo:,.0f} 分。只要仅靠自我对弈训练的最强程序，其等级分高于所有从人类棋谱中学习的程序，即成立。",
                 rows=[str(zero.id), "alphago-lee", str(best_human.id)])


@claim("alphago-zero-lee-expectancy", AG, chapter="synthetic-data", by="annotation", figure="alphago-self-play",
       text="At that gap the Elo formula expects the stronger program to score {pct:.2f}% of the points, "
            "practically every game.",
       zh="按 Elo 公式，如此大的分差意味着较强的一方预期能拿到 {pct:.2f}% 的分数，几乎盘盘皆胜。")
def alphago_zero_lee_expectancy(df):
    pct = ag.alphago_zero_win_vs_lee_pct(df)
    return Check(holds=pct >= 99,
                 numbers={"pct": pct, "diff": ag.alphago_zero_lee_diff(df)},
                 working=f"1 / (1 + 10^(-{ag.alphago_zero_lee_diff(df):,.0f}/400)) = {pct:.3f}%. "
                         "Holds while the expected score is at least 99%.",
                 working_zh=f"1 / (1 + 10^(-{ag.alphago_zero_lee_diff(df):,.0f}/400)) = {pct:.3f}%。"
                            "只要预期得分至少为 99%，即成立。",
                 rows=[str(ag._zero(df).id), "alphago-lee"])


@claim("alphago-elo-matches-games", AG, chapter="synthetic-data", by="annotation", figure="alphago-self-play",
       text="The internal scale agrees with the games actually played: the {diff:,.0f}-point gap between AlphaGo Zero "
            "and AlphaGo Master predicts a score of {expected:.0%}, and Zero won {won} of their {games} games.",
       zh="这套内部等级分与实际对局结果吻合：AlphaGo Zero 与 AlphaGo Master 相差 {diff:,.0f} 分，"
          "据此预测的得分率为 {expected:.0%}，而两者对弈 {games} 盘，Zero 赢了 {won} 盘。")
def alphago_elo_matches_games(df):
    zero, master = ag._zero(df), ag._row(df, "alphago-master")
    won, lost = map(int, re.match(r"(\d+)-(\d+) against AlphaGo Master", zero.landmark).groups())
    diff, expected = zero.elo - master.elo, _expected(zero.elo - master.elo)
    actual = won / (won + lost)
    return Check(holds=abs(expected - actual) <= 0.05,
                 numbers={"diff": diff, "expected": expected, "won": won, "games": won + lost, "actual": actual},
                 working=f"{zero.elo:,.0f} - {master.elo:,.0f} = {diff:,.0f} points; 1 / (1 + 10^(-{diff:,.0f}/400)) = "
                         f"{expected:.3f}; match record {won}-{lost} = {actual:.3f}. Holds while the predicted and "
                         "observed scores differ by at most 5 percentage points.",
                 working_zh=f"{zero.elo:,.0f} - {master.elo:,.0f} = {diff:,.0f} 分；1 / (1 + 10^(-{diff:,.0f}/400)) = "
                            f"{expected:.3f}；对局战绩 {won} 胜 {lost} 负 = {actual:.3f}。只要预测得分率与实际得分率相差不超过 "
                            "5 个百分点，即成立。",
                 rows=[str(zero.id), "alphago-master"])
