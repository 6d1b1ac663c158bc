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

from .analysis.summary import Analysis
from .analysis.summary import analyze as analyze_network
from .io.documents import ReadOptions, count_documents, read_documents
from .extract.extractor import Extractor, statement_record
from .model import Document, IngestReport, ReadFailure, Statement
from .network.build import build_network
from .parallel import extract_stream
from .report.render import render_html
from .errors import StoreError
from .store import open_store as _open_store
from .store.base import Store

__all__ = [
    "Store", "StoreError", "open_store", "extract", "extract_jsonl", "ingest", "query", "named_queries",
    "named_query", "remove", "actors", "stats", "export", "network", "analyze", "render", "ExtractReport",
    "ProgressCallback", "ReadOptions", "analysis_network", "signed", "camps", "brokers", "chains", "triads",
    "hostility", "compare", "analyze_and_render", "export_network", "report",
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
    """Open (or create) a store: a directory (the embedded Oxigraph store) or a SPARQL service URL.

    ``path`` defaults to ``$ACTORGRAPH_STORE`` or ``./actorgraph-store``; see
    :func:`graph.store.open_store`.
    """
    return _open_store(path, read_only=read_only, create=create)


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

    A document is identified by its source (:attr:`Document.identity`: its path,
    URL or record id); a changed text at a stored source replaces the old one, and
    the same text under several sources is one document with every source, counted
    once. Streams the documents through extraction on ``jobs`` processes (default:
    all cores) while this process alone writes to the store, ``batch_size``
    documents at a time. A document whose content hash is already stored is
    skipped before it is parsed (``force`` re-extracts it), so an interrupted
    ingest resumes where it stopped. The recorded corrections
    (:mod:`graph.store.corrections`) are re-applied and the store is flushed at the
    end. Returns the counts and the failures, each a one-line reason naming its file.
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
        from .store.corrections import apply as apply_corrections

        apply_corrections(st)                         # analysts' corrections survive re-extraction
        st.flush()
        report.actors = len(actors)
        report.new_actors = len(minted)
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


#: Options of the signed view every analysis takes (besides the build filters).
VIEW_OPTIONS = ("view", "half_life_days", "min_evidence", "with_curated")


def analysis_network(store: Store, *, min_evidence: int = 1, with_curated: bool = False,
                     relations: Iterable[str] | None = None, **filters):
    """The network the analyses read: curated structure included, trimmed by evidence and relation.

    See :func:`graph.network.signed.filter_network`. ``filters`` go to
    :func:`graph.network.build.build_network` (``since``, ``until``, ``min_confidence``);
    ``relations`` is applied after the build, so the roll-up ties stay available.
    """
    from .network.signed import filter_network

    if relations:
        from .network.build import _select_relations
        from .vocab import relations as vocab_relations

        _select_relations(vocab_relations(), relations)          # unknown names fail here
    G = build_network(store, include_curated=True, **filters)
    return filter_network(G, min_evidence=min_evidence, relations=relations, with_curated=with_curated)


def signed(store: Store, *, view: str = "organisation", half_life_days: float | None = None,
           min_evidence: int = 1, with_curated: bool = False, **filters):
    """``(network, signed graph)`` for the analyses; see :func:`graph.network.signed.signed_view`."""
    from .network.signed import HALF_LIFE_DAYS, signed_view

    H = analysis_network(store, min_evidence=min_evidence, with_curated=with_curated, **filters)
    S = signed_view(H, view=view, half_life_days=HALF_LIFE_DAYS if half_life_days is None else half_life_days,
                    with_curated=with_curated)
    return H, S


def _split_options(options: dict) -> tuple[dict, dict]:
    view = {k: options.pop(k) for k in VIEW_OPTIONS if k in options}
    return view, options


def analyze(store: Store, *, top: int = 10, period: str = "year", seed: int = 0, **options) -> Analysis:
    """The overview: camps, hostility, centrality, brokers, chains, unbalanced triads, change over time.

    ``options``: the build filters (``since``, ``until``, ``min_confidence``, ``relations``)
    and the signed-view options (``view``, ``half_life_days``, ``min_evidence``, ``with_curated``).
    """
    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    G = analysis_network(store, min_evidence=view.get("min_evidence", 1),
                         with_curated=view.get("with_curated", False), relations=relations, **filters)
    return analyze_network(G, top=top, period=period, seed=seed, view=view.get("view", "organisation"),
                           half_life_days=_half_life(view), with_curated=view.get("with_curated", False))


def _half_life(view: dict):
    from .network.signed import HALF_LIFE_DAYS

    value = view.get("half_life_days")
    return HALF_LIFE_DAYS if value is None else (value or None)


def camps(store: Store, *, seed: int = 0, top: int = 50, **options) -> dict:
    """Camps by structural balance with the frustration and every frustrated tie (plain data)."""
    from .analysis.camps import find_camps, tie_record
    from .analysis.summary import camp_rows

    _, S = signed(store, **options)
    c = find_camps(S, seed=seed)
    return {"camps": camp_rows(c, S), "camp_of": c.camp_of,
            "unaligned": [{"iri": a, "label": c.labels.get(a, a)} for a in c.unaligned],
            "frustration": c.frustration, "frustration_index": c.index, "frustration_exact": c.exact,
            "frustration_lower_bound": c.lower_bound, "gap": c.gap, "camp_method": c.method,
            "frustrated": c.frustrated[:top] if top else c.frustrated, "frustrated_count": len(c.frustrated),
            "placed_by_structure": c.placed_by_structure,
            "curated_ties": [dict(tie_record(S, u, v), curated=True) for u, v, d in S.edges(data=True)
                             if d.get("curated")],
            "view": S.graph.get("view"), "rolled_up": S.graph.get("rolled_up", {})}


def brokers(store: Store, *, seed: int = 0, top: int = 10, **options) -> dict:
    """Actors between camps, betweenness and PageRank on alliance ties (plain data)."""
    from .analysis.camps import find_camps
    from .analysis.centrality import brokers as find_brokers

    _, S = signed(store, **options)
    c = find_camps(S, seed=seed, clusters=False)
    return {"camps": c.names, **find_brokers(S, c, top=top, seed=seed)}


def chains(store: Store, patron: str, *, depth: int = 4, top: int = 50, **options) -> dict:
    """Clients of ``patron`` (a label, alias or IRI) through backedBy / partOf / memberOf / leaderOf, with evidence."""
    from .analysis.chains import patron_tree

    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    G = analysis_network(store, min_evidence=view.get("min_evidence", 1),
                         with_curated=view.get("with_curated", False), relations=relations, **filters)
    return patron_tree(G, patron, depth=depth, top=top)


def triads(store: Store, *, top: int = 10, **options) -> dict:
    """Unbalanced triads with the evidence of each tie (plain data)."""
    from .analysis.triads import unbalanced_triads

    _, S = signed(store, **options)
    return unbalanced_triads(S, top=top)


def hostility(store: Store, *, seed: int = 0, top: int = 10, **options) -> dict:
    """The hostility / alliance matrix between camps and the most hostile pairs (plain data)."""
    from .analysis.camps import find_camps
    from .analysis.hostility import hostility as camp_hostility

    _, S = signed(store, **options)
    return camp_hostility(S, find_camps(S, seed=seed, clusters=False), top=top)


def compare(store: Store, before: tuple[str | None, str | None], after: tuple[str | None, str | None], *,
            seed: int = 0, top: int = 20, **options) -> dict:
    """Two periods ``(since, until)`` side by side: new and lost ties, sign flips, actors changing camp."""
    from .analysis.camps import find_camps
    from .analysis.timeline import compare as compare_periods

    options = {k: v for k, v in options.items() if k not in ("since", "until")}
    _, Sa = signed(store, since=before[0], until=before[1], **options)
    _, Sb = signed(store, since=after[0], until=after[1], **options)
    out = compare_periods(Sa, find_camps(Sa, seed=seed, clusters=False), Sb,
                          find_camps(Sb, seed=seed, clusters=False), top=top)
    out.update(before={"since": before[0], "until": before[1]}, after={"since": after[0], "until": after[1]})
    return out


def analyze_and_render(store: Store, out: str | Path, *, top: int = 10, **filters) -> tuple[Analysis, Path]:
    """What ``run`` prints and writes, from ONE network build: the overview and the HTML page."""
    G = build_network(store, include_curated=True, **filters)
    from .network.signed import filter_network

    H = filter_network(G)
    result = analyze_network(H, top=top)
    return result, _render_network(G, H, out)


def export_network(store: Store, out: str | Path, fmt: str, **options) -> Path:
    """Write the actor network as GraphML, GEXF or CSV (edges; nodes beside) with camps and weights."""
    from .network.export import write_network

    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    G = analysis_network(store, min_evidence=view.get("min_evidence", 1),
                         with_curated=view.get("with_curated", False), relations=relations, **filters)
    return write_network(G, out, fmt, view=view.get("view", "organisation"), half_life_days=_half_life(view),
                         with_curated=view.get("with_curated", False))


def render(store: Store, out: str | Path, *, max_nodes: int = 250, title: str = "actorgraph",
           min_weight: int = 1, fmt: str | None = None, shown_relations: Iterable[str] | None = None,
           camp: int | str | None = None, focus: str | None = None, depth: int = 1, **filters) -> Path:
    """Write the network of the store to ``out``: the interactive offline HTML page, or a PNG/SVG picture.

    ``fmt`` is ``html``, ``png`` or ``svg`` (default: from the file name). Actors are
    coloured by their camp in the analysis (:func:`camps`); ``shown_relations`` (names or
    kinds), ``min_weight``, ``camp`` and ``focus``/``depth`` narrow what is drawn;
    ``filters`` go to :func:`build_network`.
    """
    from .network.signed import filter_network

    G = build_network(store, include_curated=True, **filters)
    return _render_network(G, filter_network(G), out, max_nodes=max_nodes, title=title, min_weight=min_weight,
                           fmt=fmt, shown_relations=shown_relations, camp=camp, focus=focus, depth=depth)


#: Time the exact camp solver may take for a page (see :func:`_render_network`).
RENDER_CAMPS_SECONDS = 2.0


def _render_network(G, H, out: str | Path, *, max_nodes: int = 250, title: str = "actorgraph", min_weight: int = 1,
                    fmt: str | None = None, shown_relations: Iterable[str] | None = None,
                    camp: int | str | None = None, focus: str | None = None, depth: int = 1) -> Path:
    """Draw ``G`` (built with curated facts) coloured by the camps of its analysis network ``H``.

    Edges that only the curated facts hold are not drawn: the page shows what the articles
    say. A person the organisation view rolls up (a leader or member) is drawn in the camp
    of the organisation it speaks for.
    """
    from .analysis.camps import find_camps
    from .network.signed import signed_view
    from .report.render import render_static

    fmt = (fmt or Path(out).suffix.lstrip(".") or "html").lower()
    if fmt not in ("html", "htm", "png", "svg"):
        raise ValueError(f"{out}: the output file name must end in .html, .png or .svg")
    S = signed_view(H)
    # the exact solver proves small, near-balanced networks in well under a second; on a large
    # frustrated one it can run to its 60 s limit for the same partition the heuristic finds,
    # so the page gives it RENDER_CAMPS_SECONDS (`analyze camps` keeps the full limit)
    found = find_camps(S, time_limit=RENDER_CAMPS_SECONDS)
    camp_of = dict(found.camp_of)
    for person, organisation in S.graph.get("rolled_up", {}).items():
        if organisation in camp_of:
            camp_of.setdefault(person, camp_of[organisation])
    drawn = G.copy()
    drawn.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                             if d.get("curated") and not d.get("evidence")])
    drawn.remove_nodes_from([n for n in list(drawn) if drawn.degree(n) == 0])
    options = dict(title=title, camps=camp_of, camp_names=list(found.names), aliases=_aliases(drawn),
                   min_weight=min_weight, relations=shown_relations, camp=camp, focus=focus, depth=depth)
    if fmt in ("html", "htm"):
        return render_html(drawn, out, max_nodes=max_nodes, **options)
    return render_static(drawn, out, fmt=fmt, **options)


