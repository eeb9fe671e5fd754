"""Numbers about API prices (data/api_prices.csv) quoted in the prose.

Shares are newer model's price / older model's price, as the data gives them.
Blended price = (3 x input + output) / 4: three input tokens to one output token.
"""
import pandas as pd

from pipeline.values import value

PRICES = ("api_prices",)


def _row(prices: pd.DataFrame, model_id: str) -> pd.Series:
    return prices.set_index("id").loc[model_id]


def blended(input_usd, output_usd):
    return (3 * input_usd + output_usd) / 4


def share(prices: pd.DataFrame, new: str, old: str, kind: str) -> float:
    """new model's price as a share of the old model's: kind is input, output or blended."""
    n, o = _row(prices, new), _row(prices, old)
    if kind == "blended":
        return blended(n.input_usd_per_mtok, n.output_usd_per_mtok) / blended(o.input_usd_per_mtok, o.output_usd_per_mtok)
    return n[f"{kind}_usd_per_mtok"] / o[f"{kind}_usd_per_mtok"]


def mmlu_gain(prices: pd.DataFrame, new: str, old: str) -> float:
    return _row(prices, new).capability_score - _row(prices, old).capability_score


@value("prices-gpt4o-gpt4-input-share", PRICES, "{:.0%}")
def gpt4o_gpt4_input_share(prices):
    return share(prices, "gpt-4o", "gpt-4", "input")


@value("prices-gpt4o-gpt4-output-share", PRICES, "{:.0%}")
def gpt4o_gpt4_output_share(prices):
    return share(prices, "gpt-4o", "gpt-4", "output")


@value("prices-gpt4o-gpt4-blended-share", PRICES, "{:.0%}")
def gpt4o_gpt4_blended_share(prices):
    return share(prices, "gpt-4o", "gpt-4", "blended")


@value("prices-gpt4o-gpt4-mmlu-gain", PRICES, "{:.1f}", "percentage points")
def gpt4o_gpt4_mmlu_gain(prices):
    return mmlu_gain(prices, "gpt-4o", "gpt-4")


@value("prices-sonnet35-opus3-input-share", PRICES, "{:.0%}")
def sonnet35_opus3_input_share(prices):
    return share(prices, "claude-3-5-sonnet", "claude-3-opus", "input")


@value("prices-sonnet35-opus3-output-share", PRICES, "{:.0%}")
def sonnet35_opus3_output_share(prices):
    return share(prices, "claude-3-5-sonnet", "claude-3-opus", "output")


@value("prices-sonnet35-opus3-blended-share", PRICES, "{:.0%}")
def sonnet35_opus3_blended_share(prices):
    return share(prices, "claude-3-5-sonnet", "claude-3-opus", "blended")


@value("prices-sonnet35-opus3-mmlu-gain", PRICES, "{:.1f}", "percentage points")
def sonnet35_opus3_mmlu_gain(prices):
    return mmlu_gain(prices, "claude-3-5-sonnet", "claude-3-opus")


@value("prices-flash15-pro10-blended-share", PRICES, "{:.0%}")
def flash15_pro10_blended_share(prices):
    return share(prices, "gemini-1-5-flash", "gemini-1-0-pro", "blended")


@value("prices-flash15-pro10-mmlu-gain", PRICES, "{:.1f}", "percentage points")
def flash15_pro10_mmlu_gain(prices):
    return mmlu_gain(prices, "gemini-1-5-flash", "gemini-1-0-pro")


def cheapest_blended(prices: pd.DataFrame, by: str | None = None) -> float:
    """The lowest blended price of any API in the data, or of those priced on or before `by`."""
    p = prices if by is None else prices[prices.price_date <= pd.Timestamp(by)]
    return float(blended(p.input_usd_per_mtok, p.output_usd_per_mtok).min())


@value("prices-cheapest-blended-at-essay", PRICES, "${:,.2f}", "US dollars per million tokens, blended 3:1")
def cheapest_blended_at_essay(prices):
    """Lowest blended price of any API priced by the essay's date (scorecard)."""
    from pipeline.essay import DATE

    return cheapest_blended(prices, DATE)


@value("prices-cheapest-blended-latest", PRICES, "${:,.2f}", "US dollars per million tokens, blended 3:1")
def cheapest_blended_latest(prices):
    """Lowest blended price of any API in the data (scorecard)."""
    return cheapest_blended(prices)
