"""The signed view: signs from the ontology, weights from articles × confidence × recency, persons rolled up."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.network.signed import filter_network, rollup_map, signed_view, tie_evidence
from graph.vocab import relation


def edge(G, s, rel, o, *, docs=1, conf=0.8, day="2020-01-01", curated=False, sentence=None):
    r = relation(rel)
    evidence = [] if curated else [{"sentence": sentence or f"{s} {rel} {o} ({i}).", "document": f"d{i}",
                                    "content_hash": f"h{s}{o}{i}", "date": day, "confidence": conf}
                                   for i in range(docs)]
    G.add_edge(s, o, key=rel, relation=rel, polarity=r.polarity, kind=r.kind, weight=docs, documents=docs,
               confidence=conf, last_date=day, evidence=evidence, curated=curated)


def base() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, t in (("Atland", "State"), ("Btland", "State"), ("Pres", "Person"), ("Cleric", "ReligiousAuthority"),
                 ("Guard", "ArmedForce"), ("Mil", "ArmedGroup")):
        G.add_node(n, label=n, type=t)
    edge(G, "Pres", "leaderOf", "Atland")
    edge(G, "Pres", "threatens", "Btland", docs=2)
    edge(G, "Mil", "backedBy", "Guard", docs=3)
    edge(G, "Guard", "partOf", "Atland")
    return G


def test_a_persons_statements_count_for_the_state_they_lead():
    S = signed_view(base(), half_life_days=None)
    assert "Pres" not in S and S.graph["rolled_up"] == {"Pres": "Atland"}
    tie = S.edges["Atland", "Btland"]
    assert tie["sign"] == -1 and tie["weight"] == pytest.approx(2 * 0.8)
    assert tie_evidence(tie)[0]["source_actor"] == "Pres"          # the sentence still names who said it
    person = signed_view(base(), view="person", half_life_days=None)
    assert person.has_edge("Pres", "Btland") and not person.has_edge("Atland", "Btland")


def test_structural_ties_carry_no_sign_but_link_structure():
    S = signed_view(base(), half_life_days=None)
    assert not S.has_edge("Guard", "Atland")
    assert ("Guard", "Atland") in S.graph["structure"]
    assert S.edges["Mil", "Guard"]["sign"] == 1 and S.edges["Mil", "Guard"]["weight"] == pytest.approx(2.4)


def test_renamed_copies_count_once_through_documents():
    G = base()
    edge(G, "Mil", "attacks", "Btland", docs=1)
    G.edges["Mil", "Btland", "attacks"]["evidence"].append(
        dict(G.edges["Mil", "Btland", "attacks"]["evidence"][0], document="copy"))   # same content hash
    assert signed_view(G, half_life_days=None).edges["Mil", "Btland"]["weight"] == pytest.approx(0.8)


def test_recency_halves_the_weight_every_half_life():
    G = base()
    edge(G, "Mil", "attacks", "Btland", day="2019-01-01")
    edge(G, "Guard", "attacks", "Btland", day="2021-01-01")
    S = signed_view(G, half_life_days=731)                      # 2019-01-01 → 2021-01-01 is 731 days
    assert S.edges["Mil", "Btland"]["weight"] == pytest.approx(0.4)
    assert S.edges["Guard", "Btland"]["weight"] == pytest.approx(0.8)


def test_curated_facts_roll_up_but_never_add_a_sign_by_themselves():
    G = base()
    edge(G, "Cleric", "memberOf", "Btland", curated=True)
    edge(G, "Cleric", "condemns", "Atland")
    edge(G, "Atland", "sanctions", "Mil", curated=True)           # curated hostility, no article says it
    H = filter_network(G)
    assert not H.has_edge("Atland", "Mil")
    S = signed_view(H, half_life_days=None)
    assert rollup_map(H) == {"Pres": "Atland", "Cleric": "Btland"}
    assert S.edges["Atland", "Btland"]["weight"] == pytest.approx(1.6 + 0.8)
    shown = signed_view(filter_network(G, with_curated=True), half_life_days=None, with_curated=True)
    marked = shown.edges["Atland", "Mil"]
    assert marked["curated"] is True and marked["weight"] == 0 and marked["sign"] == -1


def test_min_evidence_and_relation_filters():
    G = base()
    H = filter_network(G, min_evidence=2)
    assert H.has_edge("Mil", "Guard") and H.has_edge("Pres", "Btland") and not H.has_edge("Guard", "Atland")
    H = filter_network(G, relations=["threatens"])
    assert {k for *_, k in H.edges(keys=True)} == {"threatens", "leaderOf"}   # roll-up ties stay
    with pytest.raises(ValueError):
        filter_network(G, relations=["befriends"])


def test_the_arrays_handed_over_by_the_signed_view_are_those_of_its_edges():
    from graph.network.ties import tie_arrays

    G = base()
    edge(G, "Mil", "attacks", "Btland", docs=2)
    edge(G, "Btland", "alliedWith", "Guard")
    edge(G, "Guard", "attacks", "Mil")
    S = signed_view(G, half_life_days=None)
    given = tie_arrays(S)
    del S.graph["_arrays"]
    walked = tie_arrays(S)                                 # built again from its edges
    assert given.nodes == walked.nodes and len(given.i) == S.number_of_edges() == 4
    for name in ("i", "j", "sign", "weight", "positive", "negative"):
        assert getattr(given, name).tolist() == getattr(walked, name).tolist(), name
    S.add_edge("Atland", "Mil", sign=1, weight=1.0)          # a change is seen
    assert len(tie_arrays(S).i) == 5
