"""The API's reading side: extract relations from documents, ingest them into a store."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import IO

from ..extract.extractor import Extractor, statement_record
from ..io.documents import ReadOptions, count_documents, read_documents
from ..model import Document, IngestReport, ReadFailure, Statement
from ..parallel import extract_stream
from ..progress import ProgressCallback
from ..store.base import Store
from ._store import open_store

#: Documents written to the store per batch.
BATCH_SIZE = 64
#: Documents written between two flushes of the embedded store's memory table: RocksDB
#: otherwise keeps every write of the run in memory (+0.23 MB per document, measured).
FLUSH_EVERY = 512
#: With ``bulk_threshold=BULK_THRESHOLD`` (``actorgraph ingest --bulk``), a first ingest into a
#: store without documents that reaches this many documents goes through the store's bulk path
#: (:meth:`Store.put_documents`); a smaller one, or one into a store that has documents, writes
#: a transaction per document. Off by default: a bulk load is all or nothing, so an interrupted
#: one starts again from the beginning instead of resuming.
BULK_THRESHOLD = 2000


class ExtractReport(IngestReport):
    """Counts of an extraction run (same fields as :class:`IngestReport`)."""


def _read(paths: Iterable[str | Path], options: ReadOptions | None, failures: list[ReadFailure] | None,
          report: IngestReport | None = None) -> Iterator[Document]:
    """The documents under ``paths``, lazily; failures go to ``failures``."""
    for item in read_documents(paths, options):
        if isinstance(item, ReadFailure):
            if failures is not None:
                failures.append(item)
        else:
            yield item


def extract(paths: Iterable[str | Path], *, extractor: Extractor | None = None,
            failures: list[ReadFailure] | None = None, progress: ProgressCallback | None = None,
            jobs: int | None = None, options: ReadOptions | None = None,
            ) -> Iterator[tuple[Document, list[Statement]]]:
    """Read the files (``.txt``, ``.html``, ``.jsonl``, ``.json``, folders, globs, ``-``) and yield
    each document's statements, in order, extracting on ``jobs`` processes (default: all cores).

    Streams: documents are read as extraction needs them. Files, records and documents that
    cannot be read or extracted are appended to ``failures`` (when given) and skipped.
    """
    bad = failures if failures is not None else []
    total = count_documents(paths) if progress else None
    for n, (doc, result) in enumerate(extract_stream(_read(paths, options, bad), jobs=jobs,
                                                     extractor=extractor), 1):
        if progress:
            progress(n, total, doc.source)
        if isinstance(result, str):
            bad.append(ReadFailure(doc.source, result))
            continue
        yield doc, result


def extract_jsonl(paths: Iterable[str | Path], out: IO[str], *, extractor: Extractor | None = None,
                  include_negated: bool = True, progress: ProgressCallback | None = None,
                  jobs: int | None = None, options: ReadOptions | None = None) -> ExtractReport:
    """Write one JSON object per extracted relation (the format of ``shared/eval/score.py``) to ``out``."""
    report = ExtractReport()
    actors: set[str] = set()
    for doc, statements in extract(paths, extractor=extractor, failures=report.failures, progress=progress,
                                   jobs=jobs, options=options):
        report.documents += 1
        report.undated += doc.date is None
        for st in statements:
            if st.negated and not include_negated:
                continue
            out.write(json.dumps(statement_record(st), ensure_ascii=False) + "\n")
            report.statements += 1
            actors.update((st.subject.iri, st.object.iri))
    report.actors = len(actors)
    return report


def _stored_hashes(store: Store) -> set[str]:
    """Content hashes of every stored document (one query)."""
    hashes = getattr(store, "content_hashes", None)
    if callable(hashes):
        return set(hashes())
    return {d["hash"] for d in store.documents() if d.get("hash")}


def _write(store: Store, batch: list[tuple[Document, list[Statement]]]) -> int:
    """Write one batch, a transaction per document; returns how many documents were written."""
    return sum(bool(store.put_document(doc, statements)) for doc, statements in batch)


def _ingest_log(store: Store, extractor: Extractor | None):
    """The record of this run in the store's ingest log (:mod:`graph.rdf.ingest_log`), started."""
    from .. import __version__
    from ..extract.extractor import EXTRACTOR_NAME
    from ..rdf.ingest_log import IngestLog
    from ..rdf.statements import extractor_iri

    name, version = getattr(extractor, "name", EXTRACTOR_NAME), getattr(extractor, "version", __version__)
    log = IngestLog(store, agent=str(extractor_iri(name, version)))
    log.start()
    return log


