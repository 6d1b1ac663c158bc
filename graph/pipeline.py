"""The public Python API: each function is one job of the command line.

Every CLI command is a thin shell over one of these functions, so a notebook
can do the same work::

    from graph import pipeline
    report = pipeline.ingest(["examples/corpus"], store="actorgraph-store")
    with pipeline.open_store("actorgraph-store") as store:
        G = pipeline.network(store)
        print(pipeline.analyze(store).to_text())
        pipeline.render(store, "graph.html")
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from .analysis.core import Analysis
from .analysis.core import analyze as analyze_network
from .io.documents import read_documents
from .extract.extractor import Extractor, statement_record
from .model import Document, IngestReport, ReadFailure, Statement
from .network.build import build_network
from .report.render import render_html
from .errors import StoreError
from .store import open_store as _open_store
from .store.base import Store

__all__ = [
    "Store", "StoreError", "open_store", "extract", "extract_jsonl", "ingest", "query", "named_queries",
    "named_query", "remove", "actors", "stats",
    "export", "network", "analyze", "render", "ExtractReport", "ProgressCallback",
]

#: Called after each document with (documents done, documents in all or None, current source).
ProgressCallback = Callable[[int, int | None, str], None]


class ExtractReport(IngestReport):
    """Counts of an extraction run (same fields as :class:`IngestReport`)."""


def open_store(path: str | Path | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open (or create) a store: a directory (the embedded Oxigraph store) or a SPARQL service URL.

    ``path`` defaults to ``$ACTORGRAPH_STORE`` or ``./actorgraph-store``; see
    :func:`graph.store.open_store`.
    """
    return _open_store(path, read_only=read_only, create=create)


def _split(paths: Iterable[str | Path]) -> tuple[list[Document], list[ReadFailure]]:
    docs, failures = [], []
    for item in read_documents(paths):
        (failures if isinstance(item, ReadFailure) else docs).append(item)
    return docs, failures


def extract(paths: Iterable[str | Path], *, extractor: Extractor | None = None,
            failures: list[ReadFailure] | None = None,
            progress: ProgressCallback | None = None) -> Iterator[tuple[Document, list[Statement]]]:
    """Read the files (``.txt``, ``.html``, ``.jsonl`` or directories) and yield each document's statements.

    Files that cannot be read are appended to ``failures`` (when given) and skipped.
    """
    docs, bad = _split(paths)
    if failures is not None:
        failures.extend(bad)
    ex = extractor or Extractor()
    for n, (doc, statements) in enumerate(ex.extract_many(docs), 1):
        if progress:
            progress(n, len(docs), doc.source)
        yield doc, statements


def extract_jsonl(paths: Iterable[str | Path], out: IO[str], *, extractor: Extractor | None = None,
                  include_negated: bool = True, progress: ProgressCallback | None = None) -> ExtractReport:
    """Write one JSON object per extracted relation (the format of ``shared/eval/score.py``) to ``out``."""
    report = ExtractReport()
    actors: set[str] = set()
    for doc, statements in extract(paths, extractor=extractor, failures=report.failures, progress=progress):
        report.documents += 1
        for st in statements:
            if st.negated and not include_negated:
                continue
            out.write(json.dumps(statement_record(st), ensure_ascii=False) + "\n")
            report.statements += 1
            actors.update((st.subject.iri, st.object.iri))
    report.actors = len(actors)
    return report


