"""The build's plan: task kinds are data (pipeline/build.py KINDS), each with its planner and its
runner. No build: planning only reads the sources it hashes."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from pipeline import build as b
from pipeline import data as datamod
from pipeline import figures as figmod


def _plan(kinds=None, monkeypatch=None):
    if kinds is not None:
        monkeypatch.setattr(b, "KINDS", kinds)
    return b.plan(ROOT, figmod.discover(ROOT), datamod.resources(ROOT / "data"), ROOT / ".cache", b.lib_versions())


def test_every_task_is_of_a_declared_kind_planned_in_kind_order():
    tasks = _plan()
    names = [k.name for k in b.KINDS]
    assert len(set(names)) == len(names) and set(b.RUN) == set(names)
    order = [names.index(t.kind) for t in tasks]
    assert order == sorted(order)
    n = len(figmod.discover(ROOT))
    count = {k: sum(t.kind == k for t in tasks) for k in names}
    assert count == {"figure": n, "values": 1, "claims": 1, "runtime": 1, "images": n, "notebook": n}
    for t in tasks:  # a notebook and the images wait for their figure; every key is a full sha256
        assert len(t.key) == 64 and (t.after is not None) == (t.kind in ("images", "notebook"))


def test_a_new_kind_is_one_entry(monkeypatch):
    def plan_checks(p, planned):
        return [b.Task("check", f"{t.name} (check)", t.key, p.cache / "checks" / t.name, t.fig, after=t.out)
                for t in planned if t.kind == "figure"]

    kinds = b.KINDS + (b.Kind("check", plan_checks, lambda task, root, res, out: None),)
    tasks = _plan(kinds, monkeypatch)
    checks = [t for t in tasks if t.kind == "check"]
    assert len(checks) == len(figmod.discover(ROOT)) and tasks[-len(checks):] == checks


def test_keys_follow_the_inputs(tmp_path, monkeypatch):
    """A figure's key changes with its module; the others' keys do not."""
    before = {t.name: t.key for t in _plan()}
    src = ROOT / "figures" / "cpu_clock_speed.py"
    real = Path.read_bytes

    def read_bytes(self):
        data = real(self)
        return data + b"\n# edited\n" if self == src else data

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    after = {t.name: t.key for t in _plan()}
    changed = sorted(n for n in before if before[n] != after[n])
    assert changed == ["cpu-clock-speed", "cpu-clock-speed (images)", "cpu-clock-speed (notebook)"], changed


def _keys(root: Path) -> dict[str, str]:
    return {t.name: t.key for t in b.plan(root, figmod.discover(root), datamod.resources(root / "data"),
                                          root / ".cache", b.lib_versions())}


def test_a_shared_module_changes_the_keys_of_only_the_figures_that_import_it(tmp_path):
    """A new shared module no figure imports changes the values' and claims' keys alone (claims may
    use any of the argument's modules); an edit to argument/values.py changes those of the figures importing it.
    A task whose key changed is what a build rebuilds (test_build.py's rebuild tests, end to end)."""
    from conftest import copy_repo

    root = copy_repo(tmp_path / "repo")
    before = _keys(root)
    (root / "argument" / "values_extra.py").write_text(
        '"""Values of another topic."""\nfrom pipeline.values import value\n\n\n'
        '@value("extra-rows", ("cpu_clock_rupp",), "{}")\ndef extra_rows(r):\n    return len(r)\n', encoding="utf-8")
    after = _keys(root)
    assert sorted(n for n in before if before[n] != after[n]) == ["claims", "values"]
    shared = root / "argument" / "values.py"
    shared.write_text(shared.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    again = _keys(root)
    importing = sorted(s for s, f in figmod.discover(root).items() if "argument.values" in f.uses)
    assert importing == ["airspeed-record", "cpu-clock-speed"]
    assert sorted(n for n in after if after[n] != again[n]) == sorted(
        ["claims", "values", *(f"{s}{k}" for s in importing for k in ("", " (images)", " (notebook)"))])


def test_the_argument_s_keys_follow_the_pipeline_modules_it_uses(tmp_path):
    """The values and claims import pipeline modules (record, essay, dates, ...): an edit to one
    changes their keys (else a changed rule would leave stale numbers), and no figure's."""
    from conftest import copy_repo

    root = copy_repo(tmp_path / "repo")
    before = _keys(root)
    record = root / "pipeline" / "record.py"  # imported by argument/values_record.py
    record.write_text(record.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    after = _keys(root)
    assert sorted(n for n in before if before[n] != after[n]) == ["claims", "values"]
