"""The build graph: plan (pure) and run (side effects), then publish atomically.

    resources (hashed) -> validate -> plan(keys, cache) -> run(stale, in parallel)
    -> mkdocs into a staging folder -> swap the staging folder in for public/

Nothing in public/ changes unless every step succeeded.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path

from pipeline import data as datamod
from pipeline import figures as figmod
from pipeline import store
from pipeline.runtime import RuntimeBundleError

# Libraries whose versions shape the output: a change of any invalidates every figure.
SHAPING_LIBS = ("altair", "vl-convert-python", "pandas", "numpy")


class BuildError(Exception):
    pass


class PublicChanged(BuildError):
    """Something other than publish() changed the published site during a build."""


@dataclass
class Task:
    kind: str            # a name in KINDS: "figure", "values", "claims", "runtime", "images", "notebook"
    name: str
    key: str
    out: Path
    fig: figmod.Figure | None = None
    after: Path | None = None   # a notebook's or images' figure output, which must exist first
    marker: str = "done"        # the file in `out` that says the task is done (its key inside)


@dataclass
class StageResult:
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    seconds: float = 0.0
    spent: dict = field(default_factory=dict)   # worker seconds by task kind


def lib_versions() -> dict[str, str]:
    return {lib: metadata.version(lib) for lib in SHAPING_LIBS}


def _sha(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Plan:
    """What planning reads once and every kind's planner shares."""
    root: Path
    figures: dict
    res: dict
    cache: Path
    libs: str       # the shaping libraries' versions, as JSON
    engine: tuple   # the figure engine's source and the faces' digest


def _plan_figures(p: Plan, _planned: list[Task]) -> list[Task]:
    """A figure: its module and its words, the theme, the shared modules it imports, the engine
    (and the words' schema), its data."""
    theme = (p.root / "pipeline" / "chart_theme.py").read_bytes()
    tasks = []
    for slug, fig in p.figures.items():
        unknown = [d for d in fig.data if d not in p.res]
        if unknown:
            raise BuildError(f"{fig.path}: DATA names unknown resource(s) {', '.join(map(repr, unknown))} "
                             f"(the data package has: {', '.join(sorted(p.res))})")
        # the theme shapes every figure; other shared modules only the figures importing them
        shared = [(p.root / f"{m.replace('.', '/')}.py").read_bytes() for m in fig.uses]
        module = p.root / fig.path
        key = _sha(module.read_bytes(), module.with_suffix(".yml").read_bytes(), theme, *shared, *p.engine, p.libs,
                   *(f"{d}:{p.res[d].digest}" for d in fig.data))
        tasks.append(Task("figure", slug, key, p.cache / "figures" / slug / key[:16], fig))
    return tasks


