"""Issue 8: property-based tests over the data loader and validator.

Any input, whether mutated real data, hostile text in a cell or random bytes, gives
either valid data that loads with the schema's columns or a clean DataError naming the
file, never another exception, and never a partial write in the validation cache.
"""
from __future__ import annotations

import csv
import importlib
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT))
from pipeline import data as datamod  # noqa: E402

NAME = "airspeed_records"
REAL = (ROOT / "data" / f"{NAME}.csv").read_bytes()
ROWS = list(csv.reader(io.StringIO(REAL.decode())))
FIELDS = ROWS[0]
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(csv_bytes: bytes) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        (data / f"{NAME}.csv").write_bytes(csv_bytes)
        stamps = work / "valid"
        try:
            res = datamod.resources(data)
            datamod.validate(res[NAME], stamps)
        except datamod.DataError as e:
            assert e.problems and all(p.startswith(("data/airspeed_records.csv", "data/datapackage.json"))
                                      for p in e.problems), e.problems
            assert not stamps.exists() or not list(stamps.iterdir()), "a stamp after a failed validation"
            return
        frame = datamod.load(res[NAME])
        assert isinstance(frame, pd.DataFrame) and list(frame.columns) == FIELDS and len(frame) >= 1
        assert [p.name for p in stamps.iterdir()] == [f"{NAME}-{res[NAME].digest}.ok"], "only a whole stamp"
    finally:
        shutil.rmtree(work)


