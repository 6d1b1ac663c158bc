"""Hostility and alliance between camps: a matrix, and the most hostile pairs of actors."""
from __future__ import annotations

import heapq
from typing import Any

import networkx as nx
import numpy as np

from ..network.ties import tie_arrays
from .camps import Camps, tie_record

__all__ = ["camp_matrix", "hostile_pairs", "hostility"]


def _camp_of_ties(S: nx.Graph, camps: Camps):
    """The tie arrays of ``S`` and the camp of each tie's two ends (−1: no camp)."""
    t = tie_arrays(S)
    camp = np.array([camps.camp_of.get(str(n), -1) for n in t.nodes], dtype=np.int64)
    return t, camp[t.i] if len(t.i) else np.zeros(0, np.int64), camp[t.j] if len(t.j) else np.zeros(0, np.int64)


def camp_matrix(S: nx.Graph, camps: Camps) -> dict[str, Any]:
    """``{names, hostile, allied, hostile_ties, allied_ties}``: k × k weights and tie counts between camps.

    Summed over the tie arrays in ``S.edges`` order (np.bincount adds in that order: the
    same sums as a loop over the edges, without walking a million edge dicts).
    """
    k = len(camps.camps)
    t, a, b = _camp_of_ties(S, camps)
    ok = (a >= 0) & (b >= 0)
    # each tie counts for (a, b) and, between two camps, for (b, a) too: interleaved to keep the order
    cells = np.column_stack([a * k + b, b * k + a]).ravel()
    once = np.column_stack([ok, ok & (a != b)]).ravel()
    w = np.repeat(t.weight, 2)
    neg = np.repeat(t.sign < 0, 2)
    out = {}
    for name, sel in (("hostile", once & neg), ("allied", once & ~neg)):
        out[name] = np.bincount(cells[sel], weights=w[sel], minlength=k * k).reshape(k, k).tolist()
        out[name + "_ties"] = np.bincount(cells[sel], minlength=k * k).reshape(k, k).tolist()
    return {"names": list(camps.names), **out}


def hostile_pairs(S: nx.Graph, camps: Camps | None = None, *, top: int = 10) -> list[dict[str, Any]]:
    """The heaviest hostile ties, with their camps and evidence counts."""
    t = tie_arrays(S)
    hostile = np.flatnonzero(t.sign < 0)
    if len(hostile) > top:      # every tie as heavy as the top-th one, so that ties of weight sort as before
        cut = np.partition(t.weight[hostile], len(hostile) - top)[len(hostile) - top]
        hostile = hostile[t.weight[hostile] >= cut]
    picked = heapq.nsmallest(top, ((-float(t.weight[e]), str(t.nodes[t.i[e]]), str(t.nodes[t.j[e]]), e)
                                   for e in hostile.tolist()))
    rows = []
    for *_, e in picked:
        u, v = t.nodes[t.i[e]], t.nodes[t.j[e]]
        rec = tie_record(S, u, v)
        if camps is not None:
            rec["source_camp"] = camps.camp_of.get(str(u))
            rec["target_camp"] = camps.camp_of.get(str(v))
        rows.append(rec)
    rows.sort(key=lambda r: (-r["weight"], r["source_label"], r["target_label"]))
    return rows


def hostility(S: nx.Graph, camps: Camps, *, top: int = 10) -> dict[str, Any]:
    """The camp matrix and the most hostile pairs (plain data)."""
    return {"matrix": camp_matrix(S, camps), "pairs": hostile_pairs(S, camps, top=top)}
