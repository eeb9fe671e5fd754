"""The Chinese edition: number words, dates and figure labels for zh.

English is the source language of the build. A Chinese text is a template with the same
placeholders as its English twin, filled from the same numbers; `zh_format` adds one
conversion for Chinese readers, `{x!w}`, which writes a large number with 万 / 亿
(175e9 -> "1750亿"). A figure's Chinese spec is its English spec translated through the
words' labels (figures/<name>.yml) (`localize_spec`): the data and the chart are the same, only the words
differ.
"""
from __future__ import annotations

import re
import string
from datetime import datetime
from pathlib import Path

from pipeline import dates

LANGS = ("en", "zh")
# Chinese charts: a CJK sans first, so that Latin text inside a Chinese label (model names,
# units) is drawn in the same sans face rather than a fallback serif; system fonts only.
ZH_FONT = ('"Noto Sans SC ASM", "Arimo ASM", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
           '"Microsoft YaHei", sans-serif')  # the pinned faces first (pipeline/fonts.py)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

_DIGITS = "零一二三四五六七八九"
_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen", "twenty"]


def zh_small(n: int) -> str:
    """0..99 in Chinese numerals: 7 -> 七, 12 -> 十二, 20 -> 二十."""
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _sig(x: float, digits: int = 3) -> str:
    s = f"{float(f'{x:.{digits}g}'):,f}".rstrip("0").rstrip(".")
    return s


def zh_number(x: float, digits: int = 3) -> str:
    """A large count the Chinese way: 175e9 -> '1750亿', 1.4e12 -> '1.4万亿', 7e6 -> '700万';
    smaller than 10 000 it is written plainly (12,345 keeps its digits)."""
    x = float(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    for div, unit in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if x >= div:
            return sign + _sig(x / div, digits).replace(",", "") + unit
    return sign + (f"{x:,.0f}" if x == int(x) else _sig(x, digits))


_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def zh_text(text: str) -> str:
    """An English rendering of a number or a date, as a Chinese reader writes it: 'seven' -> '七',
    '175 billion' -> '1750亿', 'February 2026' -> '2026年2月', '2024-06-27' -> 2024年6月27日,
    '2017-03' (an ISO date known to the month) -> 2017年3月.
    Anything else is returned as is (names of models, processors and systems are not translated)."""
    t = text.strip()
    if t.lower() in _WORDS:
        return zh_small(_WORDS.index(t.lower()))
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", t):  # an ISO date at its precision (in chart data it stays a date)
        return dates.fmt(t, None, "zh")
    converted = data_text(t)
    return converted if converted != t else text


class ZhFormatter(string.Formatter):
    """str.format with `!w` (a large number with 万/亿), `!m` / `!b` / `!t` (the same for a number
    given in millions / billions / trillions: {x!b} with x = 175 -> 1750亿), `!z` (zh_text of
    the English form: 'seven' -> 七, 'March 2025' -> 2025年3月) and `!l` (an English label from
    the data in Chinese, through the figure's labels: 'Machine learning' -> 机器学习)."""

    def __init__(self, labels: dict | None = None):
        super().__init__()
        self.labels = labels or {}

    def convert_field(self, value, conversion):
        if conversion == "l":
            return self.labels.get(str(value), zh_text(str(value)))
        if conversion == "w":
            return zh_number(value)
        if conversion in ("m", "b", "t"):  # a number of millions / billions / trillions
            return zh_number(float(value) * {"m": 1e6, "b": 1e9, "t": 1e12}[conversion])
        if conversion == "z":
            return zh_text(str(value))
        return super().convert_field(value, conversion)


def zh_format(template: str, mapping, labels: dict | None = None) -> str:
    return ZhFormatter(labels).vformat(template, (), mapping)


def join_lines(text: str) -> str:
    """Wrapped lines joined into one: with no space where either side is Chinese (a line break in
    Chinese text is not a space), with one space between Latin words."""
    out = ""
    for line in (x.strip() for x in text.splitlines()):
        if not line:
            continue
        if out and not (CJK.match(out[-1]) or CJK.match(line[0]) or out[-1] in "，。：；、（）“”「」"
                        or line[0] in "，。：；、（）“”「」"):
            out += " "
        out += line
    return out


# ------------------------------------------------------------------- figure specs

# keys whose string values are Vega expressions: a label inside them is a quoted literal
_EXPR_KEYS = {"labelExpr", "expr", "calculate", "filter", "test", "signal", "update"}


def localize_spec(spec, labels: dict[str, str], exprs: dict[str, str] | None = None, used: set | None = None):
    """The spec with every English label in `labels` replaced by its Chinese twin: whole strings
    (titles, legend and tooltip titles, slider labels, category values in the data, scale
    domains, formats) and quoted literals inside expressions. `exprs` rewrites pieces of
    expressions that a Chinese reader needs computed differently (counts in 万/亿 rather than
    thousands/millions/billions): each English piece is replaced wherever it occurs, before the
    labels. A data value not in `labels` that is a number in words or a date is converted
    ('175 billion' -> 1750亿, 'Mar 2024' -> 2024年3月). Numbers are untouched, and a string that
    names a field, a parameter or a dataset (`field`, `as`, `name` outside `bind`) is never
    translated. The keys of `labels` and `exprs` that took effect are added to `used`."""
    used = set() if used is None else used
    exprs = exprs or {}
    quoted = {}
    for en, zh in labels.items():
        for q in ("'", '"'):
            quoted[q + en + q] = (en, q + zh.replace("\\", "\\\\").replace(q, "\\" + q) + q)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(quoted, key=len, reverse=True))) if quoted else None
    names = ("field", "as", "$schema", "groupby", "fields")

    def label(v, otherwise):
        if v in labels:
            used.add(v)
            return labels[v]
        return otherwise(v)

    def value(v):
        return v if not isinstance(v, str) else label(v, data_text)

    def literal(m):
        en, zh = quoted[m.group(0)]
        used.add(en)
        return zh

    def walk(node, key=None, parent=None):
        if isinstance(node, dict):
            if key == "datasets":
                return {k: [{c: value(v) for c, v in row.items()} if isinstance(row, dict) else row for row in rows]
                        for k, rows in node.items()}
            return {k: (v if k in names or (k == "name" and key != "bind") else walk(v, k, key))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key, parent) for v in node]
        if isinstance(node, str):
            if key in _EXPR_KEYS:
                for en, zh in exprs.items():
                    if en in node:
                        used.add(en)
                        node = node.replace(en, zh)
                return pattern.sub(literal, node) if pattern is not None else node
            return label(node, str)
        return node

    return walk(spec)


