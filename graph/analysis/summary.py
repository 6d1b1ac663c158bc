"""The one-screen overview: camps, hostility, centrality, brokers, chains, triads, change.

:func:`analyze` runs every analysis family on a network from
:func:`graph.network.build.build_network` and returns an :class:`Analysis` of plain
data (``to_dict()`` for JSON; ``to_text()`` renders it through
:mod:`graph.report.text`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ..network.signed import HALF_LIFE_DAYS, filter_network, signed_view
from ..network.ties import tie_arrays
from .camps import Camps, find_camps
from .centrality import betweenness, camp_brokers, most_connected, pagerank
from .chains import patron_chains
from .hostility import camp_matrix, hostile_pairs
from .timeline import PERIODS, timeline
from .triads import unbalanced_triads

__all__ = ["SEED", "Analysis", "analyze"]

#: Seed for every randomised step (spectral start, local moves, Louvain, sampled betweenness).
SEED = 0


@dataclass
class Analysis:
    """Results of :func:`analyze`. Actors by label, with their IRIs."""

    nodes: int = 0
    edges: int = 0
    signed_edges: int = 0
    view: str = "organisation"
    camps: list[dict[str, Any]] = field(default_factory=list)
    blocs: list[dict[str, Any]] = field(default_factory=list)        # the camps, under their old name
    unaligned: list[dict[str, Any]] = field(default_factory=list)
    frustration: float = 0.0
    frustration_index: float = 0.0
    frustration_exact: bool = True
    frustration_lower_bound: float = 0.0
    camp_method: str = ""
    placed_by_structure: dict[str, str] = field(default_factory=dict)
    frustrated: list[dict[str, Any]] = field(default_factory=list)
    frustrated_count: int = 0
    hostility_matrix: dict[str, Any] = field(default_factory=dict)
    hostile_pairs: list[dict[str, Any]] = field(default_factory=list)
    most_connected: list[dict[str, Any]] = field(default_factory=list)
    pagerank: list[dict[str, Any]] = field(default_factory=list)
    brokers: list[dict[str, Any]] = field(default_factory=list)
    betweenness: list[dict[str, Any]] = field(default_factory=list)
    betweenness_sampled: int | None = None
    chains: list[dict[str, Any]] = field(default_factory=list)
    unbalanced_triads: list[dict[str, Any]] = field(default_factory=list)
    unbalanced_count: int = 0
    balanced_count: int = 0
    periods: list[dict[str, Any]] = field(default_factory=list)
    undated_statements: int = 0
    period: str = "year"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict."""
        return asdict(self)

    def to_text(self) -> str:
        """The readable report (rich tables rendered as plain text)."""
        from ..report.text import summary_text

        return summary_text(self)


def camp_rows(camps: Camps, S: nx.Graph) -> list[dict[str, Any]]:
    """One row per camp: ``{id, name, size, members, iris, internal_hostile, clusters}`` (id from 1)."""
    t = tie_arrays(S)
    camp = np.array([camps.camp_of.get(str(n), -1) for n in t.nodes], dtype=np.int64)
    inside = (t.sign < 0) & (camp[t.i] >= 0) & (camp[t.i] == camp[t.j]) if len(t.i) else np.zeros(0, bool)
    hostile = np.bincount(camp[t.i][inside], minlength=len(camps.camps)).tolist()
    rows = []
    for k, members in enumerate(camps.camps):
        rows.append({"id": k + 1, "name": camps.names[k], "size": len(members),
                     "members": [camps.labels.get(m, m) for m in members], "iris": list(members),
                     "internal_hostile": hostile[k],
                     "clusters": [[camps.labels.get(m, m) for m in c] for c in
                                  (camps.clusters[k] if k < len(camps.clusters) else [])]})
    return rows


def analyze(G: nx.MultiDiGraph, *, top: int = 10, period: str = "year", betweenness_sample: int = 200,
            view: str = "organisation", half_life_days: float | None = HALF_LIFE_DAYS, min_evidence: int = 1,
            with_curated: bool = False, seed: int = SEED, relations=None, time_limit: float = 60.0) -> Analysis:
    """Run every analysis family on ``G`` (see the module docstring); works on empty and undated graphs."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    H = filter_network(G, min_evidence=min_evidence, relations=relations, with_curated=with_curated)
    S = signed_view(H, view=view, half_life_days=half_life_days, with_curated=with_curated)
    camps = find_camps(S, seed=seed, time_limit=time_limit)
    rows = camp_rows(camps, S)
    triads = unbalanced_triads(S, top=top)
    between, k = betweenness(S, top=top, sample=betweenness_sample, seed=seed)
    periods, undated = timeline(H, period=period, top=top)
    extracted = {n for u, v, d in H.edges(data=True) if d.get("evidence") for n in (u, v)}
    return Analysis(
        nodes=len(extracted), edges=sum(1 for *_, d in H.edges(data=True) if d.get("evidence")),
        signed_edges=sum(1 for *_, d in S.edges(data=True) if (d.get("weight") or 0) > 0), view=view,
        camps=rows, blocs=rows,
        unaligned=[{"iri": a, "label": camps.labels.get(a, a)} for a in camps.unaligned],
        frustration=camps.frustration, frustration_index=camps.index, frustration_exact=camps.exact,
        frustration_lower_bound=camps.lower_bound, camp_method=camps.method,
        placed_by_structure=camps.placed_by_structure,
        frustrated=camps.frustrated[:top], frustrated_count=len(camps.frustrated),
        hostility_matrix=camp_matrix(S, camps), hostile_pairs=hostile_pairs(S, camps, top=top),
        most_connected=most_connected(H, top=top), pagerank=pagerank(S, top=top),
        brokers=camp_brokers(S, camps, top=top), betweenness=between, betweenness_sampled=k,
        chains=patron_chains(H, top=top), unbalanced_triads=triads["triads"],
        unbalanced_count=triads["unbalanced_count"], balanced_count=triads["balanced_count"],
        periods=periods, undated_statements=undated, period=period)