def pipeline_used(root: Path, files: list[Path], start: tuple[str, ...] = ()) -> list[Path]:
    """The pipeline's modules that `files` import, and those they import in turn (read, not
    imported): what a task of the argument's depends on besides its own sources."""
    import ast

    todo, seen = [*files, *(root / "pipeline" / f"{m}.py" for m in start)], set()
    while todo:
        f = todo.pop()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = ([f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom) and node.module
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                parts = name.split(".")
                if parts[0] != "pipeline" or len(parts) < 2:
                    continue
                path = root / "pipeline" / f"{parts[1]}.py"  # `from pipeline import x` or `from pipeline.x import y`
                if path.is_file() and path not in seen:
                    seen.add(path)
                    todo.append(path)
    return sorted(seen | {root / "pipeline" / f"{m}.py" for m in start})


def _plan_values(p: Plan, _planned: list[Task]) -> list[Task]:
    """The prose's numbers: the value modules, the pipeline's modules they use, every dataset."""
    from pipeline.values import value_modules

    src = value_modules(p.root)
    if not src:
        return []
    key = _sha(*(f.read_bytes() for f in src), *(f.read_bytes() for f in pipeline_used(p.root, src, ("values",))),
               p.libs, *(f"{n}:{r.digest}" for n, r in sorted(p.res.items())))
    return [Task("values", "values", key, p.cache / "values" / key[:16])]


def _plan_claims(p: Plan, _planned: list[Task]) -> list[Task]:
    """The self-checking claims: they may use any of the argument's modules (values, say) and a
    figure's Chinese labels (its words), and they read the year (a prediction's "so far")."""
    import ast

    from pipeline.claims import as_of
    from pipeline.claims import modules as claim_modules
    from pipeline.figures import _shared_imports

    if not claim_modules(p.root):
        return []
    shared = sorted((p.root / "argument").glob("*.py"))
    used = {m for f in shared for m in _shared_imports(ast.parse(f.read_text(encoding="utf-8")), "")}
    shared_all = (shared + [p.root / f"{m.replace('.', '/')}.py" for m in sorted(used) if m.startswith("figures.")]
                  + sorted((p.root / "figures").glob("*.yml")))
    engine = pipeline_used(p.root, shared, ("claims", "i18n", "dates"))
    key = _sha(*(f.read_bytes() for f in shared_all), *(f.read_bytes() for f in engine), p.libs,
               str(as_of().year), *(f"{n}:{r.digest}" for n, r in sorted(p.res.items())))
    return [Task("claims", "claims", key, p.cache / "claims" / key[:16])]


def _plan_runtime(p: Plan, _planned: list[Task]) -> list[Task]:
    """The self-hosted Vega bundle: its lock and its builder."""
    key = _sha((p.root / "runtime.lock.json").read_bytes(), (p.root / "pipeline" / "runtime.py").read_bytes())
    return [Task("runtime", "vega runtime", key, p.cache / "runtime" / key[:16])]


def _plan_images(_p: Plan, planned: list[Task]) -> list[Task]:
    """A figure's images, drawn after its specs, from them (same inputs, same folder), while its
    notebook runs."""
    return [Task("images", f"{t.name} (images)", t.key, t.out, t.fig, after=t.out, marker=figmod.DRAWN)
            for t in planned if t.kind == "figure"]


def _plan_notebooks(p: Plan, planned: list[Task]) -> list[Task]:
    """A notebook per figure, run after its figure: its inputs are the figure's and the generator's."""
    from pipeline import notebook

    nb_engine = (p.root / "pipeline" / "notebook.py").read_bytes()
    nb_libs = json.dumps(notebook.versions(), sort_keys=True)
    url = site_url(p.root)
    tasks = []
    for t in [t for t in planned if t.kind == "figure"]:
        key = _sha(t.key, nb_engine, nb_libs, url)
        tasks.append(Task("notebook", f"{t.name} (notebook)", key, p.cache / "notebooks" / t.name / key[:16],
                          t.fig, after=t.out))
    return tasks


def plan(root: Path, figures: dict, res: dict, cache: Path, versions: dict) -> list[Task]:
    """Every task with its cache key, kind by kind in KINDS order (each kind's planner sees the
    tasks planned before it). Not pure: it reads the source files the keys hash, mkdocs.yml's
    site_url (part of a notebook's key) and SOURCE_DATE_EPOCH (the claims' year); it writes nothing."""
    from pipeline import fonts

    # (a figure depends on no clock: a prediction's status is computed as of the data's own as-of
    # date, part of its resource's digest; pipeline/dates.py)
    engine = tuple([(root / "pipeline" / n).read_bytes()
                    for n in ("figures.py", "figure_words.schema.json", "data.py", "dates.py")]
                   + [fonts.digest(root).encode()])  # the faces the charts are drawn with
    p = Plan(root, figures, res, cache, json.dumps(versions, sort_keys=True), engine)
    tasks: list[Task] = []
    for kind in KINDS:
        tasks += kind.plan(p, tasks)
    return tasks


def site_url(root: Path) -> str:
    import re

    m = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return m.group(1).strip("'\"") if m else ""


def stale(tasks: list[Task], cache: Path) -> list[Task]:
    """The tasks whose artefacts are not in the cache as they were built: never built, built for
    another key, or changed since (store.check_folder; the damage is reported and the entry
    removed, so that it is built again from nothing). A figure built again has its images drawn
    again (they live in its folder)."""
    todo = []
    for t in tasks:
        if t.kind == "images" and t.after in {u.out for u in todo if u.kind == "figure"}:
            todo.append(t)
            continue
        show = f"{cache.name}/{t.out.relative_to(cache).as_posix()}" + (" (images)" if t.kind == "images" else "")
        seen = len(store.DAMAGED)
        if store.check_folder(t.out, t.marker, t.key, show):
            continue
        if len(store.DAMAGED) > seen:
            store.remove(t.out if t.kind != "images" else t.out / t.marker)
        todo.append(t)
    return todo


# ------------------------------------------------------------------- workers (own process)

TIME_LIMIT = 300.0   # seconds a task may take (build.py build --time-limit)


class TaskTimeout(BaseException):
    """Raised in a worker when its task runs past the time limit (a BaseException, so that figure
    code catching Exception cannot swallow it)."""


_OVERTIME = []   # set when the running task passed its limit (it is then reported even if it returns)


def _alarm(signum, frame):
    _OVERTIME.append(True)
    raise TaskTimeout()


def _die_with(pid: int) -> None:
    """End this worker the moment process `pid` (the build) ends, however it ends: the worker is the
    forkserver's child, not the build's, and it holds both ends of its task queue, so it would
    otherwise wait for work forever. (A notebook's kernel ends with its worker: ipykernel polls its
    parent.)"""
    import select
    import signal
    import threading

    try:
        fd = os.pidfd_open(pid)
    except (OSError, AttributeError):
        return

    def watch():
        select.select([fd], [], [])
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="die-with-the-build", daemon=True).start()


