"""Claims of chapter 4 (models are getting smaller but trained longer), re-checked on every build.

One short function per claim; see pipeline/claims.py.
"""
from argument import values_arc as arc
from argument import values_models as lm
from argument import values_moe as moe
from argument import values_prices as pr
from pipeline.claims import Check, claim
from pipeline.i18n import zh_number

LM, PRICES, MOE = ("language_models",), ("api_prices",), ("moe_models",)


@claim("tokens-per-param-past-optimal", LM, chapter="smaller-models", by="annotation", figure="tokens-per-parameter",
       text="Earlier models saw far fewer, GPT-3 about {gpt3:.1f}; newer small models see far more: Llama 3 8B was "
            "trained on about {tokens:,.0f} trillion tokens, {llama:,.0f} per parameter, some {times:.0f} times the "
            "“optimal” ratio.",
       zh="早期模型见到的词元要少得多，GPT-3 每个参数约 {gpt3:.1f} 个；较新的小模型则多得多：Llama 3 8B "
          "的训练数据约为 {tokens:,.0f} 万亿个词元，合每个参数 {llama:,.0f} 个，约为这一“最优”比例的 "
          "{times:.0f} 倍。")
def tokens_per_param_past_optimal(m):
    opt, gpt3, llama = lm.compute_optimal_ratio(m), lm.gpt3_tokens_per_param(m), lm.llama3_8b_tokens_per_param(m)
    return Check(holds=gpt3 < opt and llama >= 10 * opt,
                 numbers={"gpt3": gpt3, "tokens": lm.llama3_training_tokens_trillion(m), "llama": llama,
                          "times": lm.llama3_8b_times_optimal(m), "optimal": opt},
                 working=f"tokens / parameters: Chinchilla {opt:.1f}, GPT-3 {gpt3:.2f}, Llama 3 8B {llama:,.0f} "
                         f"({llama / opt:.1f} × Chinchilla's). Holds while GPT-3 sits below the Chinchilla ratio and "
                         "Llama 3 8B at least ten times above it.",
                 working_zh=f"词元数 / 参数量：Chinchilla {opt:.1f}，GPT-3 {gpt3:.2f}，Llama 3 8B {llama:,.0f}"
                            f"（为 Chinchilla 的 {llama / opt:.1f} 倍）。只要 GPT-3 低于 Chinchilla 比例、而 Llama 3 8B "
                            "至少是该比例的十倍，即成立。",
                 rows=["chinchilla", "gpt-3", "llama-3-8b"])


@claim("trained-longer-since-essay", LM, chapter="smaller-models", by="annotation", figure="tokens-per-parameter",
       text="Of the {n} models in our data released in {year} or later, all {n_dense} dense ones were trained past "
            "the Chinchilla ratio, and {n_moe_past} of the {n_moe} mixture-of-experts ones even counting every "
            "parameter, not just those active for a token. Their median is {median:,.0f} tokens per parameter, "
            "against {median_before:.0f} for the {n_before} before.",
       zh="在我们的数据中，{year} 年及以后发布的 {n} 个模型里，{n_dense} 个稠密模型的训练量全都超过了 Chinchilla 比例；"
          "{n_moe} 个混合专家模型中，即使把全部参数（而不只是处理每个词元时激活的参数）都算上，也有 {n_moe_past} 个超过。"
          "它们每个参数对应词元数的中位数为 {median:,.0f}，而此前的 {n_before} 个模型只有 {median_before:.0f}。")
