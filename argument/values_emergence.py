"""Numbers of the ILLUSTRATION of metric-made 'emergence' (data/emergence_illustration.csv).

These are toy-model outputs, not measurements: prose quoting them must say 'in the illustration'.
"""
import numpy as np

from pipeline.values import value

EM = ("emergence_illustration",)


def _v(df) -> dict:
    return dict(zip(df.id, df.value.astype(float)))


def _p(df, n: float) -> float:
    """Per-token accuracy p = exp(-(N/c)^alpha) at model size n (Schaeffer et al. 2023, Sec. 2)."""
    v = _v(df)
    return float(np.exp(-(n / v["c"]) ** v["alpha"]))


@value("emergence-tokens-default", EM, "{:.0f}", "tokens")
def emergence_tokens_default(df):
    return _v(df)["tokens-default"]


@value("emergence-per-token-small", EM, "{:.0%}")
def emergence_per_token_small(df):
    """Per-token accuracy of the smallest model in the illustration."""
    return _p(df, _v(df)["size-min"])


@value("emergence-per-token-large", EM, "{:.0%}")
def emergence_per_token_large(df):
    """Per-token accuracy of the largest model in the illustration."""
    return _p(df, _v(df)["size-max"])


@value("emergence-exact-match-large", EM, "{:.0%}")
def emergence_exact_match_large(df):
    """Exact match (p^k, default k) of the largest model in the illustration."""
    v = _v(df)
    return _p(df, v["size-max"]) ** v["tokens-default"]


@value("emergence-exact-match-100m", EM, "{:.1%}")
def emergence_exact_match_100m(df):
    """Exact match (p^k, default k) of a 100-million-parameter model in the illustration."""
    v = _v(df)
    return _p(df, 1e8) ** v["tokens-default"]


@value("emergence-size-100m", EM, "{:,.0f}", "parameters")
def emergence_size_100m(df):
    """The model size at which emergence-exact-match-100m is evaluated."""
    return 1e8