def _init_worker(cache: str, build_pid: int) -> None:
    """A worker dies with the build, keeps its temporary files in the cache, and may write nowhere
    else: no figure code can change public/, the sources or anything outside the cache (Linux
    Landlock; the kernels it starts inherit it)."""
    import signal

    _die_with(build_pid)
    signal.signal(signal.SIGALRM, _alarm)
    # temporary files per worker (cleared by the next build); the kernels' settings and font cache
    # kept from build to build (made afresh, they cost a notebook a second or more)
    for var, folder in (("TMPDIR", Path(cache) / "tmp" / str(os.getpid())),
                        ("JUPYTER_RUNTIME_DIR", Path(cache) / "tmp" / str(os.getpid()) / "jupyter"),
                        ("IPYTHONDIR", Path(cache) / "kernel" / "ipython"),
                        ("MPLCONFIGDIR", Path(cache) / "kernel" / "matplotlib")):
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(folder)
    import tempfile

    tempfile.tempdir = None
    sandbox(Path(cache))


def sandbox(cache: Path) -> bool:
    """Restrict this process (and its children) to writing beneath `cache` (and /dev, for
    /dev/null and /dev/shm). False where the kernel has no Landlock: then only the check of
    public/ after the figure stage guards it (figure_stage)."""
    try:
        import landlock
        from landlock import FSAccess as A

        abi = landlock.landlock_abi_version()
    except Exception:
        return False
    writes = (A.WRITE_FILE | A.REMOVE_DIR | A.REMOVE_FILE | A.MAKE_CHAR | A.MAKE_DIR | A.MAKE_REG
              | A.MAKE_SOCK | A.MAKE_FIFO | A.MAKE_BLOCK | A.MAKE_SYM)
    writes |= (A.REFER if abi >= 2 else 0) | (A.TRUNCATE if abi >= 3 else 0)
    try:
        rules = landlock.Ruleset(restrict_rules=writes)
        rules.allow(str(cache), rules=writes)
        rules.allow("/dev", rules=writes & ~(A.REFER if abi >= 2 else 0))
        rules.apply()
    except Exception:
        return False
    return True


def _label(task: Task) -> str:
    return f"{task.fig.path} ({task.kind})" if task.fig else task.name


