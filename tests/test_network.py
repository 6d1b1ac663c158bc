"""build_network / signed_graph against a hand-built RDF dataset in the project's data model."""
from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from graph.network.build import EVIDENCE_CAP, EVIDENCE_KEYS, _rows, build_network, signed_graph
from graph.vocab import ACTOR, AG, CURATED_GRAPH, ID, relation


class Corpus:
    """Writes documents and statements exactly as the data model describes them."""

    def __init__(self) -> None:
        self.ds = Dataset(default_union=True)
        self.n = 0

    def actor(self, g, name: str, cls: str, label: str, minted: bool = False) -> URIRef:
        iri = ACTOR[name]
        g.add((iri, RDF.type, AG[cls]))
        g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
        if minted:
            g.add((iri, AG.minted, Literal(True)))
        return iri

    def document(self, name: str, date: str | None, title: str | None = None, *,
                 source: str | None = None, content_hash: str | None = None):
        doc = ID[f"doc/{name}"]
        g = self.ds.graph(doc)
        g.add((doc, RDF.type, AG.Document))
        if source:
            g.add((doc, DCTERMS.source, Literal(source)))
        if content_hash:
            g.add((doc, AG.contentHash, Literal(content_hash)))
        g.add((doc, DCTERMS.title, Literal(title or f"Report {name}")))
        if date:
            g.add((doc, DCTERMS.date, Literal(date, datatype=XSD.date)))
        return doc, g

    def statement(self, doc, g, s: URIRef, rel: str, o: URIRef, sentence: str, *,
                  confidence: float = 0.8, negated: bool = False, date: str | None = None) -> URIRef:
        self.n += 1
        stmt, ev = ID[f"stmt/{self.n}"], ID[f"ev/{self.n}"]
        p = relation(rel).iri
        g.add((stmt, RDF.type, AG.Statement))
        g.add((stmt, RDF.subject, s))
        g.add((stmt, RDF.predicate, p))
        g.add((stmt, RDF.object, o))
        g.add((stmt, AG.confidence, Literal(str(confidence), datatype=XSD.decimal)))
        g.add((stmt, AG.negated, Literal(negated)))
        if date:
            g.add((stmt, DCTERMS.date, Literal(date, datatype=XSD.date)))
        g.add((stmt, PROV.wasDerivedFrom, ev))
        g.add((ev, RDF.type, AG.Evidence))
        g.add((ev, AG.document, doc))
        g.add((ev, AG.sentence, Literal(sentence)))
        if not negated:
            g.add((s, p, o))
        return stmt


@pytest.fixture
def corpus() -> Corpus:
    c = Corpus()
    d1, g1 = c.document("d1", "2019-12-30", "Strikes on the border")
    d2, g2 = c.document("d2", "2020-01-05", "Talks in the capital")
    d3, g3 = c.document("d3", None, "Undated note")
    # actors are repeated in each graph that uses them, as the store does
    a = {}
    for g in (g1, g2, g3):
        a["mil"] = c.actor(g, "RedBrigade", "ArmedGroup", "Red Brigade")
        a["pat"] = c.actor(g, "Northland", "State", "Northland")
        a["foe"] = c.actor(g, "Southland", "State", "Southland")
        a["ally"] = c.actor(g, "BlueFront", "ArmedGroup", "Blue Front")
        a["boss"] = c.actor(g, "JaneDoe", "ReligiousAuthority", "Jane Doe")
        a["new"] = c.actor(g, "GreenCell", "Group", "Green Cell", minted=True)
    # Jane Doe is also typed as a Person: the most specific type must win
    g1.add((a["boss"], RDF.type, AG.Person))
    c.statement(d1, g1, a["mil"], "backedBy", a["pat"], "The Northland-backed Red Brigade fired.", confidence=0.9)
    c.statement(d2, g2, a["mil"], "backedBy", a["pat"], "Red Brigade, a proxy of Northland, met.", confidence=0.6)
    c.statement(d1, g1, a["foe"], "attacks", a["mil"], "Southland struck the Red Brigade.", confidence=0.7)
    c.statement(d2, g2, a["foe"], "attacks", a["mil"], "Southland denied striking the Red Brigade.",
                negated=True)
    c.statement(d1, g1, a["ally"], "alliedWith", a["mil"], "Blue Front allied with Red Brigade.")
    c.statement(d2, g2, a["mil"], "alliedWith", a["ally"], "Red Brigade and Blue Front are allies.")
    c.statement(d2, g2, a["boss"], "leaderOf", a["mil"], "Jane Doe leads the Red Brigade.",
                date="2020-01-03")
    c.statement(d3, g3, a["new"], "condemns", a["foe"], "Green Cell condemned <Southland> & co.",
                confidence=0.3)
    c.a = a
    return c


