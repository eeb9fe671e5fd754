"""The record since publication and the scorecard computed from it.

`data/essay_claims.csv` lists the essay's claims (one row each, with its chapter);
`data/since_publication.csv` holds the dated evidence, each row naming the claim it bears on and
its stance. Everything shown about the record, the chapters' notes, the scorecard, the timeline
figure and the Atom feeds, is computed here from those two files, so a new row changes a verdict
only through the data.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

STANCES = ("supports", "challenges", "mixed")
VERDICTS = ("holding", "contested", "challenged", "too early")
# the verdict rule: the numbers it uses, once; RULE says it in words from the same numbers
MIN_EVIDENCE = 3   # fewer entries than this: too early to say
RATIO = 2          # one side must outnumber the other at least this many times ...
SHARE = 0.5        # ... and make up at least this share of all the claim's entries

RULE = {
    "en": (f"A claim with fewer than {MIN_EVIDENCE} entries in the record is *too early* to judge. Otherwise it is "
           f"*holding* when the entries that support it number at least {RATIO} times those that challenge it and "
           f"make up at least {SHARE:.0%} of its entries; *challenged* when the same is true the other way round; "
           "and *contested* in every other case. Mixed entries count towards the total but towards neither side. "
           "The rule counts entries, not their weight: one landmark result and one press report count the same, "
           "which is why each row links its evidence."),
    "zh": (f"记录中条目少于 {MIN_EVIDENCE} 条的论点，判定为*为时尚早*。否则：支持它的条目至少是挑战它的条目的 {RATIO} 倍，"
           f"并且至少占其全部条目的 {SHARE:.0%}，判定为*成立*；反过来同样成立时，判定为*受到挑战*；其他情况一律判定为"
           "*有争议*。立场不一的条目计入总数，但不计入任何一方。这条规则只数条目，不论分量：一项里程碑式的成果和一篇新闻报道"
           "算作一样多，所以每一行都链接了它的证据。"),
}
VERDICT_ZH = {"holding": "成立", "contested": "有争议", "challenged": "受到挑战", "too early": "为时尚早"}
STANCE_ZH = {"supports": "支持", "challenges": "挑战", "mixed": "立场不一"}


class RecordError(ValueError):
    """A row of the record that the data files cannot place: names file, line and column."""


@dataclass(frozen=True)
class Score:
    claim: dict
    rows: tuple[dict, ...]
    counts: dict
    verdict: str
    latest: str | None


def verdict(supports: int, challenges: int, mixed: int) -> str:
    """The verdict for a claim from the counts of its entries by stance (the rule in RULE)."""
    n = supports + challenges + mixed
    if n < MIN_EVIDENCE:
        return "too early"
    if supports >= RATIO * challenges and supports >= SHARE * n and supports > challenges:
        return "holding"
    if challenges >= RATIO * supports and challenges >= SHARE * n and challenges > supports:
        return "challenged"
    return "contested"


def _read(path: Path) -> list[tuple[int, dict]]:
    """(line, row) pairs of a CSV, the line being where the record starts (pipeline/data.py's reader)."""
    from pipeline.data import records_of

    rows = records_of(path)
    header = next(rows)
    return [(line, dict(zip(header, record))) for line, record in rows]


def load(root: Path, essay_date: str, as_of: str | None = None) -> tuple[list[dict], list[dict]]:
    """The claims and the record, with every cross-file rule checked: a row's claim must be a row of
    essay_claims.csv, its date within [essay date, as_of], and a claim's quote a checked phrase of the
    essay (data/quotes.csv). Raises RecordError naming file, line and column."""
    from pipeline.essay import quotes

    data = root / "data"
    claims = _read(data / "essay_claims.csv")
    record = _read(data / "since_publication.csv")
    known = {r["phrase"]: r for r in quotes(root) if r["by"] == "essay"}
    ids = {c["id"] for _, c in claims}
    problems = []
    for line, c in claims:
        if c["quote"] not in known:
            problems.append(f'data/essay_claims.csv: line {line}, column "quote": value "{c["quote"]}" is not a '
                            "phrase of the essay listed in data/quotes.csv; quote the essay word for word and list "
                            "the phrase there")
        if bool(c.get("then_value")) != bool(c.get("now_value")):
            problems.append(f'data/essay_claims.csv: line {line}, columns "then_value" and "now_value": give both '
                            "values or neither")
    for line, r in record:
        if r["claim"] not in ids:
            problems.append(f'data/since_publication.csv: line {line}, column "claim": value "{r["claim"]}" is not a '
                            f"claim of data/essay_claims.csv (known: {', '.join(sorted(ids))})")
        if r["date"] < essay_date or (as_of and r["date"] > as_of):
            problems.append(f'data/since_publication.csv: line {line}, column "date": value "{r["date"]}" lies '
                            f"outside the record's window, {essay_date} (the essay) to {as_of} (the record's as_of "
                            "in data/datapackage.json)")
    if problems:
        raise RecordError("\n".join(problems))
    rows = sorted((r for _, r in record), key=lambda r: (r["date"], r["id"]))
    out_claims = []
    for _, c in claims:
        q = known[c["quote"]]
        out_claims.append({**c, "section": q["section"]})
    return out_claims, rows


def scorecard(claims: list[dict], rows: list[dict]) -> list[Score]:
    """One Score a claim, in the claims' order: its entries, counts by stance, verdict and the date of
    its latest entry."""
    out = []
    for c in claims:
        mine = tuple(r for r in rows if r["claim"] == c["id"])
        n = Counter(r["stance"] for r in mine)
        counts = {s: n.get(s, 0) for s in STANCES}
        out.append(Score(c, mine, counts, verdict(counts["supports"], counts["challenges"], counts["mixed"]),
                         max((r["date"] for r in mine), default=None)))
    return out


def by_chapter(claims: list[dict], rows: list[dict]) -> dict[str, list[dict]]:
    """The record's rows by the chapter of the claim each bears on, in date order."""
    chapter = {c["id"]: c["chapter"] for c in claims}
    out: dict[str, list[dict]] = {c["chapter"]: [] for c in claims}
    for r in rows:
        out[chapter[r["claim"]]].append(r)
    return out


def _instant(day: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(day).replace(tzinfo=_dt.UTC)


def feed(site_url: str, site_name: str, lang: str, rows: list[dict], claims: list[dict], ledger: dict, titles: dict[str, str]) -> bytes:
    """The Atom feed of one edition: each record entry (linked to its place in its chapter) and each
    figure version (linked to its immutable page), newest first. Built with feedgen; every date comes
    from the data (an entry's date, a version's release date), so the same data gives the same bytes."""
    from feedgen.feed import FeedGenerator

    from pipeline.i18n import zh_changed

    base = site_url.rstrip("/") + "/" + ("" if lang == "en" else f"{lang}/")
    chapter = {c["id"]: c["chapter"] for c in claims}
    label = {c["id"]: c["claim"] if lang == "en" else c["claim_zh"] for c in claims}
    sfx = "" if lang == "en" else f"_{lang}"
    items = []
    for r in rows:
        link = f"{base}chapters/{chapter[r['claim']]}/#since-{r['id']}"
        stance = r["stance"] if lang == "en" else STANCE_ZH[r["stance"]]
        text = (f"{r['summary' + sfx]} ({'Stance' if lang == 'en' else '立场'}: {stance}; "
                f"{'claim' if lang == 'en' else '论点'}: {label[r['claim']]}) "
                f"{'Source' if lang == 'en' else '来源'}: {r['source_title']} <{r['source_url']}>")
        items.append((r["date"], f"record-{r['id']}", r["headline" + sfx], link, text))
    for slug, versions in ledger.get("figures", {}).items():
        for v in versions:
            link = f"{base}figures/{slug}/v{v['version']}/"
            title = (f"New figure version: {titles[slug]}, v{v['version']}" if lang == "en"
                     else f"图表新版本：{titles[slug]}，v{v['version']}")
            changed = v.get("changed") or ""
            items.append((v["date"], f"figure-{slug}-v{v['version']}", title, link,
                          changed if lang == "en" else zh_changed(changed)))
    items.sort(key=lambda i: (i[0], i[1]))
    fg = FeedGenerator()
    fg.id(f"{base}updates.xml")
    fg.title(f"{site_name}: updates" if lang == "en" else f"{site_name}：更新")
    fg.subtitle("New entries in the record since the essay, and new figure versions." if lang == "en"
                else "原文发表以来记录中的新条目，以及图表的新版本。")
    fg.author({"name": site_name})
    fg.link(href=base, rel="alternate")
    fg.link(href=f"{base}updates.xml", rel="self")
    fg.language(lang)
    fg.updated(_instant(items[-1][0]) if items else _instant("2024-06-27"))
    for day, _key, title, link, text in items:  # feedgen puts the last added first
        e = fg.add_entry()
        e.id(link)
        e.title(title)
        e.link(href=link, rel="alternate")
        e.published(_instant(day))
        e.updated(_instant(day))
        e.summary(text)
    return fg.atom_str(pretty=True)
