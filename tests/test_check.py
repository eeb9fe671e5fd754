"""Issue 8: `build.py check`: reproducible from clean, the ledger verified, every internal link
and anchor resolved. CI runs it through this test."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, copy_repo

sys.path.insert(0, str(ROOT))
from pipeline.check import compare, links  # noqa: E402
from pipeline.release import verify  # noqa: E402


def test_check_command_passes_on_this_checkout(tmp_path, public):
    """The session's site (a clean build of a copy of this tree) is the second clean build."""
    repo = copy_repo(tmp_path / "repo")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1719446400"}  # as the session's build (conftest.run_build)
    env.pop("SCALING_MANIFEST", None)
    r = subprocess.run([sys.executable, "build.py", "check", "--against", str(public)], cwd=repo, env=env,
                       capture_output=True, text=True, timeout=900)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "identical (sitemap.xml.gz included)" in out
    # the check's own build was made in another timezone and locale, without system fonts
    from pipeline.check import can_hide_fonts

    assert "the first in TZ=Pacific/Kiritimati, LC_ALL=zh_CN.UTF-8 (" in out
    if os.environ.get("CI") == "true":  # .ci/run generates the locale: the check then builds in it for real
        assert "LC_ALL=zh_CN.UTF-8 (installed), an empty FONTCONFIG_FILE" in out, out
    if can_hide_fonts() or os.environ.get("CI") == "true":
        assert "no system fonts (their folders hidden in a private mount namespace)" in out, out
    assert "released files, all match" in out
    assert "links checked, all resolve" in out
    assert out.strip().endswith("check: all good")


def test_link_checker_finds_missing_files_and_anchors(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">ok</a><a href="a/#there">ok</a><a href="a/#nowhere">bad anchor</a>'
                                     '<a href="b/">bad page</a><img src="img.svg"><a href="https://elsewhere.org/x">'
                                     'external</a><a href="#top">self</a><h1 id="top">t</h1>'
                                     '<a href="https://example.org/site/a/">own absolute</a>')
    (site / "a" / "index.html").write_text('<p id="there">x</p><a href="../index.html#top">back</a>'
                                           '<a href="../../outside.html">escapes</a>')
    problems, checked = links(site, "https://example.org/site/")
    assert checked == 9
    assert sorted(problems) == sorted([
        "index.html: link 'a/#nowhere': no element with id 'nowhere' on a/index.html",
        "index.html: link 'b/': no such file in the site",
        "index.html: link 'img.svg': no such file in the site",
        "a/index.html: link '../../outside.html': no such file in the site",
    ])


def test_ledger_verification_names_a_tampered_or_missing_release_file(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    assert verify(repo) == []
    v1 = repo / "releases" / "airspeed-record" / "v1"
    (v1 / "airspeed-record.csv").write_text("tampered\n")
    (v1 / "airspeed-record.png").unlink()
    assert verify(repo) == ["releases/airspeed-record/v1/airspeed-record.csv: does not match the ledger",
                            "releases/airspeed-record/v1/airspeed-record.png: missing"]


def test_compare_names_every_difference():
    assert compare({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == [
        "only in the second build: c", "differs between two clean builds: b"]
