"""Read articles from files into :class:`~graph.model.Document` objects.

Supported inputs (one module each):

* ``.txt`` — plain text with an optional header or front matter (:mod:`graph.io.txt`);
* ``.html`` / ``.htm`` — a saved web page, read by trafilatura and htmldate (:mod:`graph.io.html`);
* ``.jsonl`` / ``.json`` — one article per record, field names configurable (:mod:`graph.io.jsonl`);
* ``-`` — standard input: JSON lines when it starts with ``{``, HTML with ``<``, else text.

Which files are read is :mod:`graph.io.paths` (folders walked recursively, globs,
FIFOs, devices and symbolic link loops refused); dates are :mod:`graph.io.dates`.

Nothing here raises for a bad file: every problem becomes a
:class:`~graph.model.ReadFailure` with a one-line reason naming the file (or
``file:line``), so that one broken article never stops an ingest. Reading is
lazy: :func:`read_documents` yields each document as its file is read.

Example::

    from graph.io.documents import read_documents
    for item in read_documents(["examples/corpus"]):
        print(item)
"""
from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, ReadFailure
from .dates import find_date, parse_date
from .html import parse_html
from .jsonl import ROLES, read_json, read_jsonl
from .paths import MAX_FILE_BYTES, STDIN, SUPPORTED_SUFFIXES, Entry, iter_paths, path_key, read_bytes, text_name, walk
from .txt import parse_text

__all__ = [
    "SUPPORTED_SUFFIXES", "ReadOptions", "iter_paths", "read_file", "read_documents",
    "parse_text", "parse_html", "parse_date", "find_date", "parse_fields", "count_documents",
]


@dataclass(frozen=True)
class ReadOptions:
    """How to read: ``fields`` maps a JSON role (text, title, date, url, source, id) to a
    field name; ``default_date`` is the date of documents that carry none (``--date``);
    ``ingested`` is recorded on every document (default: today, UTC)."""

    fields: Mapping[str, str] = field(default_factory=dict)
    default_date: str | None = None
    ingested: str | None = None
    max_bytes: int = MAX_FILE_BYTES


def parse_fields(specs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "date=meta.published"]`` → ``{"text": "body", "date": "meta.published"}``.

    Raises ValueError naming the bad spec (an unknown role or no ``=``).
    """
    out: dict[str, str] = {}
    for spec in specs:
        role, sep, name = spec.partition("=")
        role, name = role.strip().lower(), name.strip()
        if not sep or not name or role not in ROLES:
            raise ValueError(f"--field {spec!r}: expected ROLE=NAME with ROLE one of {', '.join(ROLES)}")
        out[role] = name
    return out


def _decode(data: bytes, source: str) -> str | ReadFailure:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadFailure(source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start})")


def _kind(entry: Entry, data: bytes) -> str:
    if entry.path is not None:
        return {".htm": ".html"}.get(entry.suffix, entry.suffix)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return ".jsonl" if head == b"{" else ".json" if head == b"[" else ".html" if head == b"<" else ".txt"


def read_entry(entry: Entry, options: ReadOptions | None = None) -> Iterator[Document | ReadFailure]:
    """Everything read from one file, in order (documents and failures)."""
    opts = options or ReadOptions()
    source = entry.source
    data = read_bytes(entry, opts.max_bytes)
    if isinstance(data, ReadFailure):
        yield data
        return
    if not data.strip():
        yield ReadFailure(source, "file is empty" if not data else "file contains only whitespace")
        return
    kind = _kind(entry, data)
    name = text_name(entry.path.name) if entry.path is not None else STDIN
    ingested = opts.ingested or _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    extra = {"path": entry.relative, "ingested": ingested}
    key = path_key(entry.path)
    if kind == ".jsonl":
        yield from read_jsonl(data, source=source, name=name, fields=opts.fields, key=key,
                              default_date=opts.default_date, **extra)
        return
    if b"\x00" in data:
        yield ReadFailure(source, f"binary file (NUL byte at byte offset {data.index(0)}), not text")
        return
    text = _decode(data, source)
    if isinstance(text, ReadFailure):
        yield text
        return
    if not text.replace("\ufeff", "").strip():
        yield ReadFailure(source, "file contains only whitespace")
        return
    if kind == ".json":
        yield from read_json(text.lstrip("\ufeff"), source=source, name=name, fields=opts.fields, key=key,
                             default_date=opts.default_date, **extra)
        return
    if kind == ".txt":
        doc = parse_text(text, doc_id=name, source=source, name=name, default_date=opts.default_date, key=key,
                         **extra)
        yield doc if doc.text.strip() else ReadFailure(source, "no text after the header")
        return
    doc = parse_html(text, doc_id=name, source=source, default_date=opts.default_date, key=key, **extra)
    yield doc if doc.text.strip() else ReadFailure(source, "HTML page has no readable text")


def read_file(path: Path | str, options: ReadOptions | None = None) -> tuple[list[Document], list[ReadFailure]]:
    """Read one file into documents and failures; never raises for a bad file.

    A ``.txt`` or ``.html`` file gives at most one document (its id is the
    file name); a ``.jsonl`` file gives one document per good line and one
    failure (``file:line``) per bad line.
    """
    docs: list[Document] = []
    failures: list[ReadFailure] = []
    for item in read_documents([path], options):
        (failures if isinstance(item, ReadFailure) else docs).append(item)
    return docs, failures


def read_documents(paths: Iterable[str | Path] | str | Path,
                   options: ReadOptions | None = None) -> Iterator[Document | ReadFailure]:
    """Read every document under the given files, folders, globs and ``-``, in order.

    Yields :class:`Document` and :class:`ReadFailure` objects as they come
    (see :func:`graph.io.paths.walk` for the order); a bad file or line
    yields a failure and reading goes on. Lazy: one file is in memory at a time.
    """
    for item in walk(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_entry(item, options)


def count_documents(paths: Iterable[str | Path] | str | Path) -> int | None:
    """About how many documents :func:`read_documents` will yield (for a progress bar), without
    parsing: one per text or HTML file, one per line of a JSON-lines file, one per ``.json``
    file; None when standard input is read (it cannot be read twice)."""
    total = 0
    for item in walk(paths):
        if isinstance(item, ReadFailure):
            continue
        if item.path is None:
            return None
        if item.suffix == ".jsonl":
            if not os.path.isfile(item.path):          # never open a FIFO or a device here
                continue
            try:
                with open(item.path, "rb") as fh:
                    total += sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
            except OSError:
                continue
        else:
            total += 1
    return total
