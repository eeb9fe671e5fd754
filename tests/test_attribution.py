"""Attribution: whose words and whose claims, exactly; every number defined once.

* Quotes: every phrase in quotation marks on an English page is in data/quotes.csv, the checked
  list of the essay's phrases (each with its section) and of other people's (each with its
  source). A misquote, a back-translation or a phrase the essay never wrote fails, naming page
  and phrase.
* Claims: an essay claim carries its exact short quote and section; ours carries the data it is
  computed from; the Claims page and the figure pages show which.
* Structure: each chapter opens with one authors' box, every item linked to the original's
  section, and says once that the rest of the page is ours; the restatement stays under 35 % of
  the essay's length and our own prose over 5,000 words (tools/prose_stats.py).
* One definition per quantity: values and claims that report the same quantity of the same
  dataset agree.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import essay  # noqa: E402

CHAPTERS = ("scaling-laws", "trend-lines", "synthetic-data", "smaller-models", "ladder-of-generality",
            "debate", "agi-predictions")
QUOTED = re.compile(r"\"([^\"]+)\"")  # after curly double quotes are made straight (DQ)
DQ = str.maketrans({"“": '"', "”": '"', "„": '"'})


def english_pages(public: Path) -> list[Path]:
    """Every English page with prose or claims: home, chapters, citation, claims, figure and data pages
    (released version pages are frozen copies and are not re-read)."""
    out = [public / "index.html", public / "cite" / "index.html", public / "claims" / "index.html"]
    out += sorted((public / "chapters").glob("*/index.html"))
    out += sorted((public / "figures").glob("*/index.html"))
    return [p for p in out if p.is_file()]


def article(path: Path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return soup.find("article") or soup


def titles(public: Path) -> list[str]:
    """Titles we may put in quotation marks: our own pages' and figures' titles, and the essay's
    section headings (longest first, so that a title is taken out of the text before its parts)."""
    out = {t for t, _ in essay.SECTIONS.values()} | {"AI scaling myths"}
    for p in public.rglob("index.html"):
        if re.search(r"/v\d+/index.html$", p.as_posix()):
            continue
        h1 = BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").find("h1")
        if h1:
            out.add(h1.get_text("").replace("¶", "").strip())
    return sorted({t.translate(DQ) for t in out if t}, key=len, reverse=True)


def quoted_spans(path: Path, allowed: list[str] = ()) -> list[str]:
    a = article(path)
    # code, data tables (their cells are the data's, each row with its source), and the rows'
    # source lists are not prose
    for x in a.select("code, pre, script, style, table, details.fig-rows"):
        x.decompose()
    text = re.sub(r"\s+", " ", a.get_text("")).translate(DQ)
    for t in allowed:  # a title of ours or of the essay's sections, quoted whole as a title
        text = re.sub(re.escape('"' + re.sub(r"\s+", " ", t) + '"'), " TITLE ", text, flags=re.I)
    return [m.group(1).strip() for m in QUOTED.finditer(text) if len(m.group(1).split()) >= 2]


def test_quotes_file_is_well_formed():
    rows = essay.quotes(ROOT)  # raises on a row without section (essay) or source (others)
    phrases = [essay.norm(r["phrase"]) for r in rows]
    dupes = sorted({p for p in phrases if phrases.count(p) > 1})
    assert not dupes, f"data/quotes.csv lists these phrases twice: {dupes}"
    assert sum(r["by"] == "essay" for r in rows) >= 20


def test_quotes_file_rejects_an_essay_phrase_without_section(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "quotes.csv").write_text(
        "phrase,by,section,source_url,note\nmaybe LLMs are no different,essay,,x,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: column 'section'"):
        essay.quotes(tmp_path)


def test_every_quoted_phrase_on_an_english_page_is_checked(public):
    listed = [essay.norm(r["phrase"]) for r in essay.quotes(ROOT)]
    bad = []
    for page, spans in all_spans(public).items():
        for span in spans:
            n = essay.norm(span)
            if n == "title" or any(n in p for p in listed):
                continue
            bad.append(f"{page.relative_to(public)}: “{span}”")
    assert not bad, ("phrases in quotation marks that data/quotes.csv does not list (quote the original's exact "
                     "words, checked, and add them with their section; or do not use quotation marks):\n  "
                     + "\n  ".join(bad))


_SPANS: dict = {}


def all_spans(public: Path) -> dict:
    """Every English page's quoted spans, read once for the session (titles are read from every page)."""
    if public not in _SPANS:
        allowed = titles(public)
        _SPANS[public] = {p: quoted_spans(p, allowed) for p in english_pages(public)}
    return _SPANS[public]


