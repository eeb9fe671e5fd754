"""The data package: validation (frictionless), hashing and loading (pandas).

Validation reports every problem as file, line, column and the broken rule.
A resource that validated once is not validated again while its bytes and its
descriptor stay the same (the stamp lives in the build cache).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path


class DataError(Exception):
    """Bad data: carries a list of precise, human-readable problems."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Resource:
    name: str
    path: Path
    descriptor: dict
    digest: str  # sha256 over the CSV bytes and the canonical descriptor

    @property
    def rel(self) -> str:
        return f"data/{self.descriptor['path']}"


# CSV files in data/ that are the site's own words, not datasets of the essay's evidence: no resource
SITE_TEXT = {"glossary_zh.csv", "quotes.csv", "corrections.csv"}  # the Chinese terms (pipeline/glossary.py); the checked quotes (pipeline/essay.py)


def _canonical(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def read_descriptor(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([f"data/datapackage.json: missing (the build needs the data package)"])
    try:
        desc = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError([f"data/datapackage.json: line {e.lineno}, column {e.colno}: not valid JSON ({e.msg})"])
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DataError(["data/datapackage.json: not a data package (no 'resources' list)"])
    return desc


def resources(data_dir: Path) -> dict[str, Resource]:
    """Every resource of the package with its content hash (cheap: no parsing)."""
    desc = read_descriptor(data_dir)
    out: dict[str, Resource] = {}
    problems = []
    for i, r in enumerate(desc["resources"]):
        if not isinstance(r, dict):
            problems.append(f"data/datapackage.json: resource #{i + 1} is not an object")
            continue
        name, rel = r.get("name"), r.get("path")
        if not isinstance(name, str) or not name or not isinstance(rel, str) or not rel:
            problems.append(f"data/datapackage.json: resource #{i + 1} needs a 'name' and a 'path'")
            continue
        if "/" in rel or "\\" in rel or rel.startswith("."):
            problems.append(f"data/datapackage.json: resource '{name}': path {rel!r} must be a file name in data/")
            continue
        fields = (r.get("schema") or {}).get("fields") if isinstance(r.get("schema"), dict) else None
        if not isinstance(fields, list) or not fields or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                                               for f in fields):
            problems.append(f"data/datapackage.json: resource '{name}' needs a schema with a list of named fields")
            continue
        path = data_dir / rel
        if not path.is_file():
            problems.append(f"data/{rel}: file missing (named by resource '{name}' in data/datapackage.json)")
            continue
        h = hashlib.sha256(path.read_bytes())
        h.update(_canonical(r))
        out[name] = Resource(name, path, r, h.hexdigest())
    listed = {r.get("path") for r in desc["resources"] if isinstance(r, dict)}
    for csv in sorted(data_dir.glob("*.csv")):
        if csv.name not in listed and csv.name not in SITE_TEXT:
            problems.append(f"data/{csv.name}: not described in data/datapackage.json (add a resource for it)")
    if problems:
        raise DataError(problems)
    return out


def _bytes_problem(res: Resource) -> str | None:
    """Plain UTF-8 with LF line endings and no BOM: what diffs, hashes and every tool agree on."""
    raw = res.path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        return (f"{res.rel}: line {line}, byte {col}: not UTF-8 (byte 0x{raw[e.start]:02x}); "
                "save the file as UTF-8")
    if not raw.strip():
        return f"{res.rel}: line 1: empty file (a header row and at least one data row are needed)"
    if raw.startswith(b"\xef\xbb\xbf"):
        return f"{res.rel}: line 1: starts with a byte-order mark (BOM); save as UTF-8 without BOM"
    for bad, what in ((b"\x00", "a NUL byte"), (b"\r\n", "a Windows line ending (CRLF)"),
                      (b"\r", "a carriage return (CR)")):
        at = raw.find(bad)
        if at >= 0:
            line = raw[:at].count(b"\n") + 1
            return f"{res.rel}: line {line}: {what}; save the file as UTF-8 text with LF line endings"
    return None


def _csv_problem(res: Resource) -> str | None:
    """Quoting that no CSV reader agrees on (an unclosed quote, say), found before frictionless
    (which tolerates it) and pandas (which does not)."""
    import csv

    with res.path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, strict=True)
        try:
            for _ in reader:
                pass
        except csv.Error as e:
            return f"{res.rel}: line {reader.line_num}: malformed CSV ({e}); check the quotes on that row"
    return None


