"""A notebook per figure: generated from the figure's module (nbformat), executed (nbclient),
checked against the published spec, and exported to HTML for the figure page (nbconvert).

The notebook is standalone: put it next to the figure's CSV, run it, and it draws the same
chart and writes the same Vega-Lite spec, byte for byte. It holds the house style and the
module's chart() with the names chart() uses, copied from the source at build time, so the
chart logic lives in one place (the module) and the notebook can never drift from it
without the build noticing.
"""
from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.figures import PANDAS_DISPLAY, FigureError, read_args

if TYPE_CHECKING:  # imported where used: nbformat is slow to import
    import nbformat

KERNEL = "python3"
TIMEOUT = 180  # seconds per cell
REQUIRES = ("altair", "pandas", "numpy", "vl-convert-python")


def versions() -> dict[str, str]:
    return {p: metadata.version(p) for p in (*REQUIRES, "nbformat", "nbclient", "nbconvert", "ipykernel")}


# ------------------------------------------------------------------------ code extraction

def _defs(tree: ast.Module) -> dict[str, ast.stmt]:
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out[node.name] = node
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                for n in ast.walk(t):  # a, b = ... binds both
                    if isinstance(n, ast.Name):
                        out[n.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out[node.target.id] = node
    return out


def _locals(node: ast.stmt) -> set[str]:
    """Names a function binds itself (arguments, assignments, inner functions): they shadow module names."""
    if not isinstance(node, (ast.FunctionDef, ast.Lambda)):
        return set()
    out = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.arg):
            out.add(sub.arg)
        elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            out.add(sub.id)
        elif isinstance(sub, ast.FunctionDef) and sub is not node:
            out.add(sub.name)
    return out


def chart_code(path: Path, theme_names: set[str]) -> str:
    """The module's imports, chart() and every module-level name chart() needs, in source
    order; `_theme.x` becomes `x` (the notebook defines the house style at top level)."""
    src = path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    defs = _defs(tree)
    if "chart" not in defs:
        raise FigureError(f"{path.name}: no chart() function")
    need, todo = set(), ["chart"]
    while todo:
        node = defs[todo.pop()]
        if node in need:
            continue
        need.add(node)
        local = _locals(node)
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id in defs and sub.id not in local and defs[sub.id] not in need:
                todo.append(sub.id)
    for node in need:
        for sub in ast.walk(node):
            if isinstance(sub, (ast.Import, ast.ImportFrom)):
                raise FigureError(f"{path.name}: line {sub.lineno}: chart() and its helpers must not import "
                                  "(import at the top of the module)")
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id.startswith("_") \
                    and sub.value.id != "_theme":
                raise FigureError(f"{path.name}: line {sub.lineno}: chart() uses {sub.value.id}.{sub.attr}; "
                                  "only the theme is available to a figure's notebook")
    clash = sorted(n for n, d in defs.items() if d in need and n in theme_names)
    if clash:
        raise FigureError(f"{path.name}: {', '.join(clash)} also named in pipeline/chart_theme.py; rename to keep "
                          "the notebook unambiguous")
    parts = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            mod = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            if (mod or "").split(".")[0] not in ("figures", "argument", "pipeline"):  # the theme is defined above
                parts.append(ast.get_source_segment(src, node))
        elif node in need:
            parts.append(ast.get_source_segment(src, node))
    code = "\n".join(p for p in parts if p and p.startswith(("import", "from"))) + "\n\n\n" + \
        "\n\n\n".join(p for p in parts if p and not p.startswith(("import", "from")))
    return re.sub(r"\b_theme\.", "", code).strip() + "\n"


def theme_code(theme_path: Path) -> tuple[str, set[str]]:
    src = theme_path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    lines = [ln for ln in src.splitlines() if ln.strip() != "from __future__ import annotations"]
    return "\n".join(lines).strip() + "\n", set(_defs(tree))


# ----------------------------------------------------------------------------- the notebook

