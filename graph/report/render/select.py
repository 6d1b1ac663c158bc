"""What a render shows: the network narrowed by relation, evidence, camp and focus.

Shared by the HTML page and the static picture, so both draw the same actors.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from ...errors import InputError

__all__ = ["narrow", "find_actor", "find_camp", "KINDS"]

#: Relation kinds, in legend order (read from the ontology's ag:relationKind on each edge).
KINDS = ("alliance", "hostility", "structural", "neutral")


def find_actor(G: nx.MultiDiGraph, name: str, aliases: Mapping[str, Sequence[str]] | None = None) -> Any:
    """The node whose IRI, label or alias is ``name`` (case-insensitive); InputError when none or several."""
    wanted = name.strip().casefold()
    if name in G:
        return name
    hits = []
    for n, a in G.nodes(data=True):
        names = [str(a.get("label", n))] + [str(x) for x in (aliases or {}).get(n, ())]
        if any(x.casefold() == wanted for x in names):
            hits.append(n)
    if len(hits) == 1:
        return hits[0]
    if hits:
        labels = ", ".join(sorted(str(G.nodes[h].get("label", h)) for h in hits))
        raise InputError(f"--focus {name!r} names several actors ({labels}); give the IRI")
    raise InputError(f"--focus {name!r}: no actor with that name, alias or IRI in the network")


def _relation_filter(relations: Iterable[str] | str | None) -> set[str] | None:
    if relations is None:
        return None
    if isinstance(relations, str):
        relations = [relations]
    wanted = {r.strip() for item in relations for r in str(item).split(",") if r.strip()}
    return wanted or None


def find_camp(camp: int | str, camps: Mapping[Any, int] | None, names: Sequence[str] | None,
              labels: Mapping[Any, str] | None = None) -> int:
    """The camp number ``camp`` names: a number, a word of one camp's name, or the name of a member
    (``labels`` maps actors to names), case-insensitive."""
    numbers = sorted(set((camps or {}).values()))
    text = str(camp).strip()
    if text.lstrip("-").isdigit():
        if int(text) in numbers:
            return int(text)
        raise InputError(f"--camp {text}: no such camp (camps: {', '.join(map(str, numbers)) or 'none'})")
    hits = [i for i in numbers if names is not None and 0 <= i < len(names)
            and text.casefold() in str(names[i]).casefold()]
    if not hits and labels:
        hits = sorted({c for n, c in (camps or {}).items() if str(labels.get(n, "")).casefold() == text.casefold()})
    if len(hits) == 1:
        return hits[0]
    raise InputError(f"--camp {text!r}: {'several camps' if hits else 'no camp'} named like that; "
                     "give the camp's number")


def narrow(G: nx.MultiDiGraph, *, relations: Iterable[str] | str | None = None, min_weight: int = 1,
           camps: Mapping[Any, int] | None = None, camp: int | None = None,
           focus: Any = None, depth: int = 1) -> nx.MultiDiGraph:
    """``G`` narrowed to what the options ask for (a copy; ``G`` itself when nothing is asked).

    ``relations``: relation names or kinds (``alliance``, ``hostility``, ``structural``,
    ``neutral``), comma-separated or a list; ``min_weight``: edges with at least this
    many statements; ``camp``: only members of that camp (by ``camps``); ``focus``: a
    node and its neighbours to ``depth`` (through the edges kept). Actors left without
    an edge by the relation and evidence filters are dropped.
    """
    wanted = _relation_filter(relations)
    if wanted is None and min_weight <= 1 and camp is None and focus is None:
        return G                                      # nothing to narrow: no copy
    if wanted is not None:
        known = {d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True)} | set(KINDS)
        unknown = sorted(wanted - known)
        if unknown and not (wanted & known):
            raise InputError(f"--relations: {', '.join(map(repr, unknown))} matches no relation or kind in the network")
    H = nx.MultiDiGraph()
    for u, v, k, d in G.edges(keys=True, data=True):
        if (d.get("weight", 1) or 0) < min_weight:
            continue
        if wanted is not None and d.get("relation", k) not in wanted and d.get("kind") not in wanted:
            continue
        H.add_edge(u, v, key=k, **d)
    if wanted is None and min_weight <= 1:
        H.add_nodes_from(G.nodes)                     # keep isolated actors when nothing was filtered
    for n in H.nodes:
        H.nodes[n].update(G.nodes[n])
    if camp is not None:
        members = [n for n in H if (camps or {}).get(n) == camp]
        if not members:
            raise InputError(f"--camp {camp}: no actor of that camp in the network")
        H = H.subgraph(members).copy()
    if focus is not None:
        if focus not in H:
            raise InputError(f"--focus: {G.nodes[focus].get('label', focus) if focus in G else focus} "
                             "has no relation left after the other filters")
        H = H.subgraph(ego(H, focus, depth)).copy()
    return H


def ego(G: nx.MultiDiGraph, centre: Any, depth: int) -> set:
    """``centre`` and every node within ``depth`` hops of it, either direction."""
    seen = {centre}
    queue = deque([(centre, 0)])
    while queue:
        n, d = queue.popleft()
        if d >= depth:
            continue
        for m in list(G.successors(n)) + list(G.predecessors(n)):
            if m not in seen:
                seen.add(m)
                queue.append((m, d + 1))
    return seen
