"""graph.store.oxigraph: the embedded Oxigraph store behind rdflib."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

import graph.store.oxigraph as store_mod
from graph.rdf import statements as rdf
from graph.model import Actor, Document, Evidence, Statement
from graph.store.oxigraph import Store, StoreError, default_store_path
from graph.store.terms import to_ox
from graph.vocab import ACTOR, AG, CURATED_GRAPH, ID, ONTOLOGY_GRAPH

REPO = Path(__file__).resolve().parents[1]
VENV_PY = REPO / ".venv" / "bin" / "python"
PYTHON = str(VENV_PY) if VENV_PY.exists() else sys.executable

NORTH = Actor(str(ACTOR["Vexland"]), "Vexland North", "State")
SOUTH = Actor(str(ACTOR["Vexsouth"]), "Vexland South", "State")
RED = Actor(str(ID["actor/qorum-hand"]), "Qorum Hand", "ArmedGroup", ("Qorum Hand", "Qorum Hand militia"),
            minted=True)
QUOTED = Actor(str(ID["actor/quoted"]), 'The "Quoted" Front', "Group", minted=True)


def make_doc(doc_id: str, text: str, **kw) -> Document:
    return Document(id=doc_id, text=text, title=kw.pop("title", f"Title of {doc_id}"),
                    date=kw.pop("date", "2021-03-04"), source=f"corpus/{doc_id}", **kw)


def st(doc: Document, subject: Actor, predicate: str, obj: Actor, sentence: str, *,
       negated: bool = False, confidence: float = 0.7, version: str = "1") -> Statement:
    start = doc.text.index(sentence)
    return Statement(subject, predicate, obj, doc.id, doc.iri,
                     Evidence(sentence, start, start + len(sentence)),
                     confidence=confidence, negated=negated, extractor="test-rules",
                     extractor_version=version)


S1 = "Vexland North armed the Qorum Hand militia."
S2 = "The Qorum Hand did not attack Vexland South."
S3 = "Qorum Hand fighters, funded by Vexland North, paraded."
DOC_A = make_doc("a.txt", f"{S1} {S2}")
DOC_B = make_doc("b.txt", f"{S3} Nothing else happened.", date="2021-05-06")
A_STATEMENTS = [st(DOC_A, RED, "backedBy", NORTH, S1, confidence=0.8),
                st(DOC_A, RED, "attacks", SOUTH, S2, negated=True)]
B_STATEMENTS = [st(DOC_B, RED, "backedBy", NORTH, S3, confidence=0.6)]


@pytest.fixture(scope="module")
def template_store(tmp_path_factory) -> Path:
    """A freshly created (closed) store; copying it is faster than loading the KB each time."""
    path = tmp_path_factory.mktemp("template") / "store"
    Store(path).close()
    return path


@pytest.fixture
def store(tmp_path, template_store):
    shutil.copytree(template_store, tmp_path / "store")
    with Store(tmp_path / "store") as s:
        yield s


def nquads(s: Store) -> list[str]:
    buf = io.BytesIO()
    s.export(buf, "nquads")
    return sorted(line for line in buf.getvalue().decode().splitlines() if line.strip())


def graph_quads(s: Store, doc_iri: str) -> set[str]:
    """The stored triples of one named graph, as canonical N-Triples lines."""
    buf = io.BytesIO()
    s.export(buf, "nquads")
    return {f"{q.subject} {q.predicate} {q.object}"
            for q in ox.parse(buf.getvalue(), format=ox.RdfFormat.N_QUADS)
            if q.graph_name == ox.NamedNode(doc_iri)}


def expected_quads(doc: Document, statements) -> set[str]:
    """What graph.rdf.statements says the document graph is, in Oxigraph's canonical form."""
    mem = ox.Store()
    mem.extend(ox.Quad(*(to_ox(t) for t in triple))
               for triple in rdf.document_triple_set(doc, statements))
    return {f"{q.subject} {q.predicate} {q.object}" for q in mem}


def ask_backed(s: Store) -> bool:
    return s.query("ASK { ?c ag:backedBy ?p }",
                   {"c": URIRef(RED.iri), "p": URIRef(NORTH.iri)}).askAnswer


# ------------------------------------------------------------------ writing and reading

