"""mkdocs hooks: markers in the pages become figures and numbers; artefacts join the site.

    <!-- fig:cpu-clock-speed -->   a numbered figure block (static SVG first, live on scroll)
    <!-- val:sr71-speed-kmh -->    a number computed from the data at build time

An unknown figure or value fails the build, naming the page and the line.
mkdocs never builds charts: build.py does (or, under `build.py serve`, this hook
asks the same incremental figure stage before each rebuild).
"""
from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pipeline import dates
from pipeline.figures import ARTEFACTS, artefact_ext  # the one list of a figure's files
from pipeline.glossary import CjkAbbrExtension, zh_abbreviations
from pipeline.glossary import load as load_glossary
from pipeline.i18n import CJK, LANGS, data_text, licence_titles, localized, prefix, tr, zh_text
from pipeline.pages import link, safe_href

ROOT = Path(__file__).resolve().parent.parent
FIG = re.compile(r"^<!--\s*fig:([a-z0-9-]+)\s*-->\s*$", re.M)
VAL = re.compile(r"<!--\s*val:([a-z0-9-]+)\s*-->")
META = re.compile(r"<!--\s*meta:([a-z0-9-]+)\s*-->")
THUMB = re.compile(r"<!--\s*thumb:([a-z0-9-]+)\s*-->")
SINCE = re.compile(r"^<!--\s*since:([a-z0-9-]+)\s*-->\s*$", re.M)
TABLE = re.compile(r"^<!--\s*table:([a-z0-9-]+)\s+([a-z0-9_,]+)\s*-->\s*$", re.M)
CLAIM = re.compile(r"<!--\s*claim:([a-z0-9-]+)\s*-->")
SCORECARD = re.compile(r"^<!--\s*scorecard:(claims)\s*-->\s*$", re.M)
ANY = re.compile(r"<!--\s*(fig|val|meta|thumb|since|table|claim|scorecard)\s*:\s*([^ >]*)[^>]*-->")

STATE: dict = {}
SHARING_FIGURE = "cpu-clock-speed"  # the sharing image of a page without a figure of its own


def _manifest() -> dict:
    path = os.environ.get("SCALING_MANIFEST")
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    # `build.py serve`: bring the figures up to date (only the stale ones are built)
    from pipeline.build import BuildError, figure_stage
    from pipeline.data import DataError

    try:
        return figure_stage(ROOT, ROOT / ".cache").manifest
    except (BuildError, DataError) as e:
        raise PluginError(str(e)) from e


def on_config(config):
    from pipeline import cite
    from pipeline.release import load_ledger

    cite.CACHE = ROOT / ".cache" / "cite"
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)  # it announces its dictionary on stderr
    STATE.clear()
    STATE.update(_manifest())
    # mkdocs-static-i18n builds English, then Chinese under zh/: this is the language of this build
    i18n = config["plugins"].get("i18n")
    STATE["lang"] = getattr(i18n, "current_language", None) or "en"
    _split_index_when_written(config)
    _cache_search_entries(config)
    _cache_markdown()
    # Chinese abbreviations are found between Chinese characters, which have no word boundary
    if not any(isinstance(x, CjkAbbrExtension) for x in config["markdown_extensions"]):
        config["markdown_extensions"].append(CjkAbbrExtension())
    STATE["ledger"] = load_ledger(ROOT)
    STATE["site_url"] = config["site_url"] or "http://127.0.0.1:8000/"
    STATE.setdefault("meta", {})["site-url"] = STATE["site_url"]
    # a published slug never dies: a figure that was released but no longer exists needs a redirect
    redirects = {}
    for plugin in config["plugins"].values():
        redirects.update(getattr(plugin, "config", {}).get("redirect_maps", {}) or {})
    dead = [slug for slug in STATE["ledger"]["figures"] if slug not in STATE.get("figures", {})
            and f"figures/{slug}/index.md" not in redirects]
    if dead:
        raise PluginError(f"releases/ledger.json: published figure(s) {', '.join(dead)} no longer exist; add a "
                          "redirect (plugins: redirects: redirect_maps: 'figures/<old>/index.md': "
                          "'figures/<new>/index.md') in mkdocs.yml")
    return config


def _base(page) -> str:
    """The site root, relative to the page."""
    depth = page.url.count("/") if page.url else 0
    return "../" * depth or "./"


def _lang() -> str:
    return STATE.get("lang", "en")


def _line(markdown: str, pos: int) -> int:
    return markdown.count("\n", 0, pos) + 1


def _licence(r: dict, lang: str = "en") -> str:
    """A figure's dataset's licences, titled in `lang` (data/datapackage.zh.json for Chinese; an
    English title left on a Chinese page is marked lang="en")."""
    zh = STATE.get("zh_catalogue", {}).get(r.get("resource")) if lang != "en" else None
    return ", ".join(html.escape(title) if ok else f'<span lang="en">{html.escape(title)}</span>'
                     for title, ok in licence_titles(r["licenses"], zh, lang))


def _dataset_link(r: dict, base: str, lang: str) -> str:
    """The link to a figure's dataset, titled in `lang` (data/datapackage.zh.json for Chinese)."""
    title = STATE.get("zh_catalogue", {}).get(r.get("resource"), {}).get("title") if lang != "en" else None
    marked = "" if title or lang == "en" else ' lang="en"'
    return f'<a href="{base}{html.escape(r["path"])}"{marked}>{html.escape(title or r["title"])}</a>'


# the ASCII a URI may not hold as it is (RFC 3986 keeps letters, digits and -._~!$&'()*+,;=:@/?)
_URI_ESCAPE = [chr(c) for c in range(128) if chr(c) != "%" and not (chr(c).isalnum() or chr(c) in "-._~!$&'()*+,;=:@/?")]


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI, percent-encoding only the ASCII a URI may not hold (the URL parser
    encodes any other character as UTF-8), so that it still gzips like the text it is (base64
    would not). One str.replace a character that occurs: 0.4 ms a figure, where urllib's quote
    took 5 ms (0.7 s a build)."""
    svg = svg.replace("%", "%25")
    for c in _URI_ESCAPE:
        if c in svg:
            svg = svg.replace(c, f"%{ord(c):02X}")
    return "data:image/svg+xml," + svg


def _js(v) -> str:
    """A value as JavaScript's String() writes it (150.0 is "150"), as Vega labels its inputs."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def controls(spec: Path) -> list[dict]:
    """The inputs a compiled Vega spec binds (sliders, radio buttons, menus, checkboxes), in
    Vega's order, each with the value the chart is drawn at. Legend bindings have no `input`."""
    out = []
    for sig in json.loads(spec.read_text(encoding="utf-8")).get("signals", []):
        bind = sig.get("bind")
        if isinstance(bind, dict) and "input" in bind:
            out.append({"signal": sig["name"], "value": sig.get("value"), **bind})
    return out


