"""Claims of chapter 2 (trend lines are not laws), each re-checked against the data on every build.

One short function per claim: it computes the claim's numbers from the data package and
returns whether the statement still holds. See pipeline/claims.py.
"""
import re

import numpy as np

from argument import values as v
from argument import values_stock as st
from argument import values_youtube as yt
from pipeline.claims import Check, as_of, claim
from pipeline.i18n import zh_number

AIR, MILE = ("airspeed_records",), ("cpu_clock_milestones",)
# the Chinese working (working_zh): words for the data's engine types and interval kinds
ENGINE_ZH = {"piston": "活塞式", "jet": "喷气式"}
INTERVAL_ZH = {"90% confidence interval": "90% 置信区间",
               "point estimate (rounded in the source)": "点估计（来源中已取整）",
               "range stated in the abstract (see note)": "摘要中给出的范围（见注释）"}


@claim("cpu-clock-stalled", MILE, chapter="trend-lines", by="essay",
       quote='CPU clock speeds in the 2000s and airplane speeds in the 1970s', section='trend-lines', figure="cpu-clock-speed",
       text="From {first} to {ref} the fastest base clock rose about {before:,.0f}-fold; in the {years} "
            "years after {ref}, it rose only {after:.2f}-fold.",
       zh="从 {first} 年到 {ref} 年，最快处理器的基础时钟频率增至原来的约 {before:,.0f} 倍；而在 {ref} "
          "年之后的 {years} 年里，只增至原来的 {after:.2f} 倍。")
def cpu_clock_stalled(m):
    # the peak, the rise before it and the rise after it: each defined once, in argument/values.py
    ref, first = v.clock_peak(m), m.sort_values("year").iloc[0]
    later = m[m.year > ref.year]
    top = later.loc[later.base_mhz.idxmax()] if not later.empty else ref
    before, after = v.cpu_growth_before(m), v.cpu_base_growth_after(m)
    return Check(holds=before >= 100 and after < 2,
                 numbers={"before": before, "after": after, "first": int(first.year), "ref": int(ref.year),
                          "years": int(v.cpu_years_after(m))},
                 working=f"the peak (the fastest base clock introduced up to {v.STALL_YEAR}): {ref.processor}, "
                         f"{ref.base_mhz:,.0f} MHz ({ref.year}); first: {first.processor}, {first.base_mhz:,.2f} MHz, so "
                         f"{before:,.0f}-fold. Fastest base clock after {ref.year}: {top.processor}, {top.base_mhz:,.0f} "
                         f"MHz, so {after:.2f}-fold. Holds while the rise before is at least 100-fold and the rise after "
                         "stays under 2-fold.",
                 working_zh=f"峰值（{v.STALL_YEAR} 年及以前推出的处理器中最快的基础时钟频率）：{ref.processor}，"
                            f"{ref.base_mhz:,.0f} MHz（{ref.year} 年）；最早一款：{first.processor}，{first.base_mhz:,.2f} MHz，"
                            f"因此增至 {before:,.0f} 倍。{ref.year} 年之后最快的基础时钟频率：{top.processor}，"
                            f"{top.base_mhz:,.0f} MHz，因此增至 {after:.2f} 倍。只要此前的增幅至少为 100 倍、"
                            "此后的增幅保持在 2 倍以下，即成立。",
                 rows=[str(first.id), str(ref.id), str(top.id)])


@claim("airspeed-record-stands", AIR, chapter="trend-lines", by="essay",
       quote='The SR-71 Blackbird record from 1976 still stands today', section='trend-lines', figure="airspeed-record",
       text="Nobody has flown faster since: the {year} record still stood {since} years later.",
       zh="此后再没有人飞得更快：{year} 年创下的纪录，{since} 年后依然无人打破。")
