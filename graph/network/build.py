"""RDF statements → a networkx actor network.

:func:`build_network` reads the reified statements (``ag:Statement`` with their
evidence and documents) through SPARQL files in ``graph/store/queries`` and folds them
into one :class:`networkx.MultiDiGraph` edge per (subject, relation, object).
:func:`signed_graph` collapses that network into an undirected graph whose edge
``sign`` says whether two actors are, on balance, friends (+1) or foes (−1).

Relation polarity, kind and symmetry come from the ontology through
:func:`graph.vocab.relations`; nothing here names a relation IRI.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import URIRef

from ..store.sparql import load_query
from ..vocab import AG, CURATED_GRAPH, RDFS, Relation, ontology_graph
from ..vocab import relations as vocab_relations

__all__ = ["build_network", "signed_graph", "EVIDENCE_CAP", "EVIDENCE_KEYS", "load_query"]

#: At most this many evidence records are kept on an edge (``weight`` still counts them all).
EVIDENCE_CAP = 20
#: The keys of every evidence record on an edge (an interface the page and reports read).
EVIDENCE_KEYS = ("sentence", "document", "title", "date", "confidence", "source", "url", "content_hash")

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------------------
# Query plumbing
# ---------------------------------------------------------------------------

def _rows(source: Any, name: str, bindings: Mapping[str, Any] | None = None) -> Iterator[tuple[str | None, ...]]:
    """Run a stored SELECT on ``source`` and yield each row as a tuple of plain strings (IRIs and
    lexical forms, None when unbound) in the order of its projection.

    ``source`` is the project's :class:`graph.store.Store` (read through
    :meth:`~graph.store.base.Store.select_rows`: no rdflib term is made) or an rdflib
    Graph/Dataset (``query(text, initBindings=...)``).
    """
    text = load_query(name)
    if _is_store(source):
        yield from source.select_rows(text, bindings)
    elif hasattr(source, "query"):
        for row in source.query(text, initBindings=dict(bindings or {})):
            yield tuple(None if t is None else str(t) for t in row)
    else:
        raise TypeError(f"cannot query {type(source).__name__}: pass an rdflib Dataset "
                        "(default_union=True) or a graph.store.Store")


def _is_store(source: Any) -> bool:
    try:  # imported lazily: the store module is optional for in-memory use
        from ..store.base import Store
    except Exception:  # noqa: BLE001 - absent or broken store module: not a Store then
        return False
    return isinstance(source, Store)


def _check_date(value: str | None, name: str, upper: bool) -> str | None:
    """Validate an ISO date bound; an ``until`` of ``2020`` or ``2020-05`` covers the whole period."""
    if value is None:
        return None
    value = str(value).strip()
    if not _DATE_RE.match(value):
        raise ValueError(f"{name}={value!r} is not an ISO date: use YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a real date") from None
    if upper and len(value) == 4:
        value += "-12-31"
    elif upper and len(value) == 7:
        value += "-31"
    return value


# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _class_depth() -> dict[str, int]:
    """Depth of each ontology class under ag:Actor, to pick an actor's most specific type."""
    g = ontology_graph()
    depth: dict[str, int] = {}

    def walk(cls: URIRef, seen: frozenset[URIRef]) -> int:
        parents = [p for p in g.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef) and p not in seen]
        return 1 + max((walk(p, seen | {p}) for p in parents), default=0)

    for cls in set(g.subjects(RDFS.subClassOf, None)):
        if str(cls).startswith(str(AG)):
            depth[str(cls)[len(str(AG)):]] = walk(cls, frozenset({cls}))
    return depth


@dataclass
class _ActorInfo:
    labels: dict[str, str] = field(default_factory=dict)   # language → label
    types: set[str] = field(default_factory=set)
    minted: bool = False

    def label(self, iri: str) -> str:
        for lang in ("en", ""):
            if lang in self.labels:
                return self.labels[lang]
        if self.labels:
            return sorted(self.labels.values())[0]
        return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri

    def type(self) -> str:
        if not self.types:
            return "Actor"
        depth = _class_depth()
        return max(sorted(self.types), key=lambda t: depth.get(t, 0))


