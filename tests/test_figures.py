"""Every figure: conventions, a valid Vega-Lite spec, renders, and its CSV is the plotted data."""
from __future__ import annotations

import ast
import csv
import io
import json
import re
from pathlib import Path

import altair
import jsonschema
import pandas as pd
import pytest
from conftest import ROOT

SLUGS = sorted(p.stem.replace("_", "-") for p in (ROOT / "figures").glob("[!_]*.py"))
VL_SCHEMA = json.loads((Path(altair.__file__).parent / "vegalite" / "v6" / "schema" /
                        "vega-lite-schema.json").read_text())


def art(public: Path, slug: str, ext: str) -> Path:
    return public / "figures" / slug / f"{slug}.{ext}"


def test_there_are_figures():
    assert {"cpu-clock-speed", "airspeed-record"} <= set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_module_conventions(slug):
    import yaml

    path = ROOT / "figures" / f"{slug.replace('-', '_')}.py"
    tree = ast.parse(path.read_text())
    words = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    assert len(words["title"]) < 100, "a title line"
    assert len(words["caption"].split()) >= 15, "the caption states the takeaway"
    assert len(words["alt"].split()) >= 15, "the text alternative describes the chart"
    names = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    assert "DATA" in names
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert {"table", "chart"} <= set(funcs)
    # chart() draws the one table it is given: a single argument, and no data-side helpers
    assert [a.arg for a in funcs["chart"].args.args] == ["table"]
    argument = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                and (n.module or "").split(".")[0] == "argument" for a in n.names}
    used = {n.id for n in ast.walk(funcs["chart"]) if isinstance(n, ast.Name)}
    assert not used & argument and "argument" not in ast.unparse(funcs["chart"])
    # pure: no file access or saving inside the module
    src = path.read_text()
    for bad in ("open(", ".save(", "read_csv", "to_csv"):
        assert bad not in src, f"{path.name} must not {bad}"


@pytest.mark.parametrize("slug", SLUGS)
def test_spec_validates_against_vega_lite_schema(public, slug):
    spec = json.loads(art(public, slug, "vl.json").read_text())
    assert spec["$schema"].endswith("v6.4.1.json") or "vega-lite/v6" in spec["$schema"]
    jsonschema.validate(spec, VL_SCHEMA)
    vega = json.loads(art(public, slug, "vg.json").read_text())
    assert vega["$schema"].startswith("https://vega.github.io/schema/vega/")
    assert vega.get("marks"), "compiled Vega spec has marks"


