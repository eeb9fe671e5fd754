"""Numbers about public AGI predictions quoted in the prose (data/agi_predictions.csv).

"As of" is the year of the latest prediction in the data; a prediction's deadline is the end
of its stated range (predicted_year_high) or, without a range, its predicted_year. A deadline
has passed when it is earlier than the as-of year.
"""
import pandas as pd

from pipeline.values import value

AGI = ("agi_predictions",)


def as_of_year(df: pd.DataFrame) -> int:
    return int(df.said_date.max().year)


def deadline(df: pd.DataFrame) -> pd.Series:
    return df.predicted_year_high.fillna(df.predicted_year).astype(int)


def passed(df: pd.DataFrame) -> pd.Series:
    return deadline(df) < as_of_year(df)


def row(df: pd.DataFrame, id_: str) -> pd.Series:
    return df.loc[df.id == id_].iloc[0]


@value("agi-count", AGI, "{}")
def agi_count(df):
    """Number of predictions in the dataset."""
    return len(df)


@value("agi-past-count", AGI, "{}")
def agi_past_count(df):
    """Predictions whose deadline was earlier than the as-of year."""
    return int(passed(df).sum())


@value("agi-as-of-year", AGI, "{}")
def agi_as_of_year(df):
    """Year of the latest prediction in the data."""
    return as_of_year(df)


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