def test_union_default_graph_sees_document_graphs(store):
    assert store.put_document(DOC_A, A_STATEMENTS) is True
    rows = list(store.query("SELECT ?c ?p WHERE { ?c ag:backedBy ?p }", {"c": URIRef(RED.iri)}))
    assert [(str(r.c), str(r.p)) for r in rows] == [(RED.iri, NORTH.iri)]
    # the triple lives in the document's named graph, not in the default graph
    in_graph = store.query("SELECT ?g ?c WHERE { GRAPH ?g { ?c ag:backedBy ?p } }",
                           {"c": URIRef(RED.iri)})
    assert {str(r.g) for r in in_graph} == {DOC_A.iri}
    # curated facts and the ontology are part of the union too
    assert store.query("ASK { ag:backedBy a ag:ActorRelation }").askAnswer
    curated = list(store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
                               {"g": CURATED_GRAPH}))
    if curated:
        _, s, p, o = curated[0]
        assert store.query("ASK { ?s ?p ?o }", {"s": s, "p": p, "o": o}).askAnswer


def test_statement_links_document_sentence_and_offsets(store):
    store.put_document(DOC_A, A_STATEMENTS)
    ev = store.evidence(RED.iri, "backedBy", NORTH.iri)
    assert len(ev) == 1
    e = ev[0]
    assert e["statement"] == A_STATEMENTS[0].iri
    assert e["document"] == DOC_A.iri and e["title"] == "Title of a.txt"
    assert e["document_date"] == "2021-03-04"
    assert e["sentence"] == S1 and DOC_A.text[e["start"]:e["end"]] == S1
    assert e["confidence"] == pytest.approx(0.8) and e["negated"] is False
    assert (e["extractor"], e["version"]) == ("test-rules", "1")


def test_negated_statement_is_stored_without_truthy_triple(store):
    store.put_document(DOC_A, A_STATEMENTS)
    assert not store.query("ASK { ?s ag:attacks ?o }").askAnswer
    denied = store.evidence(predicate="attacks")
    assert [(d["subject"], d["object"], d["negated"]) for d in denied] == [(RED.iri, SOUTH.iri, True)]


def test_truthy_triple_lives_while_some_document_supports_it(store):
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    assert store.remove_document(DOC_A.iri) is True
    assert ask_backed(store)                          # DOC_B still supports it
    assert [d["document"] for d in store.evidence(RED.iri, "backedBy")] == [DOC_B.iri]
    assert store.remove_document(DOC_B.iri) is True
    assert not ask_backed(store)                      # no supporting document left
    assert store.remove_document(DOC_B.iri) is False
    assert store.documents() == []


def test_remove_document_refuses_non_document_graphs(store):
    assert store.remove_document(str(ONTOLOGY_GRAPH)) is False
    assert store.query("ASK { ag:backedBy a ag:ActorRelation }").askAnswer


def test_reputting_same_document_changes_nothing(store):
    assert store.put_document(DOC_A, A_STATEMENTS) is True
    before = nquads(store)
    assert store.put_document(DOC_A, list(A_STATEMENTS)) is False
    assert nquads(store) == before


def test_changed_text_replaces_the_graph_exactly(store):
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    other_before = graph_quads(store, DOC_B.iri)
    new_sentence = "Vexland South condemned the Qorum Hand."
    doc2 = make_doc("a.txt", new_sentence, title="Revised")
    # the same source, another text: a new document replaces the old one
    assert doc2.identity == DOC_A.identity and doc2.iri != DOC_A.iri
    stmts2 = [st(doc2, SOUTH, "condemns", RED, new_sentence, version="2")]
    assert store.put_document(doc2, stmts2) is True
    assert graph_quads(store, doc2.iri) == expected_quads(doc2, stmts2)
    assert graph_quads(store, DOC_B.iri) == other_before
    assert store.document_hash(DOC_A.iri) is None and graph_quads(store, DOC_A.iri) == set()
    assert store.document_hash(doc2.iri) == doc2.content_hash
    assert sorted(d["iri"] for d in store.documents()) == sorted([doc2.iri, DOC_B.iri])
    # the old statements are gone, the new ones are there
    assert [e["statement"] for e in store.evidence(predicate="attacks")] == []
    assert [e["sentence"] for e in store.evidence(predicate="condemns")] == [new_sentence]