def _run_task(task: Task, root: str, res: dict, limit: float = TIME_LIMIT) -> float:
    import signal

    _OVERTIME.clear()
    signal.setitimer(signal.ITIMER_REAL, limit, 1.0)  # and every second after, for code that catches it
    try:
        took = _run_task_body(task, root, res)
        if _OVERTIME:
            raise TaskTimeout()
        return took
    except TaskTimeout:
        raise figmod.FigureError(f"{_label(task)}: still running after {limit:g} s, the time limit: it was stopped "
                                 "(an endless loop? raise the limit with build.py build --time-limit SECONDS)") from None
    except SystemExit as e:
        raise figmod.FigureError(f"{_label(task)}: the code called sys.exit({e.code!r}) (or raised SystemExit): "
                                 "a figure's code must return its table and chart, never exit") from e
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _run_figure(task: Task, root: str, res: dict, out: Path) -> None:
    figmod.render(task.fig, root, {n: (str(r.path), r.descriptor) for n, r in res.items()},
                  str(out), task.key, images=False)


def _run_images(task: Task, root: str, res: dict, out: Path) -> None:
    figmod.draw(str(out))


def _run_notebook(task: Task, root: str, res: dict, out: Path) -> None:
    from pipeline import notebook

    meta = json.loads((task.after / "meta.json").read_text())
    notebook.build(meta, Path(root), task.after, out, site_url(Path(root)))


def _run_claims(task: Task, root: str, res: dict, out: Path) -> None:
    if root not in sys.path:
        sys.path.insert(0, root)
    from pipeline import claims

    claims.compute(Path(root), res, out)


def _run_values(task: Task, root: str, res: dict, out: Path) -> None:
    if root not in sys.path:
        sys.path.insert(0, root)
    from pipeline import values

    values.compute(Path(root), res, out)


def _run_runtime(task: Task, root: str, res: dict, out: Path) -> None:
    from pipeline import runtime

    script, licences = runtime.bundle(Path(root), Path(root) / ".cache" / "npm")
    with store.replace_dir(out, prefix=".runtime-") as tmp:
        (tmp / "vega-runtime.js").write_text(script, encoding="utf-8")
        (tmp / "vega-runtime.LICENSE.txt").write_text(licences, encoding="utf-8")


def _own_data(task: Task, res: dict) -> dict:
    return {n: res[n] for n in task.fig.data}


def _no_data(task: Task, res: dict) -> dict:
    return {}


def _all_data(task: Task, res: dict) -> dict:
    return res


@dataclass(frozen=True)
class Kind:
    """A kind of task: how its tasks are planned (inputs and key), which datasets a worker is sent
    for one (a task is pickled with them: its own, not the whole package), and how one is run."""
    name: str
    plan: Callable[[Plan, list[Task]], list[Task]]
    run: Callable[[Task, str, dict, Path], None]
    data: Callable[[Task, dict], dict] = _all_data


# every kind of task, in planning order: a new kind is one entry here
KINDS = (Kind("figure", _plan_figures, _run_figure, _own_data), Kind("values", _plan_values, _run_values),
         Kind("claims", _plan_claims, _run_claims), Kind("runtime", _plan_runtime, _run_runtime, _no_data),
         Kind("images", _plan_images, _run_images, _no_data),
         Kind("notebook", _plan_notebooks, _run_notebook, _no_data))
RUN = {k.name: k.run for k in KINDS}
DATA = {k.name: k.data for k in KINDS}


