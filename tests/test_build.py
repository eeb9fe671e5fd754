"""The build: only stale figures rebuild, a no-op builds nothing, clean builds are identical,
and a broken figure or page fails the build without touching public/."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time

import pytest
from conftest import ROOT, run_build, tree_digest


def built(r) -> list[str]:
    m = re.search(r"built (\d+), reused (\d+).*?(?:— rebuilt: (.*))?$", r.stderr.strip().splitlines()[-1])
    assert m, r.stderr
    return sorted(x.strip() for x in (m.group(3) or "").split(",") if x.strip())


def test_noop_rebuild_builds_nothing(scratch_repo):
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stderr
    assert built(r) == []
    assert re.search(r"built 0, reused \d+", r.stderr)


def test_editing_one_csv_rebuilds_only_its_figures(scratch_repo):
    csv = scratch_repo / "data" / "airspeed_records.csv"
    lines = csv.read_text().splitlines(keepends=True)
    csv.write_text("".join(lines[:-1]))  # drop the last record
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stderr
    # not cpu-clock-speed, not the runtime; the figure's notebook reruns with it
    assert built(r) == ["airspeed-record", "airspeed-record (images)", "airspeed-record (notebook)", "claims", "values"]
    shown = (scratch_repo / "public/figures/airspeed-record/airspeed-record.csv").read_text()
    assert shown.count("\n") == len(lines) - 1


def test_images_are_a_task_of_their_own_and_redrawn_alone(scratch_repo):
    """A figure's images are drawn after its specs, by a task of their own (the notebook runs
    meanwhile): images lost from the cache (a build killed while drawing them) are drawn again,
    and nothing else is rebuilt."""
    (fig,) = (scratch_repo / ".cache" / "figures" / "airspeed-record").iterdir()
    (fig / "images.done").unlink()
    for name in ("airspeed-record.png", "airspeed-record.zh.page.dark.svg"):
        (fig / name).unlink()
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stderr
    assert built(r) == ["airspeed-record (images)"]
    assert (scratch_repo / "public/figures/airspeed-record/airspeed-record.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (scratch_repo / "public/zh/figures/airspeed-record/airspeed-record.page.dark.svg").read_text()


def test_a_forced_figure_keeps_its_images_and_notebook_waiting_for_it(scratch_repo):
    """Under --force a figure's folder, done marker and all, is swapped out while it renders: its
    images and notebook must wait for the new one, not start on the old one (with as many workers
    as tasks they did, and the drawn images were lost in the swap)."""
    code = """
import sys
from pathlib import Path
sys.path.insert(0, ".")
from pipeline import build as b, data as d, figures as f
root = Path("."); res = d.resources(root / "data")
tasks = [t for t in b.plan(root, f.discover(root), res, root / ".cache", b.lib_versions())
         if t.fig is not None and t.fig.slug == "airspeed-record"]
assert [t.kind for t in tasks] == ["figure", "images", "notebook"], tasks
b.run(tasks, root, res, jobs=3)
print(" ".join(sorted(p.name for p in tasks[0].out.iterdir())))
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=scratch_repo, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    names = r.stdout.split()
    for suffix in ("svg", "png", "page.svg", "page.dark.svg", "zh.svg", "zh.png", "zh.page.svg", "zh.page.dark.svg",
                   "vl.json", "csv"):
        assert f"airspeed-record.{suffix}" in names, (suffix, names)
    assert "images.done" in names and "done" in names


def test_placing_an_artefact_twice_replaces_it_and_never_writes_through(tmp_path):
    """Artefacts are hard-linked into the site; a second build into the same folder (serve)
    replaces each link, and never writes into the file it linked."""
    sys.path.insert(0, str(ROOT))
    from pipeline.site.artefacts import place as _place

    one, two, dest = tmp_path / "one", tmp_path / "two", tmp_path / "dest"
    one.write_text("one")
    two.write_text("two")
    _place(one, dest)
    _place(one, dest)  # the same file again
    _place(two, dest)  # another file over a link to the first
    assert dest.read_text() == "two" and one.read_text() == "one"


def test_editing_a_figure_module_rebuilds_only_it(scratch_repo):
    mod = scratch_repo / "figures" / "cpu_clock_speed.py"
    mod.write_text(mod.read_text().replace("Year of introduction", "Year introduced"))
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stderr
    assert built(r) == ["cpu-clock-speed", "cpu-clock-speed (images)", "cpu-clock-speed (notebook)"]
    assert "Year introduced" in (scratch_repo / "public/figures/cpu-clock-speed/cpu-clock-speed.svg").read_text()


