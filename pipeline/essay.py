"""The essay we annotate: its sections and the checked list of its phrases we may quote.

Narayanan & Kapoor, "AI scaling myths", AI Snake Oil, 27 June 2024. The English original is the
only source of an English quote (the Chinese translation in the seed is not). `data/quotes.csv`
lists every phrase our English pages put in quotation marks: the essay's, each with its section,
and other people's, each with its source. Each essay phrase was checked word for word against a
stored copy of the post (the `search` tool's code index, read_file id 52229125434, 18,220
characters); tests/test_attribution.py fails on a quoted phrase that is not in the list.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import quote

URL = "https://www.aisnakeoil.com/p/ai-scaling-myths"
DATE = "2024-06-27"  # published on AI Snake Oil; "then" on the scorecard means on or before this day
AUTHORS = "Narayanan & Kapoor"
# Words of the original, headings, captions and footnotes included, counted with str.split() on the
# post's text with link targets and image addresses removed (stored copy above, 2026-12-06). The
# restatement share (tools/prose_stats.py) is measured against it.
WORDS = 2316

# id -> (heading as the original writes it, the words a text-fragment link lands on)
SECTIONS = {
    "intro": ("Opening", "So far, bigger and bigger language models"),
    "scaling-laws": ("Scaling “laws” are often misunderstood", "are often misunderstood"),
    "trend-lines": ("Trend extrapolation is baseless speculation", "Trend extrapolation is baseless speculation"),
    "synthetic-data": ("Synthetic data is not magic", "Synthetic data is not magic"),
    "smaller-models": ("Models have been getting smaller but are being trained for longer",
                       "Models have been getting smaller but are being trained for longer"),
    "ladder-of-generality": ("The ladder of generality", "The ladder of generality"),
    "further-reading": ("Further reading", "Further reading"),
    "footnote-1": ("Footnote 1", "Emergent abilities will be predictable"),
    "footnote-2": ("Footnote 2", "AI companies do use transcribed YouTube data"),
    "footnote-3": ("Footnote 3", "Libertarian commentators predictably"),
    "footnote-4": ("Footnote 4", "There is a debate about whether LLM training"),
    "footnote-5": ("Footnote 5", "Even when model developers have released larger models"),
}


def section_url(section: str) -> str:
    """A link that opens the original at the section (a text fragment: browsers without support
    open the post at its top)."""
    return f"{URL}#:~:text={quote(SECTIONS[section][1], safe='')}"


def section_title(section: str) -> str:
    return SECTIONS[section][0]


def norm(s: str) -> str:
    """Quotes compare after folding whitespace, apostrophes, dashes and the arrow."""
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("-->", "→").replace("—", "-").replace("–", "-")
    return re.sub(r"\s+", " ", s).strip().strip(".,;:").casefold()


def quotes(root: Path) -> list[dict]:
    path = root / "data" / "quotes.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows, start=2):
        where = f"data/quotes.csv: row {i}"
        if not r["phrase"].strip():
            raise ValueError(f"{where}: column 'phrase' is empty")
        if r["by"] == "essay":
            if r["section"] not in SECTIONS:
                raise ValueError(f"{where}: column 'section': {r['section']!r} is not a section of the essay "
                                 f"({', '.join(SECTIONS)})")
        elif not r["by"].strip() or not r["source_url"].startswith(("http://", "https://")):
            raise ValueError(f"{where}: a quote of someone else needs 'by' (who) and 'source_url'")
    return rows


def essay_quote(root: Path, phrase: str) -> dict | None:
    """The list's entry of the essay's for `phrase` (exactly, or a stretch of a listed phrase)."""
    p = norm(phrase)
    for r in quotes(root):
        if r["by"] == "essay" and p and p in norm(r["phrase"]):
            return r
    return None
