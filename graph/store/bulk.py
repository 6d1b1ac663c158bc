"""The embedded store's bulk path: documents written as N-Quads text straight into
pyoxigraph's bulk loader, and the marker that makes an interrupted load undone.

A first large ingest (:meth:`graph.store.oxigraph.OxigraphStore.put_documents` into a
store without documents) does not build one pyoxigraph object per term: each
document's triple set (:func:`graph.rdf.statements.document_triple_set`, whatever
triples it yields) is written as N-Quads text — every triple in the document's
graph and in the default graph — by :class:`NQuads`, and streamed through a pipe
into ``pyoxigraph.Store.bulk_load``, which parses and indexes it on other threads
(without the GIL) while this thread extracts and serialises the next documents.

The text is what pyoxigraph's own N-Triples serialiser writes for the same terms
(``str(to_ox(term))``): IRIs and language tags are validated by pyoxigraph once each
(the loader then runs ``lenient``), literals are escaped as N-Triples requires
(``"``, ``\\``, line breaks, control characters), and text that is not valid Unicode
(a lone surrogate) is a :class:`ValueError` naming the document, as in
:meth:`~graph.store.base.Store.put_document`.

The bulk load is not a transaction of the store: pyoxigraph 0.5 adds its sorted files
to RocksDB in one step at the end, but does not promise it (an older or newer loader
may add them batch by batch), the documents written after it (:func:`load_documents`'s
``keep``), the flush and the compaction are separate steps, and a killed loader
leaves its temporary ``bulk-*.sst`` files behind. So before loading, the whole store
(it has no documents then: the ontology, curated and corrections graphs) is saved
beside it as :data:`MARKER`; the marker goes only once the load is flushed and
compacted. A store opened for writing with the marker present is put back as it was
before the load (:func:`undo`), so the next ingest loads everything again; opened
read-only, it is refused (it could look complete without being so).
"""
from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from ..model import Document, Statement
from ..rdf.statements import document_triple_set
from .terms import to_ox

__all__ = ["MARKER", "NQuads", "begin", "finish", "interrupted", "load_documents", "stream_into", "undo"]

#: The store as it was before a bulk load, in its directory while the load is under way.
MARKER = "actorgraph.bulk-load.nq"
#: Bytes handed to the loader per write.
CHUNK_BYTES = 1 << 22

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(m: re.Match) -> str:
    c = m.group()
    return _ECHAR.get(c) or f"\\u{ord(c):04X}"


class NQuads:
    """N-Triples text of rdflib terms, the same as pyoxigraph's serialiser writes for them.

    IRIs, language tags and datatypes are checked by pyoxigraph the first time they are
    seen (a ``ValueError`` for an invalid one, as :func:`~graph.store.terms.to_ox` gives)
    and remembered (at most ``limit`` IRIs at a time).
    """

    def __init__(self, limit: int = 500_000) -> None:
        self._iris: dict[str, str] = {}
        self._suffixes: dict[tuple[str, str], str] = {}
        self._limit = limit

    def iri(self, value: str) -> str:
        out = self._iris.get(value)
        if out is None:
            if len(self._iris) >= self._limit:
                self._iris.clear()
            out = self._iris[value] = str(ox.NamedNode(value))
        return out

    def _suffix(self, lang: str, datatype: str) -> str:
        key = (lang, datatype)
        out = self._suffixes.get(key)
        if out is None:
            if lang:
                out = str(ox.Literal("", language=lang))[2:]             # '@' + the normalised tag
            elif not datatype or datatype == _XSD_STRING:
                out = ""
            else:
                out = "^^" + self.iri(datatype)
            self._suffixes[key] = out
        return out

    def term(self, term: Any) -> str:
        """N-Triples text of one rdflib term (pyoxigraph writes any other kind)."""
        kind = type(term)
        if kind is URIRef:
            return self.iri(str(term))
        if kind is Literal:
            lex = str(term)
            if _ESCAPE.search(lex):
                lex = _ESCAPE.sub(_escape, lex)
            lang, dt = term.language, term.datatype
            return f'"{lex}"{self._suffix(lang or "", "" if dt is None or lang else str(dt))}'
        return str(to_ox(term))

    def document(self, doc: Document, statements: Sequence[Statement]) -> bytes:
        """UTF-8 N-Quads of the document graph: each triple in the graph and in the default graph."""
        text = self.term
        g = self.iri(doc.iri)
        lines = []
        for s, p, o in document_triple_set(doc, statements):
            t = f"{text(s)} {text(p)} {text(o)}"
            lines.append(f"{t} {g} .\n{t} .\n")
        body = "".join(lines)
        try:
            return body.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"document {doc.identity}: its triples hold text that is not valid Unicode "
                             f"(lone surrogate U+{ord(body[exc.start]):04X})") from None


