"""`build.py new figure NAME`: write a working figure (its module and its words) and place it on a page.

The module follows the house conventions (DATA, facts(), table(), chart()) and its words file
(figures/<name>.yml: title, caption and text alternative, their Chinese twins, the chart's labels
in Chinese) the schema pipeline/figure_words.schema.json; the figure plots two columns of one
dataset of the data package and builds as it stands; its author then edits the words and the
chart. The same two files, for the dataset and columns of the README's example, are the README's
"Adding a figure" example (tests/test_scaffold.py checks that they agree and that both build).
"""
from __future__ import annotations

import keyword
import re
import string
from pathlib import Path

from pipeline.figures import FigureError

TEMPLATE = string.Template('''"""The chart of figure $slug: its data, table and chart (its words: $name.yml)."""
import altair as alt
import pandas as pd

DATA = ("$resource",)


def facts(rows: pd.DataFrame) -> dict:
    return {"n": len(rows)}


def table(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per point: the two plotted columns, with the row's id and source."""
    return rows[["id", "$x", "$y", "source_url"]]


def chart(table: pd.DataFrame) -> alt.Chart:
    return alt.Chart(table).mark_point(filled=True).encode(
        x=alt.X("$x:$x_type", title="$x"), y=alt.Y("$y:Q", title="$y"),
        tooltip=[alt.Tooltip("id:N"), alt.Tooltip("$x:$x_type"), alt.Tooltip("$y:Q")])
''')

WORDS = string.Template('''# The words of figure $slug ($name.py draws it). Numbers are placeholders filled from
# facts(), never typed: here {n}, the rows of the data. Schema: pipeline/figure_words.schema.json.
title: $title
caption: >-
  Edit this caption: say in two or three sentences what the chart shows and why it matters to
  the argument, with the numbers as placeholders (here, the {n} rows of the data).
alt: Scatter chart of $y against $x, one point for each of the {n} rows of the data.
zh:
  title: $title（请译成中文标题）
  caption: 请改写这段图注：用两三句话说明这张图显示了什么、它对论证有何意义。数字用占位符，由 facts() 填入：这里是数据中的 {n} 行。
  alt: 散点图：$y 对 $x，数据中的 {n} 行各为一个点。
labels:  # the chart's English words and their Chinese twins
  "$x": "$x"
  "$y": "$y"
''')

NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def module_text(name: str, resource: str, x: str, y: str, x_type: str) -> str:
    """The figure module's source for dataset `resource`, `x` against `y` (x_type: Vega-Lite's
    T, Q or N)."""
    return TEMPLATE.substitute(name=name, slug=name.replace("_", "-"), resource=resource, x=x, y=y, x_type=x_type)


def words_text(name: str, x: str, y: str) -> str:
    """The figure's words (figures/<name>.yml). Its title comes from its name until its author
    gives it one."""
    return WORDS.substitute(name=name, slug=name.replace("_", "-"), title=name.replace("_", " ").capitalize(), x=x, y=y)


def _column_type(res, column: str) -> str:
    """Vega-Lite's type for a column, from the data package's schema."""
    fields = {f["name"]: f for f in res.descriptor.get("schema", {}).get("fields", [])}
    if column not in fields:
        raise FigureError(f"{res.rel}: no column {column!r} (it has: {', '.join(fields)})")
    kind = fields[column].get("type")
    return {"date": "T", "datetime": "T", "year": "Q", "integer": "Q", "number": "Q"}.get(kind, "N")


def new_figure(root: Path, name: str, resource: str, x: str, y: str, page: str | None) -> list[Path]:
    """Write figures/<name>.py and figures/<name>.yml and, with `page` (a page under site/, e.g. chapters/trend-lines.md),
    its marker at the end of that page and of its Chinese twin. Returns the files written."""
    from pipeline import data

    if not NAME.match(name) or keyword.iskeyword(name):
        raise FigureError(f"{name!r}: a figure's name is lower-case words joined by '_' (its slug joins them by '-')")
    path = root / "figures" / f"{name}.py"
    for existing in (path, path.with_suffix(".yml")):
        if existing.exists():
            raise FigureError(f"figures/{existing.name} exists: choose another name")
    resources = data.resources(root / "data")
    if resource not in resources:
        raise FigureError(f"no dataset {resource!r} in data/datapackage.json (it has: {', '.join(sorted(resources))})")
    res = resources[resource]
    for col in ("id", "source_url"):
        _column_type(res, col)  # the template's table keeps them: name what is missing now, not at build
    if _column_type(res, y) != "Q":
        raise FigureError(f"{res.rel}: column {y!r} is not a number; the scaffold plots a number against x")
    written = []
    pages = []
    if page:
        md = root / "site" / page
        zh = md.with_name(md.stem + ".zh.md")
        for p in (md, zh):
            if not p.exists():
                raise FigureError(f"site/{p.relative_to(root / 'site').as_posix()}: no such page")
        pages = [md, zh]
    path.write_text(module_text(name, resource, x, y, _column_type(res, x)), encoding="utf-8")
    path.with_suffix(".yml").write_text(words_text(name, x, y), encoding="utf-8")
    written += [path, path.with_suffix(".yml")]
    slug = name.replace("_", "-")
    for p in pages:
        text = p.read_text(encoding="utf-8")
        p.write_text(text.rstrip("\n") + f"\n\n<!-- fig:{slug} -->\n", encoding="utf-8")
        written.append(p)
    return written