@pytest.mark.parametrize("slug", SLUGS)
def test_svg_is_accessible_and_png_is_2x(public, slug):
    for ext in ("svg", "page.svg", "page.dark.svg"):
        svg = art(public, slug, ext).read_text()
        root = re.search(r"<svg\b[^>]*>", svg).group(0)
        assert 'role="img"' in root and "aria-labelledby=" in root
        assert re.search(r"<svg\b[^>]*><title id=[^>]*>[^<]{10,}</title><desc id=[^>]*>[^<]{40,}</desc>", svg)
        assert "{" not in re.search(r"<title[^>]*>([^<]*)</title>", svg).group(1), "placeholders filled"
    png = art(public, slug, "png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    w = int.from_bytes(png[16:20], "big")
    svg_w = float(re.search(r'<svg\b[^>]*\bwidth="([\d.]+)"', art(public, slug, "svg").read_text()).group(1))
    assert abs(w - 2 * svg_w) <= 2, (w, svg_w)


@pytest.mark.parametrize("slug", SLUGS)
def test_csv_is_exactly_the_plotted_data(public, slug):
    spec = json.loads(art(public, slug, "vl.json").read_text())
    (rows,) = spec["datasets"].values()
    table = list(csv.DictReader(io.StringIO(art(public, slug, "csv").read_text())))
    assert len(table) == len(rows) > 0
    for got, want in zip(table, rows):
        for k, v in want.items():
            if v is None:
                assert got[k] == ""
            elif isinstance(v, float):
                assert float(got[k]) == pytest.approx(v, rel=1e-12)
            else:
                assert got[k] == str(v)


def test_airspeed_csv_holds_every_record(public):
    src = pd.read_csv(ROOT / "data" / "airspeed_records.csv")
    shown = pd.read_csv(art(public, "airspeed-record", "csv"))
    assert sorted(shown.speed_kmh) == sorted(src.speed_kmh)


def test_cpu_csv_holds_every_part_and_every_rupp_point(public):
    mile = pd.read_csv(ROOT / "data" / "cpu_clock_milestones.csv")
    rupp = pd.read_csv(ROOT / "data" / "cpu_clock_rupp.csv")
    shown = pd.read_csv(art(public, "cpu-clock-speed", "csv"))
    counts = shown.series.value_counts()
    assert counts["Fastest parts: base clock"] == len(mile)
    assert counts["Fastest parts: max boost clock"] == mile.boost_mhz.notna().sum()
    assert counts["All processors (Rupp)"] == len(rupp)
    assert sorted(shown[shown.series.str.startswith("All")].clock_mhz) == sorted(rupp.clock_mhz)


# ------------------------------------------------------------------ dates in any timezone

LOCAL_TIME = re.compile(r'\b(?:timeFormat|timeParse|timeOffset|timeSequence|year|quarter|month|date|day|dayofyear|'
                        r'hours|minutes|seconds|milliseconds|week)\(|\bdatetime\(\s*(?:\d|\\"\d{4}-\d\d-\d\dT)'
                        r'|"type": *"time"|"timezone": *"local"')


def test_no_compiled_chart_reads_or_writes_local_time(public):
    """Every chart's Vega (the browser's and vl-convert's) parses, bins and formats its dates in UTC:
    no local-time function, time scale or local time unit, and no date written as a local instant."""
    bad = []
    for f in sorted((public / "figures").glob("*/*.vg.json")) + sorted((public / "zh" / "figures").glob("*/*.vg.json")):
        text = f.read_text(encoding="utf-8")
        for m in LOCAL_TIME.finditer(text):
            bad.append(f"{f.relative_to(public)}: …{text[max(0, m.start() - 60):m.end() + 20]}…")
        if re.search(r'"\d{4}-\d\d-\d\dT00:00:00"', text):
            bad.append(f"{f.relative_to(public)}: a date written as a local midnight")
    assert not bad, "\n".join(bad[:10])


def test_calendar_dates_makes_dates_utc():
    from pipeline.chart_theme import calendar_dates

    spec = {"datasets": {"d": [{"when": "2017-03-01T00:00:00", "name": "2017-03-01T12:00:00"}]},
            "layer": [{"encoding": {"x": {"field": "when", "type": "temporal", "axis": {"format": "%Y"}},
                                    "x2": {"field": "until"},
                                    "tooltip": [{"field": "when", "type": "temporal", "format": "%-d %B %Y"},
                                                {"field": "n", "type": "quantitative"}],
                                    "color": {"field": "when", "type": "temporal", "timeUnit": "year"}}}],
            "encoding": {"y": {"datum": "2020-01-01T00:00:00", "type": "temporal"}}}
    out = calendar_dates(spec)
    assert out["datasets"]["d"][0] == {"when": "2017-03-01", "name": "2017-03-01T12:00:00"}
    enc = out["layer"][0]["encoding"]
    assert enc["x"]["scale"] == {"type": "utc"} and "timeUnit" not in enc["x"]
    assert enc["x2"] == {"field": "until", "timeUnit": "utcyearmonthdate"}
    assert enc["tooltip"][0]["timeUnit"] == "utcyearmonthdate" and "timeUnit" not in enc["tooltip"][1]
    assert enc["color"]["timeUnit"] == "utcyear" and enc["color"]["scale"] == {"type": "utc"}
    assert out["encoding"]["y"] == {"datum": "2020-01-01", "type": "temporal", "scale": {"type": "utc"}}


def test_no_chart_draws_a_missing_value_as_text(public):
    """A label the data leaves empty is drawn as nothing, never as 'null', 'NaN' or 'undefined'."""
    bad = []
    for f in sorted(public.glob("figures/*/*.svg")) + sorted(public.glob("zh/figures/*/*.svg")):
        for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", f.read_text(encoding="utf-8")):
            if t.strip() in ("null", "NaN", "undefined", "nan", "None"):
                bad.append(f"{f.relative_to(public)}: {t!r}")
    assert not bad, "\n".join(bad[:10])


def test_portable_floats_absorb_a_one_bit_difference():
    """exp/log/pow differ in the last bit between CPUs (issue: the same bytes on any machine):
    the two results AVX-512 and AVX2 give for 10 ** 7.1 become one value."""
    import numpy as np

    from pipeline.figures import portable_floats

    a, b = 12589254.11794166, 12589254.117941663
    assert a != b and np.nextafter(a, np.inf) == b
    got = portable_floats(pd.DataFrame({"x": [a, b, float("nan")], "n": [1, 2, 3]}))
    assert got.x[0] == got.x[1] == 12589254.1179 and got.x.isna()[2] and list(got.n) == [1, 2, 3]


@pytest.mark.parametrize("slug", ["emergence-metric", "scaling-laws"])
def test_tables_computed_with_pow_are_the_same_on_any_cpu(public, slug):
    """The figures whose table() computes with exp, log or pow write values that a one-bit change
    in any of them (another CPU's SIMD code) leaves as they are."""
    import numpy as np

    from pipeline.figures import portable_floats

    t = pd.read_csv(art(public, slug, "csv"))
    floats = [c for c in t.columns if pd.api.types.is_float_dtype(t[c])]
    assert floats, slug
    for direction in (np.inf, -np.inf):
        nudged = t.assign(**{c: np.nextafter(t[c].to_numpy(), direction) for c in floats})
        again = portable_floats(nudged)
        for c in floats:
            assert again[c].equals(t[c]), f"{slug}: column {c} changes with the last bit of its computation"


def _views(node):
    """Every object of a Vega-Lite spec, depth first (layers, their encodings and transforms)."""
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _views(v)
    elif isinstance(node, list):
        for v in node:
            yield from _views(v)


def _mark(view) -> str | None:
    mark = view.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _x_fields(spec, out):
    """(field, type, mark) of every layer's x encoding in a Vega-Lite spec."""
    for v in _views(spec):
        x = (v.get("encoding") or {}).get("x")
        if isinstance(x, dict) and "field" in x:
            out.append((x["field"], x.get("type"), _mark(v)))
    return out


def _essay_rules(spec, theme, out):
    """The rule layers whose x is computed as the essay's date (a date, or a year with its fraction)."""
    for v in _views(spec):
        x = (v.get("encoding") or {}).get("x")
        if _mark(v) == "rule" and isinstance(x, dict):
            for t in v.get("transform", []):
                e = t.get("calculate", "")
                if t.get("as") == x.get("field") and (theme.ESSAY_DATE in e or e == str(theme.ESSAY_YEAR)):
                    out.append(x["field"])
    return out


@pytest.mark.parametrize("slug", SLUGS)
def test_time_axes_that_reach_the_essay_mark_its_date(public, slug):
    """Issue 20: a chart whose x axis is time (dates, or years) and whose data reach the essay's
    year draws the essay's date as a rule, in the English and the Chinese static charts."""
    from pipeline import chart_theme as _theme

    spec = json.loads(art(public, slug, "vl.json").read_text())
    table = pd.read_csv(art(public, slug, "csv"))
    essay_year = int(_theme.ESSAY_DATE[:4])
    reaches = False
    for field, kind, _ in _x_fields(spec, []):
        if field not in table.columns:
            continue
        col = table[field].dropna()
        if kind == "temporal":
            reaches |= bool(len(col)) and pd.to_datetime(col).max().year >= essay_year
        elif kind == "quantitative" and "year" in field:
            reaches |= bool(len(col)) and col.astype(float).max() >= essay_year
    rules = _essay_rules(spec, _theme, [])
    if not reaches:
        assert not rules, f"{slug}: an essay rule on an axis that ends before {essay_year}"
        return
    assert rules, f"{slug}: its time axis reaches {essay_year} but shows no essay rule (_theme.essay_rule)"
    svg = art(public, slug, "svg").read_text()
    assert _theme.ESSAY_LABEL in svg, slug
    zh = public / "zh" / "figures" / slug / f"{slug}.svg"
    assert _theme.LABELS_ZH[_theme.ESSAY_LABEL] in zh.read_text(), f"{slug}: the Chinese chart's essay label"


@pytest.mark.parametrize("slug", SLUGS)
def test_a_figure_publishes_exactly_its_artefacts_in_each_edition(public, slug):
    """The one list of a figure's files (pipeline/figures.py ARTEFACTS) is what the site serves
    in each edition, and what a release freezes."""
    from pipeline import release
    from pipeline.figures import ARTEFACTS, SHARED_BY_EDITIONS, artefact_ext

    for lang, folder in (("en", public / "figures" / slug), ("zh", public / "zh" / "figures" / slug)):
        served = {p.name for p in folder.iterdir() if p.is_file()}
        assert {f"{slug}.{e}" for e in ARTEFACTS} <= served, (lang, sorted(served))
    assert release.FROZEN == ARTEFACTS
    assert release.FROZEN_ZH == tuple(artefact_ext(e, "zh") for e in ARTEFACTS if e not in SHARED_BY_EDITIONS)
