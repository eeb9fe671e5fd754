"""Hostile input beyond the data files: a damaged cache, figure code that misbehaves,
a schema changed under a released version, clashing or homeless figure names, a published folder
that is not a folder, a disk that refuses, a preview beside a build.

Each case, in a built copy of the repository: a change, the build's arguments, the exit it must
give, and what its output must say. A refusal (non-zero) leaves public/ byte for byte as it was;
legitimate input (exit 0) publishes the same site as before, or the value as written. The data
files' own cases are in test_data.py (CASES); together they are the corpus.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import CI, run_build, tree_digest

AIR_MOD = "figures/airspeed_record.py"


PROBE_MOD = "figures/probe_misbehaves.py"


def misbehaving(root: Path, code: str, name: str = "probe_misbehaves") -> str:
    """A fixture figure (scaffolded, placed on a page) whose table() runs `code` first: a whole
    module (test_build.py's probe), not an edit of a real one. Returns its path."""
    from test_build import GOOD, place_probe

    return place_probe(root, name, table=textwrap.indent(textwrap.dedent(code), "    ") + GOOD["table"])


def one(root: Path, pattern: str) -> Path:
    found = sorted(root.glob(pattern))
    assert found, pattern
    return found[0]


def garble(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 3)] + b"\x00garbage")


def edit_package(root: Path, change) -> None:
    pkg = root / "data" / "datapackage.json"
    desc = json.loads(pkg.read_text(encoding="utf-8"))
    change({r["name"]: r for r in desc["resources"]})
    pkg.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def hold_lock(root: Path, text: str):
    lock = root / ".cache" / "build.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT);"
        "fcntl.flock(fd, fcntl.LOCK_EX); os.ftruncate(fd, 0); os.write(fd, sys.argv[2].encode());"
        "print('locked', flush=True); time.sleep(60)"), str(lock), text], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


# name: (change, build arguments, exit 0?, what the output must say)
CASES = {
    # figure code that misbehaves: bounded, checked, confined, and named
    # (a figure that calls sys.exit, writes where it may not, and the like, is reported and the
    # build goes on to report the others: test_misbehaving_figures_are_each_named_in_one_build)
    "figure-loops-forever": (
        lambda r: misbehaving(r, "while True:\n    pass\n"),
        ["--time-limit", "4"], False, f"{PROBE_MOD} (figure): still running after 4 s, the time limit"),
    "figure-loops-and-swallows-the-stop": (
        lambda r: misbehaving(r, "while True:\n    try:\n        while True:\n            pass\n"
                                 "    except BaseException:\n        pass\n"),
        # (the limit runs from the task's start, imports included: 3 s was once too short for them on a
        # loaded machine, and the stop then came before the code that swallows it)
        ["--time-limit", "5"], False, f"{PROBE_MOD} (figure): still running after 5 s, the time limit, and it did "
                                      "not stop when told: its worker was stopped"),
    "figure-kills-its-worker": (
        lambda r: misbehaving(r, "import os\nos._exit(0)\n"),
        [], False, "a worker process died (a figure's code called os._exit, crashed, or ran out of memory) "
                   "while one of these was being built: "),
    # one version, one content
    "schema-changed-under-a-released-version": (
        lambda r: edit_package(r, lambda res: res["airspeed_records"]["schema"]["fields"][6]["constraints"].update(
            maximum=12000)),
        [], False, "data/datapackage.json: resource 'airspeed_records': its schema changed, but its version is "
                   "still 1.1.1, released on 2026-12-07 with the old schema: bump \"version\""),
    "schema-changed-with-a-new-version": (
        lambda r: edit_package(r, lambda res: (res["airspeed_records"]["schema"]["fields"][6]["constraints"].update(
            maximum=12000), res["airspeed_records"].update(version="1.2.0"))),
        [], True, "built "),
    # names
    "figure-name-clash": (
        lambda r: shutil.copy(r / AIR_MOD, r / "figures" / "airspeed-record.py"),
        [], False, "figures/airspeed-record.py: not a module name Python can import (letters, digits and '_' only; "
                   "the figure's permalink has '-' for '_'); figures/airspeed_record.py already makes the figure "
                   "'airspeed-record'"),
    "figure-placed-nowhere": (
        lambda r: [shutil.copy(r / AIR_MOD.replace(".py", ext), r / "figures" / f"airspeed_copy{ext}") for ext in (".py", ".yml")],
        [], False, "figures/airspeed_copy.py: figure 'airspeed-copy' is placed in no page of the English edition: "
                   "put the line <!-- fig:airspeed-copy --> in the chapter it belongs to (site/chapters/<chapter>.md)"),
    # the published folder must be a folder the build owns
    "public-is-a-symbolic-link": (
        lambda r: (os.replace(r / "public", r / "elsewhere"), (r / "public").symlink_to(r / "elsewhere")),
        [], False, "public: a symbolic link, not a folder: the build publishes by swapping a whole folder in"),
    "public-is-a-file": (
        lambda r: (os.replace(r / "public", r / "elsewhere"), (r / "public").write_text("x")),
        [], False, "public: a file, not a folder"),
    # a preview and a build share the cache: one at a time
    "build-beside-serve": (
        lambda r: hold_lock(r, "4242 serve"),
        [], False, "build.py serve is running in this checkout (pid 4242) and holds the build lock while it runs: "
                   "stop it first"),
    "serve-beside-build": (
        lambda r: hold_lock(r, "4343 build"),
        ["serve"], False, "another build is running in this checkout (pid 4343)"),
    # legitimate, if large: published as written
    "one-megabyte-field": (
        lambda r: _set_note(r, "x" * 1_048_576),
        [], True, "built "),
}