def controls_html(controls: list[dict], lang: str) -> str:
    """The chart's inputs, drawn as Vega draws them (the same elements and classes, so the same
    size) but disabled, at the values the static chart is drawn at: without JavaScript a reader
    sees the assumptions, and when the live chart takes over, with its working inputs, the
    figure keeps its height."""
    if not controls:
        return ""
    e = html.escape
    out = []
    for c in controls:
        name, sig, value = c.get("name") or c["signal"], e(c["signal"]), c.get("value")
        head = f'<span class="vega-bind-name">{e(name)}</span>'
        kind = c["input"]
        if kind == "radio":
            labels = c.get("labels") or []
            opts = "".join(f'<label><input type="radio" name="{sig}" value="{e(_js(o))}" disabled'
                           f'{" checked" if _js(o) == _js(value) else ""}>{e(_js(labels[i] if i < len(labels) else o))}</label>'
                           for i, o in enumerate(c.get("options", [])))
            out.append(f'<div class="vega-bind">{head}<span class="vega-bind-radio">{opts}</span></div>')
            continue
        if kind == "range":
            field = (f'<input type="range" name="{sig}" min="{e(_js(c.get("min", 0)))}" max="{e(_js(c.get("max", 100)))}" '
                     f'step="{e(_js(c.get("step", 1)))}" value="{e(_js(value))}" disabled><span>{e(_js(value))}</span>')
        elif kind == "select":
            labels = c.get("labels") or []
            field = (f'<select name="{sig}" disabled>' + "".join(
                f'<option value="{e(_js(o))}"{" selected" if _js(o) == _js(value) else ""}>'
                f'{e(_js(labels[i] if i < len(labels) else o))}</option>' for i, o in enumerate(c.get("options", []))) + "</select>")
        elif kind == "checkbox":
            field = f'<input type="checkbox" name="{sig}" disabled{" checked" if value else ""}>'
        else:
            field = f'<input type="{e(kind)}" name="{sig}" value="{e(_js(value))}" disabled>'
        out.append(f'<div class="vega-bind"><label>{head}{field}</label></div>')
    note = tr(lang, "The chart's assumptions, drawn at these values (with JavaScript, move them)")
    return f'<form class="vega-bindings" aria-label="{e(note)}">{"".join(out)}</form>'


def figure_html(meta: dict, number: int, base: str, files: str | None = None, lang: str = "en",
                label: str = "Figure {n}", inline: Path | None = None, spec: Path | None = None) -> str:
    """The figure block; `files` is the URL prefix of its artefacts (a frozen version's, say).
    `base` is the site root relative to the page; the figure's own pages and artefacts are
    those of `lang`'s edition. `inline`: the light static SVG, put in the page itself as a data:
    URI. A figure page does so with its figure, the largest thing it paints first: a separate
    file would wait for the page, then for a request of its own (Lighthouse's largest
    contentful paint went from 2.1 s to 1.2 s). `spec`: the compiled spec the live chart draws,
    whose inputs the static block shows too."""
    e, t = html.escape, (lambda text, **kw: tr(lang, text, **kw))
    meta = localized(meta, lang)
    s = meta["slug"]
    lb = base + prefix(lang)
    d = files or f"{lb}figures/{s}/{s}"
    permalink = STATE.get("site_url", "/").rstrip("/") + f"/{prefix(lang)}figures/{s}/"
    w, h = meta.get("width") or 640, meta.get("height") or 400
    srcs = []
    for r in meta["sources"]:
        named = "; ".join(link(x.get("title", ""), x.get("path")) for x in r["sources"])
        rows = "".join(f'<li>{link(x["url"], x["url"])} ({t("{n} row" if x["rows"] == 1 else "{n} rows", n=x["rows"])})</li>'
                       for x in r["row_sources"])
        detail = (f'<details class="fig-rows" data-search-exclude><summary>{t("Sources of individual rows ({n})", n=len(r["row_sources"]))}</summary>'
                  f"<ul>{rows}</ul></details>") if rows else ""
        line = t("{data}, v{version} ({licence}). {sources_label}: {sources}.", data=_dataset_link(r, base, lang),
                 version=e(r["version"] or "?"), licence=_licence(r, lang), sources_label=t("Sources"),
                 sources=f'<span lang="en">{named}</span>')
        srcs.append(f'<p class="fig-source"><span class="fig-label">{t("Data")}</span> {line}</p>{detail}')
    return (
        f'<figure class="fig" id="fig-{s}" data-slug="{s}" data-runtime="{base}assets/vega/vega-runtime.js" '
        f'data-spec="{d}.vg.json" data-spec-dark="{d}.dark.vg.json" data-alt="{e(meta["alt"])}">'
        f'<p class="fig-title"><a class="fig-num" href="#fig-{s}" title="{t("Permalink to this figure")}">'
        f'{t(label, n=number)}</a> {e(meta["title"])}</p>'
        f'<div class="fig-static">'
        f'<img class="fig-img fig-light" src="{e(svg_data_uri(inline.read_text(encoding="utf-8"))) if inline else f"{d}.page.svg"}" '
        f'alt="{e(meta["alt"])}" width="{w:.0f}" height="{h:.0f}" '
        + ('>' if inline else 'fetchpriority="high">' if number == 1 else 'loading="lazy" decoding="async">') +
        f'<img class="fig-img fig-dark" src="{d}.page.dark.svg" alt="{e(meta["alt"])}" width="{w:.0f}" height="{h:.0f}" loading="lazy" decoding="async">'
        + (controls_html(controls(spec), lang) if spec else "") +
        f'</div><div class="fig-live" hidden></div><p class="fig-say" aria-live="polite"></p>'
        f'<figcaption><p class="fig-caption">{e(meta["caption"])}</p>{"".join(srcs)}'
        f'<p class="fig-links"><span class="fig-label">{t("Download")}</span> '
        f'<a href="{d}.svg" download>SVG</a> · <a href="{d}.png" download>PNG</a> · '
        f'<a href="{d}.csv" download>CSV</a> · <a href="{d}.vl.json" download>{t("Vega-Lite spec")}</a> · '
        + (f'<a href="{d}.ipynb" download>{t("Notebook")}</a> · ' if meta.get("notebook") else "") +
        f'<a href="{lb}figures/{s}/#data-{s}">{t("Data table ({n} rows)", n=meta.get("rows", "?"))}</a> · '
        f'<a href="{lb}figures/{s}/">{t("Figure page: versions, citation, how it was made")}</a> · '
        f'<button type="button" class="fig-copy" data-permalink="{e(permalink)}">{t("Copy permalink")}</button></p>'
        f'<p class="fig-print">{e(t("Permalink: {url}", url=permalink))}</p>'
        f"</figcaption></figure>"
    )