def _run_task_body(task: Task, root: str, res: dict) -> float:
    t0 = time.perf_counter()
    out = Path(task.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    RUN[task.kind](task, root, res, out)
    # the record of what this task made (its images share the figure's folder, but not its record)
    store.seal_folder(out, task.marker, task.key,
                      skip=set(store.sealed_files(out, "done")) if task.kind == "images" else set())
    return time.perf_counter() - t0


def run(tasks: list[Task], root: Path, res: dict, jobs: int, progress=None,
        limit: float | None = None) -> dict[str, float]:
    """Run tasks in parallel worker processes; collect every failure, then raise.

    A notebook starts as soon as its figure is done (it reads the figure's CSV and spec);
    a notebook whose figure failed is not run.
    """
    spent: dict[str, float] = {}
    if not tasks:
        return spent
    errors = []
    ctx = get_context("forkserver")
    # a task waits for its figure when that figure is rebuilt in this run (under --force too,
    # where the figure's old folder, done and all, is swapped out under a task that does not wait),
    # or when the figure is not done
    rebuilt = {t.out for t in tasks if t.kind == "figure"}
    waiting = [t for t in tasks if t.after is not None and (t.after in rebuilt or not (t.after / "done").exists())]
    from concurrent.futures import TimeoutError as Timeout
    from concurrent.futures.process import BrokenProcessPool

    limit = limit or TIME_LIMIT
    broken: list[str] = []
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(tasks))), mp_context=ctx,
                               initializer=_init_worker, initargs=(str(root / ".cache"), os.getpid()))
    submit = lambda t: pool.submit(_run_task, t, str(root), DATA[t.kind](t, res), limit)  # noqa: E731
    try:
        futs = {submit(t): t for t in tasks if t not in waiting}
        while futs:
            # a worker stops its task at the limit; this is for a task that will not stop (it catches
            # the stop, or waits in C code): every task ends within the limit, so some task ends within
            # it (plus a margin) of the last, or one is stuck
            try:
                fut = next(as_completed(futs, timeout=limit + min(10.0, limit)))
            except Timeout:
                stuck = sorted(_label(t) for f, t in futs.items() if f.running())
                for proc in list((pool._processes or {}).values()):
                    proc.kill()
                raise BuildError("\n".join(f"{n}: still running after {limit:g} s, the time limit, and it did not "
                                           "stop when told: its worker was stopped (an endless loop that catches "
                                           "every exception?)" for n in stuck)
                                 or "the workers stopped answering: they were stopped") from None
            t = futs.pop(fut)
            ok = False
            try:
                spent[t.kind] = spent.get(t.kind, 0.0) + fut.result()
                ok = True
            except KeyboardInterrupt:
                raise
            except BaseException as e:  # report, keep going, fail at the end
                if isinstance(e, (figmod.FigureError, datamod.DataError, RuntimeBundleError)):
                    msg = str(e)
                elif isinstance(e, BrokenProcessPool):  # every task then in the pool gets this
                    broken.append(_label(t))
                    continue
                else:
                    disk = store.disk_problem(e, root)
                    msg = f"{_label(t)}: {disk}" if disk else f"{_label(t)}: {type(e).__name__}: {e}"
                errors.append(msg)
                err = t.out.parent / f"{t.out.name}.err"
                err.parent.mkdir(parents=True, exist_ok=True)
                err.write_text(msg + "\n", encoding="utf-8")
            for w in [w for w in waiting if t.kind == "figure" and w.after == t.out]:
                waiting.remove(w)
                if ok and not broken:  # a figure that failed: its images and notebook are not run
                    futs[submit(w)] = w
            if progress:
                progress(t)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if broken:
        errors.append(f"a worker process died (a figure's code called os._exit, crashed, or ran out of memory) "
                      f"while one of these was being built: {', '.join(sorted(broken))}")
    if errors:
        raise BuildError("\n".join(sorted(errors)))
    return spent


# ------------------------------------------------------------------------ the figure stage

