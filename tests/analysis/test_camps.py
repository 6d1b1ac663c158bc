"""Camps by structural balance on hand-built signed graphs with known answers."""
from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from graph.analysis.balance import exact_bipartition, heuristic_bipartition
from graph.analysis.camps import find_camps, to_arrays


def signed(edges, labels=None) -> nx.Graph:
    S = nx.Graph()
    for u, v, s, *w in edges:
        S.add_edge(u, v, sign=s, weight=float(w[0]) if w else 1.0, relations=["alliedWith" if s > 0 else "attacks"],
                   documents=1, evidence=[{"sentence": f"{u} {'+' if s > 0 else '-'} {v}.", "date": "2020-01-01"}])
    for n in S:
        S.nodes[n]["label"] = (labels or {}).get(n, n.upper())
    return S


def planted(n: int, m: int, noise: float, seed: int) -> tuple[nx.Graph, dict[str, int]]:
    rng = random.Random(seed)
    side = {f"a{i:04d}": i % 2 for i in range(n)}
    names = sorted(side)
    edges = {}
    while len(edges) < m:
        u, v = rng.sample(names, 2)
        s = 1 if side[u] == side[v] else -1
        edges[tuple(sorted((u, v)))] = -s if rng.random() < noise else s
    return signed([(u, v, s) for (u, v), s in edges.items()]), side


def agreement(camps, truth: dict[str, int]) -> float:
    """Share of actors in the planted camp, up to swapping the two camp names."""
    same = sum(1 for a, c in camps.camp_of.items() if c == truth[a])
    return max(same, len(camps.camp_of) - same) / len(truth)


