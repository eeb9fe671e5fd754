"""Generated pages: a page per figure, per released version, per dataset, and their indexes.

They are markdown produced at build time from the figure manifest, the data package and
the release ledger, and go through the same hooks as the written pages.
"""
from __future__ import annotations

import html
import json

from pipeline import cite
from pipeline.i18n import licence_titles, localized, prefix, tr, zh_changed
from pipeline.site.blocks import link

e = html.escape


def yaml_text(text: str) -> str:
    """A front-matter string: mkdocs' templates print it unescaped, so escape it here."""
    return '"' + e(" ".join(str(text).split()), quote=False).replace('"', "&quot;").replace("\\", "&#92;") + '"'


def _abs(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def cite_block(meta: dict, version: dict, site_url: str, lang: str = "en") -> str:
    """Formatted (APA, Chicago; GB/T 7714 and APA in Chinese), BibTeX and CSL-JSON citations of
    one version, with copy buttons. The Chinese edition cites its own page of the same version."""
    slug, n = meta["slug"], version["version"]
    item = cite.csl_item(localized(meta, lang), n, version["date"],
                         _abs(site_url, f"{prefix(lang)}figures/{slug}/v{n}/"), lang)
    parts = []
    for style in cite.LANG_STYLES[lang]:
        cid = f"cite-{slug}-v{n}-{style.lower()}"
        parts.append(f'<div class="cite-entry"><p class="cite-style">{style}</p>'
                     f'<p class="cite-text" id="{cid}">{cite.formatted(item, style)}</p>'
                     f'<button type="button" class="cite-copy" data-target="{cid}">{tr(lang, "Copy")}</button></div>')
    for label, text in (("BibTeX", cite.bibtex(item)), ("CSL-JSON", json.dumps(item, indent=2, ensure_ascii=False))):
        cid = f"cite-{slug}-v{n}-{label.lower().replace('-', '')}"
        parts.append(f'<div class="cite-entry"><p class="cite-style">{label}</p>'
                     f'<pre class="cite-code" id="{cid}"><code>{e(text)}</code></pre>'
                     f'<button type="button" class="cite-copy" data-target="{cid}">{tr(lang, "Copy")}</button></div>')
    return f'<div class="cite" markdown="0">{"".join(parts)}</div>'


def _corrections(v: dict, lang: str) -> str:
    """The data values a version corrected, and why (pipeline/corrections.py)."""
    from pipeline.corrections import text

    return "".join(f'<br><strong class="fig-correction">{e(text(c, lang))}</strong>' for c in v.get("corrections", []))


def _versions_table(slug: str, versions: list[dict], base: str, lang: str = "en") -> str:
    t = lambda text: tr(lang, text)  # noqa: E731
    rows = "".join(f'<tr><td><a href="{base}figures/{slug}/v{v["version"]}/">v{v["version"]}</a></td>'
                   f'<td>{e(v["date"])}</td><td>{e(changed(v["changed"], lang))}{_corrections(v, lang)}</td></tr>'
                   for v in reversed(versions))
    return (f'<div class="md-typeset__table"><table><thead><tr><th scope="col">{t("Version")}</th>'
            f'<th scope="col">{t("Released")}</th><th scope="col">{t("What changed")}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def changed(text: str, lang: str) -> str:
    """A ledger entry's "what changed" (written by release.py in English) in `lang`."""
    return text if lang == "en" else zh_changed(text)


def _sources(meta: dict, lang: str = "en", zh: dict | None = None) -> str:
    """The figure page's list of its datasets; on a Chinese page their titles and licences from
    data/datapackage.zh.json (`zh`: resource -> its entry), an English one left marked lang="en"."""
    items = []
    for r in meta["sources"]:
        name = r["path"].split("/")[-1].removesuffix(".csv")
        entry = (zh or {}).get(r.get("resource") or name) if lang != "en" else None
        title = (entry or {}).get("title")
        shown = e(title or r["title"]) if title or lang == "en" else f'<span lang="en">{e(r["title"])}</span>'
        lic = ", ".join(e(t) if ok else f'<span lang="en">{e(t)}</span>'
                        for t, ok in licence_titles(r["licenses"], entry, lang))
        items.append("- " + tr(lang, "{data} (v{version}; {licence}), {rows}",
                               data=f"[{shown}](../../data/{name}/index.md)", version=e(str(r["version"])),
                               licence=lic, rows=tr(lang, "{n} distinct row sources", n=len(r["row_sources"]))))
    return "\n".join(items)


# Paragraphs of the generated pages, per language (short phrases are in pipeline/i18n.py ZH_UI).
TEXT = {
    "en": {
        "figure_intro": "*Figure page — a stable address for this figure: `/figures/{slug}/`. It always shows the current\nversion; every released version keeps its own permanent page.*",
        "where": "Where it appears in the argument", "not_placed": "(not placed in a chapter)",
        "cite": "Cite this figure", "versions": "Versions", "data": "Data",
        "cite_latest": "Version {n}, released {date}, permanent address <{url}>:",
        "unreleased": "This figure has not been released yet.", "no_versions": "No released versions yet.",
        "made": "How this figure was made",
        "made_text": ("The chart is drawn by `{path}` from the data package (its words are in `{words}`): its `table()` makes the table\n"
                      "above (the figure's <a href=\"{slug}.csv\" download>CSV</a>) and its `chart()` draws it. Below is the\n"
                      "figure's notebook, run by the build: it reads only that CSV, draws the chart, and writes a spec\n"
                      "that the build checks byte for byte against the published\n"
                      "<a href=\"{slug}.vl.json\" download>Vega-Lite spec</a>. Download\n"
                      "<a href=\"{slug}.ipynb\" download>the notebook</a> and the CSV into one folder to run it yourself."),
        "newer": '!!! warning "A newer version exists"\n    This is version {n}. The current version is <a href="../v{latest}/">version {latest}</a>; see the <a href="../">figure page</a> for what changed.\n',
        "current": '!!! info "This is the current version"\n    The <a href="../">figure page</a> always shows the current version.\n',
        "version_title": "{title} (version {n})", "version_h1": "{title} — version {n}",
        "version_desc": "Version {n} of a figure from AI Scaling Myths, annotated, released {date}; frozen files.",
        "version_intro": "*Released {date}. {changed}. The files on this page are frozen: they stay\nbyte for byte as released, whatever the data says today.*",
        "cite_version": "Cite this version", "chart_alt": "Chart: ",
        "figs_title": "Figures", "figs_desc": "Every figure of AI Scaling Myths, annotated, with its data, versions and citations.",
        "figs_intro": "Every figure has a page of its own with its data, sources, versions, downloads and a\ncitation. The thumbnail leads to the figure in its chapter.",
        "fig_page": "Figure page",
    },
    "zh": {
        "figure_intro": "*图页面：本图的固定地址是 `/zh/figures/{slug}/`，总是显示当前版本；每个已发布的版本都有自己的永久页面。*",
        "where": "在论证中的位置", "not_placed": "（未出现在任何章节中）",
        "cite": "引用本图", "versions": "版本", "data": "数据",
        "cite_latest": "版本 {n}，发布于 {date}，永久地址 <{url}>：",
        "unreleased": "本图尚未发布。", "no_versions": "尚无已发布的版本。",
        "made": "本图是如何制作的",
        "made_text": ("本图由 `{path}` 根据数据包绘制：其中的 `table()` 生成上面的数据表（即本图的"
                      "<a href=\"{slug}.csv\" download>CSV</a>），`chart()` 把它画成图。下面是构建时运行过的本图笔记本："
                      "它只读取这份 CSV，画出图表，写出规格文件，构建过程会将其与已发布的"
                      "<a href=\"{slug}.vl.json\" download>Vega-Lite 规格</a>逐字节比对。中文版的图与英文版是同一份数据、"
                      "同一张图，只是图中文字按模块旁的文字文件（`{words}`）中的对照表译成了中文（见规格文件）。把"
                      "<a href=\"{slug}.ipynb\" download>笔记本</a>和 CSV 下载到同一个文件夹，即可自己运行。"),
        "newer": '!!! warning "已有更新的版本"\n    这是版本 {n}。当前版本是<a href="../v{latest}/">版本 {latest}</a>；变化之处见<a href="../">图页面</a>。\n',
        "current": '!!! info "这是当前版本"\n    <a href="../">图页面</a>总是显示当前版本。\n',
        "version_title": "{title}（版本 {n}）", "version_h1": "{title}——版本 {n}",
        "version_desc": "《AI 规模扩展迷思（注解版）》中一张图的版本 {n}，发布于 {date}；文件已冻结。",
        "version_intro": "*发布于 {date}。{changed}。本页的文件已冻结：无论今天的数据如何，它们都与发布时逐字节相同。*",
        "version_english": '!!! note "此版本早于中文版"\n    版本 {n} 发布时本站还没有中文版，因此这里冻结的图是英文的；数据和图表与英文版完全相同。\n',
        "cite_version": "引用此版本", "chart_alt": "图表：",
        "figs_title": "图", "figs_desc": "《AI 规模扩展迷思（注解版）》的全部图表，附数据、版本与引用格式。",
        "figs_intro": "每张图都有自己的页面，列出数据、来源、版本、下载文件和引用格式。点击缩略图可跳到该图所在的章节。",
        "fig_page": "图页面",
    },
}


def _figure_claims(claims: list[dict], lang: str) -> str:
    """The claims checked on a figure's data, each with whose claim it is (the essay's words and
    section, or our check and its data) and a link to its evidence on the Claims page."""
    if not claims:
        return ""
    items = []
    for c in sorted(claims, key=lambda c: c["name"]):
        sentence = c["sentence"] if lang == "en" else c.get("sentence_zh") or c["sentence"]
        ours = tr(lang, "Our check against the data:") + " " if c["by"] == "essay" else ""
        mark = "&#10003;" if c["holds"] else "&#10007;"
        items.append(f'<li class="claim-card" id="claim-{e(c["name"])}">{attribution_html(c, lang, "../../")}'
                     f'<p class="claim-sentence">{e(ours)}{e(sentence)} <a class="claim-mark" '
                     f'href="../../claims/#claim-{e(c["name"])}">{mark}</a></p></li>')
    return (f'\n## {tr(lang, "Claims checked on this figure")}\n\n'
            f'<ul class="figure-claims" markdown="0">{"".join(items)}</ul>\n')


def figure_page(meta: dict, versions: list[dict], placed: list[tuple[str, str]], site_url: str,
                columns: list[str], lang: str = "en", zh: dict | None = None,
                claims: list[dict] | None = None) -> str:
    T = TEXT[lang]
    slug = meta["slug"]
    m = localized(meta, lang)
    base = "../../"
    where = "\n".join(f"- [{e(title)}](../../{src}#fig-{slug})" for src, title in placed) or f"- {T['not_placed']}"
    cols = ",".join(columns)
    latest = versions[-1] if versions else None
    if latest:
        url = _abs(site_url, f"{prefix(lang)}figures/{slug}/v{latest['version']}/")
        cite_md = (T["cite_latest"].format(n=latest["version"], date=latest["date"], url=url) + "\n\n"
                   + cite_block(meta, latest, site_url, lang))
    else:
        cite_md = T["unreleased"]
    return f"""---
title: {yaml_text(m['title'])}
description: {yaml_text(m['caption'][:150])}
---

# {e(m['title'])}

{T['figure_intro'].format(slug=slug)}

<!-- fig:{slug} -->
{_figure_claims(claims or [], lang)}
## {T['where']}

{where}

## {T['cite']}

{cite_md}

## {T['versions']}

{_versions_table(slug, versions, base, lang) if versions else T['no_versions']}

## {T['data']}

{_sources(meta, lang, zh)}

<!-- table:{slug} {cols} -->

## {T['made']}

{T['made_text'].format(path=meta['path'], slug=slug, words=meta['path'].removesuffix('.py') + '.yml')}

<!-- notebook-html:{slug} -->
"""


def version_page(meta: dict, v: dict, latest: int, site_url: str, figure_block: str, lang: str = "en",
                 current: dict | None = None, later_versions: list[dict] | None = None) -> str:
    """A released version's page. A version frozen before the Chinese edition shows its English
    chart; its Chinese page is still titled in Chinese when the title is the current figure's."""
    T = TEXT[lang]
    slug, n = meta["slug"], v["version"]
    m = localized(meta, lang)
    if lang != "en" and m is meta and current and current.get("title") == meta["title"]:
        m = {**meta, "title": localized(current, lang)["title"]}
    newer = T["newer"].format(n=n, latest=latest) if n < latest else T["current"]
    from pipeline.corrections import text as correction_text

    for later in (later_versions or []):  # a citer of this version learns what a later one corrected
        for c in later.get("corrections", []):
            newer += "\n\n" + f'<p class="fig-correction-note"><strong>{e(tr(lang, "Corrected in v{n} ({date}):", n=later["version"], date=later["date"]))}</strong> {e(correction_text(c, lang))}</p>'

    if lang != "en" and not meta.get(lang, {}).get("translated"):
        newer += "\n" + T["version_english"].format(n=n)
    return f"""---
title: {yaml_text(T['version_title'].format(title=m['title'], n=n))}
description: "{T['version_desc'].format(n=n, date=v['date'])}"
image: "{prefix(lang)}figures/{slug}/v{n}/{slug}.png"
image_alt: {yaml_text(T['chart_alt'] + m['title'])}
search:
  exclude: true
---

# {e(T['version_h1'].format(title=m['title'], n=n))}

{T['version_intro'].format(date=v['date'], changed=e(changed(v['changed'], lang).capitalize()))}

{newer}

{figure_block}

## {T['cite_version']}

{cite_block(meta, v, site_url, lang)}
"""


def figures_index(figs: dict, lang: str = "en") -> str:
    T = TEXT[lang]
    items = "\n".join(f'<div class="fig-card" markdown="1">\n<!-- thumb:{s} -->\n\n'
                      f"[{T['fig_page']}](./{s}/index.md)\n</div>" for s in sorted(figs))
    return f"""---
title: {T['figs_title']}
description: "{T['figs_desc']}"
---

# {T['figs_title']}

{T['figs_intro']}

<div class="fig-grid" markdown="1">
{items}
</div>
"""
TEXT["en"].update({
    "ds_title": "Dataset: {t}", "download_csv": "Download the CSV", "version": "version",
    "resource": "resource", "in": "in", "licence": "Licence", "sources": "Sources",
    "rows_note": "Every row also names its own source in its `source_url` column; the notes column says how\na value was derived or how conflicting sources were resolved.",
    "schema": "Schema", "cols": ["Column", "Title", "Type", "Unit", "Description", "Constraints"],
    "pk": "Primary key", "used": "Figures that use it", "used_none": "(no figure reads it directly)",
    "history": "Version history", "hist_cols": ["Version", "Recorded", "Content hash"],
    "unreleased_ds": "not yet released", "cite_ds": "How to cite this dataset",
    "cite_ds_text": "> AI Scaling Myths, annotated contributors. *{t}* (version {v}).\n> Dataset in *AI Scaling Myths, annotated*. Licence: {lic}.",
    "data_title": "Data", "data_desc": "The versioned, sourced datasets behind every figure, with schemas, sources and licences.",
    "data_intro": "Every figure is rebuilt from these datasets, published together as a\n<a href=\"datapackage.json\">Frictionless data package</a>. Each row names its own source.",
    "english_note": "",
})
TEXT["zh"].update({
    "ds_title": "数据集：{t}", "download_csv": "下载 CSV", "version": "版本",
    "resource": "资源名", "in": "见", "licence": "许可", "sources": "来源",
    "rows_note": "每一行还在 `source_url` 列中注明了自己的来源；备注列说明数值是如何推算的，或来源之间有冲突时如何取舍。",
    "schema": "数据结构", "cols": ["列", "标题", "类型", "单位", "说明", "约束"],
    "pk": "主键", "used": "使用它的图", "used_none": "（没有图直接读取它）",
    "history": "版本历史", "hist_cols": ["版本", "记录日期", "内容哈希"],
    "unreleased_ds": "尚未发布", "cite_ds": "如何引用此数据集",
    "cite_ds_text": "> AI Scaling Myths, annotated contributors. *{t}* (version {v}).\n> Dataset in *AI Scaling Myths, annotated*. Licence: {lic}.",
    "data_title": "数据", "data_desc": "每张图背后的数据集：有版本、有来源，附数据结构与许可。",
    "data_intro": "每张图都由这些数据集重新绘制；它们合在一起以<a href=\"datapackage.json\">Frictionless 数据包</a>的形式发布，每一行都注明了自己的来源。",
    "english_note": "*数据集的标题、说明和各列的描述译自 datapackage.json（译文见 datapackage.zh.json）；数据文件本身的内容是英文。*\n",
})


def data_page(name: str, r: dict, used_by: list[str], history: list[dict], lang: str = "en",
              zh: dict | None = None) -> str:
    """A dataset's page; the Chinese page takes titles and descriptions from `zh` (its entry in
    data/datapackage.zh.json)."""
    T = TEXT[lang]
    d = r["descriptor"] if lang == "en" else zh_descriptor(r["descriptor"], zh or {})
    fields = "".join(
        f'<tr><td><code>{e(f["name"])}</code></td><td>{e(f.get("title", ""))}</td><td>{e(f["type"])}</td>'
        f'<td>{e(f.get("unit", ""))}</td><td>{e(f.get("description", ""))}</td>'
        f'<td>{e(", ".join(f"{k}: {v}" for k, v in (f.get("constraints") or {}).items()))}</td></tr>'
        for f in d["schema"]["fields"])
    srcs = "\n".join(f"- {link(s.get('title', ''), s.get('path'))}" for s in d.get("sources", []))
    lic = "\n".join(f"- {link(x.get('title') or x.get('name', ''), x.get('path'))}" for x in d.get("licenses", []))
    figs = "\n".join(f"- [{s}](../../figures/{s}/index.md)" for s in used_by) or f"- {T['used_none']}"
    hist = "".join(f"<tr><td>{e(h['version'] or '')}</td><td>{e(h['date'])}</td><td><code>{e(h['digest'][:12])}</code></td></tr>"
                   for h in reversed(history))
    heads = "".join(f'<th scope="col">{c}</th>' for c in T["cols"])
    hheads = "".join(f'<th scope="col">{c}</th>' for c in T["hist_cols"])
    return f"""---
title: {yaml_text(T['ds_title'].format(t=d.get('title', name)))}
description: {yaml_text(d.get('description', '')[:150])}
---

# {e(d.get('title', name))}

{T['english_note']}
<p>{e(d.get('description', ''))}</p>

<p class="data-download"><a href="../../{e(r['path'])}" download>{T['download_csv']}</a> ·
{T['version']} {e(d.get('version', '?'))} · {T['resource']} <code>{e(name)}</code> {T['in']}
<a href="../datapackage.json">datapackage.json</a></p>

## {T['licence']}

{lic}

## {T['sources']}

{srcs}

{T['rows_note']}

## {T['schema']}

<div class="md-typeset__table"><table><thead><tr>{heads}
</tr></thead><tbody>{fields}</tbody></table></div>

{T['pk']}: `{", ".join(d["schema"].get("primaryKey", []))}`.

## {T['used']}

{figs}

## {T['history']}

<div class="md-typeset__table"><table><thead><tr>{hheads}</tr></thead><tbody>{hist or f'<tr><td colspan="3">{T["unreleased_ds"]}</td></tr>'}</tbody></table></div>

## {T['cite_ds']}

{T['cite_ds_text'].format(t=e(d.get('title', name)), v=e(d.get('version', '?')), lic=e(", ".join(x.get('name', '') for x in d.get('licenses', []))))}
"""


def zh_descriptor(d: dict, zh: dict) -> dict:
    """A resource's descriptor with its Chinese title and description, and its fields'."""
    fields = [{**f, **zh.get("fields", {}).get(f["name"], {})} for f in d["schema"]["fields"]]
    lics = [{**x, "title": t} for x, (t, _) in zip(d.get("licenses", []), licence_titles(d.get("licenses", []), zh, "zh"))]
    return {**d, **{k: zh[k] for k in ("title", "description") if k in zh}, "licenses": lics,
            "schema": {**d["schema"], "fields": fields}}


def data_index(resources: dict, lang: str = "en", zh: dict | None = None) -> str:
    T = TEXT[lang]
    title = (lambda n, r: r["descriptor"].get("title", n)) if lang == "en" else \
        (lambda n, r: (zh or {}).get(n, {}).get("title", r["descriptor"].get("title", n)))
    items = "\n".join(f"- [{e(title(n, r))}](./{n}/index.md) — `{e(r['path'])}`"
                      for n, r in sorted(resources.items()))
    return f"""---
title: {T['data_title']}
description: "{T['data_desc']}"
---

# {T['data_title']}

{T['data_intro']}

{items}
"""


TEXT["en"].update({
    "claims_title": "Claims", "claims_desc": "Every data-backed statement of the argument, re-checked against the data on each build.",
    "claims_intro": ("Every quantitative statement on this site, whether the essay's or ours, is a claim with a check:\n"
                     "a short function that computes its numbers from the data package and says whether it\n"
                     "still holds. The checks run on every build. If new data contradicts a claim, the build\n"
                     "stops. A preview build can still be made, and then the claim is marked here and in the text\n"
                     "as no longer holding."),
    "claims_count": "{ok} of {n} claims hold on the current data. The same list as data:",
    "in_page": "in “{t}”", "not_in_page": "not placed in a page", "check": "Check", "numbers": "Numbers",
    "rows": "Rows", "figure": "Figure", "against": "Checked against", "content": "content",
    "holds_mark": "&#10003; holds", "broken_mark": "&#10007; no longer holds", "working_note": "",
})
TEXT["zh"].update({
    "claims_title": "核验陈述", "claims_desc": "论证中每一条有数据支撑的陈述，每次构建时都会对照数据重新核验。",
    "claims_intro": ("本站的每一条定量陈述，无论出自原文还是我们的注解，都配有一项核验：一个简短的函数，"
                     "根据数据包算出其中的数字，并判断它是否仍然成立。每次构建都会运行这些核验。"
                     "如果新数据与某条陈述相矛盾，构建就会停止；仍可生成预览版，届时本页和正文都会把该陈述标为不再成立。"),
    "claims_count": "按当前数据，{n} 条陈述中有 {ok} 条成立。同一份清单的数据版本：",
    "in_page": "见《{t}》", "not_in_page": "未出现在任何页面", "check": "核验", "numbers": "数字",
    "rows": "数据行", "figure": "图", "against": "核验所依据的数据", "content": "内容",
    "holds_mark": "&#10003; 成立", "broken_mark": "&#10007; 不再成立", "working_note": "",
})


def attribution_html(c: dict, lang: str = "en", base: str = "../") -> str:
    """Whose claim it is, as a line: "The essay says “<its words>” (section “…”, linked to the
    original)" for the essay's, "Our check, computed from <data>" for ours. The quote stays
    English on the Chinese pages (the original's words)."""
    def t(text, **kw):
        return tr(lang, text, **kw)

    if c["by"] == "essay" and c.get("essay"):
        q = c["essay"]
        en = ' lang="en"' if lang != "en" else ""
        where = t("section “{t}”", t=f'<a href="{e(q["section_url"])}"{en}>{e(q["section_title"])}</a>')
        return (f'<p class="claim-attrib claim-by-essay"><span class="claim-by claim-by-essay">{e(t("The essay says"))}</span> '
                f'<q{en}>{e(q["quote"])}</q> ({where})</p>')
    data = ", ".join(f'<a href="{base}data/{e(d["resource"])}/">{e(d["path"])}</a>' for d in c["data"])
    return (f'<p class="claim-attrib claim-by-annotation"><span class="claim-by claim-by-annotation">{e(t("Our check"))}</span> '
            f'{t("computed from {data}", data=data)}</p>')


def claims_page(claims: dict, placed: dict, figs: dict, titles: dict, lang: str = "en") -> str:
    """Every claim: chapter, sentence, status, numbers, data versions, whose claim it is. Claims
    are grouped under their chapter's own title (`titles`: page source -> title, in `lang`)."""
    from pipeline.claims import CHAPTERS

    T = TEXT[lang]
    en = ' lang="en"' if lang != "en" else ""
    ok = sum(c["holds"] for c in claims.values())

    def working(c):
        if lang != "en" and c.get("working_zh"):
            return e(c["working_zh"])
        return f'<span{en}>{e(c["working"])}</span>'
    parts = []
    for ch in CHAPTERS:
        group = sorted((c for c in claims.values() if c["chapter"] == ch), key=lambda c: c["name"])
        if not group:
            continue
        parts.append(f"## {e(titles.get(f'chapters/{ch}.md', ch))}\n")
        for c in group:
            n = c["name"]
            status = (f'<span class="claim-status claim-ok">{T["holds_mark"]}</span>' if c["holds"] else
                      f'<span class="claim-status claim-broken">{T["broken_mark"]}</span>')
            where = placed.get(n)
            where_html = (f'<a href="../{where[0]}#claim-in-text-{e(n)}">{e(T["in_page"].format(t=where[1]))}</a>'
                          if where else T["not_in_page"])
            nums = "".join(f"<tr><td><code>{e(k)}</code></td><td>{e(f'{v:,.6g}' if isinstance(v, float) else str(v))}</td></tr>"
                           for k, v in c["numbers"].items())
            data = "".join(f'<li><a href="../data/{e(d["resource"])}/">{e(d["path"])}</a> {T["version"]} {e(str(d["version"]))}, '
                           f'{T["content"]} <code>{e(d["digest"][:12])}</code></li>' for d in c["data"])
            ftitle = localized(figs[c["figure"]], lang)["title"] if c["figure"] in figs else c["figure"]
            fig = (f'<p><span class="fig-label">{T["figure"]}</span> <a href="../figures/{e(c["figure"])}/">'
                   f'{e(ftitle)}</a></p>' if c["figure"] else "")
            rows = (f'<p><span class="fig-label">{T["rows"]}</span> {e(", ".join(c["rows"]))}</p>' if c["rows"] else "")
            sentence = c["sentence"] if lang == "en" else c.get("sentence_zh") or c["sentence"]
            ours = tr(lang, "Our check against the data:") + " " if c["by"] == "essay" else ""
            parts.append(
                f'<section class="claim-card claim-{"ok" if c["holds"] else "broken"}" id="claim-{e(n)}" markdown="0">'
                f'<p class="claim-meta">{status} '
                f'<code>{e(n)}</code> · {where_html}</p>'
                f'{attribution_html(c, lang)}'
                f'<p class="claim-sentence">{e(ours)}{e(sentence)}</p>'
                f'<p><span class="fig-label">{T["check"]}</span> {working(c)}</p>'
                f'<details class="claim-numbers" data-search-exclude><summary>{T["numbers"]}</summary><table><tbody>{nums}</tbody></table></details>'
                f'{rows}{fig}<p><span class="fig-label">{T["against"]}</span></p><ul>{data}</ul></section>\n')
    return f"""---
title: {T['claims_title']}
description: "{T['claims_desc']}"
---

# {T['claims_title']}

{T['claims_intro']}

{T['claims_count'].format(ok=ok, n=len(claims))}
<a href="claims.json">claims.json</a>.

{T['working_note']}
{"".join(parts)}
"""


def add_pages(files, config, site, placements: dict, claimed: dict, titles: dict) -> None:
    """This edition's generated pages (figures, versions, data, claims), added to mkdocs' files
    as mkdocs-static-i18n would have made them from files on disk. `placements`: each figure's
    written pages; `claimed`: each claim's page; `titles`: each written page's title."""
    import csv
    from pathlib import Path
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    from pipeline.i18n import LANGS, data_catalogue
    from pipeline.site.blocks import figure_html
    from pipeline.site.markers import url as page_url
    from pipeline.site.state import ROOT

    lang, figs, ledger, site_url = site.lang, site.figures, site.ledger, site.site_url
    resources, claims = site.manifest.resources, site.manifest.claims
    suffix = ".md" if lang == "en" else f".{lang}.md"

    def add(uri, content):
        # the page as mkdocs-static-i18n would have made it from a file on disk: the language's
        # suffix and folder, and its twins for the language switcher and hreflang links
        f = File.generated(config, uri.removesuffix(".md") + suffix, content=content)
        url = page_url(uri)
        f.dest_uri = prefix(lang) + File(uri, None, "", use_directory_urls=True).dest_uri
        f.url = prefix(lang) + url
        f.locale, f.locale_alternate_of, f.localization = lang, lang, None if lang == "en" else lang
        f.norm_src_uri = uri
        f.alternates = {other: SimpleNamespace(url=prefix(other) + url, locale=other) for other in LANGS}
        f.alternates[lang] = f
        files.append(f)

    # the Chinese titles and descriptions of the datasets and their columns (data/datapackage.zh.json)
    zh = {}
    if lang == "zh":
        try:
            zh = data_catalogue(ROOT / "data" / "datapackage.zh.json", {n: r["descriptor"] for n, r in resources.items()})
        except ValueError as e:
            raise PluginError(str(e)) from None
    site.catalogue = zh
    add("figures/index.md", figures_index(figs, lang))
    add("claims/index.md", claims_page(claims, claimed, figs, titles, lang))
    for slug, meta in figs.items():
        with open(Path(meta["dir"]) / f"{slug}.csv", encoding="utf-8") as fh:
            columns = next(csv.reader(fh))
        # a column of Chinese text (x_zh beside x) shows on the Chinese page in place of its English twin
        twins = {c.removesuffix("_zh") for c in columns if c.endswith("_zh")}
        columns = ([c for c in columns if not c.endswith("_zh")] if lang == "en" else
                   [c for c in columns if c not in twins])
        add(f"figures/{slug}/index.md", figure_page(meta, ledger["figures"].get(slug, []),
                                                   placements.get(slug, []), site_url, columns, lang, zh,
                                                   [c for c in claims.values() if c.get("figure") == slug]))
    # every released version keeps its page, even when its figure was renamed or retired
    for slug, versions in ledger["figures"].items():
        for v in versions:
            n = v["version"]
            frozen = json.loads((ROOT / "releases" / slug / f"v{n}" / "meta.json").read_text(encoding="utf-8"))
            svg = ROOT / "releases" / slug / f"v{n}" / f"{slug}.page.svg"
            twin = svg.with_name(f"{slug}.{lang}.page.svg")  # a version released with its Chinese chart
            spec = svg.with_name(f"{slug}.{lang}.vg.json" if lang != "en" and twin.exists() else f"{slug}.vg.json")
            block = figure_html(frozen, n, "../../../" + "../" * (lang != "en"), files=f"./{slug}", lang=lang,
                                label="Version {n}", inline=twin if lang != "en" and twin.exists() else svg, spec=spec,
                                site_url=site_url, catalogue=zh)
            add(f"figures/{slug}/v{n}/index.md",
                version_page(frozen, v, versions[-1]["version"], site_url, block, lang, figs.get(slug),
                             [x for x in versions if x["version"] > n]))
    add("data/index.md", data_index(resources, lang, zh))
    for name, r in resources.items():
        used = sorted(s for s, m in figs.items() if name in m["data"])
        add(f"data/{name}/index.md", data_page(name, r, used, ledger["datasets"].get(name, []), lang, zh.get(name)))
