"""SHACL validation: ontology/shapes.ttl, graph.store.validate and ``actorgraph validate``."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import SH

from graph.cli import main
from graph.kb.knowledge_base import load_knowledge_base
from graph.model import Document, Evidence, Statement
from graph.store.oxigraph import Store
from graph.store.validate import shapes_graph, validate
from graph.vocab import AG, relations

#: The shapes that check what the pipeline writes (documents, statements, evidence, actors):
#: extraction quality may still trip the relation constraints, the data model never.
STRUCTURAL = {"document", "statement", "evidence", "extractor", "actor"}


def kb_actor(label: str):
    actor = load_knowledge_base().by_label(label)
    assert actor is not None, label
    return actor


def doc_with(statements_spec, doc_id="broken.txt"):
    """A document of our own sentences and its statements: [(subject, relation, object, sentence)]."""
    text = " ".join(s for *_, s in statements_spec)
    doc = Document(id=doc_id, text=text, title="Test", date="2024-01-02", source=f"test/{doc_id}")
    out = []
    for subj, rel, obj, sentence in statements_spec:
        start = text.index(sentence)
        out.append(Statement(kb_actor(subj), rel, kb_actor(obj), doc.id, doc.iri,
                             Evidence(sentence, start, start + len(sentence)), confidence=0.7))
    return doc, out


def test_every_relation_has_a_domain_and_range_shape():
    shapes = shapes_graph()
    targeted = {str(o) for o in shapes.objects(None, SH.targetSubjectsOf)}
    assert {r.iri for r in relations().values()} <= {URIRef(t) for t in targeted}
    for cls in (AG.Document, AG.Statement, AG.Evidence, AG.Extractor, AG.Actor):
        assert (None, SH.targetClass, cls) in shapes, cls


def test_sample_corpus_store_has_no_structural_violation(sample_store):
    with Store(sample_store, read_only=True) as store:
        report = validate(store)
    assert report.triples > 5000
    structural = [v for v in report.violations if v.shape in STRUCTURAL]
    assert structural == []
    # whatever remains is a relation constraint, reported with the relation it concerns
    for v in report.violations:
        assert any(name in (v.shape or "") for name in relations()), v


def test_a_broken_statement_is_reported(sample_copy):
    doc, statements = doc_with([
        ("Iran", "memberOf", "Iraq", "Our own test sentence: Iran joined Iraq."),
        ("Kataib Hezbollah", "leaderOf", "Iran", "Another test sentence about a militia leading a state."),
    ])
    with Store(sample_copy) as store:
        store.put_document(doc, statements)
    iran, kh = kb_actor("Iran").iri, kb_actor("Kataib Hezbollah").iri
    res = CliRunner().invoke(main, ["--store", str(sample_copy), "validate", "--format", "json"])
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert data["conforms"] is False
    messages = {(v["focus"], v["message"]) for v in data["violations"]}
    assert (iran, "a state is never memberOf another state") in messages
    assert (kh, "the subject of leaderOf is not a Person") in messages
    assert (kh, "the object of leaderOf is not an Actor") not in messages


def test_broken_evidence_is_reported_and_a_clean_store_conforms(tmp_path):
    doc, statements = doc_with([
        ("Kataib Hezbollah", "backedBy", "Iran", "A test sentence: Iran arms Kataib Hezbollah."),
    ], doc_id="clean.txt")
    path = tmp_path / "store"
    with Store(path) as store:
        store.put_document(doc, statements)
    res = CliRunner().invoke(main, ["--store", str(path), "validate"])
    assert res.exit_code == 0, res.output
    with Store(path) as store:
        ev = statements[0].evidence_iri
        store.update(f"DELETE WHERE {{ GRAPH <{doc.iri}> {{ <{ev}> <{AG.sentence}> ?s }} }} ; "
                     f"DELETE WHERE {{ <{ev}> <{AG.sentence}> ?s }}")
        report = validate(store)
    assert [(v.focus, v.path) for v in report.violations] == [(ev, str(AG.sentence))]
    assert not report.conforms


def test_streamed_validation_reports_what_the_whole_graph_does_without_loading_it(sample_copy, monkeypatch):
    import io

    from rdflib import Graph

    from graph.store import validate as module

    doc, statements = doc_with([
        ("Iran", "memberOf", "Iraq", "Our own test sentence: Iran joined Iraq."),
        ("Kataib Hezbollah", "leaderOf", "Iran", "Another test sentence about a militia leading a state."),
    ])
    with Store(sample_copy) as store:
        store.put_document(doc, statements)
    with Store(sample_copy, read_only=True) as store:
        buf = io.BytesIO()
        store.export(buf, "turtle")
        whole = module.validate_graph(Graph().parse(data=buf.getvalue(), format="turtle"))
        sizes = []
        real = module._violations
        monkeypatch.setattr(module, "_violations", lambda data, shapes: (sizes.append(len(data)), real(data, shapes))[1])
        streamed = validate(store, batch_documents=3)
    assert not whole.conforms and len(whole.violations) >= 2
    assert streamed.as_dict() == whole.as_dict()
    # the shared graphs (ontology, knowledge base) first, then a few documents at a time
    assert len(sizes) > 3 and max(sizes[1:]) < whole.triples / 4, (sizes, whole.triples)