def test_edges_carry_relation_attributes_and_evidence(corpus):
    G = build_network(corpus.ds)
    a = corpus.a
    data = G.edges[str(a["mil"]), str(a["pat"]), "backedBy"]
    rel = relation("backedBy")
    assert data["relation"] == "backedBy"
    assert (data["polarity"], data["kind"]) == (rel.polarity, rel.kind)
    assert data["weight"] == 2
    assert data["confidence"] == pytest.approx(0.9)
    assert (data["first_date"], data["last_date"]) == ("2019-12-30", "2020-01-05")
    assert [e["date"] for e in data["evidence"]] == ["2019-12-30", "2020-01-05"]
    first = data["evidence"][0]
    assert first["sentence"] == "The Northland-backed Red Brigade fired."
    assert first["title"] == "Strikes on the border"
    assert first["document"] == str(ID["doc/d1"])
    assert first["confidence"] == pytest.approx(0.9)
    assert data["curated"] is False


def test_nodes_have_label_type_and_minted(corpus):
    G = build_network(corpus.ds)
    a = corpus.a
    assert G.nodes[str(a["mil"])] == {"label": "Red Brigade", "type": "ArmedGroup", "minted": False}
    assert G.nodes[str(a["boss"])]["type"] == "ReligiousAuthority"
    assert G.nodes[str(a["new"])]["minted"] is True
    assert G.number_of_nodes() == 6


def test_negated_statements_are_excluded(corpus):
    G = build_network(corpus.ds)
    a = corpus.a
    data = G.edges[str(a["foe"]), str(a["mil"]), "attacks"]
    assert data["weight"] == 1
    assert [e["sentence"] for e in data["evidence"]] == ["Southland struck the Red Brigade."]


def test_only_negated_support_gives_no_edge(corpus):
    d, g = corpus.document("d9", "2020-02-01")
    corpus.statement(d, g, corpus.a["ally"], "attacks", corpus.a["pat"], "Blue Front did not attack.",
                     negated=True)
    G = build_network(corpus.ds)
    assert not G.has_edge(str(corpus.a["ally"]), str(corpus.a["pat"]))


def test_symmetric_relation_stored_once_in_canonical_order(corpus):
    G = build_network(corpus.ds)
    u, v = sorted([str(corpus.a["mil"]), str(corpus.a["ally"])])
    assert G.has_edge(u, v, "alliedWith")
    assert not G.has_edge(v, u, "alliedWith")
    assert G.edges[u, v, "alliedWith"]["weight"] == 2


def test_date_filters_use_statement_then_document_date(corpus):
    a = corpus.a
    G = build_network(corpus.ds, since="2020-01-01")
    assert G.edges[str(a["mil"]), str(a["pat"]), "backedBy"]["weight"] == 1
    assert not G.has_edge(str(a["foe"]), str(a["mil"]))             # 2019 only
    assert G.has_edge(str(a["boss"]), str(a["mil"]), "leaderOf")   # statement date 2020-01-03
    assert not G.has_edge(str(a["new"]), str(a["foe"]))            # undated: dropped by a bound
    G = build_network(corpus.ds, until="2019")
    assert sorted(k for _, _, k in G.edges(keys=True)) == ["alliedWith", "attacks", "backedBy"]
    G = build_network(corpus.ds, since="2020-01", until="2020-01-04")
    assert sorted(k for _, _, k in G.edges(keys=True)) == ["leaderOf"]


def test_bad_date_is_a_clear_error(corpus):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        build_network(corpus.ds, since="last year")
    with pytest.raises(ValueError, match="after"):
        build_network(corpus.ds, since="2021", until="2020")


def test_confidence_and_relation_filters(corpus):
    a = corpus.a
    G = build_network(corpus.ds, min_confidence=0.75)
    data = G.edges[str(a["mil"]), str(a["pat"]), "backedBy"]
    assert data["weight"] == 1 and data["confidence"] == pytest.approx(0.9)
    assert not G.has_edge(str(a["new"]), str(a["foe"]))
    G = build_network(corpus.ds, relations=["backedBy", "condemns"])
    assert sorted(k for _, _, k in G.edges(keys=True)) == ["backedBy", "condemns"]
    with pytest.raises(ValueError, match="unknown relation"):
        build_network(corpus.ds, relations=["likes"])