def _describe(res: Resource, err) -> str:
    fields = [f["name"] for f in res.descriptor.get("schema", {}).get("fields", [])]
    row = getattr(err, "row_number", None)
    field = getattr(err, "field_name", None) or None
    where = [res.rel]
    if row:
        where.append(f"line {row} (data row {row - 1})")
    if field:
        where.append(f'column "{field}"')
    elif getattr(err, "label", None):
        where.append(f'column "{err.label}" (position {err.field_number})')
    elif getattr(err, "field_number", None) and err.field_number <= len(fields):
        where.append(f'column "{fields[err.field_number - 1]}"')
    elif getattr(err, "field_number", None):
        where.append(f"column {err.field_number}")
    cell = getattr(err, "cell", None)
    rule = {
        "type-error": "wrong type",
        "constraint-error": "broken constraint",
        "unique-error": "duplicate value in a unique column",
        "primary-key": "duplicate primary key",
        "missing-label": "missing column",
        "extra-label": "extra column",
        "incorrect-label": "column name does not match the schema",
        "extra-cell": "extra value (stray delimiter?)",
        "missing-cell": "missing value (too few delimiters?)",
        "blank-row": "blank row",
        "duplicate-label": "duplicate column name",
        "blank-label": "blank column name",
    }.get(err.type, err.type)
    detail = err.note or {"extra-label": "the schema has no such column",
                          "extra-cell": "the row has more values than the header has columns"}.get(err.type, err.message)
    if cell not in (None, ""):
        detail = f'value "{cell}": {detail}'
    elif err.type == "constraint-error":
        detail = f"empty value: {detail}"
    place = ", ".join(where[1:])
    return f"{res.rel}: {place + ': ' if place else ''}{rule} — {detail}"


def validate(res: Resource, stamp_dir: Path | None = None) -> None:
    """Raise DataError naming file, line, column and rule for every problem."""
    stamp = stamp_dir / f"{res.name}-{res.digest}.ok" if stamp_dir else None
    if stamp and stamp.exists():
        return
    bad = _bytes_problem(res) or _csv_problem(res)
    if bad:
        raise DataError([bad])
    import frictionless  # heavy: only imported when something needs checking

    try:
        desc = dict(res.descriptor)
        desc.setdefault("dialect", {"delimiter": ","})  # never let frictionless guess the delimiter
        resource = frictionless.Resource(desc, basepath=str(res.path.parent))
        report = resource.validate()
    except frictionless.FrictionlessException as e:
        why = "; ".join(r.message for r in getattr(e, "reasons", []) or []) or e.error.message
        raise DataError([f"data/datapackage.json: resource '{res.name}' is not valid: {why}"])
    problems = []
    for task in report.tasks:
        problems += [_describe(res, e) for e in task.errors]
    problems += [f"{res.rel}: {e.message}" for e in report.errors]
    if not problems:
        with res.path.open(encoding="utf-8-sig") as f:
            rows = sum(1 for line in f if line.strip()) - 1
        if rows < 1:
            problems.append(f"{res.rel}: no data rows (only a header)")
    if not problems:
        try:  # what the figures will do with it
            load(res)
        except Exception as e:  # noqa: BLE001: any reader failure is a data problem to report
            problems.append(f"{res.rel}: valid by its schema but cannot be loaded: {type(e).__name__}: {e}")
    if problems:
        raise DataError(problems)
    if stamp:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp = stamp.with_name(f".{stamp.name}.{__import__('os').getpid()}")
        tmp.write_text(res.digest)
        tmp.replace(stamp)


_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}


def load(res: Resource):
    """The resource as a pandas DataFrame typed from its schema (after validate)."""
    import pandas as pd

    fields = res.descriptor["schema"]["fields"]
    dtypes = {f["name"]: _PANDAS_TYPES[f["type"]] for f in fields if f["type"] in _PANDAS_TYPES}
    dates = [f["name"] for f in fields if f["type"] in ("date", "datetime")]
    df = pd.read_csv(res.path, dtype={k: ("string" if v == "boolean" else v) for k, v in dtypes.items()},
                     encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    for f in fields:
        if f["type"] == "boolean":
            df[f["name"]] = df[f["name"]].str.lower().map({"true": True, "false": False}).astype("boolean")
    for name in dates:
        df[name] = pd.to_datetime(df[name], format="ISO8601")
    if "as_of" in res.descriptor:  # the date the data was last checked (pipeline/dates.py data_as_of)
        df.attrs["as_of"] = res.descriptor["as_of"]
    return df
