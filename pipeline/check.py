"""`build.py check`: the site is reproducible, the released versions are intact, every internal
link and anchor resolves.

1. Two clean builds from a copy of the checkout (no cache, no public/), in two temporary
   folders and with different terminal widths, must be identical byte for byte: every
   file, sitemaps and archives included. The first is built in another world: the
   timezone Pacific/Kiritimati (UTC+14), the Chinese locale, an empty fontconfig and, where the
   check can (as root, with util-linux `unshare`), no system font at all: the system's font
   folders are covered by an empty one in a private mount namespace.
2. Every file recorded in releases/ledger.json still matches its hash.
3. In the built site, every internal href/src (pages, assets, downloads) names a file that
   exists, and every #fragment names an element id on the target page.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP = {".git", ".venv", ".cache", "public", "public.old", "_artifacts", "__pycache__", ".pytest_cache",
        "node_modules"}


def tree_digest(path: Path) -> dict[str, str]:
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
ELSEWHERE = {"TZ": "Pacific/Kiritimati", "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}


def can_hide_fonts() -> bool:
    """Whether a build can be run with the system's fonts hidden (root, and a mount namespace)."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


def _without_fonts(cmd: list[str], empty: Path) -> list[str]:
    dirs = " ".join(f'"{os.path.expanduser(d)}"' for d in FONT_DIRS)
    script = (f'for d in {dirs}; do if [ -d "$d" ]; then mount --bind "{empty}" "$d" || exit 97; fi; done; '
              'exec "$@"')
    return ["unshare", "-m", "sh", "-c", script, "sh", *cmd]


def locale_installed(name: str) -> bool:
    """Whether the C library has the locale `name` (a build asked for a missing one silently
    runs in C, which would make the locale part of the check prove nothing)."""
    import locale

    old = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, name)
        return True
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_ALL, old)


def clean_build(root: Path, dest: Path, columns: str, elsewhere: bool = False, hide_fonts: bool = False) -> Path:
    """A clean build of a copy of `root` in `dest`. `elsewhere`: in another timezone and locale,
    with an empty fontconfig, and (`hide_fonts`, see can_hide_fonts) without the system's fonts."""
    shutil.copytree(root, dest, ignore=lambda d, names: [n for n in names if n in SKIP])
    env = {**os.environ, "COLUMNS": columns}
    env.pop("SCALING_MANIFEST", None)
    from pipeline.build import source_date_epoch

    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    cmd = [sys.executable, str(dest / "build.py"), "build"]
    if elsewhere:
        empty = dest.parent / "no-fonts"
        empty.mkdir(exist_ok=True)
        (empty / "fonts.conf").write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
        env.update(ELSEWHERE, FONTCONFIG_FILE=str(empty / "fonts.conf"))
        if hide_fonts:
            cmd = _without_fonts(cmd, empty / "none")
            (empty / "none").mkdir(exist_ok=True)
    r = subprocess.run(cmd, cwd=dest, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"clean build in {dest} failed:\n{r.stdout}{r.stderr}")
    return dest / "public"


def compare(a: dict, b: dict) -> list[str]:
    problems = [f"only in the first build: {k}" for k in sorted(a.keys() - b.keys())]
    problems += [f"only in the second build: {k}" for k in sorted(b.keys() - a.keys())]
    problems += [f"differs between two clean builds: {k}" for k in sorted(a.keys() & b.keys()) if a[k] != b[k]]
    return problems


class _Page(HTMLParser):
    ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        want = self.ATTRS.get(tag)
        if want and a.get(want):
            self.refs.append(a[want])
        for key in ("data-spec", "data-spec-dark", "data-runtime"):  # the figures' live specs and runtime
            if a.get(key):
                self.refs.append(a[key])


def links(site: Path, site_url: str = "") -> tuple[list[str], int]:
    """Every internal reference of every HTML page resolves to a file (and an id, for fragments)."""
    pages: dict[str, _Page] = {}
    for f in sorted(site.rglob("*.html")):
        p = _Page()
        p.feed(f.read_text(encoding="utf-8"))
        pages[f.relative_to(site).as_posix()] = p
    base_path = urlsplit(site_url).path if site_url else "/"
    problems, checked = [], 0
    for rel, page in pages.items():
        for ref in page.refs:
            u = urlsplit(ref)
            if u.scheme in ("mailto", "data", "javascript") or (u.scheme and not ref.startswith(site_url or "\0")):
                continue
            if u.netloc and not ref.startswith(site_url or "\0"):
                continue
            path = unquote(u.path)
            if ref.startswith(site_url or "\0") and site_url:
                path = "/" + path[len(base_path):].lstrip("/") if path.startswith(base_path) else path
                target = path.lstrip("/")
            elif path.startswith("/"):
                target = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
            elif path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            else:
                target = rel
            if target in (".", ""):
                target = "index.html"
            f = site / target
            if f.is_dir():
                f = f / "index.html"
            checked += 1
            where = f"{rel}: link {ref!r}"
            if target.startswith("../") or not f.is_file():
                problems.append(f"{where}: no such file in the site")
                continue
            if u.fragment:
                key = f.relative_to(site).as_posix()
                if key in pages and unquote(u.fragment) not in pages[key].ids:
                    problems.append(f"{where}: no element with id {u.fragment!r} on {key}")
    return problems, checked


def run(root: Path, site_url: str, say=print, against: Path | None = None) -> int:
    """Every check; prints what it did and each problem; returns the number of problems.
    `against`: a site already built from a clean copy of this same tree (CI has one), which
    stands in for the second clean build."""
    from pipeline.release import load_ledger, verify

    n = 0
    with tempfile.TemporaryDirectory(prefix="check-") as tmp:
        say("check 1/3: two clean builds of this checkout, compared byte for byte"
            + (f" (the second: {against})" if against else ""))
        hidden = can_hide_fonts()
        real = ("installed" if locale_installed(ELSEWHERE["LC_ALL"]) else
                "not installed here, so the C locale stands in: `locale-gen` it to make this part real")
        say(f"  the first in TZ={ELSEWHERE['TZ']}, LC_ALL={ELSEWHERE['LC_ALL']} ({real}), an empty FONTCONFIG_FILE and "
            + ("no system fonts (their folders hidden in a private mount namespace)" if hidden else
               "the system fonts still visible (hiding them needs root and unshare)"))
        first = clean_build(root, Path(tmp) / "a", "57", elsewhere=True, hide_fonts=hidden)
        a = tree_digest(first)
        b = tree_digest(against or clean_build(root, Path(tmp) / "b", "200"))
        problems = compare(a, b)
        for p in problems:
            say(f"  {p}")
        say(f"  {len(a)} files, {'identical' if not problems else f'{len(problems)} differences'}"
            f" (sitemap.xml.gz {'included' if 'sitemap.xml.gz' in a else 'MISSING'})")
        n += len(problems) + ("sitemap.xml.gz" not in a)
        say("check 2/3: released versions against releases/ledger.json")
        bad = verify(root)
        count = sum(len(v["files"]) for vs in load_ledger(root)["figures"].values() for v in vs)
        for p in bad:
            say(f"  {p}")
        say(f"  {count} released files, {'all match' if not bad else f'{len(bad)} do not match'}")
        n += len(bad)
        say("check 3/3: internal links and anchors of the built site")
        problems, checked = links(first, site_url)
        for p in problems:
            say(f"  {p}")
        say(f"  {checked} links checked, {'all resolve' if not problems else f'{len(problems)} broken'}")
        n += len(problems)
    return n
