"""Files written whole, and cache entries that are checked before they are trusted.

A reader never sees half of a file, two builds never mix theirs, and a cache entry that was
changed after it was written (truncated, edited, garbled) is noticed, reported once as a warning
and made again: the build never serves it and never fails on it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# cache entries found damaged during this build, one line each, for the build's warnings
DAMAGED: list[str] = []


def write_text_atomic(path: Path, text: str) -> None:
    """`path` holding `text` (UTF-8), written beside it under a temporary name, then swapped in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@contextmanager
def replace_dir(dest: Path, prefix: str | None = None) -> Iterator[Path]:
    """A new, empty folder beside `dest` to fill; when the block ends without an error it
    replaces `dest` whole (made readable, 0o755), and when it raises it is removed and `dest` is
    left as it was. A reader sees the old folder or the new one, never a half-written one. Its
    name starts with "." (and `prefix`, if given), which is how clear_leftovers() knows the
    leftover of a killed build."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=prefix or f".{dest.name}-", dir=dest.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o755)
        if dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
        elif dest.exists() or dest.is_symlink():
            dest.unlink()
        os.replace(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def damaged(what: str, why: str) -> None:
    DAMAGED.append(f"cache: {what}: {why}; it was rebuilt")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_sealed(path: Path, text: str) -> None:
    """A cache entry: its text after a first line holding the text's SHA-256."""
    write_text_atomic(path, f"sha256:{_sha(text.encode('utf-8'))}\n{text}")


def read_sealed(path: Path, show: str | None = None) -> str | None:
    """The text of a sealed cache entry, or None when there is none or it does not match its seal
    (then it is removed and reported)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:  # a folder, or unreadable: not an entry
        why = f"unreadable ({e.strerror})"
    else:
        head, sep, body = raw.partition(b"\n")
        if sep and head.startswith(b"sha256:") and head[7:].decode("ascii", "replace") == _sha(body):
            return body.decode("utf-8")
        why = "its content does not match the hash it was stored with"
    damaged(show or _shown(path), why)
    try:
        remove(path)
    except OSError:
        pass
    return None


def remove(path: Path) -> None:
    """A cache entry gone, whatever it has become (a folder, a file, a link)."""
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _shown(path: Path) -> str:
    """`path` from its .cache folder on (the checkout's location is not the maintainer's concern)."""
    parts = path.parts
    return "/".join(parts[parts.index(".cache"):]) if ".cache" in parts else str(path)


def cached_text(path: Path | None, make: Callable[[], str]) -> str:
    """The text stored at `path` (a cache file named by a hash of what `make` depends on), or
    make() stored there; with no path, just make()."""
    if path is not None:
        got = read_sealed(path)
        if got is not None:
            return got
    text = make()
    if path is not None:
        write_sealed(path, text)
    return text


# ------------------------------------------------------------- a folder of built artefacts

def seal_folder(folder: Path, marker: str, key: str, skip: set[str] = frozenset()) -> None:
    """Write `folder/marker`, saying the folder holds the artefacts of `key`: each file's size,
    modification time and SHA-256 (files named in `skip`, and markers, are not this task's)."""
    files = {}
    for p in sorted(folder.iterdir()):
        if p.name in skip or p.name == marker or p.name.endswith((".done", ".err")) or p.name == "done" \
                or p.name.startswith("."):
            continue
        st = p.stat()
        files[p.name] = [st.st_size, st.st_mtime_ns, _sha(p.read_bytes())]
    write_text_atomic(folder / marker, json.dumps({"key": key, "files": files}, sort_keys=True))


def sealed_files(folder: Path, marker: str) -> dict:
    try:
        return json.loads((folder / marker).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def check_folder(folder: Path, marker: str, key: str, show: str) -> bool:
    """Whether `folder` holds, unchanged, the artefacts `marker` lists for `key`. A file whose size
    or modification time moved is hashed: a different hash (or a missing file, or an unreadable
    marker) is damage, reported once."""
    path = folder / marker
    try:
        raw = path.read_text(encoding="utf-8")
        if re.fullmatch(r"[0-9a-f]{64}", raw):  # the record of an older build: the key alone
            return False
        got = json.loads(raw)
        files, stored_key = got["files"], got["key"]
        if not isinstance(files, dict):
            raise TypeError
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError):
        damaged(show, f"its record ({marker}) is unreadable")
        return False
    if stored_key != key:
        return False
    for name, (size, mtime, sha) in files.items():
        p = folder / name
        try:
            st = p.lstat()
        except OSError:
            damaged(show, f"{name} is missing")
            return False
        if not p.is_file() or p.is_symlink():
            damaged(show, f"{name} is not a file")
            return False
        if st.st_size == size and st.st_mtime_ns == mtime:
            continue
        if st.st_size != size or _sha(p.read_bytes()) != sha:
            damaged(show, f"{name} was changed after it was built")
            return False
    return True


# ------------------------------------------------------------------ a disk that refuses

def _file_written(e: BaseException) -> str | None:
    """The file a failed write() was writing (the error itself does not say): the innermost frame
    that holds a file open for writing."""
    frames = []
    tb = e.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for v in frame.f_locals.values():
            mode = getattr(v, "mode", None)
            if isinstance(mode, str) and any(c in mode for c in "wax+") and isinstance(getattr(v, "name", None), str):
                return v.name
    return None


def disk_problem(e: BaseException, root: Path) -> str | None:
    """One line for a write the disk refused (full, read-only, not permitted), naming the file
    as the maintainer sees it, or None for any other error."""
    import errno

    if not isinstance(e, OSError) or e.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES,
                                                      errno.EPERM):
        return None
    name = e.filename2 or e.filename or _file_written(e)  # a copy names its source first, its target second
    name = Path(name) if name else None
    if name is not None:
        shown = str(name)
        for a, b in ((name, root), (name.resolve(), root.resolve())):
            if a.is_absolute() and a.is_relative_to(b):
                shown = a.relative_to(b).as_posix()
                break
    else:
        shown = "(a file the build writes)"
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"{shown}: the disk is full (no space left to write it): free some space (`df -h {root}` shows "
                "how much there is; a clean build needs about 300 MB beside public/), then build again")
    if e.errno == errno.EROFS:
        return (f"{shown}: the file system is read-only: the build writes .cache/ and public/ in the checkout; "
                "make it writable, or copy the checkout somewhere writable and build there")
    return (f"{shown}: permission denied ({e.strerror}): the build must be able to write .cache/ and public/; "
            "fix the folder's owner or mode")
