"""Claims that check themselves: each data-backed statement of the argument, re-tested on every build.

A claim is declared next to the values it uses, in `argument/claims*.py`:

    @claim("cpu-clock-stalled", data=("cpu_clock_milestones",), chapter="trend-lines", by="essay",
           text="The fastest base clock grew {after:.2f}x in the {years} years after {peak}, "
                "against {before:,.0f}x in the {years} years before.",
           figure="cpu-clock-speed")
    def cpu_clock_stalled(m):
        ...
        return Check(holds=after < 2 and before > 10 * after,
                     numbers={"after": after, "before": before, "years": 15, "peak": 2005},
                     working="max base MHz 2006-2020 / max base MHz in 2005 = ...")

A page writes `<!-- claim:NAME -->` where the sentence belongs; the build fills in the numbers
and adds a status mark that links to the claim's evidence on the Claims page. A claim that
stops holding fails the build, naming the claim, the data that changed since the last good
build, and its numbers before and after (`build.py build --allow-failing-claims` previews
such a site, and the pages then say in plain sight that the claim no longer holds).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.i18n import zh_format

REGISTRY: dict[str, Claim] = {}
CHAPTERS = ("scaling-laws", "trend-lines", "synthetic-data", "smaller-models", "ladder-of-generality",
            "debate", "agi-predictions")
# whose claim it is: the essay's (shown with its exact words and section; our sentence is then our
# check of it against the data) or ours (shown with the data it is computed from)
BY = {"essay": "The essay says", "annotation": "Our check"}


@dataclass
class Check:
    holds: bool
    numbers: dict
    working: str                    # the arithmetic, in words and numbers
    rows: list[str] = field(default_factory=list)  # primary keys of the rows it rests on
    working_zh: str | None = None   # the same arithmetic in Chinese, from the same numbers


@dataclass(frozen=True)
class Claim:
    name: str
    fn: Callable
    data: tuple[str, ...]
    chapter: str
    by: str
    text: str
    figure: str | None
    zh: str | None = None           # the sentence in Chinese: same placeholders, `{x!w}` for 万/亿
    quote: str | None = None        # by="essay": the essay's own words, a phrase listed in data/quotes.csv
    section: str | None = None      # by="essay": the essay's section the phrase is in (pipeline.essay.SECTIONS)


def claim(name: str, data: tuple[str, ...], chapter: str, by: str, text: str, figure: str | None = None,
          zh: str | None = None, quote: str | None = None, section: str | None = None):
    """Declare a claim. `by="essay"` needs `quote` (the essay's exact words, a short phrase from
    data/quotes.csv) and `section` (where the essay says it); `by="annotation"` is our own
    computation and takes neither."""
    def deco(fn):
        where = f"{fn.__module__.replace('.', '/')}.py: claim {name!r}"
        if name in REGISTRY:
            raise ValueError(f"{where}: declared twice")
        if chapter not in CHAPTERS:
            raise ValueError(f"{where}: unknown chapter {chapter!r} (one of {', '.join(CHAPTERS)})")
        if by not in BY:
            raise ValueError(f"{where}: by must be 'essay' or 'annotation'")
        if by == "essay" and not (quote and section):
            raise ValueError(f"{where}: an essay claim needs quote= (the essay's exact words) and section= "
                             "(where the essay says it)")
        if by == "annotation" and (quote or section):
            raise ValueError(f"{where}: our own check takes no quote or section (by='essay' for the essay's claim)")
        REGISTRY[name] = Claim(name, fn, tuple(data), chapter, by, text, figure, zh, quote, section)
        return fn
    return deco


def as_of():
    """The date the claims are checked as of: the build's SOURCE_DATE_EPOCH (the last commit),
    so that a checkout always gives the same result (one rule for claims, values and figures:
    pipeline.dates.as_of)."""
    from pipeline import dates

    return dates.as_of()


def modules(root: Path) -> list[Path]:
    return sorted((root / "argument").glob("claims*.py"))


def _plain(x):
    if hasattr(x, "item"):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    if hasattr(x, "isoformat"):
        return x.isoformat()[:10]
    return x


def compute(root: Path, res: dict, out: Path) -> dict:
    """Run every claim's check on the current data; write claims.json into `out` (atomically)."""
    from pipeline import essay
    from pipeline.values import load_modules, results, write_json

    REGISTRY.clear()
    load_modules(modules(root))
    result = {}
    for c, check in results(REGISTRY.values(), res, lambda c: f"argument: claim {c.name!r}", ": its check"):
        where = f"argument: claim {c.name!r}"
        said = None
        if c.by == "essay":
            row = essay.essay_quote(root, c.quote)
            if row is None:
                raise ValueError(f"{where}: its quote {c.quote!r} is not a phrase of the essay listed in data/quotes.csv")
            if row["section"] != c.section:
                raise ValueError(f"{where}: its quote is in the essay's section {row['section']!r}, "
                                 f"not {c.section!r} (data/quotes.csv)")
            said = {"quote": c.quote, "section": c.section, "section_title": essay.section_title(c.section),
                    "section_url": essay.section_url(c.section)}
        if not isinstance(check, Check):
            raise ValueError(f"{where}: its check must return a Check, not {type(check).__name__}")
        numbers = {k: _plain(v) for k, v in check.numbers.items()}
        try:
            sentence = c.text.format(**numbers)
            sentence_zh = zh_format(c.zh, numbers) if c.zh else None
        except (KeyError, ValueError, IndexError) as e:
            raise ValueError(f"{where}: the sentence names {e}, which the check's numbers do not give") from e
        result[c.name] = {
            "name": c.name, "chapter": c.chapter, "by": c.by, "sentence": sentence, "sentence_zh": sentence_zh, "holds": bool(check.holds),
            "numbers": numbers, "working": check.working,
            "working_zh": check.working_zh, "rows": [str(r) for r in check.rows],
            "figure": c.figure, "essay": said,
            "data": [{"resource": d, "path": res[d].rel, "version": res[d].descriptor.get("version"),
                      "digest": res[d].digest} for d in c.data],
        }
    write_json(out, "claims.json", result)
    return result


def failing(claims: dict) -> list[str]:
    return sorted(n for n, c in claims.items() if not c["holds"])


def failure_report(claims: dict, before: dict | None) -> str:
    """Each claim that no longer holds: what changed in its data, its numbers before and after."""
    lines = []
    for name in failing(claims):
        c = claims[name]
        lines.append(f"claim {name!r} ({c['chapter']}, {BY[c['by']].lower()}) no longer holds: {c['sentence']}")
        old = (before or {}).get(name)
        if old:
            then = {d["resource"]: d for d in old["data"]}
            changed = [f"{d['path']} (v{d['version']}, content changed)" for d in c["data"]
                       if d["resource"] in then and then[d["resource"]]["digest"] != d["digest"]]
            lines.append(f"  data changed since the last good build: {', '.join(changed) or 'none (the check changed)'}")
            lines.append(f"  numbers before: {_nums(old['numbers'])}")
        else:
            lines.append(f"  data: {', '.join(d['path'] for d in c['data'])} (no earlier build to compare with)")
        lines.append(f"  numbers now:    {_nums(c['numbers'])}")
        lines.append(f"  check: {c['working']}")
    lines.append("Fix the data or the claim; to preview the site anyway: build.py build --allow-failing-claims")
    return "\n".join(lines)


def _nums(numbers: dict) -> str:
    return ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in numbers.items())
