"""Numbers about mixture-of-experts models (data/moe_models.csv) quoted in the prose.

Active share = active parameters / total parameters.
"""
import pandas as pd

from pipeline.values import value

MOE = ("moe_models",)


def active_share(moe: pd.DataFrame) -> pd.Series:
    return moe.active_parameters / moe.total_parameters


def _row(moe: pd.DataFrame, model_id: str) -> pd.Series:
    return moe.set_index("id").loc[model_id]


@value("moe-mixtral-8x22b-total", MOE, "{:,.0f}", "billion parameters")
def mixtral_8x22b_total(moe):
    return _row(moe, "mixtral-8x22b").total_parameters


@value("moe-mixtral-8x22b-active", MOE, "{:,.0f}", "billion parameters")
def mixtral_8x22b_active(moe):
    return _row(moe, "mixtral-8x22b").active_parameters


@value("moe-mixtral-8x22b-active-share", MOE, "{:.0%}")
def mixtral_8x22b_active_share(moe):
    r = _row(moe, "mixtral-8x22b")
    return r.active_parameters / r.total_parameters


@value("moe-median-active-share", MOE, "{:.0%}")
def median_active_share(moe):
    return active_share(moe).median()


@value("moe-model-count", MOE, "{}")
def model_count(moe):
    return len(moe)


@value("moe-lowest-active-share", MOE, "{:.1%}")
def lowest_active_share(moe):
    return active_share(moe).min()


@value("moe-lowest-active-share-model", MOE, "{}")
def lowest_active_share_model(moe):
    return moe.loc[active_share(moe).idxmin(), "model"]
