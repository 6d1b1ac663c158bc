"""The data behind a render: actors with camp, shape, centrality and position; relations with deduplicated evidence.

:func:`page_model` turns the networkx network (plus camps and aliases) into plain
lists and dicts that both the HTML page (as JSON) and the static picture read.
Nothing here is markup: every string is data.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from .layout import layout
from .select import KINDS

__all__ = ["page_model", "CAMP_COLOURS", "UNALIGNED", "KIND_STYLE", "TYPE_SHAPES", "dedupe_evidence",
           "TOP_LABELS", "safe_url"]

#: Camp colours (no pure green or red: those mean alliance and hostility on edges).
#: Camps past the twelfth share :data:`MINOR_CAMP` (the legend still names each one).
CAMP_COLOURS = ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
                "#393b79", "#d6a600", "#7b4173", "#c49c94", "#aec7e8")
MINOR_CAMP = "#9e9e9e"
#: Unaligned actors: neutral grey.
UNALIGNED = {"colour": "#cfcfcf", "border": "#8a8a8a", "name": "unaligned"}
#: Edge style per relation kind: colour, dash pattern (false = solid) and legend text.
KIND_STYLE = {
    "alliance": {"colour": "#2e9e44", "dashes": False, "text": "alliance"},
    "hostility": {"colour": "#d62728", "dashes": False, "text": "hostility"},
    "structural": {"colour": "#555555", "dashes": [8, 5], "text": "structural (member, leader…)"},
    "neutral": {"colour": "#8fa8c8", "dashes": [2, 4], "text": "neutral (meets, talks…)"},
}
#: vis-network shape per actor class (local name); the static picture maps these to markers.
TYPE_SHAPES = {
    "State": "square", "StateAgency": "square", "ArmedForce": "triangleDown", "ArmedGroup": "triangle",
    "PoliticalParty": "hexagon", "IntergovernmentalOrganization": "star", "Organization": "diamond",
    "Group": "diamond", "Person": "dot", "ReligiousAuthority": "dot",
}
OTHER_SHAPE = "dot"
#: This many of the most central actors (plus the first two of each camp) are labelled at first view.
TOP_LABELS = 20
_SPACE_RE = re.compile(r"\s+")


def safe_url(url: Any) -> str | None:
    """``url`` when it is an http(s) URL, else None (a ``javascript:`` URL never becomes a link)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    return u if re.match(r"^https?://[^\s]+$", u, re.IGNORECASE) else None


