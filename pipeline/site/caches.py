"""The page build's caches, in .cache/: a page's Markdown render (.cache/markdown), its search
entries (.cache/search) and the theme's compiled templates (.cache/jinja). Each render and
entries file is keyed by a hash of everything it depends on; a build keeps only the files it read
or wrote. pipeline/site/patches.py puts the first two in mkdocs' way."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from pipeline.store import cached_text, read_sealed, write_sealed

PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "mkdocs-static-i18n")


def prune_unused(folder: Path, used: set[str]) -> None:
    """A page cache keeps only what this build read or wrote (nothing, if it used none)."""
    for f in folder.glob("*.json") if used else ():
        if f.name not in used:
            f.unlink(missing_ok=True)
    used.clear()


def jinja_bytecode(env, folder: Path):
    """Each edition's build compiles the theme's templates afresh (about 0.4 s): keep the compiled
    bytecode (Jinja checks each template's source before it reuses it)."""
    from jinja2 import FileSystemBytecodeCache

    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def _name(o) -> str:  # a function in the config (the toc's slugify), by name, not address
    return f"{getattr(o, '__module__', '')}.{getattr(o, '__qualname__', type(o).__name__)}"


class _Warned(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record):
        self.seen = True


@dataclass
class MarkdownCache:
    """Markdown to HTML is the larger part of a page build (about 2 s for the 190 pages), and mkdocs
    renders every page on every build, though a data edit changes the Markdown of one or two. A
    page whose Markdown, place among the site's files and extensions did not change gets its last
    render back. A render that logged a warning is never kept, so a strict build fails on a broken
    link every time, not just the first."""
    folder: Path
    root: Path
    used: set[str] = field(default_factory=set)

    def key(self, page, config, files) -> str:
        if getattr(files, "_markdown_sig", None) is None:
            snip = config["mdx_configs"].get("pymdownx.snippets", {})
            bases = [Path(b) for b in snip.get("base_path", ["."])]
            snippets = sorted({*Path(config["docs_dir"]).rglob("_*.md"),  # what pymdownx.snippets appends
                               self.root / "pipeline" / "glossary.py",  # how Chinese abbreviations are found
                               *(b / a for b in bases for a in snip.get("auto_append", []) if (b / a).is_file())})
            files._markdown_sig = json.dumps([
                sorted((f.src_uri, f.dest_uri, f.url) for f in files),
                [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
                 config["theme"]["language"], str(config["validation"])],
                [metadata.version(p) for p in PACKAGES],
                [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in snippets]],
                default=_name, sort_keys=True)
        return hashlib.sha256(json.dumps([files._markdown_sig, page.file.src_uri, page.file.dest_uri, page.url,
                                          page.markdown]).encode()).hexdigest()[:32]

    def render(self, render, page, config, files) -> None:
        """`render` (mkdocs' Page.render) of `page`, or its kept result."""
        from mkdocs.structure.toc import get_toc

        path = self.folder / f"{self.key(page, config, files)}.json"
        self.used.add(path.name)
        got = read_sealed(path, f".cache/markdown/{path.name} (the render of site/{page.file.src_uri})")
        if got is not None:
            got = json.loads(got)
            page.content, page.toc, page._title_from_render = got["content"], get_toc(got["toc"]), got["title"]
            page.present_anchor_ids = set(got["anchors"])
            if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:  # as mkdocs does
                page.links_to_anchors = {files.get_file_from_path(src): anchors for src, anchors in got["links"]}
            return
        warned, log = _Warned(), logging.getLogger("mkdocs")
        log.addHandler(warned)
        try:
            render(page, config, files)
        finally:
            log.removeHandler(warned)
        links = getattr(page, "links_to_anchors", None)
        # mkdocs leaves links_to_anchors unset at DEBUG level: such a render would later skip the
        # anchor checks, so it is not kept; nor one that includes a file by --8<-- (not in the key)
        if not warned.seen and links is not None and "--8<--" not in page.markdown:
            write_sealed(path, json.dumps({
                "content": page.content, "toc": _tokens(page.toc), "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids),
                "links": [[f.src_uri, a] for f, a in links.items()]}, ensure_ascii=False))

    def prune(self) -> None:
        prune_unused(self.folder, self.used)


def _tokens(items) -> list:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _tokens(a.children)} for a in items]


@dataclass
class SearchCache:
    """The search plugin parses every page's HTML (and segments its Chinese with jieba) on every
    build: about 2 s of a 5 s page build. A page's entries depend only on its HTML, URL and
    front matter, so they are kept by a hash of those, and a page that did not change is not
    parsed again."""
    folder: Path
    used: set[str] = field(default_factory=set)

    def salt(self, separator: str) -> str:
        """What every page's entries also depend on: the indexer's version and its word separator."""
        return json.dumps([metadata.version("mkdocs-material"), metadata.version("jieba"), separator])

    def entries(self, index, page, salt: str) -> list:
        """The search entries of `page`, as the plugin's indexer `index` makes them."""
        key = hashlib.sha256(json.dumps([salt, page.url, page.title, page.content, page.meta.get("title"),
                                         page.meta.get("tags"), page.meta.get("search")], default=str,
                                        sort_keys=True).encode()).hexdigest()[:32]
        self.used.add(f"{key}.json")

        def make() -> str:
            scratch = type(index)(**index.config)  # the plugin's own indexer, on this page alone
            type(index).add_entry_from_context(scratch, page)
            return json.dumps(scratch.entries, ensure_ascii=False)
        return json.loads(cached_text(self.folder / f"{key}.json", make))

    def prune(self) -> None:
        prune_unused(self.folder, self.used)


@dataclass
class Caches:
    markdown: MarkdownCache
    search: SearchCache
    jinja: Path

    @classmethod
    def under(cls, cache: Path, root: Path) -> Caches:
        return cls(MarkdownCache(cache / "markdown", root), SearchCache(cache / "search"), cache / "jinja")
