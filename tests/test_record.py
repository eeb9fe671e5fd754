"""The record since publication, the scorecard computed from it, its timeline and the Atom feeds."""
import csv
import datetime as dt
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from pipeline import essay, record  # noqa: E402

DATA = ROOT / "data"
MIN_ROWS, MIN_PER_CHAPTER = 60, 6


def rows() -> list[dict]:
    return list(csv.DictReader(open(DATA / "since_publication.csv", encoding="utf-8")))


def claims() -> list[dict]:
    return list(csv.DictReader(open(DATA / "essay_claims.csv", encoding="utf-8")))


def as_of() -> str:
    res = next(r for r in json.loads((DATA / "datapackage.json").read_text())["resources"]
               if r["name"] == "since_publication")
    return res["as_of"]


def test_the_record_has_enough_entries_and_every_chapter_its_share():
    per = record.by_chapter(*record.load(ROOT, essay.DATE, as_of()))
    assert sum(len(v) for v in per.values()) >= MIN_ROWS
    chapters = {p.stem for p in (ROOT / "site" / "chapters").glob("*.md") if "." not in p.stem}
    assert set(per) == chapters, "every chapter has claims, and every claim a chapter"
    thin = {c: len(v) for c, v in per.items() if len(v) < MIN_PER_CHAPTER}
    assert not thin, thin
    # each chapter page shows its notes
    for c in chapters:
        for suffix in ("", ".zh"):
            assert f"<!-- since:{c} -->" in (ROOT / "site" / "chapters" / f"{c}{suffix}.md").read_text()


def test_every_entry_is_dated_in_the_window_sourced_and_in_both_languages():
    end = as_of()
    ids = {c["id"] for c in claims()}
    assert 12 <= len(ids) <= 20
    for r in rows():
        where = r["id"]
        assert essay.DATE <= r["date"] <= end, where
        dt.date.fromisoformat(r["date"])
        assert r["claim"] in ids, where
        assert r["stance"] in record.STANCES, where
        assert r["source_url"].startswith(("https://", "http://")), where
        assert r["source_title"] and r["note"], where
        for col in ("headline_zh", "summary_zh"):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in r[col]), (where, col)
        assert len(r["headline"].split()) <= 12, where


def test_the_essay_date_is_one_date():
    import datetime

    from figures import arc_scores, evidence_timeline
    from pipeline import chart_theme as _theme

    assert evidence_timeline.ESSAY == arc_scores.ESSAY == _theme.ESSAY_DATE == essay.DATE
    day = datetime.date.fromisoformat(essay.DATE)  # the rule on an axis of years sits on the same day
    start, end = datetime.date(day.year, 1, 1), datetime.date(day.year + 1, 1, 1)
    assert _theme.ESSAY_YEAR == round(day.year + (day - start).days / (end - start).days, 3)


@pytest.mark.parametrize("counts, expected", [
    ((0, 0, 0), "too early"), ((2, 0, 0), "too early"), ((3, 0, 0), "holding"), ((4, 2, 0), "holding"),
    ((4, 3, 0), "contested"), ((1, 0, 2), "contested"), ((0, 2, 1), "challenged"), ((2, 4, 2), "challenged"),
    ((3, 3, 3), "contested"), ((0, 0, 3), "contested"),
])
def test_the_verdict_rule(counts, expected):
    assert record.verdict(*counts) == expected


def test_the_rule_on_the_page_is_the_rule_in_the_code():
    for lang in ("en", "zh"):
        text = record.RULE[lang]
        assert str(record.MIN_EVIDENCE) in text and str(record.RATIO) in text and f"{record.SHARE:.0%}" in text


def _fixture(tmp_path: Path, extra: list[dict]) -> Path:
    """A repository root holding only the data the record reads, with `extra` rows added."""
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    for name in ("essay_claims.csv", "quotes.csv", "since_publication.csv"):
        shutil.copy(DATA / name, root / "data" / name)
    if extra:
        text = (root / "data" / "since_publication.csv").read_text(encoding="utf-8")
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows()[0]), lineterminator="\n")
        w.writerows(extra)
        (root / "data" / "since_publication.csv").write_text(text + buf.getvalue(), encoding="utf-8")
    return root


def _challenge(claim: str, i: int) -> dict:
    return {**rows()[0], "id": f"fixture-challenge-{i}", "claim": claim, "stance": "challenges",
            "date": "2026-11-0" + str(i + 1)}


def test_a_challenging_entry_changes_a_verdict_through_the_data_alone(tmp_path):
    before = {s.claim["id"]: s for s in record.scorecard(*record.load(ROOT, essay.DATE, as_of()))}
    holding = next(s for s in before.values() if s.verdict == "holding")
    # challenges that tip it: the fewest that break "supports >= 2 x challenges"
    need = holding.counts["supports"] // record.RATIO - holding.counts["challenges"] + 1
    root = _fixture(tmp_path, [_challenge(holding.claim["id"], i) for i in range(need)])
    after = {s.claim["id"]: s for s in record.scorecard(*record.load(root, essay.DATE, as_of()))}
    assert after[holding.claim["id"]].verdict in ("contested", "challenged")
    assert after[holding.claim["id"]].counts["challenges"] == holding.counts["challenges"] + need
    assert after[holding.claim["id"]].latest >= "2026-11-01"
    others = {k: v.verdict for k, v in after.items() if k != holding.claim["id"]}
    assert others == {k: v.verdict for k, v in before.items() if k != holding.claim["id"]}