def test_new_extractor_version_rewrites_unchanged_text(store):
    store.put_document(DOC_A, A_STATEMENTS)
    newer = [st(DOC_A, RED, "backedBy", NORTH, S1, confidence=0.8, version="2")]
    assert store.put_document(DOC_A, newer) is True
    assert {e["version"] for e in store.evidence()} == {"2"}


def test_invalid_statement_writes_nothing(store):
    store.put_document(DOC_A, A_STATEMENTS)
    before = nquads(store)
    doc2 = make_doc("a.txt", "Changed text.")
    bad = Statement(RED, "befriends", NORTH, doc2.id, doc2.iri, Evidence("Changed text.", 0, 13))
    with pytest.raises(KeyError):
        store.put_document(doc2, [bad])
    assert nquads(store) == before


def test_document_hash_and_documents(store):
    assert store.document_hash(DOC_A.iri) is None
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    assert store.document_hash(DOC_A.iri) == DOC_A.content_hash
    docs = store.documents()
    assert [(d["id"], d["date"], d["statements"], d["source"]) for d in docs] == [
        ("a.txt", "2021-03-04", 2, "corpus/a.txt"), ("b.txt", "2021-05-06", 1, "corpus/b.txt")]
    assert docs[0]["iri"] == DOC_A.iri and docs[0]["title"] == "Title of a.txt"


def test_query_with_bindings_and_query_file(store):
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    q = "SELECT ?doc ?title WHERE { GRAPH ?doc { ?doc dcterms:title ?title } }"
    rows = list(store.query(q, {"doc": URIRef(DOC_B.iri)}))
    assert [str(r.title) for r in rows] == ["Title of b.txt"]
    # a plain Python value becomes a literal
    rows = list(store.query("SELECT ?d ?id WHERE { ?d dcterms:identifier ?id }", {"id": "a.txt"}))
    assert [str(r.d) for r in rows] == [DOC_A.iri]
    rows = list(store.query_file("document-hash", {"doc": URIRef(DOC_A.iri)}))
    assert [str(r.hash) for r in rows] == [DOC_A.content_hash]
    with pytest.raises(ValueError, match="stats"):
        store.query_file("no-such-query")


def test_stats_counts(store):
    empty = store.stats()
    assert (empty["documents"], empty["statements"], empty["direct"], empty["actors"]) == (0, 0, 0, 0)
    assert empty["quads"] > 100                       # the ontology graph
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    doc_q = make_doc("q.txt", 'The "Quoted" Front met Vexland North.')
    store.put_document(doc_q, [st(doc_q, QUOTED, "meetsWith", NORTH, doc_q.text)])
    s = store.stats()
    assert s["documents"] == 3
    assert s["statements"] == 4
    assert s["negated"] == 1
    assert s["direct"] == 2            # backedBy (in two graphs, counted once) + meetsWith
    assert s["actors"] == 4            # Qorum Hand, Vexland North/South, Quoted Front
    assert s["minted"] == 2
    assert s["relations"]["backedBy"] == 2 and s["relations"]["attacks"] == 1
    assert s["relations"]["meetsWith"] == 1 and s["relations"]["urges"] == 0
    total = sum(len(expected_quads(d, x)) for d, x in
                [(DOC_A, A_STATEMENTS), (DOC_B, B_STATEMENTS)]) + len(graph_quads(store, doc_q.iri))
    assert s["quads"] == empty["quads"] + total


def test_actors_listing_and_search(store):
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    listed = store.actors()
    assert [(a["label"], a["statements"]) for a in listed] == [
        ("Qorum Hand", 3), ("Vexland North", 2), ("Vexland South", 1)]
    red = listed[0]
    assert (red["iri"], red["type"], red["minted"]) == (RED.iri, "ArmedGroup", True)
    assert store.actors(limit=1) == listed[:1]
    # alt labels are searched, case-insensitively
    assert [a["iri"] for a in store.actors("QORUM HAND MILITIA")] == [RED.iri]
    assert [a["iri"] for a in store.actors("vexland")] == [NORTH.iri, SOUTH.iri]
    # knowledge-base actors without statements are found by search only
    store.update("""INSERT DATA { GRAPH <%s> {
        <https://w3id.org/actorgraph/actor/Zqxland> a ag:State ; skos:prefLabel "Zqxland"@en } }"""
                 % ONTOLOGY_GRAPH)
    assert [(a["label"], a["statements"], a["type"]) for a in store.actors("zqx")] == [
        ("Zqxland", 0, "State")]
    assert all(a["label"] != "Zqxland" for a in store.actors())


