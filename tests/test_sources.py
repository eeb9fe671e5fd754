"""Sources: every row names a specific primary page, and every dataset-level
source is one the rows use.

Fast and offline: reads data/*.csv with the csv module, data/datapackage.json with json and the
patterns in data/forbidden_hosts.txt. No URL is fetched.

Row sources. Every value of a column whose name ends in ``source_url`` (``source_url``, and
``capability_source_url`` in api_prices) must be an http(s) URL with a host, must match no pattern in
data/forbidden_hosts.txt (videos, proxies, mirrors, SEO copies, account pages instead of posts,
task viewers, live pricing pages, listing pages) and must not be a bare home page (path empty or
'/' and no query; a query on the front page is judged by the patterns, e.g. ?task= is a viewer
while WordPress's ?p=<n> is a post's short link). ``other_sources`` (further confirming or conflicting URLs) is not checked here.

Rows still known to break the rule are listed in KNOWN_UNRESOLVED with the reason no verified
replacement was found. The list may only shrink: a new violation fails, and so does an entry whose
row no longer breaks the rule (remove the entry once the row is fixed).

Dataset-level sources. The descriptor has no field that marks a source as a dataset's origin, so
the least invasive rule uses what is there: a resource's ``sources`` entry *with a ``path``* must be

* cited by a row: its URL equals (ignoring the scheme's case, the host's case and a trailing '/')
  a URL in one of the resource's URL columns (``*source_url`` or ``other_sources``), or
* the dataset's origin: every row's ``source_url`` lies under it (path + '/...'), as every row of
  cpu_clock_rupp lies under Karl Rupp's repository github.com/karlrupp/microprocessor-trend-data.

Entries with a ``title`` and no ``path`` describe per-row sourcing ("... cited in each row") and
are not URLs, so they are not checked.
"""
import csv
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
HOST = re.compile(r"[a-z0-9.-]+")

