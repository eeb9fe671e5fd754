"""Releases: an immutable, citable version of every figure whose content changed.

    releases/ledger.json            the committed ledger (one list of versions per figure)
    releases/<slug>/v<N>/...        the files of version N, frozen byte for byte

A figure's content is its module's code, the Vega-Lite spec and the plotted data; a new
version is recorded only when that content differs from the last version's.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.figures import ARTEFACTS, SHARED_BY_EDITIONS, artefact_ext

FROZEN = ARTEFACTS
# the Chinese edition's chart of the same version: same data and chart, Chinese words
FROZEN_ZH = tuple(artefact_ext(e, "zh") for e in ARTEFACTS if e not in SHARED_BY_EDITIONS)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_ledger(root: Path) -> dict:
    path = root / "releases" / "ledger.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"figures": {}, "datasets": {}}


def content_hash(root: Path, meta: dict) -> str:
    """A version's identity: its module and its words (figures/<name>.yml), its spec and its data."""
    d, s, module = Path(meta["dir"]), meta["slug"], root / meta["path"]
    words = [module.with_suffix(".yml").read_bytes()] if module.with_suffix(".yml").exists() else []
    return sha(b"\0".join([module.read_bytes(), *words, (d / f"{s}.vl.json").read_bytes(), (d / f"{s}.csv").read_bytes()]))


def what_changed(old_csv: bytes | None, new_csv: bytes, same_spec: bool = False) -> str:
    """Rows added / changed / removed between two versions of the plotted data (by id or row)."""
    if old_csv is None:
        return "first release"
    if same_spec and old_csv == new_csv:
        return "figure code changed; chart and data unchanged"
    def rows(b, dates=False):
        r = list(csv.reader(io.StringIO(b.decode("utf-8"))))
        if dates:  # a date once written as a local midnight ("1903-12-17T00:00:00") is the same date
            from pipeline.chart_theme import MIDNIGHT

            r = [[MIDNIGHT.sub(r"\1", c) for c in row] for row in r]
        return r[0], r[1:]
    oh, orows = rows(old_csv)
    nh, nrows = rows(new_csv)
    parts = []
    if rows(old_csv, True) != (oh, orows):  # an old version wrote its dates as instants (local midnights)
        parts.append("dates written as calendar dates")
        oh, orows = rows(old_csv, True)
    if oh != nh:
        parts.append("columns changed")
    if "id" in oh and "id" in nh:
        ok = {r[oh.index("id")]: r for r in orows}
        nk = {r[nh.index("id")]: r for r in nrows}
        added, removed = len(nk.keys() - ok.keys()), len(ok.keys() - nk.keys())
        changed = sum(1 for k in nk.keys() & ok.keys() if nk[k] != ok[k])
    else:
        ocount, ncount = {}, {}
        for r in orows:
            ocount[tuple(r)] = ocount.get(tuple(r), 0) + 1
        for r in nrows:
            ncount[tuple(r)] = ncount.get(tuple(r), 0) + 1
        added = sum(max(0, c - ocount.get(k, 0)) for k, c in ncount.items())
        removed = sum(max(0, c - ncount.get(k, 0)) for k, c in ocount.items())
        changed = min(added, removed)
        added, removed = added - changed, removed - changed
    for n, word in ((added, "added"), (changed, "changed"), (removed, "removed")):
        if n:
            parts.append(f"{n} row{'s' * (n != 1)} {word}")
    return ", ".join(parts) or "chart changed, data unchanged"


