"""Opening an embedded store's directory: refuse what is not a store, name every problem in one line.

Used by :class:`graph.store.oxigraph.OxigraphStore`; kept apart so that the store
class holds only what a store does.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

from ..errors import StoreError

__all__ = ["one_line", "check_path", "open_oxigraph", "make_store_dir", "damaged", "is_corruption",
           "writer_lock", "WRITER_LOCK"]

#: The writer lock of a store: a file in its directory that writers hold with flock.
WRITER_LOCK = "actorgraph.lock"

_ROCKSDB_FILE = re.compile(r"^(actorgraph\.lock|CURRENT|LOCK|LOG(\.old\.\d+)?|IDENTITY|(MANIFEST|OPTIONS)-\d+(\.dbtmp)?|"
                           r"\d+\.(log|sst|dbtmp|blob)|.*\.tmp)$")


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _fail(path: Path, problem: str) -> StoreError:
    return StoreError(f"store {path}: {problem}")


def make_store_dir(p: Path) -> Path | None:
    """Create the store directory (and missing parents). Returns the topmost directory
    THIS process created when it created ``p`` itself, else None (another process made
    ``p`` first): only its creator may ever delete it (two processes creating one store
    at once must not delete each other's work)."""
    missing = []
    q = p
    while not q.exists() and q.parent != q:
        missing.append(q)
        q = q.parent
    made: list[Path] = []
    for d in reversed(missing):
        try:
            os.mkdir(d)
        except FileExistsError:
            if not d.is_dir():
                raise _fail(p, f"{d} is a file, not a directory") from None
            continue
        except OSError as exc:
            raise _fail(p, f"cannot create it ({one_line(exc)})") from None
        made.append(d)
    return made[0] if made and made[-1] == p else None


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
        # RocksDB files without CURRENT: another process is creating the store right now
        # (opening it gives "in use", or the finished store). Anything else is not ours.
        if entries and not (p / "CURRENT").is_file() and not all(_ROCKSDB_FILE.match(e) for e in entries):
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


def _locked(exc: BaseException) -> bool:
    low = one_line(exc).lower()
    return "lock" in low and ("unavailable" in low or "hold" in low or "lock file" in low)


def writer_lock(path: Path, timeout: float) -> int:
    """Take the store's writer lock (flock on ``actorgraph.lock``), waiting up to ``timeout``
    seconds; returns its file descriptor (closing it releases the lock). Taken before
    RocksDB opens, so two processes never create or open one store for writing at once."""
    import fcntl

    try:
        fd = os.open(path / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as exc:
        raise _fail(path, f"cannot open its lock file ({one_line(exc)})") from None
    deadline = time.monotonic() + max(0.0, timeout)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                waited = f" (waited {timeout:g} s)" if timeout > 0 else ""
                raise StoreError(f"store {path} is in use by another actorgraph process{waited}; "
                                 "wait for it to finish (or open with read_only=True)") from None
            time.sleep(0.1)


def open_oxigraph(path: Path, *, read_only: bool):
    """The ``pyoxigraph.Store`` at ``path``; RocksDB's errors become one-line StoreErrors.
    Writers take :func:`writer_lock` first."""
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
        if _locked(exc):
            raise StoreError(f"store {path} is in use by another actorgraph process; "
                             "wait for it to finish (or open with read_only=True)") from None
        if "permission denied" in low:
            raise _fail(path, "permission denied") from None
        if is_corruption(exc):
            raise damaged(path, exc) from None
        raise _fail(path, f"cannot open the Oxigraph database ({msg})") from None
    except RuntimeError as exc:  # RocksDB reports a torn read as "Corruption"
        if read_only:
            raise _fail(path, f"cannot open the Oxigraph database ({one_line(exc)}); it is damaged, or "
                              "another actorgraph process was compacting it: try again") from None
        raise damaged(path, exc) from None


def damaged(path: Path, exc: BaseException) -> StoreError:
    """The one line for a store whose files RocksDB finds corrupt."""
    return _fail(path, f"is damaged ({one_line(exc)[:200]}); restore a backup or re-ingest into a new store")


def is_corruption(exc: BaseException) -> bool:
    low = one_line(exc).lower()
    return "corrupt" in low or "checksum" in low or "bad magic" in low or "truncated" in low


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
