"""The benchmark's scale mode runs (not timed): 3 synthetic figures (tests/synthetic.py) added to an
already-built copy, so that only they (and, for the one-CSV scenario, the figure of that CSV) are
built; each placed on its gallery page in both editions; the table printed with a number in every
cell. The clean-build scenario is left out here (it would rebuild every figure); it is the same
measurement around a build without .cache/ and public/."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

SLUGS = ("synth-0001", "synth-0002", "synth-0003")


def test_scale_mode_at_three_figures(scratch_repo):
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "benchmark.py"), "--figures", "3", "--runs", "1",
                        "--repo", str(scratch_repo), "--scenarios", "no-op,csv"],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    for page in ("synthetic/page-01/index.html", "zh/synthetic/page-01/index.html"):
        html = (scratch_repo / "public" / page).read_text(encoding="utf-8")
        for slug in SLUGS:
            assert f'id="fig-{slug}"' in html, f"{page}: figure {slug} is not on its page"
            assert f"{slug}/{slug}.svg" in html, f"{page}: figure {slug} has no chart"
    assert 'lang="zh' in (scratch_repo / "public" / "zh/synthetic/page-01/index.html").read_text(encoding="utf-8")

    lines = r.stdout.splitlines()
    assert "3 synthetic figures added" in lines[0], r.stdout
    header = next(line for line in lines if line.startswith("| scenario |"))
    assert len(header.strip("|").split("|")) == 9, header
    number = re.compile(r"^-?\d+(\.\d+)?$")
    for name in ("no-op rebuild", "one CSV edited"):
        row = next((line for line in lines if line.startswith(f"| {name} |")), None)
        assert row, f"no row {name!r} in:\n{r.stdout}"
        cells = [c.strip() for c in row.strip("|").split("|")][1:]
        assert len(cells) == 8 and all(number.match(c) for c in cells), row
        assert float(cells[0]) > 0 and float(cells[4]) > 0 and float(cells[7]) > 0, row  # wall, memory, .cache/
    summary = lines[lines.index("| figures | clean | no-op | one CSV edited |") + 2]
    figures = len([p for p in (scratch_repo / "figures").glob("*.py") if not p.name.startswith("_")])
    assert re.match(rf"^\| {figures} \| - \| [\d.]+ s \| [\d.]+ s \|$", summary), summary
    edited = next(line for line in lines if line.startswith("one CSV edited:"))
    assert "airspeed-record" in edited.split("rebuilt:")[1], edited  # the edited CSV's figure was rebuilt