def trained_longer_since_essay(m):
    year, opt = arc.ESSAY.year, lm.compute_optimal_ratio(m)
    tpp = lm.tokens_per_param(m)
    after, before = tpp[(m.year >= year) & tpp.notna()], tpp[(m.year < year) & tpp.notna()]
    moe = m.active_parameters.notna()
    dense, sparse = after[~moe], after[moe]
    low = m.loc[after.idxmin(), "model"] if len(after) else ""
    return Check(holds=len(dense) > 0 and dense.min() > opt and after.median() > before.median(),
                 numbers={"n": len(after), "year": year, "median": after.median(), "median_before": before.median(),
                          "n_before": len(before), "lowest": after.min(), "n_dense": len(dense),
                          "n_moe": len(sparse), "n_moe_past": int((sparse > opt).sum())},
                 working=f"training tokens / total parameters for the {len(after)} models dated {year} (the essay's "
                         f"year) or later with reported tokens: lowest {after.min():.1f} ({low}), lowest dense "
                         f"{dense.min():.1f}, {int((sparse > opt).sum())} of {len(sparse)} mixture-of-experts models "
                         f"above the ratio, median {after.median():,.0f}; earlier models median {before.median():.1f}; "
                         f"Chinchilla ratio {opt:.0f}. Holds while every later dense model exceeds the Chinchilla ratio "
                         "and the later median exceeds the earlier median.",
                 working_zh=f"在 {year} 年（文章发表当年）或之后发布、且报告了训练词元数的 {len(after)} 个模型中，"
                            f"训练词元数 / 总参数量：最低 {after.min():.1f}（{low}），稠密模型最低 {dense.min():.1f}，"
                            f"{len(sparse)} 个混合专家模型中有 {int((sparse > opt).sum())} 个超过该比例，"
                            f"中位数 {after.median():,.0f}；更早模型的中位数 {before.median():.1f}；Chinchilla 比例 {opt:.0f}。"
                            "只要每个较新的稠密模型都超过 Chinchilla 比例、且较新模型的中位数高于更早模型的中位数，即成立。",
                 rows=list(m.loc[after.index, "id"]))


@claim("llama3-compute-vs-llama", LM, chapter="smaller-models", by="essay",
       quote='20 times as many training FLOPs', section='smaller-models', figure="small-model-compute",
       text="Using the standard estimate of six floating-point operations per parameter per training token, our data "
            "gives Llama 3 8B {ratio:.0f} times the training compute of LLaMA 7B, close to the essay's “20 times”.",
       zh="按常用的估算方法（每个参数每个训练词元消耗六次浮点运算），根据我们的数据，Llama 3 8B "
          "的训练算力是 LLaMA 7B 的 {ratio:.0f} 倍，与文章所说的二十倍相近。")
def llama3_compute_vs_llama(m):
    ratio, i = lm.llama3_8b_vs_llama_7b(m), m.set_index("id")
    c = lm.six_nd(i)
    nd = {k: f"6 × {i.loc[k, 'parameters']:.3g} × {i.loc[k, 'training_tokens']:.3g} = {c[k]:.3g} FLOP"
          for k in ("llama-3-8b", "llama-7b")}
    nd_zh = {k: f"6 × {zh_number(i.loc[k, 'parameters'])} × {zh_number(i.loc[k, 'training_tokens'])} = {c[k]:.3g} FLOP"
             for k in ("llama-3-8b", "llama-7b")}
    return Check(holds=15 <= ratio <= 25,
                 numbers={"ratio": ratio, "llama3_flop": c["llama-3-8b"], "llama_flop": c["llama-7b"]},
                 working=f"Llama 3 8B: {nd['llama-3-8b']}; LLaMA 7B: {nd['llama-7b']}; ratio {ratio:.2f}. "
                         "Holds while the ratio is between 15 and 25 (the essay's 'about 20x').",
                 working_zh=f"Llama 3 8B：{nd_zh['llama-3-8b']}；LLaMA 7B：{nd_zh['llama-7b']}；比值 {ratio:.2f}。"
                            "只要比值在 15 到 25 之间（即文章所说的“大约 20 倍”），即成立。",
                 rows=["llama-3-8b", "llama-7b"])


@claim("six-nd-close", LM, chapter="smaller-models", by="annotation", figure="small-model-compute",
       text="For the {n} models whose developers published their own compute figures, the 6·N·D estimate is "
            "within {gap:.0%} of them.",
       zh="对于开发者自行公布了训练算力的 {n} 个模型，6·N·D 估算值与公布值相差都不超过 {gap:.0%}。")
