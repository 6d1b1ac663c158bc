"""Camps by structural balance: who is on which side.

:func:`find_camps` partitions the actors of a signed graph (from
:func:`graph.network.signed.signed_view`) into camps that minimise the weighted
frustration — negative ties inside a camp plus positive ties across camps:

1. Each connected component of the signed ties is split in two (exactly by binary
   programming after reductions and a split into blocks up to :data:`EXACT_MAX_EDGES` ties,
   see :mod:`graph.analysis.frustration`; by a heuristic with a reported lower bound beyond,
   see :mod:`graph.analysis.balance`).
2. A camp is split again while splitting lowers the frustration by more than
   ``split_threshold`` × the camp's own signed weight (and by at least
   :data:`MIN_SPLIT_SHARE` of all of it): two camps by default, more where the data
   asks for them, up to ``max_camps``.
3. Actors without signed ties, actors of components smaller than ``min_camp``, and
   actors with no side to prefer (their ties pull equally both ways) are reported
   as unaligned, not forced into a camp.

Camps are ordered by size then weight (largest first) and named by their most
central members (weighted positive degree inside the camp). Inside each camp,
clusters on the positive ties (seeded; Louvain up to 1000 members, igraph's Leiden
above) are given as ``clusters``.
"""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ..network.signed import tie_evidence
from ..network.ties import gc_paused, tie_arrays
from .balance import SignedArrays, frustration_of, heuristic_bipartition
from .frustration import exact_frustration

__all__ = ["EXACT_MAX_EDGES", "Camps", "find_camps", "tie_record", "to_arrays"]

#: The exact solver is used up to this many signed ties in one component.
EXACT_MAX_EDGES = 15000
#: A split must also remove at least this share of all the signed weight (no camps for a stray tie).
MIN_SPLIT_SHARE = 0.01
#: Names are made of this many central members.
NAME_MEMBERS = 3


