"""Lighthouse report for the reader-quality budget (a report, not a test).

Serves public/ on 127.0.0.1 and runs the pinned Lighthouse (tools/, `make tools`) in
Debian's Chromium on three pages: the home page, the longest chapter (the chapter whose
index.html is largest) and one figure page, and on their Chinese twins under zh/. Lighthouse's defaults are kept: mobile form
factor, simulated throttling, the four categories. Prints a table of the category scores
(0-100) and the transferred bytes by resource type, then, for every category below 100,
the audits that are not passing.

    make site && make tools && .venv/bin/python tests/lighthouse.py [--runs N]

With --runs N each page is measured N times and the median run (by performance score,
ties broken by Largest Contentful Paint) is reported whole, so the table and the audits
come from one run. Exits 0 whatever the scores; non-zero only if Lighthouse itself fails.
The scores, performance above all, depend on how busy the machine is.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import FLAGS, chromium_path, serve  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
FIGURE_PAGE = "figures/cpu-clock-speed/"
CATEGORIES = [("performance", "perf"), ("accessibility", "a11y"),
              ("best-practices", "best-pr"), ("seo", "seo")]
# Lighthouse's resource-summary types; font and media are folded into "other" so that the
# five columns add up to the total.
BYTE_TYPES = ["document", "script", "stylesheet", "image"]


class LighthouseFailed(RuntimeError):
    pass


def targets(public: Path) -> list[tuple[str, str]]:
    """(label, URL path) of the pages to measure."""
    chapters = sorted(public.glob("chapters/*/index.html"), key=lambda p: (-p.stat().st_size, str(p)))
    if not chapters:
        raise SystemExit(f"no chapter pages under {public}/chapters: run `make site` first")
    longest = chapters[0].parent.relative_to(public).as_posix() + "/"
    if not (public / FIGURE_PAGE / "index.html").exists():
        raise SystemExit(f"{public / FIGURE_PAGE} is missing: run `make site` first")
    pages = [("home", ""), ("longest chapter", longest), ("figure", FIGURE_PAGE)]
    # the Chinese edition's twins of the same three pages
    return pages + [(f"{label} (zh)", "zh/" + path) for label, path in pages]


def run_lighthouse(url: str, workdir: Path, tag: str) -> dict:
    """One Lighthouse run; returns the LHR (the JSON report) as a dict."""
    profile = workdir / f"profile-{tag}"
    out = workdir / f"{tag}.json"
    chrome_flags = " ".join([*FLAGS, f"--user-data-dir={profile}"])
    cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
           f"--chrome-flags={chrome_flags}"]
    env = {**os.environ, "CHROME_PATH": chromium_path() or "/usr/bin/chromium"}
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if r.returncode != 0 or not out.exists():
        raise LighthouseFailed(f"lighthouse failed on {url} (exit {r.returncode}):\n{r.stdout}\n{r.stderr}")
    lhr = json.loads(out.read_text())
    if lhr.get("runtimeError"):
        raise LighthouseFailed(f"lighthouse runtime error on {url}: {lhr['runtimeError']}")
    return lhr


def score(lhr: dict, cat: str) -> int | None:
    s = lhr["categories"].get(cat, {}).get("score")
    return None if s is None else round(s * 100)


def byte_weights(lhr: dict) -> dict[str, int]:
    items = {i["resourceType"]: i.get("transferSize", 0)
             for i in lhr["audits"]["resource-summary"]["details"]["items"]}
    total = items.get("total", 0)
    out = {"total": total, **{t: items.get(t, 0) for t in BYTE_TYPES}}
    out["other"] = total - sum(out[t] for t in BYTE_TYPES)
    return out


def median_run(runs: list[dict]) -> dict:
    def key(lhr):
        lcp = lhr["audits"].get("largest-contentful-paint", {}).get("numericValue") or 0
        return (score(lhr, "performance") or 0, -lcp)
    ordered = sorted(runs, key=key)
    return ordered[(len(ordered) - 1) // 2]


def failing_audits(lhr: dict, cat: str) -> list[dict]:
    """The category's audits with a score below 1 (informative, manual and not-applicable
    audits have no score and are left out), heaviest weight first."""
    out = []
    for ref in lhr["categories"][cat]["auditRefs"]:
        a = lhr["audits"][ref["id"]]
        if a.get("score") is not None and a["score"] < 1:
            out.append({"id": a["id"], "title": a["title"], "displayValue": a.get("displayValue", ""),
                        "score": a["score"], "weight": ref.get("weight", 0)})
    return sorted(out, key=lambda a: (-a["weight"], a["score"], a["id"]))


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def table(rows: list[list[str]], right: set[int]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median run is reported")
    ap.add_argument("--public", type=Path, default=ROOT / "public", help="the built site (default: public/)")
    ap.add_argument("--json-dir", type=Path, help="also keep every run's Lighthouse JSON report here")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make tools`", file=sys.stderr)
        return 2
    if not chromium_path():
        print("Debian's chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2

    pages = targets(args.public)
    results = []  # (label, path, chosen lhr, all perf scores)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp, serve(args.public, gzip=True) as base:
        for n, (label, path) in enumerate(pages):
            runs = []
            for k in range(args.runs):
                print(f"lighthouse {label} /{path} run {k + 1}/{args.runs} ...", file=sys.stderr, flush=True)
                try:
                    runs.append(run_lighthouse(base + path, Path(tmp), f"{n}-{k}"))
                except (LighthouseFailed, subprocess.TimeoutExpired) as e:
                    print(e, file=sys.stderr)
                    return 1
                if args.json_dir:
                    args.json_dir.mkdir(parents=True, exist_ok=True)
                    name = (path.strip("/").replace("/", "_") or "home") + f"-run{k + 1}.json"
                    (args.json_dir / name).write_text(json.dumps(runs[-1], indent=1))
            results.append((label, path, median_run(runs), [score(r, "performance") for r in runs]))

    lhr0 = results[0][2]
    print(f"Lighthouse {lhr0['lighthouseVersion']}, {lhr0['configSettings']['formFactor']}, "
          f"{lhr0['configSettings']['throttlingMethod']} throttling, {lhr0['environment']['hostUserAgent']}; "
          f"{args.runs} run(s) per page" + (", median run shown" if args.runs > 1 else ""))
    print()
    head = ["page", "perf", "a11y", "best-pr", "seo", "total", "document", "script", "stylesheet", "image", "other"]
    rows = [head]
    for label, path, lhr, _ in results:
        w = byte_weights(lhr)
        rows.append([f"{label} (/{path})",
                     *[("-" if score(lhr, c) is None else str(score(lhr, c))) for c, _ in CATEGORIES],
                     *[kb(w[t]) for t in ["total", *BYTE_TYPES, "other"]]])
    print(table(rows, right=set(range(1, len(head)))))
    if args.runs > 1:
        print()
        for label, _path, _, perfs in results:
            print(f"performance over {args.runs} runs, {label}: {', '.join(map(str, perfs))}")

    for label, path, lhr, _ in results:
        for cat, _ in CATEGORIES:
            s = score(lhr, cat)
            if s is None or s >= 100:
                continue
            print()
            print(f"{label} (/{path}) - {lhr['categories'][cat]['title']} {s}:")
            for a in failing_audits(lhr, cat):
                dv = f" [{a['displayValue']}]" if a["displayValue"] else ""
                print(f"  {a['id']}: {a['title']}{dv} (score {a['score']:.2f}, weight {a['weight']})")
        for w in lhr.get("runWarnings", []):
            print(f"  warning ({label}): {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
