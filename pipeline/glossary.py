"""Hover explanations of terms: one Chinese term per concept, explained in Chinese.

The English pages get site/_glossary.md (`*[token]: ...`, Python-Markdown's abbreviations);
the Chinese pages get the same kind of list made from data/glossary_zh.csv, one row per concept:
`concept` (the English term), `term_zh` (the one Chinese term the edition uses), `variants`
(other renderings, `|`-separated, that must not appear: tests/test_glossary_zh.py), `explain_zh`
(the hover text) and `en_page_note`. A concept that ends in an acronym in brackets,
"mixture of experts (MoE)", explains the acronym too (Chinese pages write MoE, AGI, FLOP).

Python-Markdown finds an abbreviation only between word boundaries (`\\b词元\\b`), and Chinese
has none between its characters: `CjkAbbrExtension` makes an abbreviation that begins or ends
with a Chinese character match there without one (a Latin end still needs a non-letter beside it,
so that "MoE模型" is found and "FLOPs" is not "FLOP"). Pages whose abbreviations are all Latin
(the English edition) are matched exactly as before.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor

from pipeline.i18n import CJK

COLUMNS = ["concept", "term_zh", "variants", "explain_zh", "en_page_note"]
_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z-]*)\)\s*$")


def load(path: Path) -> list[dict]:
    """The rows of data/glossary_zh.csv, checked: its columns, and a Chinese term and explanation
    in each row."""
    where = Path(path).name
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{where}: columns must be {', '.join(COLUMNS)} (found {reader.fieldnames})")
        rows = list(reader)
    for n, r in enumerate(rows, 2):
        for col in ("concept", "term_zh", "explain_zh"):
            if not (r.get(col) or "").strip():
                raise ValueError(f"{where}: line {n} ({r.get('concept')!r}): empty {col}")
        if not CJK.search(r["term_zh"]) or not CJK.search(r["explain_zh"]):
            raise ValueError(f"{where}: line {n} ({r['concept']!r}): term_zh and explain_zh must be Chinese")
    return rows


def variants(row: dict) -> list[str]:
    return [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]


def zh_abbreviations(rows: list[dict]) -> str:
    """The Chinese pages' abbreviation list, in Markdown (`*[词元]: ...`)."""
    lines = []
    for r in rows:
        text = " ".join(r["explain_zh"].split())
        lines.append(f"*[{r['term_zh'].strip()}]: {text}")
        if m := _ACRONYM.search(r["concept"]):
            lines.append(f"*[{m.group(1)}]: {text}")
    return "\n".join(lines) + "\n"


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs or not any(CJK.search(k) for k in self.abbrs):
            return super().run(root)
        parts = []
        for key in sorted(self.abbrs, key=len, reverse=True):
            left = "" if CJK.match(key[0]) else r"(?<![A-Za-z0-9_])"
            right = "" if CJK.match(key[-1]) else r"(?![A-Za-z0-9_])"
            parts.append(left + re.escape(key) + right)
        self.RE = re.compile("|".join(parts))
        self.iter_element(root)


class CjkAbbrExtension(Extension):
    """Replaces the abbr extension's tree processor (register it after `abbr`)."""

    def extendMarkdown(self, md):
        if "abbr" not in md.treeprocessors:
            return
        old = md.treeprocessors["abbr"]
        md.treeprocessors.register(CjkAbbrTreeprocessor(md, old.abbrs), "abbr", 7)
