"""Numbers about the stock of public human text (Epoch AI, Villalobos et al. 2024) quoted in the prose."""
import pandas as pd

from pipeline.values import value

ST, STLM = ("text_stock",), ("text_stock", "language_models")


def row(stock: pd.DataFrame, id_: str) -> pd.Series:
    return stock.set_index("id").loc[id_]


@value("stock-central-trillion", ST, "{:,.0f}", "trillion tokens")
def stock_central_trillion(s):
    return row(s, "effective-stock").central / 1e12


@value("stock-low-trillion", ST, "{:,.0f}", "trillion tokens")
def stock_low_trillion(s):
    return row(s, "effective-stock").low / 1e12


@value("stock-high-trillion", ST, "{:,.0f}", "trillion tokens")
def stock_high_trillion(s):
    return row(s, "effective-stock").high / 1e12


@value("stock-full-use-year", ST, "{:.0f}")
def stock_full_use_year(s):
    return row(s, "full-use-year").central


@value("stock-full-use-range", ST, "{}")
def stock_full_use_range(s):
    r = row(s, "full-use-year")
    return f"{r.low:.0f}–{r.high:.0f}"


def text_training_sets(m: pd.DataFrame) -> pd.DataFrame:
    """Models whose reported training tokens are text (training_data == "text"): the only counts
    that may be compared with the stock of human-written text (like with like)."""
    return m[m.training_tokens.notna() & (m.training_data == "text")]


def largest_training_set(m: pd.DataFrame) -> pd.Series:
    """The model with the most training tokens of text in language_models (multimodal counts are
    not comparable with a stock of text, nor with a text-only YouTube transcript)."""
    t = text_training_sets(m)
    return t.loc[t.training_tokens.idxmax()]


@value("stock-largest-share", STLM, "{:.0%}")
def stock_largest_share(s, m):
    """The largest training set in language_models as a share of the central stock estimate."""
    return largest_training_set(m).training_tokens / row(s, "effective-stock").central


@value("stock-largest-share-at-essay", STLM, "{:.0%}")
def stock_largest_share_at_essay(s, m):
    """The same share for the largest text training set of a model released by the essay's date
    (a model whose release day is not in the data is left out: it cannot be placed)."""
    from pipeline.essay import DATE

    dated = m[m.release_date.notna() & (m.release_date <= pd.Timestamp(DATE))]
    return largest_training_set(dated).training_tokens / row(s, "effective-stock").central
