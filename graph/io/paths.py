"""Which files to read: directories walked recursively, globs, ``-`` for standard input.

:func:`walk` turns what the user named into :class:`Entry` objects (one per
file to read) and :class:`~graph.model.ReadFailure` objects for what cannot be
walked: a folder that cannot be listed or searched, a symbolic link loop, a
broken symbolic link, a pattern that matches nothing. Nothing here raises for
a bad path, and nothing blocks: FIFOs and devices are refused by
:func:`read_bytes` before a byte is read (a symbolic link to ``/dev/zero``
or a named pipe would otherwise read forever or hang).

Inside a directory, files are kept by suffix (:data:`SUPPORTED_SUFFIXES`),
hidden files and folders and README files are left out, and the order is
the sorted relative path, so a run is reproducible. A path named explicitly
is always yielded, so that the reader reports what is wrong with it.
"""
from __future__ import annotations

import errno
import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import ReadFailure

__all__ = ["SUPPORTED_SUFFIXES", "STDIN", "MAX_FILE_BYTES", "Entry", "walk", "iter_paths", "read_bytes",
           "text_name", "path_key"]

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json")
SUPPORTED_LIST = ", ".join(SUPPORTED_SUFFIXES)
STDIN = "-"
#: Files larger than this are refused (a document of this size is not an article).
MAX_FILE_BYTES = 256 * 1024 * 1024
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Entry:
    """One file to read: ``path`` (None for standard input), ``source`` (the path as
    given, joined with the walked part) and ``relative`` (POSIX path relative to the
    ingest root: ``<folder name>/<path inside it>`` for a walked folder, the file name
    for a file named explicitly, ``-`` for standard input)."""

    path: Path | None
    source: str
    relative: str

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower() if self.path is not None else ""


