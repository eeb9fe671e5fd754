"""Issue 17, point 6: dates keep their precision, and a prediction's status is computed.

A value known to the month is shown to the month in both languages (never as the first of
the month); a prediction's status (ahead, due, lapsed, came true) comes from its deadline and
the data's as-of date (the resource's `as_of` in data/datapackage.json), not from a typed column. Fast: no build, no
browser.
"""
from __future__ import annotations

import csv
import datetime as dt
import re

import pandas as pd
import pytest
from conftest import ROOT

from pipeline import dates
from pipeline.i18n import data_text, localize_spec, zh_text


def epoch(day: str) -> str:
    return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()))


@pytest.fixture(scope="module")
def agi() -> pd.DataFrame:
    from pipeline import data as datamod

    return datamod.load(datamod.resources(ROOT / "data")["agi_predictions"])


# ------------------------------------------------------------------------------- the formatter

@pytest.mark.parametrize("value, precision, en, zh", [
    (dt.date(1903, 12, 17), "day", "17 December 1903", "1903年12月17日"),
    (dt.date(2017, 3, 1), "month", "March 2017", "2017年3月"),
    (dt.date(1911, 1, 1), "year", "1911", "1911年"),
    (pd.Timestamp("2024-06-01"), "month", "June 2024", "2024年6月"),
    (dt.datetime(1960, 4, 7, 0, 0), "day", "7 April 1960", "1960年4月7日"),
    ("2017-03-01", "month", "March 2017", "2017年3月"),   # a stored first-of-the-month, at its precision
    ("2017-03", None, "March 2017", "2017年3月"),         # ISO text carries its own precision
    ("1903-12-17T00:00:00", None, "17 December 1903", "1903年12月17日"),
    ("1911", None, "1911", "1911年"),
])
def test_a_date_is_written_to_its_precision_in_both_languages(value, precision, en, zh):
    assert dates.fmt(value, precision) == en
    assert dates.fmt(value, precision, "zh") == zh


def test_iso_text_keeps_the_precision_and_reads_back():
    for d, p, text in ((dt.date(1960, 4, 7), "day", "1960-04-07"), (dt.date(2017, 3, 1), "month", "2017-03"),
                       (dt.date(1911, 1, 1), "year", "1911")):
        assert dates.iso(d, p) == text and dates.parse_iso(text) == (d, p)
    assert dates.parse_text("March 2017") == (dt.date(2017, 3, 1), "month")
    assert dates.parse_text("7 April 1960") == (dt.date(1960, 4, 7), "day")
    assert dates.parse_text("2029") is None and dates.parse_text("GPT-4") is None
    with pytest.raises(ValueError):
        dates.fmt(dt.date(2017, 3, 1), "week")


def test_the_chinese_edition_converts_the_english_date_at_the_same_precision():
    """Vega cannot know a value's precision: the chart's data holds the English text, and the
    Chinese spec converts it without adding a day."""
    assert data_text("March 2017") == "2017年3月" and data_text("7 April 1960") == "1960年4月7日"
    assert zh_text("2017-03") == "2017年3月" and zh_text("2024-06-27") == "2024年6月27日"
    spec = {"datasets": {"d": [{"said": "March 2017"}, {"said": "17 December 1903"}]}}
    assert localize_spec(spec, {})["datasets"]["d"] == [{"said": "2017年3月"}, {"said": "1903年12月17日"}]


# ---------------------------------------------------------------- month precision in the figure

def test_a_month_precision_prediction_is_never_shown_with_a_day(agi, monkeypatch):
    """In the figure's table (its CSV, its tooltip field `said`, and the Chinese tooltip) a row
    known to the month has no day: not '2017-03-01', not '1 March 2017', not '2017年3月1日'."""
    from figures import agi_predictions as fig

    table = fig.table(agi)
    month = table[table.said_date_precision == "month"]
    assert len(month) >= 1, "the data has month-precision rows (Kurzweil 2017 at least)"
    for r in month.itertuples():
        assert re.fullmatch(r"\d{4}-\d{2}", r.said_date), r  # the CSV's ISO text, to the month
        assert re.fullmatch(r"[A-Z][a-z]+ \d{4}", r.said), r  # the tooltip: "March 2017"
        assert not re.search(r"\b1\b|日", data_text(r.said)) and data_text(r.said).endswith("月"), r
    kurzweil = table.set_index("id").loc["kurzweil-2017"]
    assert (kurzweil.said_date, kurzweil.said) == ("2017-03", "March 2017")
    day = table[table.said_date_precision == "day"]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in day.said_date)
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", s) for s in day.said)
    # the tooltip shows `said`, not the ISO column
    spec = fig.chart(table).to_dict()
    tips = {t["field"] for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])}
    assert "said" in tips and "said_date" not in tips