def six_nd_close(m):
    r = m[m.training_compute_flop.notna() & m.training_tokens.notna()]
    gaps = (lm.six_nd(r) - r.training_compute_flop).abs() / r.training_compute_flop
    return Check(holds=len(r) > 0 and gaps.max() <= 0.2,
                 numbers={"n": len(r), "gap": lm.six_nd_max_gap(m)},
                 working="|6·N·D - reported| / reported: " + ", ".join(
                     f"{i} {g:.1%}" for i, g in zip(r.id, gaps)) + ". Holds while the largest gap is at most 20%, "
                         "smaller than the tolerance of the check of the essay's 20 times.",
                 working_zh="|6·N·D - 公布值| / 公布值：" + "，".join(
                                f"{i} {g:.1%}" for i, g in zip(r.id, gaps)) + "。只要最大差距不超过 20%（小于对文章“二十倍”"
                            "那项核查的容差），即成立。",
                 rows=list(r.id))


@claim("gpt4o-quarter-price", PRICES, chapter="smaller-models", by="essay",
       quote='GPT-4o costs only 25% as much as GPT-4 does', section='smaller-models', figure="price-vs-capability",
       text="GPT-4o costs {out:.0%} of what GPT-4 did (per output token) and is similar or better.",
       zh="GPT-4o 的价格（按输出词元计）是 GPT-4 的 {out:.0%}，能力却相当甚至更强。")
def gpt4o_quarter_price(p):
    out, inp, gain = pr.gpt4o_gpt4_output_share(p), pr.gpt4o_gpt4_input_share(p), pr.gpt4o_gpt4_mmlu_gain(p)
    return Check(holds=0.2 <= out <= 0.3 and inp <= out and gain >= -1,
                 numbers={"out": out, "input": inp, "mmlu_gain": gain},
                 working=f"output price GPT-4o / GPT-4 = {out:.3f}, input {inp:.3f}; MMLU gain {gain:+.1f} points. "
                         "Holds while the output share is between 20% and 30% (the essay's 25%), the input share no higher, "
                         "and GPT-4o scores no more than 1 point below GPT-4 on MMLU ('similar or better').",
                 working_zh=f"输出价格 GPT-4o / GPT-4 = {out:.3f}，输入价格 {inp:.3f}；MMLU 得分差 {gain:+.1f} 分。"
                            "只要输出价格之比在 20% 到 30% 之间（“四分之一”）、输入价格之比不高于它，且 GPT-4o 的 MMLU 得分"
                            "比 GPT-4 低不超过 1 分（“相当甚至更强”），即成立。",
                 rows=["gpt-4o", "gpt-4"])


@claim("claude-opus-priciest", PRICES, chapter="smaller-models", by="essay",
       quote='the most expensive (and presumably biggest) model in the Claude family', section='smaller-models', figure="price-vs-capability",
       text="Claude 3 Opus, at ${out:,.0f} per million output tokens, is the most expensive (and probably the largest) "
            "Claude model.",
       zh="Claude 3 Opus 每百万输出词元收费 {out:,.0f} 美元，是 Claude 系列中最贵（很可能也是规模最大）"
          "的模型。")
def claude_opus_priciest(p):
    a = p[p.provider == "Anthropic"]
    opus = pr._row(p, "claude-3-opus")
    return Check(holds=opus.input_usd_per_mtok >= a.input_usd_per_mtok.max()
                 and opus.output_usd_per_mtok >= a.output_usd_per_mtok.max(),
                 numbers={"inp": opus.input_usd_per_mtok, "out": opus.output_usd_per_mtok, "models": len(a)},
                 working=f"highest Anthropic prices among {len(a)} models: input ${a.input_usd_per_mtok.max():g}, output "
                         f"${a.output_usd_per_mtok.max():g}; Claude 3 Opus ${opus.input_usd_per_mtok:g} / "
                         f"${opus.output_usd_per_mtok:g}. Holds while no Anthropic model in the data is priced higher.",
                 working_zh=f"{len(a)} 个 Anthropic 模型中的最高价格：输入 {a.input_usd_per_mtok.max():g} 美元，输出 "
                            f"{a.output_usd_per_mtok.max():g} 美元；Claude 3 Opus 为 {opus.input_usd_per_mtok:g} / "
                            f"{opus.output_usd_per_mtok:g} 美元。只要数据中没有任何 Anthropic 模型定价更高，即成立。",
                 rows=list(a.id))


