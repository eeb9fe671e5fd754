"""Claims of chapter 1 (scaling "laws" predict loss, not abilities), re-checked on every build.

One short function per claim; see pipeline/claims.py.
"""
import math

from argument import values_arc as arc
from argument import values_emergence as em
from argument import values_scaling as sc
from argument.values import in_words
from pipeline import dates
from pipeline.claims import Check, claim
from pipeline.i18n import zh_number

FITS, EM, ARC = ("scaling_law_fits",), ("emergence_illustration",), ("arc_agi_scores",)


def _months(a, b) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month)


@claim("scaling-kaplan-range", FITS, chapter="scaling-laws", by="essay",
       quote='holds across many orders of magnitude', section='scaling-laws', figure="scaling-laws",
       text="In the OpenAI experiments, the loss of a language model fell as a power law of its size across "
            "{orders:.0f} orders of magnitude, from {n_min:,.0f} to {n_max:.1f} billion non-embedding parameters.",
       zh="在 OpenAI 的实验中，语言模型的损失随模型规模按幂律下降，这一规律横跨 {orders:.0f} 个数量级："
          "非嵌入参数从 {n_min:,.0f} 个到 {n_max!b}个。")
def scaling_kaplan_range(fits):
    lo, hi = sc.const(fits, "kaplan-2020-n", "N_min"), sc.const(fits, "kaplan-2020-n", "N_max")
    orders = math.log10(hi / lo)
    return Check(holds=orders >= 3,
                 numbers={"orders": orders, "n_min": lo, "n_max": hi / 1e9},
                 working=f"log10(N_max {hi:,.3g} / N_min {lo:,.0f}) = {orders:.2f} orders of magnitude over which "
                         "Kaplan et al. fitted L(N). Holds while the fitted range spans at least three orders of "
                         "magnitude (the essay's 'many orders of magnitude').",
                 working_zh=f"log10(N_max {zh_number(hi)} / N_min {lo:,.0f}) = {orders:.2f}，即 Kaplan 等人拟合 L(N) 所跨越的"
                            "数量级数。只要拟合范围至少跨越三个数量级（文章所说的“许多个数量级”），即成立。",
                 rows=["kaplan-2020-n/N_min", "kaplan-2020-n/N_max"])


@claim("scaling-kaplan-tenfold", FITS, chapter="scaling-laws", by="annotation", figure="scaling-laws",
       text="Every tenfold increase in parameters cut the loss by only about {drop:.0f}%, a power-law exponent "
            "of {alpha:.3f}.",
       zh="参数每增加到原来的十倍，损失只降低约 {drop:.0f}%，对应的幂律指数为 {alpha:.3f}。")
def scaling_kaplan_tenfold(fits):
    alpha, drop = sc.scaling_kaplan_alpha_n(fits), sc.scaling_kaplan_drop_pct_10x(fits)
    return Check(holds=drop < 20,
                 numbers={"drop": drop, "alpha": alpha},
                 working=f"L(10N) / L(N) = 10^-alpha_N = 10^-{alpha:g} = {1 - drop / 100:.3f}, a fall of {drop:.1f}% "
                         "at any N. Holds while a tenfold step removes less than a fifth of the loss.",
                 working_zh=f"L(10N) / L(N) = 10^-alpha_N = 10^-{alpha:g} = {1 - drop / 100:.3f}，即无论 N 取何值，损失都下降 "
                            f"{drop:.1f}%。只要规模每扩大十倍所减少的损失不到五分之一，即成立。",
                 rows=["kaplan-2020-n/alpha_N"])


@claim("scaling-epoch-floor-higher", FITS, chapter="scaling-laws", by="annotation", figure="scaling-laws",
       text="The refit puts the irreducible floor higher, at {epoch:.2f} nats per token against Chinchilla's "
            "{chinchilla:.2f}.",
       zh="重新拟合得出的不可约下限更高：每个词元 {epoch:.2f} 奈特，而 Chinchilla 的结果是 "
          "{chinchilla:.2f}。")
