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
from .io.documents import ReadOptions, count_documents, read_documents
from .extract.extractor import Extractor, statement_record
from .model import Document, IngestReport, ReadFailure, Statement
from .network.build import build_network
from .parallel import extract_stream
from .report.render import render_html
from .errors import StoreError
from .store.oxigraph import Store

__all__ = [
    "Store", "StoreError", "open_store", "extract", "extract_jsonl", "ingest", "query", "actors", "stats",
    "export", "network", "analyze", "render", "ExtractReport", "ProgressCallback", "ReadOptions",
]

#: Documents written to the store per batch.
BATCH_SIZE = 64
#: Documents written between two flushes of the embedded store's memory table: RocksDB
#: otherwise keeps every write of the run in memory (+0.23 MB per document, measured).
FLUSH_EVERY = 512

#: Called after each document with (documents done, documents in all or None, current source).
ProgressCallback = Callable[[int, int | None, str], None]


class ExtractReport(IngestReport):
    """Counts of an extraction run (same fields as :class:`IngestReport`)."""


def open_store(path: str | Path | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open (or create) the embedded store; ``path`` defaults to ``$ACTORGRAPH_STORE`` or ``./actorgraph-store``."""
    return Store(path, read_only=read_only, create=create)


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
    """Write one batch and return how many documents were written: the store's batch writer
    (``put_documents``) when it has one, else one ``put_document`` per document."""
    put_many = getattr(store, "put_documents", None)
    if callable(put_many):
        written = put_many(batch)
        return written if isinstance(written, int) else sum(map(bool, written))
    return sum(bool(store.put_document(doc, statements)) for doc, statements in batch)


def _flush_memory(store: Store) -> None:
    """Move the embedded store's in-memory writes to its files (not a compaction), so that
    memory stays flat however many documents an ingest writes."""
    ox = getattr(store, "_ox", None)          # the pyoxigraph store inside the embedded store
    if ox is not None and callable(getattr(ox, "flush", None)):
        ox.flush()


def ingest(paths: Iterable[str | Path], store: Store | str | Path | None = None, *,
           extractor: Extractor | None = None, force: bool = False,
           progress: ProgressCallback | None = None, jobs: int | None = None,
           options: ReadOptions | None = None, batch_size: int = BATCH_SIZE) -> IngestReport:
    """Extract the files and store every document in its own named graph.

    Streams the documents through extraction on ``jobs`` processes (default: all
    cores) while this process alone writes to the store, ``batch_size`` documents
    at a time. A document whose content hash is already stored is skipped before
    it is parsed (``force`` re-extracts it), so an interrupted ingest resumes
    where it stopped; the same text under a second name is one document, counted
    once (its other sources are listed in ``report.sources``). Returns the counts
    and the failures, each a one-line reason naming its file.
    """
    own = not isinstance(store, Store)
    st = open_store(store) if own else store
    report = IngestReport()
    try:
        stored = set() if force else _stored_hashes(st)
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
                if h in first_source:                 # the same text earlier in this run
                    report.duplicates += 1
                    report.documents += 1
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
        batch: list[tuple[Document, list[Statement]]] = []

        since_flush = 0

        def flush() -> None:
            nonlocal since_flush
            if batch:
                report.unchanged += len(batch) - _write(st, batch)
                since_flush += len(batch)
                batch.clear()
            if since_flush >= FLUSH_EVERY:
                _flush_memory(st)
                since_flush = 0

        for doc, result in extract_stream(todo(), jobs=jobs, extractor=extractor):
            if isinstance(result, str):
                report.failures.append(ReadFailure(doc.source, result))
            else:
                report.documents += 1
                batch.append((doc, result))
                report.statements += len(result)
                report.undated += doc.date is None
                report.words += len(doc.text.split())
                for s in result:
                    for actor in (s.subject, s.object):
                        actors.add(actor.iri)
                        if actor.minted:
                            minted.add(actor.iri)
                if len(batch) >= batch_size:
                    flush()
            tick(doc.source)
        flush()
        for doc in copies:                            # their first copy is stored by now
            add_source(doc)
        if callable(getattr(st, "flush", None)):
            st.flush()
        report.actors = len(actors)
        report.new_actors = len(minted)
        return report
    finally:
        if own:
            st.close()


def query(store: Store, sparql: str, bindings: Mapping[str, Any] | None = None):
    """Run a SPARQL query (the default graph is the union of all graphs) with bound values."""
    return store.query(sparql, bindings)


def actors(store: Store, *, search: str | None = None, limit: int = 50) -> list[dict]:
    """Actors by number of statements, or those whose labels contain ``search``."""
    return store.actors(search=search, limit=limit)


def stats(store: Store) -> dict:
    """Counts of documents, statements, negated statements, actors, minted actors and per relation."""
    return store.stats()


def export(store: Store, out: str | Path | IO[bytes], fmt: str = "turtle") -> None:
    """Write the store as Turtle (graphs merged), N-Quads, TriG or JSON-LD (graphs kept) to a path or stream."""
    store.export(Path(out) if isinstance(out, str) else out, fmt)


def network(store: Store, **filters):
    """The actor network (networkx ``MultiDiGraph``) of the store; see :func:`graph.network.build_network`."""
    return build_network(store, **filters)


def analyze(store: Store, *, top: int = 10, period: str = "year", **filters) -> Analysis:
    """Blocs, most connected actors, brokers, patron chains, unbalanced triads and change over time."""
    return analyze_network(build_network(store, **filters), top=top, period=period)


def render(store: Store, out: str | Path, *, max_nodes: int = 250, title: str = "actorgraph",
           min_weight: int = 1, fmt: str | None = None, shown_relations: Iterable[str] | None = None,
           camp: int | str | None = None, focus: str | None = None, depth: int = 1, **filters) -> Path:
    """Write the network of the store to ``out``: the interactive offline HTML page, or a PNG/SVG picture.

    ``fmt`` is ``html``, ``png`` or ``svg`` (default: from the file name). Actors are
    coloured by camp; ``shown_relations`` (names or kinds), ``min_weight``, ``camp`` and
    ``focus``/``depth`` narrow what is drawn; ``filters`` go to :func:`build_network`.
    """
    from .report.render import render_static

    G = build_network(store, **filters)
    camps, names = _camps(G)
    options = dict(title=title, camps=camps, camp_names=names, aliases=_aliases(G), min_weight=min_weight,
                   relations=shown_relations, camp=camp, focus=focus, depth=depth)
    fmt = (fmt or Path(out).suffix.lstrip(".") or "html").lower()
    if fmt not in ("html", "htm", "png", "svg"):
        raise ValueError(f"{out}: the output file name must end in .html, .png or .svg")
    if fmt in ("html", "htm"):
        return render_html(G, out, max_nodes=max_nodes, **options)
    return render_static(G, out, fmt=fmt, **options)


#: Time the exact camp solver may take for a render (see :func:`_camps`).
RENDER_CAMPS_SECONDS = 2.0


def _camps(G) -> tuple[dict, list[str] | None]:
    """Camps of the network by structural balance (``analysis.camps``), else Louvain blocs.

    A person the organisation view rolls up (a leader or member) is drawn in the camp
    of the organisation it speaks for.
    """
    try:
        from .analysis.camps import find_camps  # type: ignore[import-not-found]
        from .network.signed import signed_view  # type: ignore[import-not-found]
    except ImportError:  # before the analysis branch: Louvain blocs of the plain signed graph
        from .analysis.core import find_blocs
        from .network.build import signed_graph

        blocs, _ = find_blocs(signed_graph(G), top=12)
        return {iri: i for i, b in enumerate(blocs) for iri in b["iris"]}, None
    S = signed_view(G)
    # the exact solver proves small, near-balanced networks in well under a second; on a large
    # frustrated one it can run to its 60 s limit for the same partition the heuristic finds,
    # so the page gives it RENDER_CAMPS_SECONDS (`analyze camps` keeps the full limit)
    found = find_camps(S, time_limit=RENDER_CAMPS_SECONDS)
    camp_of = dict(found.camp_of)
    for person, organisation in S.graph.get("rolled_up", {}).items():
        if organisation in camp_of:
            camp_of.setdefault(person, camp_of[organisation])
    return camp_of, list(found.names)


def _aliases(G) -> dict[str, list[str]]:
    """Other names of each actor from the knowledge base (acronyms, alternative labels, demonyms)."""
    from .kb.knowledge_base import load_knowledge_base

    kb = load_knowledge_base()
    return {n: list(a.labels[1:]) for n in G.nodes if (a := kb.get(n)) is not None and len(a.labels) > 1}
