"""Under CI=true a missing browser fails the suite; elsewhere it is a visible skip."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("ci,outcome", [("true", "error"), ("", "skipped")])
def test_missing_browser_fails_under_ci(ci, outcome, tmp_path):
    env = {**os.environ, "CI": ci, "CHROMIUM": str(tmp_path / "no-chromium"),
           "PATH": str(tmp_path)}  # no chromium on PATH either
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider",
                        "tests/test_browser.py::test_figures_readable_without_javascript"],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert "Debian's chromium is not installed" in r.stdout
    if outcome == "error":
        assert r.returncode != 0 and "1 error" in r.stdout, r.stdout
    else:
        assert r.returncode == 0 and "1 skipped" in r.stdout, r.stdout
