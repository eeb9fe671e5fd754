#!/usr/bin/env python3
"""Benchmark the build (not a test): medians over several runs, printed as a table.

    python tests/benchmark.py [--runs 5]

Works in a private copy of the repository. Scenarios:
  clean       no cache, no public/ (what a fresh clone does after installing)
  no-op       nothing changed
  one CSV     one value of data/airspeed_records.csv edited (alternating, so it always changes)
  naive       the baseline: every figure, notebook and the Vega runtime regenerated from scratch
              (build --force), i.e. the same work without the cache

    python tests/benchmark.py --figures 50 [--runs 3]    (make bench FIGURES=50 [RUNS=3])

the scale mode: the same in a copy with 50 synthetic figures added (tests/synthetic.py), the first
three scenarios only, each with its per-stage split (figure stage from the build's last line; page
stage = wall minus figure stage), the CPU cores used on average (user + sys time of the whole process
tree over the build's wall time: getrusage(RUSAGE_CHILDREN) around the build, or the sum of psutil
samples of every descendant, whichever is larger; see TreePeak), the peak resident memory
of the whole process tree and of the build's own process (sampled every 0.1 s with psutil; the tree's
is a sum of RSS, so pages the forked workers share are counted in each), and the disk use of public/
and .cache/ after the build (hard links counted once within each folder). `--figures 0` is today's
site measured the same way. `--repo DIR` measures in an existing copy of the repository instead of a
fresh one (left in place), and `--scenarios no-op,csv` leaves the clean build out (an unmeasured
build first brings the copy up to date): what the suite does, at 3 figures (tests/test_bench.py).

    python tests/benchmark.py --render    (after `make site`)

times the drawing of every chart (English and Chinese, SVG and PNG) with vl-convert, median of
three, once with the pinned faces registered (pipeline/fonts.py, as the build draws) and once
with the machine's fonts only (as the build drew before the faces were pinned).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ROOT, copy_repo, run_build  # noqa: E402


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


# ------------------------------------------------------------------------ the scale mode

SCENARIOS = {"clean": "clean build", "no-op": "no-op rebuild", "csv": "one CSV edited"}
LAST = re.compile(r"figure stage ([\d.]+) s(?:; worker time: ([^)]*))?\)(?: — rebuilt: (.*))?$")


class TreePeak(threading.Thread):
    """The peak resident memory of this process's descendants (summed) and of its largest direct
    child (the build's own process), and the CPU time of every descendant seen (user + sys, as last
    sampled), sampled until stopped. The CPU time is needed besides getrusage(RUSAGE_CHILDREN):
    the workers' time does not reach this process's rusage (they are children of multiprocessing's
    fork server; measured: rusage saw 17 s of CPU in a clean build with 240 s of worker time)."""

    def __init__(self, every: float = 0.1):
        super().__init__(daemon=True)
        self.every, self.tree, self.main = every, 0, 0
        self.cpu_of: dict[tuple[int, float], float] = {}
        self._stop_at = threading.Event()

    @property
    def cpu(self) -> float:
        return sum(self.cpu_of.values())

    def run(self):
        import psutil

        me = psutil.Process()
        while not self._stop_at.is_set():
            tree = main = 0
            for p in me.children(recursive=True):
                try:
                    rss = p.memory_info().rss
                    t = p.cpu_times()
                    self.cpu_of[(p.pid, p.create_time())] = t.user + t.system
                except psutil.Error:  # gone between the listing and the reading
                    continue
                tree += rss
                if p.ppid() == me.pid:
                    main = max(main, rss)
            self.tree, self.main = max(self.tree, tree), max(self.main, main)
            self._stop_at.wait(self.every)

    def stop(self) -> None:
        self._stop_at.set()
        self.join()


def disk_use(folder: Path) -> int:
    """Bytes on disk under `folder`, each inode once (public/ is hard-linked from .cache/)."""
    seen, total = set(), 0
    for dirpath, dirnames, filenames in os.walk(folder):
        for n in dirnames + filenames:
            st = os.lstat(os.path.join(dirpath, n))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total


def _build(root: Path, *args: str):
    """tests/conftest.py run_build (the same command and environment) without its 600 s limit,
    which a clean build of a few hundred figures passes."""
    import subprocess

    e = {**os.environ, "SOURCE_DATE_EPOCH": "1719446400", "COLUMNS": "200"}
    e.pop("SCALING_MANIFEST", None)
    return subprocess.run([sys.executable, str(root / "build.py"), *args], cwd=root, env=e,
                          capture_output=True, text=True)


def measured(root: Path, *args: str) -> dict:
    """One build, timed: wall, its two stages, CPU cores used, peak memory, folder sizes."""
    peak = TreePeak()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak.start()
    t = time.perf_counter()
    r = _build(root, *args)
    wall = time.perf_counter() - t
    peak.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode:
        sys.exit(r.stdout[-2000:] + r.stderr[-4000:])
    m = LAST.search(r.stderr.strip().splitlines()[-1])
    if not m:
        sys.exit(f"the build's last line names no figure stage: {r.stderr.strip().splitlines()[-1]!r}")
    stage = float(m.group(1))
    # both are lower bounds: rusage misses what was never reaped, sampling a process's last 0.1 s
    cpu = max((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), peak.cpu)
    return {"wall": wall, "figure": stage, "page": wall - stage, "cores": cpu / wall,
            "tree": peak.tree / 2**20, "main": peak.main / 2**20,
            "public": disk_use(root / "public") / 2**20, "cache": disk_use(root / ".cache") / 2**20,
            "workers": m.group(2) or "-", "ran": m.group(3) or "-"}


def scale(n: int, runs: int, repo: Path | None, scenarios: list[str]) -> None:
    import synthetic

    tmp = None
    if repo is None:
        tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
        repo = copy_repo(tmp / "repo")
    root = repo.resolve()
    if root == ROOT:
        sys.exit("--repo: a copy of the repository, never the repository itself")
    load = os.getloadavg()[0]
    synthetic.generate(root, n)
    figures = len([p for p in (root / "figures").glob("*.py") if not p.name.startswith("_")])
    csv = root / "data" / "airspeed_records.csv"
    original = csv.read_text()
    results: dict[str, dict] = {}

    def record(key, fn):
        samples = [fn(i) for i in range(runs)]
        results[key] = {k: (statistics.median(s[k] for s in samples) if isinstance(v, float) else samples[-1][k])
                        for k, v in samples[0].items()}

    def clean(_):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        shutil.rmtree(root / "public", ignore_errors=True)
        return measured(root)

    def edit(i):
        csv.write_text(original.replace("3529.56", "3529.56" if i % 2 else "3529.57", 1))
        return measured(root)

    try:
        if "clean" in scenarios:
            record("clean", clean)
        else:  # not measured: the copy brought up to date, so that no-op is one
            measured(root)
        if "no-op" in scenarios:
            record("no-op", lambda _: measured(root))
        if "csv" in scenarios:
            record("csv", edit)
    finally:
        csv.write_text(original)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"scale mode: {n} synthetic figures added, {figures} figures in all; median of {runs} run(s); "
          f"{sys.platform}, {os.cpu_count()} cores, load average {load:.2f} at the start\n")
    print("| scenario | wall (s) | figure stage (s) | page stage (s) | CPU cores used | peak RSS, process tree (MiB) "
          "| peak RSS, build process (MiB) | public/ (MiB) | .cache/ (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key, r in results.items():
        print(f"| {SCENARIOS[key]} | {r['wall']:.2f} | {r['figure']:.2f} | {r['page']:.2f} | {r['cores']:.2f} "
              f"| {r['tree']:.0f} | {r['main']:.0f} | {r['public']:.1f} | {r['cache']:.1f} |")
    print()
    for key, r in results.items():
        print(f"{SCENARIOS[key]}: worker time: {r['workers']}; rebuilt: {r['ran'] if len(r['ran']) < 300 else r['ran'][:300] + ' …'}")
    cells = {k: f"{r['wall']:.1f} s" for k, r in results.items()}
    if "clean" in results and "csv" in results:
        cells["csv"] += f" ({results['clean']['wall'] / results['csv']['wall']:.1f}× faster than clean)"
    print("\n| figures | clean | no-op | one CSV edited |\n|---|---|---|---|")
    print(f"| {figures} | {cells.get('clean', '-')} | {cells.get('no-op', '-')} | {cells.get('csv', '-')} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--render", action="store_true", help="time the drawing of each chart (needs public/)")
    ap.add_argument("--figures", type=int, metavar="N", help="the scale mode: with N synthetic figures added")
    ap.add_argument("--repo", type=Path, help="scale mode: measure in this existing copy (left in place)")
    ap.add_argument("--scenarios", default="clean,no-op,csv", help="scale mode: which of clean,no-op,csv")
    args = ap.parse_args()
    if args.render:
        return render()
    if args.figures is not None or args.repo is not None:
        chosen = args.scenarios.split(",")
        if set(chosen) - set(SCENARIOS):
            ap.error(f"--scenarios: choose among {','.join(SCENARIOS)}")
        return scale(args.figures or 0, args.runs, args.repo, chosen)
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
