"""Numbers of the back-of-the-envelope YouTube estimate, quoted in the prose.

usable tokens = minutes × share with speech × words per minute × tokens per word × share kept,
each at its default in data/youtube_estimate.csv; Llama 3's training tokens come from language_models.
"""
import pandas as pd

from pipeline.values import value

YT = ("youtube_estimate",)
YTLM = ("youtube_estimate", "language_models")
CHAIN = ["total-minutes", "share-with-speech", "words-per-minute", "tokens-per-word", "share-kept"]


def defaults(est: pd.DataFrame) -> dict:
    return dict(zip(est.id, est.value.astype(float)))


def stages(est: pd.DataFrame) -> list[float]:
    """Running products along CHAIN: minutes, minutes with speech, words, tokens, tokens kept."""
    d, out, x = defaults(est), [], 1.0
    for k in CHAIN:
        x *= d[k]
        out.append(x)
    return out


def llama3_tokens(models: pd.DataFrame) -> float:
    return float(models.set_index("id").training_tokens["llama-3-8b"])


@value("youtube-total-minutes-billion", YT, "{:,.0f}", "billion minutes")
def youtube_total_minutes_billion(est):
    return defaults(est)["total-minutes"] / 1e9


@value("youtube-tokens-before-filtering-trillion", YT, "{:,.1f}", "trillion tokens")
def youtube_tokens_before_filtering_trillion(est):
    return stages(est)[3] / 1e12


@value("youtube-usable-tokens-billion", YT, "{:,.0f}", "billion tokens")
def youtube_usable_tokens_billion(est):
    """Tokens left after deduplication and filtering, at the default assumptions."""
    return stages(est)[4] / 1e9


@value("youtube-share-of-llama3", YTLM, "{:.0%}")
def youtube_share_of_llama3(est, models):
    """Default usable YouTube tokens as a share of Llama 3's training tokens."""
    return stages(est)[4] / llama3_tokens(models)


@value("youtube-llama3-times-more", YTLM, "{:,.0f}")
def youtube_llama3_times_more(est, models):
    """How many times the default usable YouTube tokens Llama 3 was trained on."""
    return llama3_tokens(models) / stages(est)[4]
