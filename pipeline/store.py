"""Small files written whole: a reader never sees half of one, and two builds never mix theirs."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def write_text_atomic(path: Path, text: str) -> None:
    """`path` holding `text` (UTF-8), written beside it under a temporary name, then swapped in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def cached_text(path: Path | None, make: Callable[[], str]) -> str:
    """The text stored at `path` (a cache file named by a hash of what `make` depends on), or
    make() stored there; with no path, just make()."""
    if path is not None and path.exists():
        return path.read_text(encoding="utf-8")
    text = make()
    if path is not None:
        write_text_atomic(path, text)
    return text