def _actor_infos(source: Any) -> dict[str, _ActorInfo]:
    """Labels, types and minted flags of every actor.

    Three DISTINCT queries rather than one join: the union of the document graphs
    repeats an actor's triples once per document, so a join of label × type × minted
    yielded k² rows (k³ when minted) for an actor in k documents. Each query here
    returns one row per distinct fact, so the cost grows with the statements, linearly.
    """
    infos: dict[str, _ActorInfo] = {}
    for actor, label, lang in _rows(source, "network_labels.rq"):
        if label is not None:
            infos.setdefault(actor, _ActorInfo()).labels.setdefault(lang or "", label)
    ag = str(AG)
    for actor, t in _rows(source, "network_types.rq"):
        info = infos.get(actor)
        if info is not None and t and t.startswith(ag):
            info.types.add(t[len(ag):])
    for (actor,) in _rows(source, "network_minted.rq"):
        info = infos.get(actor)
        if info is not None:
            info.minted = True
    return infos


# ---------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------

def _edge_key(s: str, rel: Relation, o: str) -> tuple[str, str, str]:
    if rel.symmetric and o < s:
        s, o = o, s
    return s, o, rel.name


def build_network(source: Any, *, min_confidence: float = 0.0, since: str | None = None,
                  until: str | None = None, relations: Iterable[str] | None = None,
                  include_curated: bool = False) -> nx.MultiDiGraph:
    """Build the actor network from the statements in ``source``.

    ``source`` is an rdflib ``Dataset(default_union=True)`` (or any rdflib graph whose
    default graph is the union of the document graphs) or a :class:`graph.store.Store`.

    Only non-negated statements count. ``min_confidence`` drops statements below it;
    ``since`` / ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive) keep only
    statements dated in that range (the statement's date, else its document's);
    ``relations`` restricts to these relation local names (e.g. ``["backedBy"]``).

    Nodes are actor IRIs with ``label``, ``type`` (ontology class local name) and
    ``minted``. Each edge (subject, object, key=relation name) carries ``relation``,
    ``label``, ``polarity``, ``kind``, ``symmetric``, ``weight`` (number of supporting
    sentences), ``documents`` (distinct supporting articles), ``confidence`` (max),
    ``first_date``, ``last_date``, ``dates`` ({date: sentence count}), ``undated``
    (sentences without a date), ``evidence`` (up to :data:`EVIDENCE_CAP` dicts with the
    keys :data:`EVIDENCE_KEYS`, sorted by date; ``url`` is the source when it is an
    http(s) address) and ``curated``. A sentence repeated in one article counts once,
    and so do renamed copies of one article (same content hash). Symmetric relations are stored once per unordered
    pair, subject = the smaller IRI.

    ``include_curated=True`` adds the curated background facts (graph
    :data:`graph.vocab.CURATED_GRAPH`) as edges with ``curated=True`` (weight 1, no
    evidence, undated, not subject to the date or confidence filters) or marks the
    matching extracted edge ``curated=True``.
    """
    rels = vocab_relations()
    rels_by_iri = {str(r.iri): r for r in rels.values()}
    selected = _select_relations(rels, relations)

    lo, hi = _check_date(since, "since", False), _check_date(until, "until", True)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"since={since!r} is after until={until!r}")
    window = (lo if lo is not None else "0000", hi if hi is not None else "9999-12-31", lo is None and hi is None)
    acc = _evidence_by_edge(source, rels_by_iri, selected, float(min_confidence or 0.0), window)
    G = nx.MultiDiGraph()
    G.add_edges_from((s, o, name, _edge_attrs(rels[name], statements.values()))
                     for (s, o, name), statements in acc.items())

    if include_curated:
        _add_curated(G, source, rels_by_iri, selected)

    infos = _actor_infos(source) if G.number_of_nodes() else {}
    for node in G.nodes:
        info = infos.get(node, _ActorInfo())
        G.nodes[node].update(label=info.label(node), type=info.type(), minted=info.minted)
    return G


