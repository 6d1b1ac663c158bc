"""What the actor network says: blocs, hubs, brokers, patron chains, tensions, change.

:func:`analyze` runs every step on a network from :func:`graph.network.build_network`
and returns an :class:`Analysis` (``to_dict()`` for JSON, ``to_text()`` for a report).
Each step is also a public function so a notebook can run one at a time.

Everything is linear in the number of edges except betweenness centrality
(sampled above :data:`BETWEENNESS_EXACT_MAX` nodes), triangle listing and the
bounded enumeration of patron chains.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from ..network.build import signed_graph
from ..vocab import relation

__all__ = [
    "Analysis", "analyze", "find_blocs", "most_connected", "find_brokers", "patron_chains",
    "unbalanced_triads", "timeline", "PATRON_RELATION", "SEED",
]

#: Seed for every randomised step (Louvain, sampled betweenness).
SEED = 42
#: Relation followed by patron–client chains (client backedBy patron).
PATRON_RELATION = relation("backedBy").name
#: Betweenness is exact up to this many nodes, sampled with ``k`` sources above.
BETWEENNESS_EXACT_MAX = 1000
#: Blocs with at least this many members are "big" (hostility between them is counted).
BIG_BLOC = 3
#: Safety bounds for chain enumeration (number of paths explored).
MAX_CHAIN_PATHS = 20000
PERIODS = {"year": 4, "month": 7}
KINDS = ("alliance", "hostility", "structural", "neutral")


def _label(G: nx.Graph, node: Any) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else str(node)


# ---------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------

@dataclass
class Analysis:
    """Results of :func:`analyze`. Actors are given by label; IRIs are kept where useful."""

    nodes: int = 0
    edges: int = 0
    signed_edges: int = 0
    blocs: list[dict[str, Any]] = field(default_factory=list)
    bloc_hostility: list[dict[str, Any]] = field(default_factory=list)
    most_connected: list[dict[str, Any]] = field(default_factory=list)
    pagerank: list[dict[str, Any]] = field(default_factory=list)
    brokers: list[dict[str, Any]] = field(default_factory=list)
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
        """A readable plain-text report."""
        out: list[str] = [f"Network: {self.nodes} actors, {self.edges} relations, "
                          f"{self.signed_edges} signed pairs"]

        def section(title: str, lines: Iterable[str], empty: str = "none") -> None:
            lines = list(lines)
            out.append("")
            out.append(title)
            if lines:
                out.extend(f"  {line}" for line in lines)
            else:
                out.append(f"  ({empty})")

        section("Blocs (communities of allied actors)",
                (f"{i}. [{b['size']}] {', '.join(b['members'][:12])}"
                 + (" …" if b["size"] > 12 else "")
                 + (f"  — {b['internal_hostile']} hostile tie{'s' if b['internal_hostile'] != 1 else ''} inside"
                    if b["internal_hostile"] else "")
                 for i, b in enumerate(self.blocs, 1)))
        section("Hostility between big blocs",
                (f"bloc {h['a']} × bloc {h['b']}: {h['hostile_edges']} hostile, "
                 f"{h['allied_edges']} allied" for h in self.bloc_hostility))
        section("Most connected (distinct counterparts)",
                (f"{r['label']}: {r['degree']}" for r in self.most_connected))
        section("PageRank on the alliance ties",
                (f"{r['label']}: {r['score']:.4f}" for r in self.pagerank))
        sampled = f" (sampled, k={self.betweenness_sampled})" if self.betweenness_sampled else ""
        section(f"Brokers (betweenness{sampled})",
                (f"{r['label']}: {r['score']:.4f}" for r in self.brokers))
        section("Patron–client chains (client → patron → …)",
                (" → ".join(c["labels"]) for c in self.chains))
        section(f"Unbalanced triads ({self.unbalanced_count} unbalanced, {self.balanced_count} balanced)",
                (_triad_text(t) for t in self.unbalanced_triads))
        section(f"Change per {self.period}",
                (f"{p['period']}: " + ", ".join(f"{k} {p[k]}" for k in KINDS)
                 + f"; {p['new_edge_count']} new relations"
                 + (": " + "; ".join(f"{e['source']} {e['relation']} {e['target']}" for e in p["new_edges"])
                    if p["new_edges"] else "")
                 for p in self.periods),
                empty="no dated statements")
        if self.undated_statements:
            out.append(f"  ({self.undated_statements} statements without a date)")
        return "\n".join(out)


def _triad_text(t: dict[str, Any]) -> str:
    a, b, c = t["actors"]
    s = {1: "+", -1: "−"}
    return (f"{a} {s[t['signs'][0]]} {b}, {b} {s[t['signs'][1]]} {c}, "
            f"{a} {s[t['signs'][2]]} {c}")


# ---------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------

def _positive(S: nx.Graph) -> nx.Graph:
    P = nx.Graph()
    P.add_nodes_from(S.nodes(data=True))
    P.add_edges_from((u, v, {"weight": d["weight"]}) for u, v, d in S.edges(data=True) if d["sign"] > 0)
    return P


def find_blocs(S: nx.Graph, *, top: int = 10, seed: int = SEED) -> tuple[list[dict], list[dict]]:
    """Communities of the positive part of a signed graph (Louvain, fixed seed).

    Returns ``(blocs, hostility)``: blocs of two or more actors sorted by size (each
    ``{id, size, members, iris, internal_hostile}``), and for each pair of big blocs
    (≥ :data:`BIG_BLOC` members, among the first ``top``) the number of hostile and
    allied signed edges between them.
    """
    P = _positive(S)
    P.remove_nodes_from([n for n in list(P) if P.degree(n) == 0])
    if P.number_of_edges() == 0:
        return [], []
    communities = nx.community.louvain_communities(P, weight="weight", seed=seed)
    ordered = sorted((c for c in communities if len(c) >= 2),
                     key=lambda c: (-len(c), min(_label(S, n) for n in c)))[:top]
    bloc_of = {n: i for i, c in enumerate(ordered, 1) for n in c}
    internal: Counter[int] = Counter()
    between: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for u, v, d in S.edges(data=True):
        a, b = bloc_of.get(u), bloc_of.get(v)
        if a is None or b is None:
            continue
        if a == b:
            internal[a] += 1 if d["sign"] < 0 else 0
        else:
            between[(min(a, b), max(a, b))]["hostile" if d["sign"] < 0 else "allied"] += 1
    blocs = [{"id": i, "size": len(c), "members": sorted(_label(S, n) for n in c),
              "iris": sorted(str(n) for n in c), "internal_hostile": internal[i]}
             for i, c in enumerate(ordered, 1)]
    big = [b["id"] for b in blocs if b["size"] >= BIG_BLOC]
    hostility = [{"a": a, "b": b, "hostile_edges": between[(a, b)]["hostile"],
                  "allied_edges": between[(a, b)]["allied"]}
                 for i, a in enumerate(big) for b in big[i + 1:]]
    hostility.sort(key=lambda h: (-h["hostile_edges"], h["a"], h["b"]))
    return blocs, hostility


def most_connected(G: nx.MultiDiGraph, S: nx.Graph | None = None, *,
                   top: int = 10) -> tuple[list[dict], list[dict]]:
    """Actors by degree (distinct counterparts, any relation) and by PageRank.

    PageRank runs on the positive part of the signed graph ``S`` (computed from
    ``G`` when not given), weighted by the net alliance weight, so actors at the
    centre of a camp rank high. Returns ``(by_degree, by_pagerank)``, each a list of
    ``{iri, label, degree}`` / ``{iri, label, score}``.
    """
    neighbours: dict[Any, set] = defaultdict(set)
    for u, v in G.edges():
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    by_degree = sorted(((n, len(neighbours[n])) for n in G.nodes),
                       key=lambda x: (-x[1], _label(G, x[0])))[:top]
    degree = [{"iri": str(n), "label": _label(G, n), "degree": k} for n, k in by_degree if k]
    P = _positive(signed_graph(G) if S is None else S)
    P.remove_nodes_from([n for n in list(P) if P.degree(n) == 0])
    ranks = nx.pagerank(P, weight="weight") if P.number_of_edges() else {}
    by_rank = sorted(ranks.items(), key=lambda x: (-x[1], _label(G, x[0])))[:top]
    return degree, [{"iri": str(n), "label": _label(G, n), "score": s} for n, s in by_rank]


def find_brokers(S: nx.Graph, *, top: int = 10, sample: int = 200,
                 seed: int = SEED) -> tuple[list[dict], int | None]:
    """Betweenness centrality on the unsigned signed graph (who sits between camps).

    Exact up to :data:`BETWEENNESS_EXACT_MAX` nodes; above that ``sample`` source
    nodes are drawn with ``seed``. Returns ``(brokers, k)`` where ``k`` is the sample
    size used (``None`` when exact). Actors with zero betweenness are left out.
    """
    U = nx.Graph()
    U.add_nodes_from(S.nodes)
    U.add_edges_from(S.edges)
    n = U.number_of_nodes()
    if U.number_of_edges() == 0:
        return [], None
    k = min(sample, n) if n > BETWEENNESS_EXACT_MAX else None
    scores = nx.betweenness_centrality(U, k=k, seed=seed if k else None, normalized=True)
    ranked = sorted(((v, s) for v, s in scores.items() if s > 0), key=lambda x: (-x[1], _label(S, x[0])))
    return [{"iri": str(v), "label": _label(S, v), "score": s} for v, s in ranked[:top]], k


def patron_chains(G: nx.MultiDiGraph, *, top: int = 10, min_length: int = 2) -> list[dict]:
    """Maximal client → patron → patron's patron paths of :data:`PATRON_RELATION`.

    A chain starts at an actor nobody is backed by (or anywhere on a cycle with no
    way in) and is extended until no new patron can be added. Chains with at least
    ``min_length`` edges are returned deduplicated, longest first (then by total
    weight), each as ``{labels, iris, length, weight}``. Enumeration is bounded by
    :data:`MAX_CHAIN_PATHS`.
    """
    H = nx.DiGraph()
    for u, v, key, d in G.edges(keys=True, data=True):
        if key == PATRON_RELATION and u != v:
            H.add_edge(u, v, weight=d.get("weight", 1) or 1)
    if H.number_of_edges() < min_length:
        return []
    starts = [n for n in H if H.in_degree(n) == 0]
    cond = nx.condensation(H)
    for c in cond:  # strongly connected groups with no way in: every member may start a chain
        members = cond.nodes[c]["members"]
        if cond.in_degree(c) == 0 and len(members) > 1:
            starts.extend(members)

    found: dict[tuple, int] = {}
    explored = 0
    for start in sorted(starts, key=str):
        stack: list[tuple[Any, tuple, int]] = [(start, (start,), 0)]
        while stack and explored < MAX_CHAIN_PATHS:
            node, path, weight = stack.pop()
            explored += 1
            nxt = [p for p in H.successors(node) if p not in path]
            if not nxt:
                if len(path) - 1 >= min_length:
                    found[path] = weight
                continue
            for p in nxt:
                stack.append((p, path + (p,), weight + H[node][p]["weight"]))
    chains = sorted(found.items(), key=lambda x: (-len(x[0]), -x[1], [_label(G, n) for n in x[0]]))
    return [{"labels": [_label(G, n) for n in path], "iris": [str(n) for n in path],
             "length": len(path) - 1, "weight": w} for path, w in chains[:top]]


def unbalanced_triads(S: nx.Graph, *, top: int = 10) -> tuple[list[dict], int, int]:
    """Triangles of the signed graph whose sign product is negative.

    E.g. A allied B, B allied C, A hostile C — a tension structural balance theory
    expects to resolve. Returns ``(triads, unbalanced_count, balanced_count)``; the
    listed triads (heaviest first) are ``{actors, iris, signs, weight}`` with signs of
    (a–b, b–c, a–c).
    """
    order = {n: i for i, n in enumerate(sorted(S.nodes, key=lambda n: (S.degree(n), str(n))))}
    higher = {n: {m for m in S[n] if order[m] > order[n]} for n in S}
    unbalanced: list[tuple[int, tuple]] = []
    balanced = 0
    for a in S:
        for b in higher[a]:
            for c in higher[a] & higher[b]:
                sab, sbc, sac = S[a][b]["sign"], S[b][c]["sign"], S[a][c]["sign"]
                if sab * sbc * sac < 0:
                    w = S[a][b]["weight"] + S[b][c]["weight"] + S[a][c]["weight"]
                    unbalanced.append((w, (a, b, c, sab, sbc, sac)))
                else:
                    balanced += 1
    unbalanced.sort(key=lambda x: (-x[0], sorted(_label(S, n) for n in x[1][:3])))
    listed = []
    for w, (a, b, c, sab, sbc, sac) in unbalanced[:top]:
        listed.append({"actors": [_label(S, a), _label(S, b), _label(S, c)],
                       "iris": [str(a), str(b), str(c)], "signs": [sab, sbc, sac], "weight": w})
    return listed, len(unbalanced), balanced


def timeline(G: nx.MultiDiGraph, *, period: str = "year", top: int = 10) -> tuple[list[dict], int]:
    """Statements per period by relation kind, and the relations first seen in each period.

    Uses each edge's ``dates`` ({date: count}) and ``first_date``. ``period`` is
    ``"year"`` or ``"month"``. Returns ``(periods, undated_statements)``, periods in
    order, each ``{period, alliance, hostility, structural, neutral, new_edge_count,
    new_edges}`` (at most ``top`` new edges listed, heaviest first).
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    cut = PERIODS[period]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    new: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    undated = 0
    for u, v, key, d in G.edges(keys=True, data=True):
        kind = d.get("kind") if d.get("kind") in KINDS else "neutral"
        for date, n in (d.get("dates") or {}).items():
            counts[date[:cut]][kind] += n
        undated += d.get("undated", 0) or 0
        first = d.get("first_date")
        if first:
            new[first[:cut]].append((d.get("weight", 1) or 1, {
                "source": _label(G, u), "relation": key, "target": _label(G, v), "first_date": first}))
    out = []
    for p in sorted(set(counts) | set(new)):
        edges = sorted(new.get(p, []), key=lambda x: (-x[0], x[1]["source"], x[1]["relation"], x[1]["target"]))
        out.append({"period": p, **{k: counts[p][k] for k in KINDS},
                    "new_edge_count": len(edges), "new_edges": [e for _, e in edges[:top]]})
    return out, undated


