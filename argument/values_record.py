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


def _verdict_count(which: str):
    def count(rows, claims):
        return sum(1 for s in _scores(rows, claims) if s.verdict == which)
    count.__doc__ = f"How many claims the scorecard's rule finds {which}."
    return count


for _verdict in record.VERDICTS:  # record-holding, record-contested, record-challenged, record-too-early
    value(f"record-{_verdict.replace(' ', '-')}", BOTH, "{:,}")(_verdict_count(_verdict))
