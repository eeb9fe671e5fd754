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

from pipeline.pages import link, safe_href

ROOT = Path(__file__).resolve().parent.parent
FIG = re.compile(r"^<!--\s*fig:([a-z0-9-]+)\s*-->\s*$", re.M)
VAL = re.compile(r"<!--\s*val:([a-z0-9-]+)\s*-->")
META = re.compile(r"<!--\s*meta:([a-z0-9-]+)\s*-->")
THUMB = re.compile(r"<!--\s*thumb:([a-z0-9-]+)\s*-->")
SINCE = re.compile(r"^<!--\s*since:([a-z0-9-]+)\s*-->\s*$", re.M)
TABLE = re.compile(r"^<!--\s*table:([a-z0-9-]+)\s+([a-z0-9_,]+)\s*-->\s*$", re.M)
CLAIM = re.compile(r"<!--\s*claim:([a-z0-9-]+)\s*-->")
ANY = re.compile(r"<!--\s*(fig|val|meta|thumb|since|table|claim)\s*:\s*([^ >]*)[^>]*-->")
ARTEFACTS = ("svg", "png", "csv", "vl.json", "vg.json", "dark.vg.json", "page.svg", "page.dark.svg")

STATE: dict = {}


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
    STATE.clear()
    STATE.update(_manifest())
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
    depth = page.url.count("/") if page.url else 0
    return "../" * depth or "./"


def _line(markdown: str, pos: int) -> int:
    return markdown.count("\n", 0, pos) + 1


def _licence(lics: list[dict]) -> str:
    return ", ".join(html.escape(x.get("title") or x.get("name", "")) for x in lics)


def figure_html(meta: dict, number: int, base: str, files: str | None = None) -> str:
    """The figure block; `files` is the URL prefix of its artefacts (a frozen version's, say)."""
    e = html.escape
    s = meta["slug"]
    d = files or f"{base}figures/{s}/{s}"
    permalink = STATE.get("site_url", "/").rstrip("/") + f"/figures/{s}/"
    w, h = meta.get("width") or 640, meta.get("height") or 400
    srcs = []
    for r in meta["sources"]:
        named = "; ".join(link(x.get("title", ""), x.get("path")) for x in r["sources"])
        rows = "".join(f'<li>{link(x["url"], x["url"])} ({x["rows"]} row{"s" * (x["rows"] != 1)})</li>'
                       for x in r["row_sources"])
        detail = (f'<details class="fig-rows"><summary>Sources of individual rows ({len(r["row_sources"])})</summary>'
                  f"<ul>{rows}</ul></details>") if rows else ""
        srcs.append(f'<p class="fig-source"><span class="fig-label">Data</span> '
                    f'<a href="{base}{e(r["path"])}">{e(r["title"])}</a>, v{e(r["version"] or "?")} '
                    f'({_licence(r["licenses"])}). Sources: {named}.</p>{detail}')
    return (
        f'<figure class="fig" id="fig-{s}" data-slug="{s}" data-runtime="{base}assets/vega/vega-runtime.js" '
        f'data-spec="{d}.vg.json" data-spec-dark="{d}.dark.vg.json" data-alt="{e(meta["alt"])}">'
        f'<p class="fig-title"><a class="fig-num" href="#fig-{s}" title="Permalink to this figure">'
        f'Figure {number}</a> {e(meta["title"])}</p>'
        f'<div class="fig-static">'
        f'<img class="fig-img fig-light" src="{d}.page.svg" alt="{e(meta["alt"])}" width="{w:.0f}" height="{h:.0f}" '
        + ('fetchpriority="high">' if number == 1 else 'decoding="async">') +
        f'<img class="fig-img fig-dark" src="{d}.page.dark.svg" alt="{e(meta["alt"])}" width="{w:.0f}" height="{h:.0f}" loading="lazy" decoding="async">'
        f'</div><div class="fig-live" hidden></div><p class="fig-say" aria-live="polite"></p>'
        f'<figcaption><p class="fig-caption">{e(meta["caption"])}</p>{"".join(srcs)}'
        f'<p class="fig-links"><span class="fig-label">Download</span> '
        f'<a href="{d}.svg" download>SVG</a> · <a href="{d}.png" download>PNG</a> · '
        f'<a href="{d}.csv" download>CSV</a> · <a href="{d}.vl.json" download>Vega-Lite spec</a> · '
        + (f'<a href="{d}.ipynb" download>Notebook</a> · ' if meta.get("notebook") else "") +
        f'<a href="{base}figures/{s}/#data-{s}">Data table ({meta.get("rows", "?")} rows)</a> · '
        f'<a href="{base}figures/{s}/">Figure page: versions, citation, how it was made</a> · '
        f'<button type="button" class="fig-copy" data-permalink="{e(permalink)}">Copy permalink</button></p>'
        f'<p class="fig-print">Permalink: {e(permalink)}</p>'
        f"</figcaption></figure>"
    )


