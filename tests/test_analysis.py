"""The overview (graph.analysis.summary.analyze) on a hand-built two-camp scenario stored in the project's RDF model."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from graph.analysis.chains import patron_chains
from graph.analysis.summary import Analysis, analyze
from graph.analysis.timeline import timeline
from graph.analysis.triads import unbalanced_triads
from graph.network.build import build_network
from graph.vocab import ACTOR, AG, ID, relation

ACTORS = {  # local name: (class, label)
    "Northland": ("State", "Northland"), "IronGuard": ("ArmedForce", "Iron Guard"),
    "RedBrigade": ("ArmedGroup", "Red Brigade"), "BlueFront": ("ArmedGroup", "Blue Front"),
    "GreenCell": ("Group", "Green Cell"), "JaneDoe": ("Person", "Jane Doe"),
    "Southland": ("State", "Southland"), "Westland": ("State", "Westland"),
    "CoastalUnion": ("Organization", "Coastal Union"), "HarborForce": ("ArmedGroup", "Harbor Force"),
}

# (subject, relation, object, date) — one document per statement, dated by the document
FACTS = [
    # eastern camp, with the chain Green Cell → Red Brigade → Iron Guard → Northland
    ("GreenCell", "backedBy", "RedBrigade", "2019-03-01"),
    ("RedBrigade", "backedBy", "IronGuard", "2019-03-02"),
    ("RedBrigade", "backedBy", "IronGuard", "2020-01-10"),
    ("IronGuard", "backedBy", "Northland", "2019-04-01"),
    ("BlueFront", "alliedWith", "RedBrigade", "2019-05-01"),
    ("BlueFront", "supports", "Northland", "2019-05-02"),
    ("JaneDoe", "leaderOf", "Northland", "2019-06-01"),
    # a tension inside the eastern camp: Iron Guard + Red Brigade, Red Brigade + Blue Front, Iron Guard − Blue Front
    ("IronGuard", "accuses", "BlueFront", "2020-01-15"),
    # western camp
    ("Westland", "alliedWith", "Southland", "2019-02-01"),
    ("CoastalUnion", "supports", "Southland", "2019-02-02"),
    ("CoastalUnion", "alliedWith", "Westland", "2020-02-01"),
    ("HarborForce", "backedBy", "Westland", "2020-02-02"),
    # hostility between the camps
    ("Southland", "attacks", "RedBrigade", "2020-01-03"),
    ("Southland", "attacks", "RedBrigade", "2020-01-04"),
    ("Westland", "sanctions", "Northland", "2019-07-01"),
    ("Southland", "condemns", "Northland", "2020-03-01"),
    ("RedBrigade", "threatens", "HarborForce", "2020-03-02"),
    # neutral contact
    ("Westland", "meetsWith", "Northland", "2020-03-03"),
]


def make_dataset(facts=FACTS, dated: bool = True) -> Dataset:
    ds = Dataset(default_union=True)
    for i, (s, rel, o, date) in enumerate(facts):
        doc = ID[f"doc/t{i}"]
        g = ds.graph(doc)
        g.add((doc, RDF.type, AG.Document))
        g.add((doc, DCTERMS.title, Literal(f"Dispatch {i}")))
        if dated:
            g.add((doc, DCTERMS.date, Literal(date, datatype=XSD.date)))
        for name in (s, o):
            cls, label = ACTORS[name]
            g.add((ACTOR[name], RDF.type, AG[cls]))
            g.add((ACTOR[name], SKOS.prefLabel, Literal(label, lang="en")))
        stmt, ev, p = ID[f"stmt/t{i}"], ID[f"ev/t{i}"], relation(rel).iri
        for triple in ((stmt, RDF.type, AG.Statement), (stmt, RDF.subject, ACTOR[s]),
                       (stmt, RDF.predicate, p), (stmt, RDF.object, ACTOR[o]),
                       (stmt, AG.confidence, Literal("0.7", datatype=XSD.decimal)),
                       (stmt, AG.negated, Literal(False)), (stmt, PROV.wasDerivedFrom, ev),
                       (ev, RDF.type, AG.Evidence), (ev, AG.document, doc),
                       (ev, AG.sentence, Literal(f"{ACTORS[s][1]} {rel} {ACTORS[o][1]}.")),
                       (ACTOR[s], p, ACTOR[o])):
            g.add(triple)
    return ds


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyze(build_network(make_dataset()))


EAST = {"Northland", "Iron Guard", "Red Brigade", "Blue Front", "Green Cell"}
WEST = {"Southland", "Westland", "Coastal Union", "Harbor Force"}


def test_camps_are_the_two_sides(result):
    assert [set(b["members"]) for b in result.camps] == [EAST, WEST]
    assert result.blocs == result.camps                      # the old name still answers
    assert [b["size"] for b in result.camps] == [5, 4]
    assert result.camps[0]["internal_hostile"] == 1          # Iron Guard accuses Blue Front
    assert result.camps[1]["internal_hostile"] == 0
    # the one frustrated tie is that accusation, with its sentence
    assert result.frustrated_count == 1 and result.frustration_exact
    tie = result.frustrated[0]
    assert {tie["source_label"], tie["target_label"]} == {"Iron Guard", "Blue Front"}
    assert tie["evidence"][0]["sentence"] == "Iron Guard accuses Blue Front."
    assert 0 < result.frustration_index < 0.2
    # Southland–Red Brigade, Westland–Northland, Southland–Northland, Red Brigade–Harbor Force
    assert result.hostility_matrix["hostile_ties"] == [[1, 4], [4, 0]]
    assert result.hostility_matrix["allied_ties"][0][1] == 0
    # Jane Doe leads Northland: in the organisation view she is not an actor of her own
    assert "Jane Doe" not in {u["label"] for u in result.unaligned}


def test_most_connected_and_pagerank(result):
    top = result.most_connected[0]
    assert (top["label"], top["degree"]) == ("Northland", 5)     # ties with Red Brigade, label order
    assert {r["label"]: r["degree"] for r in result.most_connected}["Red Brigade"] == 5
    assert result.pagerank[0]["label"] == "Red Brigade"         # the hub of the eastern camp
    assert "Jane Doe" not in [r["label"] for r in result.pagerank]
    assert sum(r["score"] for r in result.pagerank) == pytest.approx(1.0)


def test_betweenness_beside_the_brokers(result):
    labels = [b["label"] for b in result.betweenness]
    assert labels[0] == "Red Brigade"                     # on every path between Green Cell and the rest
    assert "Jane Doe" not in labels
    assert result.betweenness_sampled is None
    assert result.brokers == []                           # nobody is allied with both camps here


def test_patron_chains_are_maximal_and_longest_first(result):
    chains = [c["labels"] for c in result.chains]
    assert chains == [["Green Cell", "Red Brigade", "Iron Guard", "Northland"]]
    assert result.chains[0]["length"] == 3
    assert result.chains[0]["relations"] == ["backedBy"] * 3
    assert result.chains[0]["weight"] == 4                 # 1 + 2 + 1 supporting sentences


def test_chain_of_two_and_cycles():
    G = nx.MultiDiGraph()
    for s, o in [("a", "b"), ("b", "c"), ("x", "y"), ("y", "z"), ("z", "x"), ("d", "e")]:
        G.add_edge(s, o, key="backedBy", weight=1)
    chains = sorted(tuple(c["iris"]) for c in patron_chains(G))
    assert ("a", "b", "c") in chains
    assert {("x", "y", "z"), ("y", "z", "x"), ("z", "x", "y")} <= set(chains)
    assert all(len(c) >= 3 for c in chains)               # d → e is too short


def test_unbalanced_triads_found(result):
    # Iron Guard accuses Blue Front although both are tied to Red Brigade and to Northland
    assert result.unbalanced_count == 2
    assert sorted(sorted(t["actors"]) for t in result.unbalanced_triads) == [
        ["Blue Front", "Iron Guard", "Northland"], ["Blue Front", "Iron Guard", "Red Brigade"]]
    assert all(sorted(t["signs"]) == [-1, 1, 1] for t in result.unbalanced_triads)
    assert all(len(t["ties"]) == 3 and all(tie["evidence"] for tie in t["ties"]) for t in result.unbalanced_triads)
    assert result.balanced_count == 2


def test_unbalanced_triads_on_signed_graph_directly():
    S = nx.Graph()
    S.add_edge("a", "b", sign=-1, weight=1)
    S.add_edge("b", "c", sign=-1, weight=1)
    S.add_edge("a", "c", sign=-1, weight=1)                # all enemies: unbalanced
    S.add_edge("c", "d", sign=1, weight=1)
    found = unbalanced_triads(S)
    assert (found["unbalanced_count"], found["balanced_count"]) == (1, 0)
    assert found["triads"][0]["signs"] == [-1, -1, -1]


def test_periods_counted_by_kind(result):
    by = {p["period"]: p for p in result.periods}
    assert list(by) == ["2019", "2020"]
    assert {k: by["2019"][k] for k in ("alliance", "hostility", "structural", "neutral")} == \
        {"alliance": 7, "hostility": 1, "structural": 1, "neutral": 0}
    assert {k: by["2020"][k] for k in ("alliance", "hostility", "structural", "neutral")} == \
        {"alliance": 3, "hostility": 5, "structural": 0, "neutral": 1}
    new_2020 = {(e["source"], e["relation"], e["target"]) for e in by["2020"]["new_edges"]}
    assert ("Red Brigade", "backedBy", "Iron Guard") not in new_2020
    assert ("Southland", "attacks", "Red Brigade") in new_2020
    assert by["2019"]["new_edge_count"] == 9 and by["2020"]["new_edge_count"] == 7
    assert result.undated_statements == 0


def test_month_periods():
    periods, undated = timeline(build_network(make_dataset()), period="month")
    months = [p["period"] for p in periods]
    assert months[0] == "2019-02" and months[-1] == "2020-03"
    assert {p["period"]: p["hostility"] for p in periods}["2020-01"] == 3
    with pytest.raises(ValueError, match="year, month"):
        timeline(nx.MultiDiGraph(), period="week")


def test_graph_without_dates():
    result = analyze(build_network(make_dataset(dated=False)))
    assert result.periods == []
    assert result.undated_statements == len(FACTS)
    assert len(result.camps) == 2 and result.chains
    assert "no dated statements" in result.to_text()


def test_empty_graph():
    result = analyze(nx.MultiDiGraph())
    assert (result.nodes, result.camps, result.brokers, result.chains, result.periods) == (0, [], [], [], [])
    assert "Network: 0 actors" in result.to_text()
    json.dumps(result.to_dict())


def test_report_outputs(result):
    data = json.loads(json.dumps(result.to_dict()))
    assert data["chains"][0]["labels"][0] == "Green Cell"
    text = result.to_text()
    assert "Green Cell → Red Brigade → Iron Guard → Northland" in text
    assert "Camps (Blocs)" in text and "Frustrated ties (1)" in text
    assert "Iron Guard accuses Blue Front." in text
