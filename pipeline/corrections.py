"""Corrections to released data, made visible.

`data/corrections.csv` records each value we corrected: the date, the resource, the row (its
first column, the id), the column, the old and the new value, and why (in English and Chinese).
The build checks each entry against the data (the row and column exist, and the data now holds
the new value), naming file, row and column when it does not. `build.py release` writes the
corrections made since a figure's previous version into its new version (`corrections` in
releases/ledger.json), so the versions table says what was corrected and why, and the page of
every earlier version tells its citers that a later version corrected it.
"""
from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = ["date", "resource", "row", "column", "old", "new", "why", "why_zh"]


def load(root: Path) -> list[dict]:
    path = root / "data" / "corrections.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"data/corrections.csv: the header must be {','.join(COLUMNS)}")
        return list(reader)


def check(root: Path, corrections: list[dict], paths: dict[str, str]) -> None:
    """Each correction names a real row and column, and the data holds its new value.
    `paths`: resource name -> its CSV path relative to the repository."""
    import datetime

    problems = []
    for i, c in enumerate(corrections, start=2):
        where = f"data/corrections.csv: row {i}"
        try:
            datetime.date.fromisoformat(c["date"])
        except ValueError:
            problems.append(f"{where}: column 'date': {c['date']!r} is not a date (YYYY-MM-DD)")
        if c["resource"] not in paths:
            problems.append(f"{where}: column 'resource': no resource {c['resource']!r} in data/datapackage.json")
            continue
        if not c["why"].strip() or not c["why_zh"].strip():
            problems.append(f"{where}: columns 'why' and 'why_zh' say why the value was corrected")
        if c["old"] == c["new"]:
            problems.append(f"{where}: 'old' and 'new' are the same")
        with open(root / paths[c["resource"]], encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            key = reader.fieldnames[0]
            rows = {r[key]: r for r in reader}
        if c["row"] not in rows:
            problems.append(f"{where}: column 'row': {paths[c['resource']]} has no row {key}={c['row']!r}")
        elif c["column"] not in rows[c["row"]]:
            problems.append(f"{where}: column 'column': {paths[c['resource']]} has no column {c['column']!r}")
        elif rows[c["row"]][c["column"]] != c["new"]:
            problems.append(f"{where}: {paths[c['resource']]} row {c['row']!r} column {c['column']!r} holds "
                            f"{rows[c['row']][c['column']]!r}, not the corrected value {c['new']!r}")
    if problems:
        raise ValueError("\n".join(problems))


def since(corrections: list[dict], resources: list[str], previous: dict | None) -> list[dict]:
    """The corrections to a figure's data made since its previous version (all of them for a first
    release are no news: a first version has nothing to correct)."""
    if previous is None:
        return []
    return [{k: c[k] for k in COLUMNS} for c in corrections
            if c["resource"] in resources and c["date"] >= previous["date"]]


def text(c: dict, lang: str = "en") -> str:
    if lang == "zh":
        return f"更正 {c['resource']} 数据集 {c['row']} 行的 {c['column']}：“{c['old']}”改为“{c['new']}”。{c['why_zh']}"
    return f"Corrected {c['resource']}, row {c['row']}, {c['column']}: “{c['old']}” → “{c['new']}”. {c['why']}"
