"""The build: only stale figures rebuild, a no-op builds nothing, clean builds are identical,
and a broken figure or page fails the build without touching public/."""
from __future__ import annotations

import re
import shutil
import string
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


# An edited figure module rebuilds only its figure, images and notebook: tests/test_scaffold.py
# (a scaffolded figure rewritten, then built), and, at the level of keys, tests/test_plan.py.


# ------------------------------------------------------- broken figures, claims and pages
# Each broken module is a fixture figure: written by the scaffold (`build.py new figure`, which
# also places it on a page), then replaced by a whole small module broken in one way. Nothing
# edits a line of the real figures or pages.

PROBE = string.Template('''"""A probe figure of the test suite (its words: the .yml beside it)."""
import altair as alt
import pandas as pd

DATA = $data


def facts(rows: pd.DataFrame) -> dict:
    return {"n": len(rows)}


def table(rows: pd.DataFrame) -> pd.DataFrame:
$table


def chart(table: pd.DataFrame) -> alt.Chart:
$chart
''')
GOOD = {
    "title": "Probe", "caption": "", "caption_zh": "", "data": '("airspeed_records",)',
    "labels": {"Speed (km/h)": "速度（km/h）"}, "zh_expr": {},
    "table": '    return rows[["id", "date", "speed_kmh", "source_url"]]',
    "chart": ('    return alt.Chart(table).mark_point(filled=True).encode(\n'
              '        x=alt.X("date:T", title="Date"), y=alt.Y("speed_kmh:Q", title="Speed (km/h)"))'),
}
SCATTER = GOOD["chart"]
MODULE_PARTS = ("data", "table", "chart")


def probe(**parts) -> str:
    """A whole figure module: the good probe, with `parts` in place of its own."""
    return PROBE.substitute({k: v for k, v in {**GOOD, **parts}.items() if k in MODULE_PARTS})


def probe_words(**parts) -> str:
    """The probe's words (figures/<name>.yml), with `parts` in place of its own."""
    import yaml

    p = {**GOOD, **parts}
    words = {"title": p["title"], "caption": f"A probe of the test suite: the {{n}} rows of the data. {p['caption']}",
             "alt": "Scatter chart of speed against date, one point for each of the {n} rows of the data.",
             "zh": {"title": f"{p['title']}（探针）", "caption": f"测试套件的探针：数据中的 {{n}} 行。{p['caption_zh']}",
                    "alt": "散点图：速度对日期，数据中的 {n} 行各为一个点。"},
             "labels": p["labels"], "zh_expr": p["zh_expr"]}
    return yaml.safe_dump(words, allow_unicode=True, sort_keys=False)


def place_probe(root, name: str, **parts) -> str:
    """Scaffold figure `name` on the trend-lines page, then write it as the probe with `parts`.
    Returns its path as the build names it."""
    sys.path.insert(0, str(root))
    from pipeline.scaffold import new_figure

    new_figure(root, name, "airspeed_records", "date", "speed_kmh", "chapters/trend-lines.md")
    (root / "figures" / f"{name}.py").write_text(probe(**parts), encoding="utf-8")
    (root / "figures" / f"{name}.yml").write_text(probe_words(**parts), encoding="utf-8")
    return f"figures/{name}.py"


# broken while its figure, images, notebook or claims are built: the workers report every one of
# these, so one build takes them all (name: (the probe's parts, what the build must say))
WHILE_BUILDING = {
    "table_raises": ({"table": "    1 / 0"}, "{path}: table() raised ZeroDivisionError"),
    "table_returns_no_frame": ({"table": "    return [1]"},
                               "{path}: table() returned list, not a pandas DataFrame"),
    "chart_raises": ({"chart": "    1 / 0"}, "{path}: chart() raised ZeroDivisionError"),
    "chart_plots_another_table": ({"chart": SCATTER + ".properties(data=table.head(3))"},
                                  "{path}: chart() must plot the table it is given"),
    "chart_returns_nothing": ({"chart": "    return None"}, "{path}: chart() returned NoneType, not an Altair chart"),
    # a spec Altair builds but Vega-Lite's schema refuses (found when the spec is written out)
    "invalid_vega_lite": ({"chart": SCATTER.replace('title="Date"', 'title="Date", scale={"type": "wobbly"}')},
                          "{path}: not a valid Vega-Lite spec"),
    "missing_caption_fact": ({"caption": "It names {nn}."}, "{path}: the text names {nn}, which facts() does not return"),
    "missing_chinese_caption_fact": ({"caption_zh": "它提到 {nn}。"},
                                     "{path}: the text names {nn}, which facts() does not return"),
    # the chart's expression changed under its Chinese twin, which would compute counts the English way
    "stale_chinese_expression": ({"zh_expr": {"datum.value / 1000 + 'k'": "datum.value / 10000 + '万'"},
                                  "chart": SCATTER[:-2] + ", axis=alt.Axis(labelExpr=\"datum.value / 1000 + ' k'\")))"},
                                 "{words}: zh_expr entry"),
    "notebook_differs": ({"chart": SCATTER + ".properties(description=str(__import__('os').getcwd()))"},
                         "{slug}: the notebook's spec differs from the published one: $.description: published"),
    # a character none of the pinned faces has, in the chart's drawn title
    "missing_glyph": ({"title": "Probe ☃"}, "{path}: the English chart draws the text"),
}
PROBE_CLAIM = '''"""A probe claim of the test suite, whose Chinese sentence names a number it does not compute."""
from pipeline.claims import Check, claim


@claim("probe-claim", ("airspeed_records",), chapter="trend-lines", by="annotation",
       text="The data holds {n} records.", zh="数据中有 {nn} 项纪录。")
def probe_claim(r):
    return Check(holds=True, numbers={"n": len(r)}, working="counted", working_zh="计数")
'''