def test_evidence_is_capped_but_weight_counts_all(corpus):
    d, g = corpus.document("many", "2021-03-03")
    for i in range(EVIDENCE_CAP + 5):
        corpus.statement(d, g, corpus.a["ally"], "supports", corpus.a["pat"], f"Blue Front praised Northland ({i}).")
    data = build_network(corpus.ds).edges[str(corpus.a["ally"]), str(corpus.a["pat"]), "supports"]
    assert data["weight"] == EVIDENCE_CAP + 5
    assert len(data["evidence"]) == EVIDENCE_CAP
    assert data["dates"] == {"2021-03-03": EVIDENCE_CAP + 5}


def test_curated_facts_only_when_asked(corpus):
    a = corpus.a
    cg = corpus.ds.graph(CURATED_GRAPH)
    cg.add((a["boss"], relation("founderOf").iri, a["ally"]))
    cg.add((a["boss"], relation("leaderOf").iri, a["mil"]))       # also extracted
    cg.add((a["boss"], SKOS.note, Literal("not a relation")))
    G = build_network(corpus.ds)
    assert not G.has_edge(str(a["boss"]), str(a["ally"]))
    assert G.edges[str(a["boss"]), str(a["mil"]), "leaderOf"]["curated"] is False
    G = build_network(corpus.ds, include_curated=True)
    data = G.edges[str(a["boss"]), str(a["ally"]), "founderOf"]
    assert data["curated"] is True and data["evidence"] == [] and data["kind"] == "structural"
    extracted = G.edges[str(a["boss"]), str(a["mil"]), "leaderOf"]
    assert extracted["curated"] is True and extracted["weight"] == 1
    assert G.nodes[str(a["ally"])]["label"] == "Blue Front"


def test_empty_source_gives_empty_graph():
    G = build_network(Dataset(default_union=True))
    assert isinstance(G, nx.MultiDiGraph) and G.number_of_nodes() == 0


def test_signed_graph_signs(corpus):
    a = corpus.a
    d, g = corpus.document("d4", "2020-03-01")
    corpus.statement(d, g, a["ally"], "condemns", a["pat"], "Blue Front condemned Northland.")
    corpus.statement(d, g, a["ally"], "meetsWith", a["foe"], "Blue Front met Southland.")
    S = signed_graph(build_network(corpus.ds))
    assert S.edges[str(a["mil"]), str(a["pat"])]["sign"] == 1            # backedBy ×2
    assert S.edges[str(a["mil"]), str(a["pat"])]["weight"] == 2
    assert S.edges[str(a["foe"]), str(a["mil"])]["sign"] == -1           # attacks
    assert S.edges[str(a["mil"]), str(a["ally"])]["sign"] == 1           # alliedWith
    assert S.edges[str(a["ally"]), str(a["pat"])]["sign"] == -1          # condemns
    assert not S.has_edge(str(a["boss"]), str(a["mil"]))                 # structural only
    assert not S.has_edge(str(a["ally"]), str(a["foe"]))                 # neutral only
    assert set(S.nodes) == {str(x) for x in a.values()}


def test_signed_graph_leaves_out_balanced_pairs():
    G = nx.MultiDiGraph()
    for rel, w in (("supports", 2), ("condemns", 2), ("backedBy", 1)):
        r = relation(rel)
        s, o = ("x", "y") if rel != "backedBy" else ("y", "z")
        G.add_edge(s, o, key=rel, polarity=r.polarity, kind=r.kind, weight=w)
    S = signed_graph(G)
    assert not S.has_edge("x", "y")
    assert S.edges["y", "z"]["sign"] == 1


