"""The chart of figure price-vs-capability: its data, table and chart (its words: price_vs_capability.yml)."""
import altair as alt
import pandas as pd

DATA = ("api_prices",)


def facts(prices: pd.DataFrame) -> dict:
    from argument import values_prices as v
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
