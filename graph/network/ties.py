"""The signed ties of a signed view as arrays, shared by every analysis at scale.

:func:`tie_arrays` gives the ties of weight > 0 of a signed graph (from
:func:`graph.network.signed.signed_view`, or built by hand) as numpy arrays, in
``S.edges`` order, over the sorted actors that have one. Camps, brokers, hostility and
the igraph copy for centrality and triads read them instead of walking a million
networkx edge dicts again (1.5–3 s each walk at a million ties: the dicts are scattered
in memory). :func:`signed_view` hands them over as it builds the graph
(:func:`keep_arrays`), so even the first walk is saved.

``S`` is read-only once built: the arrays are rebuilt only when the number of actors or
of adjacency entries changes.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import networkx as nx
import numpy as np

__all__ = ["TieArrays", "gc_paused", "keep_arrays", "tie_arrays"]


@dataclass
class TieArrays:
    """Tie ``e`` joins ``nodes[i[e]]`` (``u`` of ``S.edges``) and ``nodes[j[e]]``, with ``sign`` ±1,
    ``weight`` > 0 and its ``positive`` / ``negative`` parts; ``nodes``: the actors with a tie, sorted."""

    nodes: list
    i: np.ndarray
    j: np.ndarray
    sign: np.ndarray
    weight: np.ndarray
    positive: np.ndarray
    negative: np.ndarray


def _key(S: nx.Graph) -> tuple[int, int]:
    """A cheap fingerprint of ``S``'s size (``number_of_edges`` walks the degree view: 0.4 s at 100k actors)."""
    return len(S), sum(map(len, S._adj.values()))      # the dicts themselves: S.adj wraps each in a view


def _arrays(nodes_u: list, nodes_v: list, sign: np.ndarray, weight: np.ndarray, pos: np.ndarray,
            neg: np.ndarray) -> TieArrays:
    nodes = sorted(set(nodes_u) | set(nodes_v))
    index = {n: k for k, n in enumerate(nodes)}
    return TieArrays(nodes, np.fromiter(map(index.__getitem__, nodes_u), dtype=np.int64, count=len(nodes_u)),
                     np.fromiter(map(index.__getitem__, nodes_v), dtype=np.int64, count=len(nodes_v)),
                     sign, weight, pos, neg)


def tie_arrays(S: nx.Graph) -> TieArrays:
    """The ties of ``S`` with weight > 0 (self-ties left out) as :class:`TieArrays`, kept in ``S.graph``."""
    key = _key(S)
    cached = S.graph.get("_arrays")
    if cached is not None and cached[0] == key:
        return cached[1]
    us, vs, ds = [], [], []
    for u, v, d in S.edges(data=True):
        us.append(u)
        vs.append(v)
        ds.append(d)
    weight = np.array([d.get("weight") or 0 for d in ds], dtype=float)
    keep = np.flatnonzero((weight > 0) & np.array([u != v for u, v in zip(us, vs)], dtype=bool))
    if len(keep) < len(ds):
        us, vs, ds = [us[k] for k in keep], [vs[k] for k in keep], [ds[k] for k in keep]
        weight = weight[keep]
    sign = np.where(np.array([d.get("sign", 1) for d in ds], dtype=float) > 0, 1, -1).astype(np.int8)
    pos = np.array([d.get("positive") for d in ds], dtype=float)     # None → nan
    neg = np.array([d.get("negative") for d in ds], dtype=float)
    neither = np.isnan(pos) & np.isnan(neg)
    pos[neither] = np.where(sign[neither] > 0, weight[neither], 0.0)
    neg[neither] = np.where(sign[neither] > 0, 0.0, weight[neither])
    arrays = _arrays(us, vs, sign, weight, np.nan_to_num(pos), np.nan_to_num(neg))
    S.graph["_arrays"] = (key, arrays)
    return arrays


def keep_arrays(S: nx.Graph, ends_a: list, ends_b: list, positive: list[float], negative: list[float]) -> None:
    """Store the arrays of a graph just filled with the ties ``(ends_a[k], ends_b[k])`` in that order (each with
    its positive and negative parts), into a graph that had no edge before.

    ``S.edges`` visits the nodes in insertion order and, at each, the neighbours not yet
    visited in the order their ties were added: so a tie is listed at its end that comes
    first among the nodes, and the ties in order of that end's position, then of addition.
    """
    everyone = list(S)
    position = {n: k for k, n in enumerate(everyone)}
    pa = np.fromiter(map(position.__getitem__, ends_a), dtype=np.int64, count=len(ends_a))
    pb = np.fromiter(map(position.__getitem__, ends_b), dtype=np.int64, count=len(ends_b))
    first, other = np.minimum(pa, pb), np.maximum(pa, pb)
    order = np.lexsort((np.arange(len(first)), first))
    first, other = first[order], other[order]
    active = np.unique(np.concatenate([first, other]))
    names = [everyone[k] for k in active.tolist()]
    by_name = sorted(range(len(names)), key=names.__getitem__)
    rank = np.zeros(len(everyone), dtype=np.int64)
    rank[active[by_name]] = np.arange(len(by_name))
    p = np.asarray(positive, dtype=float)[order]
    q = np.asarray(negative, dtype=float)[order]
    total = p - q
    arrays = TieArrays([names[k] for k in by_name], rank[first], rank[other],
                       np.where(total > 0, 1, -1).astype(np.int8), np.abs(total), p, q)
    S.graph["_arrays"] = (_key(S), arrays)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a step makes a million small containers (records,
    tuples): each full collection rescans the whole heap (the network's millions of dicts), up to
    half the step's time at scale, and frees nothing there. Reference counting still frees."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