def airspeed_record_stands(r):
    best = v._record(r)
    later = r[r.year > best.year]
    return Check(holds=later.empty and best.year <= 1976,
                 numbers={"kmh": best.speed_kmh, "year": int(best.year), "since": as_of().year - int(best.year)},
                 working=f"fastest row: {best.aircraft}, {best.speed_kmh:,.0f} km/h in {best.year}; "
                         f"records dated after {best.year}: {len(later)}. Holds while no later record exists "
                         "and the fastest is from 1976 or before.",
                 working_zh=f"数据中最快的一行：{best.aircraft}，{best.year} 年，{best.speed_kmh:,.0f} km/h；"
                            f"{best.year} 年之后的纪录：{len(later)} 项。只要此后再无新纪录、且最快的纪录创于 1976 年或更早，即成立。",
                 rows=[str(best.id)])


YT, YTLM, STLM = ("youtube_estimate",), ("youtube_estimate", "language_models"), ("text_stock", "language_models")


@claim("cpu-clock-straight-line", MILE, chapter="trend-lines", by="annotation", figure="cpu-clock-speed",
       text="Up to {peak}, clock speed in our series doubled about every {doubling:.1f} years, so steadily that on a "
            "logarithmic axis one straight line fits all {n} parts with R² = {r2:.2f}.",
       zh="直到 {peak} 年，我们数据序列中的时钟频率大约每 {doubling:.1f} 年翻一番，而且增长极其平稳："
          "在对数坐标轴上，一条直线就能拟合全部 {n} 款处理器，R² = {r2:.2f}。")