def dedupe_evidence(evidence: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One entry per distinct sentence (whitespace and case folded), each with its distinct sources."""
    out: dict[str, dict[str, Any]] = {}
    for ev in evidence or ():
        sentence = str(ev.get("sentence") or "").strip()
        key = _SPACE_RE.sub(" ", sentence).casefold()
        entry = out.setdefault(key, {"sentence": sentence or None, "sources": []})
        source = {"title": ev.get("title"), "date": ev.get("date"), "confidence": ev.get("confidence"),
                  "url": safe_url(ev.get("url")), "source": ev.get("source") or ev.get("document")}
        same = ev.get("content_hash") or source["url"] or source["source"] or (source["title"], source["date"])
        if all(s["_key"] != same for s in entry["sources"]):
            entry["sources"].append({**source, "_key": same})
    result = []
    for entry in out.values():
        for s in entry["sources"]:
            s.pop("_key")
        result.append(entry)
    return result


def centrality(G: nx.MultiDiGraph) -> dict[Any, float]:
    """PageRank on the undirected network weighted by log statement counts (degree when it fails)."""
    pairs: dict[tuple, float] = defaultdict(float)
    for u, v, w in G.edges(data="weight", default=1):
        if u != v:
            pairs[(u, v) if str(u) <= str(v) else (v, u)] += 1.0 + math.log(max(1, int(w or 1)))
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    H.add_weighted_edges_from((u, v, w) for (u, v), w in pairs.items())
    if H.number_of_edges() == 0:
        return {n: 0.0 for n in H}
    try:
        return nx.pagerank(H, weight="weight")
    except Exception:  # noqa: BLE001 - no scipy or no convergence: plain degree
        return {n: float(H.degree(n)) for n in H}


def _dates(d: Mapping[str, Any]) -> list[str]:
    dates = d.get("dates")
    if isinstance(dates, Mapping) and dates:
        return sorted(str(x) for x in dates)
    return sorted({str(ev["date"]) for ev in d.get("evidence") or () if ev.get("date")})


def _labelled(G: nx.MultiDiGraph, candidates: list, pos: Mapping[Any, tuple[float, float]]) -> set:
    """The actors named at first view: the most central, and each camp's first two, whose labels don't collide.

    A label is about 16 canvas units high and 8 per character wide, under its node;
    a candidate whose label would overlap one already chosen waits for the user to zoom.
    """
    boxes: list[tuple[float, float, float]] = []
    chosen: set = set()
    for n in dict.fromkeys(candidates):
        if len(chosen) >= TOP_LABELS and n not in candidates[3 * TOP_LABELS:]:
            continue
        x, y = pos[n]
        half = 4.0 * len(str(G.nodes[n].get("label", n))) + 4
        if any(abs(x - bx) < half + bh and abs(y - by) < 34 for bx, by, bh in boxes):
            continue
        boxes.append((x, y, half))
        chosen.add(n)
    return chosen


def page_model(G: nx.MultiDiGraph, *, camps: Mapping[Any, int] | None = None,
               camp_names: Sequence[str] | None = None,
               aliases: Mapping[Any, Sequence[str]] | None = None) -> dict[str, Any]:
    """Plain data for the page: ``nodes``, ``edges``, ``camps``, ``kinds``, ``types``, ``dates``."""
    camps = {n: c for n, c in (camps or {}).items() if n in G and c is not None and c >= 0}
    score = centrality(G)
    order = sorted(G.nodes, key=lambda n: (-score.get(n, 0.0), str(G.nodes[n].get("label", n)), str(n)))
    rank = {n: i for i, n in enumerate(order)}

    # camps in the order of their numbers (as the analysis numbers them); names given or from the top members
    camp_ids = sorted({c for c in camps.values()})
    members: dict[int, list] = defaultdict(list)
    for n in order:
        if n in camps:
            members[camps[n]].append(n)
    camp_list = []
    for i, c in enumerate(camp_ids):
        given = camp_names[c] if camp_names is not None and 0 <= c < len(camp_names) else None
        name = str(given) if given else " · ".join(str(G.nodes[n].get("label", n)) for n in members[c][:2])
        camp_list.append({"id": i, "number": c, "name": name, "size": len(members[c]),
                          "colour": CAMP_COLOURS[i] if i < len(CAMP_COLOURS) else MINOR_CAMP})
    camp_index = {c["number"]: c["id"] for c in camp_list}

    ids = {n: f"n{i}" for i, n in enumerate(order)}
    weighted = [(u, v, float(d.get("weight", 1) or 1), d.get("kind") == "hostility") for u, v, d in G.edges(data=True)]
    pos = layout(order, weighted, camps, score)
    labelled = _labelled(G, order[:3 * TOP_LABELS] + [n for c in camp_ids for n in members[c][:2]], pos)
    n_total = max(1, len(order) - 1)
    top_score = max(score.values(), default=0.0) or 1.0

    nodes = []
    for n in order:
        a = G.nodes[n]
        typ = str(a.get("type", "Actor"))
        label = str(a.get("label", n))
        c = camp_index.get(camps.get(n, -1), -1)
        nodes.append({
            "id": ids[n], "iri": str(n), "label": label, "type": typ,
            "shape": TYPE_SHAPES.get(typ, OTHER_SHAPE), "camp": c, "rank": rank[n],
            "score": round(score.get(n, 0.0) / top_score, 4),
            # label level 1 = legible at first view; lower levels appear as the user zooms in
            "level": 1.0 if n in labelled else round(0.6 * (1 - rank[n] / n_total), 3),
            "minted": bool(a.get("minted")), "x": pos[n][0], "y": pos[n][1],
            "aliases": [str(x) for x in dict.fromkeys((aliases or {}).get(n, ())) if str(x) != label],
        })

    edges = []
    for i, (u, v, k, d) in enumerate(sorted(G.edges(keys=True, data=True),
                                            key=lambda e: (rank[e[0]], rank[e[1]], str(e[2])))):
        kind = d.get("kind") if d.get("kind") in KIND_STYLE else "neutral"
        edges.append({
            "id": f"e{i}", "from": ids[u], "to": ids[v], "relation": str(d.get("relation", k)),
            "kind": kind, "symmetric": bool(d.get("symmetric")), "weight": int(d.get("weight", 1) or 1),
            "confidence": d.get("confidence"), "first_date": d.get("first_date"), "last_date": d.get("last_date"),
            "dates": _dates(d), "undated": bool(d.get("undated")) or not _dates(d),
            "curated": bool(d.get("curated")), "evidence": dedupe_evidence(d.get("evidence") or []),
        })
    all_dates = sorted({x for e in edges for x in e["dates"]})
    types = sorted({nd["type"] for nd in nodes})
    return {
        "nodes": nodes, "edges": edges, "camps": camp_list,
        "unaligned": {**UNALIGNED, "size": sum(1 for nd in nodes if nd["camp"] < 0)},
        "kinds": [{"kind": k, **KIND_STYLE[k], "count": sum(1 for e in edges if e["kind"] == k)} for k in KINDS],
        "types": [{"type": t, "shape": TYPE_SHAPES.get(t, OTHER_SHAPE)} for t in types],
        "dates": all_dates,
    }