# ----------------------------------------------------------------------------- loading


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _wait(thread: threading.Thread) -> None:
    """Join the loader even through Ctrl-C (re-raised after): the store must not be
    touched again while it is still loading."""
    stopped = None
    while thread.is_alive():
        try:
            thread.join()
        except KeyboardInterrupt as exc:
            stopped = exc
    if stopped is not None:
        raise stopped


def stream_into(store: ox.Store, chunks: Iterable[bytes], spool: Path) -> None:
    """``bulk_load`` N-Quads ``chunks`` into ``store``. Where the system names pipes as files
    (``/dev/fd``), the loader reads a pipe on its own thread while this one produces the
    chunks; elsewhere they are spooled to a file in the directory ``spool`` first.
    An error of the producer (raised here) ends the load with what was sent before it."""
    if not os.path.isdir("/dev/fd"):
        fd, tmp = tempfile.mkstemp(prefix=".bulk-", suffix=".nq.tmp", dir=spool)
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
            store.bulk_load(path=tmp, format=ox.RdfFormat.N_QUADS, lenient=True)
        finally:
            os.unlink(tmp)
        return
    r, w = os.pipe()
    failed: list[BaseException] = []

    def load() -> None:
        try:
            store.bulk_load(path=f"/dev/fd/{r}", format=ox.RdfFormat.N_QUADS, lenient=True)
        except BaseException as exc:  # noqa: BLE001 - handed to the producer's thread
            failed.append(exc)
        finally:
            os.close(r)           # the producer's next write fails instead of waiting forever

    loader = threading.Thread(target=load, name="actorgraph-bulk-load", daemon=True)
    loader.start()
    broken = False
    try:
        for chunk in chunks:
            _write_all(w, chunk)
    except BrokenPipeError:
        broken = True
    finally:
        os.close(w)
        _wait(loader)
    if failed:
        raise failed[0]
    if broken:
        raise OSError("the bulk loader stopped reading its input")


def load_documents(store: ox.Store, spool: Path, items: Iterable[tuple[Document, Sequence[Statement]]],
                   keep: Callable[[Document, Sequence[Statement] | None], None]) -> int:
    """Bulk-load the documents into ``store`` (which holds none); a document whose IRI or
    source an earlier one had (or whose IRI names a graph already there) goes to ``keep``
    instead, to be written by ``put_document`` after the load. Returns the number loaded."""
    terms = NQuads()
    present = {str(g.value) for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    seen: set[str] = set()
    count = 0

    def chunks() -> Iterator[bytes]:
        nonlocal count
        buf: list[bytes] = []
        size = 0
        for doc, statements in items:
            if doc.iri in seen or doc.identity in seen or doc.iri in present:
                keep(doc, statements)
                seen.update((doc.iri, doc.identity))
                continue
            data = terms.document(doc, statements)
            seen.update((doc.iri, doc.identity))
            count += 1
            buf.append(data)
            size += len(data)
            if size >= CHUNK_BYTES:
                yield b"".join(buf)
                buf, size = [], 0
        if buf:
            yield b"".join(buf)

    stream_into(store, chunks(), spool)
    return count


# ----------------------------------------------------------------------------- the marker


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def interrupted(path: Path) -> bool:
    """Was a bulk load into the store at ``path`` started and not finished?"""
    return (path / MARKER).is_file()


def begin(store: ox.Store, path: Path) -> None:
    """Save the store as it is (it holds no documents) as :data:`MARKER`, durably, before a bulk load."""
    for stale in path.glob(f".{MARKER}.*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{MARKER}.", suffix=".tmp", dir=path)
    try:
        with os.fdopen(fd, "wb") as fh:
            store.dump(fh, format=ox.RdfFormat.N_QUADS)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path / MARKER)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_dir(path)


def finish(path: Path) -> None:
    """The load is flushed and compacted: forget the saved store."""
    (path / MARKER).unlink(missing_ok=True)
    _sync_dir(path)


def undo(store: ox.Store, path: Path) -> None:
    """Put the store back as it was before the interrupted bulk load, then drop the marker.
    Killed half-way, it is simply done again at the next opening."""
    store.clear()
    store.load(path=str(path / MARKER), format=ox.RdfFormat.N_QUADS)
    store.flush()
    for left in path.glob("bulk-*.sst"):           # the files of a loader killed before it added them
        left.unlink(missing_ok=True)
    finish(path)