def figure_stage(root: Path, cache: Path, jobs: int | None = None, force: bool = False,
                 console=None, limit: float | None = None, public: Path | None = None) -> StageResult:
    """Validate data, then (re)build only the stale figures. Returns the manifest."""
    t0 = time.perf_counter()
    res = datamod.resources(root / "data")
    problems = validate_all(res, cache, jobs or os.cpu_count() or 1)
    try:  # each recorded correction names a real row and column, which now holds the new value
        from pipeline import corrections
        corrections.check(root, corrections.load(root), {n: r.rel for n, r in res.items()})
    except ValueError as e:
        problems += str(e).splitlines()
    from pipeline.release import unversioned_changes

    problems += unversioned_changes(root, {n: (r.descriptor, r.digest) for n, r in res.items()})
    if problems:
        raise datamod.DataError(problems)
    try:
        figures = figmod.discover(root)
    except figmod.FigureError as e:
        raise BuildError(str(e)) from e
    from pipeline import fonts

    try:  # the pinned chart faces, ready before any worker draws (they find them through $SCALING_FONTS)
        os.environ[fonts.ENV] = str(fonts.prepare(root))
    except (fonts.FontError, OSError) as e:
        raise BuildError(f"the chart faces could not be prepared: {e}") from e
    tasks = plan(root, figures, res, cache, lib_versions())
    todo = tasks if force else stale(tasks, cache)
    jobs = jobs or os.cpu_count() or 1
    if todo:  # the workers take minutes or seconds: meanwhile, this process readies the page build
        _WARM.start()
    guard = _snapshot(public) if todo and public is not None else None
    try:
        spent = _run_todo(todo, root, res, jobs, console, limit)
    finally:  # the workers cannot write outside the cache (sandbox()); where the kernel cannot
        after = _snapshot(public) if guard is not None else None
        if after is not None and after != guard:  # enforce it, this notices it
            changed = sorted(set(guard.items()) ^ set(after.items()))
            raise PublicChanged(f"{public.name}/{changed[0][0]}: changed while the figures were built ({len(changed)} "
                             "entries): a figure's code wrote into the published site; the build refuses. Fix the "
                             "figure, then build again (the next good build replaces the whole folder)")
    result = StageResult(built=[t.name for t in todo], reused=[t.name for t in tasks if t not in todo],
                         spent=spent)
    notebooks = {t.fig.slug: str(t.out) for t in tasks if t.kind == "notebook"}
    result.manifest = {
        "figures": {t.name: {"dir": str(t.out), "notebook": notebooks[t.name],
                             **json.loads((t.out / "meta.json").read_text())}
                    for t in tasks if t.kind == "figure"},
        "values": (json.loads((next(t for t in tasks if t.kind == "values").out / "values.json").read_text())
                   if any(t.kind == "values" for t in tasks) else {}),
        "claims": (json.loads((next(t for t in tasks if t.kind == "claims").out / "claims.json").read_text())
                   if any(t.kind == "claims" for t in tasks) else {}),
        "runtime": str(next(t for t in tasks if t.kind == "runtime").out / "vega-runtime.js"),
        "fonts_licence": str(Path(os.environ[fonts.ENV]) / "fonts.LICENSE.txt"),
        "resources": {n: {"path": r.rel, "digest": r.digest, "version": r.descriptor.get("version"),
                          "descriptor": r.descriptor} for n, r in res.items()},
    }
    result.manifest["meta"] = {"data-updated": data_updated(root)}
    _prune(cache, tasks)
    result.seconds = time.perf_counter() - t0
    return result


def _validate_one(r, stamps: str) -> list[str]:
    try:
        datamod.validate(r, Path(stamps))
    except datamod.DataError as e:
        return e.problems
    return []


PARALLEL_FROM = 32  # datasets to check (see validate_all)


def validate_all(res: dict, cache: Path, jobs: int) -> list[str]:
    """Every dataset's problems, in the package's order. A dataset checked before (same bytes and
    descriptor: a stamp in .cache/valid) is not checked again; many to check are checked side by
    side in worker processes (as sandboxed as the figures' workers). Below PARALLEL_FROM a pool
    costs more than it saves: 16 datasets, cold, 2 cores: 1.6 s one by one, 3.1 s in a pool (each
    worker imports frictionless)."""
    stamps = cache / "valid"
    todo = [r for r in res.values() if not (stamps / f"{r.name}-{r.digest}.ok").exists()]
    if len(todo) < PARALLEL_FROM or jobs < 2:
        return [p for r in todo for p in _validate_one(r, str(stamps))]
    stamps.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=get_context("forkserver"),
                             initializer=_init_worker, initargs=(str(cache), os.getpid())) as pool:
        return [p for found in pool.map(_validate_one, todo, [str(stamps)] * len(todo)) for p in found]


