"""Issue 5: every figure has a notebook that reproduces it from its published CSV alone.

The build executes the notebooks and checks their specs; these tests check that a reader
can do the same with nothing but the two downloaded files (on two figures: see READER_RUNS), that a notebook which drifts or
breaks fails with the figure's name and the first difference, and that the notebook shown on
the figure page pulls in nothing from another host.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from conftest import ROOT
from test_figures import SLUGS

sys.path.insert(0, str(ROOT))
from pipeline import notebook  # noqa: E402
from pipeline.figures import FigureError  # noqa: E402


def _run_downloaded(public, folder, slug) -> str | None:
    """As a reader would: the .ipynb and the .csv in an empty folder, `jupyter nbconvert --execute`.
    Returns what went wrong, or None."""
    d = public / "figures" / slug
    folder.mkdir()
    for name in (f"{slug}.ipynb", f"{slug}.csv"):
        shutil.copyfile(d / name, folder / name)
    r = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                        "--output", "ran.ipynb", f"{slug}.ipynb"], cwd=folder, capture_output=True, text=True,
                       timeout=300)
    if r.returncode != 0:
        return f"{slug}: nbconvert failed: {r.stderr[-800:]}"
    if (folder / f"{slug}.notebook.vl.json").read_bytes() != (d / f"{slug}.vl.json").read_bytes():
        return f"{slug}: the spec differs from the published one"
    ran = nbformat.read(folder / "ran.ipynb", as_version=4)
    outputs = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs]
    if "image/svg+xml" not in {k for o in outputs for k in o.get("data", {})}:
        return f"{slug}: no SVG chart among the outputs"
    if [o for o in outputs if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]:
        return f"{slug}: an error or a warning in the outputs"
    return None


# The build itself runs every figure's notebook in a folder holding nothing but its CSV, with the
# kernel a reader's Jupyter uses, and stops unless the notebook writes the published spec byte for
# byte (pipeline/notebook.py build(); a drifting notebook fails the build: test_build.py's probe
# "notebook_differs"). So every published notebook has already reproduced its figure once; what the
# reader's own route adds (the files as downloaded from the site, `jupyter nbconvert --execute`)
# is checked on two figures of different kinds, dates on the x axis and numbers on both.
READER_RUNS = ("airspeed-record", "scaling-laws")


def test_downloaded_notebooks_reproduce_the_published_spec_as_a_reader_runs_them(public, tmp_path):
    """Two at a time (the machine has two cores)."""
    from concurrent.futures import ThreadPoolExecutor

    assert set(READER_RUNS) <= set(SLUGS)
    with ThreadPoolExecutor(max_workers=2) as pool:
        problems = [p for p in pool.map(lambda s: _run_downloaded(public, tmp_path / s, s), READER_RUNS) if p]
    assert problems == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_published_notebook_shows_its_chart_and_no_error(public, slug):
    """What the build ran is what is published: its outputs hold the chart and no error or warning."""
    nb = nbformat.read(public / "figures" / slug / f"{slug}.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert "image/svg+xml" in {k for o in outputs for k in o.get("data", {})}, slug
    assert [o for o in outputs if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")] == []
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip()), slug


def _published(public, slug):
    d = public / "figures" / slug
    return nbformat.read(d / f"{slug}.ipynb", as_version=4), (d / f"{slug}.vl.json").read_bytes()


def _run(nb, tmp_path, public, slug):
    shutil.copyfile(public / "figures" / slug / f"{slug}.csv", tmp_path / f"{slug}.csv")
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    notebook.execute(nb, tmp_path, slug)
    return nb


def test_a_notebook_that_drifts_fails_with_the_figure_and_first_difference(public, tmp_path):
    slug = "airspeed-record"
    nb, published = _published(public, slug)
    data_cell = next(c for c in nb.cells if c.cell_type == "code" and "pd.read_csv" in c.source)
    data_cell.source += "\ntable = table.iloc[:-1]  # corrupted: the last record is lost\n"
    _run(nb, tmp_path, public, slug)
    with pytest.raises(FigureError) as e:
        notebook.check(nb, tmp_path, slug, published)
    msg = str(e.value)
    rows = len(next(iter(json.loads(published)["datasets"].values())))
    assert msg == (f"airspeed-record: the notebook's spec differs from the published one: "
                   f"$.datasets[*]: published has {rows} items, notebook {rows - 1}"), msg


def test_a_notebook_that_breaks_fails_with_the_figure_and_the_error(public, tmp_path):
    slug = "cpu-clock-speed"
    nb, _ = _published(public, slug)
    chart_cell = next(c for c in nb.cells if c.cell_type == "code" and "def chart(" in c.source)
    chart_cell.source = chart_cell.source.replace("def chart(", "def chart(:", 1)
    with pytest.raises(FigureError) as e:
        _run(nb, tmp_path, public, slug)
    assert str(e.value).startswith("cpu-clock-speed: the notebook failed: ") and "SyntaxError" in str(e.value)


def test_first_difference_names_the_path_and_both_values():
    a = {"data": {"values": [{"x": 1}, {"x": 2}]}, "mark": "point"}
    b = {"data": {"values": [{"x": 1}, {"x": 3}]}, "mark": "point"}
    assert notebook.first_difference(a, b) == "$.data.values[1].x: published 2, notebook 3"
    assert notebook.first_difference(a, a) is None
    assert notebook.first_difference({"a": 1}, {}) == "$.a: in the published spec, missing from the notebook's"


OFFSITE = re.compile(r"""(?:src|href|action|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_notebook_on_the_figure_page_loads_nothing_from_elsewhere(public, slug):
    page = (public / "figures" / slug / "index.html").read_text()
    assert "How this figure was made" in page
    m = re.search(r'<section class="nb"[^>]*>(.*?)</section>\s*</article>', page, re.S)
    assert m, "the notebook section closes the article"
    section = m.group(1)
    text = re.sub(r"<[^>]+>", "", section)
    assert re.search(r"In(\s|&nbsp;)\[1\]", section) and "def chart(table" in text   # code ...
    assert re.search(r'<img loading="lazy" alt="[^"]+" src="' + slug + r'\.nb-1\.svg"', section)  # ... and outputs
    assert not re.search(r"<(script|link|style|iframe|object|embed)\b", section, re.I)
    site_url = "https://example.org/ai-scaling-myths/"
    offsite = [x for x in re.findall(r"""(?:src|href)="([^"]+)\"""", section) if "//" in x and not x.startswith(site_url)]
    assert offsite == []
    assert "mathjax" not in section.lower() and "require.js" not in section.lower() and "cdn" not in section.lower()
    assert (public / "figures" / slug / f"{slug}.nb-1.svg").read_bytes().startswith(b"<svg")
    # the notebook file itself: outputs a reader's Jupyter shows without fetching anything
    nb = json.loads((public / "figures" / slug / f"{slug}.ipynb").read_text())
    nbformat.validate(nbformat.from_dict(nb))
    kinds = {k for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"] for k in o.get("data", {})}
    assert kinds <= {"text/plain", "text/html", "image/svg+xml"}, kinds
    assert not OFFSITE.search(json.dumps([o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]))


def test_chart_code_carries_what_chart_uses_and_nothing_of_the_data_side():
    theme, names = notebook.theme_code(ROOT / "pipeline" / "chart_theme.py")
    code = notebook.chart_code(ROOT / "figures" / "cpu_clock_speed.py", names)
    assert "def chart(table" in code and "SERIES = [" in code
    assert "def table(" not in code and "def facts(" not in code and "_theme." not in code and "argument" not in code
    compile(theme + "\n" + code, "nb", "exec")