def scaling_epoch_floor_higher(fits):
    ep, ch = sc.scaling_epoch_e(fits), sc.scaling_chinchilla_e(fits)
    return Check(holds=ep > ch,
                 numbers={"epoch": ep, "chinchilla": ch},
                 working=f"irreducible loss E: Besiroglu et al. {ep:g} vs Hoffmann et al. {ch:g} nats per token, "
                         f"a difference of {ep - ch:+.3f}. Holds while Epoch's floor is the higher one.",
                 working_zh=f"不可约损失 E：Besiroglu 等人为每个词元 {ep:g} 奈特，Hoffmann 等人为 {ch:g} 奈特，相差 "
                            f"{ep - ch:+.3f}。只要 Epoch 给出的下限是两者中较高的那个，即成立。",
                 rows=["besiroglu-2024/E", "hoffmann-2022/E"])


@claim("scaling-chinchilla-tenfold", FITS, chapter="scaling-laws", by="annotation", figure="scaling-laws",
       text="Along the Chinchilla fit, going from Chinchilla's own size to a model ten times larger lowers the "
            "predicted loss by only about {chinchilla:.0f}% ({epoch:.0f}% under Epoch's refit).",
       zh="按 Chinchilla 的拟合结果，把模型从 Chinchilla 本身的规模扩大到十倍，预测损失只下降约 "
          "{chinchilla:.0f}%（按 Epoch AI 的重新拟合为 {epoch:.0f}%）。")
def scaling_chinchilla_tenfold(fits):
    ch, ep = sc.scaling_chinchilla_drop_pct_10x(fits), sc.scaling_epoch_drop_pct_10x(fits)
    n = sc.const(fits, "hoffmann-2022", "chinchilla_N")
    return Check(holds=ch < 10 and ep < 10,
                 numbers={"chinchilla": ch, "epoch": ep},
                 working=f"L = E + A/N^alpha + B/D^beta at D = {sc.tokens_per_param(fits):.0f}·N: Chinchilla fit "
                         f"{sc.loss(fits, 'hoffmann-2022', n):.3f} at N = {n:,.3g} and "
                         f"{sc.loss(fits, 'hoffmann-2022', 10 * n):.3f} at 10N ({ch:.1f}% lower); Epoch refit "
                         f"{sc.loss(fits, 'besiroglu-2024', n):.3f} and {sc.loss(fits, 'besiroglu-2024', 10 * n):.3f} "
                         f"({ep:.1f}% lower). Holds while both fits predict a fall of less than 10%.",
                 working_zh=f"在 D = {sc.tokens_per_param(fits):.0f}·N 时，L = E + A/N^alpha + B/D^beta：按 Chinchilla 的拟合，"
                            f"N = {zh_number(n)}时为 {sc.loss(fits, 'hoffmann-2022', n):.3f}，10N 时为 "
                            f"{sc.loss(fits, 'hoffmann-2022', 10 * n):.3f}（降低 {ch:.1f}%）；按 Epoch 的重新拟合，分别为 "
                            f"{sc.loss(fits, 'besiroglu-2024', n):.3f} 和 {sc.loss(fits, 'besiroglu-2024', 10 * n):.3f}"
                            f"（降低 {ep:.1f}%）。只要两种拟合预测的降幅都小于 10%，即成立。",
                 rows=[f"{f}/{p}" for f in ("hoffmann-2022", "besiroglu-2024") for p in ("E", "A", "B", "alpha", "beta")]
                 + ["hoffmann-2022/chinchilla_N", "hoffmann-2022/chinchilla_D"])


@claim("emergence-mirage-illustration", EM, chapter="scaling-laws", by="annotation", figure="emergence-metric",
       text="In the illustration, per-token accuracy climbs gradually from {p_small:.0%} to {p_large:.0%}, while "
            "exact match on a {k:.0f}-token answer stays near zero ({em_100m:.1%} at {n_100m_million:,.0f} million "
            "parameters, where per-token accuracy is already {p_100m:.0%}) and then rises steeply, to {em_large:.0%}.",
       zh="在这个示意例子中，逐词元准确率从 {p_small:.0%} 逐步升至 {p_large:.0%}；而长度为 {k:.0f} "
          "个词元的答案，其完全匹配率起初一直接近于零（参数量为 {n_100m_million!m}时仅为 "
          "{em_100m:.1%}，而此时逐词元准确率已达 {p_100m:.0%}），随后陡然上升，直至 {em_large:.0%}。")
