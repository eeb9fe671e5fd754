"""Real-browser helpers: Debian's Chromium driven by Playwright, and a loopback server.

Never downloads a browser. Used by the browser tests and by `python tests/browser.py
shots` (screenshots of every page in light and dark mode and at phone width).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


class _Gzip(_Quiet):
    """Like a static host in production: gzip for text, long cache lifetimes for assets, and
    connections kept alive (HTTP/1.1; http.server's default, HTTP/1.0, opens a new connection
    for every file, which no production host does and which Lighthouse's simulated throttling
    charges a round trip each)."""
    protocol_version = "HTTP/1.1"
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ipynb")

    def send_head(self):
        import gzip as gz
        import io

        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gz.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache" if path.suffix == ".html" else "public, max-age=31536000")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, gzip: bool = False):
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL. With gzip=True,
    compress text and send cache headers, as a production static host does."""
    handler = functools.partial(_Gzip if gzip else _Quiet, directory=str(directory))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/"
    finally:
        srv.shutdown()
        srv.server_close()


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if not path:
        raise RuntimeError("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright gives every launch a fresh, empty profile (user-data dir) of its own.
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=FLAGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def pages(public: Path) -> list[str]:
    """URL paths of every HTML page of the built site (404 aside)."""
    out = []
    for f in sorted(public.rglob("index.html")):
        rel = f.parent.relative_to(public).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def go_live(page, fig, timeout: int = 15000) -> None:
    """Bring a figure into view, as a reader scrolling to it, and wait for its live chart."""
    fig.scroll_into_view_if_needed()
    page.wait_for_function("f => f.dataset.state === 'live'", arg=fig.element_handle(), timeout=timeout)


def set_scheme(page, scheme: str) -> None:
    """Switch light/dark the way a reader does: with the palette toggle in the header."""
    if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme:
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)


def shots(public: Path, out: Path) -> list[Path]:
    """Full-page screenshots: light and dark at 1280 px, light and dark at 360 px."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with serve(public) as base, browser() as ctx:
        for path in pages(public):
            for scheme in ("default", "slate"):
                for w, h in ((1280, 900), (360, 740)):
                    page = ctx.new_page(viewport={"width": w, "height": h})
                    page.goto(base + path)
                    page.mouse.move(3, 3)  # a reader's first move: figures go live from then on
                    set_scheme(page, scheme)
                    page.wait_for_timeout(150)
                    # scroll through so every figure goes live
                    for y in range(0, page.evaluate("document.body.scrollHeight"), 500):
                        page.evaluate(f"window.scrollTo(0, {y})")
                        page.wait_for_timeout(60)
                    page.wait_for_timeout(800)
                    name = (path.strip("/").replace("/", "_") or "home") + f"-{scheme}-{w}.png"
                    page.screenshot(path=str(out / name), full_page=True)
                    made.append(out / name)
                    page.close()
    return made


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    for p in shots(root / "public", root / "tests" / "_artifacts" / "shots"):
        print(p)