def test_actor_search_with_quotes_and_sparql_syntax_is_safe(store):
    doc_q = make_doc("q.txt", 'The "Quoted" Front met Vexland North.')
    store.put_document(doc_q, [st(doc_q, QUOTED, "meetsWith", NORTH, doc_q.text)])
    before = nquads(store)
    for evil in ['") } ; DROP ALL ; #', "' } } DELETE WHERE { ?s ?p ?o } #", "\\", "?actor", "}"]:
        assert store.actors(evil) == []
    assert nquads(store) == before
    assert [a["iri"] for a in store.actors('"quoted"')] == [QUOTED.iri]


def test_sparql_runs_in_oxigraph_not_in_rdflib(store, monkeypatch):
    """rdflib silently falls back to its slow, non-atomic Python engine when oxrdflib
    declines a query or update; make any such fallback fail loudly."""
    from rdflib.plugins.sparql import processor

    def refuse(*a, **k):
        raise AssertionError("rdflib's own SPARQL engine was used")
    monkeypatch.setattr(processor.SPARQLProcessor, "query", refuse)
    monkeypatch.setattr(processor.SPARQLUpdateProcessor, "update", refuse)
    store.put_document(DOC_A, A_STATEMENTS)
    store.update("DELETE WHERE { GRAPH ?g { ?s ag:negated true } }")
    assert store.stats()["documents"] == 1
    assert store.actors("qorum") and store.evidence() and store.documents()
    assert store.remove_document(DOC_A.iri) is True


# ------------------------------------------------------------------ export

def test_export_turtle_parses_with_rdflib_and_pyoxigraph(store, tmp_path):
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    out = tmp_path / "out.ttl"
    store.export(out, "turtle")
    text = out.read_text()
    assert "@prefix ag: <https://w3id.org/actorgraph/ontology#>" in text
    g = Graph().parse(out, format="turtle")
    oxt = list(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE))
    distinct = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { "
                                     "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"))).n
    assert len(g) == len(oxt) == int(distinct)
    assert (URIRef(RED.iri), AG.backedBy, URIRef(NORTH.iri)) in g
    assert (AG.backedBy, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            AG.ActorRelation) in g
    assert not list(tmp_path.glob(".out.ttl.*"))      # no temp file left behind


@pytest.mark.parametrize("fmt,rdflib_fmt", [("nquads", "nquads"), ("trig", "trig"),
                                            ("jsonld", "json-ld")])
def test_export_with_graphs_round_trips(store, tmp_path, fmt, rdflib_fmt):
    store.put_document(DOC_A, A_STATEMENTS)
    store.put_document(DOC_B, B_STATEMENTS)
    out = tmp_path / f"out.{fmt}"
    store.export(str(out), fmt)
    ds = Dataset()
    ds.parse(out, format=rdflib_fmt)
    names = {str(g.identifier) for g in ds.graphs()}
    assert {DOC_A.iri, DOC_B.iri, str(ONTOLOGY_GRAPH)} <= names
    n = sum(len(ds.graph(URIRef(name))) for name in names if name.startswith("https://"))
    assert n == store.stats()["quads"]
    assert (URIRef(RED.iri), AG.backedBy, URIRef(NORTH.iri)) in ds.graph(URIRef(DOC_B.iri))
    sentence = ds.graph(URIRef(DOC_A.iri)).value(URIRef(A_STATEMENTS[0].evidence_iri), AG.sentence)
    assert str(sentence) == S1


def test_export_unknown_format(store, tmp_path):
    with pytest.raises(ValueError, match="turtle"):
        store.export(tmp_path / "x", "rdfxml-ish")
    assert not (tmp_path / "x").exists()


# ------------------------------------------------------------------ opening, persistence, errors

