"""Cheaper successors match or beat the flagship models they followed

GPT-4o launched at {gpt4o_out:.0%} of GPT-4's output price ({gpt4o_in:.0%} of its input price)
and scores {gpt4o_gain:.1f} points higher on MMLU; Claude 3.5 Sonnet costs {sonnet:.0%} of
Claude 3 Opus for both input and output tokens and scores {sonnet_gain:.1f} points higher. The
cheapest model in the data, {cheap_model} (from {cheap_date}), costs {cheap_share:.1%} of GPT-4's blended
price, at {cheap_mmlu:.1f}% on MMLU. Lines join each newer model to the older one (hollow) of the same provider it is compared with. Price
is blended, three input tokens to one output token (the buttons switch to input or output
price); capability is MMLU, 5-shot, as reported by each developer. Log scale.
"""
import altair as alt
import pandas as pd

DATA = ("api_prices",)
ALT = ("Scatter chart of {n} language-model APIs: blended price per million tokens on a logarithmic "
       "horizontal axis against MMLU 5-shot score on the vertical axis, coloured by provider. Lines run "
       "from older (hollow) to newer (filled) models: GPT-4 (${gpt4_blend:,.2f}, {gpt4_mmlu:.1f}%) to GPT-4o "
       "(${gpt4o_blend:,.2f}, {gpt4o_mmlu:.1f}%), further left and higher; Claude 3 Opus "
       "(${opus_blend:,.2f}, {opus_mmlu:.1f}%) to Claude 3.5 Sonnet (${sonnet_blend:,.2f}, {sonnet_mmlu:.1f}%), "
       "also left and higher; Gemini 1.0 Pro to Gemini 1.5 Flash (cheaper and higher) and to Gemini 1.5 Pro "
       "(dearer and higher). Unpaired, the cheapest model, {cheap_model}, sits at the far left "
       "(${cheap_blend:,.3f}, {cheap_mmlu:.1f}%).")

# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """更便宜的后继模型追平甚至超越了它们所接替的旗舰模型

