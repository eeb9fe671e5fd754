"""Render one figure, English and Chinese, into a scratch folder, without the site build
(issue 9 helper): prints where the PNGs are and every text the Chinese chart shows.

    .venv/bin/python tools/zh_figure_preview.py SLUG [OUT_DIR]
"""
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline import data as datamod  # noqa: E402
from pipeline import figures as figmod  # noqa: E402
from pipeline.i18n import CJK  # noqa: E402

slug = sys.argv[1]
out = Path(sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix=f"zh-{slug}-")) / slug
out.parent.mkdir(parents=True, exist_ok=True)
fig = figmod.discover(ROOT)[slug]
res = datamod.resources(ROOT / "data")
meta = figmod.render(fig, str(ROOT), {n: (str(r.path), r.descriptor) for n, r in res.items()}, str(out), "preview")
print("English PNG:", out / f"{slug}.png")
print("Chinese PNG:", out / f"{slug}.zh.png")
print("Chinese page SVG (no title):", out / f"{slug}.zh.page.svg")
print("zh title:  ", meta["zh"]["title"])
print("zh caption:", meta["zh"]["caption"])
print("zh alt:    ", meta["zh"]["alt"])
texts = re.findall(r"<text\b[^>]*(?<!/)>(.*?)</text>", (out / f"{slug}.zh.page.svg").read_text(encoding="utf-8"), re.S)
print("texts drawn in the Chinese chart without a Chinese character (check each is a number, unit or name):")
for t in sorted(set(texts)):
    if not CJK.search(t):
        print("   ", repr(t))
spec = json.loads((out / f"{slug}.zh.vl.json").read_text(encoding="utf-8"))
tips = []
def walk(n):
    if isinstance(n, dict):
        if "tooltip" in n:
            tips.extend(x.get("title", x.get("field")) for x in (n["tooltip"] if isinstance(n["tooltip"], list) else [n["tooltip"]]) if isinstance(x, dict))
        for v in n.values():
            walk(v)
    elif isinstance(n, list):
        for v in n:
            walk(v)
walk(spec)
print("tooltip titles:", sorted({str(t) for t in tips}))
