"""The data package: validation (frictionless), hashing and loading (pandas).

Validation reports every problem as file, line, column and the broken rule.
A resource that validated once is not validated again while its bytes and its
descriptor stay the same (the stamp lives in the build cache).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
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


def _not_regular(path: Path) -> str | None:
    """Why `path` is not a data file, or None: data files are regular files in data/, never a
    symbolic link (which could lead anywhere: its target is neither read nor named), a device,
    a pipe or a folder. Looked at with lstat, so nothing is opened."""
    import os
    import stat

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "file missing"
    if stat.S_ISLNK(mode):
        return "a symbolic link, not a file; data files must be regular files in data/ (copy the file in)"
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
        return f"{what}, not a file; data files must be regular files in data/"
    return None


def read_descriptor(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    kind = _not_regular(path)
    if kind and kind != "file missing":
        raise DataError([f"data/datapackage.json: {kind}"])
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(["data/datapackage.json: missing (the build needs the data package)"]) from None
    try:
        desc = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError([f"data/datapackage.json: line {e.lineno}, column {e.colno}: not valid JSON ({e.msg})"]) from e
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
        kind = _not_regular(path)
        if kind:
            problems.append(f"data/{rel}: {kind} (named by resource '{name}' in data/datapackage.json)")
            continue
        h = hashlib.sha256(path.read_bytes())
        h.update(_canonical(r))
        out[name] = Resource(name, path, r, h.hexdigest())
    listed = {r.get("path") for r in desc["resources"] if isinstance(r, dict)}
    for csv in sorted(data_dir.glob("*.csv")):
        if csv.name in SITE_TEXT and _not_regular(csv):
            problems.append(f"data/{csv.name}: {_not_regular(csv)}")
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


# the field types the loader reads exactly as the validator does (load, _disagreement)
LOADED_TYPES = ("string", "number", "integer", "boolean", "date")
# frictionless's defaults (Table Schema): what a boolean column accepts unless its schema says otherwise
TRUE_VALUES, FALSE_VALUES = ["true", "True", "TRUE", "1"], ["false", "False", "FALSE", "0"]


def _shown(text: str) -> str:
    """A cell as a maintainer can read it in one line: invisible characters written as U+XXXX."""
    import unicodedata

    out = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc") else c for c in text)
    return out if len(out) <= 60 else out[:57] + "..."


def records_of(path: Path):
    """A CSV's header, then (line, record) for each row, `line` being where the row starts
    (1-based, as an editor shows it; a quoted cell may span lines)."""
    import csv

    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        yield next(reader, [])
        last = reader.line_num
        for record in reader:
            yield last + 1, record
            last = reader.line_num


def _cell_problems(res: Resource) -> list[str]:
    """What frictionless accepts but no reader should: a column name with spaces around it, a
    character that is invisible or turns the text's direction (zero-width, RLO, soft hyphen,
    controls), and a number that is not finite (inf, nan, 1e309) in a column whose schema does
    not allow it ("finite": false). Each named by file, line (1-based, where the row starts),
    column and what to do."""
    import math
    import unicodedata

    fields = {f["name"]: f for f in res.descriptor["schema"]["fields"]}
    problems = []
    rows = records_of(res.path)
    header = next(rows)
    for h in header:
        if h != h.strip():
            problems.append(f'{res.rel}: line 1, column "{h.strip()}": spaces around the column name '
                            f'("{h}"); remove them')
    for line, record in rows:
        for name, cell in zip(header, record):
            bad = next((c for c in cell if unicodedata.category(c) in ("Cf", "Cc") and c != "\n"), None)
            if bad:
                what = unicodedata.name(bad, "a control character")
                problems.append(f'{res.rel}: line {line}, column "{name.strip()}": invisible character '
                                f'U+{ord(bad):04X} ({what}) in "{_shown(cell)}"; remove it (it changes how '
                                "the text reads or sorts without showing)")
            field = fields.get(name)
            if field and field.get("type") == "number" and cell.strip() and field.get("finite", True):
                try:
                    finite = math.isfinite(float(cell))
                except ValueError:
                    continue  # not a number at all: the validator reports it
                if not finite:
                    problems.append(f'{res.rel}: line {line}, column "{name}": not a finite number — value '
                                    f'"{cell}"; write the number itself (or, if the column may hold it, '
                                    'give the field "finite": false)')
        if len(problems) >= 20:
            problems.append(f"{res.rel}: (more problems not listed)")
            break
    return problems


def _disagreement(res: Resource, df) -> str | None:
    """The first cell that the loader reads otherwise than the validator typed it, named by line
    and column: whatever the schema accepts, the figures must see the same value."""
    import datetime as dt
    import math

    import frictionless
    import pandas as pd

    desc = dict(res.descriptor)
    desc.setdefault("dialect", {"delimiter": ","})
    fields = [f["name"] for f in desc["schema"]["fields"]]
    with frictionless.Resource(desc, basepath=str(res.path.parent)) as r:
        for i, row in enumerate(r.row_stream):
            for name in fields:
                want, got = row[name], df[name].iloc[i]
                if want is None or got is pd.NA or (isinstance(got, float) and math.isnan(got)) or got is pd.NaT:
                    same = want is None and (got is pd.NA or got is pd.NaT or (isinstance(got, float) and math.isnan(got)))
                elif isinstance(want, dt.date):
                    same = isinstance(got, pd.Timestamp) and got.date() == want and got == pd.Timestamp(want)
                elif isinstance(want, bool):
                    same = bool(got) is want
                elif hasattr(want, "as_integer_ratio") or type(want).__name__ == "Decimal":
                    same = float(want) == float(got)
                else:
                    same = want == got
                if not same:
                    return (f'{res.rel}: line {row.row_number}, column "{name}": the loader reads {got!r} where the '
                            f"schema reads {want!r}; write the value as the schema's type expects it")
    return None


def _load_failure(res: Resource, err: Exception) -> str:
    """A cell the validator accepted but the loader cannot read (a schema option such as a group
    separator that pandas does not follow), found by reading each cell as the loader would."""
    import pandas as pd

    read = {"number": float, "integer": int, "date": lambda v: pd.to_datetime(v, format="ISO8601")}
    kinds = {f["name"]: f["type"] for f in res.descriptor["schema"]["fields"]}
    rows = records_of(res.path)
    header = next(rows)
    for line, record in rows:
        for name, cell in zip(header, record):
            if cell and kinds.get(name) in read:
                try:
                    read[kinds[name]](cell)
                except (ValueError, TypeError):
                    return (f'{res.rel}: line {line}, column "{name}": the schema accepts "{cell}" but the loader '
                            f"cannot read it as {kinds[name]}; write it plainly (digits, '.' for decimals, ISO dates)")
    return f"{res.rel}: valid by its schema but cannot be loaded: {type(err).__name__}: {err}"


def _non_finite(cell) -> bool:
    try:
        return not math.isfinite(float(cell))
    except (TypeError, ValueError):
        return False


def _record_lines(res: Resource) -> dict[int, int]:
    """Frictionless's row number (the header is row 1) -> the line the row starts on."""
    try:
        recs = records_of(res.path)
        next(recs)
        return {n: line for n, (line, _) in enumerate(recs, start=2)}
    except (OSError, UnicodeDecodeError, Exception):  # noqa: BLE001 -- a file csv cannot read: numbers as they are
        return {}


