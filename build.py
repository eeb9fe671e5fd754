#!/usr/bin/env python3
"""The one entry point.

    python build.py            build the site into public/ (only stale figures are rebuilt)
    python build.py build --force --jobs N
    python build.py check      two clean builds compared byte for byte, the release ledger
                               verified, every internal link and anchor resolved
    python build.py serve      preview with live reload (a saved CSV or figure module
                               rebuilds just the affected figures, then the page reloads)
    python build.py new figure NAME [--data RESOURCE --x COL --y COL --page PAGE]
                               write a working figure module and place it on a page
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from pipeline import store  # noqa: E402
from pipeline.build import (  # noqa: E402
    BuildError,
    BuildLock,
    PublicChanged,
    clear_leftovers,
    figure_stage,
    publish,
    site_stage,
    source_date_epoch,
)
from pipeline.claims import failing, failure_report  # noqa: E402
from pipeline.data import DataError  # noqa: E402

PAGE_CACHES = ("markdown", "search", "cite", "jinja")  # .cache/ folders the page build reads


def build(root: Path = ROOT, public: Path | None = None, jobs: int | None = None,
          force: bool = False, console=None, allow_failing_claims: bool = False,
          time_limit: float | None = None) -> dict:
    """Validate, build figures, check claims, build pages into a staging folder, swap it in.
    All or nothing."""
    t0 = time.perf_counter()
    public = public or root / "public"
    cache = root / ".cache"
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    shown = public.relative_to(root).as_posix() if public.is_relative_to(root) else str(public)
    if public.is_symlink() or (public.exists() and not public.is_dir()):
        what = "a symbolic link" if public.is_symlink() else "a file"
        raise BuildError(f"{shown}: {what}, not a folder: the build publishes by swapping a whole folder in, and "
                         "will not replace or write through it; remove it, or build elsewhere with --public PATH")
    store.DAMAGED.clear()
    with BuildLock(cache / "build.lock"):
        clear_leftovers(cache)
        if force:  # nothing cached is trusted: the page caches go too
            for kind in PAGE_CACHES:
                shutil.rmtree(cache / kind, ignore_errors=True)
        stage_result = figure_stage(root, cache, jobs=jobs, force=force, console=console, limit=time_limit,
                                    public=public)
        claims = stage_result.manifest.get("claims", {})
        if failing(claims) and not allow_failing_claims:
            before = public / "claims" / "claims.json"
            raise BuildError(failure_report(claims, json.loads(before.read_text()) if before.exists() else None))
        work = Path(tempfile.mkdtemp(prefix="stage-", dir=cache))
        try:
            manifest = work / "manifest.json"
            manifest.write_text(json.dumps(stage_result.manifest), encoding="utf-8")
            site_stage(root, manifest, work / "site")
            publish(work / "site", public)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    warnings = [f"{m['path'].removesuffix('.py')}.yml: its Chinese label {k!r} (labels) is drawn nowhere in the chart "
                "(a row removed, or its text changed?): update the entry or remove it"
                for m in stage_result.manifest["figures"].values() for k in m.get("zh_unused_labels", [])]
    warnings += store.DAMAGED
    return {"built": stage_result.built, "reused": stage_result.reused, "failing_claims": failing(claims),
            "warnings": warnings,
            "figure_seconds": round(stage_result.seconds, 3), "spent": stage_result.spent,
            "seconds": round(time.perf_counter() - t0, 3)}


def release(root: Path, date: str, console=None) -> tuple[list[str], list[str]]:
    """Record new versions of changed figures in releases/, then build the site with them.
    Returns the new versions and the build's warnings."""
    from pipeline.release import release as record

    with BuildLock(root / ".cache" / "build.lock"):
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
        stage = figure_stage(root, root / ".cache", console=console)
        made = record(root, stage.manifest, date)
    return made, build(root, console=console)["warnings"]