# A balanced graph: two allied triangles, every tie between them hostile, plus a bridge of two enemies.
BALANCED = [("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("x", "y", 1), ("y", "z", 1), ("x", "z", 1),
            ("a", "x", -1), ("b", "y", -1, 2), ("c", "z", -1), ("c", "x", -1)]


def test_a_balanced_graph_has_frustration_zero_and_the_harary_bipartition():
    S = signed(BALANCED)
    S.add_node("loner", label="Loner")                     # no signed tie: unaligned, not forced
    camps = find_camps(S)
    assert camps.frustration == 0 and camps.exact and camps.frustrated == []
    assert sorted(map(sorted, camps.camps)) == [["a", "b", "c"], ["x", "y", "z"]]
    assert camps.unaligned == ["loner"]
    assert camps.camp_of["a"] != camps.camp_of["x"]
    # the names come from the most central members of each camp
    assert all(len(name.split(", ")) == 3 for name in camps.names)


def test_exact_and_heuristic_agree_on_a_small_unbalanced_graph():
    edges = BALANCED + [("a", "z", 1, 3)]                # one friendly tie across: frustration 3 or more
    g = to_arrays(signed(edges), sorted({n for e in edges for n in e[:2]}))
    exact = exact_bipartition(g, time_limit=30)
    heur = heuristic_bipartition(g)
    assert exact.exact and exact.frustration == 3.0    # moving a or z instead costs more
    assert heur.frustration == exact.frustration
    assert heur.lower_bound <= exact.frustration


def test_the_frustrated_ties_are_listed_with_evidence():
    camps = find_camps(signed(BALANCED + [("b", "z", 1, 0.5)]))
    assert camps.frustration == 0.5
    (tie,) = camps.frustrated
    assert {tie["source"], tie["target"]} == {"b", "z"} and tie["sign"] == 1
    assert tie["evidence"][0]["sentence"] == "b + z."


@pytest.mark.parametrize("exact_max", [10**9, 0], ids=["exact", "heuristic"])
def test_a_planted_two_camp_graph_with_noise_is_recovered(exact_max):
    S, truth = planted(300, 3000, 0.05, seed=7)
    camps = find_camps(S, seed=1, exact_max_edges=exact_max, time_limit=5)
    assert len(camps.camps) == 2
    assert agreement(camps, truth) >= 0.95
    assert camps.lower_bound <= camps.frustration
    assert camps.index < 0.08                               # about 5 % of the ties were flipped


def test_a_third_camp_appears_only_when_it_lowers_frustration_enough():
    # three mutually hostile allied cliques: two camps leave one clique's hostility inside a camp
    groups = [[f"{g}{i}" for i in range(4)] for g in "pqr"]
    edges = [(a, b, 1) for grp in groups for i, a in enumerate(grp) for b in grp[i + 1:]]
    edges += [(a, b, -1) for k, g1 in enumerate(groups) for g2 in groups[k + 1:] for a in g1 for b in g2]
    camps = find_camps(signed(edges))
    assert len(camps.camps) == 3 and camps.frustration == 0
    assert sorted(map(sorted, camps.camps)) == groups
    two = find_camps(signed(edges), max_camps=2)
    assert len(two.camps) == 2 and two.frustration == 16   # one pair of cliques shares a camp


def test_an_actor_pulled_equally_both_ways_is_unaligned():
    edges = BALANCED + [("m", "a", 1), ("m", "x", 1)]     # allied with both sides, equally
    camps = find_camps(signed(edges))
    assert "m" in camps.unaligned and "m" not in camps.camp_of


def test_camps_are_deterministic_for_a_seed_whatever_the_global_random_state():
    # an all-positive random camp: Louvain has many near-equal partitions to choose from
    S = nx.gnp_random_graph(80, 0.1, seed=3)
    S = nx.relabel_nodes(S, {n: f"n{n:02d}" for n in S})
    for u, v in S.edges:
        S[u][v].update(sign=1, weight=1.0)
    S.add_edge("n00", "enemy", sign=-1, weight=1.0)
    S.add_edge("enemy", "foe2", sign=1, weight=1.0)
    results = set()
    for state in range(5):
        random.seed(state)
        np.random.seed(state)
        c = find_camps(S, seed=0)
        results.add(repr((c.camps, c.clusters)))
    assert len(results) == 1
    assert len(find_camps(S, seed=0).clusters[0]) > 1      # clusters inside the big camp exist


def test_an_unsigned_coalition_stands_where_most_of_its_parts_stand():
    S = signed(BALANCED)
    S.add_node("coalition", label="Coalition")
    S.add_node("state", label="State")
    S.add_node("wing", label="Wing")
    # a, b, c (one camp) are parts of the coalition, which is part of x's camp; the wing is part of the coalition
    S.graph["structure"] = [("a", "coalition"), ("b", "coalition"), ("z", "coalition"), ("coalition", "x"),
                            ("wing", "coalition")]
    camps = find_camps(S)
    assert camps.camp_of["coalition"] == camps.camp_of["a"] != camps.camp_of["x"]
    assert camps.camp_of["wing"] == camps.camp_of["a"]           # placed in turn, by its whole
    assert camps.placed_by_structure == {"coalition": "a", "wing": "coalition"}
    assert "state" in camps.unaligned
    # parts split evenly: no majority, the whole decides
    S.graph["structure"] = [("a", "coalition"), ("z", "coalition"), ("coalition", "x")]
    assert find_camps(S).camp_of["coalition"] == find_camps(S).camp_of["x"]


@pytest.mark.parametrize("seed", range(12))
def test_the_reduced_exact_solver_finds_the_same_frustration_index(seed):
    from graph.analysis.balance import SignedArrays, frustration_of
    from graph.analysis.frustration import exact_frustration

    rng = random.Random(seed)        # sparse: leaves, series ties and several blocks to reduce
    n = rng.randint(6, 40)
    ties = {}
    while len(ties) < rng.randint(n, 2 * n):
        u, v = rng.sample(range(n), 2)
        ties[(min(u, v), max(u, v))] = (rng.choice([1, -1]), rng.choice([1.0, 2.0, 0.5]))
    ends = np.array(list(ties))
    g = SignedArrays(n, ends[:, 0], ends[:, 1], np.array([s for s, _ in ties.values()], dtype=np.int8),
                     np.array([w for _, w in ties.values()]))
    plain, reduced = exact_bipartition(g, time_limit=20), exact_frustration(g, time_limit=20)
    assert plain.exact and reduced.exact
    assert reduced.frustration == pytest.approx(plain.frustration)
    assert frustration_of(g, reduced.side)[0] == pytest.approx(reduced.frustration)   # camps rebuilt right
