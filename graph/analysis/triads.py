"""Unbalanced triads: three actors whose ties multiply to a negative sign.

E.g. A allied with B, B allied with C, A hostile to C — a tension structural balance
expects to resolve. Above :data:`IGRAPH_FROM` ties the triangles are listed by igraph
(C); networkx-style set intersections in Python take seconds there.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from .camps import tie_record

__all__ = ["unbalanced_triads", "IGRAPH_FROM"]

IGRAPH_FROM = 50000


def _label(S: nx.Graph, n: Any) -> str:
    return str(S.nodes[n].get("label", n)) if n in S else str(n)


def _triangles(S: nx.Graph, edges: list[tuple[Any, Any]]):
    adj: dict[Any, set] = {}
    for u, v in edges:
        adj.setdefault(u, set()).add(v)
        adj.setdefault(v, set()).add(u)
    order = {n: k for k, n in enumerate(sorted(adj, key=lambda n: (len(adj[n]), str(n))))}
    higher = {n: {m for m in adj[n] if order[m] > order[n]} for n in adj}
    for a in adj:
        for b in higher[a]:
            for c in higher[a] & higher[b]:
                yield a, b, c


def _triangles_igraph(S: nx.Graph):
    """Triangles listed by igraph on the shared signed graph (see centrality.signed_igraph)."""
    from .centrality import signed_igraph

    nodes, g = signed_igraph(S)
    for a, b, c in g.list_triangles():
        yield nodes[a], nodes[b], nodes[c]


def unbalanced_triads(S: nx.Graph, *, top: int = 10) -> dict[str, Any]:
    """Counts of balanced and unbalanced triangles and the heaviest unbalanced ones, each tie with evidence.

    Returns ``{unbalanced_count, balanced_count, triads}``; a triad is ``{actors, iris,
    signs, weight, ties}`` with signs of (a–b, b–c, a–c) and ``ties`` the three tie records.
    """
    if S.number_of_edges() >= IGRAPH_FROM:
        found = _triangles_igraph(S)
    else:
        found = _triangles(S, [(u, v) for u, v, d in S.edges(data=True) if u != v and (d.get("weight") or 0) > 0])
    unbalanced: list[tuple[float, tuple]] = []
    balanced = 0
    for a, b, c in found:
        sab, sbc, sac = S[a][b]["sign"], S[b][c]["sign"], S[a][c]["sign"]
        if sab * sbc * sac < 0:
            unbalanced.append((S[a][b]["weight"] + S[b][c]["weight"] + S[a][c]["weight"], (a, b, c)))
        else:
            balanced += 1
    unbalanced.sort(key=lambda x: (-x[0], sorted(_label(S, n) for n in x[1])))
    triads = []
    for w, (a, b, c) in unbalanced[:top]:
        triads.append({"actors": [_label(S, a), _label(S, b), _label(S, c)], "iris": [str(a), str(b), str(c)],
                       "signs": [S[a][b]["sign"], S[b][c]["sign"], S[a][c]["sign"]], "weight": w,
                       "ties": [tie_record(S, a, b), tie_record(S, b, c), tie_record(S, a, c)]})
    return {"unbalanced_count": len(unbalanced), "balanced_count": balanced, "triads": triads}
