"""The marker grammar of the written pages, and its dispatch. A marker is an HTML comment:

    <!-- fig:SLUG -->          a numbered figure block (static SVG first, live on scroll), alone on its line
    <!-- table:SLUG COLS -->   the figure's plotted data as a table (chosen columns), alone on its line
    <!-- since:CHAPTER -->     the record's dated notes on the chapter's claims, alone on its line
    <!-- scorecard:claims -->  the scorecard of the essay's claims, alone on its line
    <!-- val:NAME -->          a number computed from the data at build time
    <!-- claim:NAME -->        a claim checked at build time, with its status mark
    <!-- meta:NAME -->         a build fact (data-updated, site-url)
    <!-- thumb:SLUG -->        a thumbnail linking to the figure in its chapter

An unknown kind or name fails the build, naming the page and the line (any comment shaped
like a marker, `<!-- word:name -->`, is read as one).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from pipeline.i18n import localized, prefix
from pipeline.site import blocks
from pipeline.site.state import ROOT, SHARING_FIGURE, Site

FIG = re.compile(r"^<!--\s*fig:([a-z0-9-]+)\s*-->\s*$", re.M)
VAL = re.compile(r"<!--\s*val:([a-z0-9-]+)\s*-->")
META = re.compile(r"<!--\s*meta:([a-z0-9-]+)\s*-->")
THUMB = re.compile(r"<!--\s*thumb:([a-z0-9-]+)\s*-->")
SINCE = re.compile(r"^<!--\s*since:([a-z0-9-]+)\s*-->\s*$", re.M)
TABLE = re.compile(r"^<!--\s*table:([a-z0-9-]+)\s+([a-z0-9_,]+)\s*-->\s*$", re.M)
CLAIM = re.compile(r"<!--\s*claim:([a-z0-9-]+)\s*-->")
SCORECARD = re.compile(r"^<!--\s*scorecard:(claims)\s*-->\s*$", re.M)
ANY = re.compile(r"<!--\s*(fig|val|meta|thumb|since|table|claim|scorecard)\s*:\s*([^ >]*)[^>]*-->")
MARKERISH = re.compile(r"<!--\s*([a-z][a-z_-]*)\s*:\s*[a-z0-9]")  # a comment shaped like a marker
# each kind: what its names are called in an error, and where the known ones are
KINDS = {
    "fig": ("figure", lambda site: site.figures),
    "val": ("value", lambda site: site.manifest.values),
    "meta": ("build fact", lambda site: site.meta),
    "thumb": ("figure placed in a page", lambda site: site.placed),
    "since": ("claim with since-publication notes", lambda site: site.since()),
    "table": ("figure (a table shows a figure's plotted data)", lambda site: site.figures),
    "claim": ("claim", lambda site: site.manifest.claims),
    "scorecard": ("scorecard (the one there is: scorecard:claims)", lambda site: {"claims"}),
}
BUILD_OWN = {"notebook-html", "slot"}  # the comments the build itself writes into pages
# a slot, an HTML comment Markdown passes through, holds a block's place until the page's HTML is made
SLOT = re.compile(r"<!-- slot:(\d+) -->")
NOTEBOOK = re.compile(r"<!-- notebook-html:([a-z0-9-]+) -->")  # a comment: no markdown extension touches it


def line(markdown: str, pos: int, offset: int = 0) -> int:
    """The line of `pos` as an editor shows it: `offset` lines (the front matter) come first."""
    return markdown.count("\n", 0, pos) + 1 + offset


def front_matter_lines(page) -> int:
    """How many lines of the page's file come before its text: the front matter, as mkdocs reads it
    (the text a plugin hands on may have been rewritten since). Read only to name an error's line."""
    from mkdocs.utils import meta

    if page is None:
        return 0
    try:
        source = page.file.content_string
    except (AttributeError, OSError, AssertionError):
        return 0
    body, _ = meta.get_data(source)
    return source[:len(source) - len(body)].count("\n") if source.endswith(body) else 0


