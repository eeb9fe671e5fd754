"""Numbers quoted in the prose, computed from the data at build time.

`figures/_values.py` (and `figures/_values_<topic>.py`) declares each one with `@value(name, data=(...), fmt=...)`;
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
    """figures/_values.py and figures/_values_<topic>.py: where prose numbers are declared."""
    return sorted((root / "figures").glob("_values*.py"))


def load_modules(paths: list[Path]) -> None:
    """(Re)import declaration modules (figures/_values*.py, figures/_claims*.py): their decorators
    fill a registry."""
    import sys

    for path in paths:
        name = f"figures.{path.stem}"
        mod = sys.modules.get(name)
        importlib.reload(mod) if mod else importlib.import_module(name)


def write_json(out: Path, name: str, obj) -> None:
    """`out/name` holding obj, written into a temporary folder and swapped in whole."""
    from pipeline.store import replace_dir

    with replace_dir(out, prefix=f".{out.parent.name}-") as tmp:
        (tmp / name).write_text(json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def compute(root: Path, res: dict, out: Path) -> dict:
    from pipeline import data as datamod

    REGISTRY.clear()
    load_modules(value_modules(root))
    frames = {}
    result = {}
    for v in REGISTRY.values():
        for d in v.data:
            if d not in res:
                raise ValueError(f"figures/_values.py: value {v.name!r} reads unknown resource {d!r}")
            if d not in frames:
                frames[d] = datamod.load(res[d])
        try:
            raw = v.fn(*(frames[d] for d in v.data))
        except Exception as e:
            raise ValueError(f"figures/_values.py: value {v.name!r} raised {type(e).__name__}: {e}") from e
        raw = _plain(raw)
        result[v.name] = {"value": raw, "text": v.fmt.format(raw), "unit": v.unit,
                          "data": [res[d].rel for d in v.data]}
    write_json(out, "values.json", result)
    return result
