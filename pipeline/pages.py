"""Generated pages: a page per figure, per released version, per dataset, and their indexes.

They are markdown produced at build time from the figure manifest, the data package and
the release ledger, and go through the same hooks as the written pages.
"""
from __future__ import annotations

import html
import json
import re

from pipeline import cite

e = html.escape


def safe_href(url: str) -> str | None:
    """An escaped href for web and relative links; None for anything else (javascript:, data:)."""
    u = (url or "").strip()
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", u)
    if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        return None
    return e(u) if u else None


def link(text: str, url: str | None) -> str:
    """<a> when the URL is safe, else the text alone; the text is always escaped."""
    href = safe_href(url or "")
    return f'<a href="{href}">{e(text)}</a>' if href else e(text)


def yaml_text(text: str) -> str:
    """A front-matter string: mkdocs' templates print it unescaped, so escape it here."""
    return '"' + e(" ".join(str(text).split()), quote=False).replace('"', "&quot;").replace("\\", "&#92;") + '"'


def _abs(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def cite_block(meta: dict, version: dict, site_url: str) -> str:
    """Formatted (APA, Chicago), BibTeX and CSL-JSON citations of one version, with copy buttons."""
    slug, n = meta["slug"], version["version"]
    item = cite.csl_item(meta, n, version["date"], _abs(site_url, f"figures/{slug}/v{n}/"))
    parts = []
    for style in cite.STYLES:
        cid = f"cite-{slug}-v{n}-{style.lower()}"
        parts.append(f'<div class="cite-entry"><p class="cite-style">{style}</p>'
                     f'<p class="cite-text" id="{cid}">{cite.formatted(item, style)}</p>'
                     f'<button type="button" class="cite-copy" data-target="{cid}">Copy</button></div>')
    for label, text in (("BibTeX", cite.bibtex(item)), ("CSL-JSON", json.dumps(item, indent=2, ensure_ascii=False))):
        cid = f"cite-{slug}-v{n}-{label.lower().replace('-', '')}"
        parts.append(f'<div class="cite-entry"><p class="cite-style">{label}</p>'
                     f'<pre class="cite-code" id="{cid}"><code>{e(text)}</code></pre>'
                     f'<button type="button" class="cite-copy" data-target="{cid}">Copy</button></div>')
    return f'<div class="cite" markdown="0">{"".join(parts)}</div>'


def _versions_table(slug: str, versions: list[dict], base: str) -> str:
    rows = "".join(f'<tr><td><a href="{base}figures/{slug}/v{v["version"]}/">v{v["version"]}</a></td>'
                   f'<td>{e(v["date"])}</td><td>{e(v["changed"])}</td></tr>' for v in reversed(versions))
    return ('<div class="md-typeset__table"><table><thead><tr><th scope="col">Version</th>'
            '<th scope="col">Released</th><th scope="col">What changed</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _sources(meta: dict) -> str:
    items = []
    for r in meta["sources"]:
        name = r["path"].split("/")[-1].removesuffix(".csv")
        items.append(f'- [{e(r["title"])}](../../data/{name}/index.md) (v{e(str(r["version"]))}; '
                     f'{e(", ".join(x.get("title") or x.get("name", "") for x in r["licenses"]))}), '
                     f'{len(r["row_sources"])} distinct row sources')
    return "\n".join(items)


def figure_page(meta: dict, versions: list[dict], placed: list[tuple[str, str]], site_url: str,
                columns: list[str]) -> str:
    slug = meta["slug"]
    base = "../../"
    where = "\n".join(f"- [{e(title)}](../../{src}#fig-{slug})" for src, title in placed) or "- (not placed in a chapter)"
    cols = ",".join(columns)
    latest = versions[-1] if versions else None
    if latest:
        url = _abs(site_url, f"figures/{slug}/v{latest['version']}/")
        cite_md = (f"Version {latest['version']}, released {latest['date']}, permanent address <{url}>:\n\n"
                   + cite_block(meta, latest, site_url))
    else:
        cite_md = "This figure has not been released yet."
    return f"""---
title: {yaml_text(meta['title'])}
description: {yaml_text(meta['caption'][:150])}
---

# {e(meta['title'])}

*Figure page — a stable address for this figure: `/figures/{slug}/`. It always shows the current
version; every released version keeps its own permanent page.*

<!-- fig:{slug} -->

## Where it appears in the argument

{where}

## Cite this figure

{cite_md}

## Versions

{_versions_table(slug, versions, base) if versions else "No released versions yet."}

## Data

{_sources(meta)}

<!-- table:{slug} {cols} -->

## How this figure was made

The chart is drawn by `{meta['path']}` from the data package: its `table()` makes the table
above (the figure's <a href="{slug}.csv" download>CSV</a>) and its `chart()` draws it. Below is the
figure's notebook, run by the build: it reads only that CSV, draws the chart, and writes a spec
that the build checks byte for byte against the published
<a href="{slug}.vl.json" download>Vega-Lite spec</a>. Download
<a href="{slug}.ipynb" download>the notebook</a> and the CSV into one folder to run it yourself.

<!-- notebook-html:{slug} -->
"""


def version_page(meta: dict, v: dict, latest: int, site_url: str, figure_block: str) -> str:
    slug, n = meta["slug"], v["version"]
    newer = (f'!!! warning "A newer version exists"\n    This is version {n}. The current version is '
             f'<a href="../v{latest}/">version {latest}</a>; see the <a href="../">figure page</a> for what changed.\n'
             if n < latest else
             f'!!! info "This is the current version"\n    The <a href="../">figure page</a> always shows the current version.\n')
    return f"""---
title: {yaml_text(meta['title'] + f" (version {n})")}
description: "Version {n} of a figure from AI Scaling Myths, annotated, released {v['date']}; frozen files."
image: "figures/{slug}/v{n}/{slug}.png"
image_alt: {yaml_text("Chart: " + meta['title'])}
---

# {e(meta['title'])} — version {n}

*Released {v['date']}. {e(v['changed'].capitalize())}. The files on this page are frozen: they stay
byte for byte as released, whatever the data says today.*

{newer}

{figure_block}

## Cite this version

{cite_block(meta, v, site_url)}
"""


def figures_index(figs: dict) -> str:
    items = "\n".join(f'<div class="fig-card" markdown="1">\n<!-- thumb:{s} -->\n\n'
                      f"[Figure page](./{s}/index.md)\n</div>" for s in sorted(figs))
    return f"""---
title: Figures
description: "Every figure of AI Scaling Myths, annotated, with its data, versions and citations."
---

# Figures

Every figure has a page of its own with its data, sources, versions, downloads and a
citation. The thumbnail leads to the figure in its chapter.

<div class="fig-grid" markdown="1">
{items}
</div>
"""


def data_page(name: str, r: dict, used_by: list[str], history: list[dict]) -> str:
    d = r["descriptor"]
    fields = "".join(
        f'<tr><td><code>{e(f["name"])}</code></td><td>{e(f.get("title", ""))}</td><td>{e(f["type"])}</td>'
        f'<td>{e(f.get("unit", ""))}</td><td>{e(f.get("description", ""))}</td>'
        f'<td>{e(", ".join(f"{k}: {v}" for k, v in (f.get("constraints") or {}).items()))}</td></tr>'
        for f in d["schema"]["fields"])
    srcs = "\n".join(f"- {link(s.get('title', ''), s.get('path'))}" for s in d.get("sources", []))
    lic = "\n".join(f"- {link(x.get('title') or x.get('name', ''), x.get('path'))}" for x in d.get("licenses", []))
    figs = "\n".join(f"- [{s}](../../figures/{s}/index.md)" for s in used_by) or "- (no figure reads it directly)"
    hist = "".join(f"<tr><td>{e(h['version'] or '')}</td><td>{e(h['date'])}</td><td><code>{e(h['digest'][:12])}</code></td></tr>"
                   for h in reversed(history))
    return f"""---
title: {yaml_text("Dataset: " + d.get('title', name))}
description: {yaml_text(d.get('description', '')[:150])}
---

# {e(d.get('title', name))}

{e(d.get('description', ''))}

<p class="data-download"><a href="../../{e(r['path'])}" download>Download the CSV</a> ·
version {e(d.get('version', '?'))} · resource <code>{e(name)}</code> in
<a href="../datapackage.json">datapackage.json</a></p>

## Licence

{lic}

## Sources

{srcs}

Every row also names its own source in its `source_url` column; the notes column says how
a value was derived or how conflicting sources were resolved.

## Schema

<div class="md-typeset__table"><table><thead><tr><th scope="col">Column</th><th scope="col">Title</th>
<th scope="col">Type</th><th scope="col">Unit</th><th scope="col">Description</th><th scope="col">Constraints</th>
</tr></thead><tbody>{fields}</tbody></table></div>

Primary key: `{", ".join(d["schema"].get("primaryKey", []))}`.

## Figures that use it

{figs}

## Version history

<div class="md-typeset__table"><table><thead><tr><th scope="col">Version</th><th scope="col">Recorded</th>
<th scope="col">Content hash</th></tr></thead><tbody>{hist or '<tr><td colspan="3">not yet released</td></tr>'}</tbody></table></div>

## How to cite this dataset

> AI Scaling Myths, annotated contributors. *{e(d.get('title', name))}* (version {e(d.get('version', '?'))}).
> Dataset in *AI Scaling Myths, annotated*. Licence: {e(", ".join(x.get('name', '') for x in d.get('licenses', [])))}.
"""


def data_index(resources: dict) -> str:
    items = "\n".join(f"- [{e(r['descriptor'].get('title', n))}](./{n}/index.md) — `{e(r['path'])}`"
                      for n, r in sorted(resources.items()))
    return f"""---
title: Data
description: "The versioned, sourced datasets behind every figure, with schemas, sources and licences."
---

# Data

Every figure is rebuilt from these datasets, published together as a
<a href="datapackage.json">Frictionless data package</a>. Each row names its own source.

{items}
"""


CHAPTER_TITLES = {"scaling-laws": "1. Scaling laws predict loss, not abilities",
                  "trend-lines": "2. Trend lines are not laws", "synthetic-data": "3. Synthetic data",
                  "smaller-models": "4. Smaller models, trained longer",
                  "ladder-of-generality": "5. The ladder of generality", "debate": "The debate",
                  "agi-predictions": "Predictions of AGI"}


def claims_page(claims: dict, placed: dict, figs: dict) -> str:
    """Every claim: chapter, sentence, status, numbers, data versions, whose claim it is."""
    from pipeline.claims import BY, CHAPTERS

    ok = sum(c["holds"] for c in claims.values())
    parts = []
    for ch in CHAPTERS:
        group = sorted((c for c in claims.values() if c["chapter"] == ch), key=lambda c: c["name"])
        if not group:
            continue
        parts.append(f"## {e(CHAPTER_TITLES[ch])}\n")
        for c in group:
            n = c["name"]
            status = ('<span class="claim-status claim-ok">&#10003; holds</span>' if c["holds"] else
                      '<span class="claim-status claim-broken">&#10007; no longer holds</span>')
            where = placed.get(n)
            where_html = (f'<a href="../{where[0]}#claim-in-text-{e(n)}">in “{e(where[1])}”</a>'
                          if where else "not placed in a page")
            nums = "".join(f"<tr><td><code>{e(k)}</code></td><td>{e(f'{v:,.6g}' if isinstance(v, float) else str(v))}</td></tr>"
                           for k, v in c["numbers"].items())
            data = "".join(f'<li><a href="../data/{e(d["resource"])}/">{e(d["path"])}</a> version {e(str(d["version"]))}, '
                           f'content <code>{e(d["digest"][:12])}</code></li>' for d in c["data"])
            fig = (f'<p><span class="fig-label">Figure</span> <a href="../figures/{e(c["figure"])}/">'
                   f'{e(figs[c["figure"]]["title"]) if c["figure"] in figs else e(c["figure"])}</a></p>'
                   if c["figure"] else "")
            rows = (f'<p><span class="fig-label">Rows</span> {e(", ".join(c["rows"]))}</p>' if c["rows"] else "")
            parts.append(
                f'<section class="claim-card claim-{"ok" if c["holds"] else "broken"}" id="claim-{e(n)}" markdown="0">'
                f'<p class="claim-meta">{status} <span class="claim-by claim-by-{c["by"]}">{e(BY[c["by"]])}</span> '
                f'<code>{e(n)}</code> · {where_html}</p>'
                f'<p class="claim-sentence">{e(c["sentence"])}</p>'
                f'<p><span class="fig-label">Check</span> {e(c["working"])}</p>'
                f'<details class="claim-numbers"><summary>Numbers</summary><table><tbody>{nums}</tbody></table></details>'
                f'{rows}{fig}<p><span class="fig-label">Checked against</span></p><ul>{data}</ul></section>\n')
    return f"""---
title: Claims
description: "Every data-backed statement of the argument, re-checked against the data on each build."
---

# Claims

Every quantitative statement on this site, whether the essay's or ours, is a claim with a check:
a short function that computes its numbers from the data package and says whether it
still holds. The checks run on every build. If new data contradicts a claim, the build
stops. A preview build can still be made, and then the claim is marked here and in the text
as no longer holding.

{ok} of {len(claims)} claims hold on the current data. The same list as data:
<a href="claims.json">claims.json</a>.

{"".join(parts)}
"""