def base_of(url: str) -> str:
    """The site root, relative to a page at `url`."""
    depth = url.count("/") if url else 0
    return "../" * depth or "./"


def title(text: str, default: str) -> str:
    m = re.search(r"^title:\s*\"?(.*?)\"?\s*$", text, re.M) or re.search(r"^# (.+)$", text, re.M)
    return m.group(1) if m else default


def check(markdown: str, src: str, site: Site, page=None) -> None:
    """Every marker is of a known kind and names a known thing of its kind."""
    for m in MARKERISH.finditer(markdown):
        if m.group(1) not in KINDS and m.group(1) not in BUILD_OWN:
            raise PluginError(f"site/{src}: line {line(markdown, m.start(), front_matter_lines(page))}: unknown marker '{m.group(1)}:' "
                              f"(the markers: {', '.join(f'{k}:' for k in KINDS)})")
    for m in ANY.finditer(markdown):
        kind, name = m.groups()
        what, known = KINDS[kind][0], KINDS[kind][1](site)
        if name not in known:
            raise PluginError(f"site/{src}: line {line(markdown, m.start(), front_matter_lines(page))}: unknown {what} '{name}' "
                              f"(known: {', '.join(sorted(known)) or 'none'})")


def expand(markdown: str, page, site: Site) -> str:
    """A page's Markdown with its markers replaced: the inline ones by their HTML, the blocks by
    slots (their HTML is plain HTML that Markdown has nothing to do in: it would only parse them
    again, about a second of every build). Sets the page's sharing image."""
    src, figs, lang = page.file.src_uri, site.figures, site.lang
    marked = "<!--" in markdown  # else no marker: nothing to look for (a version page's inline SVG is long)
    if marked:
        check(markdown, src, site, page)
    counter = iter(range(1, 1000))
    base = base_of(page.url)
    lbase = base + prefix(lang)
    first = FIG.search(markdown) if marked else None
    # the page's sharing image: its first figure, else the argument's opening one
    shown = first.group(1) if first else SHARING_FIGURE
    if "image" not in page.meta and shown in figs:
        page.meta["image"] = f"{prefix(lang)}figures/{shown}/{shown}.png"
        page.meta["image_alt"] = ("Chart: " if lang == "en" else "图表：") + html.escape(
            localized(figs[shown], lang)["title"], quote=True)
    slots = site.slots.setdefault(src, [])
    slots.clear()
    if not marked:
        return blocks.ours_below(markdown, lang) + glossary(page, site)

    def slot(block: str) -> str:
        slots.append(block)
        return f"\n<!-- slot:{len(slots) - 1} -->\n"

    own = re.match(r"figures/([^/]+)/index(?:\.\w+)?\.md$", src)  # a figure page

    def figure(slug: str) -> str:
        n = next(counter)
        folder = Path(figs[slug]["dir"])
        inline = (folder / f"{slug}.{'' if lang == 'en' else lang + '.'}page.svg"
                  if own and own.group(1) == slug and n == 1 else None)
        spec = folder / (f"{slug}.vg.json" if lang == "en" else f"{slug}.{lang}.vg.json")
        return slot(blocks.figure_html(figs[slug], n, base, lang=lang, inline=inline, spec=spec,
                                       site_url=site.site_url, catalogue=site.catalogue))

    def scorecard() -> str:
        from pipeline import record

        return blocks.scorecard_html(record.scorecard(*site.record()), site.manifest.values, site.chapter_title,
                                     lang, lbase)

    vals, claims = site.manifest.values, site.manifest.claims
    markdown = FIG.sub(lambda m: figure(m.group(1)), markdown)
    markdown = TABLE.sub(lambda m: slot(blocks.table_html(figs[m.group(1)], m.group(2).split(","), src, lang,
                                                          site.catalogue)), markdown)
    markdown = SINCE.sub(lambda m: slot(blocks.since_html(site.since()[m.group(1)], lang, lbase, site.record()[0])),
                         markdown)
    markdown = SCORECARD.sub(lambda m: slot(scorecard()), markdown)
    markdown = META.sub(lambda m: html.escape(site.meta[m.group(1)]), markdown)
    markdown = THUMB.sub(lambda m: blocks.thumb_html(figs[m.group(1)], site.placed[m.group(1)], lbase, lang), markdown)
    markdown = CLAIM.sub(lambda m: blocks.claim_html(claims[m.group(1)], lbase, lang), markdown)
    markdown = blocks.ours_below(markdown, lang)
    leftover = ANY.search(VAL.sub("", markdown))
    if leftover:
        raise PluginError(f"site/{src}: line {line(markdown, leftover.start(), front_matter_lines(page))}: a figure marker must stand "
                          "alone on its line")
    return VAL.sub(lambda m: blocks.value_html(m.group(1), vals[m.group(1)], lang), markdown) + glossary(page, site)