def test_build_network_from_the_project_store(tmp_path):
    """End to end: model objects → Store.put_document → build_network(store)."""
    store_mod = pytest.importorskip("graph.store.oxigraph")
    from graph.model import Actor, Document, Evidence, Statement

    mil = Actor(str(ACTOR["TestRedBrigade"]), "Test Red Brigade", "ArmedGroup", minted=True)
    pat = Actor(str(ACTOR["TestNorthland"]), "Test Northland", "State", minted=True)
    doc = Document(id="net-1.txt", text="Northland armed the Red Brigade. It never attacked it.",
                   title="Arms", date="2020-02-02")
    stmts = [
        Statement(mil, "backedBy", pat, doc.id, doc.iri, Evidence("Northland armed the Red Brigade.", 0, 32),
                  confidence=0.9, date=doc.date),
        Statement(pat, "attacks", mil, doc.id, doc.iri, Evidence("It never attacked it.", 33, 54),
                  confidence=0.6, negated=True, date=doc.date),
    ]
    with store_mod.Store(tmp_path / "store") as store:
        store.put_document(doc, stmts)
        G = build_network(store, since="2020")
        assert list(G.edges(keys=True)) == [(mil.iri, pat.iri, "backedBy")]
        data = G.edges[mil.iri, pat.iri, "backedBy"]
        assert data["weight"] == 1 and data["confidence"] == pytest.approx(0.9)
        assert data["evidence"][0]["sentence"] == "Northland armed the Red Brigade."
        assert data["evidence"][0]["title"] == "Arms" and data["first_date"] == "2020-02-02"
        assert G.nodes[mil.iri]["label"] == "Test Red Brigade" and G.nodes[mil.iri]["minted"] is True
        assert build_network(store, until="2019").number_of_edges() == 0


def test_evidence_records_carry_source_url_and_hash(corpus):
    a = corpus.a
    d, g = corpus.document("web", "2021-01-01", "Online", source="https://news.example/a1", content_hash="h-web")
    corpus.statement(d, g, a["ally"], "supports", a["foe"], "Blue Front backed Southland.")
    d, g = corpus.document("file", "2021-01-02", "On disk", source="/data/a2.txt", content_hash="h-file")
    corpus.statement(d, g, a["ally"], "supports", a["foe"], "Blue Front praised Southland.")
    data = build_network(corpus.ds).edges[str(a["ally"]), str(a["foe"]), "supports"]
    assert all(set(ev) == set(EVIDENCE_KEYS) for ev in data["evidence"])
    web, disk = data["evidence"]
    assert (web["source"], web["url"], web["content_hash"]) == ("https://news.example/a1", "https://news.example/a1",
                                                                "h-web")
    assert (disk["source"], disk["url"], disk["content_hash"]) == ("/data/a2.txt", None, "h-file")
    assert data["documents"] == 2


def test_repeated_sentences_and_renamed_copies_count_once(corpus):
    a = corpus.a
    d, g = corpus.document("orig", "2021-05-01", content_hash="same-text")
    for _ in range(2):   # a repeated paragraph: two statements, one sentence
        corpus.statement(d, g, a["ally"], "threatens", a["foe"], "Blue Front threatened Southland.")
    d2, g2 = corpus.document("renamed-copy", "2021-05-01", content_hash="same-text")
    corpus.statement(d2, g2, a["ally"], "threatens", a["foe"], "Blue Front threatened Southland.")
    d3, g3 = corpus.document("other", "2021-05-02", content_hash="other-text")
    corpus.statement(d3, g3, a["ally"], "threatens", a["foe"], "Blue Front threatened Southland.")
    data = build_network(corpus.ds).edges[str(a["ally"]), str(a["foe"]), "threatens"]
    assert data["weight"] == 2 and data["documents"] == 2
    assert [ev["content_hash"] for ev in data["evidence"]] == ["same-text", "other-text"]
    assert data["dates"] == {"2021-05-01": 1, "2021-05-02": 1}


def test_actor_queries_do_not_multiply_with_documents(tmp_path):
    """In the store's union view an actor repeated in many document graphs yields one row per fact."""
    store_mod = pytest.importorskip("graph.store.oxigraph")
    from graph.model import Actor, Document, Evidence, Statement

    green = Actor(str(ACTOR["TestGreenCell"]), "Test Green Cell", "Group", minted=True)
    pat = Actor(str(ACTOR["TestNorthland"]), "Test Northland", "State", minted=True)
    with store_mod.Store(tmp_path / "store") as store:
        for i in range(8):
            doc = Document(id=f"rep-{i}.txt", text=f"Northland armed the Green Cell ({i}).", date="2021-01-01")
            store.put_document(doc, [Statement(green, "backedBy", pat, doc.id, doc.iri,
                                               Evidence(doc.text, 0, len(doc.text)), confidence=0.8)])
        for name in ("network_labels.rq", "network_types.rq", "network_minted.rq"):
            rows = [r for r in _rows(store, name) if r[0] == green.iri]
            assert len(rows) == 1, (name, len(rows))
        G = build_network(store)
        assert G.nodes[green.iri] == {"label": "Test Green Cell", "type": "Group", "minted": True}
        assert G.edges[green.iri, pat.iri, "backedBy"]["weight"] == 8