def thumb_html(meta: dict, page_url: str, base: str) -> str:
    e, s = html.escape, meta["slug"]
    h = f'{320 * (meta.get("height") or 400) / (meta.get("width") or 640):.0f}'
    return (f'<a class="fig-thumb" href="{base}{page_url}#fig-{s}">'
            f'<img class="fig-light" src="{base}figures/{s}/{s}.page.svg" alt="" width="320" height="{h}" loading="lazy">'
            f'<img class="fig-dark" src="{base}figures/{s}/{s}.page.dark.svg" alt="" width="320" height="{h}" loading="lazy">'
            f'<span>{e(meta["title"])}</span></a>')


def _title(text: str, default: str) -> str:
    m = re.search(r"^title:\s*\"?(.*?)\"?\s*$", text, re.M) or re.search(r"^# (.+)$", text, re.M)
    return m.group(1) if m else default


@event_priority(100)  # before the redirects plugin looks for its targets among the pages
def on_files(files, config):
    """Where each figure is placed; then the generated pages (figures, versions, data)."""
    from mkdocs.structure.files import File

    from pipeline import pages

    placed, placements, claimed = {}, {}, {}
    for f in files.documentation_pages():
        text = Path(f.abs_src_path).read_text(encoding="utf-8")
        for slug in FIG.findall(text):
            placed.setdefault(slug, f.url)
            placements.setdefault(slug, []).append((f.src_uri, _title(text, f.src_uri)))
        for name in CLAIM.findall(text):
            if name in claimed:
                raise PluginError(f"site/{f.src_uri}: claim '{name}' is already placed in {claimed[name][0] or 'the home page'}; "
                                  "place each claim once (link to it elsewhere)")
            claimed[name] = (f.url, _title(text, f.src_uri))
    STATE["placed"], STATE["claimed"] = placed, claimed
    figs, ledger, site_url = STATE.get("figures", {}), STATE["ledger"], STATE["site_url"]

    def add(uri, content):
        files.append(File.generated(config, uri, content=content))

    add("figures/index.md", pages.figures_index(figs))
    add("claims/index.md", pages.claims_page(STATE.get("claims", {}), claimed, figs))
    for slug, meta in figs.items():
        with open(Path(meta["dir"]) / f"{slug}.csv", encoding="utf-8") as fh:
            columns = next(csv.reader(fh))
        add(f"figures/{slug}/index.md", pages.figure_page(meta, ledger["figures"].get(slug, []),
                                                         placements.get(slug, []), site_url, columns))
    # every released version keeps its page, even when its figure was renamed or retired
    for slug, versions in ledger["figures"].items():
        for v in versions:
            n = v["version"]
            frozen = json.loads((ROOT / "releases" / slug / f"v{n}" / "meta.json").read_text(encoding="utf-8"))
            block = figure_html(frozen, n, "../../../", files=f"./{slug}")
            block = block.replace(f"Figure {n}</a>", f"Version {n}</a>", 1)
            add(f"figures/{slug}/v{n}/index.md", pages.version_page(frozen, v, versions[-1]["version"], site_url, block))
    resources = STATE.get("resources", {})
    add("data/index.md", pages.data_index(resources))
    for name, r in resources.items():
        used = sorted(s for s, m in figs.items() if name in m["data"])
        add(f"data/{name}/index.md", pages.data_page(name, r, used, ledger["datasets"].get(name, [])))
    return files


STANCE = {"supports": "supports the essay", "challenges": "challenges the essay", "mixed": "mixed evidence"}