_UNITS = {"tokens": "个词元", "parameters": "个参数", "words": "个词", "hours": "小时", "minutes": "分钟",
          "FLOP": " FLOP", "users": "名用户"}
_EN_COUNT = re.compile(r"^(\d[\d,]*(?:\.\d+)?) (thousand|million|billion|trillion)(?: (\w+))?$")
_DATES = (("%b %Y", "{y}年{m}月"), ("%B %Y", "{y}年{m}月"), ("%d %B %Y", "{y}年{m}月{d}日"),
          ("%d %b %Y", "{y}年{m}月{d}日"), ("%B %d, %Y", "{y}年{m}月{d}日"), ("%b %d, %Y", "{y}年{m}月{d}日"))


_YEAR_LAST = re.compile(r" \d{4}$")


def data_text(value: str) -> str:
    """A data value shown in a chart, as a Chinese reader writes it, when it is a count in words
    ('15 trillion tokens' -> 15万亿个词元) or a date ('Mar 2024' -> 2024年3月); else unchanged."""
    if value.endswith(" (day unknown)"):  # 'March 2017 (day unknown)', '2021 (day unknown)'
        date = value.removesuffix(" (day unknown)")
        head = f"{date}年" if re.fullmatch(r"\d{4}", date) else data_text(date)
        return value if head == date else head + "（日期不详）"
    known = dates.parse_text(value)  # 'March 2017' -> 2017年3月, '7 April 1960' -> 1960年4月7日 (pipeline/dates.py)
    if known:
        return dates.fmt(known[0], known[1], "zh")
    m = _EN_COUNT.match(value)
    if m and (m.group(3) is None or m.group(3) in _UNITS):
        return zh_number(float(m.group(1).replace(",", "")) * _SCALE[m.group(2)]) + _UNITS.get(m.group(3) or "", "")
    for fmt, out in _DATES if _YEAR_LAST.search(value) else ():  # each format ends in " %Y"
        try:
            d = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return out.format(y=d.year, m=d.month, d=d.day)
    return value


# ------------------------------------------------------------------- the site's own words