def test_the_data_table_writes_a_date_to_its_precision(tmp_path):
    """A `_date` column of a figure's data table (chapter and figure pages) is written with the
    formatter: to its `_precision` column's precision, or to the ISO text's."""
    from pipeline.site.blocks import since_html, table_html

    with open(tmp_path / "x.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["person", "said_date", "said_date_precision", "other_date", "plot_date"])
        w.writerow(["A", "2017-03", "month", "1903-12-17", "1911-07-01"])
        w.writerow(["B", "2024-06-01", "month", "2024-06-27T00:00:00", "2024-06-27"])
    meta = {"slug": "x", "dir": str(tmp_path), "labels": {}, "title": "X", "data": ()}
    en = table_html(meta, ["person", "said_date", "other_date", "plot_date"], "chapters/x.md")
    zh = table_html(meta, ["person", "said_date", "other_date", "plot_date"], "chapters/x.md", "zh")
    for text in ("<td>March 2017</td>", "<td>17 December 1903</td>", "<td>June 2024</td>", "<td>27 June 2024</td>"):
        assert text in en
    for text in ("<td>2017年3月</td>", "<td>1903年12月17日</td>", "<td>2024年6月</td>", "<td>2024年6月27日</td>"):
        assert text in zh
    assert "2017-03-01" not in en + zh and "1 June 2024" not in en and "2024年6月1日" not in zh
    assert "<td>1911-07-01</td>" in en  # a plotting position stays as it is
    row = {"stance": "supports", "date": "2024-09-12", "headline": "H", "summary": "S", "headline_zh": "标",
           "summary_zh": "概", "source_title": "T", "source_url": "https://example.org/"}
    assert '<time datetime="2024-09-12">12 September 2024</time>' in since_html([row])
    assert '<time datetime="2024-09-12">2024年9月12日</time>' in since_html([row], "zh")


def test_every_precision_column_holds_a_known_precision():
    """Datasets with dates known to less than a day say so in a `<date>_precision` column; the
    others store a day or leave the date empty beside a year (data/datapackage.json)."""
    import json

    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    found = 0
    for r in package["resources"]:
        names = {f["name"] for f in r["schema"]["fields"]}
        for name in names:
            if name.endswith("_precision"):
                assert name.removesuffix("_precision") in names, (r["name"], name)
                rows = list(csv.DictReader(open(ROOT / "data" / r["path"], encoding="utf-8-sig")))
                assert {row[name] for row in rows} <= set(dates.PRECISIONS), (r["name"], name)
                found += 1
    assert found >= 1


# --------------------------------------------------------------------------------- the status

@pytest.mark.parametrize("deadline, status", [(2025, "lapsed"), (2026, "due"), (2027, "ahead"), (1980, "lapsed")])
def test_a_status_at_the_boundary_years(deadline, status):
    assert dates.status(deadline, 2026) == status
    assert dates.status(deadline, 2026, came_true=True) == "came true"  # only where the data records it


def test_the_status_is_as_of_the_data_not_the_build(agi, monkeypatch):
    """The figure and its values use the data's as-of date, whatever the build's date: a released
    figure rebuilt later is the same. The claims, re-checked at each build, use the build's."""
    import json

    from argument import values_agi as v
    from figures import agi_predictions as fig
    from pipeline import claims

    descriptor = {r["name"]: r for r in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]}
    data_day = dt.date.fromisoformat(descriptor["agi_predictions"]["as_of"])
    assert data_day >= agi.said_date.max().date(), "the list cannot be checked before its latest prediction"
    tables = []
    for day in ("2024-06-27", "2026-12-06", "2031-01-01"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
        assert dates.as_of() == claims.as_of() == dt.date.fromisoformat(day)
        assert v.as_of_year(agi) == v.agi_status_year(agi) == data_day.year
        tables.append(fig.table(agi))
    assert all(t.equals(tables[0]) for t in tables)
    with pytest.raises(ValueError, match="no 'as_of' date in data/datapackage.json"):
        dates.data_as_of(agi.copy().assign(x=1).pipe(lambda d: setattr(d, "attrs", {}) or d))


@pytest.mark.parametrize("day", ["2024-06-27", "2026-01-01", "2026-12-31", "2028-03-01", "2040-07-01"])
def test_no_prediction_past_its_deadline_is_labelled_ahead(agi, monkeypatch, day):
    """The figure's status, its counts in the prose (values) and the statuses drawn all follow
    from the deadline and the as-of year; none is typed in the data."""
    from argument import values_agi as v
    from figures import agi_predictions as fig

    assert "status" not in agi.columns, "a typed status column: compute it instead (pipeline/dates.py)"
    agi = agi.copy()
    agi.attrs = {"as_of": day}  # the list as if last checked on `day`
    year = int(day[:4])
    table = fig.table(agi)
    assert (table.as_of_year == year).all()
    for r in table.itertuples():
        if r.deadline_year < year:
            assert r.status == dates.STATUS_EN["lapsed"], (day, r.id, r.status)
        elif r.deadline_year == year:
            assert r.status == dates.STATUS_EN["due"], (day, r.id, r.status)
        else:
            assert r.status == dates.STATUS_EN["ahead"], (day, r.id, r.status)
    counts = table.status.value_counts()
    assert v.agi_past_count(agi) == counts.get("Lapsed", 0) == int((table.deadline_year < year).sum())
    assert v.agi_due_count(agi) == counts.get("Due this year", 0)
    assert v.agi_ahead_count(agi) == counts.get("Deadline ahead", 0)
    assert fig.facts(agi)["n_past"] == v.agi_past_count(agi) and fig.facts(agi)["as_of"] == year
    # the legend lists the statuses present, hollow marks are exactly the lapsed ones
    spec = fig.chart(table).to_dict()
    legends = [layer["encoding"]["shape"]["legend"]["values"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    assert legends and all(set(x) == set(table.status) for x in legends)


def test_status_words_agree_between_the_figure_and_the_helper():
    from figures import agi_predictions as fig
    from pipeline.figures import labels

    assert fig.STATUS == [dates.STATUS_EN[s] for s in dates.STATUSES]
    zh = labels("agi_predictions")  # the figure's words (figures/agi_predictions.yml)
    assert all(zh[dates.STATUS_EN[s]] == dates.STATUS_ZH[s] for s in dates.STATUSES)
    source = (ROOT / "figures" / "agi_predictions.py").read_text()
    assert "Deadline still ahead" not in source and "Deadline passed" not in source


def test_no_typed_status_in_the_prediction_data():
    rows = list(csv.DictReader(open(ROOT / "data" / "agi_predictions.csv", encoding="utf-8-sig")))
    typed = {"ahead", "due", "lapsed", "came true", "passed", "deadline passed", "deadline still ahead"}
    for r in rows:
        for col, v in r.items():
            if col not in ("prediction", "agi_definition", "note", "role", "person", "source_url", "other_sources"):
                assert str(v).strip().lower() not in typed, (r["id"], col, v)


def test_no_chart_or_claim_names_a_month_or_day_through_the_locale():
    """Month and weekday names come from pipeline.dates, never from strftime's %B/%b/%A/%a/%p/%c/%x,
    which follow the machine's LC_TIME: a build in another locale would publish other bytes.
    The one place dates are written in words is dates.fmt, in both languages."""
    pattern = re.compile(r"""strftime\(\s*["'][^"']*%[-#]?[BbAaphcx]""")
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
             for folder in ("figures", "pipeline") for p in sorted((ROOT / folder).rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not found, "\n".join(found)


def test_fmt_writes_the_same_words_as_a_c_locale_strftime():
    """The figures' date words did not change when strftime gave way to dates.fmt."""
    for d in (dt.date(1960, 4, 7), dt.date(2024, 12, 31), pd.Timestamp("2017-03-01")):
        assert dates.fmt(d) == f"{d.day} {d.strftime('%B %Y')}"
        assert dates.fmt(d, "month") == d.strftime("%B %Y")


def test_a_figure_table_s_dates_come_back_as_dates_once_from_the_loader():
    """The build writes a figure's table to CSV and hands chart() the table read back; its ISO-date
    columns come back as dates (dtype 'date'), the same way in the build and in the notebook."""
    import io

    import pandas as pd

    from pipeline.figures import csv_dtypes, read_args, read_table

    rows = [{"when": "2024-06-27", "month": "2024-06", "n": 1}, {"when": None, "month": "2017-03", "n": 2}]
    dtypes = csv_dtypes(rows, ["when", "month", "n"])
    assert dtypes == {"when": "date", "month": "str", "n": "Int64"}
    table = read_table(io.StringIO("when,month,n\n2024-06-27,2024-06,1\n,2017-03,2\n"), dtypes)
    assert str(table.when.dtype).startswith("datetime64") and table.when[0] == pd.Timestamp("2024-06-27")
    assert pd.isna(table.when[1]) and table.month.tolist() == ["2024-06", "2017-03"]
    args = read_args(dtypes)
    assert args["parse_dates"] == ["when"] and args["date_format"] == "%Y-%m-%d" and "when" not in args["dtype"]
