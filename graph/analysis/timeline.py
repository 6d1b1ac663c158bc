"""Change over time: statements per period by relation kind, and two periods compared."""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from ..network.ties import gc_paused
from .camps import Camps, tie_record

__all__ = ["KINDS", "PERIODS", "compare", "parse_period", "timeline"]

PERIODS = {"year": 4, "month": 7}
KINDS = ("alliance", "hostility", "structural", "neutral")


def _label(G: nx.Graph, n: Any) -> str:
    return str(G.nodes[n].get("label", n)) if n in G else str(n)


def parse_period(text: str) -> tuple[str, str]:
    """``2019`` → (2019, 2019); ``2019-01..2019-06`` → (2019-01, 2019-06); open ends allowed (``..2020``)."""
    if ".." in text:
        lo, hi = text.split("..", 1)
    else:
        lo = hi = text
    return lo.strip() or None, hi.strip() or None


def timeline(G: nx.MultiDiGraph, *, period: str = "year", top: int = 10) -> tuple[list[dict], int]:
    """Sentences per period by relation kind, and the relations first seen in each period.

    Returns ``(periods, undated)``, periods in order, each ``{period, alliance, hostility,
    structural, neutral, new_edge_count, new_edges}`` (at most ``top`` new edges, heaviest first).
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    cut = PERIODS[period]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    new: dict[str, list[tuple]] = defaultdict(list)
    undated = 0
    # one label per actor, and the top edges picked by key before any record is made: a label and
    # a record per edge were 2 M look-ups and 1 M dicts at a million relations
    labels = {n: str(d.get("label", n)) for n, d in G.nodes(data=True)}
    with gc_paused():
        for u, v, key, d in G.edges(keys=True, data=True):
            kind = d.get("kind")
            if kind not in KINDS:
                kind = "neutral"
            dates = d.get("dates")
            if dates:
                for day, n in dates.items():
                    counts[day[:cut]][kind] += n
            undated += d.get("undated", 0) or 0
            first = d.get("first_date")
            if first:
                new[first[:cut]].append((d.get("weight", 1) or 1, u, key, v, first))
    out = []
    for p in sorted(set(counts) | set(new)):
        edges = new.get(p, [])
        listed = heapq.nsmallest(top, edges, key=lambda e: (-e[0], labels[e[1]], e[2], labels[e[3]]))
        out.append({"period": p, **{k: counts[p][k] for k in KINDS}, "new_edge_count": len(edges),
                    "new_edges": [{"source": labels[u], "relation": key, "target": labels[v], "first_date": first}
                                  for _, u, key, v, first in listed]})
    return out, undated


def _match_camps(a: Camps, b: Camps) -> dict[int, int]:
    """Camp of period B → the camp of period A it overlaps most (greedy, one-to-one)."""
    overlap = Counter()
    for actor, cb in b.camp_of.items():
        ca = a.camp_of.get(actor)
        if ca is not None:
            overlap[(cb, ca)] += 1
    out: dict[int, int] = {}
    used: set[int] = set()
    for (cb, ca), _ in sorted(overlap.items(), key=lambda x: (-x[1], x[0])):
        if cb not in out and ca not in used:
            out[cb] = ca
            used.add(ca)
    return out


@gc_paused()
def compare(S_a: nx.Graph, camps_a: Camps, S_b: nx.Graph, camps_b: Camps, *, top: int = 20) -> dict[str, Any]:
    """Two periods side by side: new ties, lost ties, sign flips and actors changing camp."""
    def key(u, v):
        return (u, v) if str(u) <= str(v) else (v, u)

    ea = {key(u, v): d for u, v, d in S_a.edges(data=True) if (d.get("weight") or 0) > 0}
    eb = {key(u, v): d for u, v, d in S_b.edges(data=True) if (d.get("weight") or 0) > 0}

    def heaviest(pairs, ties):
        """The ``top`` heaviest pairs (then by IRI): records only for those, not for 300k new ties at scale."""
        return heapq.nsmallest(top, pairs, key=lambda p: (-float(ties[p]["weight"]), str(p[0]), str(p[1])))

    added, gone = eb.keys() - ea.keys(), ea.keys() - eb.keys()
    new = [tie_record(S_b, *p) for p in heaviest(added, eb)]
    lost = [tie_record(S_a, *p) for p in heaviest(gone, ea)]
    flipped = [p for p in ea.keys() & eb.keys() if ea[p]["sign"] != eb[p]["sign"]]
    flips = [{"before": tie_record(S_a, *p), "after": tie_record(S_b, *p)} for p in heaviest(flipped, eb)]
    flips.sort(key=lambda f: (-f["after"]["weight"], f["after"]["source_label"]))
    match = _match_camps(camps_a, camps_b)
    moved = []
    for actor, cb in camps_b.camp_of.items():
        ca = camps_a.camp_of.get(actor)
        mapped = match.get(cb)
        if ca is not None and mapped != ca:
            moved.append({"iri": actor, "label": camps_b.labels.get(actor, actor),
                          "before": ca, "before_name": camps_a.names[ca],
                          "after": cb, "after_name": camps_b.names[cb]})
    moved.sort(key=lambda m: m["label"])
    return {"new_ties": new, "new_count": len(added), "lost_ties": lost, "lost_count": len(gone),
            "sign_flips": flips, "flip_count": len(flipped), "changed_camp": moved,
            "camps_before": camps_a.names, "camps_after": camps_b.names, "camp_match": match}
