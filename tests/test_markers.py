"""The page layer's units, over a tiny fixture (one figure, one value, one claim), without
mkdocs or a build: the marker grammar and its errors, the blocks' HTML, the slots."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from pipeline.site import blocks, markers
from pipeline.site.state import Manifest, Site


@pytest.fixture
def site(tmp_path) -> Site:
    (tmp_path / "demo.csv").write_text("year,speed_kmh\n1971,100.0\n1976,3529.56\n", encoding="utf-8")
    (tmp_path / "demo.vg.json").write_text(json.dumps({"signals": [
        {"name": "rate", "value": 1.5, "bind": {"input": "range", "min": 1, "max": 3, "step": 0.5, "name": "Rate"}},
        {"name": "pick", "bind": {"legend": "click"}}]}), encoding="utf-8")
    meta = {"slug": "demo", "title": "A demo", "alt": "Alt <text>", "caption": "Caption.", "sources": [],
            "width": 600, "height": 300, "dir": str(tmp_path), "rows": 2, "notebook": str(tmp_path),
            "data": ["demo"], "labels": {"Year": "年份"}, "zh": {"title": "演示"}}
    value = {"text": "3,530 km/h", "data": ["data/demo.csv"]}
    claim = {"name": "fast", "holds": True, "sentence": "It got fast.", "data": [{"path": "data/demo.csv", "version": "1.0.0"}]}
    manifest = Manifest(figures={"demo": meta}, values={"top-speed": value}, claims={"fast": claim}, resources={},
                        meta={"data-updated": "2026-12-01"}, runtime="", fonts_licence="")
    s = Site(manifest=manifest, ledger={"figures": {}, "datasets": {}}, site_url="https://example.net/base/")
    s.meta = {**manifest.meta, "site-url": s.site_url}
    s.placed = {"demo": "chapters/x/"}
    s._memo["record"] = ([], [])
    return s


def page(src="chapters/x.md", url="chapters/x/"):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src, generated_by=None), url=url, meta={})


def test_an_unknown_marker_names_the_page_line_and_the_known_names(site):
    text = "# X\n\nText.\n\n<!-- val:top-sped -->\n"
    with pytest.raises(PluginError, match=r"site/chapters/x\.md: line 5: unknown value 'top-sped' \(known: top-speed\)"):
        markers.expand(text, page(), site)
    with pytest.raises(PluginError, match=r"line 2: unknown marker 'figure:' \(the markers: fig:, val:"):
        markers.check("Text.\n<!-- figure:demo -->", "chapters/x.md", site)
    markers.check("<!-- a note: not a marker -->\n<!-- TODO: later -->", "chapters/x.md", site)
    with pytest.raises(PluginError, match=r"line 1: unknown figure 'nope' \(known: demo\)"):
        markers.check("<!-- fig:nope -->", "chapters/x.md", site)
    with pytest.raises(PluginError, match=r"unknown scorecard \(the one there is: scorecard:claims\) 'other'"):
        markers.check("<!-- scorecard:other -->", "chapters/x.md", site)


def test_a_block_marker_must_stand_alone_on_its_line(site):
    with pytest.raises(PluginError, match="line 3: a figure marker must stand alone on its line"):
        markers.expand("# X\n\nSee <!-- fig:demo --> here.\n", page(), site)


def test_markers_become_their_html_and_blocks_wait_in_slots(site):
    p = page()
    out = markers.expand("# X\n\n<!-- fig:demo -->\n\nTop: <!-- val:top-speed -->. <!-- claim:fast -->\n"
                         "Updated <!-- meta:data-updated -->.\n", p, site)
    assert "<!-- slot:0 -->" in out and "<figure" not in out  # Markdown never sees the block
    assert 'data-value="top-speed"' in out and ">3,530 km/h</span>" in out
    assert 'data-claim="fast"' in out and 'href="../../claims/#claim-fast"' in out
    assert "Updated 2026-12-01." in out
    assert p.meta["image"] == "figures/demo/demo.png" and p.meta["image_alt"] == "Chart: A demo"
    html = markers.fill(f"<p>x</p>{out}", p, site)
    assert '<figure class="fig" id="fig-demo"' in html and "<!-- slot:" not in html
    assert site.slots == {}  # a page's blocks are handed out once


def test_the_figure_block(site):
    meta = site.figures["demo"]
    html = blocks.figure_html(meta, 2, "../../", lang="en", spec=Path(meta["dir"]) / "demo.vg.json",
                              site_url=site.site_url)
    assert 'data-permalink="https://example.net/base/figures/demo/"' in html
    assert "Figure 2</a> A demo" in html and 'alt="Alt &lt;text&gt;"' in html
    assert 'width="600" height="300"' in html and 'loading="lazy"' in html  # not the first: lazy
    assert "Data table (2 rows)" in html
    # the bound slider, drawn disabled at the chart's value; a legend binding has no input
    assert '<input type="range" name="rate" min="1" max="3" step="0.5" value="1.5" disabled>' in html
    assert 'name="pick"' not in html
    zh = blocks.figure_html(meta, 1, "../../", lang="zh", site_url=site.site_url)
    assert "演示" in zh and 'href="../../zh/figures/demo/"' in zh and 'fetchpriority="high"' in zh


def test_the_table_block(site):
    meta = site.figures["demo"]
    html = blocks.table_html(meta, ["year", "speed_kmh"], "chapters/x.md")
    assert '<th scope="col">Year</th><th scope="col">Speed (km/h)</th>' in html
    assert "<td>1971</td><td>100</td>" in html and "<td>3529.56</td>" in html
    assert "data-search-exclude" not in html  # a chapter's table is searchable; a figure page's is not
    assert "data-search-exclude" in blocks.table_html(meta, ["year"], "figures/demo/index.md")
    assert '<th scope="col">年份</th>' in blocks.table_html(meta, ["year"], "chapters/x.md", "zh")
    with pytest.raises(PluginError, match=r"site/chapters/x\.md: table of 'demo' names unknown column\(s\) \['speed'\]"):
        blocks.table_html(meta, ["speed"], "chapters/x.md")


def test_links_are_escaped_and_unsafe_schemes_dropped():
    assert blocks.link("a<b", "https://x.org/?a=1&b=2") == '<a href="https://x.org/?a=1&amp;b=2">a&lt;b</a>'
    assert blocks.link("click", "javascript:alert(1)") == "click"
    assert blocks.link("x", "data:text/html,hi", lang="en") == '<span lang="en">x</span>'


def test_a_chapter_with_an_authors_box_says_once_that_the_rest_is_ours():
    text = '<div class="authors" markdown>\nThe essay says.\n</div>\n\nOurs.\n'
    out = blocks.ours_below(text, "en")
    assert out.count('class="ours-note"') == 1 and out.index("ours-note") > out.index("The essay says")
    assert blocks.ours_below("No box.\n", "en") == "No box.\n"


def test_a_marker_error_names_the_line_of_the_file_front_matter_included(site):
    source = "---\ntitle: X\ndescription: Y\n---\n# X\n\nText.\n<!-- val:top-sped -->\n"
    body = source.split("---\n", 2)[2]  # what mkdocs hands the hook: the text after the front matter
    p = page()
    p.file.content_string = source
    assert markers.front_matter_lines(p) == 4
    with pytest.raises(PluginError, match=r"site/chapters/x\.md: line 8: unknown value 'top-sped'"):
        markers.expand(body, p, site)
