"""Who is central and who sits between camps: degree, PageRank, betweenness, camp brokers.

Small graphs go through networkx. Above :data:`IGRAPH_FROM` nodes PageRank and
betweenness run in igraph (C): networkx takes 5.9 s for PageRank and 1,056 s for
500-source sampled betweenness at 100k actors / 1 M ties, igraph 0.2 s and 20 s
(``shared/reference/stack-measurements.md``). Betweenness is exact up to
:data:`BETWEENNESS_EXACT_MAX` nodes and estimated from ``sample`` seeded sources above.
"""
from __future__ import annotations

import heapq
import random
from collections import defaultdict
from typing import Any

import networkx as nx
import numpy as np

from ..network.ties import gc_paused, tie_arrays
from .camps import Camps

__all__ = [
    "BETWEENNESS_EXACT_MAX",
    "IGRAPH_FROM",
    "betweenness",
    "brokers",
    "camp_brokers",
    "most_connected",
    "pagerank",
]

BETWEENNESS_EXACT_MAX = 1000
IGRAPH_FROM = 5000


def _label(G: nx.Graph, n: Any) -> str:
    return str(G.nodes[n].get("label", n)) if n in G else str(n)


def _row(G: nx.Graph, n: Any, **values: Any) -> dict[str, Any]:
    return {"iri": str(n), "label": _label(G, n), **values}


def most_connected(G: nx.MultiDiGraph, *, top: int = 10) -> list[dict[str, Any]]:
    """Actors by number of distinct counterparts (any relation)."""
    # counterparts from the adjacency dicts (successors and predecessors), not by walking every edge
    if G.is_directed():
        degree = {n: len((G.succ[n].keys() | G.pred[n].keys()) - {n}) for n in G}
    else:
        degree = {n: len(G.adj[n].keys() - {n}) for n in G}
    ranked = heapq.nsmallest(top, degree.items(), key=lambda x: (-x[1], _label(G, x[0])))
    return [_row(G, n, degree=k) for n, k in ranked if k]


def _positive_edges(S: nx.Graph) -> list[tuple[Any, Any, float]]:
    return [(u, v, float(d["weight"])) for u, v, d in S.edges(data=True) if d.get("sign", 0) > 0
            and (d.get("weight") or 0) > 0]


def signed_igraph(S: nx.Graph):
    """``(nodes, igraph Graph)`` of the weighted signed ties of ``S`` (edge attributes ``weight`` and
    ``sign``), built once per signed graph from its arrays (:func:`graph.network.signed.tie_arrays`)
    and kept in ``S.graph`` for the other analyses."""
    import igraph as ig

    t = tie_arrays(S)
    cached = S.graph.get("_igraph")
    if cached is not None and cached[0] is t:
        return cached[1], cached[2]
    g = ig.Graph(n=len(t.nodes), edges=np.column_stack([t.i, t.j]).tolist())   # lists: 2× faster than numpy
    g.es["weight"] = t.weight.tolist()
    g.es["sign"] = t.sign.tolist()
    S.graph["_igraph"] = (t, t.nodes, g)
    return t.nodes, g


def pagerank(S: nx.Graph, *, top: int = 10) -> list[dict[str, Any]]:
    """PageRank on the alliance (positive) ties, weighted: the centre of each camp ranks high."""
    if S.number_of_nodes() >= IGRAPH_FROM:
        nodes, g = signed_igraph(S)
        P = g.subgraph_edges(g.es.select(sign_gt=0), delete_vertices=False)
        scores, degree = P.pagerank(weights="weight"), P.degree()
        ranks = {nodes[k]: scores[k] for k in range(len(nodes)) if degree[k]}
    else:
        edges = _positive_edges(S)
        if not edges:
            return []
        P = nx.Graph()
        P.add_weighted_edges_from(edges)
        ranks = nx.pagerank(P, weight="weight")
    ranked = sorted(ranks.items(), key=lambda x: (-x[1], _label(S, x[0])))[:top]
    return [_row(S, n, score=s) for n, s in ranked]


def betweenness(S: nx.Graph, *, top: int = 10, sample: int = 200, seed: int = 0) -> tuple[list[dict], int | None]:
    """Betweenness on the signed ties taken as plain links; returns (ranked rows, sample size or None)."""
    if S.number_of_nodes() >= IGRAPH_FROM:
        nodes, g = signed_igraph(S)
        n = len(nodes)
        k = min(sample, n) if n > BETWEENNESS_EXACT_MAX else None
        sources = random.Random(seed).sample(range(n), k) if k else None
        raw = g.betweenness(directed=False, sources=sources)
        scale = (n / k if k else 1.0) / max((n - 1) * (n - 2) / 2, 1)
        scores = {nodes[i]: raw[i] * scale for i in range(n)}
    else:
        edges = [(u, v) for u, v, d in S.edges(data=True) if (d.get("weight") or 0) > 0]
        if not edges:
            return [], None
        n = len({x for e in edges for x in e})
        k = min(sample, n) if n > BETWEENNESS_EXACT_MAX else None
        U = nx.Graph()
        U.add_edges_from(edges)
        scores = nx.betweenness_centrality(U, k=k, seed=seed if k else None, normalized=True)
    ranked = sorted(((v, s) for v, s in scores.items() if s > 0), key=lambda x: (-x[1], _label(S, x[0])))
    return [_row(S, v, score=s) for v, s in ranked[:top]], k