def dump_spec(spec: dict) -> str:
    """How the build writes <slug>.vl.json; the notebook writes its spec the same way."""
    return json.dumps(spec, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def md_text(text: str) -> str:
    """Text (a title or caption, data filled in) as Markdown that shows it literally: no link, image,
    emphasis, code or HTML tag can come out of it (HTML's specials as entities, Markdown's
    punctuation backslash-escaped, as CommonMark allows for any ASCII punctuation)."""
    import html
    import re

    text = html.escape(" ".join(text.split()), quote=False)
    text = re.sub(r"([\\`*_\[\]#+!|~])", r"\\\1", text)
    # a line may not start a list or a quote either (">" is an entity already)
    return re.sub(r"^(-|\d+(?=[.)]))", lambda m: "\\-" if m.group(1) == "-" else m.group(1) + "\\", text)


def make(meta: dict, root: Path, site_url: str, spec_sha: str) -> nbformat.NotebookNode:
    import nbformat
    from nbformat import v4

    slug = meta["slug"]
    theme, theme_names = theme_code(root / "pipeline" / "chart_theme.py")
    code = chart_code(root / meta["path"], theme_names)
    v = versions()
    url = site_url.rstrip("/") + f"/figures/{slug}/"
    reqs = ", ".join(f"`{p}=={v[p]}`" for p in REQUIRES)
    title, caption = md_text(meta["title"]), md_text(meta["caption"])
    intro = (f"# {title}\n\n{caption}\n\n"
             f"This notebook reproduces the figure [{title}]({url}) of *AI Scaling Myths, annotated* "
             f"from its published data, `{slug}.csv`. Put the CSV in the same folder as this notebook and run "
             f"all cells: it draws the chart and writes `{slug}.notebook.vl.json`, which is byte for byte the "
             f"published Vega-Lite spec `{slug}.vl.json` (SHA-256 `{spec_sha}`).\n\n"
             f"It needs Python 3.11 or later with {reqs}. The chart code is copied from the project's "
             f"`{meta['path']}` (its `chart()` function and what that uses) and the house style from "
             f"`pipeline/chart_theme.py`; the CSV is made by that module's `table()` from the project's data package.")
    args = read_args(meta["dtypes"])
    read_opts = ", ".join(f"{k}={v!r}" for k, v in args.items() if k != "dtype")
    display = ", ".join(repr(x) for x in PANDAS_DISPLAY)
    cells = [
        v4.new_markdown_cell(intro),
        v4.new_markdown_cell("## The house style\n\nFonts, colours, sizes and the finishing touches every "
                             "figure shares (`pipeline/chart_theme.py`)."),
        v4.new_code_cell(theme),
        v4.new_markdown_cell("## The data\n\nThe table the chart shows, one row per plotted mark. The column "
                             "types are given so that the table reads back exactly as the build wrote it."),
        v4.new_code_cell(
            "import pandas as pd\n\n"
            "# Altair names chart views by hashing the printed table: pin pandas' display options\n"
            "# so that the spec is the same on every machine.\n"
            f"pd.reset_option(\"display\")\npd.set_option({display})\n\n"
            f"table = pd.read_csv(\"{slug}.csv\", dtype={json.dumps(args['dtype'], ensure_ascii=False)},\n"
            f"                    {read_opts})\ntable"),
        v4.new_markdown_cell(f"## The chart\n\n`chart()` from `{meta['path']}`."),
        v4.new_code_cell(code),
        v4.new_code_cell(
            "import os\n\nimport vl_convert as vlc\nfrom IPython.display import SVG\n\n"
            "# the site draws with pinned faces (the project's fonts.lock.json); where they are at hand\n"
            "# ($SCALING_FONTS names their folder, as in the project's build), so does this notebook\n"
            "if os.environ.get(\"SCALING_FONTS\"):\n    vlc.register_font_directory(os.environ[\"SCALING_FONTS\"])\n"
            f"TITLE = {json.dumps(meta['title'], ensure_ascii=False)}\n"
            f"SOURCE = {json.dumps(meta['source_line'], ensure_ascii=False)}\n"
            "figure = finish(chart(table), TITLE, SOURCE)\n"
            "# a static SVG, drawn here (no script from elsewhere), from the spec with its dates as\n"
            "# calendar dates in UTC (calendar_dates, in the house style above), as the site draws it\n"
            "SVG(vlc.vegalite_to_svg(calendar_dates(figure.to_dict(validate=True))))"),
        v4.new_markdown_cell("## The spec\n\nThe Vega-Lite specification, written the way the build writes it, "
                             "and its SHA-256 to compare with the published one."),
        v4.new_code_cell(
            "import hashlib\nimport json\n\n"
            "# dates as calendar dates, read and written in UTC (calendar_dates, in the house style above)\n"
            "spec = json.dumps(calendar_dates(figure.to_dict(validate=True)), indent=1, ensure_ascii=False, sort_keys=True) + \"\\n\"\n"
            f"with open(\"{slug}.notebook.vl.json\", \"w\", encoding=\"utf-8\", newline=\"\\n\") as f:\n"
            "    f.write(spec)\n"
            "print(\"SHA-256\", hashlib.sha256(spec.encode()).hexdigest())"),
    ]
    for i, c in enumerate(cells):  # stable ids: two builds write the same notebook
        c["id"] = f"{slug}-{i}"
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": KERNEL, "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb


# ------------------------------------------------------------------------ execute and check

def first_difference(a, b, path: str = "$") -> str | None:
    """Where two JSON values first differ, as a path with both values."""
    if type(a) is not type(b):
        return f"{path}: published {json.dumps(a)[:80]}, notebook {json.dumps(b)[:80]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in b:
                return f"{path}.{k}: in the published spec, missing from the notebook's"
            if k not in a:
                return f"{path}.{k}: in the notebook's spec, not in the published one"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{path}: published has {len(a)} items, notebook {len(b)}"
        return None
    return None if a == b else f"{path}: published {json.dumps(a)[:80]}, notebook {json.dumps(b)[:80]}"


def spec_difference(published: dict, mine: dict) -> str | None:
    """The first difference, looking at the plotted rows first: a changed row also changes
    the dataset's generated name, which says nothing useful on its own."""
    da, db = published.get("datasets") or {}, mine.get("datasets") or {}
    if len(da) == len(db) == 1:
        d = first_difference(next(iter(da.values())), next(iter(db.values())), "$.datasets[*]")
        if d:
            return d
    return first_difference(published, mine)


# A build worker runs many notebooks: one kernel, started by the first, runs them all (its start and
# the notebooks' imports cost each about a second). Before each notebook the kernel moves to the
# notebook's folder, which holds only its CSV, and forgets every name the last one made; a notebook
# that fails, or is stopped, takes its kernel with it, and the next starts a fresh one.
_WARM: dict = {}
FRESH = "import os\nos.chdir({folder!r})\nget_ipython().run_line_magic('reset', '-f')\n"  # (the last folder is gone)


def _stop_warm_kernel() -> None:
    km = _WARM.pop("km", None)
    if km is not None:
        from jupyter_client.utils import run_sync

        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # already gone
            pass


def execute(nb, workdir: Path, slug: str):
    """Run every cell in `workdir` (which holds only the CSV); failures name the figure and cell."""
    from multiprocessing.util import Finalize

    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(workdir)}}, km=_WARM.get("km"))

    async def fresh_namespace(notebook):
        reply = await client.async_wait_for_reply(client.kc.execute(
            FRESH.format(folder=str(workdir.resolve())), silent=True, store_history=False))
        if not reply or reply["content"].get("status") != "ok":
            raise RuntimeError(f"the kernel could not be readied for the notebook: {reply and reply['content']}")

    client.on_notebook_start = fresh_namespace
    log = workdir.parent / f"{workdir.name}.kernel.log"
    ok = False
    try:
        with open(log, "w") as err:  # the kernel's own chatter stays out of the build's output
            client.execute(stderr=err, cleanup_kc=False)
        ok = True
    except (CellExecutionError, CellTimeoutError) as e:
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", ln) for ln in str(e).splitlines() if ln.strip()]
        raise FigureError(f"{slug}: the notebook failed: {lines[-1] if lines else type(e).__name__}") from e
    except RuntimeError as e:  # the kernel died or would not start
        raise FigureError(f"{slug}: the notebook's kernel failed: {e}; {log.read_text()[-300:]}") from e
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        if ok:  # a result's count is the kernel's, which goes on from notebook to notebook: as a fresh kernel counts
            for cell in nb.cells:
                for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                    if "execution_count" in output:
                        output["execution_count"] = cell.execution_count
        if ok and "km" not in _WARM:
            _WARM["km"] = client.km
            Finalize(None, _stop_warm_kernel, exitpriority=10)  # a pool's worker skips atexit
        elif not ok:
            if client.km is not None and client.km is not _WARM.get("km"):
                _WARM["km"] = client.km  # so that it is stopped with the warm one
            _stop_warm_kernel()
        log.unlink(missing_ok=True)
    return nb


