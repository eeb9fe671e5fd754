#!/usr/bin/env python3
"""Benchmark the build (not a test): medians over several runs, printed as a table.

    python tests/benchmark.py [--runs 5]

Works in a private copy of the repository. Scenarios:
  clean       no cache, no public/ (what a fresh clone does after installing)
  no-op       nothing changed
  one CSV     one value of data/airspeed_records.csv edited (alternating, so it always changes)
  naive       the baseline: every figure, notebook and the Vega runtime regenerated from scratch
              (build --force), i.e. the same work without the cache

    python tests/benchmark.py --render    (after `make site`)

times the drawing of every chart (English and Chinese, SVG and PNG) with vl-convert, median of
three, once with the pinned faces registered (pipeline/fonts.py, as the build draws) and once
with the machine's fonts only (as the build drew before issue 18).
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import copy_repo, run_build  # noqa: E402


def timed(root: Path, *args: str) -> tuple[float, float, float, str]:
    t = time.perf_counter()
    r = run_build(root, *args)
    wall = time.perf_counter() - t
    if r.returncode:
        sys.exit(r.stderr)
    last = r.stderr.strip().splitlines()[-1]
    stage = float(re.search(r"figure stage ([\d.]+) s", last).group(1))
    nb = re.search(r"notebook ([\d.]+) s", last)
    ran = re.search(r"rebuilt: (.*)$", last)
    return wall, stage, float(nb.group(1)) if nb else 0.0, ran.group(1) if ran else "-"


RENDER = r"""
import glob, json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
import vl_convert as vlc
if sys.argv[3] == "pinned":
    from pipeline import fonts
    fonts.use(fonts.prepare(sys.argv[1]))
times = []
for f in sorted(glob.glob(sys.argv[2] + "/figures/*/*.vl.json")):
    specs = [json.load(open(f)), json.load(open(f.replace("/figures/", "/zh/figures/")))]
    if sys.argv[3] != "pinned":  # the stacks of before: the machine's fonts
        for s in specs:
            s["config"]["font"] = s["config"]["font"].replace('"Arimo ASM", "Noto Sans SC ASM", ', "").replace(
                '"Noto Sans SC ASM", "Arimo ASM", ', "")
    vlc.vegalite_to_svg(specs[0])
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        for s in specs:
            vlc.vegalite_to_svg(s)
            vlc.vegalite_to_png(s, scale=2)
        runs.append(time.perf_counter() - t)
    times.append(statistics.median(runs))
print(f"{statistics.median(times) * 1000:.0f} {sum(times):.2f} {len(times)}")
"""


def render() -> None:
    import subprocess

    root = Path(__file__).resolve().parent.parent
    print("| faces | per chart, median (ms) | all charts (s) | charts |\n|---|---:|---:|---:|")
    for mode in ("system", "pinned"):
        out = subprocess.run([sys.executable, "-c", RENDER, str(root), str(root / "public"), mode],
                             capture_output=True, text=True, check=True).stdout.split()
        print(f"| {mode} | {out[0]} | {out[1]} | {out[2]} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--render", action="store_true", help="time the drawing of each chart (needs public/)")
    args = ap.parse_args()
    if args.render:
        return render()
    runs = args.runs
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    root = copy_repo(tmp / "repo")
    csv = root / "data" / "airspeed_records.csv"
    original = csv.read_text()
    results = {}

    def record(name, fn):
        samples = [fn(i) for i in range(runs)]
        results[name] = (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
                         statistics.median(s[2] for s in samples), samples[-1][3])

    def clean(_):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        shutil.rmtree(root / "public", ignore_errors=True)
        return timed(root)

    def edit(i):
        csv.write_text(original.replace("3529.56", "3529.56" if i % 2 else "3529.57", 1))
        return timed(root)

    record("clean build", clean)
    record("no-op rebuild", lambda _: timed(root))
    record("one CSV edited", edit)
    csv.write_text(original)
    timed(root)
    record("naive (--force, no cache)", lambda _: timed(root, "build", "--force"))
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"median of {runs} runs, {sys.platform}, {__import__('os').cpu_count()} cores\n")
    print("| scenario | wall (s) | figure stage, wall (s) | notebooks, worker time (s) | what ran |")
    print("|---|---:|---:|---:|---|")
    for name, (wall, stage, nb, ran) in results.items():
        print(f"| {name} | {wall:.2f} | {stage:.2f} | {nb:.2f} | {ran} |")
    print(f"\none-CSV rebuild vs clean build: {results['clean build'][0] / results['one CSV edited'][0]:.1f}x faster "
          f"(figure stage: {results['clean build'][1] / max(results['one CSV edited'][1], 1e-3):.1f}x)")


if __name__ == "__main__":
    main()