def thumb_html(meta: dict, page_url: str, base: str, lang: str = "en") -> str:
    """A thumbnail linking to the figure in its chapter; `base` is the language edition's root."""
    e, s = html.escape, meta["slug"]
    meta = localized(meta, lang)
    h = f'{320 * (meta.get("height") or 400) / (meta.get("width") or 640):.0f}'
    return (f'<a class="fig-thumb" href="{base}{page_url}#fig-{s}">'
            f'<img class="fig-light" src="{base}figures/{s}/{s}.page.svg" alt="" width="320" height="{h}" loading="lazy">'
            f'<img class="fig-dark" src="{base}figures/{s}/{s}.page.dark.svg" alt="" width="320" height="{h}" loading="lazy">'
            f'<span>{e(meta["title"])}</span></a>')


def _title(text: str, default: str) -> str:
    m = re.search(r"^title:\s*\"?(.*?)\"?\s*$", text, re.M) or re.search(r"^# (.+)$", text, re.M)
    return m.group(1) if m else default


def _src_lang(src_uri: str) -> tuple[str, str]:
    """('chapters/x.md', 'zh') for 'chapters/x.zh.md': the page's path and its language."""
    if src_uri.endswith(".zh.md"):
        return src_uri[:-len(".zh.md")] + ".md", "zh"
    return src_uri, "en"


def _url(src: str) -> str:
    """The URL of a page within its language edition ('' for the home page)."""
    from mkdocs.structure.files import File

    return File(src, None, "", use_directory_urls=True).url.lstrip("./")


@event_priority(-200)  # after mkdocs-static-i18n has picked this build's language files
def on_files(files, config):
    """Where each figure and claim is placed in this build's language; then the generated pages
    (figures, versions, data, claims) of this language's edition."""
    from types import SimpleNamespace

    from mkdocs.structure.files import File

    from pipeline import pages

    lang = _lang()
    placed, placements, claimed, titles = {}, {}, {}, {}
    for f in files.documentation_pages():
        src, flang = _src_lang(f.src_uri)
        if f.generated_by or flang != lang:
            continue
        text = Path(f.abs_src_path).read_text(encoding="utf-8")
        titles[src] = _title(text, src)
        for slug in FIG.findall(text):
            placed.setdefault(slug, _url(src))
            placements.setdefault(slug, []).append((src, _title(text, src)))
        for name in CLAIM.findall(text):
            if name in claimed:
                raise PluginError(f"site/{f.src_uri}: claim '{name}' is already placed in "
                                  f"{claimed[name][0] or 'the home page'}; place each claim once "
                                  "(link to it elsewhere)")
            claimed[name] = (_url(src), _title(text, src))
    STATE["placed"], STATE["claimed"] = {lang: placed}, {lang: claimed}
    figs, ledger, site_url = STATE.get("figures", {}), STATE["ledger"], STATE["site_url"]
    unplaced = sorted(set(figs) - set(placed))
    if unplaced and set(placed) <= set(figs):  # (a marker naming no figure is reported where it stands)  # every figure has a home in the argument (its permalink and gallery entry point there)
        s = unplaced[0]
        twin = "" if lang == "en" else f".{lang}"
        raise PluginError(f"{figs[s]['path']}: figure '{s}' is placed in no page of the "
                          f"{'English' if lang == 'en' else 'Chinese'} edition: put the line <!-- fig:{s} --> in "
                          f"the chapter it belongs to (site/chapters/<chapter>{twin}.md)"
                          + (f" ({len(unplaced)} such figures: {', '.join(unplaced)})" if len(unplaced) > 1 else ""))
    resources = STATE.get("resources", {})
    suffix = ".md" if lang == "en" else f".{lang}.md"

    def add(uri, content):
        # the page as mkdocs-static-i18n would have made it from a file on disk: the language's
        # suffix and folder, and its twins for the language switcher and hreflang links
        f = File.generated(config, uri.removesuffix(".md") + suffix, content=content)
        url = _url(uri)
        f.dest_uri = prefix(lang) + File(uri, None, "", use_directory_urls=True).dest_uri
        f.url = prefix(lang) + url
        f.locale, f.locale_alternate_of, f.localization = lang, lang, None if lang == "en" else lang
        f.norm_src_uri = uri
        f.alternates = {other: SimpleNamespace(url=prefix(other) + url, locale=other) for other in LANGS}
        f.alternates[lang] = f
        files.append(f)

    # the Chinese titles and descriptions of the datasets and their columns (data/datapackage.zh.json)
    zh = {}
    if lang == "zh":
        from pipeline.i18n import data_catalogue

        try:
            zh = data_catalogue(ROOT / "data" / "datapackage.zh.json", {n: r["descriptor"] for n, r in resources.items()})
        except ValueError as e:
            raise PluginError(str(e)) from None
    STATE["zh_catalogue"] = zh
    add("figures/index.md", pages.figures_index(figs, lang))
    add("claims/index.md", pages.claims_page(STATE.get("claims", {}), claimed, figs, titles, lang))
    for slug, meta in figs.items():
        with open(Path(meta["dir"]) / f"{slug}.csv", encoding="utf-8") as fh:
            columns = next(csv.reader(fh))
        # a column of Chinese text (x_zh beside x) shows on the Chinese page in place of its English twin
        twins = {c.removesuffix("_zh") for c in columns if c.endswith("_zh")}
        columns = ([c for c in columns if not c.endswith("_zh")] if lang == "en" else
                   [c for c in columns if c not in twins])
        add(f"figures/{slug}/index.md", pages.figure_page(meta, ledger["figures"].get(slug, []),
                                                         placements.get(slug, []), site_url, columns, lang, zh,
                                                         [c for c in STATE.get("claims", {}).values() if c.get("figure") == slug]))
    # every released version keeps its page, even when its figure was renamed or retired
    for slug, versions in ledger["figures"].items():
        for v in versions:
            n = v["version"]
            frozen = json.loads((ROOT / "releases" / slug / f"v{n}" / "meta.json").read_text(encoding="utf-8"))
            svg = ROOT / "releases" / slug / f"v{n}" / f"{slug}.page.svg"
            twin = svg.with_name(f"{slug}.{lang}.page.svg")  # a version released with its Chinese chart
            spec = svg.with_name(f"{slug}.{lang}.vg.json" if lang != "en" and twin.exists() else f"{slug}.vg.json")
            block = figure_html(frozen, n, "../../../" + "../" * (lang != "en"), files=f"./{slug}", lang=lang,
                                label="Version {n}", inline=twin if lang != "en" and twin.exists() else svg, spec=spec)
            add(f"figures/{slug}/v{n}/index.md",
                pages.version_page(frozen, v, versions[-1]["version"], site_url, block, lang, figs.get(slug),
                                   [x for x in versions if x["version"] > n]))
    add("data/index.md", pages.data_index(resources, lang, zh))
    for name, r in resources.items():
        used = sorted(s for s, m in figs.items() if name in m["data"])
        add(f"data/{name}/index.md", pages.data_page(name, r, used, ledger["datasets"].get(name, []), lang,
                                                     zh.get(name)))
    _language_aware_redirects(config, files, lang)
    return files


