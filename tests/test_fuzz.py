"""Issue 8: property-based tests over the data loader and validator.

Any input, whether mutated real data, hostile text in a cell or random bytes, gives
either valid data that loads with the schema's columns or a clean DataError naming the
file, never another exception, and never a partial write in the validation cache.
"""
from __future__ import annotations

import csv
import io
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT

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