# (resource, row id, source_url) -> why it is still here. Shrink only.
KNOWN_UNRESOLVED = {
    ("agi_predictions", "altman-2024", "https://seolink.site/davos-2024-world-economic-forum-highlightsthedigitalchaps/"):
        "SEO copy of a Quartz Davos 2024 report; the Quartz original (qz.com) was not found in a stored source (searched again in a later review: only this copy holds the quotation)",
    ("airspeed_records", "1905-wright-flyer-iii", "https://wikimili.com/en/Aircraft_records"):
        "Wikipedia mirror; the original en.wikipedia.org/wiki/Aircraft_records was not seen in a stored copy (searched again in a later review)",
    ("airspeed_records", "1923-curtiss-r6-maughan", "http://www.thisdayinaviation.com/tag/curtiss-aeroplane-and-motor-company/"):
        "tag archive, not the post; the post's permalink was not found; other stored pages give 380.75 km/h (air-journal) or 380.74 km/h (aviastar), not the row's 380.751 (FLIGHT, 28 Jun 1923, quoted on the tag page), and FLIGHT's own archive page was not found",
    ("airspeed_records", "1927-macchi-m52-de-bernardi", "http://www.thisdayinaviation.com/tag/schneider-trophy/"):
        "tag archive, not the post; the post's permalink was not found and no other stored page states 479.29 km/h",
    ("airspeed_records", "1931-supermarine-s6b-sep29", "http://aviationshoppe.com/airplane_plans/files.php?cat=4&cmd=all&sort=&order=&page=11"):
        "shop listing; contemporary press (Papers Past, TIME) give 408.8 mph, not the row's 407.5 mph, so it cannot replace it",
    ("airspeed_records", "1947-lockheed-p-80r", "https://www.thisdayinaviation.com/2025/06/19"):
        "date archive, not the post; the post's permalink was not found; the USAF museum fact sheet gives 623.753 mph (1,003.83 km/h), not the row's 1,003.81 km/h (623.74 mph), so it cannot replace it",
    ("airspeed_records", "1947-douglas-d-558-caldwell", "https://www.thisdayinaviation.com/page/268/?lang=en"):
        "paginated archive, not the post; the post's permalink was not found; other stored pages give 640.7 or 640.663 mph, or copy Wikipedia, not the row's 1,031.178 km/h (640.744 mph)",
    ("airspeed_records", "1952-north-american-f-86d-nash", "https://www.thisdayinaviation.com/tag/salton-sea/"):
        "tag archive, not the post; the post's permalink was not found; other stored pages give 698.50, 698.505 or 699.9 mph, not the row's 698.508 mph (1,124.14 km/h)",
    ("airspeed_records", "1953-north-american-f-86d-barnes", "https://issuhub.com/view/index/8898?pageIndex=111"):
        "unlicensed page copy of FlyPast (Feb 2018); the publisher's page was not found; TIME's report (715.7 mph) is stored only on a bare-IP mirror, not on time.com",
    ("airspeed_records", "1957-mcdonnell-jf-101a-drew", "https://www.thisdayinaviation.com/2017/12/12/"):
        "date archive, not the post; the post's permalink was not found; other stored pages give only 1,207.6 mph (rounded) or a wrong date (17 Dec 1957)",
    ("airspeed_records", "1965-lockheed-yf-12a", "https://www.dailymotion.com/video/x9ykmfq"):
        "video; the official USAF page found (aftc.af.mil) gives 2,062 mph, not the row's 2,070 mph, so it cannot replace it",
    ("api_prices", "gemini-1-0-pro", "https://ai.google.dev/pricing"):
        "live pricing page for a 2023/2024 price; no archived snapshot or announcement stating $0.50/$1.50 per M tokens was seen",
    ("api_prices", "gemini-1-5-pro", "https://ai.google.dev/pricing"):
        "live pricing page for a May 2024 price; the stored copy of the 30 May 2024 Google developers blog post ends before its price section (the corpus keeps page openings), and no 2024 archived snapshot of the pricing page was found",
    ("api_prices", "gemini-1-5-flash", "https://ai.google.dev/pricing"):
        "live pricing page for a May 2024 price; the stored copy of the 30 May 2024 Google developers blog post ends before its price section (the corpus keeps page openings), and no 2024 archived snapshot of the pricing page was found",
    ("arc_agi_scores", "arc1-gpt-5-high", "https://news.omeganext.com/en/article/2025-08-07-grok-4-edges-out-gpt-5-in-complex-reasoning-benchmark-arc-agi"):
        "copy of a The Decoder report; neither The Decoder's page nor an ARC Prize post or results page with these figures was found in a stored source",
    ("arc_agi_scores", "arc2-gpt-5-high", "https://news.omeganext.com/en/article/2025-08-07-grok-4-edges-out-gpt-5-in-complex-reasoning-benchmark-arc-agi"):
        "copy of a The Decoder report; neither The Decoder's page nor an ARC Prize post or results page with these figures was found in a stored source",
    ("arc_agi_scores", "arc1-berman-2025", "https://nitter.app/arcprize"):
        "X proxy of an account page; the post's x.com/arcprize/status/<id> URL was not found, and Berman's own Substack post (jeremyberman.substack.com/p/how-i-got-the-highest-score-on-arc-agi-again) is cited elsewhere but no stored copy of it was found (only a scraped copy)",
    ("arc_agi_scores", "arc2-berman-2025", "https://nitter.app/arcprize"):
        "X proxy of an account page; the post's x.com/arcprize/status/<id> URL was not found, and Berman's own Substack post (jeremyberman.substack.com/p/how-i-got-the-highest-score-on-arc-agi-again) is cited elsewhere but no stored copy of it was found (only a scraped copy)",
    ("arc_agi_scores", "arc2-o1-high-at-launch", "https://arcprize.org/?task=3aa6fb7a"):
        "task viewer on the live home page; the launch table was seen only there (not in the launch blog post's stored text)",
    ("arc_agi_scores", "arc2-architects-2024-at-launch", "https://arcprize.org/?task=3aa6fb7a"):
        "task viewer on the live home page; the launch table was seen only there (not in the launch blog post's stored text)",
    ("arc_agi_scores", "arc2-deepseek-r1-at-launch", "https://arcprize.org/?task=3aa6fb7a"):
        "task viewer on the live home page; the launch table was seen only there (not in the launch blog post's stored text)",
    ("cpu_clock_milestones", "intel-i486dx2-66", "https://vuink.com/post/qsned-d-dubzrvc-d-darg/intel-486dx2-cpu"):
        "ROT13 proxy of dfarq.homeip.net; the original post was not seen in a stored copy",
    ("cpu_clock_milestones", "intel-pentium-pro", "http://freedictionary.org/?Query=Pentium+Pro"):
        "FOLDOC re-served by a dict gateway; foldoc.org's own entry was not seen in a stored copy",
    ("since_publication", "ai-2027-scenario", "https://ai-2027.com/"):
        "the scenario is published on the site's front page; no permalink (e.g. its PDF) was seen in a stored copy",
}


