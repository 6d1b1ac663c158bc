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
from .io.documents import read_documents
from .extract.extractor import Extractor, statement_record
from .model import Document, IngestReport, ReadFailure, Statement
from .network.build import build_network
from .report.render import render_html
from .errors import StoreError
from .store.oxigraph import Store

__all__ = [
    "Store", "StoreError", "open_store", "extract", "extract_jsonl", "ingest", "query", "actors", "stats",
    "export", "network", "analyze", "render", "ExtractReport", "ProgressCallback",
    "analysis_network", "signed", "camps", "brokers", "chains", "triads", "hostility", "compare",
    "analyze_and_render", "export_network", "report",
]

#: Called after each document with (documents done, documents in all or None, current source).
ProgressCallback = Callable[[int, int | None, str], None]


class ExtractReport(IngestReport):
    """Counts of an extraction run (same fields as :class:`IngestReport`)."""


def open_store(path: str | Path | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open (or create) the embedded store; ``path`` defaults to ``$ACTORGRAPH_STORE`` or ``./actorgraph-store``."""
    return Store(path, read_only=read_only, create=create)


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

    A document whose text is unchanged since it was stored is skipped (``force``
    re-extracts it). Each document is written in one transaction, so a failure
    leaves every other document intact. Returns the counts and the failures.
    """
    own = not isinstance(store, Store)
    st = open_store(store) if own else store
    try:
        report = IngestReport()
        docs, bad = _split(paths)
        report.failures.extend(bad)
        todo = []
        for doc in docs:
            if not force and st.document_hash(doc.iri) == doc.content_hash:
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
        report.actors = len(actors)
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

    result = analyze_network(filter_network(G), top=top)
    extracted = G.copy()
    extracted.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                                 if d.get("curated") and not d.get("evidence")])
    extracted.remove_nodes_from([n for n in list(extracted) if extracted.degree(n) == 0])
    return result, render_html(extracted, out)


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
           min_weight: int = 1, **filters) -> Path:
    """Write the interactive offline HTML graph of the store to ``out``."""
    return render_html(build_network(store, **filters), out, max_nodes=max_nodes, title=title, min_weight=min_weight)


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