def _language_aware_redirects(config, files, lang: str) -> None:
    """mkdocs-redirects knows neither generated pages (made here, after its on_files) nor the
    Chinese edition: give it this edition's pages under their language-neutral paths, and in
    the Chinese build, write each redirect under zh/ to the Chinese page."""
    plugin = config["plugins"].get("redirects")
    if plugin is None or not getattr(plugin, "redirects", None):
        return
    for f in files.documentation_pages():
        src, flang = _src_lang(f.src_uri)
        if flang == lang:
            plugin.doc_pages[src] = f
    if lang != "en":
        plugin.redirects = {prefix(lang) + old: new for old, new in plugin.redirects.items()}


STANCE = {"supports": "supports the claim", "challenges": "challenges the claim", "mixed": "mixed evidence"}


def _record() -> tuple[list[dict], list[dict]]:
    """The essay's claims and the record since publication (data/essay_claims.csv and
    data/since_publication.csv, validated by the build; pipeline/record.py checks the rules across
    the two files)."""
    if "record" not in STATE:
        from pipeline import essay, record

        res = STATE.get("resources", {})
        if "since_publication" not in res or "essay_claims" not in res:
            STATE["record"] = ([], [])
        else:
            try:
                STATE["record"] = record.load(ROOT, essay.DATE, res["since_publication"].get("as_of"))
            except record.RecordError as e:
                raise PluginError(str(e)) from e
    return STATE["record"]


def _since() -> dict[str, list[dict]]:
    """The record's entries by the chapter of the claim each bears on (once a build: every marker
    of every page looks it up)."""
    if "since" not in STATE:
        from pipeline import record

        STATE["since"] = record.by_chapter(*_record())
    return STATE["since"]


def since_html(rows: list[dict], lang: str = "en", base: str = "") -> str:
    """The dated notes of a chapter, from data/since_publication.csv: our headline and summary in
    the page's language (the Chinese ones in its headline_zh and summary_zh columns), the claim each
    bears on (linked to its row of the scorecard), and the source, whose title stays as published.
    `base` is the root of the page's language edition."""
    e = html.escape
    sfx = "" if lang == "en" else f"_{lang}"
    claims = {c["id"]: c for c in _record()[0]}

    def anchor(r):
        return f' id="since-{e(r["id"])}"' if r.get("id") else ""

    def about(r):
        c = claims.get(r.get("claim"))
        if c is None:  # a row on its own (tests), not yet placed in the record
            return ""
        return (f'<a class="since-claim" href="{base}scorecard/#claim-{e(c["id"])}">'
                f'{e(tr(lang, "On the claim:"))} {e(c["claim" + sfx])}</a>')

    items = "".join(
        f'<li class="since-{e(r["stance"])}"{anchor(r)}><time datetime="{e(r["date"])}">{e(dates.fmt(r["date"], None, lang))}</time> '
        f'<span class="stance">{e(tr(lang, STANCE[r["stance"]]) if r["stance"] in STANCE else r["stance"])}</span> '
        f'<strong>{e(r["headline" + sfx])}{"." if lang == "en" else "。"}</strong>{" " if lang == "en" else ""}'
        f'{e(r["summary" + sfx])} {link(r["source_title"], r["source_url"], lang="en" if lang != "en" else None)}'
        f'{" " + link(tr(lang, "archived copy"), r["archive_url"]) if r.get("archive_url") else ""} {about(r)}</li>'
        for r in rows)
    return (f'<div class="admonition since"><p class="admonition-title">'
            f'{e(tr(lang, "Since publication: what later evidence says (our annotation, dated and sourced)"))}'
            f'</p><ul>{items}</ul></div>')


TALLY = {"supports": "supporting", "challenges": "challenging", "mixed": "mixed"}


SC_HEAD = ("Claim (our paraphrase; the essay's words linked)", "Verdict", "Evidence by stance",
           "The number then and now")


def scorecard_html(lang: str, base: str) -> str:
    """The scorecard: one row a claim of the essay, its verdict computed by pipeline/record.py from
    the record, the entries by stance (linked to the chapter's notes), the latest entry's date and,
    where the data holds one, the number then and now (values computed at build time)."""
    from pipeline import essay, record

    e, t = html.escape, (lambda text, **kw: tr(lang, text, **kw))
    sfx = "" if lang == "en" else f"_{lang}"
    vals = STATE.get("values", {})
    rows = []
    for sc in record.scorecard(*_record()):
        c = sc.claim
        chapter = f'{base}chapters/{c["chapter"]}/'
        counts = "".join(
            f'<li class="since-{s}"><a href="{chapter}#since-{e(next(r["id"] for r in sc.rows if r["stance"] == s))}">'
            f'{sc.counts[s]} {e(t(TALLY[s]))}</a></li>' if sc.counts[s] else f'<li class="since-{s}">0 {e(t(TALLY[s]))}</li>'
            for s in record.STANCES)
        number = "—"
        if c.get("then_value"):
            then, now = vals[c["then_value"]], vals[c["now_value"]]
            number = (f'<span class="measure">{e(c["measure" + sfx])}</span><br>{e(t("Then:"))} '
                      f'{value_html(c["then_value"], then, lang)}<br>{e(t("Now:"))} {value_html(c["now_value"], now, lang)}')
        verdict = sc.verdict if lang == "en" else record.VERDICT_ZH[sc.verdict]
        latest = e(dates.fmt(sc.latest, None, lang)) if sc.latest else "—"
        quote = f'<a href="{e(essay.section_url(c["section"]))}" lang="en">“{e(c["quote"])}”</a>'
        # each cell names its column (data-label): on a phone the rows stack as cards, the column
        # names shown above each cell (site.css); explicit roles keep the table a table for a screen reader
        rows.append(
            f'<tr role="row" id="claim-{e(c["id"])}"><td role="cell"><p class="sc-claim">{e(c["claim" + sfx])}</p><p class="essay-words">'
            f'{e(t("The essay:"))} {quote}<br>{e(t("Chapter:"))} <a href="{chapter}">{e(_chapter_title(c["chapter"], lang))}</a></p></td>'
            f'<td role="cell" data-label="{e(t(SC_HEAD[1]))}"><span class="verdict verdict-{sc.verdict.replace(" ", "-")}">{e(verdict)}</span></td>'
            f'<td role="cell" data-label="{e(t(SC_HEAD[2]))}"><ul class="tally">{counts}</ul><span class="latest">{e(t("Latest:"))} {latest}</span></td>'
            f'<td role="cell" data-label="{e(t(SC_HEAD[3]))}" class="{"" if c.get("then_value") else "sc-none"}">{number}</td></tr>')
    head = "".join(f'<th role="columnheader" scope="col">{e(t(h))}</th>' for h in SC_HEAD)
    return (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="scorecard" role="table">'
            f'<thead role="rowgroup"><tr role="row">{head}</tr></thead><tbody role="rowgroup">{"".join(rows)}</tbody></table></div></div>'
            f'<p class="verdict-rule"><strong>{e(t("The rule, applied by code:"))}</strong> '
            f'{_md_emphasis(record.RULE[lang])}</p>')