def _describe(res: Resource, err, lines: dict[int, int] | None = None) -> str:
    fields = [f["name"] for f in res.descriptor.get("schema", {}).get("fields", [])]
    row = getattr(err, "row_number", None)
    field = getattr(err, "field_name", None) or None
    where = [res.rel]
    lines = lines or {}
    if row:
        where.append(f"line {lines.get(row, row)} (data row {row - 1})")
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
    note = re.sub(r"the same as in the row at position (\d+)",  # frictionless counts rows; an editor, lines
                  lambda m: f"the same as on line {lines.get(int(m.group(1)), int(m.group(1)))}", err.note or "")
    detail = note or {"extra-label": "the schema has no such column",
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
        raise DataError([f"data/datapackage.json: resource '{res.name}' is not valid: {why}"]) from e
    problems = []
    for f in res.descriptor["schema"]["fields"]:
        if f.get("type", "string") not in LOADED_TYPES:
            problems.append(f'{res.rel}: column "{f["name"]}": type "{f.get("type")}" is not one the loader reads '
                            f"as the validator does ({', '.join(LOADED_TYPES)}); use one of those")
    errors = [e for task in report.tasks for e in task.errors]
    if errors:
        lines = _record_lines(res) if any(getattr(e, "row_number", None) for e in errors) else {}
        unique_rows = {e.row_number for e in errors if e.type == "unique-error"}
        problems += [_describe(res, e, lines) for e in errors  # a duplicate id once, not as two rules
                     if not (e.type == "primary-key" and e.row_number in unique_rows)
                     and not (e.type == "constraint-error" and _non_finite(e.cell))]  # said below, once
    if not [e for e in errors if e.type not in ("type-error", "constraint-error", "unique-error", "primary-key")]:
        problems += _cell_problems(res)
    problems += [f"{res.rel}: {e.message}" for e in report.errors]
    if not problems:
        with res.path.open(encoding="utf-8-sig") as f:
            rows = sum(1 for line in f if line.strip()) - 1
        if rows < 1:
            problems.append(f"{res.rel}: no data rows (only a header)")
    if not problems:
        try:  # what the figures will do with it
            differs = _disagreement(res, load(res))
        except Exception as e:  # noqa: BLE001 -- any reader failure is a data problem to report
            problems.append(_load_failure(res, e))
        else:
            if differs:
                problems.append(differs)
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
    # typed as the schema says; validate() then compares every cell with the validator's value
    df = pd.read_csv(res.path, dtype={k: ("string" if v == "boolean" else v) for k, v in dtypes.items()},
                     encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    for f in fields:
        if f["type"] == "boolean":  # the values the schema accepts, not a guess
            truth = {**{v: False for v in f.get("falseValues", FALSE_VALUES)}, **{v: True for v in f.get("trueValues", TRUE_VALUES)}}
            df[f["name"]] = df[f["name"]].map(lambda v, truth=truth: truth.get(v, pd.NA) if isinstance(v, str) else pd.NA).astype("boolean")
    for name in dates:
        df[name] = pd.to_datetime(df[name], format="ISO8601")
    if "as_of" in res.descriptor:  # the date the data was last checked (pipeline/dates.py data_as_of)
        df.attrs["as_of"] = res.descriptor["as_of"]
    return df