def emergence_mirage_illustration(df):
    p100 = em._p(df, em.emergence_size_100m(df))
    e100, elarge = em.emergence_exact_match_100m(df), em.emergence_exact_match_large(df)
    return Check(holds=e100 < 0.01 and p100 > 1 / 3 and elarge >= 0.5,
                 numbers={"p_small": em.emergence_per_token_small(df), "p_large": em.emergence_per_token_large(df),
                          "k": em.emergence_tokens_default(df), "em_100m": e100,
                          "n_100m_million": em.emergence_size_100m(df) / 1e6,
                          "p_100m": p100, "em_large": elarge},
                 working="per-token p = exp(-(N/c)^alpha); exact match = p^k with "
                         f"k = {em.emergence_tokens_default(df):.0f}: "
                         f"at 1e8 parameters p = {p100:.3f}, p^k = {e100:.4f}; at the largest size p^k = {elarge:.3f}. "
                         "Holds while exact match at 100 million parameters is under 1% although per-token accuracy "
                         "there is above a third, and exact match at the largest size reaches at least 50%.",
                 working_zh="逐词元准确率 p = exp(-(N/c)^alpha)；完全匹配率 = p^k，其中 "
                            f"k = {em.emergence_tokens_default(df):.0f}：参数量为 1亿时，p = {p100:.3f}，p^k = {e100:.4f}；"
                            f"在最大规模下，p^k = {elarge:.3f}。只要参数量为 1亿时完全匹配率低于 1%（尽管此时逐词元准确率"
                            "已超过三分之一），且在最大规模下完全匹配率至少达到 50%，即成立。",
                 rows=["alpha", "c", "size-min", "size-max", "tokens-default"])


@claim("arc-novel-tasks-at-essay", ARC, chapter="scaling-laws", by="essay",
       quote='LLMs tend to perform poorly', section='scaling-laws', figure="arc-scores",
       text="When the essay was written, the best verified score on ARC-AGI-1's held-out tasks was {best:.4g}%, and "
            "GPT-4o on its own scored {gpt4o:.4g}%, against an average of {human:.4g}% for people recruited online.",
       zh="文章写作时，ARC-AGI-1 留出测试任务上经过验证的最好成绩是 {best:.4g}%，GPT-4o 单独作答只得 "
          "{gpt4o:.4g}%，而在线招募的受试者平均得分为 {human:.4g}%。")
def arc_novel_tasks_at_essay(df):
    best, g, h = arc.best(df, "ARC-AGI-1", arc.ESSAY), arc.gpt4o_arc1(df), arc.human_arc1_average(df)
    return Check(holds=best.score_pct < h and g < h / 4,
                 numbers={"best": best.score_pct, "gpt4o": g, "human": h},
                 working=f"best held-out ARC-AGI-1 system score dated on or before {arc.ESSAY:%Y-%m-%d}: "
                         f"{best.score_pct:g}% ({best.system}); GPT-4o pass@1 {g:g}% "
                         f"(measured {arc.row(df, 'arc1-gpt-4o').date:%Y-%m-%d}); "
                         f"average crowd worker {h:g}%. Holds while the best score at the essay's date is below the human "
                         "average and GPT-4o alone scores under a quarter of it (the essay's 'perform poorly').",
                 working_zh=f"{arc.ESSAY:%Y-%m-%d} 当天或之前，ARC-AGI-1 留出任务上的最好系统成绩：{best.score_pct:g}%"
                            f"（{best.system}）；GPT-4o pass@1 为 {g:g}%（测于 {arc.row(df, 'arc1-gpt-4o').date:%Y-%m-%d}）；"
                            f"众包受试者平均 {h:g}%。只要文章发表时的最好成绩低于人类平均水平，且 GPT-4o 单独作答的得分"
                            "不到人类平均的四分之一（文章所说的“表现不佳”），即成立。",
                 rows=[str(best.id), "arc1-gpt-4o", "arc1-human-h-arc-average"])


@claim("arc-o3-jump", ARC, chapter="scaling-laws", by="annotation", figure="arc-scores",
       text="Within {months_words} months of the essay, OpenAI's o3-preview reached {low:.4g}% on ARC-AGI-1 at about "
            "${cost:,.0f} of compute per task, and {high:.4g}% with far more compute.",
       zh="文章发表后{months_words!z}个月内，OpenAI 的 o3-preview 在 ARC-AGI-1 上以每道题约 {cost:,.0f} "
          "美元的算力拿到了 {low:.4g}%，投入多得多的算力后更达到 {high:.4g}%。")
