"""Print every claim's English and Chinese sentence, computed from the data (issue 9 helper).

    .venv/bin/python tools/zh_claims_preview.py [name-prefix]
"""
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline import claims  # noqa: E402
from pipeline import data as datamod  # noqa: E402

res = datamod.resources(ROOT / "data")
with tempfile.TemporaryDirectory() as d:
    out = Path(d) / "claims"
    result = claims.compute(ROOT, res, out)
prefix = sys.argv[1] if len(sys.argv) > 1 else ""
missing = 0
for name, c in result.items():
    if name.startswith(prefix):
        print(f"{name}\n  en: {c['sentence']}\n  zh: {c['sentence_zh']}\n"
              f"  working en: {c['working']}\n  working zh: {c['working_zh']}")
        missing += c["sentence_zh"] is None or c["working_zh"] is None
print(f"{len(result)} claims, {missing} without Chinese (sentence or working)")