@claim("sonnet-fifth-of-opus", PRICES, chapter="smaller-models", by="essay",
       quote='both 5x cheaper and more capable', section='smaller-models', figure="price-vs-capability",
       text="The newer Claude 3.5 Sonnet costs {share:.0%} as much as Claude 3 Opus and is more capable.",
       zh="较新的 Claude 3.5 Sonnet 价格是 Claude 3 Opus 的 {share:.0%}，能力却更强。")
def sonnet_fifth_of_opus(p):
    inp, out = pr.sonnet35_opus3_input_share(p), pr.sonnet35_opus3_output_share(p)
    gain = pr.sonnet35_opus3_mmlu_gain(p)
    return Check(holds=0.15 <= inp <= 0.25 and 0.15 <= out <= 0.25 and gain > 0,
                 numbers={"share": pr.sonnet35_opus3_blended_share(p), "input": inp, "output": out, "mmlu_gain": gain},
                 working=f"Claude 3.5 Sonnet / Claude 3 Opus: input {inp:.3f}, output {out:.3f}; MMLU gain "
                         f"{gain:+.1f} points. Holds while both price shares are between 15% and 25% ('a fifth') and "
                         "Sonnet scores higher.",
                 working_zh=f"Claude 3.5 Sonnet / Claude 3 Opus：输入价格 {inp:.3f}，输出价格 {out:.3f}；MMLU 得分差 "
                            f"{gain:+.1f} 分。只要两项价格之比都在 15% 到 25% 之间（“五分之一”），且 Sonnet 得分更高，即成立。",
                 rows=["claude-3-5-sonnet", "claude-3-opus"])


@claim("mmlu-gains-slight", PRICES, chapter="smaller-models", by="annotation", figure="price-vs-capability",
       text="On MMLU, the one benchmark all these developers reported, the newer models score slightly higher: "
            "{gpt:.1f} points for GPT-4o and {sonnet:.1f} for Claude 3.5 Sonnet.",
       zh="在这几家开发者都报告过的唯一一个基准测试 MMLU 上，新模型的得分略高一些：GPT-4o 高 {gpt:.1f} "
          "分，Claude 3.5 Sonnet 高 {sonnet:.1f} 分。")
def mmlu_gains_slight(p):
    g, s = pr.gpt4o_gpt4_mmlu_gain(p), pr.sonnet35_opus3_mmlu_gain(p)
    return Check(holds=0 < g <= 5 and 0 < s <= 5,
                 numbers={"gpt": g, "sonnet": s},
                 working=f"MMLU (5-shot): GPT-4o - GPT-4 = {g:+.1f}; Claude 3.5 Sonnet - Claude 3 Opus = {s:+.1f}. "
                         "Holds while both gains are positive and at most 5 points ('slightly').",
                 working_zh=f"MMLU（5-shot）：GPT-4o - GPT-4 = {g:+.1f}；Claude 3.5 Sonnet - Claude 3 Opus = {s:+.1f}。"
                            "只要两项提升都为正、且都不超过 5 分（“略高”），即成立。",
                 rows=["gpt-4o", "gpt-4", "claude-3-5-sonnet", "claude-3-opus"])


@claim("gemini-against-1-0-pro", PRICES, chapter="smaller-models", by="annotation", figure="price-vs-capability",
       text="Relative to Gemini 1.0 Pro, Gemini 1.5 Flash costs {flash:.0%} as much and scores {gain:.1f} points higher on "
            "MMLU, while Gemini 1.5 Pro, the model the essay names, costs {pro:.0f} times as much.",
       zh="与 Gemini 1.0 Pro 相比，Gemini 1.5 Flash 的价格为其 {flash:.0%}，MMLU 得分高出 {gain:.1f} 分；"
          "而文章点名的 Gemini 1.5 Pro，价格却是 Gemini 1.0 Pro 的 {pro:.0f} 倍。")