def serve(root: Path, port: int) -> None:
    """Preview with live reload: mkdocs' reload server, whose builder is the build's own two
    stages (the stale figures, then the pages of both editions), so a saved CSV, figure module or
    page shows in the open tab. A failed rebuild is reported and the last good preview stays."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    import logging
    from urllib.parse import urlsplit

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url
    from rich.logging import RichHandler

    logging.basicConfig(level=logging.INFO, format="%(message)s", handlers=[RichHandler(show_path=False)])
    cache = root / ".cache"
    # the preview writes the same cache a build does: one of them at a time
    with BuildLock(cache / "build.lock", holder="serve"):
        clear_leftovers(cache)
        work = Path(tempfile.mkdtemp(prefix="mkdocs_"))
        manifest, site_dir = work / "manifest.json", work / "site"
        os.environ["SCALING_MANIFEST"] = str(manifest)

        def config():
            c = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), dev_addr=f"127.0.0.1:{port}")
            c.site_url = _serve_url(c.dev_addr.host, c.dev_addr.port, urlsplit(c.site_url or "/").path)
            return c

        def builder(c=None):
            try:
                stage = figure_stage(root, cache)
            except (BuildError, DataError) as e:
                if c is not None:  # the first build: serve stops, saying why
                    raise
                logging.getLogger("mkdocs").error(str(e))  # a rebuild: said, and the last good preview stays
                return
            store.write_text_atomic(manifest, json.dumps(stage.manifest))
            c = c or config()
            mkdocs_build(c, serve_url=c.site_url)

        first = config()
        first.plugins.on_startup(command="serve", dirty=False)
        server = LiveReloadServer(builder=builder, host=first.dev_addr.host, port=first.dev_addr.port,
                                  root=str(site_dir), mount_path=urlsplit(first.site_url).path)
        try:
            builder(first)
            for path in (first.docs_dir, first.config_file_path, root / "data", root / "figures", root / "pipeline"):
                server.watch(str(path))
            server = first.plugins.on_serve(server, config=first, builder=builder)
            try:
                server.serve()
            except KeyboardInterrupt:
                logging.getLogger("mkdocs").info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            first.plugins.on_shutdown()
            shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd")
    b = sub.add_parser("build", help="build the site into public/ (default)")
    b.add_argument("--force", action="store_true", help="rebuild every figure, ignoring the cache")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                   help="stop a figure, image or notebook task that runs longer (default: 300)")
    b.add_argument("--public", type=Path, default=None, help="output folder (default: public/)")
    b.add_argument("--allow-failing-claims", action="store_true",
                   help="preview: build even when a claim no longer holds (the pages then say so)")
    rl = sub.add_parser("release", help="record a new version of every figure whose content changed")
    rl.add_argument("--date", default=None, help="release date, YYYY-MM-DD (default: today, UTC)")
    ck = sub.add_parser("check", help="two clean builds compared byte for byte, the release ledger verified, "
                                      "every internal link and anchor resolved")
    ck.add_argument("--against", type=Path, default=None, metavar="PUBLIC",
                    help="a site already built from a clean copy of this tree: compared with one new clean build "
                         "instead of building twice")
    nw = sub.add_parser("new", help="scaffold: write a working figure module and place it on a page")
    nw.add_argument("kind", choices=["figure"])
    nw.add_argument("name", help="the module's name, lower-case words joined by _ (its slug joins them by -)")
    nw.add_argument("--data", default="airspeed_records", help="the dataset it plots (default: airspeed_records)")
    nw.add_argument("--x", default="date", help="the column on the x axis (default: date)")
    nw.add_argument("--y", default="speed_kmh", help="the numeric column on the y axis (default: speed_kmh)")
    nw.add_argument("--page", default=None, help="a page under site/ (e.g. chapters/trend-lines.md): the figure's "
                                                  "marker is added at its end and at the end of its Chinese twin")
    s = sub.add_parser("serve", help="preview with live reload on 127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    args = p.parse_args(argv)

    from rich.console import Console
    console = Console(stderr=True)
    if args.cmd == "serve":
        try:
            serve(ROOT, args.port)
        except (BuildError, DataError) as e:
            console.print(f"[bold red]Cannot serve:[/] {e}", highlight=False, soft_wrap=True)
            return 1
        return 0
    if args.cmd == "new":
        from pipeline.figures import FigureError
        from pipeline.scaffold import new_figure

        try:
            written = new_figure(ROOT, args.name, args.data, args.x, args.y, args.page)
        except FigureError as e:
            console.print(f"[bold red]Cannot scaffold:[/] {e}", highlight=False, soft_wrap=True)
            return 1
        for path in written:
            console.print(f"wrote {path.relative_to(ROOT).as_posix()}", highlight=False)
        console.print("next: build.py build, then edit its title, caption, ALT and Chinese text", highlight=False)
        return 0
    if args.cmd == "check":
        from pipeline.build import site_url
        from pipeline.check import run as check

        n = check(ROOT, site_url(ROOT), say=lambda m: console.print(m, markup=False, highlight=False, soft_wrap=True),
                  against=args.against)
        console.print(f"check: {'all good' if n == 0 else f'{n} problem(s)'}", highlight=False)
        return 0 if n == 0 else 1
    try:
        if args.cmd == "release":
            import datetime
            date = args.date or datetime.datetime.now(datetime.UTC).date().isoformat()
            made, warnings = release(ROOT, date, console=console)
            for line in made:
                console.print(f"released {line}", highlight=False, soft_wrap=True)
            for text in warnings:
                console.print(f"[bold yellow]warning:[/] {text}", highlight=False, soft_wrap=True)
            console.print(f"release {date}: {len(made)} new version(s)", highlight=False)
            return 0
        r = build(ROOT, public=getattr(args, "public", None), jobs=getattr(args, "jobs", None),
                  force=getattr(args, "force", False), console=console,
                  allow_failing_claims=getattr(args, "allow_failing_claims", False),
                  time_limit=getattr(args, "time_limit", None))
    except DataError as e:
        console.print("[bold red]Bad data — the build stopped; public/ was left as it was.[/]")
        for prob in e.problems:
            console.print(f"  {prob}", markup=False, highlight=False, soft_wrap=True)
        return 2
    except PublicChanged as e:
        console.print("[bold red]Build failed — and public/ was changed by figure code during it:[/]")
        console.print(str(e), markup=False, highlight=False, soft_wrap=True)
        return 1
    except BuildError as e:
        console.print("[bold red]Build failed — public/ was left as it was.[/]")
        console.print(str(e), markup=False, highlight=False, soft_wrap=True)
        return 1
    except OSError as e:  # the disk refused a write (full, read-only): say which file and what to do
        said = store.disk_problem(e, ROOT)
        if said is None:
            raise
        console.print("[bold red]Build failed — public/ was left as it was.[/]")
        console.print(said, markup=False, highlight=False, soft_wrap=True)
        return 1
    for name in r["failing_claims"]:
        console.print(f"[bold yellow]warning:[/] claim {name!r} no longer holds; the pages say so (preview build)",
                      highlight=False, soft_wrap=True)
    for text in r["warnings"]:
        console.print(f"[bold yellow]warning:[/] {text}", highlight=False, soft_wrap=True)
    spent = "; ".join(f"{k} {v:.1f} s" for k, v in sorted(r["spent"].items()))
    console.print(f"built {len(r['built'])}, reused {len(r['reused'])}, {r['seconds']:.2f} s "
                  f"(figure stage {r['figure_seconds']:.2f} s" + (f"; worker time: {spent}" if spent else "") + ")"
                  + (f" — rebuilt: {', '.join(r['built'])}" if r["built"] else ""), highlight=False, soft_wrap=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