@pytest.mark.parametrize("phrase", ["several orders of magnitude", "many rungs remain",
                                    "found it hard to predict", "scaling is all you need"])
def test_known_misquotes_are_gone(public, phrase):
    """Phrases back-translated from the Chinese edition, or never written by the essay."""
    hits = [str(p.relative_to(public)) for p, spans in all_spans(public).items()
            if any(essay.norm(phrase) in essay.norm(s) for s in spans)]
    assert not hits, f"“{phrase}” is quoted on {hits}, but the essay does not say it"


def _claims() -> dict:
    from pipeline import claims, data

    res = data.resources(ROOT / "data")
    out = Path(__import__("tempfile").mkdtemp())
    return claims.compute(ROOT, res, out)


def _values() -> dict:
    from pipeline import data, values

    res = data.resources(ROOT / "data")
    out = Path(__import__("tempfile").mkdtemp())
    return values.compute(ROOT, res, out)


def test_every_claim_says_whose_it_is():
    for name, c in _claims().items():
        assert c["by"] in ("essay", "annotation"), name
        if c["by"] == "essay":
            q = c["essay"]
            assert q and q["quote"] and q["section"] in essay.SECTIONS, f"{name}: essay claim without quote or section"
            row = essay.essay_quote(ROOT, q["quote"])
            assert row and row["section"] == q["section"], f"{name}: quote not in data/quotes.csv under its section"
            assert q["section_url"].startswith(essay.URL + "#:~:text="), name
        else:
            assert c["essay"] is None and c["data"], f"{name}: our check must name the data it is computed from"


def test_an_essay_claim_without_a_quote_is_refused():
    from pipeline.claims import REGISTRY, claim

    with pytest.raises(ValueError, match="needs quote="):
        claim("t-no-quote", data=("cpu_clock_milestones",), chapter="trend-lines", by="essay", text="x")(lambda m: None)
    with pytest.raises(ValueError, match="takes no quote"):
        claim("t-ours-quoted", data=("cpu_clock_milestones",), chapter="trend-lines", by="annotation", text="x",
              quote="maybe LLMs are no different", section="scaling-laws")(lambda m: None)
    assert "t-no-quote" not in REGISTRY and "t-ours-quoted" not in REGISTRY


def test_claims_page_and_figure_pages_show_whose_claim(public):
    cl = json.loads((public / "claims" / "claims.json").read_text(encoding="utf-8"))
    page = article(public / "claims" / "index.html")
    for name, c in cl.items():
        card = page.select_one(f"#claim-{name}")
        assert card is not None, name
        attrib = card.select_one(".claim-attrib")
        assert attrib is not None and attrib["class"][-1] == f"claim-by-{c['by']}", name
        if c["by"] == "essay":
            assert attrib.select_one("q").get_text() == c["essay"]["quote"], name
            assert attrib.select_one("a")["href"] == c["essay"]["section_url"], name
    for slug in {c["figure"] for c in cl.values() if c["figure"]}:
        fig = article(public / "figures" / slug / "index.html")
        shown = {li["id"].removeprefix("claim-") for li in fig.select("ul.figure-claims > li")}
        assert shown == {n for n, c in cl.items() if c["figure"] == slug}, slug
        assert all(li.select_one(".claim-attrib") for li in fig.select("ul.figure-claims > li")), slug