def ingest(paths: Iterable[str | Path], store: Store | str | Path | None = None, *,
           extractor: Extractor | None = None, force: bool = False,
           progress: ProgressCallback | None = None, jobs: int | None = None,
           options: ReadOptions | None = None, batch_size: int = BATCH_SIZE,
           bulk_threshold: int | None = None) -> IngestReport:
    """Extract the files and store every document in its own named graph.

    A document is identified by its source (:attr:`Document.identity`: its path,
    URL or record id); a changed text at a stored source replaces the old one, and
    the same text under several sources is one document with every source, counted
    once. Streams the documents through extraction on ``jobs`` processes (default:
    all cores) while this process alone writes to the store, ``batch_size``
    documents at a time. A document whose content hash is already stored is
    skipped before it is parsed (``force`` re-extracts it), so an interrupted
    ingest resumes where it stopped. A first ingest of at least ``bulk_threshold``
    documents (None, the default: never; :data:`BULK_THRESHOLD` is a good value) into a store without documents is written by the store's
    bulk path instead (:meth:`Store.put_documents`), all or nothing: interrupted, it starts
    again from the beginning. The recorded corrections
    (:mod:`graph.store.corrections`) are re-applied and the store is flushed at the
    end. When the run started and ended, and which documents it stored, go to the
    ingest log (:mod:`graph.rdf.ingest_log`), never into the document graphs.
    Returns the counts and the failures, each a one-line reason naming its file.
    """
    own = not isinstance(store, Store)
    st = open_store(store) if own else store
    report = IngestReport()
    try:
        known = _stored_hashes(st)
        stored = set() if force else known
        log = _ingest_log(st, extractor)              # when this run stored what: apart from the documents
        first_source: dict[str, str] = {}
        total = count_documents(paths) if progress else None
        done = 0

        def tick(source: str) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, total, source)

        # A store that keeps every source of a text (document_sources; put_document(doc, None)
        # adds one) is told about copies and about stored texts met under a new name.
        sources_of = getattr(st, "document_sources", None)
        copies: list[Document] = []

        def add_source(doc: Document) -> None:
            if callable(sources_of) and doc.identity not in sources_of(doc.iri):
                st.put_document(doc, None)

        def todo() -> Iterator[Document]:
            for doc in _read(paths, options, report.failures):
                h = doc.content_hash
                if h in first_source:                 # the same text earlier in this run: one
                    report.duplicates += 1            # document with one more source, counted once
                    report.sources.setdefault(h, [first_source[h]]).append(doc.source)
                    if callable(sources_of):
                        copies.append(doc)
                    tick(doc.source)
                    continue
                first_source[h] = doc.source
                if h in stored:                       # stored by an earlier run: not parsed again
                    report.unchanged += 1
                    report.documents += 1
                    add_source(doc)
                    tick(doc.source)
                    continue
                yield doc

        actors: set[str] = set()
        minted: set[str] = set()

        def extracted() -> Iterator[tuple[Document, list[Statement]]]:
            """The extracted documents, counted as they go by."""
            for doc, result in extract_stream(todo(), jobs=jobs, extractor=extractor):
                if isinstance(result, str):
                    report.failures.append(ReadFailure(doc.source, result))
                else:
                    report.documents += 1
                    report.statements += len(result)
                    report.undated += doc.date is None
                    report.words += len(doc.text.split())
                    for s in result:
                        for actor in (s.subject, s.object):
                            actors.add(actor.iri)
                            if actor.minted:
                                minted.add(actor.iri)
                    yield doc, result
                tick(doc.source)

        items = extracted()
        head: list[tuple[Document, list[Statement]]] = []
        if bulk_threshold is not None and not known:
            head = list(islice(items, max(1, bulk_threshold)))
        if head and len(head) >= bulk_threshold and \
                st.query_file("no-documents", union=False).askAnswer:
            passed = 0

            loaded: list[str] = []

            def counted(first: list) -> Iterator[tuple[Document, list[Statement]]]:
                nonlocal passed
                for item in chain(first, items):
                    passed += 1
                    loaded.append(item[0].iri)
                    yield item

            written = st.put_documents(counted(head))
            report.unchanged += passed - written
            log.generated(loaded)
        else:
            batch: list[tuple[Document, list[Statement]]] = []
            since_flush = 0
            for item in chain(head, items):
                batch.append(item)
                if len(batch) >= batch_size:
                    report.unchanged += len(batch) - _write(st, batch)
                    log.generated(doc.iri for doc, _ in batch)
                    since_flush += len(batch)
                    batch.clear()
                    if since_flush >= FLUSH_EVERY:
                        st.flush()            # memory stays flat however many documents
                        since_flush = 0
            if batch:
                report.unchanged += len(batch) - _write(st, batch)
                log.generated(doc.iri for doc, _ in batch)
        for doc in copies:                            # their first copy is stored by now
            add_source(doc)
        from ..store.corrections import apply as apply_corrections

        apply_corrections(st)                         # analysts' corrections survive re-extraction
        log.end()
        st.flush()
        st.optimize()
        report.actors = len(actors)
        report.new_actors = len(minted)
        return report
    finally:
        if own:
            st.close()
