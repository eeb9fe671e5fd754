"""Issue 8: nothing leaks. Every page carries a Content-Security-Policy that allows only the
site's own origin (hashes for Material's inline bootstraps; no eval, no inline styles), and in
Chromium no page, with its figures live, violates it or requests anything off-origin."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from browser import browser, pages, serve

pytestmark = pytest.mark.browser

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_has_a_same_origin_policy(public):
    htmls = [public / p / "index.html" for p in pages(public)] + [public / "404.html"]
    assert len(htmls) > 50
    for f in htmls:
        m = POLICY.search(f.read_text())
        assert m, f
        policy = dict(d.strip().split(" ", 1) for d in m.group(1).split(";"))
        assert policy["default-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        sources = policy["script-src"].split()
        assert sources[0] == "'self'" and all(s.startswith("'sha256-") for s in sources[1:]), sources
        assert "unsafe" not in m.group(1) and "http" not in m.group(1) and "*" not in m.group(1)


def test_no_page_violates_its_policy_or_leaves_the_origin(chromium, public):
    paths = pages(public) + ["404.html"]
    with serve(public) as base, browser() as b:
        ctx = b.new_context(viewport={"width": 1200, "height": 900})
        ctx.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                            "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))")
        seen = []
        for path in paths:
            page = ctx.new_page()
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text and errors.append(m.text))
            page.goto(base + path)
            page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
            page.wait_for_load_state("networkidle")
            for fig in page.locator("figure.fig").all():
                fig.scroll_into_view_if_needed()
                page.wait_for_function("f => f.dataset.state === 'live'", arg=fig.element_handle(), timeout=15000)
                seen.append(path)
            assert page.evaluate("window.__csp") == [] and errors == [], (path, page.evaluate("window.__csp"), errors)
            hosts = {urlparse(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
            assert hosts == {"127.0.0.1"}, (path, hosts)
            page.close()
        assert len(seen) >= 14  # every figure went live under the policy