def gemini_against_1_0_pro(p):
    flash, gain = pr.flash15_pro10_blended_share(p), pr.flash15_pro10_mmlu_gain(p)
    pro = pr.share(p, "gemini-1-5-pro", "gemini-1-0-pro", "blended")
    return Check(holds=flash < 1 and gain > 0 and pro > 1,
                 numbers={"flash": flash, "gain": gain, "pro": pro},
                 working=f"blended price (3 input : 1 output) relative to Gemini 1.0 Pro: 1.5 Flash {flash:.3f}, "
                         f"1.5 Pro {pro:.2f}; MMLU gain of 1.5 Flash {gain:+.1f} points. Holds while 1.5 Flash is cheaper "
                         "and better than 1.0 Pro and 1.5 Pro is dearer.",
                 working_zh=f"以 Gemini 1.0 Pro 为基准的混合价格（输入 : 输出 = 3 : 1）：1.5 Flash {flash:.3f}，1.5 Pro {pro:.2f}；"
                            f"1.5 Flash 的 MMLU 得分差 {gain:+.1f} 分。只要 1.5 Flash 比 1.0 Pro 更便宜也更强、而 1.5 Pro 更贵，"
                            "即成立。",
                 rows=["gemini-1-5-flash", "gemini-1-5-pro", "gemini-1-0-pro"])


@claim("mixtral-active-share", MOE, chapter="smaller-models", by="essay",
       quote='much lower than the total parameter count', section='footnote-5', figure="moe-active-parameters",
       text="Mixtral 8x22B has {total:,.0f} billion parameters in total, of which only {active:,.0f} billion "
            "({share:.0%}) are active for any given token.",
       zh="Mixtral 8x22B 共有 {total!b}个参数，但处理任何一个词元时，只有其中 {active!b}"
          "个（{share:.0%}）处于激活状态。")
def mixtral_active_share(df):
    share = moe.mixtral_8x22b_active_share(df)
    return Check(holds=share < 0.5,
                 numbers={"active": moe.mixtral_8x22b_active(df), "total": moe.mixtral_8x22b_total(df), "share": share},
                 working=f"{moe.mixtral_8x22b_active(df):g} / {moe.mixtral_8x22b_total(df):g} = {share:.1%}. "
                         "Holds while fewer than half the parameters are active ('much lower than the total').",
                 working_zh=f"{moe.mixtral_8x22b_active(df):g} / {moe.mixtral_8x22b_total(df):g} = {share:.1%}。"
                            "只要处于激活状态的参数不到总数的一半（“远低于总数”），即成立。",
                 rows=["mixtral-8x22b"])


@claim("moe-sparser-since-essay", MOE, chapter="smaller-models", by="annotation", figure="moe-active-parameters",
       text="Models released since the essay are sparser: the median uses {after:.0%} of its parameters per token, "
            "against {before:.0%} before, while the largest has grown from {total_before:,.0f} to "
            "{total_after:,.0f} billion parameters.",
       zh="文章发表后推出的模型更加稀疏：处理每个词元时所用参数占比的中位数为 {after:.0%}，此前为 "
          "{before:.0%}；与此同时，最大模型的参数量从 {total_before!b}增至{total_after!b}。")
def moe_sparser_since_essay(df):
    share, later = moe.active_share(df), df.release_date > arc.ESSAY
    a, b = share[later].median(), share[~later].median()
    ta, tb = df[later].total_parameters.max(), df[~later].total_parameters.max()
    return Check(holds=later.any() and (~later).any() and a < b and ta > tb,
                 numbers={"after": a, "before": b, "n_after": int(later.sum()), "n_before": int((~later).sum()),
                          "total_before": tb, "total_after": ta},
                 working=f"active / total parameters, median of the {int(later.sum())} models released after "
                         f"{arc.ESSAY:%Y-%m-%d}: {a:.3f}; of the {int((~later).sum())} before: {b:.3f}. Largest total "
                         f"{tb:g}B before, {ta:g}B after. Holds while the later median share is lower and the largest "
                         "later model is larger.",
                 working_zh=f"激活参数 / 总参数：{arc.ESSAY:%Y-%m-%d} 之后发布的 {int(later.sum())} 个模型，中位数 {a:.3f}；"
                            f"此前的 {int((~later).sum())} 个模型，中位数 {b:.3f}。最大总参数量：此前 {zh_number(tb * 1e9)}，"
                            f"此后 {zh_number(ta * 1e9)}。只要较新模型的中位占比更低、且较新的最大模型规模更大，即成立。",
                 rows=list(df.id))


