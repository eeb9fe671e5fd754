"""Numbers about the ARC-AGI benchmarks quoted in the prose (data/arc_agi_scores.csv).

"Held-out" means the semi-private or private evaluation sets: scores on the public
evaluation set (whose tasks are published) are kept apart and never compared with them.
"""
import pandas as pd

from pipeline import dates
from pipeline.values import value

ARC = ("arc_agi_scores",)
ESSAY = pd.Timestamp("2024-06-27")  # the essay's publication date (AI Snake Oil)
HELD_OUT = ("semi-private eval", "private eval")


def _systems(df: pd.DataFrame, bench: str, held_out: bool = True) -> pd.DataFrame:
    d = df[(df.kind == "system") & (df.benchmark == bench)]
    return d[d.eval_set.isin(HELD_OUT)] if held_out else d[d.eval_set == "public eval"]


def best(df: pd.DataFrame, bench: str, until=None, held_out: bool = True) -> pd.Series:
    """The highest system score on a benchmark published on or before `until` (None: ever)."""
    d = _systems(df, bench, held_out)
    if until is not None:
        d = d[d.date <= until]
    return d.sort_values(["score_pct", "date"], ascending=[False, True]).iloc[0]


def first_published(df: pd.DataFrame, bench: str) -> pd.Timestamp:
    return _systems(df, bench).date.min()


def row(df: pd.DataFrame, id_: str) -> pd.Series:
    return df.loc[df.id == id_].iloc[0]


@value("arc-arc1-best-at-essay", ARC, "{:.4g}", "%")
def arc1_best_at_essay(df):
    """Best held-out (private/semi-private) ARC-AGI-1 score published by the essay's date."""
    return best(df, "ARC-AGI-1", ESSAY).score_pct


@value("arc-arc1-best-public-claim-at-essay", ARC, "{:.4g}", "%")
def arc1_best_public_at_essay(df):
    """Best (self-reported) public-eval ARC-AGI-1 score by the essay's date: not comparable."""
    return best(df, "ARC-AGI-1", ESSAY, held_out=False).score_pct


@value("arc-gpt4o-arc1", ARC, "{:.4g}", "%")
def gpt4o_arc1(df):
    return row(df, "arc1-gpt-4o").score_pct


@value("arc-o3-preview-low", ARC, "{:.4g}", "%")
def o3_low(df):
    return row(df, "arc1-o3-preview-low").score_pct


@value("arc-o3-preview-low-cost", ARC, "${:,.0f}", "per task")
def o3_low_cost(df):
    return row(df, "arc1-o3-preview-low").cost_per_task_usd


@value("arc-o3-preview-high", ARC, "{:.4g}", "%")
def o3_high(df):
    return row(df, "arc1-o3-preview-high").score_pct


@value("arc-arc1-best-latest", ARC, "{:.4g}", "%")
def arc1_best_latest(df):
    return best(df, "ARC-AGI-1").score_pct


@value("arc-arc1-best-latest-system", ARC, "{}")
def arc1_best_latest_system(df):
    return best(df, "ARC-AGI-1").system


@value("arc-arc1-best-latest-date", ARC, "{}")
def arc1_best_latest_date(df):
    return dates.fmt(best(df, "ARC-AGI-1").date, "month")


@value("arc-arc2-launch-date", ARC, "{}")
def arc2_launch_date(df):
    return dates.fmt(first_published(df, "ARC-AGI-2"), "month")


@value("arc-arc2-best-at-launch", ARC, "{:.4g}", "%")
def arc2_best_at_launch(df):
    return best(df, "ARC-AGI-2", first_published(df, "ARC-AGI-2")).score_pct


@value("arc-arc2-best-latest", ARC, "{:.4g}", "%")
def arc2_best_latest(df):
    return best(df, "ARC-AGI-2").score_pct


@value("arc-arc2-best-latest-system", ARC, "{}")
def arc2_best_latest_system(df):
    return best(df, "ARC-AGI-2").system


@value("arc-arc2-best-latest-date", ARC, "{}")
def arc2_best_latest_date(df):
    return dates.fmt(best(df, "ARC-AGI-2").date, "month")


@value("arc-human-arc1-average", ARC, "{:.4g}", "%")
def human_arc1_average(df):
    """Average crowd worker on ARC-AGI-1's public evaluation set (H-ARC)."""
    return row(df, "arc1-human-h-arc-average").score_pct


@value("arc-human-arc2-average", ARC, "{:.4g}", "%")
def human_arc2_average(df):
    return row(df, "arc2-human-average-test-taker").score_pct


@value("arc-human-arc2-panel", ARC, "{:.4g}", "%")
def human_arc2_panel(df):
    """ARC-AGI-2's human panel: 100% by construction (every kept task solved by two people)."""
    return row(df, "arc2-human-panel").score_pct
