"""Numbers quoted in the prose, computed from the data at build time.

`argument/values.py` (and `argument/values_<topic>.py`) declares each one with `@value(name, data=(...), fmt=...)`;
a page writes `<!-- val:name -->` and the hook puts the formatted number there.
"""
from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REGISTRY: dict[str, Value] = {}


@dataclass(frozen=True)
class Value:
    name: str
    fn: Callable
    data: tuple[str, ...]
    fmt: str
    unit: str


def value(name: str, data: tuple[str, ...], fmt: str = "{:,}", unit: str = ""):
    def deco(fn):
        if name in REGISTRY:
            raise ValueError(f"value {name!r} declared twice")
        REGISTRY[name] = Value(name, fn, tuple(data), fmt, unit)
        return fn
    return deco


def _plain(x):
    """numpy/pandas scalars to JSON-able Python values."""
    if hasattr(x, "item"):
        x = x.item()
    if hasattr(x, "isoformat"):
        x = x.isoformat()[:10]
    return x


def value_modules(root: Path) -> list[Path]:
    """argument/values.py and argument/values_<topic>.py: where prose numbers are declared."""
    return sorted((root / "argument").glob("values*.py"))


def load_modules(paths: list[Path]) -> None:
    """(Re)import declaration modules (argument/values*.py, argument/claims*.py): their decorators
    fill a registry."""
    import sys

    for path in paths:
        name = f"{path.parent.name}.{path.stem}"
        mod = sys.modules.get(name)
        importlib.reload(mod) if mod else importlib.import_module(name)


def write_json(out: Path, name: str, obj) -> None:
    """`out/name` holding obj, written into a temporary folder and swapped in whole."""
    from pipeline.store import replace_dir

    with replace_dir(out, prefix=f".{out.parent.name}-") as tmp:
        (tmp / name).write_text(json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def results(items, res: dict, where, call: str = ""):
    """Each declared item (a value, a claim) with what its function returns on its datasets,
    each dataset loaded once: (item, result) pairs, in declaration order. `where(item)` names
    the item in an error, `call` its function ("": the item itself)."""
    from pipeline import data as datamod

    frames = {}
    for item in items:
        for d in item.data:
            if d not in res:
                raise ValueError(f"{where(item)} reads unknown resource {d!r}")
            if d not in frames:
                frames[d] = datamod.load(res[d])
        try:
            got = item.fn(*(frames[d] for d in item.data))
        except Exception as e:
            raise ValueError(f"{where(item)}{call} raised {type(e).__name__}: {e}") from e
        yield item, got


def compute(root: Path, res: dict, out: Path) -> dict:
    REGISTRY.clear()
    load_modules(value_modules(root))
    result = {}
    for v, raw in results(REGISTRY.values(), res, lambda v: f"argument/values.py: value {v.name!r}"):
        raw = _plain(raw)
        result[v.name] = {"value": raw, "text": v.fmt.format(raw), "unit": v.unit,
                          "data": [res[d].rel for d in v.data]}
    write_json(out, "values.json", result)
    return result
