"""Opening an embedded store's directory: refuse what is not a store, name every problem in one line.

Used by :class:`graph.store.oxigraph.OxigraphStore`; kept apart so that the store
class holds only what a store does.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from ..errors import StoreError

__all__ = ["one_line", "check_path", "open_oxigraph"]


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _fail(path: Path, problem: str) -> StoreError:
    return StoreError(f"store {path}: {problem}")


def check_path(p: Path, *, read_only: bool, create: bool) -> tuple[Path | None, bool]:
    """Refuse paths that are not stores.

    Returns (the topmost directory we will create or None, whether ``p`` is an
    existing empty directory).
    """
    if p.exists():
        if not p.is_dir():
            raise _fail(p, "is a file, not a store directory")
        try:
            entries = os.listdir(p)
        except PermissionError:
            raise _fail(p, "permission denied") from None
        if entries and not (p / "CURRENT").is_file():
            raise _fail(p, "is a directory that is not an actorgraph store "
                           "(no Oxigraph database in it); choose another path")
        if not entries and read_only:
            raise _fail(p, "is an empty directory, not a store (cannot open it read-only)")
        return None, not entries
    if read_only:
        raise _fail(p, "does not exist (cannot open a missing store read-only)")
    if not create:
        raise _fail(p, "does not exist")
    root = p
    while not root.parent.exists() and root.parent != root:
        root = root.parent
    if root.parent.exists() and not root.parent.is_dir():
        raise _fail(p, f"{root.parent} is a file, not a directory")
    return root, False


def open_oxigraph(path: Path, *, read_only: bool):
    """The ``pyoxigraph.Store`` at ``path``; RocksDB's errors become one-line StoreErrors."""
    import pyoxigraph as ox

    try:
        if read_only:
            return _open_read_only(path)
        return ox.Store(str(path))
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as exc:
        msg = one_line(exc)
        low = msg.lower()
        if "lock" in low and ("unavailable" in low or "hold" in low or "lock file" in low):
            raise StoreError(f"store {path} is in use by another actorgraph process; "
                             "wait for it to finish (or open with read_only=True)") from None
        if "permission denied" in low:
            raise _fail(path, "permission denied") from None
        raise _fail(path, f"cannot open the Oxigraph database ({msg})") from None
    except RuntimeError as exc:  # RocksDB reports a torn read as "Corruption"
        raise _fail(path, f"cannot open the Oxigraph database ({one_line(exc)}); if another "
                          "actorgraph process is writing it, try again when it is done") from None


def _open_read_only(path: Path):
    """Open without the lock. A writer in another process may be compacting files
    away under us (RocksDB then reports "Corruption"), so retry a few times."""
    import pyoxigraph as ox

    for attempt in range(5):
        try:
            return ox.Store.read_only(str(path))
        except RuntimeError:
            if attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
