"""The mkdocs events of the page build (mkdocs.yml `hooks:`), and nothing else: each hands its
work to the module that owns it. mkdocs builds English, then mkdocs-static-i18n builds Chinese
under zh/ with the same config object; each build's state is a `Site` kept on that object.

    markers.py      the marker grammar (<!-- fig:… -->, <!-- val:… -->, …) and its dispatch
    blocks.py       manifest entry -> HTML (figure, table, record notes, scorecard, value, claim)
    generated.py    the generated pages (figure, version, dataset, claims pages and indexes)
    postprocess.py  CSP, head links, per-edition search index, sitemap, feed
    artefacts.py    the figures' files, released versions, runtime and data beside the pages
    caches.py       Markdown renders, search entries, compiled templates, in .cache/
    patches.py      every change made to mkdocs' and its plugins' own objects
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pipeline.i18n import LANGS
from pipeline.site import artefacts, caches, generated, markers, patches, postprocess
from pipeline.site.state import ROOT, open_site


def _site(config):
    return getattr(config, patches.ATTR)


def on_config(config):
    import logging

    from pipeline import cite
    from pipeline.glossary import CjkAbbrExtension

    cite.CACHE = ROOT / ".cache" / "cite"
    logging.getLogger("jieba").setLevel(logging.WARNING)  # it announces its dictionary on stderr
    before = getattr(config, patches.ATTR, None)
    i18n = config["plugins"].get("i18n")  # this build's edition
    site = open_site(config, getattr(i18n, "current_language", None) or "en")
    site.caches = before.caches if before else caches.Caches.under(ROOT / ".cache", ROOT)
    setattr(config, patches.ATTR, site)
    patches.install(config)
    # Chinese abbreviations are found between Chinese characters, which have no word boundary
    if not any(isinstance(x, CjkAbbrExtension) for x in config["markdown_extensions"]):
        config["markdown_extensions"].append(CjkAbbrExtension())
    return config


@event_priority(-200)  # after mkdocs-static-i18n has picked this build's language files
def on_files(files, config):
    """Where each figure and claim is placed in this edition; then its generated pages."""
    site = _site(config)
    site.placed, placements, site.claimed, titles = markers.placements(files, site.lang)
    unplaced = sorted(set(site.figures) - set(site.placed))
    if unplaced and set(site.placed) <= set(site.figures):  # (a marker naming no figure is reported where it stands)
        s, twin = unplaced[0], "" if site.lang == "en" else f".{site.lang}"
        raise PluginError(f"{site.figures[s]['path']}: figure '{s}' is placed in no page of the "
                          f"{'English' if site.lang == 'en' else 'Chinese'} edition: put the line <!-- fig:{s} --> in "
                          f"the chapter it belongs to (site/chapters/<chapter>{twin}.md)"
                          + (f" ({len(unplaced)} such figures: {', '.join(unplaced)})" if len(unplaced) > 1 else ""))
    generated.add_pages(files, config, site, placements, site.claimed, titles)
    patches.redirects_know_every_page(config, files, site.lang)
    return files


def on_env(env, config, files):
    return caches.jinja_bytecode(env, _site(config).caches.jinja)


def on_page_markdown(markdown, page, config, files):
    return markers.expand(markdown, page, _site(config))


def on_page_content(html_text, page, config, files):
    return markers.fill(html_text, page, _site(config))


def on_post_page(output, page, config):
    site = _site(config)
    return postprocess.page(output, page.url, site.lang, site.site_url)


def on_post_template(output, template_name, config):
    return postprocess.template(output, template_name, _site(config).lang)


def on_post_build(config):
    """This edition's artefacts beside its pages; after the last edition, the one sitemap."""
    site, site_dir = _site(config), Path(config["site_dir"])
    artefacts.place_all(site_dir, site)
    if site.lang == LANGS[-1]:  # the last edition built: every page of both is in place
        postprocess.write_sitemap(site_dir, site.site_url)
        site.caches.markdown.prune()
    postprocess.write_feed(artefacts.edition_dir(site_dir, site.lang), site, site.lang, config["site_name"])
    artefacts.write_data(site_dir, site)
