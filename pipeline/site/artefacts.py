"""The files that join an edition's pages: each figure's artefacts and notebook, every released
version's frozen files, the Vega runtime and the chart faces' licence, the claims and the data."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from pipeline.figures import ARTEFACTS, artefact_ext  # the one list of a figure's files
from pipeline.i18n import prefix
from pipeline.site.state import ROOT, Site


def place(src, dest) -> None:
    """An artefact from the build's cache or releases/ into the staged site: a hard link where the
    file system allows (neither is ever written in place: the cache writes new files and swaps them
    in, a release is immutable), else a copy. The CSVs in data/ are copied (an editor may write them
    in place, and the published site must not change before a build succeeds)."""
    tmp = Path(dest).with_name(f".{Path(dest).name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dest)  # over a file already there (a serve rebuild), never through it


def edition_dir(site_dir: Path, lang: str) -> Path:
    """Where an edition lives: English at the root, Chinese under zh/."""
    return site_dir / prefix(lang).rstrip("/") if lang != "en" else site_dir


def place_all(site_dir: Path, site: Site) -> None:
    """The artefacts of this build's edition, where its pages' relative links find them (the CSV
    and notebook are the same in both)."""
    lang = site.lang
    out = edition_dir(site_dir, lang)
    infix = "" if lang == "en" else f"{lang}."  # a released version's Chinese files (below)
    for slug, meta in site.figures.items():
        dest = out / "figures" / slug
        dest.mkdir(parents=True, exist_ok=True)
        for ext in ARTEFACTS:
            place(Path(meta["dir"]) / f"{slug}.{artefact_ext(ext, lang)}", dest / f"{slug}.{ext}")
        nb = Path(meta["notebook"])
        for name in [f"{slug}.ipynb", *json.loads((nb / "files.json").read_text())]:
            place(nb / name, dest / name)
    if lang == "en":
        vega = out / "assets" / "vega"
        vega.mkdir(parents=True, exist_ok=True)
        runtime = Path(site.manifest.runtime)
        place(runtime, vega / "vega-runtime.js")
        place(runtime.with_name("vega-runtime.LICENSE.txt"), vega / "vega-runtime.LICENSE.txt")
        place(Path(site.manifest.fonts_licence), vega / "fonts.LICENSE.txt")  # the chart faces' OFL
    for slug, versions in site.ledger["figures"].items():
        for v in versions:
            src = ROOT / "releases" / slug / f"v{v['version']}"
            dest = out / "figures" / slug / f"v{v['version']}"
            dest.mkdir(parents=True, exist_ok=True)
            for name in v["files"]:
                # a version released with its Chinese chart serves it under zh/ with the English names
                twin = name.replace(f"{slug}.", f"{slug}.{infix}", 1) if infix else name
                place(src / twin if infix and (src / twin).exists() else src / name, dest / name)


def write_data(site_dir: Path, site: Site) -> None:
    """The edition's claims (claims/claims.json) and datasets (data/: the package and its CSVs)."""
    out = edition_dir(site_dir, site.lang)
    claims = out / "claims"
    claims.mkdir(exist_ok=True)
    (claims / "claims.json").write_text(json.dumps(site.manifest.claims, indent=1, sort_keys=True,
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    data = out / "data"
    data.mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "data" / "datapackage.json", data / "datapackage.json")
    for r in site.manifest.resources.values():
        shutil.copyfile(ROOT / r["path"], out / r["path"])