# a cache trusted blindly: each damaged entry is found, reported in one line and built again.
# One build takes all of them at once (each would cost a build of its own), and must give the
# very same site; `--force`, which trusts no cache, is test_kill.py::test_force_trusts_no_cache
DAMAGE = {
    "cache-download-truncated": (
        lambda r: one(r, ".cache/figures/airspeed-record/*/airspeed-record.svg").write_bytes(b""),
        "(images): airspeed-record.svg was changed after it was built; it was rebuilt"),
    "cache-figure-record-garbled": (
        lambda r: garble(one(r, ".cache/figures/arc-scores/*/meta.json")),
        "meta.json was changed after it was built; it was rebuilt"),
    "cache-done-marker-unreadable": (
        lambda r: one(r, ".cache/figures/scaling-laws/*/done").write_text('{"key": '),
        "its record (done) is unreadable; it was rebuilt"),
    "cache-entry-replaced-by-a-file": (
        lambda r: (shutil.rmtree(d := one(r, ".cache/values/*")), d.write_text("not a folder")),
        "cache: .cache/values/"),
    "cache-notebook-garbled": (
        lambda r: garble(one(r, ".cache/notebooks/cpu-clock-speed/*/files.json")),
        "files.json was changed after it was built; it was rebuilt"),
    "cache-runtime-truncated": (
        lambda r: one(r, ".cache/runtime/*/vega-runtime.js").write_text("x"),
        "vega-runtime.js was changed after it was built; it was rebuilt"),
    "cache-page-render-garbled": (
        lambda r: [garble(p) for p in sorted((r / ".cache" / "markdown").glob("*.json"))[:3]],
        "its content does not match the hash it was stored with; it was rebuilt"),
    "cache-search-entries-garbled": (
        lambda r: [p.write_text("[{") for p in sorted((r / ".cache" / "search").glob("*.json"))[:3]],
        "cache: .cache/search/"),
    "cache-citation-garbled": (
        lambda r: [p.write_text("sha256:0\nnot it") for p in sorted((r / ".cache" / "cite").glob("*.txt"))[:3]],
        "cache: .cache/cite/"),
}


def test_a_damaged_cache_is_noticed_reported_and_rebuilt(scratch_repo):
    before = tree_digest(scratch_repo / "public")
    for change, _ in DAMAGE.values():
        change(scratch_repo)
    r = run_build(scratch_repo)
    out = r.stdout + r.stderr
    assert r.returncode == 0 and "Traceback" not in out, out
    for name, (_, expected) in DAMAGE.items():
        assert expected in out, f"{name}: expected {expected!r} in:\n{out}"
    assert tree_digest(scratch_repo / "public") == before
    r = run_build(scratch_repo)
    assert "cache:" not in r.stderr and "built 0," in r.stderr, r.stderr   # and it stays rebuilt


def _set_note(root: Path, value: str) -> None:
    import csv
    import io

    path = root / "data" / "airspeed_records.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[3][rows[0].index("note")] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def published(root: Path) -> Path:
    p = root / "public"
    return root / "elsewhere" if p.is_symlink() or p.is_file() else p


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_build_input(scratch_repo, built_repo, case):
    change, args, legit, expected = CASES[case]
    if case.startswith("figure-"):  # a scratch copy's public/ is hard-linked to the session's site:
        shutil.rmtree(scratch_repo / "public")  # a figure that might write through it gets a copy
        shutil.copytree(built_repo / "public", scratch_repo / "public", symlinks=True)
    before = tree_digest(scratch_repo / "public")
    held = change(scratch_repo)
    try:
        if args[:1] == ["serve"]:
            r = subprocess.run([sys.executable, "build.py", "serve", "--port", "0"], cwd=scratch_repo,
                               capture_output=True, text=True, timeout=60)
        else:
            r = run_build(scratch_repo, "build", *args)
    finally:
        if isinstance(held, subprocess.Popen):
            held.kill()
    out = r.stdout + r.stderr
    assert "Traceback" not in out, out
    assert expected in out, f"expected {expected!r} in:\n{out}"
    if legit:
        assert r.returncode == 0, out
    else:
        assert r.returncode != 0, out
        if args[:1] != ["serve"]:
            assert "public/ was left as it was" in out, out
    if case == "one-megabyte-field":
        shown = (scratch_repo / "public" / "data" / "airspeed_records.csv").read_text(encoding="utf-8")
        assert "x" * 1_048_576 in shown
    elif case == "schema-changed-with-a-new-version":
        assert tree_digest(scratch_repo / "public") != before  # the new version is published
    else:
        assert tree_digest(published(scratch_repo)) == before, "public/ changed"
    if case.startswith("public-is-"):
        assert (scratch_repo / "public").is_symlink() == (case == "public-is-a-symbolic-link")
    assert not Path("/etc/scaling-myths-was-here").exists()


