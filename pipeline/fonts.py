"""The faces the charts are drawn with: pinned packages, never system fonts.

`fonts.lock.json` pins two npm packages (Arimo, metric-compatible with Arial, and Noto Sans SC)
by version and sha512 integrity, and names the faces taken from them. `prepare` downloads each
tarball once (pipeline/runtime.py `_fetch`, which checks the integrity), subsets
and renames each face with fontTools (the Chinese face to the GB 2312 characters with Latin and
punctuation; a renamed face cannot be confused with an installed "Arimo" or "Noto Sans SC", and
the SIL Open Font License asks that a modified font not keep its name), and writes them into
<store>/fonts/<digest>/. The store is the machine's download cache ($XDG_CACHE_HOME, else
~/.cache, /ai-scaling-myths), shared by every checkout and clean build like pip's: the tarballs
are checked against the lock, and the faces made from them are the same bytes everywhere. `use` registers that folder with vl-convert in the process that renders.

The chart's font stacks (pipeline/chart_theme.py FONT, pipeline/i18n.py ZH_FONT) name these families
first, so vl-convert never reaches a system font; `missing` lists the characters of a text that
none of the faces can draw, and the build stops on any (pipeline/figures.py).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from functools import lru_cache
from pathlib import Path

LOCK = "fonts.lock.json"
ENV = "SCALING_FONTS"  # the prepared folder, for worker processes and the notebook's kernel
LATIN, CHINESE = "Arimo ASM", "Noto Sans SC ASM"


class FontError(Exception):
    pass


def lock(root: Path) -> dict:
    return json.loads((Path(root) / LOCK).read_text(encoding="utf-8"))


def digest(root: Path) -> str:
    """What the prepared faces depend on: the lock and this module (the subsetting)."""
    return hashlib.sha256((Path(root) / LOCK).read_bytes() + Path(__file__).read_bytes()).hexdigest()[:16]


def _chars(subset: str) -> set[int] | None:
    if subset == "all":
        return None
    if subset != "gb2312":
        raise FontError(f"{LOCK}: unknown subset {subset!r} (all, gb2312)")
    cps = set()
    # Latin, Greek, punctuation, super- and subscripts, letterlike and number forms, arrows, maths,
    # enclosed numbers, shapes, CJK punctuation and full-width forms: what a Chinese chart may draw
    # besides its hanzi (each in the face's own design; see `missing` for why they must be here)
    for lo, hi in ((0x20, 0x2FF), (0x370, 0x3FF), (0x2000, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),
                   (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)):
        cps.update(range(lo, hi + 1))
    for b1 in range(0xA1, 0xF8):  # every character GB 2312 encodes (its 6,763 hanzi and its symbols)
        for b2 in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([b1, b2]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return cps


def _rename(font, family: str) -> None:
    """Give the face its own family name (name IDs 1, 4, 6, 16), keeping its style."""
    name = font["name"]
    style = (name.getDebugName(17) or name.getDebugName(2) or "Regular").strip()
    ps = family.replace(" ", "") + "-" + style.replace(" ", "")
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16):
            name.removeNames(nameID=rec.nameID)
    legacy_family = family if style in ("Regular", "Bold") else f"{family} {style}"
    for nid, text in ((1, legacy_family), (3, ps), (4, f"{family} {style}"), (6, ps), (16, family)):
        name.setName(text, nid, 3, 1, 0x409)
        name.setName(text, nid, 1, 0, 0)
    if style not in ("Regular", "Bold"):
        name.setName(style, 17, 3, 1, 0x409)
        name.setName("Regular", 2, 3, 1, 0x409)


def _face(data: bytes, subset: str, family: str) -> bytes:
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    cps = _chars(subset)
    if cps is not None:
        opts = ftsubset.Options()
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        opts.glyph_names = False
        sub = ftsubset.Subsetter(opts)
        sub.populate(unicodes=sorted(cps & set(font.getBestCmap())))
        sub.subset(font)
    _rename(font, family)
    out = io.BytesIO()
    font.save(out)  # recalcTimestamp=False above: the same bytes on every machine
    return out.getvalue()


def store() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ai-scaling-myths"


def prepare(root: Path, cache: Path | None = None) -> Path:
    """The folder of subset, renamed faces for this lock (made once per machine, then reused)."""
    from pipeline.runtime import RuntimeBundleError, _fetch

    root = Path(root)
    cache = Path(cache) if cache else store()
    cache.mkdir(parents=True, exist_ok=True)
    dest = cache / "fonts" / digest(root)
    if (dest / "faces.json").exists():
        return dest
    spec = lock(root)
    pkgs = {p["name"]: p for p in spec["packages"]}
    from pipeline.store import replace_dir

    made, licences, members = [], {}, {}
    with replace_dir(dest, prefix=".fonts-") as tmp:
        for pkg_name in dict.fromkeys(f["package"] for f in spec["faces"]):  # each tarball fetched and read once
            pkg = pkgs[pkg_name]
            try:  # a scoped name ("@scope/name") as one file name
                tgz = _fetch({**pkg, "name": pkg["name"].lstrip("@").replace("/", "-")}, cache / "npm")
            except RuntimeBundleError as e:
                raise FontError(str(e).replace("runtime.lock.json", LOCK)) from None
            wanted = {f["member"] for f in spec["faces"] if f["package"] == pkg_name}
            with tarfile.open(fileobj=io.BytesIO(tgz)) as t:
                members.update({(pkg_name, m): t.extractfile(m).read() for m in wanted})
                licences[pkg_name] = t.extractfile("package/LICENSE_FONT").read().decode("utf-8")
        for face in spec["faces"]:
            data = members[face["package"], face["member"]]
            name = Path(face["member"]).name.replace(".ttf", ".asm.ttf")
            (tmp / name).write_bytes(_face(data, face["subset"], face["family"]))
            made.append({"file": name, "family": face["family"], "from": f"{face['package']} "
                         f"{pkgs[face['package']]['version']} {face['member']}", "subset": face["subset"],
                         "source_bytes": len(data), "bytes": (tmp / name).stat().st_size})
        (tmp / "fonts.LICENSE.txt").write_text(
            "The charts are drawn with subsets of these faces, renamed (a modified font keeps no "
            f"reserved name): {LATIN} (from Arimo) and {CHINESE} (from Noto Sans SC).\n\n"
            + "\n\n".join(f"== {pkg} {pkgs[pkg]['version']} ==\n\n{text}" for pkg, text in sorted(licences.items())),
            encoding="utf-8")
        (tmp / "faces.json").write_text(json.dumps(made, indent=1) + "\n", encoding="utf-8")
    return dest


_REGISTERED: set[str] = set()


def use(folder: Path | str | None = None) -> Path:
    """Register the prepared faces with vl-convert in this process (once); the folder from the
    argument or from $SCALING_FONTS, which the build sets before its workers start."""
    import vl_convert as vlc

    folder = str(folder or os.environ.get(ENV) or next(iter(_REGISTERED), ""))
    if not folder or not (Path(folder) / "faces.json").exists():
        raise FontError("the chart faces are not prepared (pipeline/fonts.py prepare; $SCALING_FONTS is "
                        f"{os.environ.get(ENV)!r}): no chart is drawn with system fonts")
    if folder not in _REGISTERED:
        vlc.register_font_directory(folder)
        _REGISTERED.add(folder)
    return Path(folder)


@lru_cache(maxsize=8)
def coverage(folder: str, family: str) -> frozenset[int]:
    """Every character that each face of `family` can draw."""
    from fontTools.ttLib import TTFont

    sets = [set(TTFont(Path(folder) / face["file"], lazy=True).getBestCmap())
            for face in json.loads((Path(folder) / "faces.json").read_text(encoding="utf-8")) if face["family"] == family]
    if not sets:
        raise FontError(f"no prepared face of the family {family!r}")
    return frozenset(set.intersection(*sets))


def missing(text: str, folder: Path | str, family: str) -> list[str]:
    """The characters of `text` that the family a chart is drawn with lacks (whitespace and controls
    aside). The first family of the stack must have every character: where it lacks one, the
    renderer looks for the character in every font it knows, the machine's included, not in the
    next family of the stack (an English chart's first family is the Latin face, a Chinese
    chart's the Chinese one)."""
    have = coverage(str(folder), family)
    return sorted({c for c in text if not c.isspace() and ord(c) >= 0x20 and ord(c) not in have})
