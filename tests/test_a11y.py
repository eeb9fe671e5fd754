"""Accessibility in Debian's Chromium: axe-core (pinned in tools/, `make tools`) finds no
WCAG 2.0/2.1 A and AA violation, nor any best-practice one, in light mode on one page of each
kind of the built site in both editions (every English chapter among them; A11Y_ALL=1 crawls every
page), nor in dark mode on the home page, the chapters and a figure page.

Each page is checked as a reader meets it: loaded over HTTP with its Content-Security-Policy
in force, scrolled through so that every figure goes live, then scrolled back to the top.
axe is injected through the DevTools protocol (an init script), which the policy does not
govern, so the page itself runs exactly as it would for a reader."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser import browser, pages, serve, set_scheme
from conftest import CI, ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
DARK_FIGURE = "figures/cpu-clock-speed/"

RUN_AXE = """async tags => {
    const r = await axe.run(document, {runOnly: tags, resultTypes: ['violations']});
    return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' >> ')),
        summaries: v.nodes.slice(0, 3).map(n => n.failureSummary)}));
}"""


@pytest.fixture(scope="session")
def axe_path() -> Path:
    """axe-core from tools/. Missing: a failure under CI=true, a skip elsewhere."""
    if not AXE.exists():
        msg = f"{AXE.relative_to(ROOT)} is missing (run `make tools`)"
        if CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return AXE


def site_prefix(public: Path) -> str:
    """The path the site is published under (site_url's path, e.g. "book/"): 404.html links
    its assets absolutely, so the site is served under that path, as it is deployed."""
    m = re.search(r"^site_url:\s*['\"]?([^'\"\s]+)", (public.parent / "mkdocs.yml").read_text(), re.M)
    path = urlparse(m.group(1)).path.strip("/") if m else ""
    return path + "/" if path else ""


@pytest.fixture(scope="module")
def session(chromium, public, axe_path, tmp_path_factory):
    prefix, root = site_prefix(public), public
    if prefix:
        root = tmp_path_factory.mktemp("a11y-root")
        (root / prefix).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix.rstrip("/")).symlink_to(public, target_is_directory=True)
    with serve(root) as base, browser() as b:
        yield base + prefix, b


def tab(b, axe_path: Path):
    """A browser tab that injects axe-core and records CSP violations in every page it loads
    (init scripts run again in each new document). One per crawler: a context per page cost
    a third of the crawl."""
    ctx = b.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_init_script(path=str(axe_path))
    # the same visit also proves "nothing leaks": no CSP violation, no off-origin request
    ctx.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))")
    page = ctx.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    return page


def audit(page, base: str, path: str, scheme: str) -> list[dict]:
    """axe's violations on one page in one colour scheme, loaded in `page` (a `tab()`)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    requests = page.requests = []
    page.goto(base + path)
    # a reader's first move: figures go live from then on (a move to where the pointer
    # already is would not count, so alternate)
    page.moves = getattr(page, "moves", 0) + 1
    page.mouse.move(3, 3 + page.moves % 2)
    page.wait_for_load_state("load")
    set_scheme(page, scheme)
    # bring every figure into view, as a reader scrolling through would, so that each goes live
    # (two frames each: the figure's IntersectionObserver reports at a frame)
    page.evaluate("""async () => {
        const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        for (const f of document.querySelectorAll('figure.fig')) { f.scrollIntoView({block: 'center'}); await frame(); }
        window.scrollTo(0, document.body.scrollHeight); await frame();
    }""")
    if page.locator("figure.fig").count():
        try:
            # a function, not a bare expression: Playwright re-evaluates a bare expression
            # with eval() on every poll, which this site's CSP rightly blocks (and reports)
            page.wait_for_function("() => [...document.querySelectorAll('figure.fig')]"
                                   ".every(f => f.dataset.state === 'live')", timeout=15000)
        except Exception:  # a figure that never goes live is test_browser's to report
            pass
    page.evaluate("window.scrollTo(0, 0)")
    # blocks below the fold are skipped until they near the viewport (content-visibility: auto): a
    # reader sees each one drawn, but axe reads colours by hit-testing in one synchronous pass, and
    # a skipped block's text cannot be hit (axe then reports whatever lies under it). Draw them all.
    # Three frames on, the scroll has been reported (Material starts the header's cross-fade then).
    page.evaluate("""async () => {
        for (const e of document.querySelectorAll('.md-content__inner *'))
            if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
        for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(r));
    }""")
    # let colour transitions finish before colours are read (axe reads a half-faded colour as it
    # is; the header's title cross-fades, site name / page title); the header's 400 ms slide
    # (transform) changes no colour. And let the blocks just drawn report their size: a box that
    # scrolls sideways becomes a tab stop then (figures.js). If either never happens, axe says so.
    try:
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running'"
                               " || a.transitionProperty === 'transform') && [...document.querySelectorAll("
                               "'.md-typeset__scrollwrap > .md-typeset__table')].every(b => b.hasAttribute('tabindex')"
                               " || b.scrollWidth <= b.clientWidth + 1)", timeout=3000)
    except Exception:
        pass
    assert page.evaluate("typeof axe") == "object", f"{path}: axe-core was not injected"
    found = page.evaluate(RUN_AXE, TAGS)
    if scheme == "default":  # no sideways scrolling on a 360 px phone, live charts included
        page.set_viewport_size({"width": 360, "height": 740})
        if page.locator("figure.fig").count():
            page.wait_for_timeout(250)  # the charts' resize handler is debounced (150 ms)
        over = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if over > 0:
            found.append({"id": "overflow-360", "impact": "serious", "targets": [],
                          "help": f"the page scrolls {over} px sideways at 360 px"})
    leaks = [f"CSP violation: {v}" for v in page.evaluate("window.__csp")]
    leaks += [f"request off the origin: {u}" for u in requests
              if not u.startswith(("data:", "blob:")) and urlparse(u).hostname != "127.0.0.1"]
    return found + [{"id": "leak", "impact": "critical", "help": x, "targets": []} for x in leaks]