def cpu_clock_straight_line(m):
    peak = v.clock_peak(m)
    early = m[m.year <= peak.year]
    y = np.log2(early.base_mhz.astype(float))
    fit = np.polyval(np.polyfit(early.year.astype(float), y, 1), early.year.astype(float))
    r2 = 1 - ((y - fit) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    return Check(holds=r2 >= 0.9,
                 numbers={"peak": peak.year, "doubling": v.cpu_doubling_years(m), "n": len(early), "r2": r2},
                 working=f"least-squares line through log2(base MHz) against year for the {len(early)} parts dated "
                         f"{v.cpu_first_year(m)}-{peak.year}: slope gives a doubling every "
                         f"{v.cpu_doubling_years(m):.2f} years, R² = {r2:.3f}. "
                         "Holds while the straight line explains at least 90% of the variance (R² ≥ 0.9).",
                 working_zh=f"对 {v.cpu_first_year(m)}—{peak.year} 年间的 {len(early)} 款处理器，以 log2(基础频率 MHz) 对年份"
                            f"作最小二乘直线拟合：由斜率得出每 {v.cpu_doubling_years(m):.2f} 年翻一番，R² = {r2:.3f}。"
                            "只要这条直线至少能解释 90% 的方差（R² ≥ 0.9），即成立。",
                 rows=list(early.id))


@claim("youtube-below-llama3", YTLM, chapter="trend-lines", by="essay",
       quote='the 15 trillion tokens that Llama 3 is already using', section='trend-lines', figure="youtube-back-of-envelope",
       text="YouTube holds about {minutes:,.0f} billion minutes of video, but most of it has no useful speech "
            "(music, still images, game footage), so transcribing all of it would yield less text than the "
            "{llama:,.0f} trillion tokens Llama 3 was trained on, even before any filtering.",
       zh="YouTube 上约有 {minutes!b}分钟的视频，但其中大部分没有可用的语音（音乐、静态画面、"
          "游戏录像），因此即使全部转写成文字、还不做任何筛选，得到的文本也不及 Llama 3 训练所用的 "
          "{llama:,.0f} 万亿个词元。")
def youtube_below_llama3(est, models):
    minutes, speech, words, tokens, kept = yt.stages(est)
    llama = yt.llama3_tokens(models)
    d = yt.defaults(est)
    return Check(holds=tokens < llama,
                 numbers={"minutes": minutes / 1e9, "llama": llama / 1e12, "unfiltered": tokens / 1e12,
                          "share_of_llama3": tokens / llama},
                 working=f"{minutes:,.3g} minutes × {d['share-with-speech']:g} with usable speech (an illustration) × "
                         f"{d['words-per-minute']:g} words a minute × {d['tokens-per-word']:g} tokens a word = "
                         f"{tokens / 1e12:,.2f} trillion tokens before deduplication and filtering, "
                         f"{tokens / llama:.0%} of Llama 3's {llama / 1e12:,.0f} trillion. "
                         "Holds while the unfiltered total at the default assumptions stays below Llama 3's training set.",
                 working_zh=f"{zh_number(minutes)}分钟 × {d['share-with-speech']:g}（含可用语音的比例，仅作示意）× 每分钟 "
                            f"{d['words-per-minute']:g} 个词 × 每个词 {d['tokens-per-word']:g} 个词元 = {tokens / 1e12:,.2f} "
                            f"万亿个词元（去重和筛选之前），相当于 Llama 3 训练所用 {llama / 1e12:,.0f} 万亿个词元的 "
                            f"{tokens / llama:.0%}。只要按默认假设算出的未筛选总量仍低于 Llama 3 的训练集，即成立。",
                 rows=["total-minutes", "share-with-speech", "words-per-minute", "tokens-per-word", "llama-3-8b"])


@claim("youtube-generous-end", YTLM, chapter="trend-lines", by="annotation", figure="youtube-back-of-envelope",
       text="Only with every slider at its generous end at once does the total, {generous:,.0f} trillion tokens, pass "
            "Llama 3's {llama:,.0f} trillion, the essay's yardstick, and even then it comes to {ratio:.0%} of the "
            "largest training set of text in our data ({model}, {largest:,.0f} trillion): nowhere near the orders of "
            "magnitude that continued scaling would need.",
       zh="只有把每个滑块同时推到最宽松的一端，总量（{generous:,.0f} 万亿个词元）才会超过文章用作参照的 Llama 3 训练集"
          "（{llama:,.0f} 万亿个词元）；即便如此，它也只相当于我们数据中最大的文本训练集（{model}，{largest:,.0f} "
          "万亿个词元）的 {ratio:.0%}，远不是继续扩展所需的几个数量级。")
def youtube_generous_end(est, models):
    e = est.set_index("id")
    generous = e.loc[yt.CHAIN[0], "value"]
    for k in yt.CHAIN[1:]:
        generous *= e.loc[k, "max"]
    big, llama = st.largest_training_set(models), yt.llama3_tokens(models)
    ratio = generous / big.training_tokens  # text tokens with text tokens (st.largest_training_set)
    return Check(holds=generous > llama and ratio < 10,
                 numbers={"generous": generous / 1e12, "llama": llama / 1e12, "largest": big.training_tokens / 1e12,
                          "model": big.model, "ratio": ratio},
                 working=f"{e.loc[yt.CHAIN[0], 'value']:,.3g} minutes × the top of each slider ("
                         + " × ".join(f"{e.loc[k, 'max']:g}" for k in yt.CHAIN[1:])
                         + f") = {generous / 1e12:,.1f} trillion tokens, against Llama 3's {llama / 1e12:,.1f} trillion; "
                         f"the largest training set in language_models of text is {big.model}'s "
                         f"{big.training_tokens / 1e12:,.1f} trillion (counts of text, images and video together are left "
                         f"out), ratio {ratio:.2f}. Holds while the most generous YouTube total exceeds Llama 3's training "
                         "set and stays within one order of magnitude (a factor of 10) of the largest one.",
                 working_zh=f"{zh_number(e.loc[yt.CHAIN[0], 'value'])}分钟 × 各滑块的上限（"
                            + " × ".join(f"{e.loc[k, 'max']:g}" for k in yt.CHAIN[1:])
                            + f"）= {generous / 1e12:,.1f} 万亿个词元，Llama 3 为 {llama / 1e12:,.1f} 万亿；language_models "
                            f"中最大的文本训练集是 {big.model} 的 {big.training_tokens / 1e12:,.1f} 万亿个文本词元（文本、图像与"
                            f"视频合计的词元数不计入），比值 {ratio:.2f}。只要 YouTube 最宽松的总量超过 Llama 3 的训练集、"
                            "且不超过最大训练集的 10 倍（一个数量级），即成立。",
                 rows=list(yt.CHAIN) + ["llama-3-8b", str(big.id)])


@claim("stock-largest-share", STLM, chapter="trend-lines", by="annotation", figure="training-data-vs-stock",
       text="Training sets of text have grown {growth:,.0f}-fold in {years} years, from {first_model}'s {first:,.0f} "
            "billion tokens ({first_year}) to the {largest:,.0f} trillion of {model} ({year}): {share:.0%} of the "
            "central estimate, so the largest text training set in our data is still about {orders:.1f} orders of "
            "magnitude below the stock.",
       zh="{years} 年间，文本训练集的规模增至原来的 {growth:,.0f} 倍：从 {first_model} 的 {first!b}"
          "个词元（{first_year} 年）增至 {model} 的 {largest:,.0f} 万亿个（{year} 年），相当于中心估计值的 "
          "{share:.0%}；也就是说，我们数据中最大的文本训练集仍比存量低约 {orders:.1f} 个数量级。")
def stock_largest_share(s, m):
    reported = st.text_training_sets(m).sort_values(["year", "training_tokens"])  # text with text only
    first, big = reported.iloc[0], st.largest_training_set(m)
    growth, share = big.training_tokens / first.training_tokens, st.stock_largest_share(s, m)
    return Check(holds=growth >= 10 and 0.01 <= share < 1,
                 numbers={"growth": growth, "years": int(big.year - first.year), "first_model": first.model,
                          "first": first.training_tokens / 1e9, "first_year": int(first.year),
                          "largest": big.training_tokens / 1e12, "model": big.model, "year": int(big.year),
                          "share": share, "orders": -np.log10(share)},
                 working=f"{big.model} {big.training_tokens:,.3g} tokens / {first.model} (earliest model with reported "
                         f"text tokens; counts of text, images and video together are left out) {first.training_tokens:,.3g} = {growth:,.0f}; {big.training_tokens:,.3g} / central "
                         f"stock {st.row(s, 'effective-stock').central:,.3g} = {share:.1%}, "
                         f"-log10 = {-np.log10(share):.2f} orders of magnitude. Holds while text training sets have "
                         "grown at least tenfold and the largest is below the central estimate but within two orders "
                         "of magnitude of it (at least 1%).",
                 working_zh=f"{big.model} 的 {zh_number(big.training_tokens)}个词元 / {first.model}（最早报告训练词元数的模型）的 "
                            f"{zh_number(first.training_tokens)} = {growth:,.0f}；{zh_number(big.training_tokens)} / 中心估计存量 "
                            f"{zh_number(st.row(s, 'effective-stock').central)} = {share:.1%}，"
                            f"即低 {-np.log10(share):.2f} 个数量级。只要文本训练集规模至少增至原来的十倍，且最大的文本训练集低于中心估计值、"
                            "但与之相差不到两个数量级（至少为 1%），即成立。",
                 rows=[str(first.id), str(big.id), "effective-stock"])


ST = ("text_stock",)


@claim("stock-range-wide", ST, chapter="trend-lines", by="annotation", figure="training-data-vs-stock",
       text="It puts the stock of public, human-written text of training quality at about {central:,.0f} trillion "
            "tokens, with a wide uncertainty range of {low:,.0f} to {high:,.0f} trillion.",
       zh="这项估计认为，达到训练质量、由人类撰写的公开文本存量约为 {central:,.0f} 万亿个词元，"
          "但不确定性区间很宽，从 {low:,.0f} 万亿到 {high:,.0f} 万亿不等。")
def stock_range_wide(s):
    r = st.row(s, "effective-stock")
    spread = r.high / r.low
    return Check(holds=r.low <= r.central <= r.high and spread >= 5,
                 numbers={"central": r.central / 1e12, "low": r.low / 1e12, "high": r.high / 1e12, "spread": spread},
                 working=f"effective stock: central {r.central:,.3g}, {r.interval} {r.low:,.3g} to {r.high:,.3g} tokens; "
                         f"high / low = {spread:.1f}. Holds while the central estimate lies inside the interval and the "
                         "interval is wide: its top at least five times its bottom.",
                 working_zh=f"有效存量：中心估计 {zh_number(r.central)}，{INTERVAL_ZH.get(r.interval, r.interval)} "
                            f"{zh_number(r.low)}至 {zh_number(r.high)}个词元；上限 / 下限 = {spread:.1f}。只要中心估计落在区间之内、"
                            "且区间足够宽（上限至少是下限的五倍），即成立。",
                 rows=["effective-stock"])


@claim("youtube-default-share", YTLM, chapter="trend-lines", by="annotation", figure="youtube-back-of-envelope",
       text="With the default assumptions the transcripts come to about {before:,.1f} trillion tokens before filtering "
            "and {after:,.0f} billion after, only {share:.0%} of Llama 3's training set.",
       zh="按默认假设，转写文本在筛选前约有 {before:,.1f} 万亿个词元，筛选后为 {after!b}个，"
          "仅相当于 Llama 3 训练集的 {share:.0%}。")
def youtube_default_share(est, models):
    tokens, kept = yt.stages(est)[3:5]
    llama = yt.llama3_tokens(models)
    return Check(holds=kept < tokens and kept / llama < 0.1,
                 numbers={"before": tokens / 1e12, "after": kept / 1e9, "share": kept / llama},
                 working=f"tokens at the default assumptions {tokens:,.4g}, × share kept {yt.defaults(est)['share-kept']:g} "
                         f"= {kept:,.4g}; Llama 3 8B trained on {llama:,.3g}, so {kept / llama:.1%}. Holds while the "
                         "filtered default total is less than a tenth of Llama 3's training set.",
                 working_zh=f"按默认假设的词元数 {zh_number(tokens, 4)}，× 保留比例 {yt.defaults(est)['share-kept']:g} "
                            f"= {zh_number(kept, 4)}；Llama 3 8B 的训练词元数为 {zh_number(llama)}，因此占 {kept / llama:.1%}。"
                            "只要按默认假设筛选后的总量不到 Llama 3 训练集的十分之一，即成立。",
                 rows=list(yt.CHAIN) + ["llama-3-8b"])


@claim("cpu-decades-rising", MILE, chapter="trend-lines", by="annotation", figure="cpu-clock-speed",
       text="For {decades} decades, each new generation of microprocessors ran at a higher clock speed: from "
            "{first_mhz:,.2f} MHz for the first commercial microprocessor in {first} to {peak_mhz:,.0f} MHz for the "
            "{part} in {peak}, roughly {growth:,.0f} times faster.",
       zh="{decades!z}十年间，每一代新的微处理器都比上一代时钟频率更高：从 {first} 年第一款商用微处理器的 "
          "{first_mhz:,.2f} MHz，到 {peak} 年 {part} 的 {peak_mhz:,.0f} MHz，约为前者的 {growth:,.0f} 倍。")
def cpu_decades_rising(m):
    peak, first = v.clock_peak(m), m.sort_values("year").iloc[0]
    early = m[m.year <= peak.year]
    fastest = early.groupby((early.year - first.year) // 5).base_mhz.max()
    rising = bool((fastest.diff().dropna() > 0).all())
    growth = v.cpu_growth_before(m)
    return Check(holds=rising and growth >= 1000,
                 numbers={"decades": v.cpu_decades_rising(m), "first_mhz": first.base_mhz, "first": int(first.year),
                          "peak_mhz": peak.base_mhz, "part": peak.processor, "peak": int(peak.year), "growth": growth},
                 working="fastest base clock in each five-year window from " f"{first.year}: "
                         + ", ".join(f"{first.year + 5 * int(k)}-{first.year + 5 * int(k) + 4} {x:,.4g} MHz"
                                     for k, x in fastest.items())
                         + f"; {peak.base_mhz:,.0f} / {first.base_mhz:g} = {growth:,.0f}. Holds while every five-year "
                         "window up to the peak brought a faster part than the window before, and the total rise is "
                         "at least a thousandfold.",
                 working_zh=f"从 {first.year} 年起每五年一个区间，各区间最快的基础时钟频率："
                            + "，".join(f"{first.year + 5 * int(k)}—{first.year + 5 * int(k) + 4} 年 {x:,.4g} MHz"
                                       for k, x in fastest.items())
                            + f"；{peak.base_mhz:,.0f} / {first.base_mhz:g} = {growth:,.0f}。只要直到峰值为止的每个五年区间"
                            "都出现了比上一区间更快的处理器，且总增幅至少为一千倍，即成立。",
                 rows=list(early.id))


@claim("cpu-boost-just", MILE, chapter="trend-lines", by="annotation", figure="cpu-clock-speed",
       text="Even the short single-core “boost” of the fastest {latest} part reaches just {boost:,.0f} MHz, "
            "{ratio:.2f} times the fastest base clock of {ref}.",
       zh="即便是 {latest} 年最快处理器的短时单核“加速”频率，也只有 {boost:,.0f} MHz，是 {ref} "
          "年最快基础频率的 {ratio:.2f} 倍。")
def cpu_boost_just(m):
    latest, peak = int(m.year.max()), v.clock_peak(m)  # the peak, defined once in argument/values.py
    top = m[m.year == latest].sort_values("boost_mhz").iloc[-1]
    ratio, years, doubling = v.cpu_boost_growth_after(m), int(v.cpu_years_after(m)), v.cpu_doubling_years(m)
    return Check(holds=ratio < 4,
                 numbers={"latest": latest, "boost": top.boost_mhz, "ratio": ratio, "years": years,
                          "doubling": doubling, "ref": int(peak.year)},
                 working=f"{top.processor} boost {top.boost_mhz:,.0f} MHz / {peak.processor} base {peak.base_mhz:,.0f} "
                         f"MHz = {ratio:.3f}, over {years} years; before the peak the clock doubled every "
                         f"{doubling:.1f} years. Holds while the boost stays under 4 times the {peak.year} peak: fewer than two "
                         f"doublings in {years} years, which the earlier trend delivered in {2 * doubling:.1f}.",
                 working_zh=f"{top.processor} 加速频率 {top.boost_mhz:,.0f} MHz / {peak.processor} 基础频率 {peak.base_mhz:,.0f} "
                            f"MHz = {ratio:.3f}，历时 {years} 年；在峰值之前，时钟频率每 {doubling:.1f} 年翻一番。只要加速频率"
                            f"保持在 {peak.year} 年峰值的 4 倍以下，即成立：也就是 {years} 年里翻番不到两次，而按早先的趋势，"
                            f"翻两番只需 {2 * doubling:.1f} 年。",
                 rows=[str(peak.id), str(top.id)])


@claim("airspeed-jets-took-over", AIR, chapter="trend-lines", by="annotation", figure="airspeed-record",
       text="The first officially recognised record, in {first_year}, was {first_kmh:,.0f} km/h. Piston engines took "
            "it as far as {piston:,.0f} km/h; the first jet record followed in {jet_year}, and every record since has "
            "been set by a jet.",
       zh="第一项获得官方承认的纪录创于 {first_year} 年，为 {first_kmh:,.0f} km/h。"
          "活塞发动机把纪录一路推到 {piston:,.0f} km/h；{jet_year} 年诞生了第一项喷气式飞机纪录，"
          "此后的每一项纪录都由喷气式飞机创下。")
def airspeed_jets_took_over(r):
    piston, jets = r[r.engine == "piston"], r[r.engine == "jet"]
    jet_year = int(jets.year.min())
    first_jet = jets[jets.year == jet_year].sort_values("speed_kmh").iloc[0]
    later = r[r.year >= jet_year]
    return Check(holds=bool((later.engine == "jet").all()) and piston.speed_kmh.max() < first_jet.speed_kmh
                 and int(piston.year.max()) < jet_year,
                 numbers={"first_year": int(v.airspeed_first_official_year(r)),
                          "first_kmh": v.airspeed_first_official_kmh(r), "piston": piston.speed_kmh.max(),
                          "jet_year": jet_year},
                 working=f"fastest piston record {piston.speed_kmh.max():,.1f} km/h "
                         f"({piston.loc[piston.speed_kmh.idxmax(), 'aircraft']}, {int(piston.year.max())} the last "
                         f"piston year); first jet record {first_jet.aircraft}, {first_jet.speed_kmh:,.1f} km/h in "
                         f"{jet_year}; engines of the {len(later)} records from {jet_year} on: "
                         f"{later.engine.value_counts().to_dict()}. Holds while no piston record is dated after the "
                         "first jet record, the first jet record beats every piston one, and all later records are jets.",
                 working_zh=f"活塞式飞机的最快纪录 {piston.speed_kmh.max():,.1f} km/h"
                            f"（{piston.loc[piston.speed_kmh.idxmax(), 'aircraft']}；活塞式纪录的最后年份为 {int(piston.year.max())} 年）；"
                            f"第一项喷气式纪录：{first_jet.aircraft}，{jet_year} 年，{first_jet.speed_kmh:,.1f} km/h；"
                            f"{jet_year} 年起 {len(later)} 项纪录的发动机类型："
                            + "，".join(f"{ENGINE_ZH.get(k, k)} {n} 项" for k, n in later.engine.value_counts().items())
                            + "。只要没有任何活塞式纪录晚于第一项喷气式纪录、第一项喷气式纪录快于所有活塞式纪录，"
                            "且此后的纪录全部由喷气式飞机创下，即成立。",
                 rows=[str(piston.loc[piston.speed_kmh.idxmax(), 'id']), str(first_jet.id)])


@claim("airspeed-sr71-growth", AIR, chapter="trend-lines", by="annotation", figure="airspeed-record",
       text="In {year} a {aircraft} flew at {kmh:,.0f} km/h, about {growth:,.0f} times the first official record.",
       zh="{year} 年，一架 {aircraft} 飞出了 {kmh:,.0f} km/h 的速度，约为第一项官方纪录的 {growth:,.0f} "
          "倍。")
def airspeed_sr71_growth(r):
    best = v._record(r)
    growth = v.airspeed_growth_official(r)
    return Check(holds=growth >= 10,
                 numbers={"year": int(best.year), "aircraft": re.sub(r"\s*\(.*?\)", "", best.aircraft),
                          "kmh": best.speed_kmh, "growth": growth},
                 working=f"fastest record {best.aircraft} {best.speed_kmh:,.2f} km/h / first official record "
                         f"{v.airspeed_first_official_kmh(r):,.3f} km/h ({v.airspeed_first_official_year(r)}) = "
                         f"{growth:.1f}. Holds while the record climbed at least tenfold from the first official one.",
                 working_zh=f"最快纪录 {best.aircraft} {best.speed_kmh:,.2f} km/h / 第一项官方纪录 "
                            f"{v.airspeed_first_official_kmh(r):,.3f} km/h（{v.airspeed_first_official_year(r)} 年）= {growth:.1f}。"
                            "只要最快纪录至少是第一项官方纪录的十倍，即成立。",
                 rows=[str(best.id), str(r[r.official.fillna(False)].sort_values("date").iloc[0].id)])
