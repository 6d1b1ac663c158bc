"""The extractor's statements: provenance, deduplication and the scorer's record format.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from graph.extract.extractor import statement_record
from graph.model import Document


def test_statements_carry_evidence_offsets_and_version(ex):
    text = "Intro line.\n\nHezbollah leader Naim Qassem praised the operation."
    doc = Document(id="x.txt", text=text, date="2024-10-29")
    st = next(s for s in ex.extract(doc) if s.predicate == "leaderOf")
    assert text[st.evidence.start:st.evidence.end].strip() == st.evidence.sentence
    assert st.date == "2024-10-29" and st.doc_iri == doc.iri
    assert 0 < st.confidence <= 1 and st.extractor == "actorgraph-rules" and st.extractor_version
    rec = statement_record(st)
    assert rec["doc"] == "x.txt" and rec["predicate"] == "leaderOf" and rec["broader"] == ["memberOf"]
    assert "Naim Qassem" in rec["subject_labels"] and rec["subject_iri"] == st.subject.iri
    assert type(rec["predicate"]) is str


def test_a_symmetric_relation_is_stored_once_per_sentence(ex):
    st = ex.extract(Document(id="x.txt", text="Hezbollah and the Amal Movement are close allies."))
    allied = [s for s in st if s.predicate == "alliedWith"]
    assert len(allied) == 1 and allied[0].subject.iri < allied[0].object.iri


def test_extract_many_equals_extract_one_by_one(ex):
    docs = [Document(id=f"{i}.txt", text=t) for i, t in enumerate(
        ["The Houthis launched missiles at Israel.", "Hamas praised the Houthis.", "Nothing happened here."])]
    many = {d.id: [(s.subject.iri, s.predicate, s.object.iri, s.confidence) for s in st]
            for d, st in ex.extract_many(docs)}
    one = {d.id: [(s.subject.iri, s.predicate, s.object.iri, s.confidence) for s in ex.extract(d)] for d in docs}
    assert many == one and many["0.txt"] and many["2.txt"] == []