def _since() -> dict[str, list[dict]]:
    """The since-publication notes (data/since_publication.csv, validated by the build), by claim."""
    if "since" not in STATE:

        res = STATE.get("resources", {}).get("since_publication")
        rows = list(csv.DictReader(open(ROOT / res["path"], encoding="utf-8-sig"))) if res else []
        out: dict[str, list[dict]] = {}
        for r in sorted(rows, key=lambda r: (r["date"], r["id"])):
            out.setdefault(r["claim"], []).append(r)
        STATE["since"] = out
    return STATE["since"]


def since_html(rows: list[dict]) -> str:
    e = html.escape
    items = "".join(
        f'<li class="since-{e(r["stance"])}"><time datetime="{e(r["date"])}">{e(r["date"])}</time> '
        f'<span class="stance">{e(STANCE.get(r["stance"], r["stance"]))}</span> '
        f'<strong>{e(r["headline"])}.</strong> {e(r["summary"])} '
        f'{link(r["source_title"], r["source_url"])}</li>' for r in rows)
    return (f'<div class="admonition since" markdown="0"><p class="admonition-title">Since publication: '
            f'what later evidence says (our annotation, dated and sourced)</p><ul>{items}</ul></div>')


def table_html(meta: dict, columns: list[str], page: str) -> str:
    """A figure's plotted data (its CSV download) as an accessible HTML table."""
    e, s = html.escape, meta["slug"]
    rows = list(csv.DictReader(open(Path(meta["dir"]) / f"{s}.csv", encoding="utf-8")))
    missing = [c for c in columns if rows and c not in rows[0]]
    if missing:
        raise PluginError(f"site/{page}: table of '{s}' names unknown column(s) {missing} "
                          f"(the figure's data has: {', '.join(rows[0])})")

    def cell(col, v):
        if col.endswith("_url") and v:
            return link("source", v) if safe_href(v) else e(v)
        if col.endswith("_date") and v.endswith("T00:00:00"):
            v = v[:10]
        return e(v)

    def heading(c):
        words = c.replace("_url", "").replace("_", " ").capitalize()
        return re.sub(r"\b(Agi|Api|Arc|Moe|Mmlu)\b", lambda m: m.group(1).upper(), words)

    head = "".join(f'<th scope="col">{e(heading(c))}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(c, r[c])}</td>" for c in columns) + "</tr>" for r in rows)
    return (f'<div class="md-typeset__table data-table" id="data-{s}"><table><caption>{e(meta["title"])} — '
            f'the data behind <a href="#fig-{s}">the figure</a> ({len(rows)} rows)</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def value_html(name: str, v: dict) -> str:
    e = html.escape
    return (f'<span class="datum" data-value="{e(name)}" title="Computed at build time from '
            f'{e(", ".join(v["data"]))}">{e(v["text"])}</span>')


def claim_html(c: dict, base: str) -> str:
    """The claim's sentence, numbers filled in, with a status mark linking to its evidence."""
    e = html.escape
    ok = c["holds"]
    mark = ("&#10003;" if ok else "&#10007;")
    status = "holds" if ok else "no longer holds"
    data = ", ".join(f'{d["path"]} v{d["version"]}' for d in c["data"])
    warn = "" if ok else ('<strong class="claim-warning"> This no longer holds with the current data '
                          '(preview build).</strong>')
    return (f'<span class="claim-inline claim-{"ok" if ok else "broken"}" id="claim-in-text-{e(c["name"])}" '
            f'data-claim="{e(c["name"])}">'
            f'{e(c["sentence"])}{warn}<a class="claim-mark" href="{base}claims/#claim-{e(c["name"])}" '
            f'title="Checked at build time against {e(data)}: {status}. Evidence and arithmetic on the Claims page." '
            f'aria-label="Claim {status}: see the evidence">{mark}</a></span>')


def on_page_markdown(markdown, page, config, files):
    figs, vals = STATE.get("figures", {}), STATE.get("values", {})
    src = page.file.src_uri
    for m in ANY.finditer(markdown):
        kind, name = m.groups()
        known = {"fig": figs, "val": vals, "meta": STATE.get("meta", {}), "thumb": STATE["placed"],
                 "since": _since(), "table": figs, "claim": STATE.get("claims", {})}[kind]
        if name not in known:
            what = {"fig": "figure", "val": "value", "meta": "build fact",
                    "thumb": "figure placed in a page", "since": "claim with since-publication notes",
                    "table": "figure (a table shows a figure's plotted data)", "claim": "claim"}[kind]
            raise PluginError(f"site/{src}: line {_line(markdown, m.start())}: unknown {what} '{name}' "
                              f"(known: {', '.join(sorted(known)) or 'none'})")
    counter = iter(range(1, 1000))
    base = _base(page)
    first = FIG.search(markdown)
    if first and "image" not in page.meta:  # the page's sharing image: its first figure
        page.meta["image"] = f"figures/{first.group(1)}/{first.group(1)}.png"
        page.meta["image_alt"] = "Chart: " + html.escape(figs[first.group(1)]["title"], quote=True)
    markdown = FIG.sub(lambda m: "\n" + figure_html(figs[m.group(1)], next(counter), base) + "\n", markdown)
    markdown = TABLE.sub(lambda m: "\n" + table_html(figs[m.group(1)], m.group(2).split(","), src) + "\n",
                         markdown)
    markdown = SINCE.sub(lambda m: "\n" + since_html(_since()[m.group(1)]) + "\n", markdown)
    markdown = META.sub(lambda m: html.escape(STATE["meta"][m.group(1)]), markdown)
    markdown = THUMB.sub(lambda m: thumb_html(figs[m.group(1)], STATE["placed"][m.group(1)], base), markdown)
    markdown = CLAIM.sub(lambda m: claim_html(STATE["claims"][m.group(1)], base), markdown)
    leftover = ANY.search(VAL.sub("", markdown))
    if leftover:
        raise PluginError(f"site/{src}: line {_line(markdown, leftover.start())}: a figure marker must stand "
                          "alone on its line")
    return VAL.sub(lambda m: value_html(m.group(1), vals[m.group(1)]), markdown)


NOTEBOOK = re.compile(r"<!-- notebook-html:([a-z0-9-]+) -->")  # a comment: no markdown extension touches it


def on_page_content(html_text, page, config, files):
    """The figure page's "How this figure was made": the executed notebook, as nbconvert made it."""
    def body(m):
        meta = STATE["figures"][m.group(1)]
        return (Path(meta["notebook"]) / f"{m.group(1)}.notebook.html").read_text(encoding="utf-8")
    return NOTEBOOK.sub(lambda m: f'<div class="nb" data-search-exclude>{body(m)}</div>', html_text)


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
                            '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">', 1)
    return output.replace("<head>", "<head>\n    " + tag, 1)


def on_post_page(output, page, config):
    return with_csp(output)


def on_post_template(output, template_name, config):
    return with_csp(output) if template_name.endswith(".html") else output


def on_post_build(config):
    site = Path(config["site_dir"])
    for slug, meta in STATE.get("figures", {}).items():
        dest = site / "figures" / slug
        dest.mkdir(parents=True, exist_ok=True)
        for ext in ARTEFACTS:
            shutil.copyfile(Path(meta["dir"]) / f"{slug}.{ext}", dest / f"{slug}.{ext}")
        nb = Path(meta["notebook"])
        for name in [f"{slug}.ipynb", *json.loads((nb / "files.json").read_text())]:
            shutil.copyfile(nb / name, dest / name)
    vega = site / "assets" / "vega"
    vega.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STATE["runtime"], vega / "vega-runtime.js")
    shutil.copyfile(Path(STATE["runtime"]).with_name("vega-runtime.LICENSE.txt"), vega / "vega-runtime.LICENSE.txt")
    for slug, versions in STATE["ledger"]["figures"].items():
        for v in versions:
            src = ROOT / "releases" / slug / f"v{v['version']}"
            dest = site / "figures" / slug / f"v{v['version']}"
            dest.mkdir(parents=True, exist_ok=True)
            for name in v["files"]:
                shutil.copyfile(src / name, dest / name)
    claims = site / "claims"
    claims.mkdir(exist_ok=True)
    (claims / "claims.json").write_text(json.dumps(STATE.get("claims", {}), indent=1, sort_keys=True,
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    data = site / "data"
    data.mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "data" / "datapackage.json", data / "datapackage.json")
    for r in STATE.get("resources", {}).values():
        shutil.copyfile(ROOT / r["path"], site / r["path"])
