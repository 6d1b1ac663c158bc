"""The signed view: who is, on balance, a friend (+) or a foe (−) of whom.

:func:`signed_view` collapses the network of :func:`graph.network.build.build_network`
into an undirected :class:`networkx.Graph`:

* the **sign** of each relation is its polarity in the ontology (``ag:polarity``);
  structural and neutral relations carry none;
* the **weight** of a relation is the sum, over its distinct supporting articles
  (renamed copies counted once, see ``build_network``), of confidence × recency,
  recency halving every ``half_life_days`` before the latest date in the graph;
* in the **organisation view** (the default) a person's ties count for the
  organisation or state the person leads or belongs to (``leaderOf`` before
  ``memberOf``, extracted or curated), so "X's president threatens Y" is X vs Y;
  ``view="person"`` keeps persons as they are;
* curated background facts roll persons up and link structure, but never add a
  sign by themselves: with ``with_curated=True`` a curated-only signed tie appears
  with ``curated=True`` and weight 0 (shown, marked, not counted).

Each signed edge keeps ``sign``, ``weight`` (|positive − negative|), ``positive``,
``negative``, ``documents`` (articles behind it), ``relations`` (the relation names)
and ``ties`` (references to the network edges behind it, strongest first);
:func:`tie_evidence` turns them into evidence records, so every tie an analysis
reports can be shown with its sentences.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import networkx as nx

from ..vocab import AG, RDFS, Rel, ontology_graph, relation
from .ties import gc_paused, keep_arrays

__all__ = ["HALF_LIFE_DAYS", "VIEWS", "filter_network", "person_classes", "rollup_map", "signed_view", "tie_evidence"]

#: Default recency half-life: a tie reported three years before the latest one counts half
#: (alignments change slowly; use ``--since``/``compare`` to look at one period).
HALF_LIFE_DAYS = 1095.0
VIEWS = ("organisation", "person")
#: Evidence records kept per signed tie.
EVIDENCE_PER_TIE = 5
_DEFAULT_CONFIDENCE = 0.5
#: Relations by which a person is rolled up into an organisation, in order of preference.
_ROLLUP = (str(Rel.leaderOf), str(Rel.memberOf))
#: Part-to-whole relations between organisations (structure, never a sign).
_STRUCTURE = (str(Rel.partOf), str(Rel.memberOf))


@cache
def person_classes() -> frozenset[str]:
    """Local names of ag:Person and its subclasses (from the ontology)."""
    g = ontology_graph()
    found = {"Person"}
    changed = True
    while changed:
        changed = False
        for sub, sup in g.subject_objects(RDFS.subClassOf):
            s, o = str(sub), str(sup)
            if s.startswith(str(AG)) and o.startswith(str(AG)) and o[len(str(AG)):] in found \
                    and s[len(str(AG)):] not in found:
                found.add(s[len(str(AG)):])
                changed = True
    return frozenset(found)


@gc_paused()
def filter_network(G: nx.MultiDiGraph, *, min_evidence: int = 1, relations: Iterable[str] | None = None,
                   with_curated: bool = False) -> nx.MultiDiGraph:
    """The network the analyses read: ``G`` (built with curated facts) trimmed to what counts.

    * extracted edges need ≥ ``min_evidence`` distinct supporting articles;
    * ``relations`` keeps only these relations, plus the roll-up relations (leaderOf,
      memberOf) the organisation view needs;
    * curated-only edges link structure (partOf, leaderOf, …) between actors the
      articles mention; curated-only alliance or hostility is kept only with
      ``with_curated`` (and then carries no weight in the signed view).

    When nothing is trimmed (and every actor has an extracted relation) ``G`` itself is
    returned, not a copy.
    """
    wanted = None
    if relations:
        try:
            wanted = {relation(r).name for r in ([relations] if isinstance(relations, str) else relations)}
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None
        wanted |= set(_ROLLUP)
    # one walk over the relations (two took 4 s at a million): curated-only ones are checked after it
    extracted: set = set()
    candidates = []
    seen = 0
    for u, v, k, d in G.edges(keys=True, data=True):
        seen += 1
        curated = _curated_only(d)
        if not curated:
            extracted.add(u)
            extracted.add(v)
        if wanted is not None and k not in wanted:
            continue
        if curated:
            if d.get("kind") != "structural" and not with_curated:
                continue
        elif _documents(d) < min_evidence:
            continue
        candidates.append((u, v, k, d, curated))
    kept = [(u, v, k, d) for u, v, k, d, curated in candidates
            if not curated or (u in extracted and v in extracted)]
    if len(kept) == seen and len(extracted) == len(G):
        return G        # nothing to trim: no copy (copying a million relations took 8 s)
    H = nx.MultiDiGraph()
    for u, v, k, d in kept:
        H.add_edge(u, v, key=k, **d)
    for n in H:
        H.nodes[n].update(G.nodes[n])
    return H


def _curated_only(d: dict[str, Any]) -> bool:
    return bool(d.get("curated")) and not d.get("evidence")


def _documents(d: dict[str, Any]) -> int:
    return int(d.get("documents") or d.get("weight") or 0)


def rollup_map(G: nx.MultiDiGraph, edges=None) -> dict[str, str]:
    """Person → the organisation or state they count for (most supported leaderOf, else memberOf)."""
    persons = person_classes()
    best: dict[str, tuple[int, int, str]] = {}
    for u, v, k, d in (G.edges(keys=True, data=True) if edges is None else edges):
        if k not in _ROLLUP or u == v:
            continue
        if G.nodes[u].get("type", "Actor") not in persons or G.nodes[v].get("type", "Actor") in persons:
            continue
        rank = (-_ROLLUP.index(k), _documents(d) + (1 if d.get("curated") else 0), str(v))
        if u not in best or rank > best[u]:
            best[u] = rank
    return {p: r[2] for p, r in best.items()}


def _structure(G: nx.MultiDiGraph, mapping: dict[str, str], edges) -> list[tuple[str, str]]:
    """(part, whole) links between organisations: partOf / memberOf, extracted or curated.

    They carry no sign; :func:`graph.analysis.camps.find_camps` uses them to place an
    organisation that has no signed tie of its own beside the camp of its parts or whole.
    """
    persons = person_classes()
    links = set()
    for u, v, k, _ in edges:
        if k not in _STRUCTURE:
            continue
        a, b = mapping.get(u, u), mapping.get(v, v)
        if a != b and G.nodes[a].get("type", "Actor") not in persons and G.nodes[b].get("type", "Actor") not in persons:
            links.add((str(a), str(b)))
    return sorted(links)


def _parse_day(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10] if len(day) >= 10 else (day + "-01-01")[:10])
    except ValueError:
        return None


def _decay_function(latest: date | None, half_life: float | None):
    """day string → recency factor (halving every ``half_life`` days before ``latest``), cached per day."""
    if not half_life or latest is None:
        return lambda day: 1.0

    @cache
    def decay(day: str | None) -> float:
        d = _parse_day(day) if day else None
        return 1.0 if d is None else 0.5 ** (max((latest - d).days, 0) / half_life)

    return decay


def _strength(d: dict[str, Any], decay) -> float:
    """Σ over distinct articles of confidence × recency (scaled up when evidence was capped)."""
    evidence = d.get("evidence") or []
    documents = _documents(d)
    if len(evidence) == 1:                      # the common case, kept cheap
        conf = evidence[0].get("confidence")
        return (_DEFAULT_CONFIDENCE if conf is None else float(conf)) * decay(evidence[0].get("date")) * \
            max(documents, 1)
    per_article: dict[str, float] = {}
    for ev in evidence:
        article = ev.get("content_hash") or ev.get("document") or ev.get("sentence") or ""
        conf = ev.get("confidence")
        value = (_DEFAULT_CONFIDENCE if conf is None else float(conf)) * decay(ev.get("date"))
        per_article[article] = max(per_article.get(article, 0.0), value)
    if not per_article:
        conf = d.get("confidence")
        return documents * (_DEFAULT_CONFIDENCE if conf is None else float(conf)) * decay(d.get("last_date"))
    total = sum(per_article.values())
    return total * max(documents, len(per_article)) / len(per_article)


def _signed_edges(acc: dict[tuple[str, str], list]):
    for (a, b), (pos, neg, docs, ties) in acc.items():
        total = pos - neg
        if abs(total) < 1e-12:
            continue
        if len(ties) > 1:
            ties.sort(key=lambda t: (-t[0], t[1], str(t[2])))
        yield a, b, {"sign": 1 if total > 0 else -1, "weight": abs(total), "positive": pos, "negative": neg,
                     "documents": docs, "relations": sorted({t[1] for t in ties}) if len(ties) > 1 else [ties[0][1]],
                     "ties": ties, "curated": False}


def tie_evidence(d: dict[str, Any], limit: int = EVIDENCE_PER_TIE) -> list[dict[str, Any]]:
    """The evidence of a signed tie: records of its strongest relations first, each naming the
    relation and the two actors of the sentence (a person rolled up keeps their name here).

    Built on demand from the network edges the tie refers to (``ties``), so that the signed
    view of a million relations does not copy a million records.
    """
    if "ties" not in d:
        return list(d.get("evidence") or [])[:limit]
    out: list[dict[str, Any]] = []
    for _, k, u, v, e in d["ties"]:
        for ev in (e.get("evidence") or [])[:limit - len(out)]:
            out.append({"relation": k, "source_actor": str(u), "target_actor": str(v), **ev})
        if len(out) >= limit:
            break
    return out


def signed_view(G: nx.MultiDiGraph, *, view: str = "organisation", half_life_days: float | None = HALF_LIFE_DAYS,
                min_evidence: int = 1, with_curated: bool = False) -> nx.Graph:
    """The undirected signed graph of ``G`` (see the module docstring).

    Every actor of ``G`` is a node (persons rolled up in the organisation view are
    dropped from it and listed in the graph attribute ``rolled_up``: {person: organisation}).
    """
    with gc_paused():
        return _signed_view(G, view, half_life_days, min_evidence, with_curated)


def _signed_view(G: nx.MultiDiGraph, view: str, half_life_days: float | None, min_evidence: int,
                 with_curated: bool) -> nx.Graph:
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    # one pass for what the main pass needs: the latest date, and the structural ties
    latest, structural = "", []
    for u, v, k, d in G.edges(keys=True, data=True):
        day = d.get("last_date")
        if day and day > latest:
            latest = day
        if k in _ROLLUP or k in _STRUCTURE:
            structural.append((u, v, k, d))
    mapping = rollup_map(G, structural) if view == "organisation" else {}
    decay = _decay_function(_parse_day(latest) if latest else None, half_life_days)
    S = nx.Graph(view=view, rolled_up=dict(mapping), half_life_days=half_life_days)
    S.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n not in mapping)
    acc: dict[tuple[str, str], list] = {}          # pair → [positive, negative, documents, ties]
    curated_only: dict[tuple[str, str], int] = {}
    get_mapped = mapping.get
    # the hot loop of the view (a million relations at scale): kept flat on purpose
    for u, v, k, d in G.edges(keys=True, data=True):
        polarity = d.get("polarity")
        if not polarity or d.get("kind") == "structural":
            continue
        a, b = get_mapped(u, u), get_mapped(v, v)
        if a == b:
            continue
        pair = (a, b) if a <= b else (b, a)
        evidence = d.get("evidence")
        if not evidence and d.get("curated"):
            if with_curated:
                curated_only[pair] = 1 if polarity > 0 else -1
            continue
        documents = d.get("documents") or d.get("weight") or 0
        if documents < min_evidence:
            continue
        if evidence and len(evidence) == 1:
            conf = evidence[0].get("confidence")
            w = (_DEFAULT_CONFIDENCE if conf is None else conf) * decay(evidence[0].get("date")) * documents
        else:
            w = _strength(d, decay)
        if polarity != 1 and polarity != -1:
            w *= abs(polarity)
        entry = acc.get(pair)
        if entry is None:
            acc[pair] = [w, 0.0, documents, [(w, k, u, v, d)]] if polarity > 0 else \
                [0.0, w, documents, [(w, k, u, v, d)]]
            continue
        entry[0 if polarity > 0 else 1] += w
        entry[2] += documents
        entry[3].append((w, k, u, v, d))
    # Written straight into the adjacency: add_edges_from copies each attribute dict and checks each
    # end again, 3 s of the 900k ties at scale; both ends are nodes already (added above).
    adj = S._adj
    ends_a, ends_b, positive, negative = [], [], [], []
    for a, b, data in _signed_edges(acc):
        if a not in adj or b not in adj:
            S.add_nodes_from((a, b))
        adj[a][b] = adj[b][a] = data
        ends_a.append(a)
        ends_b.append(b)
        positive.append(data["positive"])
        negative.append(data["negative"])
    del acc
    keep_arrays(S, ends_a, ends_b, positive, negative)   # the arrays every analysis reads (network/ties.py)
    S.graph["structure"] = _structure(G, mapping, structural)
    for pair, sign in curated_only.items():
        if not S.has_edge(*pair) and all(p in S for p in pair):
            S.add_edge(*pair, sign=sign, weight=0.0, positive=0.0, negative=0.0, documents=0,
                       relations=[], ties=[], curated=True)
    return S

