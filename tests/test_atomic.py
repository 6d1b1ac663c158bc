"""Files are written whole or not at all, with ordinary permissions."""
from __future__ import annotations

import os
import stat

import pytest

from graph.atomic import atomic_write


def test_written_file_has_umask_permissions_and_no_temporary_left(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "new" / "graph.html"
        with atomic_write(target) as fh:
            fh.write("<html></html>")
    finally:
        os.umask(old)
    assert target.read_text() == "<html></html>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_failure_keeps_the_old_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]
