"""Dates at their precision, and a prediction's status from its deadline.

A value known only to the month is shown to the month, in both languages, and never with a
day: `fmt(date, "month")` is "March 2017" in English and "2017年3月" in Chinese; a day is
"7 April 1960" / "1960年4月7日", a year "1911" / "1911年". In data a month-precision date is
stored as the first of the month beside a `<column>_precision` column (day / month / year);
in a figure's CSV it is written at its precision (`iso`: "2017-03"), so that no reader of the
CSV sees a day nobody recorded. Vega cannot know a value's precision: a figure puts the date
as `fmt` writes it in a text field of its data, and the Chinese chart converts that text
(pipeline.i18n.data_text reads it back with `parse_text`).

A prediction's status is computed, never typed: from its deadline year and the year of the
data's as-of date (`data_as_of`: the resource's `as_of` in data/datapackage.json, the date the
list was last checked against the record). It is the data's date, not the build's, so that a
released figure is the same bytes whenever it is rebuilt, and a status changes only when a
maintainer re-checks the list and moves the date. See `status`. (The claims, re-checked at every
build, are checked as of the build's date: `as_of`.)
"""
from __future__ import annotations

import datetime as _dt
import os
import re

PRECISIONS = ("day", "month", "year")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

# a prediction's status: ahead of its deadline, due (the deadline is the as-of year), lapsed
# (the deadline has passed and the data does not record it as come true), came true (the data
# says so); in this order in legends
AHEAD, DUE, LAPSED, CAME_TRUE = "ahead", "due", "lapsed", "came true"
STATUSES = (AHEAD, DUE, LAPSED, CAME_TRUE)
STATUS_EN = {AHEAD: "Deadline ahead", DUE: "Due this year", LAPSED: "Lapsed", CAME_TRUE: "Came true"}
STATUS_ZH = {AHEAD: "期限未到", DUE: "今年到期", LAPSED: "期限已过，未成真", CAME_TRUE: "已成真"}


def as_of() -> _dt.date:
    """The date the data is checked as of: the build's SOURCE_DATE_EPOCH (the last commit), so
    that a checkout always gives the same result; the clock only where no epoch is set."""
    import time

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or int(time.time())
    return _dt.datetime.fromtimestamp(epoch, _dt.UTC).date()


def data_as_of(df) -> _dt.date:
    """The data's as-of date: the resource's `as_of` (data/datapackage.json), which
    pipeline.data.load keeps in the frame's attrs."""
    try:
        return _dt.date.fromisoformat(df.attrs["as_of"])
    except KeyError:
        raise ValueError("this resource has no 'as_of' date in data/datapackage.json (the date its rows were "
                         "last checked): add one, e.g. \"as_of\": \"2026-12-06\"") from None


def _date(d) -> _dt.date:
    if isinstance(d, str):
        return parse_iso(d)[0]
    if hasattr(d, "to_pydatetime"):  # a pandas Timestamp
        d = d.to_pydatetime()
    if isinstance(d, _dt.datetime):
        return d.date()
    if isinstance(d, _dt.date):
        return d
    raise TypeError(f"not a date: {d!r}")


def _precision(precision) -> str:
    p = "day" if precision is None or precision != precision else str(precision)  # None or NaN: a full date
    if p not in PRECISIONS:
        raise ValueError(f"unknown date precision {precision!r} (one of {', '.join(PRECISIONS)})")
    return p


def fmt(d, precision: str | None = "day", lang: str = "en") -> str:
    """The date as the site writes it, to its precision: "7 April 1960" / "March 2017" / "1911"
    in English, "1960年4月7日" / "2017年3月" / "1911年" in Chinese. `d` is a date, a datetime,
    a pandas Timestamp or ISO text ("2017-03" is month precision on its own)."""
    if isinstance(d, str) and precision is None:
        d, precision = parse_iso(d)
    d, p = _date(d), _precision(precision)
    if lang == "zh":
        return {"day": f"{d.year}年{d.month}月{d.day}日", "month": f"{d.year}年{d.month}月", "year": f"{d.year}年"}[p]
    if lang != "en":
        raise ValueError(f"no date format for language {lang!r}")
    return {"day": f"{d.day} {MONTHS[d.month - 1]} {d.year}", "month": f"{MONTHS[d.month - 1]} {d.year}",
            "year": f"{d.year}"}[p]


def iso(d, precision: str | None = "day") -> str:
    """ISO 8601 at the date's precision: "1960-04-07", "2017-03", "1911"."""
    d, p = _date(d), _precision(precision)
    return {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}", "year": f"{d.year:04d}"}[p]


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]00:00:00(?:\.0+)?Z?)?)?)?$")


def parse_iso(text: str) -> tuple[_dt.date, str]:
    """ISO text and its precision: "2017-03" -> (2017-03-01, "month"); a midnight time is a day."""
    m = _ISO.match(text.strip())
    if not m:
        raise ValueError(f"not an ISO date: {text!r}")
    y, mo, d = m.groups()
    return _dt.date(int(y), int(mo or 1), int(d or 1)), ("day" if d else "month" if mo else "year")


_TEXT = re.compile(r"^(?:(\d{1,2}) )?(" + "|".join(MONTHS) + r") (\d{4})$")


def parse_text(text: str) -> tuple[_dt.date, str] | None:
    """An English date as `fmt` writes it ("7 April 1960", "March 2017") and its precision; None
    for anything else (a bare year is left alone: it may be any number)."""
    m = _TEXT.match(text.strip())
    if not m:
        return None
    day, month, year = m.groups()
    return _dt.date(int(year), MONTHS.index(month) + 1, int(day or 1)), ("day" if day else "month")


def status(deadline_year: int, as_of_year: int, came_true: bool = False) -> str:
    """A prediction's status from its deadline (the last year it allows) and the as-of year:
    'came true' only where the data records that it did; else 'ahead' while the deadline is
    after the as-of year, 'due' in the deadline year itself, 'lapsed' once it has passed."""
    if came_true:
        return CAME_TRUE
    deadline_year, as_of_year = int(deadline_year), int(as_of_year)
    return AHEAD if deadline_year > as_of_year else DUE if deadline_year == as_of_year else LAPSED


def status_label(s: str, lang: str = "en") -> str:
    return (STATUS_ZH if lang == "zh" else STATUS_EN)[s]
