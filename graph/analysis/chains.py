"""Patron–client chains: who backs whom, through which organisations, and whom the clients hit.

A *client → patron* hop is one of the upward relations :data:`UPWARD` (``backedBy``,
``partOf``, ``memberOf``, ``leaderOf``: a client is backed by, part of, a member of,
or a leader of its patron). :func:`patron_tree` lists, for one patron, every client
reachable downwards within ``depth`` hops and every path it is reached by (Kataib
Hezbollah directly, and through the IRGC), each hop with its evidence; then the
indirect hostility: a client's hostile ties to actors outside the patron's tree
(patron → client → attacks → target). :func:`patron_chains` keeps the overview of
the longest chains. Relation names are checked against the ontology.
"""
from __future__ import annotations

import heapq
from typing import Any

import networkx as nx

from ..errors import InputError
from ..network.ties import gc_paused
from ..vocab import Rel

__all__ = ["MAX_PATHS", "UPWARD", "patron_chains", "patron_tree", "resolve_actor"]

#: Relations read as client → patron, upward.
UPWARD = tuple(str(r) for r in (Rel.backedBy, Rel.partOf, Rel.memberOf, Rel.leaderOf))
MAX_PATHS = 20000
#: Longest chain listed (hops): real patronage runs a few levels deep.
MAX_CHAIN = 6
EVIDENCE_PER_HOP = 3


def _label(G: nx.Graph, n: Any) -> str:
    return str(G.nodes[n].get("label", n)) if n in G else str(n)


def resolve_actor(G: nx.MultiDiGraph, name: str) -> str:
    """An actor IRI from an IRI, a label or alias in the knowledge base, or a label in ``G``."""
    if name in G:
        return name
    from ..kb.knowledge_base import load_knowledge_base

    actor = load_knowledge_base().by_label(name)
    if actor is not None and actor.iri in G:
        return actor.iri
    key = name.strip().casefold()
    hits = sorted(n for n in G if _label(G, n).casefold() == key)
    if len(hits) == 1:
        return hits[0]
    if actor is not None:
        raise InputError(f"actor {name!r} ({actor.label}) has no relations in this network")
    raise InputError(f"unknown actor {name!r}: give a label, an alias or an actor IRI")


def _hop(G: nx.MultiDiGraph, u: Any, v: Any, rel: str) -> dict[str, Any]:
    d = G.edges[u, v, rel]
    return {"client": str(u), "client_label": _label(G, u), "relation": rel, "patron": str(v),
            "patron_label": _label(G, v), "weight": d.get("weight", 0), "documents": d.get("documents", 0),
            "curated": bool(d.get("curated")), "evidence": [
                {k: ev.get(k) for k in ("sentence", "title", "date", "source", "url", "confidence", "document")}
                for ev in (d.get("evidence") or [])[:EVIDENCE_PER_HOP]]}


