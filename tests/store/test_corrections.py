"""Analysts' corrections: recorded apart with who/when/why, applied to document graphs, re-applied after ingest."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from graph.cli import main
from graph.kb.knowledge_base import load_knowledge_base, mint_actor
from graph.model import Actor, Document, Evidence, Statement
from graph.store import corrections as corr
from graph.store.oxigraph import Store
from graph.vocab import AG, ACTOR

# Our own sentences (not from any article).
TEXT = ("Title: Test article\nDate: 2024-02-03\n\n"
        "Kataib Hezbollah is an Iran-backed militia in Iraq. "
        "Iran armed and trained Kataib Hezbollah for years.\n")
KH, IRAN, IRAQ = (str(ACTOR[n]) for n in ("KataibHezbollah", "Iran", "Iraq"))
QORVAN = mint_actor("Qorvan Brigade", "ArmedGroup")
QORVAN_FRONT = mint_actor("Qorvan Front", "Group")
S1 = "The Qorvan Brigade, funded by Iran, shelled a base."
S2 = "The Qorvan Front fought alongside Kataib Hezbollah."


def kb(label: str) -> Actor:
    return load_knowledge_base().by_label(label)


def own_document() -> tuple[Document, list[Statement]]:
    text = f"{S1} {S2}"
    doc = Document(id="qorvan.txt", text=text, title="Qorvan", date="2024-03-01", source="test/qorvan.txt")

    def st(subj, rel, obj, sentence):
        start = text.index(sentence)
        return Statement(subj, rel, obj, doc.id, doc.iri, Evidence(sentence, start, start + len(sentence)),
                         confidence=0.7)
    return doc, [st(QORVAN, "backedBy", kb("Iran"), S1), st(QORVAN_FRONT, "alliedWith", kb("Kataib Hezbollah"), S2)]


def rows(store: Store, sparql: str) -> set[tuple]:
    return {tuple(str(v) for v in r) for r in store.query(sparql)}


def invoke(path, *args, code=0):
    res = CliRunner().invoke(main, ["--store", str(path), *args])
    assert res.exit_code == code, (res.output, res.exception)
    return res


@pytest.fixture
def article(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kh.txt").write_text(TEXT)
    return folder


def test_retraction_is_recorded_apart_and_survives_reingest(tmp_path, article, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_ANALYST", "alice")
    path = tmp_path / "store"
    invoke(path, "ingest", str(article))
    with Store(path, read_only=True) as s:
        assert (KH, IRAN) in rows(s, "SELECT ?s ?o WHERE { ?s ag:backedBy ?o }")
    invoke(path, "correct", "retract", "Kataib Hezbolah", "backedBy", "Tehran", "--reason", "test: wrong")
    for force in ([], ["--force"]):
        if force:
            invoke(path, "ingest", "--force", str(article))
        with Store(path, read_only=True) as s:
            assert (KH, IRAN) not in rows(s, "SELECT ?s ?o WHERE { ?s ag:backedBy ?o }")
            assert not rows(s, "SELECT ?st WHERE { ?st a ag:Statement ; rdf:subject actor:KataibHezbollah ; "
                               "rdf:predicate ag:backedBy ; rdf:object actor:Iran }")
            # the record and the trace of what was removed live only in the corrections graph
            graphs = rows(s, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c a ag:Correction } }")
            assert graphs == {(str(corr.CORRECTIONS_GRAPH),)}
            assert len(rows(s, "SELECT ?st WHERE { GRAPH ?g { ?c prov:invalidated ?st } }")) >= 1
    listed = json.loads(invoke(path, "correct", "list", "--format", "json").stdout)
    assert [(c["kind"], c["subject"], c["relation"], c["object"], c["by"], c["reason"]) for c in listed] == [
        ("retract", KH, "backedBy", IRAN, "alice", "test: wrong")]
    assert listed[0]["when"][:2] == "20"


def test_merge_alias_type_assert_and_reapply(tmp_path):
    path = tmp_path / "store"
    doc, statements = own_document()
    with Store(path) as s:
        s.put_document(doc, statements)
        corr.record(s, [corr.make(s, "merge", "Qorvan Front", "Qorvan Brigade", reason="same group"),
                        corr.make(s, "type", "Qorvan Brigade", "ArmedGroup"),
                        corr.make(s, "alias", "Qorvan Brigade", "the Qorvan Battalion"),
                        corr.make(s, "assert", "Qorvan Brigade", "attacks", "Iraq", source="https://example.org/x",
                                  date="2024-03-02")])
        for _ in range(2):      # a re-extraction puts the uncorrected graph back; apply corrects it again
            pairs = rows(s, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{doc.iri}> {{ ?s ?p ?o . ?p a ag:ActorRelation }} }}")
            assert pairs == set()  # relation declarations are not in document graphs
            direct = rows(s, f"SELECT ?s ?o WHERE {{ GRAPH <{doc.iri}> {{ ?s ag:alliedWith ?o }} }}")
            assert direct == {(QORVAN.iri, KH)}
            assert not rows(s, f"SELECT ?p WHERE {{ GRAPH ?g {{ <{QORVAN_FRONT.iri}> ?p ?o }} "
                               f"FILTER (?g != <{corr.CORRECTIONS_GRAPH}>) }}")
            assert rows(s, f"SELECT ?l WHERE {{ <{QORVAN.iri}> skos:altLabel ?l }}") >= {
                ("Qorvan Front",), ("the Qorvan Battalion",)}
            # the asserted relation is a curated statement in the corrections graph only
            curated = rows(s, "SELECT ?g ?src WHERE { GRAPH ?g { ?st a ag:Statement ; rdf:predicate ag:attacks ; "
                              "dcterms:source ?src } }")
            assert curated == {(str(corr.CORRECTIONS_GRAPH), "https://example.org/x")}
            assert corr.apply(s).changed_quads == 0          # applying again changes nothing
            s.put_document(doc, statements)
            assert corr.apply(s).merged == 1
        assert corr.resolve_actor(s, "the qorvan battalion") == QORVAN.iri   # labels in the store resolve


def test_unknown_names_and_bad_arguments_are_one_line_errors(tmp_path, article):
    path = tmp_path / "store"
    invoke(path, "ingest", str(article))
    res = invoke(path, "correct", "merge", "Nobody At All Xq", "Iran", code=2)
    assert "unknown actor 'Nobody At All Xq'" in res.stderr
    assert "unknown relation" in invoke(path, "correct", "retract", "Iran", "likes", "Iraq", code=2).stderr
    assert "unknown actor class" in invoke(path, "correct", "type", "Iran", "Planet", code=2).stderr
    assert "Missing option '--source'" in invoke(path, "correct", "assert", "Iran", "backedBy", "Iraq", code=2).stderr
    with Store(path, read_only=True) as s:
        assert corr.corrections(s) == []


def test_import_csv_and_turtle(tmp_path, article):
    path = tmp_path / "store"
    invoke(path, "ingest", str(article))
    curated = tmp_path / "curated.csv"
    curated.write_text('subject,relation,object,source,date\n'
                       'Kataib Hezbollah,attacks,"actor:Iraq",https://example.org/a,2024-01-01\n'
                       '"The ""Quoted"" }; DROP ALL #",backedBy,Iran,https://example.org/b,\n')
    res = invoke(path, "correct", "import", str(curated), code=2)      # unknown name: nothing recorded
    assert "line 3" in res.stderr and "unknown actor" in res.stderr
    curated.write_text('subject,relation,object,source,date\n'
                       'Kataib Hezbollah,attacks,"actor:Iraq",https://example.org/a,2024-01-01\n')
    invoke(path, "correct", "import", str(curated))
    actions = tmp_path / "actions.ttl"
    actions.write_text(
        "@prefix ag: <https://w3id.org/actorgraph/ontology#> .\n@prefix actor: <https://w3id.org/actorgraph/actor/> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '[] a ag:Retraction ; rdf:subject "Kataib Hezbollah" ; rdf:predicate ag:backedBy ; rdf:object actor:Iran ;\n'
        '   rdfs:comment "test" .\n')
    invoke(path, "correct", "import", str(actions))
    with Store(path, read_only=True) as s:
        kinds = sorted((c.kind, c.relation) for c in corr.corrections(s))
        assert kinds == [("assert", "attacks"), ("retract", "backedBy")]
        assert not rows(s, "SELECT ?g WHERE { GRAPH ?g { actor:KataibHezbollah ag:backedBy actor:Iran } }")
        assert rows(s, "SELECT ?g WHERE { GRAPH ?g { actor:KataibHezbollah ag:attacks actor:Iraq } }") == {
            (str(corr.CORRECTIONS_GRAPH),)}
    invoke(path, "correct", "import", str(curated))                   # the same record twice is one record
    with Store(path, read_only=True) as s:
        assert len(corr.corrections(s)) == 2


def test_hostile_names_are_values_not_sparql(tmp_path):
    path = tmp_path / "store"
    doc, statements = own_document()
    with Store(path) as s:
        s.put_document(doc, statements)
        before = rows(s, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        for name in ['x" } ; DROP ALL ; #', "a}\n;DROP ALL", "<urn:x> } DROP ALL {", "Iran'; DROP ALL #"]:
            with pytest.raises(Exception) as info:
                corr.make(s, "merge", name, "Iran")
            assert "DROP" not in type(info.value).__name__
        rec = corr.make(s, "alias", "Iran", 'The "Islamic" Republic } ; DROP ALL #\n')
        corr.record(s, [rec])
        after = rows(s, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert before <= after
    assert (str(corr.CORRECTIONS_GRAPH), IRAN, "http://www.w3.org/2004/02/skos/core#altLabel",
            'The "Islamic" Republic } ; DROP ALL #') in after
