"""ARCHITECTURE.md's rules that code can check: imports point down (figures -> argument ->
pipeline), each top-level folder holds its one kind of thing, a figure module is its chart."""
from __future__ import annotations

import ast

import pytest
from conftest import ROOT

LAYERS = {"figures": 2, "argument": 1, "pipeline": 0}


def imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name.split(".")[0]


@pytest.mark.parametrize("folder", sorted(LAYERS))
def test_imports_point_down(folder):
    wrong = [f"{p.relative_to(ROOT)}: line {n}: imports {top}"
             for p in sorted((ROOT / folder).rglob("*.py"))
             for n, top in imports(p) if top in LAYERS and LAYERS[top] > LAYERS[folder]]
    assert not wrong, "an import that points up (figures -> argument -> pipeline):\n" + "\n".join(wrong)


def test_figures_holds_figures_and_their_words_only():
    from pipeline.figures import WORDS, read_figure

    names = sorted(p.name for p in (ROOT / "figures").iterdir() if p.name != "__pycache__")
    modules = [n for n in names if n.endswith(".py") and n != "__init__.py"]
    assert modules and all(not n.startswith("_") for n in modules), names
    assert sorted(n for n in names if n.endswith(".yml")) == sorted(n.removesuffix(".py") + ".yml" for n in modules)
    assert set(names) == {"__init__.py", *modules, *(n.removesuffix(".py") + ".yml" for n in modules)}
    for n in modules:
        fig = read_figure(ROOT / "figures" / n, ROOT)  # its words read from beside it, and valid
        assert fig.title and fig.caption and fig.alt and fig.title_zh, n
        tree = ast.parse((ROOT / "figures" / n).read_text(encoding="utf-8"))
        held = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
        assert not held & set(WORDS), (n, held & set(WORDS))


def test_a_figure_module_with_its_words_in_it_is_refused_by_name(tmp_path):
    from pipeline.figures import FigureError, read_figure

    (tmp_path / "figures").mkdir()
    mod = tmp_path / "figures" / "demo.py"
    mod.write_text('DATA = ("x",)\nALT = "words"\n\n\ndef table(x):\n    return x\n\n\ndef chart(t):\n    return t\n')
    with pytest.raises(FigureError, match=r"figures/demo\.py: line 2: ALT belongs in demo\.yml beside the module"):
        read_figure(mod, tmp_path)
    mod.write_text('DATA = ("x",)\n\n\ndef table(x):\n    return x\n\n\ndef chart(t):\n    return t\n')
    with pytest.raises(FigureError, match=r"figures/demo\.yml: missing"):
        read_figure(mod, tmp_path)
    words = tmp_path / "figures" / "demo.yml"
    words.write_text("title: A\ncaption: B\n")
    with pytest.raises(FigureError, match=r"figures/demo\.yml: \(the file\): 'alt' is a required property"):
        read_figure(mod, tmp_path)
    words.write_text("title: A\ncaption: B\nalt: C\nzh:\n  title: 甲\n  caption: 乙\nlabels:\n  Year: 2024\n")
    with pytest.raises(FigureError, match=r"figures/demo\.yml: (zh: 'alt' is a required property|labels\.Year: 2024 is not of type 'string')"):
        read_figure(mod, tmp_path)
    words.write_text("title: A\ncaption: B\nalt: C\ncolour: red\n")
    with pytest.raises(FigureError, match=r"figures/demo\.yml: \(the file\): Additional properties are not allowed \('colour'"):
        read_figure(mod, tmp_path)
    words.write_text("title: A\ncaption: [B\n")
    with pytest.raises(FigureError, match=r"figures/demo\.yml: line \d+: not valid YAML"):
        read_figure(mod, tmp_path)
    words.write_text("title: A {n}\ncaption: B\nalt: C\nlabels:\n  Year: 年份\n")
    fig = read_figure(mod, tmp_path)
    assert (fig.title, fig.caption, fig.alt, fig.labels, fig.data) == ("A {n}", "B", "C", {"Year": "年份"}, ("x",))
