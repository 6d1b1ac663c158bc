"""graph.rdf.statements: documents and statements as triples (no store involved)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from graph.rdf import statements as rdf
from graph.model import Actor, Document, Evidence, Statement
from graph.vocab import AG, ACTOR, ID, relation

DCTERMS, PROV, RDF, RDFS, SKOS = ns.DCTERMS, ns.PROV, ns.RDF, ns.RDFS, ns.SKOS

TEXT = "Northland armed the Red Hand militia. The Red Hand did not attack Southland."
DOC = Document(id="north-red.txt", text=TEXT, title="Northland and the Red Hand",
               date="2021-03-04", source="corpus/north-red.txt")
NORTH = Actor(str(ACTOR["Northland"]), "Northland", "State", ("Northland", "Northlanders"))
SOUTH = Actor(str(ACTOR["Southland"]), "Southland", "State")
RED = Actor(str(ID["actor/red-hand"]), "Red Hand", "ArmedGroup",
            ("Red Hand", "Red Hand militia", "Red Hand"), minted=True)


def _st(subject, predicate, obj, start, end, *, negated=False, confidence=0.75, doc=DOC, **kw):
    return Statement(subject, predicate, obj, doc.id, doc.iri,
                     Evidence(doc.text[start:end], start, end),
                     confidence=confidence, negated=negated, **kw)


BACKED = _st(RED, "backedBy", NORTH, 0, 37, confidence=0.81234, date="2021-03-04",
             extractor="test-rules", extractor_version="1.2")
DENIED = _st(RED, "attacks", SOUTH, 38, len(TEXT), negated=True)


def test_document_triples_carry_metadata_and_hash():
    d = URIRef(DOC.iri)
    triples = set(rdf.document_triples(DOC))
    assert (d, RDF.type, AG.Document) in triples
    assert (d, DCTERMS.title, Literal("Northland and the Red Hand")) in triples
    assert (d, DCTERMS.date, Literal("2021-03-04", datatype=ns.XSD.date)) in triples
    assert (d, DCTERMS.source, Literal("corpus/north-red.txt")) in triples
    assert (d, DCTERMS.identifier, Literal("north-red.txt")) in triples
    assert (d, AG.contentHash, Literal(DOC.content_hash)) in triples


def test_document_without_optional_fields_has_no_empty_literals():
    doc = Document(id="bare", text="x")
    preds = {p for _, p, _ in rdf.document_triples(doc)}
    assert DCTERMS.title not in preds and DCTERMS.date not in preds
    # a document always has a source: where it came from, else its id
    assert [o for _, p, o in rdf.document_triples(doc) if p == DCTERMS.source] == [Literal("bare")]


def test_bad_date_is_rejected_with_the_document_named():
    with pytest.raises(ValueError, match="bad-date"):
        rdf.document_triples(Document(id="bad-date", text="x", date="last Tuesday"))


def test_statement_node_links_document_sentence_offsets_and_extractor():
    g = Graph()
    for t in rdf.statement_triples(BACKED):
        g.add(t)
    st, ev = URIRef(BACKED.iri), URIRef(BACKED.evidence_iri)
    assert g.value(st, RDF.type) == AG.Statement
    assert g.value(st, RDF.subject) == URIRef(RED.iri)
    assert g.value(st, RDF.predicate) == relation("backedBy").iri
    assert g.value(st, RDF.object) == URIRef(NORTH.iri)
    assert g.value(st, AG.negated) == Literal(False)
    conf = g.value(st, AG.confidence)
    assert conf.datatype == ns.XSD.decimal and conf.toPython() == Decimal("0.812")
    assert g.value(st, DCTERMS.date) == Literal("2021-03-04", datatype=ns.XSD.date)
    assert g.value(st, PROV.wasDerivedFrom) == ev
    assert g.value(ev, RDF.type) == AG.Evidence
    assert g.value(ev, AG.document) == URIRef(DOC.iri)
    assert str(g.value(ev, AG.sentence)) == "Northland armed the Red Hand militia."
    assert g.value(ev, AG.startOffset).toPython() == 0
    assert g.value(ev, AG.endOffset).toPython() == 37
    ext = g.value(st, PROV.wasAttributedTo)
    assert ext == ID["extractor/test-rules/1.2"]
    assert g.value(ext, RDF.type) == AG.Extractor
    assert str(g.value(ext, RDFS.label)) == "test-rules"
    assert str(g.value(ext, AG.extractorVersion)) == "1.2"
    # the truthy triple
    assert (URIRef(RED.iri), AG.backedBy, URIRef(NORTH.iri)) in g


def test_negated_statement_has_no_truthy_triple():
    triples = rdf.statement_triples(DENIED)
    assert (URIRef(DENIED.iri), AG.negated, Literal(True)) in triples
    assert (URIRef(RED.iri), AG.attacks, URIRef(SOUTH.iri)) not in triples
    assert not [t for t in triples if t[1] == AG.attacks]


def test_minted_actor_gets_flag_and_alt_labels_known_actor_only_type_and_label():
    red = set(rdf.actor_triples(RED))
    r = URIRef(RED.iri)
    assert (r, RDF.type, AG.ArmedGroup) in red
    assert (r, AG.minted, Literal(True)) in red
    assert (r, SKOS.prefLabel, Literal("Red Hand", lang="en")) in red
    assert (r, SKOS.altLabel, Literal("Red Hand militia", lang="en")) in red
    assert (r, SKOS.altLabel, Literal("Red Hand", lang="en")) not in red   # pref label not repeated
    north = rdf.actor_triples(NORTH)
    n = URIRef(NORTH.iri)
    assert sorted(north) == sorted([(n, RDF.type, AG.State),
                                    (n, SKOS.prefLabel, Literal("Northland", lang="en"))])


def test_unknown_relation_and_actor_type_are_errors():
    with pytest.raises(KeyError, match="backedBy"):
        rdf.statement_triples(_st(RED, "befriends", NORTH, 0, 10))
    odd = Actor(str(ACTOR["Odd"]), "Odd", "Spaceship")
    with pytest.raises(ValueError, match="Spaceship"):
        rdf.statement_triples(_st(odd, "backedBy", NORTH, 0, 10))


def test_confidence_is_canonical_decimal():
    for value, text in [(0.8, "0.8"), (1.0, "1"), (0.0, "0"), (0.12349, "0.123"), (0.5555, "0.556")]:
        lit = rdf.statement_triples(_st(RED, "backedBy", NORTH, 0, 10, confidence=value))[4][2]
        assert (str(lit), lit.datatype) == (text, ns.XSD.decimal)


def test_document_graph_is_named_by_document_and_deduplicates():
    again = _st(RED, "backedBy", NORTH, 0, 37, confidence=0.81234, date="2021-03-04",
                extractor="test-rules", extractor_version="1.2")
    g = rdf.document_graph(DOC, [BACKED, DENIED, again])
    assert g.identifier == URIRef(DOC.iri)
    expected = set(rdf.document_triples(DOC)) | set(rdf.statement_triples(BACKED)) \
        | set(rdf.statement_triples(DENIED))
    assert set(g) == expected
    assert len(list(g.subjects(RDF.type, AG.Statement))) == 2
    # the shared actor Red Hand is typed once
    assert len(list(g.triples((URIRef(RED.iri), RDF.type, None)))) == 1
    # it serialises and parses back to the same triples
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert len(back) == len(g)


def test_statement_of_another_document_is_refused():
    other = Document(id="other.txt", text="Other text.")
    with pytest.raises(ValueError, match="other.txt"):
        rdf.document_graph(other, [BACKED])


def test_knowledge_base_graph_holds_ontology_and_facts_graph_only_facts():
    kb = rdf.knowledge_base_graph()
    assert (AG.backedBy, RDF.type, AG.ActorRelation) in kb
    assert (AG.ArmedGroup, RDFS.subClassOf, AG.Actor) in kb
    facts = rdf.curated_facts_graph()
    assert (AG.backedBy, RDF.type, AG.ActorRelation) not in facts
    # every shipped actors-*/facts-* file is included
    assert rdf.knowledge_base_files()[0] == "actorgraph.ttl"
    assert all(f.startswith("actors-") for f in rdf.knowledge_base_files()[1:])
    assert all(f.startswith("facts-") for f in rdf.curated_facts_files())


def test_shipped_data_hash_is_stable_across_processes():
    """The same files give the same hash in another interpreter (another hash seed)."""
    import os
    import subprocess
    import sys

    code = "from graph.rdf.statements import shipped_data_hash; print(shipped_data_hash())"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED="12345")).stdout.strip()
    assert other == rdf.shipped_data_hash()
    assert len(other) == 64 and int(other, 16) >= 0


@pytest.mark.parametrize("group", ["kb", "facts"])
def test_shipped_data_hash_changes_with_any_file(monkeypatch, group):
    """One changed byte in any shipped file (ontology, actors, facts) gives another hash."""
    before = rdf.shipped_data_hash()
    names = rdf.knowledge_base_files() if group == "kb" else rdf.curated_facts_files()
    assert names
    real = rdf.read_ontology_file
    for target in (names[0], names[-1]):
        monkeypatch.setattr(rdf, "read_ontology_file",
                            lambda name, t=target: real(name) + ("\n# edited" if name == t else ""))
        assert rdf.shipped_data_hash() != before, target
    monkeypatch.setattr(rdf, "read_ontology_file", real)
    assert rdf.shipped_data_hash() == before
