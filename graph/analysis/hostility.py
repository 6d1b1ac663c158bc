"""Hostility and alliance between camps: a matrix, and the most hostile pairs of actors."""
from __future__ import annotations

import heapq
from typing import Any

import networkx as nx

from .camps import Camps, tie_record

__all__ = ["camp_matrix", "hostile_pairs", "hostility"]


def camp_matrix(S: nx.Graph, camps: Camps) -> dict[str, Any]:
    """``{names, hostile, allied, hostile_ties, allied_ties}``: k × k weights and tie counts between camps."""
    k = len(camps.camps)
    hostile = [[0.0] * k for _ in range(k)]
    allied = [[0.0] * k for _ in range(k)]
    hostile_n = [[0] * k for _ in range(k)]
    allied_n = [[0] * k for _ in range(k)]
    for u, v, d in S.edges(data=True):
        a, b = camps.camp_of.get(str(u)), camps.camp_of.get(str(v))
        if a is None or b is None or not (d.get("weight") or 0):
            continue
        m, n = (hostile, hostile_n) if d["sign"] < 0 else (allied, allied_n)
        for x, y in {(a, b), (b, a)}:
            m[x][y] += float(d["weight"])
            n[x][y] += 1
    return {"names": list(camps.names), "hostile": hostile, "allied": allied, "hostile_ties": hostile_n,
            "allied_ties": allied_n}


def hostile_pairs(S: nx.Graph, camps: Camps | None = None, *, top: int = 10) -> list[dict[str, Any]]:
    """The heaviest hostile ties, with their camps and evidence counts."""
    hostile = ((float(d["weight"]), str(u), str(v), u, v) for u, v, d in S.edges(data=True)
               if d.get("sign", 0) < 0 and (d.get("weight") or 0) > 0)
    rows = []
    for *_, u, v in heapq.nsmallest(top, hostile, key=lambda t: (-t[0], t[1], t[2])):
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
