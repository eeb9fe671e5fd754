"""Issue 8: a build killed at any point leaves the last good public/ intact, and the next build
recovers (no stale lock, no half-written cache entry taken for a finished one)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT, tree_digest
from test_build import built

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1719446400"}
ENV.pop("SCALING_MANIFEST", None)


def start(repo, *args):
    return subprocess.Popen([sys.executable, "build.py", "build", *args], cwd=repo, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill_when(proc, ready, timeout=120):
    end = time.time() + timeout
    while not ready():
        assert proc.poll() is None, "the build ended before the moment to kill it"
        assert time.time() < end, "timed out waiting for the moment to kill"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, at once
    proc.wait()


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            out.setdefault(ppid, []).append(int(d))
    return out


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:  # the process ended meanwhile
        return b""


def _alive(pid: int) -> bool:
    status = _read(f"/proc/{pid}/status").lower()
    return bool(status) and b"zombie" not in status


def _descendants(pid: int) -> set[int]:
    kids, found, todo = _children(), set(), [pid]
    while todo:
        for c in kids.get(todo.pop(), []):
            found.add(c)
            todo.append(c)
    return found


def kill_build_alone_while_a_kernel_runs(proc) -> None:
    """kill -9 of the build's own process (not its group) while a notebook's kernel runs (the
    deepest process a build starts): its workers, the forkserver and the kernels end too, within
    seconds, instead of running on."""
    end = time.time() + 120
    seen: set[int] = set()
    while time.time() < end:
        assert proc.poll() is None, "the build ended before its kernels started"
        seen = _descendants(proc.pid)
        if any(b"ipykernel" in _read(f"/proc/{p}/cmdline") for p in seen):
            break
        time.sleep(0.1)
    else:
        raise AssertionError("no kernel started")
    assert len(seen) >= 3
    os.kill(proc.pid, signal.SIGKILL)   # the build alone
    proc.wait()
    end = time.time() + 15
    while time.time() < end and any(_alive(p) for p in seen):
        time.sleep(0.2)
    alive = [p for p in seen if _alive(p)]
    for p in alive:  # leave nothing behind, whatever the outcome
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert not alive, f"{len(alive)} of the build's {len(seen)} processes outlived it"


def test_killed_builds_leave_public_intact_and_the_next_build_recovers(scratch_repo):
    """Killed at the three moments that write: while a worker renders a figure (a half-written cache
    folder), while a notebook runs (the build alone killed: its workers and kernels must end with
    it), and while the pages are staged, just before the swap. (Before the figure stage the build
    has written nothing but its lock, an flock the kernel drops with the process.) Each moment is
    made to happen by taking the few cache entries it rebuilds away, not by --force: a forced build
    swaps every figure's folder, images included, so recovering from it is a whole build again."""
    public, cache = scratch_repo / "public", scratch_repo / ".cache"
    before = tree_digest(public)
    for slug in ("airspeed-record", "alphago-self-play", "arc-scores", "scaling-laws"):  # four moments to hit
        shutil.rmtree(cache / "figures" / slug)
    kill_when(start(scratch_repo),
              lambda: any(p.name.startswith(".") for d in (cache / "figures").iterdir() for p in d.iterdir()))
    assert tree_digest(public) == before, "public/ changed after a kill while rendering a figure"
    shutil.rmtree(cache / "notebooks" / "cpu-clock-speed")
    kill_build_alone_while_a_kernel_runs(start(scratch_repo))
    assert tree_digest(public) == before, "public/ changed after a kill while running a notebook"
    kill_when(start(scratch_repo), lambda: any(cache.glob("stage-*/site/index.html")))
    assert tree_digest(public) == before, "public/ changed after a kill while writing pages"
    r = subprocess.run([sys.executable, "build.py", "build"], cwd=scratch_repo, env=ENV, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "another build is running" not in r.stderr
    r = subprocess.run([sys.executable, "build.py", "build"], cwd=scratch_repo, env=ENV, capture_output=True,
                       text=True, timeout=600)
    assert built(r) == []                                # everything the killed builds left is whole
    assert tree_digest(public) == before                 # and the result is the same site
    # and what the killed builds left half-written was cleared away under the lock
    assert list(cache.glob("stage-*")) == []
    assert [p for p in cache.glob("*/*/.*")] + [p for p in cache.glob("*/.*")] == []


def test_force_trusts_no_cache(tmp_path, monkeypatch):
    """`build --force` discards the page caches before anything reads them (a garbled one once
    crashed every build, --force included) and hands every task to the workers, reading no task
    record; checked up to the figure stage, which is stopped there."""
    sys.path.insert(0, str(ROOT))
    import build as entry
    from pipeline import build as stage

    root = tmp_path / "repo"
    for kind in entry.PAGE_CACHES:
        (root / ".cache" / kind).mkdir(parents=True)
        (root / ".cache" / kind / "entry.json").write_bytes(b"\0garbled")
    (root / "public").mkdir()
    seen = {}

    class Stop(Exception):
        pass

    def figure_stage(root_, cache, force=False, **kw):
        seen["force"] = force
        seen["left"] = sorted(p.name for p in cache.iterdir())
        raise Stop

    monkeypatch.setattr(entry, "figure_stage", figure_stage)
    with pytest.raises(Stop):
        entry.build(root, force=True)
    assert seen["force"] is True
    assert not set(entry.PAGE_CACHES) & set(seen["left"]), seen["left"]
    tasks = [stage.Task("figure", "x", "k", tmp_path / "nowhere")]
    assert stage.stale(tasks, tmp_path) == tasks  # (and without --force, a missing record is stale)
