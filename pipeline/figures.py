"""Figure modules: discovery (by reading, not importing) and rendering (in a worker).

A figure module is `figures/<name>.py`; its slug is the name with '-' for '_'.
It has `DATA` (the data-package resources it reads, in the order table() takes them), a pure
`table(*frames)` returning the one tidy table the chart shows, a pure `chart(table)` returning
an Altair chart of it, and optionally `facts(*frames)`, the numbers its words name. Its words
(title, caption, text alternative, in English and Chinese, and the chart's labels in Chinese)
are data beside it: figures/<name>.yml (`read_words`, pipeline/figure_words.schema.json).

The build writes the table to the figure's CSV and hands chart() the table *read back from
that CSV* (`read_table`), so that the published CSV alone reproduces the published chart:
that is what the figure's notebook does, and the build checks that both agree.
"""
from __future__ import annotations

import ast
import functools
import html
import importlib
import importlib.util
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pipeline.i18n import ZH_FONT, join_lines, localize_spec, zh_format


class FigureError(Exception):
    pass


@dataclass(frozen=True)
class Figure:
    slug: str
    module: str          # importable name, e.g. figures.cpu_clock_speed
    path: str            # repo-relative path of the module
    title: str
    caption: str
    alt: str
    data: tuple[str, ...]
    uses: tuple[str, ...] = ()  # the project's shared modules it imports (argument.values, ...)
    # the Chinese edition: the words' zh (title, caption, alt; the same placeholders as English)
    # and labels (English label -> Chinese), which translate the chart
    title_zh: str = ""
    caption_zh: str = ""
    alt_zh: str = ""
    labels: dict = field(default_factory=dict)
    zh_expr: dict = field(default_factory=dict)  # English piece of an expression -> Chinese


def _shared_imports(tree: ast.Module, prefix: str = "_") -> tuple[str, ...]:
    """The project's modules a module imports, as dotted names: the argument's (argument/*.py,
    its values and claims) and the figure modules whose names start with `prefix` (the shared
    ones, figures/_*.py, by default; "" for all)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("figures", "argument"):
            names = [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [".".join((node.module or "").split(".")[:2])]
        elif isinstance(node, ast.Import):
            names = [".".join(a.name.split(".")[:2]) for a in node.names]
        else:
            continue
        for name in names:
            package, _, module = name.partition(".")
            if module and (package == "argument" or (package == "figures" and module.startswith(prefix))):
                found.add(name)
    return tuple(sorted(found))


def slug_of(path: Path) -> str:
    return path.stem.replace("_", "-")


WORDS = ("ALT", "ZH_DOC", "ZH_ALT", "LABELS", "ZH_EXPR")  # what a module once held, now its sidecar's


def words_path(path: Path) -> Path:
    """A figure module's words: figures/<name>.yml beside figures/<name>.py."""
    return path.with_suffix(".yml")