def _upward(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for u, v, k in G.edges(keys=True):
        if k in UPWARD and u != v:
            H.add_edge(u, v, key=k)
    return H


def patron_tree(G: nx.MultiDiGraph, patron: str, *, depth: int = 4, top: int = 50) -> dict[str, Any]:
    """Every client of ``patron`` within ``depth`` upward hops, each path with its evidence, and indirect hostility."""
    p = resolve_actor(G, patron)
    H = _upward(G)
    paths: list[list[tuple[Any, Any, str]]] = []
    if p in H:
        stack: list[tuple[Any, list]] = [(p, [])]
        while stack and len(paths) < MAX_PATHS:
            node, path = stack.pop()
            seen = {p} | {h[0] for h in path}
            for client, _, rel in sorted(H.in_edges(node, keys=True), key=lambda e: (str(e[0]), e[2])):
                if client in seen:
                    continue
                hop_path = [(client, node, rel)] + path      # client → … → patron
                paths.append(hop_path)
                if len(hop_path) < depth:
                    stack.append((client, hop_path))
    by_client: dict[str, list] = {}
    for path in paths:
        by_client.setdefault(str(path[0][0]), []).append(path)
    clients = []
    for c, cpaths in by_client.items():
        cpaths.sort(key=lambda ph: (len(ph), [h[2] for h in ph], [str(h[1]) for h in ph]))
        clients.append({"iri": c, "label": _label(G, c), "depth": len(cpaths[0]), "paths": [
            {"labels": [_label(G, h[0]) for h in ph] + [_label(G, p)],
             "iris": [str(h[0]) for h in ph] + [str(p)], "relations": [h[2] for h in ph],
             "hops": [_hop(G, *h) for h in ph]} for ph in cpaths[:10]]})
    clients.sort(key=lambda c: (c["depth"], c["label"]))
    tree = {str(p)} | set(by_client)
    hostility = []
    for c in [p, *sorted(by_client)]:
        for _, target, rel, d in G.out_edges(c, keys=True, data=True):
            if (d.get("polarity") or 0) < 0 and d.get("kind") == "hostility" and str(target) not in tree:
                via = by_client.get(str(c), [[]])[0]
                hostility.append({"patron": str(p), "patron_label": _label(G, p), "client": str(c),
                                  "client_label": _label(G, c), "via": [_label(G, h[0]) for h in via],
                                  "relation": rel, "target": str(target), "target_label": _label(G, target),
                                  "hop": _hop(G, c, target, rel)})
    hostility.sort(key=lambda h: (-h["hop"]["weight"], h["client_label"], h["relation"], h["target_label"]))
    return {"patron": str(p), "patron_label": _label(G, p), "clients": clients[:top],
            "client_count": len(clients), "indirect_hostility": hostility[:top],
            "indirect_hostility_count": len(hostility)}


@gc_paused()
def patron_chains(G: nx.MultiDiGraph, *, top: int = 10, min_length: int = 2, max_length: int = MAX_CHAIN,
                  relations: tuple[str, ...] = UPWARD) -> list[dict[str, Any]]:
    """Maximal client → patron → patron's patron paths, longest first (then by total weight).

    A chain starts at an actor with no client of its own (or anywhere on a cycle with no
    way in) and is extended until no new patron can be added; each is
    ``{labels, iris, relations, length, weight}``, at most ``max_length`` hops (a chain
    that could go on is cut there). Enumeration is bounded by :data:`MAX_PATHS`.
    """
    # Plain dicts and scipy's strongly connected components rather than a networkx DiGraph and
    # nx.condensation: 270k upward relations at scale took 5 s to copy and condense, now < 1 s.
    best: dict[tuple[Any, Any], tuple[float, str]] = {}      # (client, patron) → (heaviest weight, its relation)
    succ: dict[Any, list] = {}
    for u, nbrs in G.adj.items():
        for v, keyed in nbrs.items():
            if u == v:
                continue
            for key, d in keyed.items():
                if key in relations:
                    w = d.get("weight", 1) or 1
                    old = best.get((u, v))
                    if old is None:
                        succ.setdefault(u, []).append(v)
                    if old is None or old[0] < w:
                        best[(u, v)] = (w, key)
    if len(best) < min_length:
        return []
    starts = _sources(best)
    found: dict[tuple, int] = {}
    explored = 0
    for start in sorted(starts, key=str):
        stack: list[tuple[Any, tuple, int]] = [(start, (start,), 0)]
        while stack and explored < MAX_PATHS:
            node, path, weight = stack.pop()
            explored += 1
            nxt = [q for q in succ.get(node, ()) if q not in path] if len(path) <= max_length else []
            if not nxt:
                if len(path) - 1 >= min_length:
                    found[path] = weight
                continue
            for q in nxt:
                stack.append((q, path + (q,), weight + best[(node, q)][0]))
    chains = heapq.nsmallest(top, found.items(), key=lambda x: (-len(x[0]), -x[1], [str(n) for n in x[0]]))
    chains.sort(key=lambda x: (-len(x[0]), -x[1], [_label(G, n) for n in x[0]]))
    return [{"labels": [_label(G, n) for n in path], "iris": [str(n) for n in path],
             "relations": [best[(a, b)][1] for a, b in zip(path, path[1:])],
             "length": len(path) - 1, "weight": w} for path, w in chains[:top]]


def _sources(best: dict[tuple[Any, Any], Any]) -> list[Any]:
    """Where chains start: actors no one is a client of, and every member of a cycle with no way in."""
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    index: dict[Any, int] = {}
    for u, v in best:
        index.setdefault(u, len(index))
        index.setdefault(v, len(index))
    nodes = list(index)
    src = np.fromiter((index[u] for u, _ in best), dtype=np.int64, count=len(best))
    dst = np.fromiter((index[v] for _, v in best), dtype=np.int64, count=len(best))
    n = len(nodes)
    _, comp = connected_components(sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n)),
                                   directed=True, connection="strong")
    entered = np.zeros(n, dtype=bool)               # components with a relation coming in from outside
    entered[comp[dst[comp[src] != comp[dst]]]] = True
    size = np.bincount(comp, minlength=n)
    keep = ~entered[comp] & ((size[comp] > 1) | (np.bincount(dst, minlength=n) == 0))
    return [nodes[k] for k in np.flatnonzero(keep).tolist()]
