"""Numbers about language models (parameters, training tokens, compute) quoted in the prose.

Everything is computed from data/language_models.csv at build time. Training compute
estimates use the standard approximation C ≈ 6·N·D (N parameters, D training tokens);
they are computed here, never stored in the CSV.
"""
import pandas as pd

from pipeline.values import value

LM = ("language_models",)
# dense models of about the original LLaMA 7B's size (6.7B) up to, not including, 9B
SMALL_MIN, SMALL_MAX = 6e9, 9e9


def _row(m: pd.DataFrame, id_: str) -> pd.Series:
    return m.set_index("id").loc[id_]


def tokens_per_param(m: pd.DataFrame) -> pd.Series:
    """Training tokens of text per (total) parameter; NaN where tokens were not reported, or where
    the count is of text, images and video together (not comparable with Chinchilla's ratio of
    text tokens: like with like)."""
    return m.training_tokens.where(m.training_data == "text") / m.parameters


def six_nd(m: pd.DataFrame) -> pd.Series:
    """Estimated training compute in FLOP: 6 × parameters × training tokens."""
    return 6 * m.parameters * m.training_tokens


def small_dense(m: pd.DataFrame) -> pd.DataFrame:
    """Dense models of 6-9B parameters with reported training tokens."""
    keep = (m.parameters >= SMALL_MIN) & (m.parameters < SMALL_MAX) & m.active_parameters.isna()
    return m[keep & m.training_tokens.notna()]


@value("models-compute-optimal-ratio", LM, "{:.0f}", "tokens per parameter")
def compute_optimal_ratio(m):
    """Chinchilla 70B's own ratio (1.4T tokens / 70B), the predicted compute-optimal model."""
    r = _row(m, "chinchilla")
    return r.training_tokens / r.parameters


@value("models-chinchilla-tokens-per-param", LM, "{:.0f}", "tokens per parameter")
def chinchilla_tokens_per_param(m):
    return compute_optimal_ratio(m)


@value("models-gpt3-tokens-per-param", LM, "{:.1f}", "tokens per parameter")
def gpt3_tokens_per_param(m):
    r = _row(m, "gpt-3")
    return r.training_tokens / r.parameters


@value("models-llama3-8b-tokens-per-param", LM, "{:,.0f}", "tokens per parameter")
def llama3_8b_tokens_per_param(m):
    r = _row(m, "llama-3-8b")
    return r.training_tokens / r.parameters


@value("models-llama3-8b-times-compute-optimal", LM, "{:.0f}")
def llama3_8b_times_optimal(m):
    """How many times the Chinchilla ratio Llama 3 8B's tokens per parameter is."""
    return llama3_8b_tokens_per_param(m) / compute_optimal_ratio(m)


@value("models-llama3-training-tokens-trillion", LM, "{:,.0f}", "trillion tokens")
def llama3_training_tokens_trillion(m):
    """Llama 3 pretraining tokens (the model card's '15T+', a lower bound), in trillions."""
    return _row(m, "llama-3-8b").training_tokens / 1e12


@value("models-llama3-8b-vs-llama-7b-compute-ratio", LM, "{:.0f}")
def llama3_8b_vs_llama_7b(m):
    """6·N·D of Llama 3 8B over 6·N·D of the original LLaMA 7B."""
    c = six_nd(m.set_index("id"))
    return c["llama-3-8b"] / c["llama-7b"]


@value("models-small-compute-max-ratio", LM, "{:.0f}")
def small_compute_max_ratio(m):
    """Largest 6·N·D among the 6-9B dense models over the smallest."""
    c = six_nd(small_dense(m))
    return c.max() / c.min()


@value("models-6nd-max-gap", LM, "{:.1%}")
def six_nd_max_gap(m):
    """Largest relative gap between 6·N·D and developer-reported compute, where both exist."""
    r = m[m.training_compute_flop.notna() & m.training_tokens.notna()]
    return ((six_nd(r) - r.training_compute_flop).abs() / r.training_compute_flop).max()


@value("models-max-tokens-per-param-at-essay", LM, "{:,.0f}", "tokens per parameter")
def max_tokens_per_param_at_essay(m):
    """Most training tokens per parameter of any model released by the essay's date (scorecard)."""
    from pipeline.essay import DATE

    return float(tokens_per_param(m[m.release_date.notna() & (m.release_date <= pd.Timestamp(DATE))]).max())


@value("models-max-tokens-per-param-latest", LM, "{:,.0f}", "tokens per parameter")
def max_tokens_per_param_latest(m):
    """Most training tokens per parameter of any model in the data (scorecard)."""
    return float(tokens_per_param(m).max())