@functools.cache
def _words_validator():
    """The words' schema, read and compiled once a process (every build reads every figure's words)."""
    import jsonschema

    schema = json.loads(Path(__file__).with_name("figure_words.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def read_words(path: Path, root: Path) -> dict:
    """The figure's words (its sidecar), checked against pipeline/figure_words.schema.json; an
    error names the file and the field."""
    import jsonschema
    import yaml

    rel = path.relative_to(root).as_posix()
    if not path.exists():
        raise FigureError(f"{rel}: missing: a figure's title, caption and text alternative live beside its module "
                          f"(`build.py new figure NAME` writes one to start from)")
    try:
        words = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise FigureError(f"{rel}: {where}not valid YAML: {getattr(e, 'problem', None) or e}") from None
    error = jsonschema.exceptions.best_match(_words_validator().iter_errors(words))
    if error is not None:
        field = ".".join(str(x) for x in error.absolute_path) or "(the file)"
        raise FigureError(f"{rel}: {field}: {error.message}")
    return words


def labels(module: str, root: Path | None = None) -> dict[str, str]:
    """A figure's Chinese labels (English label -> Chinese), for the argument's Chinese sentences."""
    root = root or Path(__file__).resolve().parents[1]
    path = root / "figures" / f"{module}.yml"
    return read_words(path, root).get("labels", {})


def read_figure(path: Path, root: Path) -> Figure:
    rel = path.relative_to(root).as_posix()
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    except SyntaxError as e:
        raise FigureError(f"{rel}: line {e.lineno}: syntax error: {e.msg}") from e
    consts = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in WORDS:
                raise FigureError(f"{rel}: line {node.lineno}: {name} belongs in {words_path(path).name} beside the "
                                  "module (a figure's words are data: see pipeline/figure_words.schema.json)")
            if name == "DATA":
                try:
                    consts[name] = ast.literal_eval(node.value)
                except ValueError:
                    raise FigureError(f"{rel}: line {node.lineno}: {name} must be a literal") from None
    funcs = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    missing = [w for w, ok in (("DATA", "DATA" in consts), ("a table() function", "table" in funcs),
                                ("a chart() function", "chart" in funcs)) if not ok]
    if missing:
        raise FigureError(f"{rel}: a figure module needs {', '.join(missing)}")
    data = consts["DATA"]
    if isinstance(data, str) or not all(isinstance(d, str) for d in data):
        raise FigureError(f"{rel}: DATA must be a tuple of resource names")
    words = read_words(words_path(path), root)
    zh = words.get("zh", {})
    return Figure(slug_of(path), f"figures.{path.stem}", rel, words["title"].strip(), " ".join(words["caption"].split()),
                  " ".join(words["alt"].split()), tuple(data), _shared_imports(tree),
                  zh.get("title", "").strip(), join_lines(zh.get("caption", "")), join_lines(zh.get("alt", "")),
                  words.get("labels", {}), words.get("zh_expr", {}))


def discover(root: Path) -> dict[str, Figure]:
    out = {}
    paths = sorted((root / "figures").glob("*.py"))
    for path in paths:
        if not path.name.startswith("_"):
            if not path.stem.isidentifier() or not path.stem.isascii():
                twin = [q for q in paths if q != path and slug_of(q) == slug_of(path)]
                raise FigureError(f"figures/{path.name}: not a module name Python can import (letters, digits and "
                                  "'_' only; the figure's permalink has '-' for '_')"
                                  + (f"; figures/{twin[0].name} already makes the figure '{slug_of(path)}'"
                                     if twin else ""))
            fig = read_figure(path, root)
            if fig.slug in out:
                raise FigureError(f"{fig.path}: its figure name '{fig.slug}' is also that of {out[fig.slug].path} "
                                  "(a module's name, with '-' for '_', is its figure's permalink): rename one")
            out[fig.slug] = fig
    return out


# --------------------------------------------------------------------------- rendering

def _raised(fig: Figure, what: str, e: Exception) -> FigureError:
    """The figure's own code failed: say where, and for a write the build forbids, what it tried."""
    if isinstance(e, PermissionError) and e.filename:
        spec = importlib.util.find_spec("figures")
        root = Path(spec.origin).parents[1] if spec and spec.origin else Path.cwd()
        name = Path(e.filename)
        shown = (f"'{name}'" if not name.is_absolute() else  # (a name relative to a folder it was removing)
                 name.relative_to(root).as_posix() if name.is_relative_to(root) else "a file outside the repository")
        return FigureError(f"{fig.path}: {what} tried to write {shown}: a figure's code may not write files "
                           "(the build lets it write only in its own cache folder); return the table instead")
    return FigureError(f"{fig.path}: {what} raised {type(e).__name__}: {e}")


class _Strict(dict):
    def __init__(self, fig, facts):
        super().__init__(facts)
        self.fig = fig

    def __missing__(self, key):
        raise FigureError(f"{self.fig.path}: the text names {{{key}}}, which facts() does not return")


def fill_text(fig: Figure, mod, frames) -> Figure:
    """Put the numbers computed by the module's facts(*frames) into title, caption and ALT."""
    facts = {}
    if hasattr(mod, "facts"):
        try:
            facts = mod.facts(*frames)
        except Exception as e:
            raise _raised(fig, "facts()", e) from e
    m = _Strict(fig, facts)
    try:
        return replace(fig, title=fig.title.format_map(m), caption=fig.caption.format_map(m),
                       alt=fig.alt.format_map(m), title_zh=zh_format(fig.title_zh, m, fig.labels),
                       caption_zh=zh_format(fig.caption_zh, m, fig.labels),
                       alt_zh=zh_format(fig.alt_zh, m, fig.labels))
    except (ValueError, IndexError) as e:
        raise FigureError(f"{fig.path}: bad placeholder in the text: {e}") from e


def _svg_accessible(svg: str, fig: Figure, variant: str) -> str:
    """Give the root <svg> role="img", a <title> and a <desc> (vl-convert emits none)."""
    tid, did = f"fig-{fig.slug}-{variant}-title", f"fig-{fig.slug}-{variant}-desc"
    svg, n = re.subn(r"<svg\b", f'<svg role="img" aria-labelledby="{tid} {did}"', svg, count=1)
    if not n:
        raise FigureError(f"{fig.path}: renderer returned no <svg>")
    head = (f'<title id="{tid}">{html.escape(fig.title)}</title>'
            f'<desc id="{did}">{html.escape(fig.alt)}</desc>')
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + head, svg, count=1)


def _write(dir_: Path, name: str, data: str | bytes) -> None:
    mode = "wb" if isinstance(data, bytes) else "w"
    kw = {} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": "\n"}
    with open(dir_ / name, mode, **kw) as f:
        f.write(data)


def _dump(obj) -> str:
    return json.dumps(obj, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def plotted_frame(spec: dict, fig: Figure):
    """The one dataset the chart shows, as a DataFrame (columns in first-seen order)."""
    import pandas as pd

    datasets = spec.get("datasets") or {}
    if len(datasets) != 1:
        raise FigureError(f"{fig.path}: chart() must plot exactly one table (found {len(datasets)}); "
                          "combine the frames into one tidy table")
    rows = next(iter(datasets.values()))
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    frame = pd.DataFrame(rows, columns=list(cols))
    for c in frame.columns:  # integers with gaps stay integers (not 1978.0)
        vals = [r.get(c) for r in rows if r.get(c) is not None]
        if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
            frame[c] = frame[c].astype("Int64")
    return frame


READ_OPTIONS = {"keep_default_na": False, "na_values": [""]}


def csv_dtypes(rows: list[dict], columns: list[str]) -> dict[str, str]:
    """The pandas dtype of each CSV column, from the JSON values Altair would plot."""
    out = {}
    for c in columns:
        vals = [r.get(c) for r in rows if r.get(c) is not None]
        if vals and all(isinstance(v, bool) for v in vals):
            out[c] = "boolean"
        elif vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
            out[c] = "Int64"
        elif vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
            out[c] = "float64"
        elif vals and all(isinstance(v, str) and ISO_DATE.match(v) for v in vals):
            out[c] = "date"  # read back as dates, so that chart() gets dates, not their text
        else:
            out[c] = "str"
    return out


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_args(dtypes: dict[str, str]) -> dict:
    """pandas.read_csv's arguments for a figure's CSV, the same in the build and the notebook:
    each column's dtype, its dates parsed as dates (YYYY-MM-DD), the NA rule."""
    dates = [c for c, t in dtypes.items() if t == "date"]
    args = {"dtype": {c: t for c, t in dtypes.items() if t != "date"}}
    if dates:
        args.update(parse_dates=dates, date_format="%Y-%m-%d")
    return {**args, **READ_OPTIONS}


def read_table(source, dtypes: dict[str, str]):
    """Read a figure's CSV exactly as its notebook does (`read_args`)."""
    import pandas as pd

    return pd.read_csv(source, **read_args(dtypes))


def table_csv(table, fig: Figure) -> tuple[str, dict[str, str]]:
    """The figure's CSV text and column dtypes: the table as Altair serialises it."""
    import altair as alt
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise FigureError(f"{fig.path}: table() returned {type(table).__name__}, not a pandas DataFrame")
    if table.empty:
        raise FigureError(f"{fig.path}: table() returned an empty table")
    from pipeline.chart_theme import calendar_dates

    rows = alt.utils.sanitize_pandas_dataframe(table).to_dict(orient="records")
    rows = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in rows]
    rows = calendar_dates({"datasets": {"t": rows}})["datasets"]["t"]  # a midnight is the date it is
    cols = [str(c) for c in table.columns]
    frame = pd.DataFrame(rows, columns=cols)
    dtypes = csv_dtypes(rows, cols)
    for c, t in dtypes.items():
        if t == "Int64":
            frame[c] = frame[c].astype("Int64")
    return frame.to_csv(index=False, lineterminator="\n"), dtypes


PORTABLE_DIGITS = 12


def portable_floats(frame, digits: int = PORTABLE_DIGITS):
    """The frame with its float columns rounded to `digits` significant digits, for a table()
    that computes with exp, log or pow. Those differ in the last bit from one CPU to another
    (numpy picks its SIMD code by CPU: AVX-512 gives 12589254.11794166 for 10 ** 7.1 where AVX2
    gives 12589254.117941663), so the table's CSV, and the figure's version, would change with the
    machine. Rounded, a one-bit difference (a relative 1e-16) no longer shows; + - * / are exact
    everywhere (IEEE 754) and need no rounding."""
    import pandas as pd

    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = [x if x != x else float(f"{x:.{digits}g}") for x in out[c]]
    return out


def pin_pandas_display() -> None:
    """Altair names views by hashing str(DataFrame), which depends on pandas' display options
    and on the terminal size: pin them so that every build (and notebook) writes the same spec."""
    import pandas as pd

    for var in ("COLUMNS", "LINES"):
        os.environ.pop(var, None)
    pd.reset_option("display")
    pd.set_option(*PANDAS_DISPLAY)


PANDAS_DISPLAY = ("display.width", 80, "display.max_columns", 20, "display.max_rows", 60,
                  "display.max_colwidth", 50)


def check_glyphs(path: str, lang: str, svg: str) -> None:
    """Every character the chart draws is in a pinned face (pipeline/fonts.py): otherwise vl-convert
    would fall back to whatever font the machine has, or draw a box."""
    from pipeline import fonts

    folder = fonts.use()
    family = fonts.CHINESE if lang == "zh" else fonts.LATIN
    for raw in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", raw))
        miss = fonts.missing(text, folder, family)
        if miss:
            chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in miss)
            raise FigureError(f"{path}: the {'Chinese' if lang == 'zh' else 'English'} chart draws the text {text!r}, "
                              f"but its pinned face {family} (fonts.lock.json) has no {chars}: change the text, or "
                              "pin a face that has it (the machine's fonts are never used)")