@dataclass
class Camps:
    """The result of :func:`find_camps` (actors are IRIs; ``labels`` maps them to names)."""

    camps: list[list[str]] = field(default_factory=list)
    camp_of: dict[str, int] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    unaligned: list[str] = field(default_factory=list)
    frustration: float = 0.0
    total_weight: float = 0.0
    lower_bound: float = 0.0
    exact: bool = True
    method: str = ""
    frustrated: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[list[list[str]]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    placed_by_structure: dict[str, str] = field(default_factory=dict)   # actor → the part/whole it follows

    @property
    def index(self) -> float:
        """Frustration as a share of the total signed weight (0 = perfectly balanced)."""
        return self.frustration / self.total_weight if self.total_weight else 0.0

    @property
    def gap(self) -> float:
        """Relative gap between the frustration found and the lower bound (0 when exact)."""
        return 0.0 if self.exact or not self.frustration else (self.frustration - self.lower_bound) / self.frustration

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(index=self.index, gap=self.gap)
        return d


def to_arrays(S: nx.Graph, nodes: list[str]) -> SignedArrays:
    """The signed ties of ``S`` among ``nodes`` as arrays (zero-weight ties left out), in ``S.edges`` order."""
    t = tie_arrays(S)
    if nodes == t.nodes:                  # every actor with a tie: the shared copy as it is
        return SignedArrays(len(nodes), t.i, t.j, t.sign, t.weight)
    idx = np.full(len(t.nodes), -1, dtype=np.int64)
    where = {n: k for k, n in enumerate(nodes)}
    for k, n in enumerate(t.nodes):
        idx[k] = where.get(n, -1)
    a, b = idx[t.i], idx[t.j]
    keep = (a >= 0) & (b >= 0)
    return SignedArrays(len(nodes), a[keep], b[keep], t.sign[keep], t.weight[keep])


def tie_record(S: nx.Graph, u: str, v: str) -> dict[str, Any]:
    """One signed tie with labels, sign, weight, relations and evidence (for reports and JSON)."""
    d = S.edges[u, v]
    return {"source": str(u), "target": str(v), "source_label": _label(S, u), "target_label": _label(S, v),
            "sign": d.get("sign"), "weight": round(float(d.get("weight", 0.0)), 6),
            "documents": d.get("documents", 0), "relations": list(d.get("relations", [])),
            "evidence": tie_evidence(d)}


def _label(S: nx.Graph, n: Any) -> str:
    return str(S.nodes[n].get("label", n)) if n in S else str(n)


def _bipartition(g: SignedArrays, seed: int, exact_max: int, time_limit: float):
    """The heuristic always (fast); the exact programme too where affordable, keeping the better
    partition and the solver's bound. HiGHS proves optimality quickly on the near-balanced
    networks news yields, but can stall on random noise: then its dual bound still bounds the gap."""
    small = len(g.i) <= exact_max
    h = heuristic_bipartition(g, seed=seed, bound=not small)
    if not small or h.frustration == 0:
        return h
    e = exact_frustration(g, time_limit=time_limit)     # reductions and blocks first (analysis/frustration.py)
    best = e if e.frustration <= h.frustration else h
    lower = max(e.lower_bound, h.lower_bound)
    exact = e.exact or best.frustration <= lower + 1e-9
    method = "exact (HiGHS)" if exact else f"{best.method}; HiGHS bound after {time_limit:g} s"
    return type(h)(best.side, best.frustration, min(lower, best.frustration), exact, method)


@gc_paused()
def find_camps(S: nx.Graph, *, seed: int = 0, max_camps: int = 6, split_threshold: float = 0.05,
               min_camp: int = 2, exact_max_edges: int = EXACT_MAX_EDGES, time_limit: float = 60.0,
               clusters: bool = True) -> Camps:
    """Partition the actors of ``S`` into camps by structural balance (see the module docstring)."""
    active = tie_arrays(S).nodes          # the actors with a weighted signed tie, sorted
    active_set = set(active)
    labels = {n: _label(S, n) for n in S}
    if not active:
        return Camps(unaligned=sorted(map(str, S)), labels={str(n): v for n, v in labels.items()},
                     method="no signed ties")
    g = to_arrays(S, active)
    total = float(g.w.sum())
    # components of the signed ties: each is solved on its own (they do not interact)
    comp = _components(g)
    groups: list[np.ndarray] = []
    unaligned: set[int] = set(int(k) for k in range(g.n) if comp[k] < 0)
    lower, exact, methods = 0.0, True, set()
    for members, sub in _by_component(g, comp):
        if len(members) < min_camp:
            unaligned.update(int(k) for k in members)
            continue
        old = members
        part = _bipartition(sub, seed, exact_max_edges, time_limit)
        lower += part.lower_bound
        exact &= part.exact
        methods.add(part.method)
        for s in (0, 1):
            sel = old[part.side == s]
            if len(sel):
                groups.append(sel)
    groups = _split_further(g, groups, total, seed, max_camps, split_threshold, exact_max_edges, time_limit,
                            methods)
    side = np.full(g.n, -1, dtype=np.int64)
    for k, grp in enumerate(groups):
        side[grp] = k
    # actors with no side to prefer (ties pull equally into and out of their camp)
    for k in _indifferent(g, side):
        unaligned.add(int(k))
    for k in unaligned:
        side[k] = -1
    keep = []
    for grp in groups:
        grp = grp[side[grp] >= 0]
        if len(grp) >= min_camp:
            keep.append(grp)
        else:
            unaligned.update(int(k) for k in grp)
    strength = _positive_strength(g, keep)
    order = sorted(range(len(keep)), key=lambda k: (-len(keep[k]), -strength[k].sum(), min(active[x] for x in keep[k])))
    camps, names = [], []
    camp_of: dict[str, int] = {}
    for rank, k in enumerate(order):
        grp = keep[k]
        central = sorted(range(len(grp)), key=lambda t: (-strength[k][t], labels[active[grp[t]]]))
        members = [active[grp[t]] for t in central]
        camps.append([str(m) for m in members])
        names.append(", ".join(labels[m] for m in members[:NAME_MEMBERS]))
        for m in members:
            camp_of[str(m)] = rank
    full_side = np.array([camp_of.get(str(active[k]), -1) for k in range(g.n)])
    value, mask = _frustration_k(g, full_side)
    inside = (full_side[g.i] >= 0) & (full_side[g.j] >= 0)
    total = float(g.w[inside].sum())
    frustrated = sorted((tie_record(S, active[g.i[e]], active[g.j[e]]) for e in np.flatnonzero(mask)),
                        key=lambda t: (-t["weight"], t["source_label"], t["target_label"]))
    result = Camps(camps=camps, camp_of=camp_of, names=names,
                   unaligned=sorted({str(active[k]) for k in unaligned} | {str(n) for n in S if n not in active_set}),
                   frustration=value, total_weight=total, lower_bound=min(lower, value), exact=exact,
                   method=", ".join(sorted(methods)), frustrated=frustrated,
                   labels={str(n): v for n, v in labels.items()})
    _place_by_structure(S, result, {str(n) for n in active})
    if clusters:
        result.clusters = [_clusters(g, keep[k], active, seed) for k in order]
    return result


def _place_by_structure(S: nx.Graph, result: Camps, signed_nodes: set[str]) -> None:
    """Put an actor without signed ties in the camp of its parts, or else of its whole.

    The links (partOf / memberOf between organisations, ``S.graph["structure"]``) carry no
    sign: they never move an actor that has signed ties, and never decide against them. A
    coalition stands where most of its parts stand (the Popular Mobilization Forces with
    their member factions, not with the state they are formally part of): the camp holding
    a strict majority of its placed parts; without one, the camp its wholes agree on.
    Repeated until nothing moves, so a part placed by its whole can place its own parts.
    """
    links = S.graph.get("structure") or []
    if not links:
        return
    parts: dict[str, set[str]] = {}
    wholes: dict[str, set[str]] = {}
    for part, whole in links:
        parts.setdefault(whole, set()).add(part)
        wholes.setdefault(part, set()).add(whole)
    unaligned = set(result.unaligned)
    changed = True
    while changed:
        changed = False
        for actor in sorted(unaligned):
            if actor in signed_nodes or (actor not in parts and actor not in wholes):
                continue
            camp = _majority_camp(result.camp_of, parts.get(actor, ()))
            if camp is None:
                placed = {result.camp_of[x] for x in wholes.get(actor, ()) if x in result.camp_of}
                camp = placed.pop() if len(placed) == 1 else None
            if camp is None:
                continue
            via = min(x for x in parts.get(actor, set()) | wholes.get(actor, set()) if result.camp_of.get(x) == camp)
            result.camp_of[actor] = camp
            result.camps[camp].append(actor)
            result.placed_by_structure[actor] = via
            result.labels.setdefault(actor, actor)
            unaligned.discard(actor)
            changed = True
    result.unaligned = sorted(unaligned)


def _majority_camp(camp_of: dict[str, int], members) -> int | None:
    """The camp holding more than half of the placed ``members``, if any."""
    counts: dict[int, int] = {}
    for x in members:
        if x in camp_of:
            counts[camp_of[x]] = counts.get(camp_of[x], 0) + 1
    total = sum(counts.values())
    best = max(counts.items(), key=lambda kv: (kv[1], -kv[0]), default=None)
    return best[0] if best is not None and 2 * best[1] > total else None


def _components(g: SignedArrays) -> np.ndarray:
    """Connected component of each node (−1 for nodes without ties)."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    A = sp.coo_matrix((np.ones(len(g.i)), (g.i, g.j)), shape=(g.n, g.n))
    _, comp = connected_components(A, directed=False)
    deg = np.bincount(np.concatenate([g.i, g.j]), minlength=g.n)
    comp = comp.astype(np.int64)
    comp[deg == 0] = -1
    return comp


def _by_component(g: SignedArrays, comp: np.ndarray):
    """``(members, induced subgraph)`` of each component in turn, as ``g.subset(members)`` gives it.

    Grouped by one stable sort of actors and of ties (a mask over the whole graph per
    component took a minute on a sparse graph with thousands of small components).
    """
    nodes = np.argsort(comp, kind="stable")
    ties = np.argsort(comp[g.i], kind="stable") if len(g.i) else np.zeros(0, dtype=np.int64)
    tie_comp = comp[g.i][ties] if len(g.i) else ties
    local = np.full(g.n, -1, dtype=np.int64)
    labels = np.unique(comp[comp >= 0])
    node_start = np.searchsorted(comp[nodes], labels)
    node_end = np.searchsorted(comp[nodes], labels, side="right")
    tie_start = np.searchsorted(tie_comp, labels)
    tie_end = np.searchsorted(tie_comp, labels, side="right")
    for k in range(len(labels)):
        members = nodes[node_start[k]:node_end[k]]
        e = ties[tie_start[k]:tie_end[k]]
        local[members] = np.arange(len(members))
        yield members, SignedArrays(len(members), local[g.i[e]], local[g.j[e]], g.sign[e], g.w[e])


def _frustration_k(g: SignedArrays, side: np.ndarray) -> tuple[float, np.ndarray]:
    """Frustration of a k-camp labelling over the ties between actors in camps (side ≥ 0)."""
    _, mask = frustration_of(g, side)
    mask &= (side[g.i] >= 0) & (side[g.j] >= 0)
    return float(g.w[mask].sum()), mask


def _split_further(g, groups, total, seed, max_camps, threshold, exact_max, time_limit, methods):
    """Split a camp in two while that lowers the frustration by more than ``threshold`` × total weight."""
    groups = list(groups)
    changed = True
    while changed and len(groups) < max_camps:
        changed = False
        best = None
        for k, grp in enumerate(groups):
            if len(grp) < 4:
                continue
            sub, old = g.subset(grp)
            if len(sub.i) == 0:
                continue
            before = float(sub.w[sub.sign < 0].sum())
            need = max(threshold * float(sub.w.sum()), MIN_SPLIT_SHARE * total)
            if before <= need:
                continue                      # not enough hostility inside to gain from a split
            part = heuristic_bipartition(sub, seed=seed, bound=False)   # a threshold decision: fast is enough
            gain = before - part.frustration
            if gain > need and (best is None or gain > best[0]):
                best = (gain, k, old[part.side == 0], old[part.side == 1], part.method)
        if best is not None and len(best[2]) and len(best[3]):
            _, k, a, b, _method = best
            groups[k:k + 1] = [a, b]
            methods.add("camps beyond two by spectral + local moves")
            changed = True
    return groups


def _indifferent(g: SignedArrays, side: np.ndarray) -> list[int]:
    """Nodes whose signed ties pull as much out of their camp as into it (no side to prefer)."""
    same = side[g.i] == side[g.j]
    pull = g.sign * g.w * np.where(same, 1.0, -1.0)   # + keeps a node where it is, − pushes it out
    net = np.bincount(g.i, weights=pull, minlength=g.n) + np.bincount(g.j, weights=pull, minlength=g.n)
    has = np.bincount(np.concatenate([g.i, g.j]), minlength=g.n) > 0
    return [int(k) for k in np.flatnonzero(has & (np.abs(net) < 1e-9))]


def _positive_strength(g: SignedArrays, groups: list[np.ndarray]) -> list[np.ndarray]:
    """Weighted positive degree of each member inside its camp (how central it is to the camp)."""
    pos = g.sign > 0
    deg = np.bincount(g.i[pos], weights=g.w[pos], minlength=g.n) + \
        np.bincount(g.j[pos], weights=g.w[pos], minlength=g.n)
    return [deg[grp] for grp in groups]


def _str_sorted(groups: list[list[Any]]) -> list[list[str]]:
    return sorted((sorted(map(str, c)) for c in groups), key=lambda c: (-len(c), c))


def _clusters(g: SignedArrays, members: np.ndarray, active: list[Any], seed: int) -> list[list[str]]:
    """Louvain communities of the positive ties inside one camp, seeded (largest first)."""
    sub, _ = g.subset(members)
    pos = (sub.sign > 0) & (sub.w > 0)
    i, j, w = sub.i[pos], sub.j[pos], sub.w[pos]
    names = [active[k] for k in members]
    if len(i) == 0:
        return [sorted(map(str, names))]
    if len(members) > 1000:   # networkx Louvain takes seconds from a few thousand actors (24 s at 100k): igraph, in C
        import igraph as ig

        G = ig.Graph(n=len(members), edges=list(zip(i.tolist(), j.tolist())))
        state = random.getstate()      # igraph draws from Python's random module: seed it, then restore it
        random.seed(seed)
        try:
            # Leiden rather than igraph's Louvain: half the time on a 50k-actor camp (0.9 s against 1.8 s),
            # higher modularity, and communities that are connected (Traag, Waltman & van Eck 2019)
            parts = G.community_leiden(objective_function="modularity", weights=w.tolist(), n_iterations=2)
        finally:
            random.setstate(state)
        return _str_sorted([[names[k] for k in c] for c in parts])
    P = nx.Graph()
    P.add_nodes_from(names)
    P.add_weighted_edges_from(zip([names[k] for k in i.tolist()], [names[k] for k in j.tolist()], w.tolist()))
    return _str_sorted(nx.community.louvain_communities(P, weight="weight", seed=seed))
