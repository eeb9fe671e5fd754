"""One Chinese term per concept: data/glossary_zh.csv names, for each concept, the term the
Chinese edition uses and the other renderings that must not appear. Fast: it reads the sources,
no build needed.

The Chinese sources: site/**/*.zh.md, the figures' words (figures/*.yml: zh and labels), the
Chinese strings of figures/*.py, argument/*.py (the claims' Chinese sentences, kept apart) and
pipeline/**/*.py (ZH_UI, the generated pages' Chinese paragraphs), data/datapackage.zh.json, the headline_zh and
summary_zh columns of data/since_publication.csv, and the Chinese lines of mkdocs.yml.

A variant may be part of another concept's term (缩放 in 缩放定律): such terms are blanked out
before the variant is looked for, also when scare quotes stand inside them (缩放“定律”).
"""
from __future__ import annotations

import csv
import re
import tokenize
from pathlib import Path

import pytest

from pipeline.glossary import CjkAbbrExtension, load, variants, zh_abbreviations

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "data" / "glossary_zh.csv"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
QUOTES = "“”‘’「」『』\"'"

REQUIRED = ["scaling law", "scaling", "airspeed record", "token", "parameter", "emergent abilities",
            "synthetic data", "self-play", "ladder of generality", "test-time compute",
            "mixture of experts (MoE)", "perplexity", "loss", "pretraining", "clock speed",
            "artificial general intelligence (AGI)"]


def _python_strings(path: Path):
    """(line, text) of each line of every string literal in a Python file that holds Chinese, as
    written in the source (an f-string's too), with its own line number."""
    with open(path, encoding="utf-8") as f:
        for tok in tokenize.generate_tokens(f.readline):
            if tok.type == tokenize.STRING and CJK.search(tok.string):
                for i, line in enumerate(tok.string.split("\n")):
                    if CJK.search(line):
                        yield tok.start[0] + i, line


def chinese_sources(root: Path = ROOT, claims: bool = False):
    """(file, line, text) of every Chinese text of the edition. argument/claims*.py only when
    `claims` (they are kept apart: see test_the_claims_files_use_the_chosen_terms)."""
    site = root / "site"
    for p in sorted(site.rglob("*.zh.md")) + ([] if claims else sorted((root / "figures").glob("*.yml"))):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            yield p, n, line
    for folder in ("figures", "pipeline", "argument"):
        for p in sorted((root / folder).rglob("*.py")):
            if (folder == "argument" and p.name.startswith("claims")) != claims:
                continue
            for n, line in _python_strings(p):
                yield p, n, line
    if claims:
        return
    p = root / "data" / "datapackage.zh.json"
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        yield p, n, line
    p = root / "data" / "since_publication.csv"
    with open(p, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            for col in ("headline_zh", "summary_zh"):
                yield p, start, row[col]
    p = root / "mkdocs.yml"
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if CJK.search(line):
            yield p, n, line


def _quoted(term: str) -> re.Pattern:
    """A term, also with quotation marks between its characters: 缩放“定律”."""
    q = f"[{re.escape(QUOTES)}]?"
    return re.compile(q.join(re.escape(c) for c in term))


def violations(rows: list[dict], sources) -> list[str]:
    terms = [(r["concept"], r["term_zh"].strip()) for r in rows]
    checks = []
    for r in rows:
        vs = sorted(variants(r), key=len, reverse=True)
        # the other concepts' terms that hold one of this concept's variants are blanked out first
        shields = [_quoted(t) for c, t in terms if c != r["concept"] and any(v in t for v in vs)]
        checks.append((r, vs, shields))
    found = []
    for path, n, text in sources:
        for r, vs, shields in checks:
            if not vs:
                continue
            t = text
            for s in shields:
                t = s.sub(lambda m: "\0" * len(m.group(0)), t)
            for v in vs:  # longest first; a variant found is blanked, so a shorter one inside it is not found again
                if v in t:
                    found.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{n}: "
                                 f"'{v}' for '{r['concept']}': write '{r['term_zh']}'")
                    t = t.replace(v, "\0" * len(v))
    return found