# A figure's published files, the one list (the site copies them, a release freezes them): each
# extension after "<slug>."; the Chinese edition has its own of each ("<slug>.zh.<ext>"), but the
# same CSV, the data being the same.
ARTEFACTS = ("svg", "png", "csv", "vl.json", "vg.json", "dark.vg.json", "page.svg", "page.dark.svg")
SHARED_BY_EDITIONS = frozenset({"csv"})


def artefact_ext(ext: str, lang: str = "en") -> str:
    """The extension under which a language edition's copy of an artefact is built."""
    return ext if lang == "en" or ext in SHARED_BY_EDITIONS else f"{lang}.{ext}"

DRAW = "draw.json"  # what draw() needs: the specs whose images are still to be drawn, and their texts
DRAWN = "images.done"  # marks a figure folder whose images are drawn


def draw(out: str) -> None:
    """The figure's remaining images (the downloads' SVG and PNG, the page's dark and Chinese
    SVGs), from the specs render() left in `out`, each file written whole. A build task of its
    own, after render(): the notebook, which needs only the specs and the CSV, runs meanwhile."""
    from types import SimpleNamespace

    import vl_convert as vlc

    from pipeline import fonts

    fonts.use()  # the pinned faces, never the machine's (pipeline/fonts.py)
    d = Path(out)
    job = json.loads((d / DRAW).read_text(encoding="utf-8"))
    s, specs = job["slug"], job["specs"]
    en, zh = (SimpleNamespace(slug=s, path=job["path"], title=t, alt=a) for t, a in (job["text"]["en"], job["text"]["zh"]))
    for name, data in [
            (f"{s}.svg", lambda: _svg_accessible(vlc.vegalite_to_svg(specs["file"]), en, "file")),
            (f"{s}.png", lambda: vlc.vegalite_to_png(specs["file"], scale=2)),
            (f"{s}.page.dark.svg", lambda: _svg_accessible(vlc.vegalite_to_svg(specs["page_dark"]), en, "dark")),
            (f"{s}.zh.svg", lambda: _svg_accessible(vlc.vegalite_to_svg(specs["file_zh"]), zh, "file")),
            (f"{s}.zh.png", lambda: vlc.vegalite_to_png(specs["file_zh"], scale=2)),
            (f"{s}.zh.page.svg", lambda: _svg_accessible(vlc.vegalite_to_svg(specs["page_zh"]), zh, "light")),
            (f"{s}.zh.page.dark.svg", lambda: _svg_accessible(vlc.vegalite_to_svg(specs["page_dark_zh"]), zh, "dark"))]:
        tmp = d / f".{name}.tmp"
        made = data()
        if name.endswith(".svg"):
            check_glyphs(job["path"], "zh" if ".zh." in name else "en", made)
        _write(d, tmp.name, made)
        os.replace(tmp, d / name)


