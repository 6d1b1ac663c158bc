"""Brokers between camps, the hostility matrix, and two periods compared."""
from __future__ import annotations

from graph.analysis.camps import find_camps
from graph.analysis.centrality import brokers
from graph.analysis.hostility import hostility
from graph.analysis.timeline import compare, parse_period

from .test_camps import BALANCED, signed


def test_an_actor_allied_with_both_camps_is_a_broker():
    edges = BALANCED + [("m", "a", 1, 2), ("m", "b", 1), ("m", "x", 1)]   # leans to a–b–c, also allied with x
    S = signed(edges)
    camps = find_camps(S)
    found = brokers(S, camps)
    by = {b["iri"]: b for b in found["brokers"]}
    # both ends of the friendly tie across camps sit between the camps; nobody else does
    assert set(by) == {"m", "x"}
    assert by["m"]["reason"] == "allied with several camps"
    assert by["m"]["allied_camps"] == {camps.camp_of["a"]: 3.0, camps.camp_of["x"]: 1.0}
    assert found["pagerank"] and found["betweenness"]


def test_an_actor_both_allied_and_hostile_across_camps_is_a_broker():
    S = signed(BALANCED + [("m", "a", 1, 3)])
    S.add_edge("m", "x", sign=-1, weight=1.0, positive=1.0, negative=2.0, relations=["alliedWith", "attacks"],
               documents=3, evidence=[])
    found = {b["iri"]: b for b in brokers(S, find_camps(S))["brokers"]}
    assert set(found) == {"m", "x"}
    assert found["m"]["reason"].endswith("hostile across camps")
    assert found["m"]["hostile_camps"] == {find_camps(S).camp_of["x"]: 2.0}


def test_hostility_matrix_between_camps():
    S = signed(BALANCED)
    camps = find_camps(S)
    h = hostility(S, camps)
    assert h["matrix"]["hostile_ties"] == [[0, 4], [4, 0]]
    assert h["matrix"]["allied_ties"] == [[3, 0], [0, 3]]
    assert h["pairs"][0]["weight"] == 2.0 and {h["pairs"][0]["source"], h["pairs"][0]["target"]} == {"b", "y"}


def test_compare_finds_new_lost_flipped_ties_and_camp_changes():
    before = signed(BALANCED + [("m", "a", 1, 3), ("m", "x", -1, 3)])
    after = signed([e for e in BALANCED if e[:2] != ("c", "x")] + [("m", "a", -1, 3), ("m", "x", 1, 3),
                                                                  ("a", "k", 1)])
    out = compare(before, find_camps(before), after, find_camps(after))
    assert {(t["source"], t["target"]) for t in out["new_ties"]} == {("a", "k")}
    assert {(t["source"], t["target"]) for t in out["lost_ties"]} == {("c", "x")}
    assert {(f["after"]["source"], f["after"]["target"]) for f in out["sign_flips"]} == {("a", "m"), ("m", "x")}
    assert [m["iri"] for m in out["changed_camp"]] == ["m"]


def test_periods_parse():
    assert parse_period("2019") == ("2019", "2019")
    assert parse_period("2019-01..2019-06") == ("2019-01", "2019-06")
    assert parse_period("..2020") == (None, "2020")


def test_the_vectorised_brokers_of_large_graphs_are_those_of_the_loop(monkeypatch):
    import math
    import random

    import networkx as nx

    from graph.analysis import centrality
    from graph.analysis.camps import find_camps

    rng = random.Random(3)
    S = nx.Graph()
    for _ in range(6000):
        u, v = rng.randrange(1500), rng.randrange(1500)
        if u != v:        # mixed ties too: allied in some reports, hostile in others
            p, q = rng.choice([(1.0, 0.0), (0.0, 2.0), (1.5, 0.5), (0.25, 1.0)])
            S.add_edge(f"n{u}", f"n{v}", sign=1 if p > q else -1, weight=abs(p - q), positive=p, negative=q)
    camps = find_camps(S, seed=0, clusters=False)
    assert len(camps.camps) >= 2
    monkeypatch.setattr(centrality, "IGRAPH_FROM", 10**9)
    loop = centrality.camp_brokers(S, camps, top=40)
    monkeypatch.setattr(centrality, "IGRAPH_FROM", 0)
    arrays = centrality.camp_brokers(S, camps, top=40)
    assert len(loop) == 40 and [r["label"] for r in loop] == [r["label"] for r in arrays]
    for a, b in zip(loop, arrays):
        assert (a["camp"], a["reason"]) == (b["camp"], b["reason"]) and math.isclose(a["score"], b["score"])
        for part in ("allied_camps", "hostile_camps"):
            assert a[part].keys() == b[part].keys()
            assert all(math.isclose(a[part][c], b[part][c]) for c in a[part])
