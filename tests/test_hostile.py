"""Issue 8: hostile strings in data and metadata show as text everywhere, never as markup.

A copy of the repository gets HTML and script in an airspeed record (aircraft, pilot) and in
the dataset's metadata (title, description, a source with a javascript: link); the build
accepts them (they are valid strings), and in Chromium no script runs, no injected element
exists, and the strings read back as the literal text: in the chapter, the tooltip, the data
table, the figure's notebook, the data page and the page metadata.
"""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urlparse

import pytest
from browser import browser, go_live, serve
from conftest import run_build

pytestmark = pytest.mark.browser

SCRIPT = '<script>window.__pwned = "script"</script>'
IMG = '"><img src=x onerror="window.__pwned=\'img\'">'
JS = "javascript:window.__pwned='link'"
MD = "[read more](javascript:window.__pwned='md') ![x](x) *loud*"   # Markdown, for the notebook's text cells


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, built_repo):
    import shutil

    root = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(built_repo, root, symlinks=True)
    path = root / "data" / "airspeed_records.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    head = rows[0]
    fastest = max(rows[1:], key=lambda r: float(r[head.index("speed_kmh")]))
    fastest[head.index("aircraft")] = f"SR-71 {SCRIPT} {MD}"
    fastest[head.index("pilot")] = f"Eldon {IMG} Joersz"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    pkg = root / "data" / "datapackage.json"
    desc = json.loads(pkg.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "airspeed_records")
    res["title"] = f"Airspeed records {IMG}"
    res["description"] = f'Records {SCRIPT} and "quotes" {IMG}'
    res["sources"].append({"title": f"Evil source {SCRIPT}", "path": JS})
    pkg.write_text(json.dumps(desc, indent=2), encoding="utf-8")
    r = run_build(root)
    assert r.returncode == 0, r.stderr
    return root / "public"


PAGES = ["chapters/trend-lines/", "figures/airspeed-record/", "data/airspeed_records/", "data/", "figures/"]


def test_hostile_strings_are_text_everywhere(chromium, hostile_site):
    with serve(hostile_site) as base, browser() as b:
        for path in PAGES:
            page = b.new_page(viewport={"width": 1200, "height": 900})
            requests = []
            page.on("request", lambda req, requests=requests: requests.append(req.url))
            page.goto(base + path)
            page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
            page.wait_for_load_state("networkidle")
            for fig in page.locator("figure.fig").all():  # hydrate every chart too
                go_live(page, fig)
            assert page.evaluate("window.__pwned") is None, path
            assert page.locator("img[src='x']").count() == 0, path
            assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('__pwned'))"), path
            assert page.locator("a[href^='javascript:']").count() == 0, path
            text = page.locator("main").inner_text()
            if path != "figures/":
                assert SCRIPT in text or IMG in text, f"{path}: the hostile string is not shown as text"
            meta = page.locator("meta[name='description']").get_attribute("content") or ""
            if path == "data/airspeed_records/":
                assert SCRIPT in meta and "Evil source <script>" in text
            assert {urlparse(u).hostname for u in requests if u.startswith("http")} == {"127.0.0.1"}
            page.close()
        # the tooltip shows the aircraft name as text
        page = b.new_page(viewport={"width": 1200, "height": 900})
        page.goto(base + "chapters/trend-lines/")
        page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
        fig = page.locator("#fig-airspeed-record")
        go_live(page, fig)
        marks = fig.locator(".fig-live svg path[role='graphics-symbol']")
        seen = ""
        for j in range(marks.count() - 1, -1, -1):     # the record is the last point
            marks.nth(j).hover(force=True)
            tip = page.locator("#vg-tooltip-element.visible")
            if tip.count() and "SR-71" in tip.inner_text():
                seen = tip.inner_text()
                break
        assert SCRIPT in seen, seen
        assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('__pwned'))")
        assert page.evaluate("window.__pwned") is None


def test_hostile_strings_in_downloads_and_notebook_stay_data(hostile_site):
    d = hostile_site / "figures" / "airspeed-record"
    shown = list(csv.DictReader(io.StringIO((d / "airspeed-record.csv").read_text())))
    assert f"SR-71 {SCRIPT} {MD}" in {r["aircraft"] for r in shown}
    page = (d / "index.html").read_text()
    nb = page[page.index('<section class="nb"'):]
    assert SCRIPT not in nb and "&lt;script&gt;" in nb        # the notebook's table output, escaped
    nbjson = json.loads((d / "airspeed-record.ipynb").read_text())
    html_out = [o["data"]["text/html"] for c in nbjson["cells"] if c["cell_type"] == "code"
                for o in c["outputs"] if "text/html" in o.get("data", {})]
    assert html_out and all("<script>" not in "".join(h) for h in html_out)
    # the caption names the fastest aircraft: the notebook's Markdown shows it as text, not markup
    text = "".join("".join(c["source"]) for c in nbjson["cells"] if c["cell_type"] == "markdown")
    assert "SR-71 &lt;script&gt;" in text and "<script" not in text, text
    assert not re.search(r"(?<!\\)\]\(javascript:", text), text    # no link: its brackets are escaped
    assert "\\[read more\\](javascript:" in text and "\\!\\[x\\](x)" in text and "\\*loud\\*" in text
    assert 'href="javascript:' not in nb and "<img src=\"x\"" not in nb and "<em>loud</em>" not in nb
    assert "[read more](javascript:" in nb   # shown, as the text it is
