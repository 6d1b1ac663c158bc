"""Patron–client trees through backedBy, partOf, memberOf and leaderOf, each hop with its evidence."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.chains import patron_chains, patron_tree
from graph.errors import InputError
from graph.vocab import relation


def network(edges) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for s, rel, o, *curated in edges:
        r = relation(rel)
        G.add_edge(s, o, key=rel, relation=rel, polarity=r.polarity, kind=r.kind, weight=1, documents=1,
                   curated=bool(curated), evidence=[] if curated else [
                       {"sentence": f"{s} {rel} {o}.", "title": "T", "date": "2020-01-02", "source": "/x.txt",
                        "url": None, "confidence": 0.8, "document": "doc:1", "content_hash": "h"}])
    for n in G:
        G.nodes[n]["label"] = n.replace("_", " ")
    return G


EDGES = [
    ("Militia_A", "backedBy", "Guard"), ("Militia_A", "backedBy", "Patria"), ("Guard", "partOf", "Patria"),
    ("Unit_Q", "partOf", "Guard"), ("Chief", "leaderOf", "Militia_A"), ("Militia_B", "memberOf", "Umbrella", True),
    ("Umbrella", "backedBy", "Patria"), ("Militia_A", "attacks", "Enemyland"), ("Patria", "meetsWith", "Neutralia"),
    ("Enemyland", "attacks", "Militia_A"),
]


def test_a_chain_through_part_of_is_found_with_the_evidence_of_each_hop():
    tree = patron_tree(network(EDGES), "Patria")
    paths = {tuple(p["labels"]): p for c in tree["clients"] for p in c["paths"]}
    assert ("Militia A", "Patria") in paths                         # directly
    via_guard = paths[("Militia A", "Guard", "Patria")]             # and through the Guard
    assert via_guard["relations"] == ["backedBy", "partOf"]
    assert [h["evidence"][0]["sentence"] for h in via_guard["hops"]] == [
        "Militia_A backedBy Guard.", "Guard partOf Patria."]
    assert via_guard["hops"][0]["evidence"][0]["date"] == "2020-01-02"
    assert ("Unit Q", "Guard", "Patria") in paths                   # partOf twice
    assert ("Chief", "Militia A", "Patria") in paths                # leaderOf, upward
    curated = paths[("Militia B", "Umbrella", "Patria")]            # a curated hop is marked, without evidence
    assert curated["hops"][0]["curated"] and curated["hops"][0]["evidence"] == []
    assert "Neutralia" not in {c["label"] for c in tree["clients"]}
    assert tree["client_count"] == len(tree["clients"]) == 6


def test_indirect_hostility_runs_from_the_patron_through_its_client():
    tree = patron_tree(network(EDGES), "Patria")
    (h,) = tree["indirect_hostility"]
    assert (h["client_label"], h["relation"], h["target_label"]) == ("Militia A", "attacks", "Enemyland")
    assert h["hop"]["evidence"][0]["sentence"] == "Militia_A attacks Enemyland."


def test_the_patron_resolves_by_label_and_unknown_names_fail_clearly():
    assert patron_tree(network(EDGES), "patria")["patron"] == "Patria"
    with pytest.raises(InputError, match="unknown actor"):
        patron_tree(network(EDGES), "Atlantis")


def test_chains_overview_follows_part_of_too():
    chains = [c["labels"] for c in patron_chains(network(EDGES))]
    assert ["Unit Q", "Guard", "Patria"] in chains
    assert ["Chief", "Militia A", "Guard", "Patria"] in chains
