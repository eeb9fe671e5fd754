"""Issue 8: a build killed at any point leaves the last good public/ intact, and the next build
recovers (no stale lock, no half-written cache entry taken for a finished one)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conftest import tree_digest
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


def test_killed_builds_leave_public_intact_and_the_next_build_recovers(scratch_repo):
    public, cache = scratch_repo / "public", scratch_repo / ".cache"
    before = tree_digest(public)
    t0 = time.time()
    # --force rebuilds everything, so each moment really happens; every build writes its pages,
    # so that moment needs no --force (which would first re-render every figure and notebook)
    moments = {
        "while validating": (lambda: time.time() - t0 > 0.6, ["--force"]),
        "while rendering figures": (lambda: any(p.name.startswith(".") for d in (cache / "figures").iterdir()
                                                for p in d.iterdir()), ["--force"]),
        "while running notebooks": (lambda: any((cache / "notebooks").glob("*/.nb-*")), ["--force"]),
        "while writing pages": (lambda: any(cache.glob("stage-*/site/index.html")), []),
    }
    for what, (ready, args) in moments.items():
        t0 = time.time()
        kill_when(start(scratch_repo, *args), ready)
        assert tree_digest(public) == before, f"public/ changed after a kill {what}"
    # and on top, damage of the kind that once made every build crash, --force included (issue 19):
    # --force trusts no cache, the page caches included, and recovers
    for f in [*sorted((cache / "markdown").glob("*.json"))[:3], *sorted(cache.glob("figures/*/*/meta.json"))[:2]]:
        f.write_bytes(f.read_bytes()[:40] + b"\0garbage")
    r = subprocess.run([sys.executable, "build.py", "build", "--force"], cwd=scratch_repo, env=ENV,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "another build is running" not in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "build.py", "build"], cwd=scratch_repo, env=ENV, capture_output=True,
                       text=True, timeout=600)
    assert built(r) == []                                # everything the killed builds left is whole
    assert tree_digest(public) == before                 # and the result is the same site
    # and what the killed builds left half-written was cleared away under the lock
    assert list(cache.glob("stage-*")) == []
    assert [p for p in cache.glob("*/*/.*")] + [p for p in cache.glob("*/.*")] == []