def text_name(name: str) -> str:
    """A file name as valid Unicode text: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become ``\\xNN`` escapes, so the name can be stored and printed."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def path_key(path: Path | None) -> str:
    """A file's identity in a store: its path relative to the working directory when
    under it, else its absolute path (``/``-separated, symbolic links kept); ``-`` for stdin."""
    if path is None:
        return STDIN
    full = os.path.abspath(path)
    rel = os.path.relpath(full, os.getcwd())
    return text_name(Path(full if rel == ".." or rel.startswith(".." + os.sep) else rel).as_posix())


def _skipped(name: str) -> bool:
    """Hidden files and READMEs are never read when a directory is expanded."""
    return name.startswith(".") or name.lower().startswith("readme.")


def _supported(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "file not found"
    return f"cannot read ({exc.strerror or exc})"


def _walk_dir(root: Path, label: str) -> Iterator[Entry | ReadFailure]:
    """Files under ``root`` (recursively, following symbolic links once), sorted by relative path."""
    try:
        root_key = (lambda s: (s.st_dev, s.st_ino))(os.stat(root))
    except OSError as exc:
        yield ReadFailure(str(root), _problem(exc))
        return
    found = failed = False
    # A stack of (directory, relative parts, keys of the directories above it).
    stack: list[tuple[Path, tuple[str, ...], frozenset]] = [(root, (), frozenset([root_key]))]
    visited = {root_key}
    while stack:
        folder, parts, ancestors = stack.pop()
        if not os.access(folder, os.R_OK | os.X_OK):
            missing = "list" if not os.access(folder, os.R_OK) else "search"
            failed = True
            yield ReadFailure(str(folder), f"permission denied (cannot {missing} this folder)")
            continue
        try:
            with os.scandir(folder) as it:
                children = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            failed = True
            yield ReadFailure(str(folder), f"{_problem(exc)} (cannot list this folder)")
            continue
        subdirs: list[tuple[Path, tuple[str, ...], frozenset]] = []
        for child in children:
            if _skipped(child.name):
                continue
            path = folder / child.name
            try:
                st = child.stat()              # follows symbolic links
            except OSError as exc:
                if child.is_symlink():
                    why = "symbolic link loop" if exc.errno == errno.ELOOP else "broken symbolic link"
                    yield ReadFailure(str(path), f"{why} (target {_link_target(path)})")
                elif _supported(child.name):
                    yield ReadFailure(str(path), _problem(exc))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    yield ReadFailure(str(path), "symbolic link loop (points to a folder above it)")
                elif key not in visited:
                    visited.add(key)
                    subdirs.append((path, parts + (child.name,), ancestors | {key}))
            elif _supported(child.name):
                found = True
                yield Entry(path, text_name(str(path)), text_name("/".join((label, *parts, child.name))))
        stack.extend(reversed(subdirs))
    if not found and not failed:
        yield ReadFailure(str(root), f"directory contains no supported files ({SUPPORTED_LIST})")


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "unknown"


def walk(paths: Iterable[str | Path] | str | Path) -> Iterator[Entry | ReadFailure]:
    """Expand the given paths into entries to read (and failures), each file once.

    Directories are walked recursively (see the module docstring); a string
    with ``*``, ``?`` or ``[`` that names no file is a glob (``**`` recurses);
    ``-`` is standard input.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set = set()

    def once(path: Path) -> bool:
        try:
            st = os.stat(path)
            key: object = (st.st_dev, st.st_ino)
        except OSError:
            key = os.path.abspath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for given in paths:
        text = os.fspath(given)
        if text == STDIN:
            yield Entry(None, STDIN, STDIN)
            continue
        if _GLOB_CHARS & set(text) and not os.path.lexists(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                yield ReadFailure(text, "no file matches this pattern")
            for match in matches:
                yield from _one(Path(match), once)
            continue
        yield from _one(Path(text), once)


def _one(path: Path, once) -> Iterator[Entry | ReadFailure]:
    try:
        is_dir = stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        is_dir = False                        # the reader reports what is wrong
    if is_dir:
        label = path.resolve().name or path.name or "."
        for item in _walk_dir(path, label):
            if isinstance(item, ReadFailure) or once(item.path):
                yield item
    elif once(path):
        yield Entry(path, text_name(str(path)), text_name(path.name))


def iter_paths(paths: Iterable[str | Path] | str | Path) -> Iterator[Path]:
    """The paths :func:`walk` yields (a failure yields the path it names), for listing."""
    for item in walk(paths):
        yield Path(item.source) if isinstance(item, ReadFailure) else (item.path or Path(STDIN))


def read_bytes(entry: Entry, limit: int = MAX_FILE_BYTES) -> bytes | ReadFailure:
    """The bytes of a regular file (or standard input), or why they cannot be read.

    The file is opened without blocking and checked with ``fstat`` before
    reading, so a FIFO, a device (``/dev/zero``) or a socket is refused at once;
    at most ``limit`` bytes are read.
    """
    source = entry.source
    if entry.path is None:
        data = sys.stdin.buffer.read(limit + 1)
        return ReadFailure(source, f"standard input is larger than {limit:,} bytes") \
            if len(data) > limit else data
    path = entry.path
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return ReadFailure(source, f"broken symbolic link (target {_link_target(path)})")
        return ReadFailure(source, _problem(exc))
    if not _supported(path.name) and not os.path.isdir(path):
        suffix = path.suffix or "(no suffix)"
        return ReadFailure(source, f"unsupported file type {suffix} (supported: {SUPPORTED_LIST})")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return ReadFailure(source, f"broken symbolic link (target {_link_target(path)})")
        return ReadFailure(source, _problem(exc))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return ReadFailure(source, f"directory contains no supported files ({SUPPORTED_LIST})")
        if not stat.S_ISREG(st.st_mode):
            kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else
                    "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                    "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
            return ReadFailure(source, f"{kind}, not a regular file; not read")
        if st.st_size > limit:
            return ReadFailure(source, f"file is larger than {limit:,} bytes ({st.st_size:,}); not read")
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(limit + 1)
    except OSError as exc:
        return ReadFailure(source, _problem(exc))
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        return ReadFailure(source, f"file is larger than {limit:,} bytes; not read")
    return data
