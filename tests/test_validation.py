"""Validating many datasets side by side gives what one by one gives, in the package's order."""
from __future__ import annotations

import json

from pipeline import build
from pipeline import data as datamod


def tiny_package(root, n: int, bad: set[int]):
    data = root / "data"
    data.mkdir()
    resources = []
    for i in range(n):
        rows = "id,v\na,1\nb,2\n" if i not in bad else "id,v\na,1\nb,two\n"
        (data / f"d{i}.csv").write_text(rows, encoding="utf-8")
        resources.append({"name": f"d{i}", "path": f"d{i}.csv", "version": "1.0.0",
                          "schema": {"fields": [{"name": "id", "type": "string"}, {"name": "v", "type": "number"}],
                                     "primaryKey": ["id"]}})
    (data / "datapackage.json").write_text(json.dumps({"name": "t", "resources": resources}), encoding="utf-8")
    return datamod.resources(data)


def test_side_by_side_validation_says_what_one_by_one_says(tmp_path, monkeypatch):
    res = tiny_package(tmp_path, 5, {1, 3})
    one_by_one = build.validate_all(res, tmp_path / "serial", jobs=1)
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)
    side_by_side = build.validate_all(res, tmp_path / "pool", jobs=2)
    assert side_by_side == one_by_one
    assert len(one_by_one) == 2 and "d1.csv" in one_by_one[0] and "d3.csv" in one_by_one[1]
    assert "line 3" in one_by_one[0] and '"v"' in one_by_one[0], one_by_one
    # the good ones are stamped and not checked again; the bad ones are
    stamped = sorted(p.name.split("-")[0] for p in (tmp_path / "pool" / "valid").glob("*.ok"))
    assert stamped == ["d0", "d2", "d4"]
    assert build.validate_all(res, tmp_path / "pool", jobs=2) == one_by_one
