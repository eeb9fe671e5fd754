"""Every change this site makes to mkdocs and its plugins' own objects, in one place. Each was
checked against mkdocs 1.6.1, mkdocs-material 9.8.2 (its search plugin), mkdocs-static-i18n 1.3.1
and mkdocs-redirects 1.2.3 (requirements.lock); tests/test_build.py's cache and serve tests and
the byte-for-byte build comparison fail if an upgrade changes what they rely on.

- `Page.render` (mkdocs): a page whose Markdown did not change gets its last render back
  (caches.MarkdownCache). mkdocs has no event between "Markdown ready" and "HTML made" that
  could skip the render.
- The search plugin's indexer: a page's entries come from caches.SearchCache; and the plugin's
  `on_post_build` splits the index per edition each time it is written (it writes once per
  edition, then mkdocs-static-i18n has it rewrite the merged index last).
- mkdocs-redirects: told about the generated pages and the Chinese edition, which it cannot see.
- mkdocs-static-i18n's search de-duplication compares every English entry with every Chinese
  one (quadratic in the site's size); it is run only when some entry of each edition shares a
  title and text, which a linear pass finds (else it would remove nothing).

Each patch finds this build's caches through the config object mkdocs passes it, so a patch
installed once (a class's method, a plugin kept across `serve` rebuilds) never holds a stale one.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.i18n import prefix

ATTR = "scaling_site"  # the config attribute that holds this build's pipeline.site.state.Site


def _site(config):
    return getattr(config, ATTR, None)


def install(config) -> None:
    _render_from_cache()
    _search_entries_from_cache(config)
    _split_index_when_written(config)
    _dedupe_only_when_needed(config)


def _render_from_cache() -> None:
    from mkdocs.structure.pages import Page

    if getattr(Page.render, "cached", False):
        return
    render = Page.render

    def cached_render(self, config, files):
        site = _site(config)
        if site is None:  # a build that is not this site's
            return render(self, config, files)
        site.caches.markdown.render(render, self, config, files)

    cached_render.cached = True
    Page.render = cached_render


def search_plugin(config):
    return config["plugins"].get("material/search") or config["plugins"].get("search")


def _search_entries_from_cache(config) -> None:
    search = search_plugin(config)
    index = getattr(search, "search_index", None)  # made afresh by the plugin's on_config, each build
    if index is None or getattr(index.add_entry_from_context, "cached", False):
        return
    cache = _site(config).caches.search
    salt = cache.salt(search.config["separator"])

    def add_entry_from_context(page):
        index.entries.extend(cache.entries(index, page, salt))

    add_entry_from_context.cached = True
    index.add_entry_from_context = add_entry_from_context


def _split_index_when_written(config) -> None:
    from pipeline.site.postprocess import split_search_index

    search = search_plugin(config)
    if search is None or getattr(search.on_post_build, "splits", False):
        return
    write = search.on_post_build

    def on_post_build(*, config):
        write(config=config)
        split_search_index(Path(config["site_dir"]))
        site = _site(config)
        if site is not None:
            site.caches.search.prune()

    on_post_build.splits = True
    search.on_post_build = on_post_build


def _dedupe_only_when_needed(config) -> None:
    i18n = config["plugins"].get("i18n")
    slow = getattr(i18n, "reconfigure_search_duplicates", None)
    if slow is None or getattr(slow, "linear", False):
        return

    def reconfigure_search_duplicates(entries):
        other = tuple(f"{lang}/" for lang in i18n.build_languages)
        theirs = {(e["title"], e["text"]) for e in entries if e["location"].startswith(other)}
        if any((e["title"], e["text"]) in theirs for e in entries if not e["location"].startswith(other)):
            slow(entries)  # a candidate pair: the plugin's own rule decides which go

    reconfigure_search_duplicates.linear = True
    i18n.reconfigure_search_duplicates = reconfigure_search_duplicates


def redirects_know_every_page(config, files, lang: str) -> None:
    """mkdocs-redirects knows neither generated pages (made here, after its on_files) nor the
    Chinese edition: give it this edition's pages under their language-neutral paths, and in
    the Chinese build, write each redirect under zh/ to the Chinese page."""
    from pipeline.site.markers import src_lang

    plugin = config["plugins"].get("redirects")
    if plugin is None or not getattr(plugin, "redirects", None):
        return
    for f in files.documentation_pages():
        src, flang = src_lang(f.src_uri)
        if flang == lang:
            plugin.doc_pages[src] = f
    if lang != "en":
        plugin.redirects = {prefix(lang) + old: new for old, new in plugin.redirects.items()}
