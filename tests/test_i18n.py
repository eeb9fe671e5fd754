"""Issue 9: the Chinese edition. Every English page has a Chinese twin under /zh/ and vice
versa; the language switcher and hreflang links join the twins; every figure is drawn with
Chinese words from the same data; figure pages, versions and citations exist per language with
the same version numbers; search finds Chinese words."""
from __future__ import annotations

import json
import re
from html import escape as esc
from pathlib import Path

import pytest
from browser import browser, pages, serve
from conftest import ROOT

from pipeline.i18n import CJK, data_text, localize_spec, zh_format, zh_number, zh_text

SLUGS = sorted(p.stem.replace("_", "-") for p in (ROOT / "figures").glob("[!_]*.py"))


def html(public: Path, page: str) -> str:
    return (public / page / "index.html").read_text(encoding="utf-8")


def main_text(doc: str) -> str:
    """The visible words of the article (no markup, scripts, code or the notebook)."""
    body = doc.split('<article', 1)[-1].split("</article>", 1)[0]
    body = re.sub(r'<section class="nb".*', "", body, flags=re.S)
    body = re.sub(r"<(script|style|pre|code)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_every_english_page_has_a_chinese_twin_and_vice_versa(public):
    every = pages(public)
    zh = {p.removeprefix("zh/") for p in every if p.startswith("zh/")}
    en = {p for p in every if not p.startswith("zh/")}
    assert len(en) > 60
    assert en == zh, f"only English: {sorted(en - zh)[:5]}; only Chinese: {sorted(zh - en)[:5]}"
    # and in the sources: every written page has its .zh.md
    written = [p for p in (ROOT / "site").rglob("*.md") if not p.name.startswith("_") and not p.name.endswith(".zh.md")]
    missing = [str(p.relative_to(ROOT)) for p in written if not p.with_name(p.stem + ".zh.md").exists()]
    assert not missing, missing


def test_chinese_pages_are_written_in_chinese_and_marked_so(public):
    for page in pages(public):
        doc = html(public, page)
        lang = "zh" if page.startswith("zh/") else "en"
        assert re.search(rf'<html lang="{lang}"', doc), page
        text = main_text(doc)
        cjk = len(CJK.findall(text))
        latin = len(re.findall(r"[A-Za-z]", text))
        if lang == "zh":
            # data pages quote English sources and schemas (marked lang="en"); the prose is Chinese
            assert cjk > 40, f"{page}: only {cjk} Chinese characters"
        else:
            assert cjk < 10 or latin > 20 * cjk, f"{page}: {cjk} Chinese characters on an English page"


def test_hreflang_alternates_join_each_page_and_its_twin(public):
    """In the sitemap, with absolute URLs; not in the page head, where Material's script would
    fetch a sitemap relative to each of them (404s, seen by test_browser's console check)."""
    site = "https://example.org/ai-scaling-myths/"
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    entries = {loc: dict((lang, url) for lang, url in re.findall(r'hreflang="([^"]+)" href="([^"]+)"', body))
               for loc, body in re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", sitemap, re.S)}
    every = pages(public)
    assert sorted(entries) == sorted(site + p for p in every)
    for page in every:
        twin = page.removeprefix("zh/")
        assert entries[site + page] == {"en": site + twin, "zh": site + "zh/" + twin, "x-default": site + twin}, page
        assert 'rel="alternate" href=' not in html(public, page), page


def test_the_switcher_links_every_page_to_its_twin(public):
    for page in pages(public):
        doc = html(public, page)
        links = dict((lang, href) for href, lang in
                     re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', doc))
        assert set(links) == {"en", "zh"}, page
        base = "http://site/" + page
        from urllib.parse import urljoin

        twin = page.removeprefix("zh/")
        assert urljoin(base, links["en"]) == "http://site/" + twin, (page, links)
        assert urljoin(base, links["zh"]) == "http://site/zh/" + twin, (page, links)


def svg_texts(svg: str) -> list[str]:
    return [t for t in re.findall(r"<text\b[^>]*(?<!/)>(.*?)</text>", svg, re.S) if t.strip()]


def titles(spec) -> list[str]:
    """Every axis, legend and tooltip title of a Vega-Lite spec."""
    out = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == "title" and isinstance(v, str):
                out.append(v)
            elif k == "tooltip":
                out += [t["title"] for t in (v if isinstance(v, list) else [v]) if isinstance(t, dict) and t.get("title")]
            out += titles(v)
    elif isinstance(spec, list):
        for v in spec:
            out += titles(v)
    return out


@pytest.mark.parametrize("slug", SLUGS)
def test_every_figure_is_drawn_with_chinese_labels_from_the_same_data(public, slug):
    from pipeline.figures import read_figure

    fig = read_figure(ROOT / "figures" / f"{slug.replace('-', '_')}.py", ROOT)
    assert fig.title_zh and fig.caption_zh and fig.alt_zh and fig.labels, f"{slug}: its words (figures/*.yml) lack zh or labels"
    en_dir, zh_dir = public / "figures" / slug, public / "zh" / "figures" / slug
    en_spec = json.loads((en_dir / f"{slug}.vl.json").read_text())
    zh_spec = json.loads((zh_dir / f"{slug}.vl.json").read_text())
    # the same data: as many rows, the same numbers
    (en_rows,), (zh_rows,) = en_spec["datasets"].values(), zh_spec["datasets"].values()
    assert len(en_rows) == len(zh_rows)
    nums = lambda rows: [v for r in rows for v in r.values() if isinstance(v, (int, float))]  # noqa: E731
    assert nums(en_rows) == nums(zh_rows)
    assert (zh_dir / f"{slug}.csv").read_bytes() == (en_dir / f"{slug}.csv").read_bytes()
    # every title on the chart (axes, legends, tooltips, the chart's own) is Chinese
    english_titles = [t for t in titles(zh_spec) if not CJK.search(t)]
    assert not english_titles, f"{slug}: titles not in Chinese: {english_titles}"
    # no label of the English chart that the module translates is still drawn in English
    for variant in ("page.svg", "page.dark.svg", "svg"):
        drawn = set(svg_texts((zh_dir / f"{slug}.{variant}").read_text()))
        left = sorted(drawn & set(fig.labels))
        assert not left, f"{slug}.{variant}: drawn in English: {left}"
    svg = (zh_dir / f"{slug}.page.svg").read_text()
    assert re.search(r"<title[^>]*>[^<]*[\u4e00-\u9fff]", svg) and re.search(r"<desc[^>]*>[^<]*[\u4e00-\u9fff]", svg)
    # the Chinese figure block on the figure page: Chinese title and text alternative
    doc = html(public, f"zh/figures/{slug}/")
    block = doc.split(f'id="fig-{slug}"', 1)[1].split("</figure>", 1)[0]
    assert CJK.search(re.search(r'data-alt="([^"]*)"', block).group(1))
    assert CJK.search(re.search(r'class="fig-title">(.*?)</p>', block).group(1))


def test_figure_versions_and_citations_exist_per_language_with_the_same_numbers(public):
    ledger = json.loads((ROOT / "releases" / "ledger.json").read_text())
    for slug, versions in ledger["figures"].items():
        for v in versions:
            n = v["version"]
            en, zh = html(public, f"figures/{slug}/v{n}/"), html(public, f"zh/figures/{slug}/v{n}/")
            url = f"&quot;URL&quot;: &quot;https://example.org/ai-scaling-myths/{{}}figures/{slug}/v{n}/&quot;"
            assert url.format("zh/") in zh and url.format("") in en  # each edition cites its own page
            assert "GB/T 7714" in zh and "GB/T 7714" not in en
            for f in v["files"]:
                assert (public / "zh" / "figures" / slug / f"v{n}" / f).exists() or f == "meta.json"
            # a version released with the Chinese chart serves it, frozen, under zh/
            if f"{slug}.zh.svg" in v["files"]:
                frozen = (ROOT / "releases" / slug / f"v{n}" / f"{slug}.zh.svg").read_bytes()
                assert (public / "zh" / "figures" / slug / f"v{n}" / f"{slug}.svg").read_bytes() == frozen
            else:
                assert "此版本早于中文版" in zh
        en_page, zh_page = html(public, f"figures/{slug}/"), html(public, f"zh/figures/{slug}/")
        assert re.findall(r'href="[^"]*/v(\d+)/">v\d+', en_page) == re.findall(r'href="[^"]*/v(\d+)/">v\d+', zh_page)


def test_chinese_numbers_dates_and_labels():
    assert zh_number(175e9) == "1750亿" and zh_number(1.4e12) == "1.4万亿" and zh_number(7e6) == "700万"
    assert zh_number(9999) == "9,999"
    assert zh_text("seven") == "七" and zh_text("February 2026") == "2026年2月" and zh_text("GPT-4") == "GPT-4"
    assert zh_format("{x!b}个参数，{y:.1f} 倍，{d!z}", {"x": 141, "y": 2.25, "d": "March 2025"}) == "1410亿个参数，2.2 倍，2025年3月"
    assert data_text("15 trillion tokens") == "15万亿个词元" and data_text("Mar 2024") == "2024年3月"
    spec = {"params": [{"name": "k", "bind": {"input": "range", "name": "Length: "}}],
            "encoding": {"color": {"field": "series", "title": "Series", "scale": {"domain": ["A b"]}}},
            "transform": [{"filter": "datum.series === 'A b'"}],
            "datasets": {"d": [{"series": "A b", "name": "A b", "n": 3}]}}
    out = localize_spec(spec, {"A b": "甲", "Series": "系列", "Length: ": "长度：", "series": "不该译"})
    assert out["params"][0] == {"name": "k", "bind": {"input": "range", "name": "长度："}}
    assert out["encoding"]["color"] == {"field": "series", "title": "系列", "scale": {"domain": ["甲"]}}
    assert out["transform"][0]["filter"] == "datum.series === '甲'"
    assert out["datasets"]["d"] == [{"series": "甲", "name": "甲", "n": 3}]
    # ZH_EXPR pieces rewrite expressions before the labels; `used` reports what took effect
    used = set()
    out = localize_spec({"axis": {"labelExpr": "datum.value / 1e9 + 'B'"}, "title": "Size"},
                        {"Size": "规模", "Gone": "没了"}, {"datum.value / 1e9 + 'B'": "datum.value / 1e8 + '亿'",
                                                           "never": "从不"}, used)
    assert out == {"axis": {"labelExpr": "datum.value / 1e8 + '亿'"}, "title": "规模"}
    assert used == {"Size", "datum.value / 1e9 + 'B'"}
    assert data_text("March 2017 (day unknown)") == "2017年3月（日期不详）" and data_text("2021 (day unknown)") == "2021年（日期不详）"
    assert zh_format("从{a!l}到{b!l}", {"a": "Machine learning", "b": "GPT-4"}, {"Machine learning": "机器学习"}) == "从机器学习到GPT-4"


def test_counts_in_chinese_charts_are_in_wan_and_yi(public):
    """No chart of the Chinese edition writes a count in B/M/T or 十亿: the YouTube bars, and the
    size and token axes, read 万, 亿 and 万亿."""
    for slug in SLUGS:
        for variant in ("page.svg", "svg"):
            texts = svg_texts((public / "zh" / "figures" / slug / f"{slug}.{variant}").read_text())
            bad = [t for t in texts if re.fullmatch(r"[\d.,]+\s?[BMT]", t) or "十亿" in t or "billion" in t]
            assert not bad, (slug, variant, bad)
    # the YouTube bars: each amount the English says in millions/billions/trillions, the Chinese in 万/亿/万亿
    en = svg_texts((public / "figures" / "youtube-back-of-envelope" / "youtube-back-of-envelope.page.svg").read_text())
    zh = svg_texts((public / "zh" / "figures" / "youtube-back-of-envelope" / "youtube-back-of-envelope.page.svg").read_text())
    scale = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
    amounts_en = sorted(round(float(n.replace(",", "")) * scale[w], -6)
                        for n, w in (re.match(r"([\d.,]+) (million|billion|trillion)", t).groups() for t in en
                                     if re.match(r"[\d.,]+ (million|billion|trillion) ", t)))
    amounts_zh = sorted(round(float(n) * {"万": 1e4, "亿": 1e8, "万亿": 1e12}[w], -6)
                        for n, w in (re.match(r"([\d.]+)(万亿|亿|万)", t).groups() for t in zh
                                     if re.match(r"[\d.]+(万亿|亿|万)(个词元|个词|分钟)", t)))
    assert len(amounts_en) == 6 and amounts_zh == amounts_en, (en, zh)


def test_the_chinese_pages_show_the_data_text_in_chinese(public):
    import csv

    # since publication: each row's Chinese headline and summary, and no English one, in the Chinese edition
    rows = list(csv.DictReader(open(ROOT / "data" / "since_publication.csv", encoding="utf-8")))
    chapter = {c["id"]: c["chapter"] for c in csv.DictReader(open(ROOT / "data" / "essay_claims.csv", encoding="utf-8"))}
    zh_pages = {c: html(public, f"zh/chapters/{c}/") for c in set(chapter.values())}
    for r in rows:
        page = zh_pages[chapter[r["claim"]]]
        assert esc(r["headline_zh"]) in page and esc(r["summary_zh"]) in page, r["id"]
        assert esc(r["summary"]) not in page, r["id"]
    # the claims page: each claim's arithmetic in Chinese
    claims = json.loads((public / "claims" / "claims.json").read_text())
    zh = html(public, "zh/claims/")
    for name, c in claims.items():
        assert c["working_zh"] and CJK.search(c["working_zh"]), name
        assert esc(c["working_zh"]) in zh and esc(c["working"]) not in zh, name
    # ... grouped under the chapters' own Chinese titles
    h2s = {re.sub(r"<[^>]+>|&para;", "", h) for h in re.findall(r"<h2 id=\"[^\"]+\">(.*?)</h2>", zh)}
    for c in {c["chapter"] for c in claims.values()}:
        title = re.search(r"^title:\s*(.+)$", (ROOT / "site" / "chapters" / f"{c}.zh.md").read_text(), re.M).group(1)
        assert esc(title.strip('"')) in h2s, (c, h2s)
    # datasets: titles, descriptions and column titles from data/datapackage.zh.json
    cat = json.loads((ROOT / "data" / "datapackage.zh.json").read_text())["resources"]
    for name, entry in cat.items():
        page = html(public, f"zh/data/{name}/")
        assert esc(entry["description"]) in page, name
        for f in entry["fields"].values():
            assert esc(f["title"]) in page, (name, f["title"])
    # the chapter's data table: every heading in Chinese
    table = html(public, "zh/chapters/agi-predictions/").split('class="md-typeset__table data-table"', 1)[1].split("</thead>")[0]
    heads = re.findall(r"<th[^>]*>(.*?)</th>", table)
    assert heads and all(CJK.search(h) for h in heads), heads


def test_the_chinese_catalogue_of_the_data_package_must_match_it(tmp_path):
    from pipeline.i18n import data_catalogue

    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    good = json.loads((ROOT / "data" / "datapackage.zh.json").read_text())
    assert data_catalogue(ROOT / "data" / "datapackage.zh.json", resources) == good["resources"]

    def broken(change):
        cat = json.loads(json.dumps(good))
        change(cat["resources"])
        (tmp_path / "zh.json").write_text(json.dumps(cat, ensure_ascii=False))
        with pytest.raises(ValueError) as e:
            data_catalogue(tmp_path / "zh.json", resources)
        return str(e.value)

    assert "resource 'moe_models', field 'model': no Chinese title" in broken(
        lambda c: c["moe_models"]["fields"]["model"].pop("title"))
    assert "no Chinese for resource 'moe_models'" in broken(lambda c: c.pop("moe_models"))
    assert "field 'gone' is not in its schema" in broken(lambda c: c["moe_models"]["fields"].update(gone={"title": "无"}))
    assert "resource 'ghost' is not in data/datapackage.json" in broken(lambda c: c.update(ghost={}))
    assert "resource 'moe_models': no Chinese description" in broken(
        lambda c: c["moe_models"].update(description="English only"))


def test_each_edition_searches_its_own_index_and_the_chinese_one_is_segmented(public):
    en = json.loads((public / "search" / "search_index.json").read_text(encoding="utf-8"))
    zh = json.loads((public / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    en_pages = {d["location"].split("#")[0] for d in en["docs"]}
    zh_pages = {d["location"].split("#")[0] for d in zh["docs"]}
    # the same pages in both (locations relative to each edition's root), and no page of the other edition
    assert en_pages == zh_pages and len(en_pages) > 40
    assert not any(d["location"].startswith("zh/") for d in en["docs"] + zh["docs"])
    assert not any(CJK.search(d["title"]) for d in en["docs"]), "a Chinese page in the English index"
    assert en["config"]["lang"] == ["en"] and "zh" in zh["config"]["lang"]
    # every page downloads its edition's index: the notebooks' code and the figure pages' data
    # tables (the CSVs again) are left out of it, the prose and the chapters' tables are in
    text = " ".join(d["text"] for d in en["docs"])
    assert "import altair" not in text and "Joersz" not in text  # a cell of the airspeed table (its 1976 pilot)
    assert "Joersz" in (public / "figures" / "airspeed-record" / "index.html").read_text(encoding="utf-8")
    assert "Herbert A. Simon" in text
    # jieba has cut the Chinese into words (zero-width spaces between them)
    assert any("\u200b" in d["text"] and "合成数据" in d["text"].replace("\u200b", "") for d in zh["docs"])
    # each page's script looks for the index under its own edition's root
    for page, root in (("chapters/trend-lines/index.html", "../.."), ("zh/chapters/trend-lines/index.html", "../../../zh/")):
        html = (public / page).read_text(encoding="utf-8")
        cfg = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
        assert cfg["base"] == root, (page, cfg["base"])


@pytest.mark.browser
def test_search_finds_a_chinese_term_and_the_switcher_keeps_the_page(chromium, public):
    with serve(public) as base, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "zh/chapters/trend-lines/")
        if page.locator("input.md-search__input:visible").count() == 0:  # narrow screens: behind a button
            page.locator("label.md-header__button[for='__search']").first.click()
        # type as a reader does. Material reads the query on keyup (and on focus, after a 1 ms
        # delay, and when its worker is ready), not on the input event. Playwright types characters
        # that are not on a US keyboard with insertText, which fires no keyup at all: a reader's
        # input method ends each word with a key press, so the test ends with one too (End). Without
        # it the query was read only if the worker happened to become ready after the typing.
        page.locator("input.md-search__input").click()
        page.keyboard.type("合成数据")
        page.keyboard.press("End")
        try:
            page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                                   timeout=30000)
        except Exception:
            raise AssertionError("no results for 合成数据: " + page.inner_text(".md-search-result__meta")) from None
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
        assert any("/zh/chapters/synthetic-data/" in h for h in hrefs), hrefs
        # the language switcher: from a Chinese figure page to its English twin and back
        page.goto(base + "zh/figures/cpu-clock-speed/v1/")
        page.locator(".md-header__option .md-select").first.hover()
        page.locator('a.md-select__link[hreflang="en"]').first.click()
        page.wait_for_url(base + "figures/cpu-clock-speed/v1/")
        page.locator(".md-header__option .md-select").first.hover()
        page.locator('a.md-select__link[hreflang="zh"]').first.click()
        page.wait_for_url(base + "zh/figures/cpu-clock-speed/v1/")
        assert page.locator("html").get_attribute("lang") == "zh"
