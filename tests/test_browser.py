"""In Debian's Chromium: every figure renders and goes live, tooltips appear on hover,
no console errors, and no request leaves 127.0.0.1."""
from __future__ import annotations

import json
import re
from html import escape as html_escape
from urllib.parse import urljoin, urlparse

import pytest
from browser import browser, go_live, pages, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def session(chromium, public):
    with serve(public) as base, browser() as b:
        yield base, b


def visit(session, path, **ctx):
    base, b = session
    page = b.new_page(**ctx)
    log = {"errors": [], "requests": []}
    page.on("console", lambda m: m.type in ("error", "warning") and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.goto(base + path)
    page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
    return page, log


def figures_on(public):
    found = {}
    for path in pages(public):
        html = (public / path / "index.html").read_text()
        n = html.count('<figure class="fig"')
        if n:
            found[path] = n
    return found


def test_every_figure_goes_live_with_tooltips_and_nothing_leaves_loopback(public, session):
    figs = figures_on(public)
    # every figure is placed in a chapter; its own page and version pages repeat the same chart
    # (a figure page and its versions go live in tests/test_a11y.py's sample), so hover on the chapters and one figure page
    placed = {p: n for p, n in figs.items() if not p.startswith(("figures/", "zh/"))}
    placed["zh/chapters/trend-lines/"] = figs["zh/chapters/trend-lines/"]  # the Chinese charts go live too
    placed["figures/cpu-clock-speed/"] = figs["figures/cpu-clock-speed/"]
    slugs = {s for p in placed for s in re.findall(r'<figure class="fig" id="fig-([a-z0-9-]+)"',
                                                    (public / p / "index.html").read_text())}
    assert slugs == {p.split("/")[1] for p in figs if p.startswith("figures/") and p.count("/") == 2}
    for path, count in placed.items():
        page, log = visit(session, path, viewport={"width": 1200, "height": 900})
        figures = page.locator("figure.fig")
        assert figures.count() == count
        for i in range(count):
            fig = figures.nth(i)
            go_live(page, fig)
            assert fig.locator(".fig-live svg").count() == 1
            assert fig.locator(".fig-static").is_hidden()
            # hover the data points one by one until a tooltip shows
            marks = fig.locator(".fig-live svg path[role='graphics-symbol'], "
                                ".fig-live svg .mark-symbol path")
            assert marks.count() > 5, "live chart has point marks"
            shown = False
            for j in range(min(marks.count(), 30)):
                marks.nth(j).hover(force=True)
                tip = page.locator("#vg-tooltip-element.visible")
                if tip.count() and tip.inner_text().strip():
                    shown = True
                    break
            assert shown, f"{path}: no tooltip on figure {i + 1}"
        assert log["errors"] == [], log["errors"]
        hosts = {urlparse(u).hostname for u in log["requests"] if not u.startswith(("data:", "blob:"))}
        assert hosts == {"127.0.0.1"}, hosts
        page.close()


def test_figures_readable_without_javascript(session, public):  # the browser first: no build when it is missing
    base, b = session
    ctx = b.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base + "chapters/trend-lines/")
    page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
    imgs = page.locator("figure.fig .fig-light")
    assert imgs.count() >= 2
    for i in range(imgs.count()):
        imgs.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=imgs.nth(i).element_handle())
        assert imgs.nth(i).get_attribute("alt")
    ctx.close()


def test_prose_numbers_come_from_data(public):
    values = {}
    for d in (public.parent / ".cache" / "values").glob("*/values.json"):
        values = json.loads(d.read_text())
    claims = json.loads((public / "claims" / "claims.json").read_text())
    html = (public / "chapters" / "trend-lines" / "index.html").read_text()
    # numbers reach the prose as values (computed at build time) or inside checked claims
    assert html.count('class="datum"') + html.count('class="claim-inline') >= 15
    assert f'data-value="airspeed-rows" title="Computed at build time from data/airspeed_records.csv">' \
           f'{values["airspeed-rows"]["text"]}<' in html
    sr71 = claims["airspeed-sr71-growth"]
    assert f"{values['airspeed-record-kmh']['text']} km/h" in sr71["sentence"]
    assert html_escape(sr71["sentence"]) in html