def render(fig: Figure, root: str, resources: dict[str, str], out: str, key: str, images: bool = True) -> dict:
    """Build the artefacts of one figure into `out` (atomically). Runs in a worker. With
    images=False the images draw() makes are left to it (the build runs it as a task of its own)."""
    root_p = Path(root)
    if root not in sys.path:
        sys.path.insert(0, root)
    import altair as alt
    import vl_convert as vlc

    pin_pandas_display()

    from pipeline import fonts

    fonts.use(os.environ.get(fonts.ENV) or fonts.prepare(root_p))  # the pinned faces, never the machine's
    from pipeline import chart_theme as _theme
    from pipeline import data as datamod

    frames = [datamod.load(datamod.Resource(n, Path(p), d, "")) for n, (p, d) in
              ((n, resources[n]) for n in fig.data)]
    import io

    try:
        mod = importlib.import_module(fig.module)
    except Exception as e:
        raise _raised(fig, "importing the module", e) from e
    try:
        table = mod.table(*frames)
    except Exception as e:  # the figure's own code failed: say where
        raise _raised(fig, "table()", e) from e
    csv_text, dtypes = table_csv(table, fig)
    try:
        chart = mod.chart(read_table(io.StringIO(csv_text), dtypes))
    except Exception as e:
        raise _raised(fig, "chart()", e) from e
    if not isinstance(chart, alt.TopLevelMixin):
        raise FigureError(f"{fig.path}: chart() returned {type(chart).__name__}, not an Altair chart")
    fig = fill_text(fig, mod, frames)
    sources = _theme.source_line(fig.data, {n: resources[n][1] for n in fig.data})
    try:
        spec = _theme.finish(chart, fig.title, sources).to_dict(validate=True)
        page = _theme.finish(chart, None).to_dict(validate=True)
        page_dark = _theme.dark_spec(_theme.finish(chart, None, dark=True).to_dict(validate=True))
    except Exception as e:
        raise FigureError(f"{fig.path}: not a valid Vega-Lite spec: {str(e).splitlines()[0]}") from e
    # the Chinese edition: the same chart and data, its words translated through its labels
    sources_zh = "来源：" + sources.removeprefix("Source: ").replace("; ", "；")
    try:
        labels, used = {**_theme.LABELS_ZH, **fig.labels, _theme.FONT: ZH_FONT}, set()
        spec_zh = localize_spec(_theme.finish(chart, fig.title_zh or fig.title, sources_zh).to_dict(), labels,
                                fig.zh_expr, used)
        # the CJK face sets Latin wider than Arial: wrap the source line shorter than English's 110
        spec_zh["title"]["subtitle"] = _theme.wrap(sources_zh, 93)
        page_zh = localize_spec(page, labels, fig.zh_expr, used)
        page_dark_zh = localize_spec(page_dark, labels, fig.zh_expr, used)
    except Exception as e:
        raise FigureError(f"{fig.path}: the Chinese spec failed: {type(e).__name__}: {e}") from e
    # a translation that no longer takes effect: the chart or its data changed under it. An
    # expression piece is code, so the build stops (the Chinese chart would compute counts the
    # English way); a label may belong to a row that was removed, so the build goes on and says so
    # (if the row's text was edited instead, the new text shows in English until its label follows)
    stale = [k for k in fig.zh_expr if k not in used]
    if stale:
        raise FigureError(f"{words_path(Path(fig.path)).as_posix()}: zh_expr entry {stale[0]!r} occurs in no expression of the chart "
                          f"({len(stale)} such entries): update it to the chart's current expression, or remove it")
    unused_labels = sorted(k for k in fig.labels if k not in used)
    for sp in (spec, page, page_dark, spec_zh, page_zh, page_dark_zh):  # dates as dates, in UTC everywhere
        _theme.calendar_dates(sp)
    frame = plotted_frame(spec, fig)
    if frame.to_csv(index=False, lineterminator="\n") != csv_text:
        raise FigureError(f"{fig.path}: chart() must plot the table it is given, unchanged and alone "
                          "(add columns in table(), use Vega-Lite transforms in chart())")

    from pipeline.store import replace_dir

    with replace_dir(Path(out), prefix=f".{fig.slug}-") as tmp:
        s = fig.slug
        # downloads: the standalone chart, with its own title and source line
        _write(tmp, f"{s}.vl.json", _dump(spec))
        # the page: title, caption and sources are HTML; the chart is static SVG, then live Vega
        _write(tmp, f"{s}.vg.json", _dump(vlc.vegalite_to_vega(page)))
        _write(tmp, f"{s}.dark.vg.json", _dump(vlc.vegalite_to_vega(page_dark)))
        svg = vlc.vegalite_to_svg(page)  # the light page SVG: its size is the page's, and the figure page's first paint
        check_glyphs(fig.path, "en", svg)
        _write(tmp, f"{s}.page.svg", _svg_accessible(svg, fig, "light"))
        _write(tmp, f"{s}.csv", csv_text)
        zh = replace(fig, title=fig.title_zh or fig.title, alt=fig.alt_zh or fig.alt)
        _write(tmp, f"{s}.zh.vl.json", _dump(spec_zh))
        _write(tmp, f"{s}.zh.vg.json", _dump(vlc.vegalite_to_vega(page_zh)))
        _write(tmp, f"{s}.zh.dark.vg.json", _dump(vlc.vegalite_to_vega(page_dark_zh)))
        # the other images, drawn by draw() from these specs (as they are: key order kept)
        _write(tmp, DRAW, json.dumps({
            "slug": s, "path": fig.path, "text": {"en": [fig.title, fig.alt], "zh": [zh.title, zh.alt]},
            "specs": {"file": spec, "page_dark": page_dark, "file_zh": spec_zh, "page_zh": page_zh,
                      "page_dark_zh": page_dark_zh}}, ensure_ascii=False))
        if images:
            draw(str(tmp))
        m = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg)
        meta = {**asdict(fig), "key": key, "rows": len(frame), "dtypes": dtypes, "source_line": sources,
                "width": float(m.group(1)) if m else None, "height": float(m.group(2)) if m else None,
                "sources": _row_sources(fig, {n: resources[n][1] for n in fig.data}, frames),
                "zh_unused_labels": unused_labels,
                "zh": {"title": zh.title, "caption": fig.caption_zh or fig.caption, "alt": zh.alt,
                       "source_line": sources_zh, "translated": bool(fig.title_zh)}}
        _write(tmp, "meta.json", _dump(meta))
    return meta


def _row_sources(fig: Figure, descs: dict[str, dict], frames) -> list[dict]:
    """Per resource: its package-level sources and licence, and the distinct row sources."""
    out = []
    for name, frame in zip(fig.data, frames):
        d = descs[name]
        rows = []
        if "source_url" in frame:
            counts = frame["source_url"].value_counts(sort=False)
            rows = [{"url": u, "rows": int(c)} for u, c in counts.items()]
        out.append({"resource": name, "title": d.get("title", name), "path": f"data/{d['path']}",
                    "version": d.get("version"), "sources": d.get("sources", []),
                    "licenses": d.get("licenses", []), "row_sources": rows})
    return out