GPT-4o 发布时的输出价格是 GPT-4 的 {gpt4o_out:.0%}（输入价格是其 {gpt4o_in:.0%}），
MMLU 得分却高出 {gpt4o_gain:.1f} 分；
Claude 3.5 Sonnet 的输入和输出价格都只有 Claude 3 Opus 的 {sonnet:.0%}，得分高出 {sonnet_gain:.1f} 分。
数据中最便宜的模型 {cheap_model}（{cheap_date_zh}起）的混合价格只有 GPT-4 的 {cheap_share:.1%}，MMLU 得分为 {cheap_mmlu:.1f}%。
连线把每个较新的模型与同一提供商中用来比较的较旧模型（空心点）连起来。价格为混合价格，按三个输入词元配一个输出词元计算（可用按钮切换为输入价格或输出价格）；
能力指标为各开发者自己报告的 MMLU（5-shot）成绩。横轴为对数刻度。
"""
ZH_ALT = ("散点图：{n} 个语言模型 API，横轴为每百万词元的混合价格（对数刻度），纵轴为 MMLU 5-shot 得分，"
          "按提供商着色。连线从较旧的模型（空心）连到较新的模型（实心）：GPT-4（${gpt4_blend:,.2f}，"
          "{gpt4_mmlu:.1f}%）到 GPT-4o（${gpt4o_blend:,.2f}，{gpt4o_mmlu:.1f}%），更靠左也更高；"
          "Claude 3 Opus（${opus_blend:,.2f}，{opus_mmlu:.1f}%）到 Claude 3.5 Sonnet（${sonnet_blend:,.2f}，"
          "{sonnet_mmlu:.1f}%），同样更靠左也更高；Gemini 1.0 Pro 到 Gemini 1.5 Flash（更便宜，得分更高）"
          "以及到 Gemini 1.5 Pro（更贵，得分更高）。最便宜的模型 {cheap_model} 没有连线，位于最左侧"
          "（${cheap_blend:,.3f}，{cheap_mmlu:.1f}%）。")
LABELS = {
    "Price, US dollars per million tokens (log scale)": "价格（美元/百万词元，对数刻度）",
    "MMLU, 5-shot (%)": "MMLU 5-shot 得分（%）",
    "Blended (3:1)": "混合（3:1）", "Input": "输入", "Output": "输出", "Price: ": "价格：",
    "From": "较旧模型", "To": "较新模型", "Model": "模型", "Provider": "提供商", "Price from": "价格生效日期",
    "Input ($/M tokens)": "输入（美元/百万词元）", "Output ($/M tokens)": "输出（美元/百万词元）",
    "Blended 3:1 ($/M tokens)": "混合 3:1（美元/百万词元）", "MMLU 5-shot (%)": "MMLU 5-shot 得分（%）",
    "Compared with": "比较对象",
    # model names keep " (...)" in ASCII: the chart's labels strip it with a regex
    "GPT-4 (8K context)": "GPT-4 (8K 上下文)", "Claude 3.5 Sonnet (June 2024)": "Claude 3.5 Sonnet (2024年6月)",
    "Gemini 1.5 Pro (May 2024)": "Gemini 1.5 Pro (2024年5月)",
    "Gemini 1.5 Flash (May 2024)": "Gemini 1.5 Flash (2024年5月)",
    "— (not paired with an older model)": "—（未与较旧的模型配对）",
}


def facts(prices: pd.DataFrame) -> dict:
    from figures import _values_prices as v
    r = prices.set_index("id")
    from pipeline import dates
    b = lambda i: v.blended(r.loc[i].input_usd_per_mtok, r.loc[i].output_usd_per_mtok)  # noqa: E731
    cheap = min(r.index, key=b)
    return {"gpt4o_in": v.share(prices, "gpt-4o", "gpt-4", "input"),
            "gpt4o_out": v.share(prices, "gpt-4o", "gpt-4", "output"),
            "gpt4o_gain": v.mmlu_gain(prices, "gpt-4o", "gpt-4"),
            "sonnet": v.share(prices, "claude-3-5-sonnet", "claude-3-opus", "blended"),
            "sonnet_gain": v.mmlu_gain(prices, "claude-3-5-sonnet", "claude-3-opus"), "n": len(prices),
            "cheap_model": r.loc[cheap].model, "cheap_blend": b(cheap), "cheap_mmlu": r.loc[cheap].capability_score,
            "cheap_share": b(cheap) / b("gpt-4"), "cheap_date": dates.fmt(r.loc[cheap].price_date),
            "cheap_date_zh": dates.fmt(r.loc[cheap].price_date, lang="zh"),
            **{f"{k}_blend": b(i) for k, i in (("gpt4", "gpt-4"), ("gpt4o", "gpt-4o"), ("opus", "claude-3-opus"),
                                                 ("sonnet", "claude-3-5-sonnet"))},
            **{f"{k}_mmlu": r.loc[i].capability_score for k, i in (("gpt4", "gpt-4"), ("gpt4o", "gpt-4o"),
                                                                  ("opus", "claude-3-opus"), ("sonnet", "claude-3-5-sonnet"))}}


PROVIDERS = ["OpenAI", "Anthropic", "Google"]


def table(prices: pd.DataFrame) -> pd.DataFrame:
    """One row per model: its prices and MMLU score, with those of the older model it is compared with."""
    from pipeline import dates

    t = prices.rename(columns={"input_usd_per_mtok": "input_usd", "output_usd_per_mtok": "output_usd",
                               "capability_score": "mmlu"})
    t = t.assign(blended_usd=(3 * t.input_usd + t.output_usd) / 4, price_date=t.price_date.dt.strftime("%Y-%m-%d"),
                 price_from=t.price_date.map(dates.fmt))  # each known to the day (pipeline/dates.py)
    prev = t.set_index("id")[["model", "input_usd", "output_usd", "blended_usd", "mmlu"]].add_prefix("prev_")
    table = t.join(prev, on="predecessor")
    table["compared_with"] = table.prev_model.fillna("— (not paired with an older model)")
    return table[[
        "id", "model", "provider", "price_date", "price_from", "input_usd", "output_usd", "blended_usd", "mmlu",
        "capability_metric", "predecessor", "prev_model", "prev_input_usd", "prev_output_usd",
        "prev_blended_usd", "prev_mmlu", "compared_with", "source_url", "capability_source_url"]]


def chart(table: pd.DataFrame) -> alt.Chart:
    basis = alt.param(name="basis", value="Blended (3:1)", bind=alt.binding_radio(
        options=["Blended (3:1)", "Input", "Output"], name="Price: "))
    pick = alt.selection_point(fields=["provider"], bind="legend")
    pr = "basis == 'Input' ? datum.{p}input_usd : basis == 'Output' ? datum.{p}output_usd : datum.{p}blended_usd"
    base = alt.Chart(table).transform_calculate(price=pr.format(p=""), prev_price=pr.format(p="prev_"))
    x = alt.X("price:Q", title="Price, US dollars per million tokens (log scale)",
              scale=alt.Scale(type="log", domain=[0.03, 100]),
              axis=alt.Axis(values=[0.03, 0.1, 0.3, 1, 3, 10, 30, 100], labelExpr="'$' + datum.value"))
    y = alt.Y("mmlu:Q", title="MMLU, 5-shot (%)", scale=alt.Scale(domain=[65, 90]))
    color = alt.Color("provider:N", title=None, scale=alt.Scale(domain=PROVIDERS), legend=alt.Legend(columns=3))
    fade = alt.condition(pick, alt.value(1), alt.value(0.15))
    links = base.transform_filter("isValid(datum.prev_model)").mark_rule(strokeWidth=2, strokeDash=[5, 3]).encode(
        x=x, x2="prev_price:Q", y=y, y2="prev_mmlu:Q", color=color, opacity=fade,
        tooltip=[alt.Tooltip("prev_model:N", title="From"), alt.Tooltip("model:N", title="To")])
    older = alt.FieldOneOfPredicate(field="id", oneOf=sorted(set(table.predecessor.dropna())))
    points = base.mark_point(size=80, filled=True, strokeWidth=2).encode(
        x=x, y=y, color=color, opacity=fade, stroke=alt.Stroke("provider:N", title=None,
                                                               scale=alt.Scale(domain=PROVIDERS)),
        fillOpacity=alt.condition(older, alt.value(0), alt.value(1)),
        tooltip=[alt.Tooltip("model:N", title="Model"), alt.Tooltip("provider:N", title="Provider"),
                 alt.Tooltip("price_from:N", title="Price from"),
                 alt.Tooltip("input_usd:Q", title="Input ($/M tokens)", format="$,.2f"),
                 alt.Tooltip("output_usd:Q", title="Output ($/M tokens)", format="$,.2f"),
                 alt.Tooltip("blended_usd:Q", title="Blended 3:1 ($/M tokens)", format="$,.2f"),
                 alt.Tooltip("mmlu:Q", title="MMLU 5-shot (%)", format=".1f"),
                 alt.Tooltip("compared_with:N", title="Compared with")],
    ).add_params(pick, basis)
    text = base.transform_calculate(label="replace(datum.model, / \\(.*\\)$/, '')")
    # newer models (their line runs right) are labelled on the left; GPT-4 and Opus kept apart
    left, out = "isValid(datum.prev_model)", "basis == 'Output'"   # Opus is dearer than GPT-4 on output only
    labels = [text.transform_filter(f).mark_text(baseline="middle", **kw).encode(
        x=x, y=y, text="label:N", opacity=fade) for f, kw in (
        (left, dict(align="right", dx=-8)),
        ("datum.id == 'claude-3-opus'", dict(align="right", dx=6, dy=alt.expr(f"{out} ? -17 : 15"))),
        ("datum.id == 'gpt-4'", dict(align=alt.expr(f"{out} ? 'center' : 'left'"),
                                     dx=alt.expr(f"{out} ? 0 : 8"), dy=alt.expr(f"{out} ? 16 : 0"))),
        ("datum.id == 'claude-3-haiku'", dict(align=alt.expr("basis == 'Input' ? 'center' : 'right'"),
                                              dx=alt.expr("basis == 'Input' ? 0 : -8"),
                                              dy=alt.expr("basis == 'Input' ? 15 : 0"))),
        (f"!({left}) && indexof(['claude-3-opus', 'gpt-4', 'claude-3-haiku'], datum.id) < 0", dict(align="left", dx=8)))]
    return alt.layer(links, points, *labels)
