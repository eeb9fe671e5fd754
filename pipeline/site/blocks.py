"""The HTML of the blocks the markers stand for: pure functions from a manifest entry (a
figure's metadata, a value, a claim, the record's rows) and the page's language and base to HTML.
What they need beyond the entry is passed in: the site's address, the Chinese data catalogue."""
from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from pipeline import dates
from pipeline.i18n import CJK, data_text, licence_titles, localized, prefix, tr, zh_text

e = html.escape


def safe_href(url: str) -> str | None:
    """An escaped href for web and relative links; None for anything else (javascript:, data:)."""
    u = (url or "").strip()
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", u)
    if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        return None
    return e(u) if u else None


def link(text: str, url: str | None, lang: str | None = None) -> str:
    """<a> when the URL is safe, else the text alone; the text is always escaped (and marked as
    in `lang` when given)."""
    href, hl = safe_href(url or ""), f' lang="{lang}"' if lang else ""
    return f'<a href="{href}"{hl}>{e(text)}</a>' if href else (f"<span{hl}>{e(text)}</span>" if lang else e(text))


def _licence(r: dict, lang: str = "en", catalogue: dict | None = None) -> str:
    """A figure's dataset's licences, titled in `lang` (data/datapackage.zh.json for Chinese; an
    English title left on a Chinese page is marked lang="en")."""
    zh = (catalogue or {}).get(r.get("resource")) if lang != "en" else None
    return ", ".join(html.escape(title) if ok else f'<span lang="en">{html.escape(title)}</span>'
                     for title, ok in licence_titles(r["licenses"], zh, lang))


def _dataset_link(r: dict, base: str, lang: str, catalogue: dict | None = None) -> str:
    """The link to a figure's dataset, titled in `lang` (data/datapackage.zh.json for Chinese)."""
    title = (catalogue or {}).get(r.get("resource"), {}).get("title") if lang != "en" else None
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


def _of_file(make):
    """`make(path)`, computed once per version of the file (its path, size and modification time):
    a figure's spec and static SVG are read by its chapter, its page and its versions' pages, in
    both editions, and `build.py serve` keeps this process from build to build."""
    memo = {}

    def of(path: Path):
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns)
        if key not in memo:
            memo[key] = make(path)
        return memo[key]
    return of


@_of_file
def controls(spec: Path) -> list[dict]:
    """The inputs a compiled Vega spec binds (sliders, radio buttons, menus, checkboxes), in
    Vega's order, each with the value the chart is drawn at. Legend bindings have no `input`."""
    out = []
    for sig in json.loads(spec.read_text(encoding="utf-8")).get("signals", []):
        bind = sig.get("bind")
        if isinstance(bind, dict) and "input" in bind:
            out.append({"signal": sig["name"], "value": sig.get("value"), **bind})
    return out