def glossary(page, site: Site) -> str:
    """The hover explanations a page's Markdown ends with: site/_glossary.md on every English page;
    on a Chinese page written in site/ (not a generated one, whose texts come from the data
    and are quoted as they are), the Chinese terms of data/glossary_zh.csv explained in Chinese.
    Neither edition gets the other's."""
    from pipeline.glossary import load, zh_abbreviations

    if site.lang == "en":
        text = site.memo("glossary-en", lambda: (ROOT / "site" / "_glossary.md").read_text(encoding="utf-8"))
    elif page.file.generated_by:
        return ""
    else:
        text = site.memo("glossary-zh", lambda: zh_abbreviations(load(ROOT / "data" / "glossary_zh.csv")))
    return "\n\n" + text


def fill(html_text: str, page, site: Site) -> str:
    """A page's HTML with the blocks set aside by `expand` in their slots; and on the figure page,
    "How this figure was made": the executed notebook, as nbconvert made it."""
    slots = site.slots.pop(page.file.src_uri, [])
    html_text = SLOT.sub(lambda m: slots[int(m.group(1))], html_text)

    def body(m):
        meta = site.figures[m.group(1)]
        return (Path(meta["notebook"]) / f"{m.group(1)}.notebook.html").read_text(encoding="utf-8")
    # a <section>, not a <div>: Material's search parser ends an exclusion at the first closing tag
    # of the same name, and the notebook is full of nested divs
    return NOTEBOOK.sub(lambda m: f'<section class="nb" data-search-exclude>{body(m)}</section>', html_text)


def placements(files, lang: str) -> tuple[dict, dict, dict, dict]:
    """Where each figure and claim is placed in this edition's written pages: the first page of
    each figure (its home), every page of each figure with its title, each claim's one page, and
    each page's title. A claim placed twice is an error."""
    placed, every, claimed, titles = {}, {}, {}, {}
    for f in files.documentation_pages():
        src, flang = src_lang(f.src_uri)
        if f.generated_by or flang != lang:
            continue
        text = Path(f.abs_src_path).read_text(encoding="utf-8")
        titles[src] = title(text, src)
        for slug in FIG.findall(text):
            placed.setdefault(slug, url(src))
            every.setdefault(slug, []).append((src, title(text, src)))
        for name in CLAIM.findall(text):
            if name in claimed:
                raise PluginError(f"site/{f.src_uri}: claim '{name}' is already placed in "
                                  f"{claimed[name][0] or 'the home page'}; place each claim once "
                                  "(link to it elsewhere)")
            claimed[name] = (url(src), title(text, src))
    return placed, every, claimed, titles


def src_lang(src_uri: str) -> tuple[str, str]:
    """('chapters/x.md', 'zh') for 'chapters/x.zh.md': the page's path and its language."""
    if src_uri.endswith(".zh.md"):
        return src_uri[:-len(".zh.md")] + ".md", "zh"
    return src_uri, "en"


def url(src: str) -> str:
    """The URL of a page within its language edition ('' for the home page)."""
    from mkdocs.structure.files import File

    return File(src, None, "", use_directory_urls=True).url.lstrip("./")