def test_broken_figures_and_claims_fail_one_build_each_named_and_public_untouched(scratch_repo):
    expected = []
    for name, (parts, says) in WHILE_BUILDING.items():
        path = place_probe(scratch_repo, f"probe_{name}", **parts)
        expected.append(says.replace("{path}", path).replace("{words}", path.removesuffix(".py") + ".yml")
                        .replace("{slug}", f"probe-{name}".replace("_", "-")))
    (scratch_repo / "argument" / "claims_probe.py").write_text(PROBE_CLAIM, encoding="utf-8")
    expected.append("claim 'probe-claim': the sentence names 'nn'")
    before = tree_digest(scratch_repo / "public")
    r = run_build(scratch_repo)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "Traceback" not in out, out
    assert "public/ was left as it was" in r.stderr
    missing = [e for e in expected if e not in out]
    assert missing == [], out
    assert "figures/probe_missing_glyph.py" in out and "'☃' (U+2603)" in out, out
    assert tree_digest(scratch_repo / "public") == before


# broken where the build stops at the first problem (planning, the pages): a build each
BEFORE_BUILDING = {
    "unknown-resource": (lambda r: place_probe(r, "probe_data", data='("airspeed_recordz",)'),
                         "figures/probe_data.py: DATA names unknown resource(s) 'airspeed_recordz'"),
    "unknown-figure-marker": (lambda r: _append(r, "site/chapters/trend-lines.md", "<!-- fig:airspeed-recrod -->"),
                              "site/chapters/trend-lines.md: line {n}: unknown figure 'airspeed-recrod'"),
    "unknown-value-marker": (lambda r: _append(r, "site/chapters/trend-lines.md", "<!-- val:airspeed-rowz -->"),
                             "site/chapters/trend-lines.md: line {n}: unknown value 'airspeed-rowz'"),
    "unknown-claim-marker": (lambda r: _append(r, "site/chapters/trend-lines.md", "<!-- claim:airspeed-record-fell -->"),
                             "site/chapters/trend-lines.md: line {n}: unknown claim 'airspeed-record-fell'"),
    # the Chinese edition: its pages fail as clearly
    "unknown-marker-on-a-chinese-page": (lambda r: _append(r, "site/chapters/trend-lines.zh.md",
                                                           "<!-- fig:airspeed-recrod -->"),
                                         "site/chapters/trend-lines.zh.md: line {n}: unknown figure 'airspeed-recrod'"),
}


def _append(root, page: str, line: str) -> int:
    """A new paragraph at the end of a page (the page's own lines are left as they are); returns its
    line number."""
    path = root / page
    text = path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


@pytest.mark.parametrize("case", sorted(BEFORE_BUILDING))
def test_broken_figure_or_page_fails_cleanly(scratch_repo, case):
    change, expected = BEFORE_BUILDING[case]
    change(scratch_repo)
    before = tree_digest(scratch_repo / "public")
    r = run_build(scratch_repo)
    assert r.returncode != 0
    assert "public/ was left as it was" in r.stderr
    # a marker's problem names its page, a line, the marker's kind and name (which line:
    # test_a_marker_problem_names_the_line_an_editor_shows)
    pattern = re.escape(expected).replace(re.escape("{n}"), r"\d+")
    assert re.search(pattern, r.stderr), r.stderr
    assert tree_digest(scratch_repo / "public") == before


def test_a_marker_problem_names_the_line_an_editor_shows(scratch_repo):
    line = _append(scratch_repo, "site/chapters/trend-lines.md", "<!-- fig:airspeed-recrod -->")
    r = run_build(scratch_repo)
    assert r.returncode != 0
    assert f"site/chapters/trend-lines.md: line {line}: unknown figure 'airspeed-recrod'" in r.stderr, r.stderr


def test_a_module_constant_that_is_not_a_literal_is_named_with_its_line(tmp_path):
    """DATA computed, not written: found when the module is read, before any build (the words
    file's own errors: tests/test_layers.py)."""
    from pipeline.figures import FigureError, read_figure

    (tmp_path / "figures").mkdir()
    mod = tmp_path / "figures" / "probe.py"
    mod.with_suffix(".yml").write_text(probe_words(), encoding="utf-8")
    mod.write_text(probe(data='tuple(["airspeed_records"])'), encoding="utf-8")
    line = next(n for n, t in enumerate(mod.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("DATA"))
    with pytest.raises(FigureError) as e:
        read_figure(mod, tmp_path)
    assert str(e.value) == f"figures/probe.py: line {line}: DATA must be a literal"
    mod.write_text(probe(), encoding="utf-8")  # and the good probe reads, its words from beside it
    assert read_figure(mod, tmp_path).labels == {"Speed (km/h)": "速度（km/h）"}


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

    def wait_for(pred, what, timeout=180):  # (the first build took over 60 s on a loaded machine)
        end = time.time() + timeout
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