FAILURES = {
    "unknown-resource": ("figures/airspeed_record.py", 'DATA = ("airspeed_records",)',
                         'DATA = ("airspeed_recordz",)',
                         "figures/airspeed_record.py: DATA names unknown resource(s) 'airspeed_recordz'"),
    "table-raises": ("figures/airspeed_record.py", "    return records.assign(", "    1 / 0\n    return records.assign(",
                     "figures/airspeed_record.py: table() raised ZeroDivisionError"),
    "table-returns-no-frame": ("figures/airspeed_record.py", "    return records.assign(", "    return [1]\n    return records.assign(",
                               "figures/airspeed_record.py: table() returned list, not a pandas DataFrame"),
    "chart-raises": ("figures/airspeed_record.py", "    table = table.assign(", "    1 / 0\n    table = table.assign(",
                     "figures/airspeed_record.py: chart() raised ZeroDivisionError"),
    "chart-plots-another-table": ("figures/airspeed_record.py", "    return alt.layer(step, points)",
                                  "    return alt.layer(step, points).properties(data=table.head(3))",
                                  "figures/airspeed_record.py: chart() must plot the table it is given"),
    "notebook-differs": ("figures/airspeed_record.py", "    return alt.layer(step, points)",
                         "    return alt.layer(step, points).properties(description=str(__import__('os').getcwd()))",
                         "airspeed-record: the notebook's spec differs from the published one: $.description: published"),
    "chart-returns-nothing": ("figures/airspeed_record.py", "    return alt.layer(step, points)", "    return None",
                              "figures/airspeed_record.py: chart() returned NoneType, not an Altair chart"),
    "invalid-vega-lite": ("figures/airspeed_record.py", 'mark_point()', 'mark_point(shape=12)',
                          "figures/airspeed_record.py: "),
    "unknown-figure-marker": ("site/chapters/trend-lines.md", "<!-- fig:airspeed-record -->",
                              "<!-- fig:airspeed-recrod -->",
                              "site/chapters/trend-lines.md: line "),
    "unknown-value-marker": ("site/chapters/trend-lines.md", "<!-- val:airspeed-rows -->",
                             "<!-- val:airspeed-rowz -->", "unknown value 'airspeed-rowz'"),
    "unknown-claim-marker": ("site/chapters/trend-lines.md", "<!-- claim:airspeed-record-stands -->",
                             "<!-- claim:airspeed-record-fell -->", "unknown claim 'airspeed-record-fell'"),
    "missing-caption-fact": ("figures/airspeed_record.py", "then stopped in {record_year}",
                             "then stopped in {record_yaer}", "names {record_yaer}, which facts() does not return"),
    # the Chinese edition (issue 9): its text, labels, pages and claims fail as clearly
    "missing-chinese-caption-fact": ("figures/airspeed_record.py", "然后在 {record_year} 年停了下来",
                                     "然后在 {record_yaer} 年停了下来",
                                     "figures/airspeed_record.py: the text names {record_yaer}, which facts() does not return"),
    "chinese-labels-not-a-table": ("figures/airspeed_record.py", "LABELS = {", "LABELS = 3 or {",
                                   "figures/airspeed_record.py: line "),
    "unknown-marker-on-a-chinese-page": ("site/chapters/trend-lines.zh.md", "<!-- fig:airspeed-record -->",
                                         "<!-- fig:airspeed-recrod -->", "site/chapters/trend-lines.zh.md: line "),
    # the chart's expression changed under its Chinese twin, which would compute counts the English way
    "stale-chinese-expression": ("figures/scaling_laws.py", "labelExpr=(\n                  \"datum.value >= 1e12 ? datum.value / 1e12 + 'T'",
                                 "labelExpr=(\n                  \"datum.value >= 1e12 ? datum.value / 1e12 + ' T'",
                                 "figures/scaling_laws.py: ZH_EXPR entry"),
    "chinese-claim-names-an-unknown-number": ("argument/claims.py", "{year} 年创下的纪录", "{yaer} 年创下的纪录",
                                              "claim 'airspeed-record-stands': the sentence names 'yaer'"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_broken_figure_or_page_fails_cleanly(scratch_repo, case):
    path, old, new, expected = FAILURES[case]
    f = scratch_repo / path
    src = f.read_text()
    assert old in src
    f.write_text(src.replace(old, new, 1))
    before = tree_digest(scratch_repo / "public")
    r = run_build(scratch_repo)
    assert r.returncode != 0
    assert "public/ was left as it was" in r.stderr
    assert expected in r.stderr, r.stderr
    assert tree_digest(scratch_repo / "public") == before


def test_a_broken_link_fails_every_build_not_only_the_first(scratch_repo):
    """Page renders are cached (.cache/markdown), but never one that warned: strict mode must not
    pass on the second try."""
    page = scratch_repo / "site" / "chapters" / "trend-lines.md"
    good = page.read_text()
    page.write_text(good + "\nSee [a page](no-such-page.md).\n")
    for _ in range(2):
        r = run_build(scratch_repo)
        assert r.returncode != 0 and "no-such-page.md" in r.stderr, r.stderr
    page.write_text(good)
    assert run_build(scratch_repo).returncode == 0


def test_pages_from_the_markdown_cache_are_the_pages_rendered_afresh(scratch_repo, tmp_path):
    warm = run_build(scratch_repo, "build", "--public", str(tmp_path / "warm"))
    assert warm.returncode == 0, warm.stderr
    cache = scratch_repo / ".cache" / "markdown"
    assert len(list(cache.glob("*.json"))) > 150  # every page of both editions
    shutil.rmtree(cache)
    cold = run_build(scratch_repo, "build", "--public", str(tmp_path / "cold"))
    assert cold.returncode == 0, cold.stderr
    assert tree_digest(tmp_path / "warm") == tree_digest(tmp_path / "cold")


def test_second_build_at_once_is_refused(scratch_repo):
    sys.path.insert(0, str(scratch_repo))
    lock = scratch_repo / ".cache" / "build.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT);"
        "fcntl.flock(fd, fcntl.LOCK_EX); os.ftruncate(fd, 0); os.write(fd, b'4242'); print('locked', flush=True); time.sleep(30)"),
        str(lock)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        r = run_build(scratch_repo)
        assert r.returncode != 0
        assert "another build is running in this checkout (pid 4242)" in r.stderr
    finally:
        holder.kill()


def test_serve_rebuilds_only_the_affected_figure_on_save(scratch_repo):
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**__import__("os").environ, "SOURCE_DATE_EPOCH": "1719446400"}
    env.pop("SCALING_MANIFEST", None)
    proc = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)], cwd=scratch_repo,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/ai-scaling-myths/"

    def get(path):
        with urllib.request.urlopen(base + path, timeout=5) as r:
            return r.read().decode()

    def wait_for(pred, what):
        end = time.time() + 60
        while time.time() < end:
            try:
                if pred():
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"timed out waiting for {what}")

    import pandas as pd

    csv = scratch_repo / "data" / "airspeed_records.csv"
    record = pd.read_csv(csv).speed_kmh.max()
    try:
        wait_for(lambda: f"{record:,.0f} km/h" in get("chapters/trend-lines/"), "the first build")
        r = run_build(scratch_repo)  # the preview holds the build lock: a build beside it is refused
        assert r.returncode != 0 and f"build.py serve is running in this checkout (pid {proc.pid})" in r.stderr, r.stderr
        cpu_dirs = sorted(p.name for p in (scratch_repo / ".cache/figures/cpu-clock-speed").iterdir())
        csv.write_text(csv.read_text().replace(f"{record}", f"{record + 100}"))
        wait_for(lambda: f"{record + 100:,.0f} km/h" in get("chapters/trend-lines/"), "the rebuilt page")
        assert f"{record + 100}" in get("figures/airspeed-record/airspeed-record.csv")
        assert sorted(p.name for p in (scratch_repo / ".cache/figures/cpu-clock-speed").iterdir()) == cpu_dirs
        assert "livereload" in get("chapters/trend-lines/")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_shared_module_rebuilds_only_the_figures_that_import_it(scratch_repo):
    other = scratch_repo / "argument" / "values_extra.py"
    other.write_text('"""Values of another topic."""\nfrom pipeline.values import value\n\n\n'
                     '@value("extra-rows", ("cpu_clock_rupp",), "{}")\ndef extra_rows(r):\n    return len(r)\n')
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stderr
    assert built(r) == ["claims", "values"]  # no figure imports the new module (claims may use any)
    shared = scratch_repo / "argument" / "values.py"
    shared.write_text(shared.read_text() + "\n# touched\n")
    r = run_build(scratch_repo)
    assert built(r) == ["airspeed-record", "airspeed-record (images)", "airspeed-record (notebook)", "claims",
                        "cpu-clock-speed", "cpu-clock-speed (images)", "cpu-clock-speed (notebook)", "values"]