def _evidence_by_edge(source: Any, rels_by_iri: Mapping[str, Relation], selected: list[Relation] | None,
                      min_confidence: float, window: tuple[str, str, bool]) -> dict[tuple, dict[str, dict]]:
    """(subject, object, relation) → statement IRI → evidence record, for the statements kept.

    The facts come as flat rows (:file:`network_facts.rq`, one scan per predicate) and are
    joined here in dicts: the cost is one dict entry per fact, linear in the statements.
    A statement is kept when it is not negated, its confidence (none counts as 0) reaches
    ``min_confidence`` and its date (its own, else its document's, compared as text) is in
    ``window`` = (since, until, keep the undated). A field with several values takes the
    first read, as a join's first row would.
    """
    facts: dict[str, dict[str, str]] = {k: {} for k in (
        "subject", "predicate", "object", "confidence", "date", "sentence", "document", "title", "source", "hash")}
    evidence_of: dict[str, list[str]] = {}
    for x, field_, value in _rows(source, "network_facts.rq"):
        if field_ == "evidence":
            evidence_of.setdefault(x, []).append(value)
        else:
            facts[field_].setdefault(x, value)
    negated = {stmt for (stmt,) in _rows(source, "network_negated.rq")}
    order = [stmt for (stmt,) in _rows(source, "network_statements.rq") if stmt not in negated]
    predicate = facts["predicate"]
    if selected is not None:      # relation by relation, in the order asked
        by_relation: dict[str | None, list[str]] = {}
        for stmt in order:
            by_relation.setdefault(predicate.get(stmt), []).append(stmt)
        order = [stmt for rel in selected for stmt in by_relation.get(str(rel.iri), ())]
    since, until, keep_undated = window
    subject, obj, conf_of, date_of = facts["subject"], facts["object"], facts["confidence"], facts["date"]
    sentence_of, document_of = facts["sentence"], facts["document"]
    title_of, source_of, hash_of = facts["title"], facts["source"], facts["hash"]
    acc: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
    for stmt in order:
        rel = rels_by_iri.get(predicate.get(stmt))
        s, o = subject.get(stmt), obj.get(stmt)
        if rel is None or s is None or o is None:
            continue
        confidence = conf_of.get(stmt)
        try:
            confidence = None if confidence is None else float(confidence)
        except ValueError:          # not a number: SPARQL's comparison fails, the statement is dropped
            continue
        if not (confidence if confidence is not None else 0.0) >= min_confidence:
            continue
        own_date, rec = date_of.get(stmt), None
        for ev in evidence_of.get(stmt) or (None,):
            doc = document_of.get(ev) if ev is not None else None
            date = own_date if own_date is not None else (date_of.get(doc) if doc is not None else None)
            if not keep_undated if date is None else not since <= date <= until:
                continue
            if rec is None:
                rec = acc.setdefault(_edge_key(s, rel, o), {}).setdefault(stmt, dict.fromkeys(EVIDENCE_KEYS))
                rec["confidence"] = confidence
            for field_, value in (("sentence", sentence_of.get(ev) if ev is not None else None), ("document", doc),
                                  ("date", date), ("title", title_of.get(doc) if doc is not None else None),
                                  ("source", source_of.get(doc) if doc is not None else None),
                                  ("content_hash", hash_of.get(doc) if doc is not None else None)):
                if rec[field_] is None and value is not None:
                    rec[field_] = value
    return acc


def _finish_evidence(rec: dict[str, Any]) -> dict[str, Any]:
    src = rec.get("source")
    rec["url"] = src if isinstance(src, str) and src.lower().startswith(("http://", "https://")) else None
    return rec


