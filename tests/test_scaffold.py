"""`build.py new figure` and the README's "Adding a figure" example."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_build

README_CMD = re.compile(r"build\.py new figure (\w+) --data (\w+) --x (\w+) --y (\w+) --page (\S+)")


def readme_example() -> tuple[tuple[str, ...], str, str]:
    """The README's scaffold command (its arguments) and the module and words it shows."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Adding a figure", 1)[1].split("\n### ", 1)[0]
    cmd = README_CMD.search(section)
    code = re.search(r"```python\n(.*?)```", section, re.S)
    words = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert cmd and code and words, "the README's 'Adding a figure' shows the command and the two files it writes"
    return cmd.groups(), code.group(1), words.group(1)


def test_the_readme_example_is_what_the_command_writes():
    from pipeline import data
    from pipeline.scaffold import _column_type, module_text, words_text

    (name, resource, x, y, _), code, words = readme_example()
    res = data.resources(ROOT / "data")[resource]
    assert code == module_text(name, resource, x, y, _column_type(res, x))
    assert words == words_text(name, x, y)


def test_the_readme_example_and_a_scaffolded_figure_build_show_on_their_pages_and_rebuild_alone(scratch_repo):
    (name, resource, x, y, page), code, words = readme_example()
    # the README's blocks, dropped in by hand as a newcomer would, and placed on its page
    (scratch_repo / "figures" / f"{name}.py").write_text(code, encoding="utf-8")
    (scratch_repo / "figures" / f"{name}.yml").write_text(words, encoding="utf-8")
    md = scratch_repo / "site" / page
    for p in (md, md.with_name(md.stem + ".zh.md")):
        p.write_text(p.read_text(encoding="utf-8") + f"\n<!-- fig:{name.replace('_', '-')} -->\n", encoding="utf-8")
    # and another through the command, on another page and dataset
    r = run_build(scratch_repo, "new", "figure", "clock_scatter", "--data", "cpu_clock_milestones", "--x", "year",
                  "--y", "base_mhz", "--page", "chapters/scaling-laws.md")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "wrote figures/clock_scatter.py" in r.stderr + r.stdout and "wrote figures/clock_scatter.yml" in r.stderr + r.stdout
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stdout + r.stderr
    public = scratch_repo / "public"
    for slug, where in ((name.replace("_", "-"), page), ("clock-scatter", "chapters/scaling-laws.md")):
        for lang in ("", "zh/"):
            html = (public / lang / where.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
            assert f'id="fig-{slug}"' in html, (lang, slug)
            assert f"{slug}.page.svg" in html, (lang, slug)  # its static chart, readable without JS
        assert (public / "figures" / slug / f"{slug}.csv").exists()
        assert (public / "figures" / slug / "index.html").exists()
    # then its author rewrites the README's module (here: a whole module of another shape, with its
    # own axis title): that figure, its images and its notebook are rebuilt, and nothing else
    from test_build import SCATTER, built, probe

    slug = name.replace("_", "-")
    (scratch_repo / "figures" / f"{name}.py").write_text(
        probe(chart=SCATTER.replace('title="Date"', 'title="Day the record was set"')), encoding="utf-8")
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert built(r) == [slug, f"{slug} (images)", f"{slug} (notebook)"]
    assert "Day the record was set" in (public / "figures" / slug / f"{slug}.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, says", [
    (("Bad-Name",), "lower-case words"),
    (("cpu_clock_speed",), "figures/cpu_clock_speed.py exists"),
    (("fresh", "--data", "no_such"), "no dataset 'no_such'"),
    (("fresh", "--y", "aircraft"), "column 'aircraft' is not a number"),
    (("fresh", "--x", "nope"), "no column 'nope'"),
    (("fresh", "--page", "chapters/nope.md"), "site/chapters/nope.md: no such page"),
])
def test_the_command_refuses_what_would_not_build_and_writes_nothing(args, says, tmp_path):
    import subprocess
    import sys

    before = sorted(p.name for p in (ROOT / "figures").iterdir())
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "new", "figure", *args], cwd=ROOT,
                       capture_output=True, text=True, timeout=60, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 1, r.stdout + r.stderr
    assert says in r.stdout + r.stderr
    assert sorted(p.name for p in (ROOT / "figures").iterdir()) == before