def ingest(paths: Iterable[str | Path], store: Store | str | Path | None = None, *,
           extractor: Extractor | None = None, force: bool = False,
           progress: ProgressCallback | None = None) -> IngestReport:
    """Extract the files and store every document in its own named graph.

    A document is identified by its source (:attr:`Document.identity`: its path,
    URL or record id); a changed text at a stored source replaces the old one, and
    the same text under several sources is one document with every source, counted
    once. A text already stored is not extracted again (``force`` re-extracts it).
    Each document is written in one transaction, so a failure leaves every other
    document intact; the recorded corrections (:mod:`graph.store.corrections`) are
    re-applied, and the store is flushed at the end. Returns the counts and the failures.
    """
    own = not isinstance(store, Store)
    st = open_store(store) if own else store
    try:
        report = IngestReport()
        docs, bad = _split(paths)
        report.failures.extend(bad)
        todo: list[Document] = []
        copies: list[Document] = []      # the same text as a document before it in this run
        first: dict[str, Document] = {}
        for doc in docs:
            if doc.content_hash in first:
                copies.append(doc)
                continue
            first[doc.content_hash] = doc
            sources = [] if force else st.document_sources(doc.iri)
            if sources:                  # this text is stored: at most record one more source
                if doc.identity not in sources:
                    st.put_document(doc, None)
                report.unchanged += 1
                report.documents += 1
                if progress:
                    progress(report.documents, len(docs), doc.source)
            else:
                todo.append(doc)
        actors: set[str] = set()
        if todo:
            ex = extractor or Extractor()
            for doc, statements in ex.extract_many(todo):
                if not st.put_document(doc, statements):
                    report.unchanged += 1
                report.documents += 1
                report.statements += len(statements)
                actors.update(a for s in statements for a in (s.subject.iri, s.object.iri))
                if progress:
                    progress(report.documents, len(docs), doc.source)
        for doc in copies:               # one document, one more source; counted once
            st.put_document(doc, None)
        from .store.corrections import apply as apply_corrections
        apply_corrections(st)          # analysts' corrections survive re-extraction
        st.flush()
        report.actors = len(actors)
        return report
    finally:
        if own:
            st.close()


def query(store: Store, sparql: str, bindings: Mapping[str, Any] | None = None, *, union: bool = False):
    """Run a SPARQL query with bound values.

    The default graph holds what the articles say, each triple once; the ontology
    (``GRAPH <https://w3id.org/actorgraph/graph/ontology>``), the curated facts
    (``…/graph/curated``) and each document (its IRI) are named graphs.
    ``union=True`` adds the ontology, curated and corrections graphs to the default graph.
    """
    return store.query(sparql, bindings, union=union)


def named_queries() -> list:
    """The named queries (``graph/store/queries/named/*.rq``) with their parameters."""
    from .store.named import named_queries as _named

    return list(_named().values())


def named_query(store: Store, name: str, values: Mapping[str, str] | None = None):
    """Run a named query with the user's values (actor names resolve through the knowledge base)."""
    from .store.named import run_named

    return run_named(store, name, dict(values or {}))


def actors(store: Store, *, search: str | None = None, limit: int = 50) -> list[dict]:
    """Actors by number of statements, or those whose labels contain ``search``."""
    return store.actors(search=search, limit=limit)


def stats(store: Store) -> dict:
    """Counts of documents, statements, negated statements, actors, minted actors and per relation."""
    return store.stats()


def export(store: Store, out: str | Path | IO[bytes], fmt: str = "turtle") -> None:
    """Write the store as Turtle (graphs merged), N-Quads, TriG or JSON-LD (graphs kept) to a path or stream."""
    store.export(Path(out) if isinstance(out, str) else out, fmt)


def remove(store: Store, document: str) -> list[str]:
    """Remove a document by its IRI (``<…>``, ``https://…/id/doc/…`` or ``doc:…``) or by one
    of its sources (a path, URL or record id as ingested). A document that keeps other
    sources only loses this one. Returns the IRIs of the documents touched; raises
    :class:`~graph.errors.InputError` when nothing matches."""
    from .errors import InputError
    from .rdf.statements import PREFIXES
    from .store.named import resolve_term

    text = str(document).strip()
    term = resolve_term(text)
    if term is not None and str(term).startswith(PREFIXES["doc"]):
        touched = [str(term)] if store.remove_document(str(term)) else []
    else:
        touched = store.remove_source(text)
        if not touched and Path(text).exists():      # the same file named another way
            from .io.documents import path_key

            touched = store.remove_source(path_key(Path(text)))
    if not touched:
        raise InputError(f"no stored document has the IRI or source {text!r} "
                         "(list them: actorgraph query --name documents)")
    store.flush()
    return touched


def network(store: Store, **filters):
    """The actor network (networkx ``MultiDiGraph``) of the store; see :func:`graph.network.build_network`."""
    return build_network(store, **filters)


def analyze(store: Store, *, top: int = 10, period: str = "year", **filters) -> Analysis:
    """Blocs, most connected actors, brokers, patron chains, unbalanced triads and change over time."""
    return analyze_network(build_network(store, **filters), top=top, period=period)


def render(store: Store, out: str | Path, *, max_nodes: int = 250, title: str = "actorgraph",
           min_weight: int = 1, **filters) -> Path:
    """Write the interactive offline HTML graph of the store to ``out``."""
    return render_html(build_network(store, **filters), out, max_nodes=max_nodes, title=title, min_weight=min_weight)