def _dedupe(stmts: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """One record per (article, sentence), and the number of distinct articles.

    An article is its content hash when known (renamed copies of one article share
    it), else its document IRI; a sentence repeated in one article (a repeated
    paragraph) counts once. The earliest-dated, most confident record is kept.
    """
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for st in sorted(stmts, key=_evidence_order):
        article = st.get("content_hash") or st.get("document") or ""
        best.setdefault((article, st.get("sentence") or ""), _finish_evidence(st))
    articles = {a for a, _ in best}
    return list(best.values()), len(articles)


def _evidence_order(st: dict[str, Any]) -> tuple:
    return (st["date"] or "9999", -(st["confidence"] or 0.0), st["sentence"] or "", st["document"] or "")


def _select_relations(rels: Mapping[str, Relation], wanted: Iterable[str] | None) -> list[Relation] | None:
    if wanted is None:
        return None
    if isinstance(wanted, str):
        wanted = [wanted]
    out = []
    for name in wanted:
        if name not in rels:
            raise ValueError(f"unknown relation {name!r}; known: {', '.join(rels)}")
        out.append(rels[name])
    return out


def _per_relation(bindings: dict[str, Any], selected: list[Relation] | None) -> Iterator[dict[str, Any]]:
    if selected is None:
        yield bindings
        return
    for rel in selected:
        yield {**bindings, "p": rel.iri}


def _edge_attrs(rel: Relation, statements: Iterable[dict[str, Any]]) -> dict[str, Any]:
    stmts, articles = _dedupe(statements)
    dates: dict[str, int] = {}
    for st in stmts:
        if st["date"]:
            dates[st["date"]] = dates.get(st["date"], 0) + 1
    confidences = [st["confidence"] for st in stmts if st["confidence"] is not None]
    evidence = stmts[:EVIDENCE_CAP]
    return {
        "relation": rel.name,
        "label": rel.label,
        "polarity": rel.polarity,
        "kind": rel.kind,
        "symmetric": rel.symmetric,
        "weight": len(stmts),
        "documents": articles,
        "confidence": max(confidences) if confidences else None,
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "dates": dict(sorted(dates.items())),
        "undated": len(stmts) - sum(dates.values()),
        "evidence": [dict(ev) for ev in evidence],
        "curated": False,
    }


def _add_curated(G: nx.MultiDiGraph, source: Any, rels_by_iri: Mapping[str, Relation],
                 selected: list[Relation] | None) -> None:
    base = {"graph": URIRef(str(CURATED_GRAPH))}
    for b in _per_relation(base, selected):
        for s, p, o, _ in _rows(source, "network_curated.rq", b):
            rel = rels_by_iri.get(p)
            if rel is None:
                continue
            s, o, name = _edge_key(s, rel, o)
            if G.has_edge(s, o, key=name):
                G.edges[s, o, name]["curated"] = True
                continue
            attrs = _edge_attrs(rel, [])
            attrs.update(weight=1, confidence=1.0, curated=True)
            G.add_edge(s, o, key=name, **attrs)


def signed_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Collapse the network into an undirected signed graph.

    For every unordered pair of distinct actors, sums ``polarity × weight`` over the
    non-structural relations between them (structural and neutral relations count 0).
    Pairs whose sum is 0 get no edge; others get ``sign`` (+1/−1), ``weight`` = |sum|,
    ``positive`` and ``negative`` (the two parts of the sum). All nodes of ``G`` are
    kept with their attributes.
    """
    S = nx.Graph()
    S.add_nodes_from(G.nodes(data=True))
    pos: Counter[tuple[Any, Any]] = Counter()
    neg: Counter[tuple[Any, Any]] = Counter()
    for u, v, data in G.edges(data=True):
        if u == v or data.get("kind") == "structural":
            continue
        polarity = data.get("polarity") or 0
        if not polarity:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        amount = data.get("weight", 1) or 0
        (pos if polarity > 0 else neg)[pair] += abs(polarity) * amount
    for pair in set(pos) | set(neg):
        total = pos[pair] - neg[pair]
        if total:
            S.add_edge(*pair, sign=1 if total > 0 else -1, weight=abs(total),
                       positive=pos[pair], negative=neg[pair])
    return S