def _chapter_title(chapter: str, lang: str) -> str:
    """A chapter's title, from the front matter of its page (site/chapters/<chapter>[.zh].md)."""
    key = ("chapter-title", chapter, lang)
    if key not in STATE:
        import yaml

        path = ROOT / "site" / "chapters" / f"{chapter}{'' if lang == 'en' else '.' + lang}.md"
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        STATE[key] = front.get("title") or chapter
    return STATE[key]


def _md_emphasis(text: str) -> str:
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html.escape(text))


UNITS = {"mhz": "MHz", "usd": "USD", "kmh": "km/h", "flop": "FLOP", "pct": "%"}


def table_html(meta: dict, columns: list[str], page: str, lang: str = "en") -> str:
    """A figure's plotted data (its CSV download) as an accessible HTML table. The headings are
    its column names in words. The Chinese table translates headings and cells through the
    figure's LABELS table (dates and counts in words converted as in the chart); a cell it cannot
    translate stays English and is marked so."""
    e, s = html.escape, meta["slug"]
    labels = meta.get("labels", {})
    meta = localized(meta, lang)
    rows = list(csv.DictReader(open(Path(meta["dir"]) / f"{s}.csv", encoding="utf-8")))
    missing = [c for c in columns if rows and c not in rows[0]]
    if missing:
        raise PluginError(f"site/{page}: table of '{s}' names unknown column(s) {missing} "
                          f"(the figure's data has: {', '.join(rows[0])})")

    def words(v):
        if lang == "en" or not v or CJK.search(v) or not re.search(r"[A-Za-z]{2}", v):
            return e(v)
        zh = labels.get(v) or data_text(v)
        return e(zh) if zh != v else f'<span lang="en">{e(v)}</span>'

    def cell(col, v, row):
        if col.endswith("_url") and v:
            return link(tr(lang, "source"), v) if safe_href(v) else e(v)
        if col.endswith("_date") and col != "plot_date" and v:  # plot_date: a position on the axis, not a date said
            try:  # to its precision: its `_precision` column's, else the ISO text's ("2017-03": the month)
                return e(dates.fmt(v, row.get(col + "_precision") or None, lang))
            except ValueError:
                pass
        if re.fullmatch(r"-?\d+\.0", v):  # a whole number in a float column (a year beside 1971.875)
            v = v[:-2]
        return words(v)

    def heading(c):
        words = c.replace("_url", "").replace("_", " ").capitalize()
        words = re.sub(r"\b(Agi|Api|Arc|Moe|Mmlu)\b", lambda m: m.group(1).upper(), words)
        if lang == "en":  # a unit suffix in words: clock_mhz -> Clock (MHz)
            return re.sub(f" ({'|'.join(UNITS)})$", lambda m: f" ({UNITS[m.group(1)]})", words)
        if words in labels:
            return e(labels[words])
        try:
            return e(tr(lang, words))
        except KeyError:
            pass
        # a column read straight from a dataset: its Chinese title in data/datapackage.zh.json
        for name in meta.get("data", ()):
            title = STATE.get("zh_catalogue", {}).get(name, {}).get("fields", {}).get(c, {}).get("title")
            if title:
                return e(title)
        return f'<code lang="en">{e(c)}</code>'  # a column the figure computes: its name in the CSV

    head = "".join(f'<th scope="col">{heading(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(c, r[c], r)}</td>" for c in columns) + "</tr>" for r in rows)
    behind = tr(lang, "the data behind {link} ({n} rows)", link=f'<a href="#fig-{s}">{tr(lang, "the figure")}</a>',
                n=len(rows))
    # on a figure page the table repeats the figure's CSV: kept out of the search index, which every
    # page downloads (a chapter's table, chosen columns of prose, stays searchable)
    skip = " data-search-exclude" if page.startswith("figures/") else ""
    return (f'<div class="md-typeset__table data-table" id="data-{s}"{skip}><table><caption>{e(meta["title"])} — '
            f'{behind}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def value_html(name: str, v: dict, lang: str = "en") -> str:
    e = html.escape
    text = v["text"] if lang == "en" else zh_text(v["text"])
    return (f'<span class="datum" data-value="{e(name)}" title="{e(tr(lang, "Computed at build time from {data}", data=", ".join(v["data"])))}">'
            f'{e(text)}</span>')


def claim_html(c: dict, base: str, lang: str = "en") -> str:
    """The claim's sentence, numbers filled in, with a status mark linking to its evidence.
    `base` is the root of the page's language edition."""
    e, t = html.escape, (lambda text, **kw: tr(lang, text, **kw))
    ok = c["holds"]
    mark = ("&#10003;" if ok else "&#10007;")
    status = t("holds" if ok else "no longer holds")
    data = ", ".join(f'{d["path"]} v{d["version"]}' for d in c["data"])
    warn = "" if ok else f'<strong class="claim-warning">{t(" This no longer holds with the current data (preview build).")}</strong>'
    sentence = c["sentence"] if lang == "en" else c.get("sentence_zh") or c["sentence"]
    said = c.get("essay")
    whose = (t("The essay says") + f' “{said["quote"]}” ({t("section “{t}”", t=said["section_title"])}). '
             + t("Our check against the data:") + " ") if said else t("Our check") + ". "
    return (f'<span class="claim-inline claim-{"ok" if ok else "broken"}" id="claim-in-text-{e(c["name"])}" '
            f'data-claim="{e(c["name"])}">'
            f'{e(sentence)}{warn}<a class="claim-mark" href="{base}claims/#claim-{e(c["name"])}" '
            f'title="{e(whose + t("Checked at build time against {data}: {status}. Evidence and arithmetic on the Claims page.", data=data, status=status))}" '
            f'aria-label="{e(t("Claim {status}: see the evidence", status=status))}">{mark}</a></span>')


def on_env(env, config, files):
    """Each edition's build compiles the theme's templates afresh (about 0.4 s): keep the compiled
    bytecode in .cache/jinja (Jinja checks each template's source before it reuses it)."""
    from jinja2 import FileSystemBytecodeCache

    folder = ROOT / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown, page, config, files):
    figs, vals = STATE.get("figures", {}), STATE.get("values", {})
    src = page.file.src_uri
    for m in ANY.finditer(markdown):
        kind, name = m.groups()
        known = {"fig": figs, "val": vals, "meta": STATE.get("meta", {}), "thumb": STATE["placed"][_lang()],
                 "since": _since(), "table": figs, "claim": STATE.get("claims", {}), "scorecard": {"claims"}}[kind]
        if name not in known:
            what = {"fig": "figure", "val": "value", "meta": "build fact",
                    "thumb": "figure placed in a page", "since": "claim with since-publication notes",
                    "table": "figure (a table shows a figure's plotted data)", "claim": "claim",
                    "scorecard": "scorecard (the one there is: scorecard:claims)"}[kind]
            raise PluginError(f"site/{src}: line {_line(markdown, m.start())}: unknown {what} '{name}' "
                              f"(known: {', '.join(sorted(known)) or 'none'})")
    counter = iter(range(1, 1000))
    base, lang = _base(page), _lang()
    lbase = base + prefix(lang)
    first = FIG.search(markdown)
    # the page's sharing image: its first figure, else the argument's opening one
    shown = first.group(1) if first else SHARING_FIGURE
    if "image" not in page.meta and shown in figs:
        page.meta["image"] = f"{prefix(lang)}figures/{shown}/{shown}.png"
        page.meta["image_alt"] = ("Chart: " if lang == "en" else "图表：") + html.escape(
            localized(figs[shown], lang)["title"], quote=True)
    # the blocks (figures, tables, since-publication notes) are plain HTML that Markdown has nothing
    # to do in: it would only parse them again (about a second of every build). A slot, an HTML comment Markdown
    # passes through, holds each one's place until on_page_content puts it there.
    slots = SLOTS.setdefault(page.file.src_uri, [])
    slots.clear()

    def slot(block: str) -> str:
        slots.append(block)
        return f"\n<!-- slot:{len(slots) - 1} -->\n"

    own = re.match(r"figures/([^/]+)/index(?:\.\w+)?\.md$", page.file.src_uri)  # a figure page

    def block(slug: str) -> str:
        n = next(counter)
        inline = (Path(figs[slug]["dir"]) / f"{slug}.{'' if lang == 'en' else lang + '.'}page.svg"
                  if own and own.group(1) == slug and n == 1 else None)
        spec = Path(figs[slug]["dir"]) / (f"{slug}.vg.json" if lang == "en" else f"{slug}.{lang}.vg.json")
        return slot(figure_html(figs[slug], n, base, lang=lang, inline=inline, spec=spec))

    markdown = FIG.sub(lambda m: block(m.group(1)), markdown)
    markdown = TABLE.sub(lambda m: slot(table_html(figs[m.group(1)], m.group(2).split(","), src, lang)), markdown)
    markdown = SINCE.sub(lambda m: slot(since_html(_since()[m.group(1)], lang, lbase)), markdown)
    markdown = SCORECARD.sub(lambda m: slot(scorecard_html(lang, lbase)), markdown)
    markdown = META.sub(lambda m: html.escape(STATE["meta"][m.group(1)]), markdown)
    markdown = THUMB.sub(lambda m: thumb_html(figs[m.group(1)], STATE["placed"][lang][m.group(1)], lbase, lang), markdown)
    markdown = CLAIM.sub(lambda m: claim_html(STATE["claims"][m.group(1)], lbase, lang), markdown)
    markdown = _ours_below(markdown, src, lang)
    leftover = ANY.search(VAL.sub("", markdown))
    if leftover:
        raise PluginError(f"site/{src}: line {_line(markdown, leftover.start())}: a figure marker must stand "
                          "alone on its line")
    return VAL.sub(lambda m: value_html(m.group(1), vals[m.group(1)], lang), markdown) + _glossary(page, lang)


AUTHORS_BOX = re.compile(r'<div class="authors" markdown>.*?</div>\n', re.S)
OURS = {
    "en": "*Everything below this box is ours: our analysis, the evidence we gathered and our checks of the "
          "data. Where we use the authors' own words, they are in quotation marks, checked word for word against "
          "the original.*",
    "zh": "*此框以下的文字都是我们写的：我们的分析、我们收集的证据和对数据的核验。作者的主张只在此框中概述，"
          "每一条都链接到原文的相应一节。*",
}


def _ours_below(markdown: str, src: str, lang: str) -> str:
    """A chapter opens with one box of the authors' claims; the line below it says, once, that
    everything after it is ours (tests/test_attribution.py checks that a chapter has one box)."""
    boxes = list(AUTHORS_BOX.finditer(markdown))
    if not boxes:
        return markdown
    end = boxes[0].end()
    return f'{markdown[:end]}\n<p class="ours-note" markdown>{OURS[lang]}</p>\n{markdown[end:]}'


def _glossary(page, lang: str) -> str:
    """The hover explanations a page's Markdown ends with: site/_glossary.md on every English page;
    on a Chinese page written in site/ (not a generated one, whose texts come from the data
    and are quoted as they are), the Chinese terms of data/glossary_zh.csv explained in Chinese.
    Neither edition gets the other's."""
    if lang == "en":
        text = STATE.get("glossary_en")
        if text is None:
            text = STATE["glossary_en"] = (ROOT / "site" / "_glossary.md").read_text(encoding="utf-8")
    elif page.file.generated_by:
        return ""
    else:
        text = STATE.get("glossary_zh")
        if text is None:
            text = STATE["glossary_zh"] = zh_abbreviations(load_glossary(ROOT / "data" / "glossary_zh.csv"))
    return "\n\n" + text


NOTEBOOK = re.compile(r"<!-- notebook-html:([a-z0-9-]+) -->")  # a comment: no markdown extension touches it
SLOT = re.compile(r"<!-- slot:(\d+) -->")
SLOTS: dict[str, list[str]] = {}  # page source -> the HTML blocks on_page_markdown set aside


def on_page_content(html_text, page, config, files):
    """The blocks set aside in on_page_markdown, in their places; and on the figure page, "How this
    figure was made": the executed notebook, as nbconvert made it."""
    slots = SLOTS.pop(page.file.src_uri, [])
    html_text = SLOT.sub(lambda m: slots[int(m.group(1))], html_text)

    def body(m):
        meta = STATE["figures"][m.group(1)]
        return (Path(meta["notebook"]) / f"{m.group(1)}.notebook.html").read_text(encoding="utf-8")
    # a <section>, not a <div>: Material's search parser ends an exclusion at the first closing tag
    # of the same name, and the notebook is full of nested divs
    return NOTEBOOK.sub(lambda m: f'<section class="nb" data-search-exclude>{body(m)}</section>', html_text)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S)
CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' {styles}; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")


def csp(page_html: str) -> str:
    """A Content-Security-Policy for this page: its own origin only, plus the hash of each inline
    script it carries (Material's small bootstraps)."""
    import base64
    import hashlib

    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() + "'"
                     for m in INLINE_SCRIPT.finditer(page_html)})
    return CSP.format(hashes=" ".join(hashes), styles="").replace("  ", " ")


def with_csp(output: str) -> str:
    tag = f'<meta http-equiv="Content-Security-Policy" content="{csp(output)}">'
    # Material's search dialog has no accessible name: give it one
    output = output.replace('<div class="md-search" data-md-component="search" role="dialog">',
                            f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{tr(_lang(), "Search")}">', 1)
    return output.replace("<head>", "<head>\n    " + tag, 1)


ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]+">')


def without_head_alternates(output: str) -> str:
    """The editions are linked by hreflang in the sitemap (`write_sitemap`), not in the page head:
    Material's script fetches `sitemap.xml` relative to every <link rel="alternate"> in the head
    (it expects language roots), and the i18n plugin points them at the page's twin, so each
    page requested two sitemaps that do not exist. The switcher links to the twin as before."""
    return ALTERNATE.sub("", output)


def write_sitemap(root: Path, site_url: str) -> None:
    """One sitemap for both editions: every page once, each with absolute hreflang links to its
    English and Chinese twins and x-default (English). Replaces the per-build ones, which miss the
    generated pages and would be overwritten by each language's build."""
    import gzip

    site = site_url.rstrip("/") + "/"
    every = sorted(("" if f.parent == root else f.parent.relative_to(root).as_posix() + "/")
                   for f in root.rglob("index.html"))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in every:
        twin = page.removeprefix(prefix("zh"))
        lines.append(f"  <url><loc>{html.escape(site + page)}</loc>")
        for lang, path in (("en", twin), ("zh", prefix("zh") + twin), ("x-default", twin)):
            if (root / path / "index.html").exists():
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{html.escape(site + path)}"/>')
        lines.append("  </url>")
    text = "\n".join(lines + ["</urlset>", ""]).encode("utf-8")
    (root / "sitemap.xml").write_bytes(text)
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(text, 9, mtime=0))


