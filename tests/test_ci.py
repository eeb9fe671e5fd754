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


def test_make_test_names_the_one_command_when_it_cannot_install_chromium(tmp_path):
    """Not root and no chromium: `make test` stops at once, before any test, with the command to run."""
    fake_id = tmp_path / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n")
    fake_id.chmod(0o755)
    make = subprocess.run(["sh", "-c", "command -v make"], capture_output=True, text=True).stdout.strip()
    env = {**os.environ, "CHROMIUM": str(tmp_path / "no-chromium"), "PATH": str(tmp_path)}
    r = subprocess.run([make, "-s", "chromium"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "sudo apt-get install chromium" in r.stderr, r.stdout + r.stderr
    assert " chromium" in (ROOT / "Makefile").read_text().split("\ntest:")[1].split("\n")[0]  # before the tests run
