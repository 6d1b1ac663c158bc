"""Extraction on every core: documents in, ``(document, statements or error)`` out, in order.

:func:`extract_stream` reads the documents lazily and keeps only a bounded
window of chunks in flight, so memory stays flat however long the stream is.
With ``jobs > 1`` each worker process loads its own
:class:`~graph.extract.extractor.Extractor` once (spaCy parse and rules both
run in the worker; only documents and statements cross between processes);
the caller stays the single writer. A stream shorter than
:data:`SMALL_STREAM` documents is extracted in this process, where starting
workers would cost more than it saves.

A document longer than :data:`PART_CHARS` characters is parsed in parts cut at
line breaks (else sentence ends, else spaces), so spaCy's 1,000,000-character
limit (E088) and its memory (about 1 GB per 100,000 characters) are never
reached; evidence offsets are shifted back into the whole text. A document
whose extraction raises comes back with the error as a one-line string, and
the rest of its chunk is extracted one document at a time. If a worker
process dies, the rest of the stream is extracted in this process.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import islice
import multiprocessing

from .model import Document, Evidence, Statement

__all__ = ["extract_stream", "default_jobs", "split_parts", "PART_CHARS", "CHUNK", "SMALL_STREAM"]

#: Characters per parser call; a longer document is parsed in parts.
PART_CHARS = 100_000
#: Documents per task sent to a worker.
CHUNK = 16
#: Fewer documents than this are extracted in this process.
SMALL_STREAM = 32

def default_jobs() -> int:
    """All cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                       # not Linux
        return max(1, os.cpu_count() or 1)


def split_parts(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """``text`` cut into ``(offset, part)`` of at most ``limit`` characters, at a line break,
    else after a sentence end, else at a space, else anywhere."""
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n", limit // 2)
        if cut < 0:
            cut = max(window.rfind(". ", limit // 2), window.rfind("? ", limit // 2), window.rfind("! ", limit // 2))
            cut = cut + 1 if cut >= 0 else window.rfind(" ", limit // 2)
        cut = cut + 1 if cut > 0 else limit
        parts.append((start, text[start:start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def _shift(statements: list[Statement], offset: int) -> list[Statement]:
    if not offset:
        return statements
    return [replace(st, evidence=Evidence(st.evidence.sentence, st.evidence.start + offset,
                                          st.evidence.end + offset)) for st in statements]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"extraction failed ({type(exc).__name__}{': ' + text if text else ''})"


def _extract_one(extractor, doc: Document) -> list[Statement] | str:
    try:
        if len(doc.text) <= PART_CHARS:
            return extractor.extract(doc)
        out: list[Statement] = []
        for offset, part in split_parts(doc.text, PART_CHARS):
            out.extend(_shift(extractor.extract(replace(doc, text=part)), offset))
        return out
    except Exception as exc:                     # noqa: BLE001 — one document fails, not the run
        return _one_line(exc)


def extract_chunk(extractor, docs: list[Document]) -> list[list[Statement] | str]:
    """Statements (or a one-line error) for each document of a chunk, in order."""
    if all(len(d.text) <= PART_CHARS for d in docs):
        try:
            return [statements for _, statements in extractor.extract_many(docs)]
        except Exception:                        # noqa: BLE001 — isolate the document that fails
            pass
    return [_extract_one(extractor, d) for d in docs]


# ---------------------------------------------------------------------------- worker processes

_WORKER_EXTRACTOR = None


def _init_worker() -> None:
    global _WORKER_EXTRACTOR
    from .extract.extractor import Extractor

    _WORKER_EXTRACTOR = Extractor()


def _work(docs: list[Document]) -> list[list[Statement] | str]:
    return extract_chunk(_WORKER_EXTRACTOR, docs)


def _chunks(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while True:
        chunk = list(islice(docs, size))
        if not chunk:
            return
        yield chunk


def extract_stream(documents: Iterable[Document], *, jobs: int | None = None, extractor=None,
                   chunk: int = CHUNK) -> Iterator[tuple[Document, list[Statement] | str]]:
    """``(document, statements)`` for each document in order; ``statements`` is a one-line
    error string when extraction failed for that document.

    ``jobs`` processes (default :func:`default_jobs`); an ``extractor`` given by
    the caller forces extraction in this process with it.
    """
    docs = iter(documents)
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    head = list(islice(docs, SMALL_STREAM))
    if extractor is not None or jobs == 1 or len(head) < SMALL_STREAM:
        if extractor is None:
            from .extract.extractor import Extractor

            extractor = Extractor()
        for batch in _chunks(_chain(head, docs), chunk):
            yield from zip(batch, extract_chunk(extractor, batch))
        return
    yield from _pooled(_chain(head, docs), jobs, chunk)


def _chain(head: list[Document], rest: Iterator[Document]) -> Iterator[Document]:
    yield from head
    yield from rest


def _pooled(docs: Iterator[Document], jobs: int, chunk: int) -> Iterator[tuple[Document, list | str]]:
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker)
    window: deque[tuple[list[Document], Future]] = deque()
    chunks = _chunks(docs, chunk)
    try:
        while True:
            while len(window) < 2 * jobs:
                batch = next(chunks, None)
                if batch is None:
                    break
                window.append((batch, pool.submit(_work, batch)))
            if not window:
                return
            batch, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, or a script without the
                # ``if __name__ == "__main__"`` guard that spawn needs): finish here.
                pool.shutdown(wait=False, cancel_futures=True)
                from .extract.extractor import Extractor

                extractor = Extractor()
                for lost in (batch, *(b for b, _ in window), *chunks):
                    yield from zip(lost, extract_chunk(extractor, lost))
                return
            yield from zip(batch, results)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
