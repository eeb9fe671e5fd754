"""Issue 18: the charts are drawn with pinned faces, never with the machine's fonts.

* The faces come from npm packages pinned by version and sha512 (fonts.lock.json), subset and
  renamed (pipeline/fonts.py); every chart's font stack names them first; their licence is
  published with the site.
* A character none of the faces has stops the build, naming figure, language, text and character.
* A chart drawn with the system's fonts hidden (a private mount namespace) is the same bytes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from pipeline import fonts
from pipeline.figures import FigureError, check_glyphs


def test_the_faces_are_pinned_subset_and_renamed():
    from fontTools.ttLib import TTFont

    spec = fonts.lock(ROOT)
    for p in spec["packages"]:
        assert p["tarball"].startswith("https://registry.npmjs.org/") and p["integrity"].startswith("sha512-")
        assert p["license"] == "OFL-1.1"
    folder = fonts.prepare(ROOT)
    faces = json.loads((folder / "faces.json").read_text())
    assert len(faces) == len(spec["faces"])
    families = set()
    for face in faces:
        font = TTFont(folder / face["file"], lazy=True)
        family = font["name"].getDebugName(16) or font["name"].getDebugName(1)
        assert family in (fonts.LATIN, fonts.CHINESE), family  # no installed font can take its place
        families.add(family)
        if face["subset"] == "gb2312":
            assert face["bytes"] < face["source_bytes"] / 3, face  # the CJK face is subset
            cmap = font.getBestCmap()
            assert all(ord(c) in cmap for c in "规模扩展定律词元参数，。（）")
    assert families == {fonts.LATIN, fonts.CHINESE}
    assert "SIL OPEN FONT LICENSE" in (folder / "fonts.LICENSE.txt").read_text()


def test_the_faces_are_made_the_same_everywhere(tmp_path):
    """Prepared again from the tarballs, in another store, each face is the same bytes."""
    import hashlib
    import shutil

    shared = fonts.store()
    (tmp_path / "npm").mkdir()
    for f in (shared / "npm").glob("*.tgz"):
        shutil.copy(f, tmp_path / "npm" / f.name)
    again = fonts.prepare(ROOT, tmp_path)
    first = fonts.prepare(ROOT)
    for face in json.loads((first / "faces.json").read_text()):
        a, b = ((d / face["file"]).read_bytes() for d in (first, again))
        assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest(), face["file"]


def test_every_chart_names_the_pinned_faces_first(public):
    for f in sorted((public / "figures").glob("*/*.vl.json")) + sorted((public / "zh" / "figures").glob("*/*.vl.json")):
        text = f.read_text(encoding="utf-8")
        stacks = {json.loads(text)["config"]["font"]}
        for stack in stacks:
            first = [s.strip().strip('"') for s in stack.split(",")][:2]
            assert set(first) == {fonts.LATIN, fonts.CHINESE}, (f.name, stack)
    licence = public / "assets" / "vega" / "fonts.LICENSE.txt"
    assert "SIL OPEN FONT LICENSE" in licence.read_text()


@pytest.mark.parametrize("lang, text, char", [("en", "Speed ☃ record", "'☃' (U+2603)"),
                                              ("zh", "规模扩展𠀋", "'𠀋' (U+2000B)"), ("en", "增长", "'增' (U+589E)")])
def test_a_character_no_face_has_is_named(lang, text, char):
    fonts.use(fonts.prepare(ROOT))
    with pytest.raises(FigureError) as e:
        check_glyphs("figures/x.py", lang, f'<svg><text x="1">{text}</text><text>ok</text></svg>')
    said = str(e.value)
    assert said.startswith("figures/x.py: the " + ("English" if lang == "en" else "Chinese") + " chart draws")
    assert repr(text) in said and char in said
    check_glyphs("figures/x.py", "zh", "<svg><text>规模扩展 Arimo → ≤ 1,000 10⁴</text></svg>")  # drawable: no error
    check_glyphs("figures/x.py", "en", "<svg><text>Arimo → ≤ 1,000 10⁴ – “a”</text></svg>")


# A missing glyph stops the whole build, naming the figure, and leaves public/ as it was: a probe
# figure with a snowman in its title, among test_build.py's WHILE_BUILDING cases ("missing_glyph").


DRAW = r"""
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from pipeline import fonts
import vl_convert as vlc
fonts.use(sys.argv[2])
spec = json.load(open(sys.argv[3], encoding="utf-8"))
print(hashlib.sha256(vlc.vegalite_to_svg(spec).encode()).hexdigest(),
      hashlib.sha256(vlc.vegalite_to_png(spec, scale=2)).hexdigest())
"""


def test_a_chart_is_the_same_without_any_system_font(public, tmp_path):
    """The Chinese chart drawn with the system's fonts hidden (their folders covered in a private
    mount namespace) is the same SVG and PNG as with every font installed."""
    from pipeline.check import _without_fonts, can_hide_fonts

    if not can_hide_fonts():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: this test needs root and util-linux unshare to hide the system fonts")
        pytest.skip("hiding the system fonts needs root and unshare")
    spec = public / "zh" / "figures" / "cpu-clock-speed" / "cpu-clock-speed.vl.json"
    cmd = [sys.executable, "-c", DRAW, str(ROOT), str(fonts.prepare(ROOT)), str(spec)]
    (tmp_path / "none").mkdir()
    seen = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    hidden = subprocess.run(_without_fonts(cmd, tmp_path / "none"), capture_output=True, text=True)
    assert hidden.returncode == 0, hidden.stderr
    assert hidden.stdout == seen
    probe = subprocess.run(_without_fonts(["sh", "-c", "ls /usr/share/fonts | wc -l"], tmp_path / "none"),
                           capture_output=True, text=True)
    assert probe.stdout.strip() == "0"  # the fonts were hidden indeed