def to_csv(rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8", "surrogatepass")


cell_text = st.one_of(st.text(max_size=40), st.sampled_from(["", "NaN", "null", "1e309", "-0", "٣", "true",
                                                             "1903-02-30", "<script>x</script>", "=1+1", '"']))


@SETTINGS
@given(row=st.integers(1, len(ROWS) - 1), col=st.integers(0, len(FIELDS) - 1), value=cell_text)
def test_any_cell_value_gives_data_or_a_clean_error(row, col, value):
    rows = [list(r) for r in ROWS]
    rows[row][col] = value
    try:
        raw = to_csv(rows)
    except UnicodeEncodeError:  # lone surrogates cannot be written as UTF-8 at all
        return
    check(raw)


@SETTINGS
@given(ops=st.lists(st.tuples(st.sampled_from(["drop", "dup", "swap", "cut"]), st.integers(0, 10_000)), max_size=5))
def test_any_line_edit_gives_data_or_a_clean_error(ops):
    lines = REAL.split(b"\n")
    for op, n in ops:
        if not lines:
            break
        i = n % len(lines)
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = (i + 1) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines[i] = lines[i][: n % (len(lines[i]) + 1)]
    check(b"\n".join(lines))


@SETTINGS
@given(blob=st.binary(max_size=400), keep=st.integers(0, len(REAL)))
def test_any_bytes_give_data_or_a_clean_error(blob, keep):
    check(REAL[:keep] + blob)


# ------------------------------------------- every column, through to what a reader is shown

def publish_or_refuse(csv_bytes: bytes, line: int, column: str) -> str:
    """What the build does with one CSV: refuse it with messages located at the file (and, for a
    cell it can place, the line and column), or publish it: the figure's table read back from its
    CSV is the table (the round trip the notebook relies on), every number finite, and the data
    table a reader sees shows each cell as the text it is (escaped: no markup from data)."""
    import html.parser
    import math

    sys.path.insert(0, str(ROOT / "tests"))
    from pipeline import figures as figmod
    from pipeline.site import blocks

    work = Path(tempfile.mkdtemp(prefix="fuzz-col-"))
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        (data / f"{NAME}.csv").write_bytes(csv_bytes)
        try:
            res = datamod.resources(data)
            datamod.validate(res[NAME])
        except datamod.DataError as e:
            assert e.problems, "a refusal says why"
            for p in e.problems:
                assert p.startswith(f"data/{NAME}.csv: "), p
                assert "Traceback" not in p and "\n" not in p.strip(), p
            located = [p for p in e.problems if re.search(rf"\bline {line}\b", p)]
            assert located, f"no message names line {line}: {e.problems}"
            for p in located:
                m = re.search(r'column "([^"]+)"', p)
                assert m is None or m.group(1) == column or "duplicate" in p, (column, p)
            return "refused"
        frame = datamod.load(res[NAME])
        mod = importlib.import_module("figures.airspeed_record")
        try:
            table = mod.table(frame)
        except Exception as e:  # noqa: BLE001 -- valid data the figure cannot use is the figure's to refuse
            raise AssertionError(f"valid data, but table() raised {type(e).__name__}: {e}") from e
        fig = figmod.read_figure(ROOT / "figures" / "airspeed_record.py", ROOT)
        text, dtypes = figmod.table_csv(table, fig)
        back = figmod.read_table(io.StringIO(text), dtypes)
        assert back.to_csv(index=False, lineterminator="\n") == text, "the CSV does not read back as written"
        for c, t in dtypes.items():
            if t in ("float64", "Int64"):
                assert all(math.isfinite(float(v)) for v in back[c].dropna()), f"{c}: a non-finite number published"
        out = work / "fig"
        out.mkdir()
        (out / "airspeed-record.csv").write_text(text, encoding="utf-8")
        meta = {"slug": "airspeed-record", "dir": str(out), "title": "T", "labels": {}, "data": [NAME]}
        columns = list(back.columns)
        shown = blocks.table_html(meta, columns, "figures/airspeed-record/index.md")

        class Cells(html.parser.HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.cells, self.tags, self.inside = [], [], False

            def handle_starttag(self, tag, attrs):
                self.tags.append((tag, dict(attrs)))
                if tag == "td":
                    self.inside, self.text = True, ""

            def handle_endtag(self, tag):
                if tag == "td":
                    self.cells.append(self.text)
                    self.inside = False

            def handle_data(self, d):
                if self.inside:
                    self.text += d

        parsed = Cells()
        parsed.feed(shown)
        assert {t for t, _ in parsed.tags} <= {"div", "table", "caption", "a", "thead", "tbody", "tr", "th", "td",
                                               "span", "code"}, "markup from data"
        assert all(not a.get("href", "").lower().lstrip().startswith(("javascript:", "data:"))
                   for _, a in parsed.tags), "a live link from data"
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(parsed.cells) == len(rows) * len(columns)
        for i, r in enumerate(rows):  # a text cell reads as what the CSV holds
            for j, c in enumerate(columns):
                got, want = parsed.cells[i * len(columns) + j], r[c]
                if not c.endswith(("_url", "_date")) and not re.fullmatch(r"-?\d+\.0", want):
                    assert got == want, (c, got, want)
        return "published"
    finally:
        shutil.rmtree(work)


def _cell(value) -> bytes:
    if isinstance(value, bytes):
        return b'"' + value.replace(b'"', b'""') + b'"'
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([value])
    return buf.getvalue().encode("utf-8", "surrogatepass")


any_value = st.one_of(
    st.text(max_size=30), st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-10**30, 10**30).map(str),
    st.sampled_from(["", "NaN", "inf", "-1e309", "true", "1", "0", "1903-02-30", "2030-01-01", "jet", "piston",
                     "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "=HYPERLINK(\"http://x\")",
                     "a\u202eb", "a\u200bb", "line\nbreak", '"', "https://example.org/<script>"]),
    st.binary(max_size=16))


@pytest.mark.parametrize("column", FIELDS)
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(row=st.integers(1, len(ROWS) - 1), value=any_value)
def test_any_value_in_any_column_is_refused_where_it_is_or_published_as_text(column, row, value):
    col = FIELDS.index(column)
    lines = []
    for i, r in enumerate(ROWS):
        cells = [_cell(v) for v in r]
        if i == row:
            cells[col] = _cell(value)
        lines.append(b",".join(cells))
    try:
        raw = b"\n".join(lines) + b"\n"
    except UnicodeEncodeError:
        return
    start = 1 + sum(1 + ROWS_TEXT[i].count("\n") for i in range(row))  # where the row starts
    publish_or_refuse(raw, start, column)


ROWS_TEXT = [io.StringIO() for _ in ROWS]
for _buf, _r in zip(ROWS_TEXT, ROWS):
    csv.writer(_buf, lineterminator="").writerow(_r)
ROWS_TEXT = [b.getvalue() for b in ROWS_TEXT]


def test_the_column_check_takes_both_branches():
    """The check the randomised test runs can tell a refusal from a publication: hostile but valid
    text is published as text; an invisible character is refused at its line and column."""
    row = ROWS.index(next(r for r in ROWS[1:] if "\n" not in ",".join(r)))
    start = 1 + sum(1 + ROWS_TEXT[i].count("\n") for i in range(row))

    def with_pilot(v):
        rows = [list(r) for r in ROWS]
        rows[row][FIELDS.index("pilot")] = v
        return to_csv(rows)

    assert publish_or_refuse(with_pilot('<img src=x onerror="alert(1)"> [x](javascript:alert(1))'), start, "pilot") == "published"
    assert publish_or_refuse(with_pilot("a\u202eb"), start, "pilot") == "refused"