def check(nb, workdir: Path, slug: str, published: bytes) -> None:
    out = workdir / f"{slug}.notebook.vl.json"
    if not out.exists():
        raise FigureError(f"{slug}: the notebook ran but wrote no {out.name}")
    mine = out.read_bytes()
    if mine != published:
        try:
            diff = spec_difference(json.loads(published), json.loads(mine))
        except json.JSONDecodeError as e:
            diff = f"the notebook's spec is not JSON ({e})"
        raise FigureError(f"{slug}: the notebook's spec differs from the published one: "
                          f"{diff or 'same JSON, different bytes'}")


def to_html(nb, slug: str) -> tuple[str, dict[str, bytes]]:
    """The executed notebook as an HTML fragment for the figure page: code and outputs, no
    scripts, no styles, nothing from another host; images become files next to the page."""
    import base64

    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="basic").from_notebook_node(nb)
    body = re.sub(r"<style[^>]*>.*?</style>", "", body, flags=re.S)        # pandas' scoped styles
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)
    body = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", body)           # anchors to removed ids
    body = re.sub(r'\s(id|data-mime-type|style)="[^"]*"', "", body)             # no duplicate ids; no inline
    #                                                                             styles (the CSP forbids them)
    body = re.sub(r"<(/?)h([1-4])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}", body)  # under an h2
    # scrolling code and tables must be reachable from the keyboard; the index column has a name
    body = body.replace("<pre>", '<pre tabindex="0">')
    body = body.replace('<table border="1" class="dataframe">', '<table class="dataframe" tabindex="0">')
    body = body.replace("<th></th>", '<th scope="col">row</th>')
    images: dict[str, bytes] = {}

    def extract(m):
        ext = {"svg+xml": "svg", "png": "png", "jpeg": "jpg"}[m.group(1)]
        name = f"{slug}.nb-{len(images) + 1}.{ext}"
        images[name] = base64.b64decode(m.group(2))
        return f'<img loading="lazy" alt="The chart drawn by the cell above" src="{name}"'

    body = re.sub(r'<img\b[^>]*?\bsrc="data:image/(svg\+xml|png|jpeg);base64,([A-Za-z0-9+/=\s]+)"', extract, body)
    return body.strip() + "\n", images


def build(meta: dict, root: Path, fig_dir: Path, out: Path, site_url: str) -> None:
    """Generate, execute, check and export one figure's notebook into `out` (atomically)."""
    import nbformat

    slug = meta["slug"]
    published = (fig_dir / f"{slug}.vl.json").read_bytes()
    nb = make(meta, root, site_url, hashlib.sha256(published).hexdigest())
    from pipeline.store import replace_dir

    work = Path(tempfile.mkdtemp(prefix=f".nb-{slug}-", dir=out.parent))
    try:
        shutil.copyfile(fig_dir / f"{slug}.csv", work / f"{slug}.csv")
        execute(nb, work, slug)
        check(nb, work, slug, published)
        body, images = to_html(nb, slug)
        with replace_dir(out, prefix=f".{slug}-") as tmp:
            (tmp / f"{slug}.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
            (tmp / f"{slug}.notebook.html").write_text(body, encoding="utf-8")
            for name, data in sorted(images.items()):
                (tmp / name).write_bytes(data if isinstance(data, bytes) else data.encode())
            (tmp / "files.json").write_text(json.dumps(sorted(images)) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