# gettext-style: the English text is the key; a missing Chinese text fails the build (`tr`)
ZH_UI = {
    # figure blocks
    "Permalink to this figure": "本图的固定链接",
    "Figure {n}": "图 {n}",
    "Version {n}": "版本 {n}",
    "Sources of individual rows ({n})": "逐行来源（{n} 个）",
    "{n} row": "{n} 行", "{n} rows": "{n} 行",
    "Data": "数据",
    "Sources": "来源",
    "Download": "下载",
    "Vega-Lite spec": "Vega-Lite 规格",
    "Notebook": "笔记本",
    "Data table ({n} rows)": "数据表（{n} 行）",
    "Figure page: versions, citation, how it was made": "图页面：版本、引用与制作过程",
    "Copy permalink": "复制固定链接",
    "The chart's assumptions, drawn at these values (with JavaScript, move them)": "本图的假设取值，图按这些值绘制（启用 JavaScript 后可拖动调整）",
    "Permalink: {url}": "固定链接：{url}",
    "Computed at build time from {data}": "构建时根据 {data} 计算",
    "the data behind {link} ({n} rows)": "{link}背后的数据（{n} 行）",
    "the figure": "该图",
    "source": "来源",
    # data-table headings (column names in words) that the figure's labels do not hold
    "Person": "人物", "Said date": "发言日期", "Predicted": "预测到来时间", "Prediction": "预测内容",
    "AGI definition": "AGI 定义", "Source": "来源",
    # claims
    "holds": "成立", "no longer holds": "不再成立",
    "The essay's claim": "原文的陈述", "Our annotation": "我们的注解",
    "The essay says": "原文写道", "Our check": "我们的核验",
    "Corrected in v{n} ({date}):": "v{n}（{date}）更正了此数据：",
    "section “{t}”": "“{t}”一节", "computed from {data}": "依据 {data} 计算",
    "Claims checked on this figure": "基于此图数据核验的陈述",
    "Our check against the data:": "我们对照数据的核验：",
    " This no longer holds with the current data (preview build).": "按当前数据，此陈述已不再成立（预览构建）。",
    "Checked at build time against {data}: {status}. Evidence and arithmetic on the Claims page.":
        "构建时已对照 {data} 核验：{status}。证据与算式见“核验陈述”页。",
    "Claim {status}: see the evidence": "陈述{status}：查看证据",
    # since publication
    "supports the claim": "支持该论点", "challenges the claim": "挑战该论点", "mixed evidence": "证据不一",
    "On the claim:": "涉及的论点：", "archived copy": "归档副本",
    # the scorecard (pipeline/record.py computes it)
    "The essay:": "原文：", "Then:": "当时：", "Now:": "现在：", "Chapter:": "章节：", "Latest:": "最新：", "The rule, applied by code:": "判定规则（由代码执行）：",
    "Claim (our paraphrase; the essay's words linked)": "论点（我们的转述；链接到原文措辞）", "Verdict": "判定",
    "Evidence by stance": "按立场统计的证据",
    "The number then and now": "当时与现在的数字",
    "supporting": "条支持", "challenging": "条挑战", "mixed": "条立场不一",
    "Since publication: what later evidence says (our annotation, dated and sourced)":
        "发表之后：后来的证据怎么说（我们的注解，注明日期与来源）",
    # page furniture
    "Search": "搜索",
    "Copy": "复制", "Version": "版本", "Released": "发布日期", "What changed": "变化",
    "{n} distinct row sources": "{n} 个不同的逐行来源",
    # a figure's data line: the dataset, its version and licence, and its sources
    "{data}, v{version} ({licence}). {sources_label}: {sources}.": "{data}，v{version}（{licence}）。{sources_label}：{sources}。",
    "{data} (v{version}; {licence}), {rows}": "{data}（v{version}；{licence}），{rows}",
}


def tr(lang: str, text: str, **kw) -> str:
    """The site's own words in `lang` (English is the key); formatted with kw."""
    if lang == "zh":
        if text not in ZH_UI:
            raise KeyError(f"pipeline/i18n.py: no Chinese for {text!r} in ZH_UI")
        text = ZH_UI[text]
    return text.format(**kw) if kw else text


def localized(meta: dict, lang: str) -> dict:
    """A figure's meta with title, caption, alt and source line in `lang`."""
    if lang == "en" or "zh" not in meta:
        return meta
    return {**meta, **{k: v for k, v in meta["zh"].items() if k in ("title", "caption", "alt", "source_line")}}