def test_figure_page_citation_versions_backlinks_and_downloads(public, session):
    base, b = session
    ctx = b.new_context(permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "figures/airspeed-record/")
    page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
    # copy the APA citation
    page.locator(".cite-copy").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    latest = json.loads((public.parent / "releases" / "ledger.json").read_text())["figures"]["airspeed-record"][-1]
    n = latest["version"]
    assert f"airspeed-record/v{n}/" in copied and f"Version {n}" in copied
    # downloads: each file arrives with its content type and exactly the published bytes
    types = {"SVG": "image/svg+xml", "PNG": "image/png", "CSV": "text/csv", "Vega-Lite spec": "application/json",
             "Notebook": ""}  # the test server has no type for .ipynb; the bytes are what matter
    for label, ctype in types.items():
        link = page.locator("figure.fig .fig-links a", has_text=label).first
        href = link.get_attribute("href")
        resp = page.request.get(urljoin(page.url, href))
        assert resp.ok and resp.headers["content-type"].startswith(ctype), (label, resp.headers)
        local = public / urlparse(urljoin(page.url, href)).path.lstrip("/")
        assert resp.body() == local.read_bytes()
        with page.expect_download() as dl:
            link.click()
        assert dl.value.suggested_filename == local.name
    # follow the version link
    page.locator("table a", has_text="v1").first.click()
    page.wait_for_url("**/figures/airspeed-record/v1/")
    assert page.locator("figure.fig").count() == 1 and "version 1" in page.title().lower()
    assert "A newer version exists" in page.locator("main").inner_text()      # v1 is no longer current
    # back to the figure page, then into the essay where the figure appears
    page.goto(base + "figures/airspeed-record/")
    page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
    page.locator("#where-it-appears-in-the-argument + ul a").first.click()
    page.wait_for_url("**/chapters/trend-lines/#fig-airspeed-record")
    assert page.locator("#fig-airspeed-record").is_visible()
    assert errors == []
    ctx.close()


# the figures with a date axis (their temporal fields: see pipeline/chart_theme.py calendar_dates)
DATED = ("airspeed-record", "alphago-self-play", "arc-scores", "small-model-compute", "tokens-per-parameter",
         "training-data-vs-stock")


def test_a_reader_in_any_timezone_sees_the_same_dates(session):
    """Issue 18: the live chart's ticks, labels and mark descriptions (what a tooltip and a screen
    reader say) are the same for a reader in Los Angeles (UTC-8), in UTC and on Kiritimati (UTC+14)."""
    seen = {}
    for tz in ("UTC", "America/Los_Angeles", "Pacific/Kiritimati"):
        for slug in DATED:
            page, log = visit(session, f"figures/{slug}/", viewport={"width": 1200, "height": 900}, timezone_id=tz)
            assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == tz
            fig = page.locator("figure.fig").first
            go_live(page, fig)
            seen[tz, slug] = page.evaluate(
                "f => [...f.querySelectorAll('.fig-live svg text, .fig-live svg [aria-label]')]"
                ".map(e => e.getAttribute('aria-label') || e.textContent)", fig.element_handle())
            assert log["errors"] == [], log["errors"]
            page.close()
    for slug in DATED:
        utc = seen["UTC", slug]
        assert any(re.search(r"\b(19|20)\d\d\b", t or "") for t in utc), f"{slug}: no date on the axis"
        for tz in ("America/Los_Angeles", "Pacific/Kiritimati"):
            diff = [(a, b) for a, b in zip(utc, seen[tz, slug]) if a != b]
            assert len(utc) == len(seen[tz, slug]) and not diff, f"{slug} in {tz}: {diff[:3]}"