def _run_todo(todo, root, res, jobs, console, limit) -> dict[str, float]:
    if console is not None and todo:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        with Progress(TextColumn("[bold]building[/]"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                      transient=True) as prog:
            bar = prog.add_task("", total=len(todo))
            return run(todo, root, res, jobs, lambda t: prog.update(bar, advance=1, description=t.name), limit)
    return run(todo, root, res, jobs, limit=limit)


def _snapshot(folder: Path) -> dict:
    """Every entry beneath `folder` with its type, size, modification time and inode (a stat walk:
    about 30 ms for today's 2,700 published files)."""
    out = {}
    for dirpath, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            out[os.path.relpath(p, folder)] = (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino)
    return out


def _warm() -> None:
    """Import the page build and load jieba's dictionary (Chinese search segmentation, 0.6 s),
    which every build that changed a Chinese page needs, while the figure workers run."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    try:
        import jieba
    except ImportError:
        return
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()


class _Warm:
    def __init__(self):
        self.thread = None

    def start(self):
        import threading

        if self.thread is None:
            self.thread = threading.Thread(target=_warm, name="warm-pages", daemon=True)
            self.thread.start()

    def join(self):
        if self.thread is not None:
            self.thread.join()


_WARM = _Warm()


def _prune(cache: Path, tasks: list[Task]) -> None:
    """Keep only the current artefact of each figure (old keys are dead weight)."""
    live = {t.out for t in tasks}
    for kind in ("figures", "values", "claims", "runtime", "notebooks"):
        base = cache / kind
        dirs = [p for p in base.glob("*/*") if p.is_dir()] if kind in ("figures", "notebooks") else \
            [p for p in base.glob("*") if p.is_dir()]
        for d in dirs:
            if d not in live and not d.name.startswith("."):
                shutil.rmtree(d, ignore_errors=True)


# --------------------------------------------------------------------------- publishing

def source_date_epoch(root: Path) -> str:
    """The last commit's time, so that a checkout always builds the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True).stdout.strip()
        return out or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def data_updated(root: Path) -> str:
    """Date of the last commit that changed data/ (the build date where there is no git)."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs", "--", "data"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    if not out:
        import datetime
        out = datetime.datetime.fromtimestamp(int(source_date_epoch(root)), datetime.UTC).date().isoformat()
    return out


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    if fn(AT_FDCWD, bytes(a), AT_FDCWD, bytes(b), RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))


def publish(stage: Path, public: Path) -> None:
    """Put the staged site at `public` in one atomic step; the old one is removed after."""
    if not public.exists():
        os.replace(stage, public)
        return
    if _exchange(stage, public):
        shutil.rmtree(stage)
        return
    old = public.with_name(public.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(public, old)
    os.replace(stage, public)
    shutil.rmtree(old)


def clear_leftovers(cache: Path) -> None:
    """Half-written work of a build that was killed: staging sites and temporary artefact
    folders (their names start with '.'). Only called with the lock held, so nothing is live."""
    shutil.rmtree(cache / "tmp", ignore_errors=True)  # the workers' temporary files (_init_worker)
    for d in [*cache.glob("stage-*"), *cache.glob("*/.*"), *cache.glob("*/*/.*"), *cache.glob("*/*/*/.*")]:
        if d.is_dir():
            shutil.rmtree(d, ignore_errors=True)
        elif d.name.startswith(".") and d.parent != cache:
            d.unlink(missing_ok=True)


class BuildLock:
    """One build at a time per checkout; a second one is told who holds the lock."""

    def __init__(self, path: Path, holder: str = "build"):
        self.path, self.holder = path, holder

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, _, what = os.pread(self.fd, 64, 0).decode(errors="replace").strip().partition(" ")
            os.close(self.fd)
            if what == "serve":
                raise BuildError(f"build.py serve is running in this checkout (pid {pid or '?'}) and holds the build "
                                 f"lock while it runs: stop it first (lock: {self.path})") from None
            raise BuildError(f"another build is running in this checkout (pid {pid or '?'}); "
                             f"wait for it to finish (lock: {self.path})") from None
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()} {self.holder}".encode(), 0)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def site_stage(root: Path, manifest_path: Path, stage: Path) -> None:
    """mkdocs build into `stage`; the hooks read the figure manifest."""
    os.environ["SCALING_MANIFEST"] = str(manifest_path)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _WARM.join()  # one thread at a time in the page build (the GIL)
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    class Collect(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.messages = []

        def emit(self, record):
            self.messages.append(record.getMessage())

    log = logging.getLogger("mkdocs")
    collect = Collect()
    log.addHandler(collect)
    try:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(stage), strict=True)
        mkdocs_build(cfg)
    except (MkDocsException, SystemExit) as e:
        said = "\n".join(f"pages: {m}" for m in collect.messages)
        raise BuildError(said or f"pages: {e}") from e
    finally:
        log.removeHandler(collect)