def data_catalogue(path, resources: dict) -> dict:
    """data/datapackage.zh.json: the Chinese titles and descriptions of every resource and field,
    checked against the package: an entry for every resource and field, and Chinese exactly where
    the English descriptor has a title or description (no entry for what the package lacks)."""
    import json

    where = "data/datapackage.zh.json"
    try:
        cat = json.loads(Path(path).read_text(encoding="utf-8"))["resources"]
    except (OSError, ValueError, KeyError) as e:
        raise ValueError(f"{where}: cannot read its 'resources': {e}") from e
    for name in cat:
        if name not in resources:
            raise ValueError(f"{where}: resource '{name}' is not in data/datapackage.json (renamed or removed?)")
    for name, desc in resources.items():
        entry = cat.get(name)
        if entry is None:
            raise ValueError(f"{where}: no Chinese for resource '{name}': add its title, description and fields")
        fields = {f["name"]: f for f in desc["schema"]["fields"]}
        for fname in entry.get("fields", {}):
            if fname not in fields:
                raise ValueError(f"{where}: resource '{name}': field '{fname}' is not in its schema")
        pairs = [(f"resource '{name}'", desc, entry)] + [
            (f"resource '{name}', field '{fname}'", f, entry.get("fields", {}).get(fname, {})) for fname, f in fields.items()]
        for label, en, zh in pairs:
            for key in ("title", "description"):
                if key in en and not CJK.search(zh.get(key, "")):
                    raise ValueError(f"{where}: {label}: no Chinese {key}")
                if key not in en and key in zh:
                    raise ValueError(f"{where}: {label}: a Chinese {key} but no English one")
        # the licences, in the same order, each by its name, with a Chinese title where the English has one
        en_lics, zh_lics = desc.get("licenses", []), entry.get("licenses", [])
        if [x.get("name") for x in zh_lics] != [x.get("name") for x in en_lics]:
            raise ValueError(f"{where}: resource '{name}': 'licenses' must name the package's licences in its order "
                             f"({', '.join(str(x.get('name')) for x in en_lics) or 'none'}), each with its Chinese title")
        for en, zh in zip(en_lics, zh_lics):
            if en.get("title") and not CJK.search(zh.get("title", "")):
                raise ValueError(f"{where}: resource '{name}': licence '{en.get('name')}': no Chinese title")
    return cat


def licence_titles(lics: list[dict], zh: dict | None, lang: str) -> list[tuple[str, bool]]:
    """Each licence's title in `lang` and whether it is in that language: a Chinese title from the
    resource's entry in data/datapackage.zh.json (`zh`) when it names the same licence, else the
    English one (an older release's licence, say)."""
    zh_lics = (zh or {}).get("licenses", []) if lang != "en" else []
    out = []
    for i, x in enumerate(lics):
        en = x.get("title") or x.get("name", "")
        z = zh_lics[i] if i < len(zh_lics) and zh_lics[i].get("name") == x.get("name") else {}
        out.append((z["title"], True) if z.get("title") else (en, lang == "en"))
    return out


def prefix(lang: str) -> str:
    """Where a language's pages live, relative to the site root: '' for English, 'zh/' for Chinese."""
    return "" if lang == "en" else f"{lang}/"


_CHANGED = {"first release": "首次发布", "figure code changed": "绘图代码有改动",
            "chart and data unchanged": "图表与数据未变", "chart changed, data unchanged": "图表有改动，数据未变",
            "columns changed": "列有改动", "Chinese edition added": "新增中文版",
            "Chinese chart changed": "中文图表有改动", "Chinese text changed": "中文文字有改动",
            "dates written as calendar dates": "日期改为按日历日期书写"}
_ROWS = re.compile(r"^(\d+) rows? (added|changed|removed)$")


def zh_changed(text: str) -> str:
    """A release ledger's "what changed" (release.py writes English) in Chinese."""
    out = []
    for part in re.split(r"[;,]\s*", text):
        part = part.strip()
        if part in _CHANGED:
            out.append(_CHANGED[part])
        elif m := _ROWS.match(part):
            out.append(f"{m.group(1)} 行" + {"added": "新增", "changed": "有改动", "removed": "删除"}[m.group(2)])
        else:
            out.append(part)
    return "；".join(out)