@_of_file
def _inline(svg: Path) -> str:
    return html.escape(svg_data_uri(svg.read_text(encoding="utf-8")))


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
                label: str = "Figure {n}", inline: Path | None = None, spec: Path | None = None,
                site_url: str = "/", catalogue: dict | None = None) -> str:
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
    permalink = site_url.rstrip("/") + f"/{prefix(lang)}figures/{s}/"
    w, h = meta.get("width") or 640, meta.get("height") or 400
    srcs = []
    for r in meta["sources"]:
        named = "; ".join(link(x.get("title", ""), x.get("path")) for x in r["sources"])
        rows = "".join(f'<li>{link(x["url"], x["url"])} ({t("{n} row" if x["rows"] == 1 else "{n} rows", n=x["rows"])})</li>'
                       for x in r["row_sources"])
        detail = (f'<details class="fig-rows" data-search-exclude><summary>{t("Sources of individual rows ({n})", n=len(r["row_sources"]))}</summary>'
                  f"<ul>{rows}</ul></details>") if rows else ""
        line = t("{data}, v{version} ({licence}). {sources_label}: {sources}.", data=_dataset_link(r, base, lang, catalogue),
                 version=e(r["version"] or "?"), licence=_licence(r, lang, catalogue), sources_label=t("Sources"),
                 sources=f'<span lang="en">{named}</span>')
        srcs.append(f'<p class="fig-source"><span class="fig-label">{t("Data")}</span> {line}</p>{detail}')
    return (
        f'<figure class="fig" id="fig-{s}" data-slug="{s}" data-runtime="{base}assets/vega/vega-runtime.js" '
        f'data-spec="{d}.vg.json" data-spec-dark="{d}.dark.vg.json" data-alt="{e(meta["alt"])}">'
        f'<p class="fig-title"><a class="fig-num" href="#fig-{s}" title="{t("Permalink to this figure")}">'
        f'{t(label, n=number)}</a> {e(meta["title"])}</p>'
        f'<div class="fig-static">'
        f'<img class="fig-img fig-light" src="{_inline(inline) if inline else f"{d}.page.svg"}" '
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



STANCE = {"supports": "supports the claim", "challenges": "challenges the claim", "mixed": "mixed evidence"}


def since_html(rows: list[dict], lang: str = "en", base: str = "", claims: list[dict] = ()) -> str:
    """The dated notes of a chapter, from data/since_publication.csv: our headline and summary in
    the page's language (the Chinese ones in its headline_zh and summary_zh columns), the claim each
    bears on (linked to its row of the scorecard), and the source, whose title stays as published.
    `base` is the root of the page's language edition."""
    e = html.escape
    sfx = "" if lang == "en" else f"_{lang}"
    claims = {c["id"]: c for c in claims}

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


def scorecard_html(cards: list, values: dict, chapter_title, lang: str, base: str) -> str:
    """The scorecard: one row a claim of the essay, its verdict computed by pipeline/record.py from
    the record, the entries by stance (linked to the chapter's notes), the latest entry's date and,
    where the data holds one, the number then and now (values computed at build time). `cards`:
    pipeline/record.py `scorecard`'s rows; `chapter_title(chapter, lang)`: a chapter's title."""
    from pipeline import essay, record

    e, t = html.escape, (lambda text, **kw: tr(lang, text, **kw))
    sfx = "" if lang == "en" else f"_{lang}"
    rows = []
    for sc in cards:
        c = sc.claim
        chapter = f'{base}chapters/{c["chapter"]}/'
        counts = "".join(
            f'<li class="since-{s}"><a href="{chapter}#since-{e(next(r["id"] for r in sc.rows if r["stance"] == s))}">'
            f'{sc.counts[s]} {e(t(TALLY[s]))}</a></li>' if sc.counts[s] else f'<li class="since-{s}">0 {e(t(TALLY[s]))}</li>'
            for s in record.STANCES)
        number = "—"
        if c.get("then_value"):
            then, now = values[c["then_value"]], values[c["now_value"]]
            number = (f'<span class="measure">{e(c["measure" + sfx])}</span><br>{e(t("Then:"))} '
                      f'{value_html(c["then_value"], then, lang)}<br>{e(t("Now:"))} {value_html(c["now_value"], now, lang)}')
        verdict = sc.verdict if lang == "en" else record.VERDICT_ZH[sc.verdict]
        latest = e(dates.fmt(sc.latest, None, lang)) if sc.latest else "—"
        quote = f'<a href="{e(essay.section_url(c["section"]))}" lang="en">“{e(c["quote"])}”</a>'
        # each cell names its column (data-label): on a phone the rows stack as cards, the column
        # names shown above each cell (site.css); explicit roles keep the table a table for a screen reader
        rows.append(
            f'<tr role="row" id="claim-{e(c["id"])}"><td role="cell"><p class="sc-claim">{e(c["claim" + sfx])}</p><p class="essay-words">'
            f'{e(t("The essay:"))} {quote}<br>{e(t("Chapter:"))} <a href="{chapter}">{e(chapter_title(c["chapter"], lang))}</a></p></td>'
            f'<td role="cell" data-label="{e(t(SC_HEAD[1]))}"><span class="verdict verdict-{sc.verdict.replace(" ", "-")}">{e(verdict)}</span></td>'
            f'<td role="cell" data-label="{e(t(SC_HEAD[2]))}"><ul class="tally">{counts}</ul><span class="latest">{e(t("Latest:"))} {latest}</span></td>'
            f'<td role="cell" data-label="{e(t(SC_HEAD[3]))}" class="{"" if c.get("then_value") else "sc-none"}">{number}</td></tr>')
    head = "".join(f'<th role="columnheader" scope="col">{e(t(h))}</th>' for h in SC_HEAD)
    return (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="scorecard" role="table">'
            f'<thead role="rowgroup"><tr role="row">{head}</tr></thead><tbody role="rowgroup">{"".join(rows)}</tbody></table></div></div>'
            f'<p class="verdict-rule"><strong>{e(t("The rule, applied by code:"))}</strong> '
            f'{_md_emphasis(record.RULE[lang])}</p>')

def _md_emphasis(text: str) -> str:
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html.escape(text))


UNITS = {"mhz": "MHz", "usd": "USD", "kmh": "km/h", "flop": "FLOP", "pct": "%"}


def table_html(meta: dict, columns: list[str], page: str, lang: str = "en", catalogue: dict | None = None) -> str:
    """A figure's plotted data (its CSV download) as an accessible HTML table. The headings are
    its column names in words. The Chinese table translates headings and cells through the
    figure's labels (dates and counts in words converted as in the chart); a cell it cannot
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
            title = (catalogue or {}).get(name, {}).get("fields", {}).get(c, {}).get("title")
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


AUTHORS_BOX = re.compile(r'<div class="authors" markdown>.*?</div>\n', re.S)
OURS = {
    "en": "*Everything below this box is ours: our analysis, the evidence we gathered and our checks of the "
          "data. Where we use the authors' own words, they are in quotation marks, checked word for word against "
          "the original.*",
    "zh": "*此框以下的文字都是我们写的：我们的分析、我们收集的证据和对数据的核验。作者的主张只在此框中概述，"
          "每一条都链接到原文的相应一节。*",
}


def ours_below(markdown: str, lang: str) -> str:
    """A chapter opens with one box of the authors' claims; the line below it says, once, that
    everything after it is ours (tests/test_attribution.py checks that a chapter has one box)."""
    boxes = list(AUTHORS_BOX.finditer(markdown))
    if not boxes:
        return markdown
    end = boxes[0].end()
    return f'{markdown[:end]}\n<p class="ours-note" markdown>{OURS[lang]}</p>\n{markdown[end:]}'

