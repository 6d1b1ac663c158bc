"""build_network on the real embedded store: the flat fact scans joined in Python keep the network's meaning.

Our own sentences and actors (no article text). Each test writes a store on disk through
``Store.put_document`` and the corrections API, as ingest and ``actorgraph correct`` do.
"""
from __future__ import annotations

import pytest
from rdflib import Dataset

from graph.kb.knowledge_base import mint_actor
from graph.model import Document, Evidence, Statement
from graph.network.build import build_network
from graph.store import corrections as corr
from graph.store.oxigraph import Store

RED, BLUE, GREY = (mint_actor(n, "ArmedGroup") for n in ("Zorvek Red Column", "Zorvek Blue Column", "Zorvek Grey Bloc"))


def _doc(name: str, text: str, date: str | None, source: str) -> Document:
    return Document(id=name, text=text, title=f"Title of {name}", date=date, source=source)


def _st(doc: Document, s, rel, o, sentence: str, *, confidence=0.8, date=None, negated=False) -> Statement:
    start = doc.text.index(sentence)
    return Statement(s, rel, o, doc.id, doc.iri, Evidence(sentence, start, start + len(sentence)),
                     confidence=confidence, date=date, negated=negated)


def _fill(store: Store) -> None:
    a = _doc("a.txt", "Red armed Blue. Blue praised Red. Red denied attacking Grey.", "2021-05-01",
             "https://news.example/a")
    store.put_document(a, [
        _st(a, RED, "supports", BLUE, "Red armed Blue.", confidence=0.9),
        _st(a, BLUE, "supports", RED, "Blue praised Red.", confidence=0.4, date="2020-12-31"),   # its own date
        _st(a, RED, "attacks", GREY, "Red denied attacking Grey.", negated=True),
    ])
    # the same text under a second name: one document with two sources
    store.put_document(_doc("a-copy.txt", a.text, a.date, "/data/a-copy.txt"), None)
    b = _doc("b.txt", "Grey threatened Red.", None, "/data/b.txt")                              # undated
    store.put_document(b, [_st(b, GREY, "threatens", RED, "Grey threatened Red.", confidence=0.6)])


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store") as st:
        _fill(st)
        yield st


def _edges(G) -> dict:
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


def test_dates_confidence_negation_and_sources_from_the_store(store):
    G = build_network(store)
    edges = _edges(G)
    assert set(edges) == {(RED.iri, BLUE.iri, "supports"), (BLUE.iri, RED.iri, "supports"),
                          (GREY.iri, RED.iri, "threatens")}          # the denied attack makes no edge
    armed = edges[RED.iri, BLUE.iri, "supports"]
    assert armed["first_date"] == "2021-05-01" and armed["confidence"] == pytest.approx(0.9)
    (ev,) = armed["evidence"]
    assert ev["sentence"] == "Red armed Blue." and ev["title"] == "Title of a.txt"
    assert ev["source"] in ("https://news.example/a", "/data/a-copy.txt")
    assert ev["url"] == (ev["source"] if ev["source"].startswith("https://") else None)
    # a statement's own date wins over its document's
    assert edges[BLUE.iri, RED.iri, "supports"]["dates"] == {"2020-12-31": 1}
    undated = edges[GREY.iri, RED.iri, "threatens"]
    assert undated["undated"] == 1 and undated["first_date"] is None and undated["evidence"][0]["date"] is None
    assert G.nodes[RED.iri] == {"label": "Zorvek Red Column", "type": "ArmedGroup", "minted": True}

    assert set(_edges(build_network(store, since="2021"))) == {(RED.iri, BLUE.iri, "supports")}
    assert set(_edges(build_network(store, until="2020-12"))) == {(BLUE.iri, RED.iri, "supports")}
    assert set(_edges(build_network(store, min_confidence=0.5))) == {(RED.iri, BLUE.iri, "supports"),
                                                                     (GREY.iri, RED.iri, "threatens")}
    # relations come in the order asked
    for asked in (["threatens", "supports"], ["supports", "threatens"]):
        assert next(iter(build_network(store, relations=asked).edges(keys=True)))[2] == asked[0]


def test_statements_asserted_by_a_correction_are_edges(store):
    corr.record(store, [corr.make(store, "assert", RED.iri, "alliedWith", GREY.iri, source="https://example.org/x",
                                  date="2024-03-02")])
    data = build_network(store).edges[min(RED.iri, GREY.iri), max(RED.iri, GREY.iri), "alliedWith"]
    assert data["weight"] == 1 and data["first_date"] == "2024-03-02"
    assert build_network(store, until="2023").has_edge(min(RED.iri, GREY.iri), max(RED.iri, GREY.iri)) is False


def test_store_and_its_quads_in_rdflib_give_the_same_network(store, tmp_path):
    """The store's rows (plain strings off Oxigraph) and rdflib's terms read the same network."""
    store.export(tmp_path / "all.nq", "nquads")
    ds = Dataset(default_union=True)
    ds.parse(tmp_path / "all.nq", format="nquads")
    for options in ({}, {"include_curated": True}, {"since": "2021"}):
        a, b = build_network(store, **options), build_network(ds, **options)
        assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
        assert _edges(a) == _edges(b)