def relative_switcher(output: str, page_url: str) -> str:
    """The language switcher's links to a home page come as site-absolute paths
    (/ai-scaling-myths/zh/); make them relative, so the site works from any folder."""
    from urllib.parse import urlparse

    root = urlparse(STATE.get("site_url", "/")).path or "/"
    up = "../" * page_url.count("/") or "./"
    return output.replace(f'href="{root}', f'href="{up}') if root != "/" else output


CONFIG_JSON = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def own_search_index(output: str, lang: str) -> str:
    """A Chinese page searches the Chinese index only (`split_search_index` writes it under zh/):
    Material's script fetches `search/search_index.json` relative to the `base` of the page's
    config, so that base becomes the edition's root. It is used for nothing else with the
    features this site turns on (search results resolve against it, as the split index expects)."""
    if lang == "en":
        return output

    def edition(m):
        cfg = json.loads(m.group(2))
        cfg["base"] = cfg["base"].rstrip("/") + "/" + prefix(lang)  # "../../zh/": a folder, for URL()
        return m.group(1) + json.dumps(cfg) + m.group(3)

    return CONFIG_JSON.sub(edition, output, count=1)


def split_search_index(site: Path) -> None:
    """One search index per edition instead of the plugin's single index of both: each page
    fetches only its own language's (half the bytes), English pages skip the Chinese word
    splitter, and a search never returns pages of the other edition."""
    from pipeline.store import write_text_atomic

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))

    def edition(location: str) -> str:
        return next((lang for lang in LANGS if prefix(lang) and location.startswith(prefix(lang))), "en")

    for lang in LANGS:
        pre = prefix(lang)
        docs = [{**d, "location": d["location"][len(pre):]} for d in index["docs"] if edition(d["location"]) == lang]
        config = {**index["config"], "lang": [x for x in index["config"]["lang"] if x in ("en", lang)]}
        write_text_atomic(site / pre / "search" / "search_index.json",
                          json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")))


MARKDOWN_CACHE_USED: set[str] = set()  # the renders this build read or wrote (the rest are pruned)


def _cache_markdown() -> None:
    """Markdown to HTML is the larger part of a page build (about 2 s for the 190 pages), and mkdocs
    renders every page on every build, though a data edit changes the Markdown of one or two. A
    page whose Markdown, place among the site's files and extensions did not change gets its last
    render back from .cache/markdown. A render that logged a warning is never kept, so a strict
    build fails on a broken link every time, not just the first."""
    import hashlib
    import logging
    from importlib import metadata

    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    from pipeline.store import read_sealed, write_sealed

    if getattr(Page.render, "cached", False):
        return
    render = Page.render
    cache = ROOT / ".cache" / "markdown"

    def name(o):  # a function in the config (the toc's slugify), by name, not address
        return f"{getattr(o, '__module__', '')}.{getattr(o, '__qualname__', type(o).__name__)}"

    def key(page, config, files) -> str:
        if getattr(files, "_markdown_sig", None) is None:
            snip = config["mdx_configs"].get("pymdownx.snippets", {})
            bases = [Path(b) for b in snip.get("base_path", ["."])]
            snippets = sorted({*Path(config["docs_dir"]).rglob("_*.md"),  # what pymdownx.snippets appends
                               ROOT / "pipeline" / "glossary.py",  # how Chinese abbreviations are found
                               *(b / a for b in bases for a in snip.get("auto_append", []) if (b / a).is_file())})
            files._markdown_sig = json.dumps([
                sorted((f.src_uri, f.dest_uri, f.url) for f in files),
                [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
                 config["theme"]["language"], str(config["validation"])],
                [metadata.version(p) for p in ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material",
                                                 "mkdocs-static-i18n")],
                [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in snippets]],
                default=name, sort_keys=True)
        return hashlib.sha256(json.dumps([files._markdown_sig, page.file.src_uri, page.file.dest_uri, page.url,
                                          page.markdown]).encode()).hexdigest()[:32]

    def tokens(items) -> list:
        return [{"level": a.level, "id": a.id, "name": a.title, "children": tokens(a.children)} for a in items]

    class Warned(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.seen = False

        def emit(self, record):
            self.seen = True

    def cached_render(self, config, files):
        path = cache / f"{key(self, config, files)}.json"
        MARKDOWN_CACHE_USED.add(path.name)
        got = read_sealed(path, f".cache/markdown/{path.name} (the render of site/{self.file.src_uri})")
        if got is not None:
            got = json.loads(got)
            self.content, self.toc, self._title_from_render = got["content"], get_toc(got["toc"]), got["title"]
            self.present_anchor_ids = set(got["anchors"])
            if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:  # as mkdocs does
                self.links_to_anchors = {files.get_file_from_path(src): anchors for src, anchors in got["links"]}
            return
        warned, log = Warned(), logging.getLogger("mkdocs")
        log.addHandler(warned)
        try:
            render(self, config, files)
        finally:
            log.removeHandler(warned)
        links = getattr(self, "links_to_anchors", None)
        # mkdocs leaves links_to_anchors unset at DEBUG level: such a render would later skip the
        # anchor checks, so it is not kept; nor one that includes a file by --8<-- (not in the key)
        if not warned.seen and links is not None and "--8<--" not in self.markdown:
            write_sealed(path, json.dumps({
                "content": self.content, "toc": tokens(self.toc), "title": self._title_from_render,
                "anchors": sorted(self.present_anchor_ids),
                "links": [[f.src_uri, a] for f, a in links.items()]}, ensure_ascii=False))

    cached_render.cached = True
    Page.render = cached_render


def _prune_unused(folder: Path, used: set[str]) -> None:
    """A page cache keeps only what this build read or wrote (nothing, if it used none)."""
    for f in folder.glob("*.json") if used else ():
        if f.name not in used:
            f.unlink(missing_ok=True)
    used.clear()


SEARCH_CACHE_USED: set[str] = set()  # the entries files this build read or wrote (the rest are pruned)


def _cache_search_entries(config) -> None:
    """The search plugin parses every page's HTML (and segments its Chinese with jieba) on every
    build: about 2 s of a 5 s page build. A page's entries depend only on its HTML, URL and
    front matter, so they are kept in .cache/search by a hash of those, and a page that did not
    change is not parsed again."""
    import hashlib
    from importlib import metadata

    from pipeline.store import cached_text

    search = _search_plugin(config)
    index = getattr(search, "search_index", None)
    if index is None or getattr(index.add_entry_from_context, "cached", False):
        return
    cache = ROOT / ".cache" / "search"
    salt = json.dumps([metadata.version("mkdocs-material"), metadata.version("jieba"), search.config["separator"]])

    def entries(page) -> str:
        scratch = type(index)(**index.config)  # the plugin's own indexer, on this page alone
        type(index).add_entry_from_context(scratch, page)
        return json.dumps(scratch.entries, ensure_ascii=False)

    def add_entry_from_context(page):
        key = hashlib.sha256(json.dumps([salt, page.url, page.title, page.content, page.meta.get("title"),
                                         page.meta.get("tags"), page.meta.get("search")], default=str,
                                        sort_keys=True).encode()).hexdigest()[:32]
        SEARCH_CACHE_USED.add(f"{key}.json")
        index.entries.extend(json.loads(cached_text(cache / f"{key}.json", lambda: entries(page))))

    add_entry_from_context.cached = True
    index.add_entry_from_context = add_entry_from_context


def _search_plugin(config):
    return config["plugins"].get("material/search") or config["plugins"].get("search")


def _split_index_when_written(config) -> None:
    """The search plugin writes its index more than once (per edition, then the i18n plugin's
    merged rewrite of both, last): split it each time it is written, so that the last split, of the
    merged index, stands, under `build.py build` and `build.py serve` alike."""
    search = _search_plugin(config)
    if search is None or getattr(search.on_post_build, "splits", False):
        return
    write = search.on_post_build

    def on_post_build(*, config):
        write(config=config)
        split_search_index(Path(config["site_dir"]))
        _prune_unused(ROOT / ".cache" / "search", SEARCH_CACHE_USED)

    on_post_build.splits = True
    search.on_post_build = on_post_build


def on_post_page(output, page, config):
    return own_search_index(with_csp(relative_switcher(without_head_alternates(output), page.url)), _lang())


def on_post_template(output, template_name, config):
    if template_name == "404.html" and _lang() != "en":
        return ""  # one 404 page, at the root, in both languages (mkdocs skips an empty template)
    return with_csp(output) if template_name.endswith(".html") else output


def _place(src, dest) -> None:
    """An artefact from the build's cache or releases/ into the staged site: a hard link where the
    file system allows (neither is ever written in place: the cache writes new files and swaps them
    in, a release is immutable), else a copy. The CSVs in data/ are copied (an editor may write them
    in place, and the published site must not change before a build succeeds)."""
    tmp = Path(dest).with_name(f".{Path(dest).name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dest)  # over a file already there (a serve rebuild), never through it


def _write_feed(site: Path, lang: str, config) -> None:
    """The edition's Atom feed (updates.xml): the record's entries and the figures' versions."""
    from pipeline import record

    claims, rows = _record()
    titles = {slug: localized(m, lang)["title"] for slug, m in STATE.get("figures", {}).items()}
    for slug in STATE["ledger"]["figures"]:
        titles.setdefault(slug, slug)
    xml = record.feed(STATE["site_url"], config["site_name"], lang, rows, claims, STATE["ledger"], titles)
    tmp = site / ".updates.xml.tmp"
    tmp.write_bytes(xml)
    os.replace(tmp, site / "updates.xml")


def on_post_build(config):
    """The artefacts of this build's language edition: English at the root, Chinese under zh/,
    where the Chinese pages' relative links find them (the CSV and notebook are the same)."""
    lang = _lang()
    root = Path(config["site_dir"])
    site = root / prefix(lang).rstrip("/") if lang != "en" else root
    infix = "" if lang == "en" else f"{lang}."  # a released version's Chinese files (below)
    for slug, meta in STATE.get("figures", {}).items():
        dest = site / "figures" / slug
        dest.mkdir(parents=True, exist_ok=True)
        for ext in ARTEFACTS:
            _place(Path(meta["dir"]) / f"{slug}.{artefact_ext(ext, lang)}", dest / f"{slug}.{ext}")
        nb = Path(meta["notebook"])
        for name in [f"{slug}.ipynb", *json.loads((nb / "files.json").read_text())]:
            _place(nb / name, dest / name)
    if lang == "en":
        vega = site / "assets" / "vega"
        vega.mkdir(parents=True, exist_ok=True)
        _place(STATE["runtime"], vega / "vega-runtime.js")
        _place(Path(STATE["runtime"]).with_name("vega-runtime.LICENSE.txt"), vega / "vega-runtime.LICENSE.txt")
        _place(Path(STATE["fonts_licence"]), vega / "fonts.LICENSE.txt")  # the chart faces' OFL
    for slug, versions in STATE["ledger"]["figures"].items():
        for v in versions:
            src = ROOT / "releases" / slug / f"v{v['version']}"
            dest = site / "figures" / slug / f"v{v['version']}"
            dest.mkdir(parents=True, exist_ok=True)
            for name in v["files"]:
                # a version released with its Chinese chart serves it under zh/ with the English names
                twin = name.replace(f"{slug}.", f"{slug}.{infix}", 1) if infix else name
                if infix and (src / twin).exists():
                    _place(src / twin, dest / name)
                else:
                    _place(src / name, dest / name)
    if lang == LANGS[-1]:  # the last edition built: every page of both is in place
        write_sitemap(root, STATE["site_url"])
        _prune_unused(ROOT / ".cache" / "markdown", MARKDOWN_CACHE_USED)
    _write_feed(site, lang, config)
    claims = site / "claims"
    claims.mkdir(exist_ok=True)
    (claims / "claims.json").write_text(json.dumps(STATE.get("claims", {}), indent=1, sort_keys=True,
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    data = site / "data"
    data.mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "data" / "datapackage.json", data / "datapackage.json")
    for r in STATE.get("resources", {}).values():
        shutil.copyfile(ROOT / r["path"], site / r["path"])