def analyze(G: nx.MultiDiGraph, *, top: int = 10, period: str = "year",
            betweenness_sample: int = 200) -> Analysis:
    """Run every analysis step on a network from :func:`graph.network.build_network`.

    ``top`` bounds every ranked list; ``period`` is ``"year"`` or ``"month"`` for the
    change-over-time table; ``betweenness_sample`` is the number of sources sampled
    for betweenness on graphs above :data:`BETWEENNESS_EXACT_MAX` nodes.
    Works on an empty graph and on graphs without dates.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    S = signed_graph(G)
    blocs, hostility = find_blocs(S, top=top)
    degree, ranks = most_connected(G, S, top=top)
    brokers, k = find_brokers(S, top=top, sample=betweenness_sample)
    triads, n_unbalanced, n_balanced = unbalanced_triads(S, top=top)
    periods, undated = timeline(G, period=period, top=top)
    return Analysis(
        nodes=G.number_of_nodes(), edges=G.number_of_edges(), signed_edges=S.number_of_edges(),
        blocs=blocs, bloc_hostility=hostility, most_connected=degree, pagerank=ranks,
        brokers=brokers, betweenness_sampled=k, chains=patron_chains(G, top=top),
        unbalanced_triads=triads, unbalanced_count=n_unbalanced, balanced_count=n_balanced,
        periods=periods, undated_statements=undated, period=period,
    )