def arc_o3_jump(df):
    low, at_essay = arc.row(df, "arc1-o3-preview-low"), arc.best(df, "ARC-AGI-1", arc.ESSAY)
    months = _months(arc.ESSAY, low.date)
    return Check(holds=low.score_pct >= 2 * at_essay.score_pct and 0 <= months <= 12,
                 numbers={"months": months, "months_words": in_words(months), "low": low.score_pct,
                          "cost": arc.o3_low_cost(df), "high": arc.o3_high(df)},
                 working=f"o3-preview (low) {low.score_pct:g}% on {low.date:%Y-%m-%d}, {months} months after the essay; "
                         f"best held-out score at the essay's date {at_essay.score_pct:g}%, ratio "
                         f"{low.score_pct / at_essay.score_pct:.2f}. Holds while the low-compute o3-preview score at "
                         "least doubles the best score at the essay's date, within twelve months of it.",
                 working_zh=f"o3-preview (low) 于 {low.date:%Y-%m-%d} 取得 {low.score_pct:g}%，即文章发表后 {months} 个月；"
                            f"文章发表时留出任务上的最好成绩为 {at_essay.score_pct:g}%，比值 "
                            f"{low.score_pct / at_essay.score_pct:.2f}。只要低算力的 o3-preview 在文章发表后十二个月内取得的"
                            "成绩至少是文章发表时最好成绩的两倍，即成立。",
                 rows=["arc1-o3-preview-low", "arc1-o3-preview-high", str(at_essay.id)])


@claim("arc2-reset", ARC, chapter="scaling-laws", by="annotation", figure="arc-scores",
       text="The harder ARC-AGI-2, launched in {launch}, started the cycle again: the best system scored {best:.4g}% "
            "at launch, against a human average of {human:.4g}%.",
       zh="{launch!z}推出的 ARC-AGI-2 难度更高，让这一循环重新开始：发布之时，最好的系统得分为 "
          "{best:.4g}%，而人类平均为 {human:.4g}%。")
def arc2_reset(df):
    best, h = arc.best(df, "ARC-AGI-2", arc.first_published(df, "ARC-AGI-2")), arc.human_arc2_average(df)
    return Check(holds=best.score_pct < h / 10,
                 numbers={"launch": arc.arc2_launch_date(df), "best": best.score_pct, "human": h},
                 working=f"best ARC-AGI-2 held-out score dated at the first publication ({best.date:%Y-%m-%d}): "
                         f"{best.score_pct:g}% ({best.system}); average human test-taker {h:g}%. Holds while the best "
                         "score at launch is under a tenth of the human average.",
                 working_zh=f"首次发布时（{best.date:%Y-%m-%d}）ARC-AGI-2 留出任务上的最好成绩：{best.score_pct:g}%"
                            f"（{best.system}）；人类受试者平均 {h:g}%。只要发布时的最好成绩不到人类平均水平的十分之一，即成立。",
                 rows=[str(best.id), "arc2-human-average-test-taker"])


@claim("chinchilla-floor-balanced", FITS, chapter="scaling-laws", by="annotation", figure="scaling-laws",
       text="In its fit the loss approaches an irreducible minimum of {e:.2f} nats that no amount of scale removes, and "
            "data matters as much as size: the exponents for parameters and for training tokens are close "
            "({alpha:.2f} and {beta:.2f}), with about {ratio:.0f} training tokens per parameter being compute-optimal.",
       zh="在这次拟合中，损失趋近于 {e:.2f} 奈特的不可约最小值，规模再大也无法消除；"
          "数据与模型规模同样重要：参数量和训练词元数的指数相近（{alpha:.2f} 和 {beta:.2f}），每个参数配约 "
          "{ratio:.0f} 个训练词元时算力最优。")
