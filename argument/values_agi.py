"""Numbers about public AGI predictions quoted in the prose (data/agi_predictions.csv).

A prediction's deadline is the end of its stated range (predicted_year_high) or, without a
range, its predicted_year. Its status is computed from the deadline and the data's as-of date
(the resource's `as_of` in data/datapackage.json, the date the list was last checked; see
pipeline.dates.data_as_of): "ahead" while the deadline is after the as-of year, "due" in that
year, "lapsed" once it has passed. "Came true" would need the data to record it; it has no such column, so a
prediction past its deadline is lapsed.
"""
import pandas as pd

from pipeline import dates
from pipeline.values import value

AGI = ("agi_predictions",)


def as_of_year(df: pd.DataFrame) -> int:
    """The year of the data's as-of date (the date the list was last checked)."""
    return dates.data_as_of(df).year


def deadline(df: pd.DataFrame) -> pd.Series:
    return df.predicted_year_high.fillna(df.predicted_year).astype(int)


def status(df: pd.DataFrame, as_of: int | None = None) -> pd.Series:
    """Each prediction's status (pipeline.dates.STATUSES) as of `as_of` (a year; the build's by default)."""
    year = as_of_year(df) if as_of is None else int(as_of)
    return deadline(df).map(lambda d: dates.status(d, year))


def passed(df: pd.DataFrame) -> pd.Series:
    return status(df) == dates.LAPSED


def row(df: pd.DataFrame, id_: str) -> pd.Series:
    return df.loc[df.id == id_].iloc[0]


@value("agi-count", AGI, "{}")
def agi_count(df):
    """Number of predictions in the dataset."""
    return len(df)


@value("agi-past-count", AGI, "{}")
def agi_past_count(df):
    """Predictions that have lapsed: their deadline was earlier than the as-of year."""
    return int(passed(df).sum())


@value("agi-due-count", AGI, "{}")
def agi_due_count(df):
    """Predictions that fall due in the as-of year (their deadline is that year)."""
    return int((status(df) == dates.DUE).sum())


@value("agi-ahead-count", AGI, "{}")
def agi_ahead_count(df):
    """Predictions whose deadline is still ahead (after the as-of year)."""
    return int((status(df) == dates.AHEAD).sum())


@value("agi-status-year", AGI, "{}")
def agi_status_year(df):
    """Year of the data's as-of date (the list last checked), against which statuses are computed."""
    return as_of_year(df)


@value("agi-as-of-year", AGI, "{}")
def agi_as_of_year(df):
    """Year of the latest prediction in the data (the end of the span the list covers; statuses are
    computed as of agi-status-year, the data's as-of date)."""
    return int(df.said_date.max().year)


@value("agi-first-year", AGI, "{}")
def agi_first_year(df):
    """Year of the earliest prediction in the data."""
    return int(df.said_date.min().year)


@value("agi-aschenbrenner-year", AGI, "{}")
def agi_aschenbrenner_year(df):
    """Aschenbrenner's 'AGI by ...' year in Situational Awareness (June 2024)."""
    return int(row(df, "aschenbrenner-2024").predicted_year)


@value("agi-simon-year", AGI, "{}")
def agi_simon_year(df):
    """Year by which Simon (1960) said machines could do any work a man can do."""
    return int(row(df, "simon-1960").predicted_year)


@value("agi-simon-said-year", AGI, "{}")
def agi_simon_said_year(df):
    return int(row(df, "simon-1960").said_date.year)


@value("agi-median-lead-years", AGI, "{:.0f}", "years")
def agi_median_lead_years(df):
    """Median gap between the year a prediction was made and the predicted (deadline) year."""
    return float((deadline(df) - df.said_date.dt.year).median())


@value("agi-leaders-count", AGI, "{}")
def agi_leaders_count(df):
    """Predictions by AI company leaders."""
    return int((df.speaker_type == "AI company leader").sum())


@value("agi-leaders-median-lead-years", AGI, "{:.0f}", "years")
def agi_leaders_median_lead_years(df):
    """Median gap, for AI company leaders only, between year said and predicted (deadline) year."""
    d = df[df.speaker_type == "AI company leader"]
    return float((deadline(d) - d.said_date.dt.year).median())
