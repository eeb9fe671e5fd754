"""The data package: it validates, every row is sourced, and bad data is refused precisely."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from pathlib import Path

import frictionless
import pytest
from conftest import ROOT, run_build, tree_digest

PKG = ROOT / "data" / "datapackage.json"


def descriptor() -> dict:
    return json.loads(PKG.read_text(encoding="utf-8"))


def test_package_validates():
    report = frictionless.validate(str(PKG))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])


@pytest.mark.parametrize("res", descriptor()["resources"], ids=lambda r: r["name"])
def test_resource_metadata_complete(res):
    for key in ("title", "description", "version", "licenses", "sources", "schema"):
        assert res.get(key), f"{res['name']}: missing {key}"
    assert res["schema"].get("primaryKey"), f"{res['name']}: no primary key"
    for f in res["schema"]["fields"]:
        assert f.get("type") and f.get("title"), f"{res['name']}.{f['name']}: type and title"
        if f["name"].endswith(("_mhz", "_kmh")):
            assert f.get("unit"), f"{res['name']}.{f['name']}: a measured value needs a unit"
    names = [f["name"] for f in res["schema"]["fields"]]
    assert "source_url" in names, f"{res['name']}: rows must carry their own source"


@pytest.mark.parametrize("res", descriptor()["resources"], ids=lambda r: r["name"])
def test_every_row_has_a_source(res):
    rows = list(csv.DictReader(open(ROOT / "data" / res["path"], encoding="utf-8")))
    assert rows
    for i, row in enumerate(rows, start=2):
        url = row["source_url"].strip()
        assert url.startswith(("http://", "https://")), f"{res['path']} line {i}: no source URL"


# ------------------------------------------------------------------------- bad input

def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    rows = _rows(path)
    rows[line - 1][rows[0].index(column)] = value
    _write(path, rows)


def drop_column(path: Path, column: str) -> None:
    rows = _rows(path)
    i = rows[0].index(column)
    _write(path, [r[:i] + r[i + 1:] for r in rows])


def rename_column(path: Path, old: str, new: str) -> None:
    rows = _rows(path)
    rows[0][rows[0].index(old)] = new
    _write(path, rows)


def add_column(path: Path, name: str) -> None:
    _write(path, [r + [name if i == 0 else "x"] for i, r in enumerate(_rows(path))])


def duplicate_key(path: Path) -> None:
    rows = _rows(path)
    rows.insert(3, list(rows[2]))
    _write(path, rows)


def edit_package(root: Path, change) -> None:
    import json

    path = root / "data" / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


def append(path: Path, text: bytes) -> None:
    path.write_bytes(path.read_bytes() + text)


AIR, RUPP, MILE = "data/airspeed_records.csv", "data/cpu_clock_rupp.csv", "data/cpu_clock_milestones.csv"
EMERG = "data/emergence_illustration.csv"

CASES = {
    "wrong-type": (lambda r: set_cell(r / AIR, 3, "speed_kmh", "fast"),
                   f'{AIR}: line 3 (data row 2), column "speed_kmh": wrong type — value "fast"'),
    "missing-column": (lambda r: drop_column(r / RUPP, "note"),
                       f'{RUPP}: column "note": missing column'),
    "renamed-column": (lambda r: rename_column(r / RUPP, "clock_mhz", "clock_ghz"),
                       f'{RUPP}: column "clock_mhz": column name does not match the schema'),
    "extra-column": (lambda r: add_column(r / AIR, "colour"),
                     f'{AIR}: column "colour" (position 13): extra column — the schema has no such column'),
    "duplicate-key": (lambda r: duplicate_key(r / AIR),
                      f'{AIR}: line 4 (data row 3), column "id": duplicate value in a unique column — value "{_rows(ROOT / AIR)[2][0]}": '
                      "the same as on line 3"),
    "empty-file": (lambda r: (r / RUPP).write_bytes(b""),
                   f"{RUPP}: line 1: empty file (a header row and at least one data row are needed)"),
    "unclosed-quote": (lambda r: append(r / MILE, b'zz-1,"Unclosed chip,X,,1999,5,,https://example.org/,\n'),
                       f"{MILE}: line {{lines}}: malformed CSV (unexpected end of data); check the quotes on that row"),
    "byte-order-mark": (lambda r: (r / AIR).write_bytes(b"\xef\xbb\xbf" + (r / AIR).read_bytes()),
                        f"{AIR}: line 1: starts with a byte-order mark (BOM); save as UTF-8 without BOM"),
    "crlf-line-endings": (lambda r: (r / AIR).write_bytes((r / AIR).read_bytes().replace(b"\n", b"\r\n")),
                          f"{AIR}: line 1: a Windows line ending (CRLF); save the file as UTF-8 text with LF line endings"),
    "nul-byte": (lambda r: set_cell(r / AIR, 3, "pilot", "Ann\x00e"),
                 f"{AIR}: line 3: a NUL byte; save the file as UTF-8 text with LF line endings"),
    "package-without-resources": (lambda r: (r / "data" / "datapackage.json").write_text('{"name": "x", "resources": {}}'),
                                  "data/datapackage.json: not a data package (no 'resources' list)"),
    "resource-not-an-object": (lambda r: edit_package(r, lambda d: d["resources"].append("airspeed_records.csv")),
                               f"data/datapackage.json: resource #{len(descriptor()['resources']) + 1} is not an object"),
    "resource-without-schema": (lambda r: edit_package(r, lambda d: d["resources"][2].pop("schema")),
                                "data/datapackage.json: resource 'airspeed_records' needs a schema with a list of named fields"),
    "resource-path-escapes": (lambda r: edit_package(r, lambda d: d["resources"][2].update(path="../README.md")),
                              "data/datapackage.json: resource 'airspeed_records': path '../README.md' must be a file name in data/"),
    "unknown-field-type": (lambda r: edit_package(r, lambda d: d["resources"][2]["schema"]["fields"][0].update(type="nmber")),
                           "data/datapackage.json: resource 'airspeed_records' is not valid: "),
    "header-only": (lambda r: (r / RUPP).write_text(_rows(r / RUPP)[0] and ",".join(_rows(r / RUPP)[0]) + "\n"),
                    f"{RUPP}: no data rows (only a header)"),
    "non-utf8": (lambda r: append(r / MILE, b"zz-1,Caf\xe9 chip,X,,1999,5,,https://example.org/,\n"),
                 f"{MILE}: line {{lines}}, byte 9: not UTF-8 (byte 0xe9)"),
    "out-of-range": (lambda r: set_cell(r / AIR, 5, "speed_kmh", "99999"),
                     f'{AIR}: line 5 (data row 4), column "speed_kmh": broken constraint — value "99999": '
                     'constraint "maximum" is "10000"'),
    "required-empty": (lambda r: set_cell(r / MILE, 6, "source_url", ""),
                       f'{MILE}: line 6 (data row 5), column "source_url": broken constraint — empty value'),
    "not-in-enum": (lambda r: set_cell(r / AIR, 2, "engine", "steam"),
                    f'{AIR}: line 2 (data row 1), column "engine": broken constraint — value "steam"'),
    "bad-date": (lambda r: set_cell(r / AIR, 4, "date", "1907-13-45"),
                 f'{AIR}: line 4 (data row 3), column "date": wrong type — value "1907-13-45"'),
    "bad-url": (lambda r: set_cell(r / RUPP, 7, "source_url", "see Rupp"),
                f'{RUPP}: line 7 (data row 6), column "source_url": wrong type — value "see Rupp"'),
    "stray-delimiter": (lambda r: append(r / RUPP, b"999,2020,3000,https://example.org/,,\n"),
                        f"{RUPP}: line {{lines}} (data row {{rows}}), column 6: extra value (stray delimiter?) — the row has more"),
    "csv-not-in-package": (lambda r: (r / "data" / "orphan.csv").write_text("a,b\n1,2\n"),
                           "data/orphan.csv: not described in data/datapackage.json"),
    "package-not-json": (lambda r: append(r / "data" / "datapackage.json", b"}"),
                         "data/datapackage.json: line "),
    "resource-without-file": (lambda r: (r / RUPP).unlink(),
                              f"{RUPP}: file missing (named by resource 'cpu_clock_rupp'"),
    # values the validator accepts that the loader would read otherwise, or that no
    # reader should see: each refused by line (1-based) and column name, with what to do
    **{f"non-finite-{v.lower()}": (lambda r, v=v: set_cell(r / EMERG, 3, "value", v),
                                   f'{EMERG}: line 3, column "value": not a finite number — value "{v}"; write the number')
       for v in ("inf", "-Infinity", "NaN", "1e309", "-1e400")},
    **{f"non-finite-beyond-a-bound-{k}": (lambda r, v=v: set_cell(r / AIR, 3, "speed_kmh", v),
                                          f'{AIR}: line 3, column "speed_kmh": not a finite number — value "{v}"; write the number')
       for k, v in (("1e309", "1e309"), ("nan", "NaN"), ("minus-inf", "-inf"))},
    "duplicate-key-in-a-multiline-file": (
        lambda r: (set_cell(r / AIR, 2, "note", "one line\nand another\nand a third"), duplicate_key(r / AIR)),
        f'{AIR}: line 6 (data row 3), column "id": duplicate value in a unique column — value "{_rows(ROOT / AIR)[2][0]}": '
        "the same as on line 5"),
    **{f"invisible-{k}": (lambda r, c=c: set_cell(r / AIR, 4, "pilot", f"Ann{c}e"),
                          f'{AIR}: line 4, column "pilot": invisible character U+{ord(c):04X} ({n}) in "Ann<U+{ord(c):04X}>e"; remove it')
       for k, c, n in (("zero-width-space", "\u200b", "ZERO WIDTH SPACE"), ("zero-width-joiner", "\u200d", "ZERO WIDTH JOINER"),
                       ("right-to-left-override", "\u202e", "RIGHT-TO-LEFT OVERRIDE"),
                       ("left-to-right-isolate", "\u2066", "LEFT-TO-RIGHT ISOLATE"), ("soft-hyphen", "\u00ad", "SOFT HYPHEN"),
                       ("word-joiner", "\u2060", "WORD JOINER"), ("bell", "\x07", "a control character"),
                       ("tab", "\t", "a control character"), ("escape", "\x1b", "a control character"))},
    "invisible-in-a-quoted-multiline-cell": (lambda r: set_cell(r / AIR, 5, "note", "first line\nsecond\u200bline"),
                                             f'{AIR}: line 5, column "note": invisible character U+200B'),
    "header-trailing-space": (lambda r: rename_column(r / AIR, "pilot", "pilot "),
                              f'{AIR}: line 1, column "pilot": spaces around the column name ("pilot "); remove them'),
    "header-leading-space": (lambda r: rename_column(r / RUPP, "note", " note"),
                             f'{RUPP}: line 1, column "note": spaces around the column name (" note"); remove them'),
    "field-type-the-loader-does-not-read": (
        lambda r: edit_package(r, lambda d: d["resources"][2]["schema"]["fields"][2].update(type="year")),
        f'{AIR}: column "year": type "year" is not one the loader reads as the validator does'),
    "boolean-not-in-the-schema-values": (lambda r: set_cell(r / AIR, 2, "official", "yes"),
                                         f'{AIR}: line 2 (data row 1), column "official": wrong type — value "yes"'),
    # files that are not what they seem: refused by path, the target neither read nor named
    "data-file-links-outside": (lambda r: ((r / AIR).unlink(), (r / AIR).symlink_to("/etc/passwd")),
                                f"{AIR}: a symbolic link, not a file; data files must be regular files in data/"),
    "data-file-links-inside": (lambda r: ((r / AIR).unlink(), (r / AIR).symlink_to(r / RUPP)),
                               f"{AIR}: a symbolic link, not a file"),
    "data-file-links-to-a-device": (lambda r: ((r / AIR).unlink(), (r / AIR).symlink_to("/dev/zero")),
                                    f"{AIR}: a symbolic link, not a file"),
    "data-file-is-a-pipe": (lambda r: ((r / AIR).unlink(), os.mkfifo(r / AIR)),
                            f"{AIR}: a device, pipe or socket, not a file; data files must be regular files in data/"),
    "data-file-is-a-folder": (lambda r: ((r / AIR).unlink(), (r / AIR).mkdir()),
                              f"{AIR}: a folder, not a file"),
    "package-is-a-link": (lambda r: (os.replace(r / "data" / "datapackage.json", r / "package.json"),
                                     (r / "data" / "datapackage.json").symlink_to(r / "package.json")),
                          "data/datapackage.json: a symbolic link, not a file"),
    "site-text-links-outside": (lambda r: ((r / "data" / "quotes.csv").unlink(), (r / "data" / "quotes.csv").symlink_to("/etc/passwd")),
                                "data/quotes.csv: a symbolic link, not a file"),
}


@pytest.fixture(scope="session")
def data_tree(tmp_path_factory) -> Path:
    """What the build reads before any figure: data/, the release ledger and the validation cache
    (warmed here once, so that a case revalidates only the file it broke)."""
    sys.path.insert(0, str(ROOT))
    from pipeline import data

    tree = tmp_path_factory.mktemp("data-tree")
    shutil.copytree(ROOT / "data", tree / "data")
    (tree / "releases").mkdir()
    shutil.copyfile(ROOT / "releases" / "ledger.json", tree / "releases" / "ledger.json")
    for res in data.resources(tree / "data").values():
        data.validate(res, tree / ".cache" / "valid")
    return tree


def refusal(root: Path, monkeypatch) -> str:
    """What the build says when it refuses the tree at `root` (build.py build, in this process:
    the same build() the command runs, which checks the data before anything else)."""
    import build as entry
    from pipeline.build import BuildError
    from pipeline.data import DataError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719446400")
    try:
        entry.build(root)
    except DataError as e:
        return "\n".join(e.problems)
    except BuildError as e:
        return str(e)
    raise AssertionError("the build accepted it")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_is_refused_precisely_and_public_untouched(data_tree, tmp_path, monkeypatch, case):
    """Each case over a small tree, in milliseconds; the command's own output, exit and untouched
    public/ for bad data, end to end: the next test."""
    mutate, expected = CASES[case]
    root = tmp_path / "repo"
    shutil.copytree(data_tree, root, symlinks=True)
    (root / "public").mkdir()
    (root / "public" / "index.html").write_text("the last good site")
    before = tree_digest(root / "public")
    mutate(root)
    target = root / (MILE if case in ("non-utf8", "unclosed-quote") else RUPP)
    if target.exists():
        lines = target.read_bytes().count(b"\n")
        expected = expected.replace("{lines}", str(lines)).replace("{rows}", str(lines - 1))
    said = refusal(root, monkeypatch)
    assert expected in said, f"expected {expected!r} in:\n{said}"
    assert "root:" not in said and str(root) not in said, said  # nothing outside the repository is echoed
    assert tree_digest(root / "public") == before


def test_bad_data_stops_the_command_naming_every_problem_and_public_untouched(scratch_repo):
    """Three of CASES at once, in three files, through build.py: one line each, exit 2, public/ as it was."""
    before = tree_digest(scratch_repo / "public")
    picked = ("wrong-type", "missing-column", "required-empty")
    for case in picked:
        CASES[case][0](scratch_repo)
    r = run_build(scratch_repo)
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "Bad data — the build stopped; public/ was left as it was." in out
    for case in picked:
        assert f"  {CASES[case][1]}" in out, (case, out)
    assert "root:" not in out and "Traceback" not in out, out
    assert tree_digest(scratch_repo / "public") == before


def test_a_boolean_written_as_the_schema_allows_is_read_as_it_validates(scratch_repo):
    """Frictionless reads 1/0 and TRUE/False as booleans; so does the loader (it once read 1/0 as
    missing): the published table shows the value the maintainer wrote."""
    rows = _rows(scratch_repo / AIR)
    i = rows[0].index("official")
    wrote = {n: rows[n - 1][i] for n in (2, 3, 4, 5)}
    for n, v in zip(wrote, ("1", "0", "TRUE", "False")):
        set_cell(scratch_repo / AIR, n, "official", v)
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stdout + r.stderr
    sys.path.insert(0, str(scratch_repo))
    from pipeline import data

    df = data.load(data.resources(scratch_repo / "data")["airspeed_records"])
    assert list(df.official[:4]) == [True, False, True, False]
    published = (scratch_repo / "public" / "figures" / "airspeed-record" / "airspeed-record.csv").read_text()
    assert "<NA>" not in published and ",," not in published.split("\n")[1]


def test_the_loader_agrees_with_the_validator_cell_by_cell():
    """validate() compares every cell the loader reads with the value frictionless typed: a schema
    option the loader does not follow (here a group separator) is refused at that cell."""
    import tempfile

    from pipeline import data

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "x.csv").write_text("id,n\na,\"1,000\"\nb,2\n", encoding="utf-8")
        desc = {"name": "x", "path": "x.csv", "schema": {"fields": [{"name": "id", "type": "string"},
                                                                    {"name": "n", "type": "number", "groupChar": ","}]}}
        res = data.Resource("x", d / "x.csv", desc, "digest")
        with pytest.raises(data.DataError) as e:
            data.validate(res)
        assert 'x.csv: line 2, column "n": the schema accepts "1,000" but the loader cannot read it' in str(e.value), str(e.value)


def test_a_non_finite_number_is_refused_unless_its_field_allows_it(tmp_path):
    from pipeline import data

    (tmp_path / "x.csv").write_text("id,v\na,inf\nb,2\n", encoding="utf-8")
    field = {"name": "v", "type": "number"}
    desc = {"name": "x", "path": "x.csv", "schema": {"fields": [{"name": "id", "type": "string"}, field]}}
    with pytest.raises(data.DataError, match=r'x\.csv: line 2, column "v": not a finite number — value "inf"'):
        data.validate(data.Resource("x", tmp_path / "x.csv", desc, "d"))
    field["finite"] = False
    data.validate(data.Resource("x", tmp_path / "x.csv", desc, "d"))
    assert data.load(data.Resource("x", tmp_path / "x.csv", desc, "d")).v[0] == float("inf")