# figure code that misbehaves and is stopped, named and reported; the workers report every failure,
# so one build takes them all (name: (the code its table() runs first, what the build must say))
MISBEHAVING = {
    "calls_sys_exit": ("import sys\nsys.exit(0)\n", "{path} (figure): the code called sys.exit(0)"),
    "raises_system_exit_with_a_code": ("raise SystemExit('done early')\n",
                                       "{path} (figure): the code called sys.exit('done early')"),
    "writes_into_public_then_raises": (
        "open(__file__.rsplit('/figures/', 1)[0] + '/public/index.html', 'w').write('defaced')\n"
        "raise ValueError('and fails')\n",
        "{path}: table() tried to write public/index.html: a figure's code may not write files"),
    "rewrites_its_own_data": (
        "open(__file__.rsplit('/figures/', 1)[0] + '/data/airspeed_records.csv', 'a').write('x')\n",
        "{path}: table() tried to write data/airspeed_records.csv"),
    "deletes_public": ("import shutil\nshutil.rmtree(__file__.rsplit('/figures/', 1)[0] + '/public')\n",
                       "{path}: table() tried to write '"),
    "writes_outside_the_repository": ("open('/etc/scaling-myths-was-here', 'w').write('x')\n",
                                      "{path}: table() tried to write a file outside the repository"),
}


def test_misbehaving_figures_are_each_named_in_one_build(scratch_repo, built_repo):
    # a scratch copy's public/ is hard-linked to the session's site: a figure that might write
    # through it gets a copy
    shutil.rmtree(scratch_repo / "public")
    shutil.copytree(built_repo / "public", scratch_repo / "public", symlinks=True)
    before = tree_digest(scratch_repo / "public")
    data = (scratch_repo / "data" / "airspeed_records.csv").read_bytes()
    expected = [says.replace("{path}", misbehaving(scratch_repo, code, f"probe_{name}"))
                for name, (code, says) in MISBEHAVING.items()]
    r = run_build(scratch_repo)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "Traceback" not in out, out
    assert "public/ was left as it was" in out, out
    assert [e for e in expected if e not in out] == [], out
    assert tree_digest(scratch_repo / "public") == before, "public/ changed"
    assert (scratch_repo / "data" / "airspeed_records.csv").read_bytes() == data
    assert not Path("/etc/scaling-myths-was-here").exists()


# ----------------------------------------------------------------- a disk that refuses

def _mount(*args: str) -> bool:
    r = subprocess.run(["mount", *args], capture_output=True, text=True)
    return r.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs mounted for the test (root only): a disk that fills up or is read-only."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=256m", "tmpfs", str(where)):
        msg = "mounting a small tmpfs needs root (this test fills a disk and makes one read-only)"
        if CI:
            pytest.fail(msg)
        pytest.skip(msg)
    yield where
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_a_full_disk_is_named_and_public_untouched(scratch_repo, small_disk):
    """The cache on a disk with too little room: the build says which file it could not write, and
    what to do, in one line."""
    before = tree_digest(scratch_repo / "public")
    shutil.copytree(scratch_repo / ".cache", small_disk / "cache", symlinks=True)
    shutil.rmtree(scratch_repo / ".cache")
    (scratch_repo / ".cache").symlink_to(small_disk / "cache")
    with open(small_disk / "filler", "wb") as f:  # all but 2 MB taken: the staged site will not fit
        free = shutil.disk_usage(small_disk).free
        os.posix_fallocate(f.fileno(), 0, free - 2 * 2**20)
    r = run_build(scratch_repo)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "Traceback" not in out, out
    assert re.search(r"^\.cache/\S+: the disk is full \(no space left to write it\): free some space", out, re.M), out
    assert "public/ was left as it was" in out
    assert tree_digest(scratch_repo / "public") == before


def test_a_read_only_disk_is_named_and_public_untouched(scratch_repo, small_disk):
    before = tree_digest(scratch_repo / "public")
    shutil.rmtree(scratch_repo / ".cache")
    (scratch_repo / ".cache").symlink_to(small_disk)
    assert _mount("-o", "remount,ro", str(small_disk))
    r = run_build(scratch_repo)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "Traceback" not in out, out
    assert ".cache/build.lock: the file system is read-only: the build writes .cache/ and public/" in out, out
    assert tree_digest(scratch_repo / "public") == before