@pytest.mark.parametrize("lang", ["", "zh/"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_opens_with_one_authors_box_linked_to_the_original(public, chapter, lang):
    a = article(public / f"{lang}chapters" / chapter / "index.html")
    boxes = a.select("div.authors")
    assert len(boxes) == 1, f"{lang}chapters/{chapter}: {len(boxes)} authors' boxes (one, at the start)"
    box = boxes[0]
    items = box.select("li")
    assert items, f"{lang}chapters/{chapter}: the authors' box lists the essay's claims"
    for li in items:
        links = [x["href"] for x in li.select("a[href]")]
        assert any(h.startswith(essay.URL + "#:~:text=") for h in links), \
            f"{lang}chapters/{chapter}: a claim without a link to its section of the original: {li.get_text()[:60]}"
    if not lang:
        words = len(box.get_text(" ").split())
        assert words <= 120, f"chapters/{chapter}: the authors' box has {words} words (at most 120)"
    note = box.find_next_sibling()
    assert note is not None and "ours-note" in note.get("class", []), \
        f"{lang}chapters/{chapter}: the line saying the rest is ours must follow the box"
    assert len(a.select(".ours-note")) == 1


def test_restatement_is_brief_and_our_prose_grows(public):
    sys.path.insert(0, str(ROOT / "tools"))
    import prose_stats

    rows, total = prose_stats.measure(public)
    assert total["share"] <= prose_stats.SHARE, (
        f"the authors' boxes hold {total['restated']} words, {total['share']:.1%} of the essay's {essay.WORDS}")
    assert total["own"] >= prose_stats.OWN, f"our own prose on the English pages is {total['own']} words"


# (dataset, quantity) -> every place that reports it: ("value", name) or ("claim", name, key)
SAME = {
    ("cpu_clock_milestones", "year of the clock-speed peak"): [
        ("value", "cpu-peak-year"), ("claim", "cpu-clock-stalled", "ref"), ("claim", "cpu-boost-just", "ref"),
        ("claim", "cpu-decades-rising", "peak"), ("claim", "cpu-clock-straight-line", "peak")],
    ("cpu_clock_milestones", "base clock at the peak"): [
        ("value", "cpu-peak-mhz"), ("claim", "cpu-decades-rising", "peak_mhz")],
    ("cpu_clock_milestones", "rise from the first part to the peak"): [
        ("value", "cpu-growth-before"), ("claim", "cpu-clock-stalled", "before"),
        ("claim", "cpu-decades-rising", "growth")],
    ("cpu_clock_milestones", "rise of the base clock after the peak"): [
        ("value", "cpu-base-growth-after"), ("claim", "cpu-clock-stalled", "after")],
    ("cpu_clock_milestones", "latest boost over the peak"): [
        ("value", "cpu-boost-growth-after"), ("claim", "cpu-boost-just", "ratio")],
    ("cpu_clock_milestones", "years since the peak"): [
        ("value", "cpu-years-after"), ("claim", "cpu-clock-stalled", "years"), ("claim", "cpu-boost-just", "years")],
    ("cpu_clock_milestones", "doubling time up to the peak"): [
        ("value", "cpu-doubling-years"), ("claim", "cpu-clock-straight-line", "doubling"),
        ("claim", "cpu-boost-just", "doubling")],
    ("language_models", "largest training set of text (trillion tokens)"): [
        ("claim", "stock-largest-share", "largest"), ("claim", "youtube-generous-end", "largest")],
    ("language_models", "Llama 3 training tokens (trillion)"): [
        ("value", "models-llama3-training-tokens-trillion"), ("claim", "tokens-per-param-past-optimal", "tokens"),
        ("claim", "youtube-below-llama3", "llama"), ("claim", "youtube-generous-end", "llama")],
    ("language_models + text_stock", "largest text training set as a share of the stock"): [
        ("value", "stock-largest-share"), ("claim", "stock-largest-share", "share")],
    ("api_prices", "GPT-4o output price as a share of GPT-4's"): [
        ("value", "prices-gpt4o-gpt4-output-share"), ("claim", "gpt4o-quarter-price", "out"),
        ("claim", "gpt4o-quarter-is-output", "out")],
    ("api_prices", "GPT-4o input price as a share of GPT-4's"): [
        ("value", "prices-gpt4o-gpt4-input-share"), ("claim", "gpt4o-quarter-price", "input"),
        ("claim", "gpt4o-quarter-is-output", "inp")],
    ("airspeed_records", "year of the standing record"): [
        ("value", "airspeed-record-year"), ("claim", "airspeed-record-stands", "year"),
        ("claim", "airspeed-sr71-growth", "year")],
    ("language_models", "Llama 3 8B compute over LLaMA 7B"): [
        ("value", "models-llama3-8b-vs-llama-7b-compute-ratio"), ("claim", "llama3-compute-vs-llama", "ratio")],
}


def test_one_definition_per_quantity():
    vals, cl = _values(), _claims()
    for (dataset, quantity), places in SAME.items():
        got = {}
        for p in places:
            got[p] = vals[p[1]]["value"] if p[0] == "value" else cl[p[1]]["numbers"][p[2]]
        first = next(iter(got.values()))
        differ = {p: x for p, x in got.items()
                  if not (x == first or (isinstance(x, float) and isinstance(first, (int, float))
                                         and abs(x - first) <= 1e-9 * max(1, abs(first))))}
        assert not differ, f"{dataset}: '{quantity}' is computed differently: {got}"


def test_like_with_like_text_tokens_only():
    """A count of text, images and video is never compared with the stock of text, nor with a text
    ratio: the largest training set in the comparisons is a text one."""
    import pandas as pd

    m = pd.read_csv(ROOT / "data" / "language_models.csv")
    cl = _claims()
    for name in ("stock-largest-share", "youtube-generous-end"):
        model = cl[name]["numbers"]["model"]
        assert m.set_index("model").loc[model, "training_data"] == "text", f"{name} compares {model}"
    assert set(m.training_data.dropna()) <= {"text", "multimodal"}
    assert m.training_tokens.notna().eq(m.training_data.notna()).all(), "training_data is set where tokens are"