def _aliases(G) -> dict[str, list[str]]:
    """Other names of each actor from the knowledge base (acronyms, alternative labels, demonyms)."""
    from .kb.knowledge_base import load_knowledge_base

    kb = load_knowledge_base()
    return {n: list(a.labels[1:]) for n in G.nodes if (a := kb.get(n)) is not None and len(a.labels) > 1}


def report(store: Store, out: str | Path, *, top: int = 10, period: str = "year", seed: int = 0,
           title: str = "actorgraph report", **options) -> Path:
    """Write the overview's tables and plots (camps per period, the hostility heat map) to ``.html`` or ``.md``."""
    from .analysis.camps import find_camps
    from .network.signed import signed_view
    from .report.document import write_report
    from .report.plots import camps_over_time, camps_per_period, hostility_heatmap

    if Path(out).suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
        raise ValueError(f"{out}: the report is written as .html or .md")
    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    with_curated = view.get("with_curated", False)
    H = analysis_network(store, min_evidence=view.get("min_evidence", 1), with_curated=with_curated,
                         relations=relations, **filters)
    shape = {"view": view.get("view", "organisation"), "half_life_days": _half_life(view),
             "with_curated": with_curated}
    result = analyze_network(H, top=top, period=period, seed=seed, **shape)
    overall = find_camps(signed_view(H, **shape), seed=seed, clusters=False)
    rows = camps_per_period(H, overall, period=4 if period == "year" else 7, seed=seed, **shape)
    plots = {"camps": ("Camps per period", camps_over_time(rows, overall.names)),
             "hostility": ("Hostility between camps", hostility_heatmap(result.hostility_matrix))}
    return write_report(result.to_dict(), out, plots, title=title)