def test_a_row_that_names_no_claim_or_lies_outside_the_window_is_an_error_naming_its_line(tmp_path):
    bad = [{**rows()[0], "id": "fixture-a", "claim": "no-such-claim"},
           {**rows()[0], "id": "fixture-b", "date": "2024-01-05"}]
    root = _fixture(tmp_path, bad)
    with pytest.raises(record.RecordError) as e:
        record.load(root, essay.DATE, as_of())
    n = len(rows())
    msg = str(e.value)
    assert f'data/since_publication.csv: line {n + 2}, column "claim": value "no-such-claim"' in msg
    assert f'data/since_publication.csv: line {n + 3}, column "date": value "2024-01-05"' in msg


def _check_atom(xml: bytes, lang: str, n_rows: int, n_versions: int) -> None:
    """RFC 4287's requirements, read by feedparser (a well-kept feed library), not by a regex."""
    import feedparser

    f = feedparser.parse(xml)
    assert not f.bozo, f.get("bozo_exception")
    assert f.version == "atom10"
    assert f.feed.get("id") and f.feed.get("title") and f.feed.get("updated_parsed")
    assert f.feed.get("language") == lang
    assert any(link.get("rel") == "self" for link in f.feed.links)
    assert f.feed.get("author"), "a feed without an author must give one in every entry (RFC 4287 4.1.1)"
    ids = [e.id for e in f.entries]
    assert len(ids) == len(set(ids)) == n_rows + n_versions
    for e in f.entries:
        assert e.get("title") and e.get("updated_parsed") and e.get("summary"), e.id
        assert any(link.get("rel") == "alternate" and link["href"].startswith("https://") for link in e.links), e.id
    # newest first
    stamps = [e.updated_parsed for e in f.entries]
    assert stamps == sorted(stamps, reverse=True)


def test_the_feeds_are_valid_atom_and_list_every_entry_and_version(public):
    n_versions = sum(len(v) for v in json.loads((ROOT / "releases" / "ledger.json").read_text())["figures"].values())
    for lang, path in (("en", public / "updates.xml"), ("zh", public / "zh" / "updates.xml")):
        xml = path.read_bytes()
        _check_atom(xml, lang, len(rows()), n_versions)
    zh = (public / "zh" / "updates.xml").read_text(encoding="utf-8")
    first = rows()[0]
    assert first["headline_zh"] in zh and "/zh/chapters/" in zh


def test_the_scorecard_pages_show_every_claim_with_its_computed_verdict(public):
    scores = record.scorecard(*record.load(ROOT, essay.DATE, as_of()))
    for lang, path in (("en", public / "scorecard" / "index.html"), ("zh", public / "zh" / "scorecard" / "index.html")):
        html = path.read_text(encoding="utf-8")
        for s in scores:
            cell = html.split(f'id="claim-{s.claim["id"]}"', 1)[1].split("</tr>", 1)[0]
            word = s.verdict if lang == "en" else record.VERDICT_ZH[s.verdict]
            assert f'verdict-{s.verdict.replace(" ", "-")}">{word}<' in cell, (lang, s.claim["id"])
            assert s.claim["quote"] in cell.replace("&#x27;", "'").replace("&quot;", '"')
        assert record.RULE[lang].split("*")[0][:40] in html


def test_the_timeline_reads_without_and_with_javascript(chromium, public):
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import browser, go_live, serve

    with serve(public) as base, browser() as b:
        # without JavaScript: the static SVG is the chart, its marks and labels in place
        ctx = b.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        page.goto(base + "scorecard/")
        fig = page.locator("#fig-evidence-timeline")
        static = fig.locator(".fig-static svg, .fig-static img").first
        assert static.is_visible()
        box = static.bounding_box()
        assert box["width"] > 300 and box["height"] > 200, box
        ctx.close()
        # with it: the live chart, and a mark's tooltip gives its entry and source
        page = b.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "scorecard/")
        page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
        fig = page.locator("#fig-evidence-timeline")
        go_live(page, fig)
        marks = fig.locator(".fig-live svg path[role='graphics-symbol']")
        assert marks.count() >= MIN_ROWS
        seen = ""
        for j in range(min(marks.count(), 40)):
            marks.nth(j).hover(force=True)
            tip = page.locator("#vg-tooltip-element.visible")
            if tip.count() and "Entry" in tip.inner_text():
                seen = tip.inner_text()
                break
        assert "Source" in seen and "Stance" in seen, seen
        headlines = {r["headline"] for r in rows()}
        assert any(h in seen for h in headlines), seen
        assert not errors, errors


def test_the_scorecard_fits_a_phone_as_cards(chromium, public):
    """At 390 px the scorecard's rows stack as cards (no sideways scrolling), each cell under its
    column's name, and a screen reader still meets a table with rows and cells."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import browser, serve

    with serve(public) as base, browser() as b:
        ctx = b.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = ctx.new_page()
        for path, verdict_word in (("scorecard/", "Verdict"), ("zh/scorecard/", "判定")):
            page.goto(base + path)
            table = page.locator("table.scorecard")
            wrap = page.locator(".md-typeset__table:has(table.scorecard)")
            sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
            assert sizes[0] <= sizes[1] + 1, (path, sizes)  # nothing to scroll sideways
            assert table.bounding_box()["width"] <= 390, path
            first = page.locator("table.scorecard tbody tr").first
            cells = first.locator("td")
            assert cells.nth(1).bounding_box()["y"] > cells.nth(0).bounding_box()["y"] + 20, path  # stacked
            label = cells.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
            assert verdict_word in label, (path, label)
            assert page.get_by_role("table").count() >= 1 and page.get_by_role("cell").count() >= 4 * 12, path
        ctx.close()
