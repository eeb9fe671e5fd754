"""How much of the site restates the essay, and how much is ours (issue 17).

    .venv/bin/python tools/prose_stats.py [public/]

Reads the built English pages (the home page, the chapters and the citation page) and counts
words (str.split) in the article text:

* restatement: the authors' boxes (`div.authors`), where the essay's argument is stated;
* own prose: everything else in the article that we wrote: paragraphs, lists, annotations and
  footnotes, claim sentences with their numbers, headings. Figures (captions, downloads,
  data tables), code and the "since publication" timeline drawn from data are counted apart.

It prints a table per page and the totals, the restatement's share of the original
(`pipeline.essay.WORDS`), and exits 1 when the share exceeds 35 % or our own prose falls below
5,000 words (the limits of issue 17). tests/test_attribution.py runs the same count.
"""
from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline.essay import WORDS  # noqa: E402

SHARE, OWN = 0.35, 5000


def pages(public: Path) -> list[Path]:
    chapters = sorted((public / "chapters").glob("*/index.html"))
    return [public / "index.html", *chapters, public / "cite" / "index.html"]


def count(html: str) -> dict:
    soup = BeautifulSoup(html, "lxml")
    art = soup.find("article") or soup
    for x in art.select("script, style, code, pre, .headerlink, .footnote-backref, abbr[title] + .glossary"):
        x.decompose()
    boxes = art.select("div.authors")
    restated = sum(len(b.get_text(" ").split()) for b in boxes)
    for b in boxes:
        b.decompose()
    figures = art.select("figure, .since, table")
    apart = sum(len(f.get_text(" ").split()) for f in figures)
    for f in figures:
        f.decompose()
    return {"boxes": len(boxes), "restated": restated, "own": len(art.get_text(" ").split()), "apart": apart}


def measure(public: Path) -> tuple[list[tuple[str, dict]], dict]:
    rows = [(p.relative_to(public).parent.as_posix() or "/", count(p.read_text(encoding="utf-8")))
            for p in pages(public) if p.is_file()]
    total = {k: sum(r[k] for _, r in rows) for k in ("boxes", "restated", "own", "apart")}
    total["share"] = total["restated"] / WORDS
    return rows, total


def main(argv: list[str]) -> int:
    public = Path(argv[1]) if len(argv) > 1 else ROOT / "public"
    rows, total = measure(public)
    print(f"{'page':34} {'boxes':>5} {'restated':>8} {'own prose':>9} {'figures etc.':>12}")
    for name, r in rows:
        print(f"{name:34} {r['boxes']:>5} {r['restated']:>8} {r['own']:>9} {r['apart']:>12}")
    print(f"{'total':34} {total['boxes']:>5} {total['restated']:>8} {total['own']:>9} {total['apart']:>12}")
    print(f"restatement: {total['restated']} words / {WORDS} words of the original = {total['share']:.1%} "
          f"(limit {SHARE:.0%}); own prose {total['own']} words (floor {OWN})")
    return 0 if total["share"] <= SHARE and total["own"] >= OWN else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
