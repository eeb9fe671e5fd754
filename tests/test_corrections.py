"""Issue 17, point 7: a corrected data value is visible to the citer of the old version.

data/corrections.csv records each correction (pipeline/corrections.py). The build refuses an
entry that names no real row or column, or whose new value the data does not hold, naming file,
row and column; `build.py release` writes the corrections made since a figure's previous
version into its new version; the versions table says what was corrected, and the page of every
earlier version tells its citers.
"""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from conftest import ROOT, run_build

from pipeline import corrections

HEADER = ",".join(corrections.COLUMNS) + "\n"


def _paths():
    return {r["name"]: f"data/{r['path']}" for r in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]}


def test_the_recorded_corrections_hold():
    corrections.check(ROOT, corrections.load(ROOT), _paths())
    pilot = [c for c in corrections.load(ROOT) if c["row"] == "1903-wright-flyer" and c["column"] == "pilot"]
    assert pilot and pilot[0]["new"] == "Orville Wright"


@pytest.mark.parametrize("row, expect", [
    ("2026-12-06,airspeed_records,1903-wright-flyer,pilot,Orville Wright,Wilbur Wright,w,理",
     "data/corrections.csv: row 2: data/airspeed_records.csv row '1903-wright-flyer' column 'pilot' holds "
     "'Orville Wright', not the corrected value 'Wilbur Wright'"),
    ("2026-12-06,airspeed_records,no-such-flight,pilot,A,B,w,理",
     "data/corrections.csv: row 2: column 'row': data/airspeed_records.csv has no row id='no-such-flight'"),
    ("2026-12-06,airspeed_records,1903-wright-flyer,pilots,A,Orville Wright,w,理",
     "data/corrections.csv: row 2: column 'column': data/airspeed_records.csv has no column 'pilots'"),
    ("2026-12-06,airspeed_record,1903-wright-flyer,pilot,A,Orville Wright,w,理",
     "data/corrections.csv: row 2: column 'resource': no resource 'airspeed_record'"),
    ("6 Dec 2026,airspeed_records,1903-wright-flyer,pilot,A,Orville Wright,w,理",
     "data/corrections.csv: row 2: column 'date': '6 Dec 2026' is not a date"),
    ("2026-12-06,airspeed_records,1903-wright-flyer,pilot,Wilbur Wright,Orville Wright,,",
     "data/corrections.csv: row 2: columns 'why' and 'why_zh' say why"),
])
def test_a_bad_correction_is_named_by_row_and_column(tmp_path, row, expect):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "corrections.csv").write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as e:
        corrections.check(tmp_path, corrections.load(tmp_path), _paths())
    assert expect in str(e.value), str(e.value)


def test_the_build_refuses_a_bad_correction(scratch_repo):
    path = scratch_repo / "data" / "corrections.csv"
    path.write_text(path.read_text(encoding="utf-8")
                    + "2030-01-01,airspeed_records,1903-wright-flyer,pilotx,A,B,w,理\n", encoding="utf-8")
    before = (scratch_repo / "public" / "index.html").read_bytes()
    r = run_build(scratch_repo)
    assert r.returncode != 0
    assert "data/corrections.csv: row 3: column 'column': data/airspeed_records.csv has no column 'pilotx'" in \
        r.stdout + r.stderr, r.stdout + r.stderr
    assert (scratch_repo / "public" / "index.html").read_bytes() == before  # the last good site stands


def correct_a_value(repo, date: str) -> dict:
    """Correct one value (a made-up correction of the test's: 429.025 -> 429.026 km/h), record why
    in data/corrections.csv, and bump the dataset's patch version. Returns the correction."""
    path = repo / "data" / "airspeed_records.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    head = rows[0]
    (i,) = [n for n, r in enumerate(rows) if r[0] == "1923-curtiss-r2c-1-williams"]
    assert rows[i][head.index("speed_kmh")] == "429.025"
    rows[i][head.index("speed_kmh")] = "429.026"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    fix = repo / "data" / "corrections.csv"
    fix.write_text(fix.read_text(encoding="utf-8") + f"{date},airspeed_records,1923-curtiss-r2c-1-williams,"
                   "speed_kmh,429.025,429.026,A test's correction of a digit.,测试更正一位数字。\n", encoding="utf-8")
    pkg = repo / "data" / "datapackage.json"   # a corrected value: a new patch version of the dataset
    desc = json.loads(pkg.read_text(encoding="utf-8"))
    res = next(x for x in desc["resources"] if x["name"] == "airspeed_records")
    major, minor, patch = res["version"].split(".")
    res["version"] = f"{major}.{minor}.{int(patch) + 1}"
    pkg.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"row": "1923-curtiss-r2c-1-williams", "column": "speed_kmh", "old": "429.025", "new": "429.026"}


def check_the_correction_is_released_and_shown(repo, old: dict, r, date: str) -> None:
    """After `build.py release --date DATE` (its result `r`), from a figure version `old`: the new
    version records the correction (and nothing older than `old`), and the next build shows it on
    the figure's page and on the old version's page, in both editions."""
    assert r.returncode == 0, r.stderr
    new = json.loads((repo / "releases" / "ledger.json").read_text())["figures"]["airspeed-record"][-1]
    assert new["version"] == old["version"] + 1
    # what was corrected since the previous version, and nothing older
    assert all(x["date"] >= old["date"] for x in new["corrections"])
    (c,) = [x for x in new["corrections"] if x["row"] == "1923-curtiss-r2c-1-williams"]
    assert (c["row"], c["column"], c["old"], c["new"]) == ("1923-curtiss-r2c-1-williams", "speed_kmh", "429.025", "429.026")
    assert "Corrected airspeed_records, row 1923-curtiss-r2c-1-williams, speed_kmh" in r.stderr, r.stderr
    b = run_build(repo)
    assert b.returncode == 0, b.stdout + b.stderr
    base = repo / "public" / "figures" / "airspeed-record"
    said = "Corrected airspeed_records, row 1923-curtiss-r2c-1-williams, speed_kmh: “429.025” → “429.026”. " \
           "A test&#x27;s correction of a digit."
    alt = said.replace("&#x27;", "&#39;")
    old_page = (base / f"v{old['version']}" / "index.html").read_text(encoding="utf-8")
    assert f"Corrected in v{new['version']} ({date}):" in old_page
    assert said in old_page or alt in old_page or said.replace("&#x27;", "'") in old_page
    page = (base / "index.html").read_text(encoding="utf-8")
    assert 'class="fig-correction"' in page and ("429.026" in page)
    zh_old = (repo / "public" / "zh" / "figures" / "airspeed-record" / f"v{old['version']}" / "index.html")
    assert "测试更正一位数字。" in zh_old.read_text(encoding="utf-8")


# A correction going into the new version and onto the old version's page (a release and a build):
# tests/test_citable.py::test_releases_add_nothing_twice_version_only_changed_figures_and_carry_corrections,
# which releases it after its own release, in the same scratch copy.