def chinchilla_floor_balanced(fits):
    alpha, beta = sc.scaling_chinchilla_alpha(fits), sc.scaling_chinchilla_beta(fits)
    a = beta / (alpha + beta)
    return Check(holds=sc.scaling_chinchilla_e(fits) > 0 and 0.4 <= a <= 0.6,
                 numbers={"e": sc.scaling_chinchilla_e(fits), "alpha": alpha, "beta": beta,
                          "ratio": sc.tokens_per_param(fits), "n_exponent": a, "d_exponent": 1 - a},
                 working=f"Hoffmann et al. L = E + A/N^alpha + B/D^beta with E = {sc.scaling_chinchilla_e(fits):g}, "
                         f"alpha = {alpha:g}, beta = {beta:g}; the compute-optimal model grows as N ∝ C^{a:.3f} and "
                         f"D ∝ C^{1 - a:.3f} (a = beta / (alpha + beta)); chinchilla_D / chinchilla_N = "
                         f"{sc.tokens_per_param(fits):g}. Holds while the floor is positive and neither parameters nor "
                         "tokens take more than 60% of the scaling exponent (0.4 ≤ a ≤ 0.6): both grow at about the "
                         "same rate as compute rises.",
                 working_zh=f"Hoffmann 等人的 L = E + A/N^alpha + B/D^beta，其中 E = {sc.scaling_chinchilla_e(fits):g}，"
                            f"alpha = {alpha:g}，beta = {beta:g}；算力最优模型按 N ∝ C^{a:.3f}、D ∝ C^{1 - a:.3f} 增长"
                            f"（a = beta / (alpha + beta)）；chinchilla_D / chinchilla_N = {sc.tokens_per_param(fits):g}。"
                            "只要下限为正，且参数量和词元数都不占缩放定律指数的 60% 以上（0.4 ≤ a ≤ 0.6），即成立："
                            "也就是说，随着算力增加，两者以大致相同的速度增长。",
                 rows=[f"hoffmann-2022/{p}" for p in ("E", "alpha", "beta", "chinchilla_N", "chinchilla_D")])


@claim("arc1-past-human", ARC, chapter="scaling-laws", by="annotation", figure="arc-scores",
       text="By {date}, {system} had reached {score:.4g}% on ARC-AGI-1, above the {human:.4g}% average of people "
            "recruited online.",
       zh="到{date!z}，{system} 在 ARC-AGI-1 上已达到 {score:.4g}%，超过了在线招募受试者 {human:.4g}% "
          "的平均成绩。")
def arc1_past_human(df):
    b, h = arc.best(df, "ARC-AGI-1"), arc.human_arc1_average(df)
    return Check(holds=b.score_pct > h,
                 numbers={"date": dates.fmt(b.date, "month"), "system": b.system, "score": b.score_pct, "human": h},
                 working=f"best held-out ARC-AGI-1 system score in the data: {b.score_pct:g}% ({b.system}, "
                         f"{b.date:%Y-%m-%d}); average crowd worker {h:g}%. Holds while the best system score is above "
                         "the human average.",
                 working_zh=f"数据中 ARC-AGI-1 留出任务上的最好系统成绩：{b.score_pct:g}%（{b.system}，{b.date:%Y-%m-%d}）；"
                            f"众包受试者平均 {h:g}%。只要最好的系统成绩高于人类平均水平，即成立。",
                 rows=[str(b.id), "arc1-human-h-arc-average"])


@claim("arc2-past-human", ARC, chapter="scaling-laws", by="annotation", figure="arc-scores",
       text="Scores then climbed to {score:.4g}% by {date}, past that human average.",
       zh="此后成绩一路攀升，到{date!z}已达 {score:.4g}%，超过了上述人类平均水平。")
def arc2_past_human(df):
    b, h = arc.best(df, "ARC-AGI-2"), arc.human_arc2_average(df)
    launch = arc.best(df, "ARC-AGI-2", arc.first_published(df, "ARC-AGI-2"))
    return Check(holds=b.score_pct > h and b.date > launch.date,
                 numbers={"score": b.score_pct, "date": dates.fmt(b.date, "month"), "human": h,
                          "system": b.system, "at_launch": launch.score_pct},
                 working=f"best held-out ARC-AGI-2 score: {b.score_pct:g}% ({b.system}, {b.date:%Y-%m-%d}), against "
                         f"{launch.score_pct:g}% at launch and a human average of {h:g}%. Holds while the best score, "
                         "set after launch, is above the average human test-taker's.",
                 working_zh=f"ARC-AGI-2 留出任务上的最好成绩：{b.score_pct:g}%（{b.system}，{b.date:%Y-%m-%d}），"
                            f"而发布时为 {launch.score_pct:g}%，人类平均为 {h:g}%。只要这一在发布之后取得的最好成绩"
                            "高于人类受试者的平均水平，即成立。",
                 rows=[str(b.id), str(launch.id), "arc2-human-average-test-taker"])