@pytest.fixture(scope="module")
def rows():
    return load(GLOSSARY)


def test_every_concept_has_one_chinese_term_and_an_explanation(rows):
    concepts = [r["concept"] for r in rows]
    assert len(set(concepts)) == len(concepts), "a concept twice in data/glossary_zh.csv"
    missing = [c for c in REQUIRED if c not in concepts]
    assert not missing, f"data/glossary_zh.csv: no row for {missing}"
    terms = {r["term_zh"].strip(): r["concept"] for r in rows}
    assert len(terms) == len(rows), "two concepts share a Chinese term"
    for r in rows:
        assert r["term_zh"].strip() and CJK.search(r["term_zh"]), r["concept"]
        assert r["explain_zh"].strip() and CJK.search(r["explain_zh"]), r["concept"]
        assert r["term_zh"].strip() not in variants(r), f"{r['concept']}: its term is among its own variants"
        for v in variants(r):  # a variant that is another concept's term would forbid that term
            assert v not in terms, f"{r['concept']}: variant '{v}' is the term of '{terms[v]}'"


def test_the_chinese_edition_uses_one_term_per_concept(rows):
    found = violations(rows, chinese_sources())
    assert not found, "variants of a glossary term (data/glossary_zh.csv):\n" + "\n".join(found)


def test_the_claims_files_use_the_chosen_terms(rows):
    """The Chinese claim sentences and workings in argument/claims*.py use the glossary's terms too."""
    found = violations(rows, chinese_sources(claims=True))
    assert not found, "variants of a glossary term in argument/claims*.py:\n" + "\n".join(found)


def test_a_variant_inside_another_concepts_term_is_not_a_variant(tmp_path):
    rows = [{"concept": "scaling law", "term_zh": "缩放定律", "variants": "规模定律", "explain_zh": "…"},
            {"concept": "scaling", "term_zh": "规模扩展", "variants": "缩放|规模化", "explain_zh": "…"}]
    src = [(tmp_path / "a.zh.md", 1, "缩放定律与缩放“定律”都对"),
           (tmp_path / "a.zh.md", 2, "模型的缩放和规模定律")]
    found = violations(rows, src)
    assert len(found) == 2 and all(":2: " in f for f in found), found
    assert any("'缩放' for 'scaling': write '规模扩展'" in f for f in found), found


def test_it_would_have_failed_on_the_edition_before_issue_17(rows):
    """The renderings the edition had before one was chosen are caught."""
    before = [(ROOT / "site" / "index.zh.md", 25, "处理器的时钟频率和飞行速度纪录都是前车之鉴。"),
              (ROOT / "data" / "since_publication.csv", 4, "并且依赖大量的测试时算力。")]
    found = violations(rows, before)
    assert any("'飞行速度纪录' for 'airspeed record': write '空速纪录'" in f for f in found), found
    assert any("'测试时算力' for 'test-time compute': write '测试时计算'" in f for f in found), found


def test_chinese_pages_explain_the_chinese_terms_on_hover(rows):
    """The Chinese pages' abbreviations (pipeline/glossary.py) are found between Chinese characters,
    which have no word boundary, and an acronym beside a Chinese character is found too."""
    import markdown

    text = "模型处理每个词元时，MoE模型只启用一部分参数。\n\n" + zh_abbreviations(rows)
    out = markdown.markdown(text, extensions=["abbr", CjkAbbrExtension()])
    explain = {r["term_zh"]: r["explain_zh"] for r in rows}
    assert f'<abbr title="{explain["词元"]}">词元</abbr>' in out, out
    assert f'<abbr title="{explain["参数"]}">参数</abbr>' in out, out
    assert f'<abbr title="{explain["混合专家"]}">MoE</abbr>' in out, out
    # English abbreviations are matched as before (a word boundary on each side)
    en = markdown.markdown("tokens and token\n\n*[token]: a piece", extensions=["abbr", CjkAbbrExtension()])
    assert en == '<p>tokens and <abbr title="a piece">token</abbr></p>', en
