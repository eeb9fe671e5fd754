"""What is done to a page's HTML after its template, and to the site after both editions:
the Content-Security-Policy, the head's links, the language switcher, the search index per
edition, the sitemap and the Atom feed."""
from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from pipeline.i18n import LANGS, prefix, tr


def page(output: str, url: str, lang: str, site_url: str) -> str:
    """A written or generated page's final HTML."""
    return own_search_index(with_csp(relative_switcher(without_head_alternates(output), url, site_url), lang), lang)


def template(output: str, name: str, lang: str) -> str:
    """A page made from a template alone (404.html, sitemap.xml)."""
    if name == "404.html" and lang != "en":
        return ""  # one 404 page, at the root, in both languages (mkdocs skips an empty template)
    return with_csp(output, lang) if name.endswith(".html") else output


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



def with_csp(output: str, lang: str) -> str:
    tag = f'<meta http-equiv="Content-Security-Policy" content="{csp(output)}">'
    # Material's search dialog has no accessible name: give it one
    output = output.replace('<div class="md-search" data-md-component="search" role="dialog">',
                            f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{tr(lang, "Search")}">', 1)
    return output.replace("<head>", "<head>\n    " + tag, 1)


ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]+">')


def without_head_alternates(output: str) -> str:
    """The editions are linked by hreflang in the sitemap (`write_sitemap`), not in the page head:
    Material's script fetches `sitemap.xml` relative to every <link rel="alternate"> in the head
    (it expects language roots), and the i18n plugin points them at the page's twin, so each
    page requested two sitemaps that do not exist. The switcher links to the twin as before."""
    out, end = [], 0
    for m in ALTERNATE.finditer(output):  # each link and the white space before it (a leading \s* in
        out.append(output[end:m.start()].rstrip())  # the pattern made every page's scan quadratic)
        end = m.end()
    return "".join(out) + output[end:]


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


def relative_switcher(output: str, page_url: str, site_url: str) -> str:
    """The language switcher's links to a home page come as site-absolute paths
    (/ai-scaling-myths/zh/); make them relative, so the site works from any folder."""
    from urllib.parse import urlparse

    root = urlparse(site_url).path or "/"
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


def write_feed(site_dir: Path, site, lang: str, site_name: str) -> None:
    """The edition's Atom feed (updates.xml): the record's entries and the figures' versions."""
    from pipeline import record
    from pipeline.i18n import localized

    claims, rows = site.record()
    titles = {slug: localized(m, lang)["title"] for slug, m in site.figures.items()}
    for slug in site.ledger["figures"]:
        titles.setdefault(slug, slug)
    xml = record.feed(site.site_url, site_name, lang, rows, claims, site.ledger, titles)
    tmp = site_dir / ".updates.xml.tmp"
    tmp.write_bytes(xml)
    os.replace(tmp, site_dir / "updates.xml")
