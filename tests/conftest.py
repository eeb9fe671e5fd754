"""Shared fixtures: a private copy of the repository to build in, and its built site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# one definition, shared with build.py check; the tests import tree_digest from here
from pipeline.check import SKIP, tree_digest  # noqa: E402, F401

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")


def copy_repo(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [n for n in names if n in SKIP])
    return dest


def run_build(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, "SOURCE_DATE_EPOCH": "1719446400", "COLUMNS": "200", **(env or {})}
    e.pop("SCALING_MANIFEST", None)
    return subprocess.run([sys.executable, str(root / "build.py"), *args], cwd=root, env=e,
                          capture_output=True, text=True, timeout=600)




@pytest.fixture(scope="session")
def built_repo(tmp_path_factory) -> Path:
    """A copy of the repository, built once per run (figures cached); tests copy it further.
    With pytest-xdist (`make test` runs two workers) the first worker to get here builds it in
    the run's shared temporary folder, under a lock, and the others wait for it and read it."""
    import fcntl

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        root = copy_repo(tmp_path_factory.mktemp("built") / "repo")
        r = run_build(root)
        assert r.returncode == 0, r.stdout + r.stderr
        return root
    shared = tmp_path_factory.getbasetemp().parent / "built"
    shared.mkdir(exist_ok=True)
    root, done, failed = shared / "repo", shared / "built.ok", shared / "built.failed"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # released when the file closes
        if not done.exists() and not failed.exists():
            copy_repo(root)
            r = run_build(root)
            (done if r.returncode == 0 else failed).write_text(r.stdout + r.stderr, encoding="utf-8")
    assert done.exists(), failed.read_text(encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def public(built_repo) -> Path:
    return built_repo / "public"


@pytest.fixture
def scratch_repo(built_repo, tmp_path) -> Path:
    """A private, already-built copy (cache and public/ included) that a test may break."""
    dest = tmp_path / "repo"
    shutil.copytree(built_repo, dest, symlinks=True, ignore=lambda d, names: ["public"] if d == str(built_repo) else [])
    # public/ (84 MB) is hard-linked, not copied: a build never writes into it (it swaps a staged
    # site in whole) and no test writes into it; this made each such test about 0.7 s faster
    shutil.copytree(built_repo / "public", dest / "public", symlinks=True, copy_function=os.link)
    return dest


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium. Missing: a failure under CI=true, a skip elsewhere."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium_path

    path = chromium_path()
    if not path:
        msg = "Debian's chromium is not installed (apt-get install chromium)"
        if CI:
            pytest.fail(msg)
        pytest.skip(msg)
    try:
        import playwright  # noqa: F401
    except ImportError:
        if CI:
            pytest.fail("playwright (Python) is not installed")
        pytest.skip("playwright (Python) is not installed")
    return path