def report(found: dict[tuple[str, str], list[dict]]) -> str:
    lines = []
    for (path, scheme), violations in found.items():
        if not violations:
            continue
        lines.append(f"/{path} [{'dark' if scheme == 'slate' else 'light'}]:")
        for v in violations:
            more = len(v["targets"]) - 3
            targets = ", ".join(v["targets"][:3]) + (f" (+{more} more)" if more > 0 else "")
            lines.append(f"  {v['id']} ({v['impact']}): {v['help']} -- {targets}")
    by_rule: dict[str, list[str]] = {}
    for (path, _), violations in found.items():
        for v in violations:
            by_rule.setdefault(f"{v['id']} ({v['impact']})", []).append("/" + path)
    n = sum(1 for vs in found.values() if vs)
    summary = [f"  {rule}: {len(ps)} page(s)" for rule, ps in sorted(by_rule.items())]
    return "\n".join([f"axe violations on {n} of {len(found)} page(s):", *summary, *lines])


def _crawl(base: str, axe_path: Path, paths: list[str], scheme: str) -> dict:
    """One browser of its own (Playwright's sync API is per thread)."""
    with browser() as b:
        page = tab(b, axe_path)
        return {(p, scheme): audit(page, base, p, scheme) for p in paths}


def check(session, axe_path, paths, scheme):
    """Two browsers at once, each taking every other page: the crawl is mostly waiting."""
    from concurrent.futures import ThreadPoolExecutor

    base, _ = session
    n = 2
    with ThreadPoolExecutor(max_workers=n) as pool:
        parts = list(pool.map(lambda share: _crawl(base, axe_path, share, scheme), [paths[i::n] for i in range(n)]))
    found = {k: v for part in parts for k, v in part.items()}
    found = {(p, scheme): found[(p, scheme)] for p in paths}
    # the whole result, for reading at leisure (tests/_artifacts/ is git-ignored)
    out = ROOT / "tests" / "_artifacts" / f"axe-{'dark' if scheme == 'slate' else 'light'}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"/" + p: vs for (p, _), vs in found.items()}, indent=1))
    if any(found.values()):
        pytest.fail(report(found), pytrace=False)


# One page of each kind the templates make, in both editions: what a template gets wrong, it gets
# wrong on every page of its kind, so this sample catches the template-level defects a full crawl
# (A11Y_ALL=1, every page: about 3 minutes more) catches. The English chapters are all here: between
# them they draw every chart (a chart's own colours and labels are not a template's).
KINDS = ["", "cite/", "scorecard/", "claims/", "figures/", "data/", "data/airspeed_records/",
         "figures/cpu-clock-speed/", "figures/cpu-clock-speed/v1/", "figures/youtube-back-of-envelope/",
         "zh/", "zh/chapters/trend-lines/", "zh/cite/", "zh/scorecard/", "zh/claims/", "zh/figures/",
         "zh/figures/cpu-clock-speed/", "zh/figures/cpu-clock-speed/v1/", "zh/data/",
         "zh/data/since_publication/"]


def crawled(public) -> list[str]:
    """The suite's sample: every English chapter, one page of each other kind in both editions
    (home, citing, scorecard, claims, gallery, data index, a dataset, a figure page, a superseded
    version with its frozen chart, a figure's latest version), and 404 (added by the test)."""
    every = pages(public)
    if os.environ.get("A11Y_ALL"):  # every page of the site
        return every
    versions = sorted((p for p in every if re.fullmatch(r"figures/youtube-back-of-envelope/v\d+/", p)),
                      key=lambda p: int(p.split("/")[2][1:]))
    chapters = [p for p in every if p.startswith("chapters/")]
    assert len(chapters) >= 7 and versions, "the site has its chapters and the figure's versions"
    sample = KINDS[:1] + chapters + KINDS[1:] + versions[-1:]
    missing = [p for p in sample if p not in every]
    assert not missing, f"pages of the sample the site no longer has: {missing}"
    return sample


def test_axe_finds_no_violation_on_each_kind_of_page_in_light_mode(public, session, axe_path):
    paths = crawled(public) + ["404.html"]
    check(session, axe_path, paths, "default")


def test_axe_finds_no_violation_in_dark_mode(public, session, axe_path):
    chapters = [p for p in pages(public) if p.startswith("chapters/")]
    assert chapters and (public / DARK_FIGURE / "index.html").exists()
    check(session, axe_path, ["", *chapters, DARK_FIGURE, "zh/", "zh/chapters/trend-lines/"], "slate")
