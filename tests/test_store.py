"""pipeline/store.py's replace_dir(): the one way a folder is swapped in whole.
Small fixture trees, no build: each test runs in milliseconds."""
from __future__ import annotations

import os

import pytest

from pipeline.build import clear_leftovers
from pipeline.store import replace_dir


def test_the_new_folder_replaces_the_old_one_whole(tmp_path):
    dest = tmp_path / "cache" / "figures" / "a"
    dest.mkdir(parents=True)
    (dest / "old.txt").write_text("old")
    with replace_dir(dest) as tmp:
        assert tmp.parent == dest.parent and tmp.name.startswith(".") and tmp != dest
        (tmp / "new.txt").write_text("new")
        assert (dest / "old.txt").exists()  # the old folder is whole until the swap
    assert sorted(p.name for p in dest.iterdir()) == ["new.txt"]
    assert oct(dest.stat().st_mode & 0o777) == oct(0o755)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a"]  # nothing left beside it


def test_a_failure_leaves_the_old_folder_as_it_was_and_no_leftover(tmp_path):
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "old.txt").write_text("old")
    with pytest.raises(RuntimeError), replace_dir(dest) as tmp:
        (tmp / "half.txt").write_text("half")
        raise RuntimeError("the figure's code failed")
    assert sorted(p.name for p in dest.iterdir()) == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_missing_destination_and_its_parent_are_made(tmp_path):
    dest = tmp_path / "a" / "b" / "c"
    with replace_dir(dest, prefix=".c-") as tmp:
        assert tmp.name.startswith(".c-")
        (tmp / "x").write_text("x")
    assert (dest / "x").read_text() == "x"


def test_a_symbolic_link_is_replaced_never_written_through(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    dest = tmp_path / "out"
    dest.symlink_to(target, target_is_directory=True)
    with replace_dir(dest) as tmp:
        (tmp / "new.txt").write_text("new")
    assert not dest.is_symlink() and sorted(os.listdir(dest)) == ["new.txt"]
    assert sorted(os.listdir(target)) == ["keep.txt"]


def test_the_leftover_of_a_killed_build_is_cleared_by_the_next(tmp_path):
    cache = tmp_path / ".cache"
    dest = cache / "figures" / "slug" / "0123456789abcdef"
    swap = replace_dir(dest)
    tmp = swap.__enter__()  # a build killed here never leaves the block
    (tmp / "half.svg").write_text("<svg")
    assert tmp.exists() and not dest.exists()
    clear_leftovers(cache)
    assert not tmp.exists() and not dest.exists()
