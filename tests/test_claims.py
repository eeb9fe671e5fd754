"""Issue 6: the argument's claims check themselves on every build.

Each claim holds on the current data and is placed once in its chapter; data that
contradicts a claim stops the build with the claim, the changed data and the numbers
before and after; the preview flag builds anyway and says so in plain sight.
"""
from __future__ import annotations

import html
import json
import re

from conftest import run_build, tree_digest

FAST_CHIP = ('fictional-9ghz,Fictional 9 GHz part,Intel,,2025,9000,9500,https://example.org/test-fixture,'
             'Test fixture: a part that would break the clock-speed claim\n')


def claims(public):
    return json.loads((public / "claims" / "claims.json").read_text())


def test_there_are_at_least_twenty_checked_claims_and_all_hold(public):
    c = claims(public)
    assert len(c) >= 20
    assert [n for n, x in c.items() if not x["holds"]] == []
    for n, x in c.items():
        assert x["by"] in ("essay", "annotation") and x["data"] and x["working"], n
        assert "{" not in x["sentence"] and re.search(r"\d", x["sentence"]), n  # numbers filled in from data
        for d in x["data"]:
            assert d["path"].startswith("data/") and d["version"] and len(d["digest"]) == 64
    assert {x["by"] for x in c.values()} == {"essay", "annotation"}


def test_every_claim_is_placed_once_in_its_chapter_with_a_status_mark(public):
    for n, x in claims(public).items():
        page = (public / "chapters" / x["chapter"] / "index.html").read_text()
        assert page.count(f'id="claim-in-text-{n}"') == 1, n
        span = re.search(rf'<span class="claim-inline claim-ok" id="claim-in-text-{n}"[^>]*>(.*?)</span>', page, re.S)
        assert span, n
        assert f'href="../../claims/#claim-{n}"' in span.group(1)
        text = html.unescape(re.sub(r"<[^>]+>", "", span.group(1)))
        assert text == x["sentence"] + "\u2713", (n, text)        # the sentence, then the check mark


def test_claims_page_lists_every_claim_with_status_numbers_data_and_whose_claim(public):
    page = (public / "claims" / "index.html").read_text()
    for n, x in claims(public).items():
        card = re.search(rf'<section class="claim-card claim-ok" id="claim-{n}".*?</section>', page, re.S)
        assert card, n
        body = card.group(0)
        assert "holds" in body and (("The essay says" in body and "<q>" in body) if x["by"] == "essay"
                                    else "Our check" in body)
        for d in x["data"]:
            assert d["path"] in body and f'version {d["version"]}' in body
        assert all(f"<code>{k}</code>" in body for k in x["numbers"])


def _break_clock_claim(repo):
    csv = repo / "data" / "cpu_clock_milestones.csv"
    csv.write_text(csv.read_text() + FAST_CHIP)


def test_data_that_contradicts_a_claim_fails_the_build_and_the_preview_flag_shows_it(scratch_repo):
    before_claim = claims(scratch_repo / "public")["cpu-clock-stalled"]
    _break_clock_claim(scratch_repo)
    before = tree_digest(scratch_repo / "public")
    r = run_build(scratch_repo)
    assert r.returncode != 0
    err = r.stderr
    assert "public/ was left as it was" in err
    assert "claim 'cpu-clock-stalled' (trend-lines, the essay says) no longer holds" in err, err
    assert "data changed since the last good build: data/cpu_clock_milestones.csv" in err
    assert f"after={before_claim['numbers']['after']:.4g}" in err          # the number before ...
    ref = before_claim["numbers"]["before"] * 0.74                         # the peak (2004 best), in MHz
    assert f"after={9000 / ref:.4g}" in err                                # ... and after
    assert "--allow-failing-claims" in err
    assert tree_digest(scratch_repo / "public") == before
    # the same broken data with the preview flag (one scratch copy for both: the refused build above
    # is where the preview starts from)
    r = run_build(scratch_repo, "build", "--allow-failing-claims")
    assert r.returncode == 0, r.stderr
    assert "warning: claim 'cpu-clock-stalled' no longer holds" in r.stderr
    page = (scratch_repo / "public" / "chapters" / "trend-lines" / "index.html").read_text()
    span = re.search(r'<span class="claim-inline claim-broken" id="claim-in-text-cpu-clock-stalled".*?</span>', page, re.S)
    assert span and "This no longer holds with the current data" in span.group(0)
    assert "Claim no longer holds" in span.group(0)                     # the mark's accessible name
    listing = (scratch_repo / "public" / "claims" / "index.html").read_text()
    assert re.search(r'<section class="claim-card claim-broken" id="claim-cpu-clock-stalled".*?no longer holds', listing, re.S)
    assert not claims(scratch_repo / "public")["cpu-clock-stalled"]["holds"]
