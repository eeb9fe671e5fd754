"""Numbers about the record since publication and the scorecard (data/since_publication.csv,
data/essay_claims.csv), computed with the scorecard's own rule (pipeline/record.py)."""
import pandas as pd

from pipeline import dates, record
from pipeline.values import value

REC, BOTH = ("since_publication",), ("since_publication", "essay_claims")


def _scores(rows: pd.DataFrame, claims: pd.DataFrame) -> list:
    as_dicts = rows.assign(date=rows.date.dt.strftime("%Y-%m-%d")).to_dict("records")
    return record.scorecard(claims.to_dict("records"), sorted(as_dicts, key=lambda r: (r["date"], r["id"])))


@value("record-entries", REC, "{:,}")
def record_entries(rows):
    return len(rows)


@value("record-claims", BOTH, "{:,}")
def record_claims(rows, claims):
    return len(claims)


@value("record-latest-date", REC, "{}")
def record_latest_date(rows):
    return dates.fmt(rows.date.max(), "day")


@value("record-as-of", REC, "{}")
def record_as_of(rows):
    return dates.fmt(dates.data_as_of(rows), "day")


def _verdicts(rows, claims, which):
    return sum(1 for s in _scores(rows, claims) if s.verdict == which)


@value("record-holding", BOTH, "{:,}")
def record_holding(rows, claims):
    return _verdicts(rows, claims, "holding")


@value("record-contested", BOTH, "{:,}")
def record_contested(rows, claims):
    return _verdicts(rows, claims, "contested")


@value("record-challenged", BOTH, "{:,}")
def record_challenged(rows, claims):
    return _verdicts(rows, claims, "challenged")


@value("record-too-early", BOTH, "{:,}")
def record_too_early(rows, claims):
    return _verdicts(rows, claims, "too early")