def test_reopened_store_keeps_everything(tmp_path):
    path = tmp_path / "store"
    with Store(path) as s:
        s.put_document(DOC_A, A_STATEMENTS)
        s.put_document(DOC_B, B_STATEMENTS)
        before, docs = nquads(s), s.documents()
    with Store(path) as s:
        assert nquads(s) == before
        assert s.documents() == docs
        assert s.put_document(DOC_A, A_STATEMENTS) is False
    with Store(path, read_only=True) as s:
        assert nquads(s) == before
        with pytest.raises(StoreError, match="read-only"):
            s.put_document(make_doc("new.txt", "New."), [])


def test_shipped_ontology_is_reloaded_when_its_hash_changes(tmp_path):
    path = tmp_path / "store"
    with Store(path) as s:
        s.update("DELETE WHERE { GRAPH <%s> { ag:backedBy a ag:ActorRelation . ?g ag:contentHash ?h } }"
                 % ONTOLOGY_GRAPH)
        assert not s.query("ASK { ag:backedBy a ag:ActorRelation }").askAnswer
        s.update('INSERT DATA { GRAPH <%s> { <%s> ag:contentHash "stale" } }'
                 % (ONTOLOGY_GRAPH, ONTOLOGY_GRAPH))
    with Store(path) as s:
        assert s.query("ASK { ag:backedBy a ag:ActorRelation }").askAnswer
        hashes = [str(r.hash) for r in s.query_file("shipped-hash", {"graph": ONTOLOGY_GRAPH})]
        assert hashes == [rdf.shipped_data_hash()]
        assert s.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": CURATED_GRAPH}).askAnswer \
            == bool(rdf.curated_facts_files())


def test_second_process_gets_store_error(tmp_path):
    path = tmp_path / "held-store"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from graph.store.oxigraph import Store, StoreError
        try:
            Store({str(path)!r})
        except StoreError as exc:
            print(exc)
            sys.exit(3)
        print("opened")
    """)
    with Store(path) as s:
        s.put_document(DOC_A, A_STATEMENTS)
        proc = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "in use by another actorgraph process" in proc.stdout
    assert str(path) in proc.stdout
    assert "Traceback" not in proc.stderr
    # and once closed, the other process can open it
    proc = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "opened", proc.stderr


def test_same_process_second_writer_gets_store_error(store):
    with pytest.raises(StoreError, match="in use"):
        Store(store.path)


def test_path_that_is_a_file_is_an_error(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("hello")
    with pytest.raises(StoreError, match="is a file") as info:
        Store(f)
    assert str(f) in str(info.value)
    assert f.read_text() == "hello"


def test_directory_that_is_not_a_store_is_an_error(tmp_path):
    d = tmp_path / "photos"
    d.mkdir()
    (d / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not an actorgraph store"):
        Store(d)
    assert sorted(p.name for p in d.iterdir()) == ["cat.jpg"]


def test_missing_store_read_only_or_without_create(tmp_path):
    missing = tmp_path / "missing"
    with pytest.raises(StoreError, match="does not exist") as info:
        Store(missing, read_only=True)
    assert str(missing) in str(info.value)
    with pytest.raises(StoreError, match="does not exist"):
        Store(missing, create=False)
    assert not missing.exists()


def test_failed_creation_leaves_no_directory(tmp_path, monkeypatch):
    import graph.store.shipped as shipped      # the shipped Turtle is read there since the store refactor

    real_read = shipped.read_ontology_file
    monkeypatch.setattr(shipped, "knowledge_base_files", lambda: ["actorgraph.ttl", "actors-test.ttl"])
    monkeypatch.setattr(shipped, "read_ontology_file",
                        lambda name: "this is not Turtle" if name == "actors-test.ttl" else real_read(name))
    target = tmp_path / "new" / "nested" / "store"
    with pytest.raises(StoreError, match="actors-test.ttl"):
        Store(target)
    assert not (tmp_path / "new").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StoreError, match="actors-test.ttl"):
        Store(empty)
    assert empty.is_dir() and list(empty.iterdir()) == []


def test_closed_store_refuses_work(tmp_path):
    s = Store(tmp_path / "store")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.documents()
    s.close()                                        # closing twice is harmless


def test_default_store_path_honours_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ACTORGRAPH_STORE", raising=False)
    assert default_store_path() == Path("actorgraph-store")
    monkeypatch.setenv("ACTORGRAPH_STORE", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"
