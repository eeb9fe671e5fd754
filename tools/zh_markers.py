"""Check that each Chinese page (site/**/X.zh.md) carries the same markers, in the same order,
as its English twin (site/**/X.md): figures, values, claims, tables, notes (issue 9 helper).

    .venv/bin/python tools/zh_markers.py
"""
import re
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "site"
MARK = re.compile(r"<!--\s*(fig|val|meta|thumb|since|table|claim)\s*:\s*([^ >]*)[^>]*-->")
NOTE = re.compile(r"\[\^([\w-]+)\]:")
bad = 0
for zh in sorted(SITE.rglob("*.zh.md")):
    en = zh.with_name(zh.name[:-len(".zh.md")] + ".md")
    a, b = (MARK.findall(p.read_text(encoding="utf-8")) for p in (en, zh))
    na, nb = (sorted(NOTE.findall(p.read_text(encoding="utf-8"))) for p in (en, zh))
    if a != b or na != nb:
        bad += 1
        print(f"{zh.relative_to(SITE)}: markers differ from {en.name}")
        print("  only in English:", [m for m in a if m not in b], " only in Chinese:", [m for m in b if m not in a])
        if a != b and sorted(a) == sorted(b):
            print("  (same markers, different order)")
        if na != nb:
            print("  footnotes en:", na, " zh:", nb)
    else:
        print(f"{zh.relative_to(SITE)}: ok ({len(a)} markers, {len(na)} footnotes)")
sys.exit(1 if bad else 0)