def release(root: Path, manifest: dict, date: str) -> list[str]:
    """Record a new version of every figure whose content changed. Returns 'slug vN' lines."""
    from pipeline import corrections as corr
    from pipeline.data import DataError

    problems = unversioned_changes(root, {n: (r["descriptor"], r["digest"]) for n, r in manifest["resources"].items()},
                                   releasing=True)
    if problems:
        raise DataError(problems)
    ledger = load_ledger(root)
    fixes = corr.load(root)
    made = []
    for slug, meta in sorted(manifest["figures"].items()):
        versions = ledger["figures"].setdefault(slug, [])
        h = content_hash(root, meta)
        if versions and versions[-1]["content_hash"] == h:
            continue
        n = versions[-1]["version"] + 1 if versions else 1
        dest = root / "releases" / slug / f"v{n}"
        if dest.exists():
            raise RuntimeError(f"releases/{slug}/v{n} exists but the ledger does not list it")
        (root / "releases").mkdir(exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{slug}-v{n}-", dir=root / "releases"))
        src = Path(meta["dir"])
        files = {}
        for ext in FROZEN + (FROZEN_ZH if meta.get("zh", {}).get("translated") else ()):
            name = f"{slug}.{ext}"
            shutil.copyfile(src / name, tmp / name)
            files[name] = sha((tmp / name).read_bytes())
        if meta.get("notebook"):  # the executed notebook that reproduces this version
            name = f"{slug}.ipynb"
            shutil.copyfile(Path(meta["notebook"]) / name, tmp / name)
            files[name] = sha((tmp / name).read_bytes())
        frozen_meta = {k: meta[k] for k in ("slug", "title", "caption", "alt", "data", "sources", "width", "height")}
        frozen_meta["notebook"] = bool(meta.get("notebook"))
        if meta.get("zh", {}).get("translated"):
            frozen_meta["zh"] = meta["zh"]
        (tmp / "meta.json").write_text(json.dumps(frozen_meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
        files["meta.json"] = sha((tmp / "meta.json").read_bytes())
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, dest)
        prev = (root / "releases" / slug / f"v{n - 1}" / f"{slug}.csv") if versions else None
        prev_spec = prev.with_name(f"{slug}.vl.json") if prev else None
        same_spec = bool(prev_spec and prev_spec.read_bytes() == (src / f"{slug}.vl.json").read_bytes())
        versions.append({
            "version": n, "date": date, "content_hash": h,
            "data": {r: manifest["resources"][r]["digest"] for r in meta["data"]},
            "files": files,
            "changed": what_changed(prev.read_bytes() if prev else None, (src / f"{slug}.csv").read_bytes(), same_spec),
        })
        # the values corrected since the previous version, and why (data/corrections.csv)
        fixed = corr.since(fixes, list(meta["data"]), versions[-2] if len(versions) > 1 else None)
        if fixed:
            versions[-1]["corrections"] = fixed
        if prev and f"{slug}.zh.svg" in files and not prev.with_name(f"{slug}.zh.svg").exists():
            versions[-1]["changed"] = "Chinese edition added; " + versions[-1]["changed"].replace(
                "figure code changed; ", "")
        elif prev and f"{slug}.zh.svg" in files and versions[-1]["changed"].startswith("figure code changed"):
            # the English chart and data as before: say whether the Chinese chart was drawn or worded anew
            old_meta = json.loads(prev.with_name("meta.json").read_text(encoding="utf-8")).get("zh")
            zh = ("Chinese chart changed" if prev.with_name(f"{slug}.zh.svg").read_bytes() != (dest / f"{slug}.zh.svg").read_bytes()
                  else "Chinese text changed" if old_meta != frozen_meta.get("zh") else None)
            if zh:
                versions[-1]["changed"] = f"{zh}; " + versions[-1]["changed"].replace("figure code changed; ", "")
        made.append(f"{slug} v{n}: {versions[-1]['changed']}"
                    + "".join(f"; {corr.text(c)}" for c in versions[-1].get("corrections", [])))
    for name, r in sorted(manifest["resources"].items()):
        hist = ledger["datasets"].setdefault(name, [])
        if not hist or hist[-1]["digest"] != r["digest"]:
            hist.append({"version": r["version"], "date": date, "digest": r["digest"],
                         "schema": schema_digest(r["descriptor"])})
    path = root / "releases" / "ledger.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(ledger, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return made


def schema_digest(descriptor: dict) -> str:
    return sha(json.dumps(descriptor.get("schema"), sort_keys=True, ensure_ascii=False).encode())


def unversioned_changes(root: Path, resources: dict, releasing: bool = False) -> list[str]:
    """A dataset whose schema differs from the one released under its current version (and, when
    `releasing`, whose content does): one version must mean one content. `resources`: name ->
    (descriptor, digest)."""
    problems = []
    ledger = load_ledger(root)["datasets"]
    for name, (desc, digest) in sorted(resources.items()):
        v = desc.get("version")
        same = [e for e in ledger.get(name, []) if e["version"] == v]
        if not same or any(e["digest"] == digest for e in same):
            continue
        last = same[-1]
        if "schema" in last and last["schema"] != schema_digest(desc):
            problems.append(f"data/datapackage.json: resource '{name}': its schema changed, but its version is still "
                            f"{v}, released on {last['date']} with the old schema: bump \"version\" (a new minor "
                            "version for an added column or a reworded description, a major one for a column "
                            "removed, renamed or retyped)")
        elif releasing:
            problems.append(f"data/datapackage.json: resource '{name}': its data changed since version {v} was "
                            f"released on {last['date']}, but its version is still {v}: bump \"version\" before "
                            "releasing (a patch version for a corrected value, a minor one for added rows)")
    return problems


def verify(root: Path) -> list[str]:
    """Every released file still matches its recorded hash."""
    bad = []
    for slug, versions in load_ledger(root)["figures"].items():
        for v in versions:
            for name, h in v["files"].items():
                f = root / "releases" / slug / f"v{v['version']}" / name
                if not f.exists():
                    bad.append(f"releases/{slug}/v{v['version']}/{name}: missing")
                elif sha(f.read_bytes()) != h:
                    bad.append(f"releases/{slug}/v{v['version']}/{name}: does not match the ledger")
    return bad