@claim("gpt4o-quarter-is-output", PRICES, chapter="smaller-models", by="annotation", figure="price-vs-capability",
       text="The essay's 25% holds for output tokens: GPT-4o's output price is {out:.0%} of GPT-4's, its input price "
            "{inp:.0%}, and a typical three-to-one mix of input and output {blend:.0%}.",
       zh="文章所说的 25% 指的是输出词元：GPT-4o 的输出价格是 GPT-4 的 {out:.0%}，输入价格是 {inp:.0%}，"
          "按典型的三比一输入输出配比计算则是 {blend:.0%}。")
def gpt4o_quarter_is_output(p):
    out, inp = pr.gpt4o_gpt4_output_share(p), pr.gpt4o_gpt4_input_share(p)
    blend = pr.gpt4o_gpt4_blended_share(p)
    return Check(holds=abs(out - 0.25) <= 0.025 and inp < out and blend < out,
                 numbers={"out": out, "inp": inp, "blend": blend},
                 working=f"GPT-4o / GPT-4 price: output {out:.3f}, input {inp:.3f}, blended (3 input : 1 output) "
                         f"{blend:.3f}. Holds while the output share rounds to a quarter (within 2.5 points of 25%) "
                         "and the input and blended shares are lower, so 'a quarter' is the output-token figure.",
                 working_zh=f"GPT-4o / GPT-4 价格之比：输出 {out:.3f}，输入 {inp:.3f}，混合（输入 : 输出 = 3 : 1）{blend:.3f}。"
                            "只要输出价格之比约为四分之一（与 25% 相差不超过 2.5 个百分点），且输入价格和混合价格之比都更低，"
                            "即成立；这样，“四分之一”指的就是输出词元的价格。",
                 rows=["gpt-4o", "gpt-4"])


@claim("sonnet-same-share-both", PRICES, chapter="smaller-models", by="annotation", figure="price-vs-capability",
       text="Claude 3.5 Sonnet costs {share:.0%} of Claude 3 Opus on either kind of token.",
       zh="无论按输入还是输出词元计，Claude 3.5 Sonnet 的价格都是 Claude 3 Opus 的 {share:.0%}。")
def sonnet_same_share_both(p):
    inp, out = pr.sonnet35_opus3_input_share(p), pr.sonnet35_opus3_output_share(p)
    return Check(holds=abs(inp - out) < 0.005,
                 numbers={"share": out, "input": inp, "output": out},
                 working=f"Claude 3.5 Sonnet / Claude 3 Opus: input {inp:.4f}, output {out:.4f}. Holds while the two "
                         "shares agree to within half a percentage point.",
                 working_zh=f"Claude 3.5 Sonnet / Claude 3 Opus：输入价格 {inp:.4f}，输出价格 {out:.4f}。"
                            "只要这两个比值相差不到半个百分点，即成立。",
                 rows=["claude-3-5-sonnet", "claude-3-opus"])


@claim("moe-median-sparse", MOE, chapter="smaller-models", by="annotation", figure="moe-active-parameters",
       text="Across the {n} mixture-of-experts models in our data, the median model uses {median:.0%} of its "
            "parameters for each token; {lowest_model} uses only {lowest:.1%}.",
       zh="在我们数据中的 {n} 个混合专家（MoE）模型里，中位数模型处理每个词元时动用其 {median:.0%} "
          "的参数；{lowest_model} 只动用 {lowest:.1%}。")
def moe_median_sparse(df):
    share = moe.active_share(df)
    med, low = share.median(), share.min()
    return Check(holds=med <= 0.25,
                 numbers={"n": len(df), "median": med, "lowest_model": moe.lowest_active_share_model(df),
                          "lowest": low},
                 working="active / total parameters: " + ", ".join(f"{i} {s:.3f}" for i, s in zip(df.id, share))
                         + f"; median {med:.3f}, lowest {low:.4f}. Holds while the median model uses at most a "
                         "quarter of its parameters per token.",
                 working_zh="激活参数 / 总参数：" + "，".join(f"{i} {s:.3f}" for i, s in zip(df.id, share))
                            + f"；中位数 {med:.3f}，最低 {low:.4f}。只要中位数模型处理每个词元时动用的参数不超过总数的四分之一，"
                            "即成立。",
                 rows=list(df.id))