def descriptor() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def rows(resource: dict) -> list[dict]:
    with open(DATA / resource["path"], encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def patterns() -> list[tuple[str, str]]:
    """(kind, pattern) for every pattern line: 'host' for a host suffix, 're' for a regex."""
    out = []
    for line in (DATA / "forbidden_hosts.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        out.append(("host", line) if HOST.fullmatch(line) else ("re", line))
    return out


def norm(url: str) -> str:
    s = urlsplit(url.strip())
    out = f"{s.scheme.lower()}://{s.netloc.lower()}{s.path}"
    out += f"?{s.query}" if s.query else ""
    return out.rstrip("/")


def is_home_page(url: str) -> bool:
    """Front page: path empty or '/' and no query (a query such as WordPress's ?p=<n> names a post)."""
    s = urlsplit(url)
    return s.path in ("", "/") and not s.query


def problem(url: str, pats: list[tuple[str, str]]) -> str | None:
    """Why url may not be a row's source, or None."""
    s = urlsplit(url)
    if s.scheme not in ("http", "https") or not s.hostname:
        return "not an http(s) URL with a host"
    host = s.hostname.lower()
    for kind, p in pats:
        if kind == "host" and (host == p or host.endswith("." + p)):
            return f"forbidden host {p}"
        if kind == "re" and re.search(p, url):
            return f"matches forbidden pattern {p}"
    if is_home_page(url):
        return "bare home page"
    return None


def url_columns(fieldnames) -> list[str]:
    return [c for c in fieldnames if c.endswith("source_url")]


def violations() -> dict[tuple[str, str, str], str]:
    pats = patterns()
    found = {}
    for res in descriptor()["resources"]:
        for row in rows(res):
            rid = next(iter(row.values()))
            for col in url_columns(row.keys()):
                url = row[col]
                why = problem(url, pats)
                if why:
                    found[(res["name"], rid, url)] = f"{col}: {why}"
    return found


def test_pattern_file_is_well_formed():
    lines = (DATA / "forbidden_hosts.txt").read_text(encoding="utf-8").splitlines()
    pats = patterns()
    assert pats, "data/forbidden_hosts.txt has no patterns"
    for kind, p in pats:
        if kind == "re":
            re.compile(p)  # raises on a bad regex
    for i, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            assert i and lines[i - 1].startswith("#"), \
                f"data/forbidden_hosts.txt line {i + 1}: a pattern needs a '#' comment line right above it"


@pytest.mark.parametrize("url,bad", [
    ("https://www.youtube.com/watch?v=x", True), ("https://youtu.be/x", True),
    ("https://notyoutube.com/x", False), ("https://nitter.net/arcprize", True),
    ("https://x.com/arcprize", True), ("https://x.com/arcprize/status/1234567890", False),
    ("https://twitter.com/arcprize/status/1234567890", False), ("https://example.org/", True),
    ("https://example.org", True), ("https://example.org/?task=abc", True),
    ("https://example.org/?p=24610", False),
    ("https://ai.google.dev/pricing", True), ("https://www.anthropic.com/pricing", True),
    ("https://web.archive.org/web/20240601000000/https://ai.google.dev/pricing", False),
    ("https://example.org/tag/speed/", True), ("https://example.org/page/12", True),
    ("https://example.org/2017/12/12/", True), ("https://example.org/2017/12/12/a-post/", False),
    ("ftp://example.org/file", True), ("https://arxiv.org/abs/2001.08361", False),
])
def test_rule_examples(url, bad):
    assert (problem(url, patterns()) is not None) == bad, url


def test_no_new_forbidden_row_sources():
    new = {k: v for k, v in violations().items() if k not in KNOWN_UNRESOLVED}
    assert not new, "row sources that break the rule:\n" + "\n".join(
        f"  {r} {i}: {u} ({why})" for (r, i, u), why in sorted(new.items()))


def test_known_unresolved_are_still_there():
    """An entry whose row was fixed must leave KNOWN_UNRESOLVED (the list only shrinks)."""
    current = violations()
    stale = [k for k in KNOWN_UNRESOLVED if k not in current]
    assert not stale, "fixed or changed; remove from KNOWN_UNRESOLVED:\n" + "\n".join(f"  {k}" for k in stale)


@pytest.mark.parametrize("res", descriptor()["resources"], ids=lambda r: r["name"])
def test_dataset_sources_are_cited_or_the_origin(res):
    data = rows(res)
    cols = [c for c in (data[0].keys() if data else []) if c.endswith("source_url") or c == "other_sources"]
    cited = {norm(u) for row in data for c in cols for u in row[c].split()}
    for s in res.get("sources", []):
        path = s.get("path")
        if not path:
            continue
        p = norm(path)
        origin = bool(data) and all(norm(row["source_url"]).startswith(p + "/") for row in data)
        assert p in cited or origin, (
            f"{res['name']}: dataset-level source {path} is cited by no row and is not the dataset's origin")