@gc_paused()
def camp_brokers(S: nx.Graph, camps: Camps, *, top: int = 10) -> list[dict[str, Any]]:
    """Actors with alliance ties into more than one camp, or both alliance and hostility across camps.

    A tie's alliance and hostility parts are read separately (``positive`` and
    ``negative`` of the signed view): Iraq's government, allied with the United States
    in some reports and hostile in others while allied with Iran, is a broker even
    though its net tie to the United States is hostile.

    Each row: ``iri, label, camp`` (None when unaligned), ``allied_camps`` and
    ``hostile_camps`` ({camp index: weight}) and ``score`` — the weight of its
    second-strongest allied camp (how evenly it leans), plus the cross-camp weight
    when it is both allied and hostile across camps.
    """
    if len(S) >= IGRAPH_FROM:
        return _camp_brokers_arrays(S, camps, top)
    out = []
    for n in S:
        allied: dict[int, float] = defaultdict(float)
        hostile: dict[int, float] = defaultdict(float)
        for m, d in S[n].items():
            c = camps.camp_of.get(str(m))
            if c is None or not (d.get("weight") or 0):
                continue
            # both parts of a tie count: an actor allied with X in some articles and hostile in others
            pos, neg = d.get("positive"), d.get("negative")
            if pos is None and neg is None:
                pos, neg = (d["weight"], 0.0) if d.get("sign", 0) > 0 else (0.0, d["weight"])
            if pos:
                allied[c] += float(pos)
            if neg:
                hostile[c] += float(neg)
        own = camps.camp_of.get(str(n))
        camps_allied = set(allied) | ({own} if own is not None else set())
        across_allied = {c for c in allied if c != own}
        across_hostile = {c for c in hostile if c != own}
        many = len(camps_allied) > 1 and (own is not None or len(allied) > 1)
        mixed = bool(across_allied) and bool(across_hostile)
        if not (many or mixed):
            continue
        strengths = sorted(allied.values(), reverse=True)
        score = (strengths[1] if len(strengths) > 1 else strengths[0] if own is not None and across_allied
                 else 0.0)
        if mixed:
            score += min(sum(allied[c] for c in across_allied), sum(hostile[c] for c in across_hostile))
        out.append(_row(S, n, camp=own, allied_camps=dict(sorted(allied.items())),
                        hostile_camps=dict(sorted(hostile.items())), score=round(score, 6),
                        reason="allied with several camps" if many and not mixed else
                        "allied and hostile across camps" if mixed and not many else
                        "allied with several camps, hostile across camps"))
    out.sort(key=lambda r: (-r["score"], r["label"]))
    return out[:top]


def _camp_brokers_arrays(S: nx.Graph, camps: Camps, top: int) -> list[dict[str, Any]]:
    """:func:`camp_brokers` on the tie arrays, vectorised: the loop over every actor's ties took 4 s at
    100k actors. Same rule and score; sums over an actor's ties are added in another order."""
    t = tie_arrays(S)
    n, k = len(t.nodes), len(camps.camps)
    if n == 0 or k == 0:
        return []
    camp = np.array([camps.camp_of.get(str(x), -1) for x in t.nodes], dtype=np.int64)
    actor = np.concatenate([t.i, t.j])                   # each tie seen from both ends
    other = camp[np.concatenate([t.j, t.i])]
    pos, neg = np.tile(t.positive, 2), np.tile(t.negative, 2)
    ok = other >= 0
    cell = actor[ok] * k + other[ok]
    allied = np.bincount(cell, weights=pos[ok], minlength=n * k).reshape(n, k)
    hostile = np.bincount(cell, weights=neg[ok], minlength=n * k).reshape(n, k)
    own = camp
    mine = np.zeros((n, k), dtype=bool)
    mine[np.flatnonzero(own >= 0), own[own >= 0]] = True
    is_allied, is_hostile = allied > 0, hostile > 0
    across_allied, across_hostile = is_allied & ~mine, is_hostile & ~mine
    many = ((is_allied | mine).sum(axis=1) > 1) & ((own >= 0) | (is_allied.sum(axis=1) > 1))
    mixed = across_allied.any(axis=1) & across_hostile.any(axis=1)
    strengths = -np.sort(-allied, axis=1)
    count = is_allied.sum(axis=1)
    score = np.where(count > 1, strengths[:, 1] if k > 1 else 0.0,
                     np.where((own >= 0) & across_allied.any(axis=1), strengths[:, 0], 0.0))
    score = score + np.where(mixed, np.minimum(np.where(across_allied, allied, 0).sum(axis=1),
                                               np.where(across_hostile, hostile, 0).sum(axis=1)), 0.0)
    score = np.round(score, 6)
    chosen = np.flatnonzero(many | mixed)
    if len(chosen) > top:          # every actor scoring as high as the top-th one (ties sort by label)
        cut = np.partition(score[chosen], len(chosen) - top)[len(chosen) - top]
        chosen = chosen[score[chosen] >= cut]
    out = []
    for x in chosen.tolist():
        m, mx = bool(many[x]), bool(mixed[x])
        out.append(_row(S, t.nodes[x], camp=int(own[x]) if own[x] >= 0 else None,
                        allied_camps={c: float(allied[x, c]) for c in np.flatnonzero(is_allied[x]).tolist()},
                        hostile_camps={c: float(hostile[x, c]) for c in np.flatnonzero(is_hostile[x]).tolist()},
                        score=float(score[x]),
                        reason="allied with several camps" if m and not mx else
                        "allied and hostile across camps" if mx and not m else
                        "allied with several camps, hostile across camps"))
    out.sort(key=lambda r: (-r["score"], r["label"]))
    return out[:top]


def brokers(S: nx.Graph, camps: Camps, *, top: int = 10, sample: int = 200, seed: int = 0) -> dict[str, Any]:
    """Camp brokers, with betweenness and alliance PageRank beside them (plain data)."""
    between, k = betweenness(S, top=top, sample=sample, seed=seed)
    return {"brokers": camp_brokers(S, camps, top=top), "betweenness": between, "betweenness_sampled": k,
            "pagerank": pagerank(S, top=top)}
