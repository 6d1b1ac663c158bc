"""graph.pipeline: the Python API behind the command line, used directly as from a notebook."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal, URIRef, namespace

from graph import pipeline
from graph.analysis.core import Analysis
from graph.io.documents import SUPPORTED_SUFFIXES, read_file
from graph.model import Document, IngestReport, ReadFailure, Statement
from graph.rdf.ingest_log import runs as ingest_runs
from graph.rdf.statements import document_triple_set
from graph.vocab import ACTOR, relations

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in SUPPORTED_SUFFIXES)
TXT = CORPUS / "02-2019-12-us-strikes-kataib-hezbollah.txt"      # has a denied (negated) relation
JSONL = CORPUS / "07-2023-10-gaza-war-regional-fronts.jsonl"

# The sentence of TXT that the re-ingest test replaces, and our own replacement.
OLD_SENTENCE = ("Caretaker Prime Minister Adel Abdul-Mahdi condemned the strikes as a violation "
                "of Iraqi sovereignty.")
NEW_SENTENCE = "Iraqi President Barham Salih condemned the raids as a breach of Iraqi sovereignty."

BACKED_BY = "SELECT ?client ?patron WHERE { ?client ag:backedBy ?patron }"
GRAPH_TRIPLES = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
DOC_SENTENCES = """SELECT ?g ?sentence WHERE { GRAPH ?g {
    ?st a ag:Statement ; prov:wasDerivedFrom ?ev . ?ev ag:sentence ?sentence } }"""


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> tuple[Path, IngestReport]:
    """The sample corpus ingested once (the store given as a path: ingest opens and closes it)."""
    path = tmp_path_factory.mktemp("pipeline") / "store"
    return path, pipeline.ingest([CORPUS], path)


@pytest.fixture
def store(corpus_store):
    with pipeline.open_store(corpus_store[0], read_only=True) as st:
        yield st


def one_doc(path: Path) -> Document:
    docs, failures = read_file(path)
    assert not failures and len(docs) == 1
    return docs[0]


# --------------------------------------------------------------------------- ingest


def test_ingest_returns_the_counts(corpus_store):
    path, report = corpus_store
    assert isinstance(report, IngestReport)
    assert report.documents == len(CORPUS_FILES) == 12
    assert report.unchanged == 0 and report.failures == []
    assert report.statements > 0 and report.actors > 0
    with pipeline.open_store(path, read_only=True) as st:
        stats = st.stats()
    assert (stats["documents"], stats["statements"], stats["actors"]) == \
        (report.documents, report.statements, report.actors)


def test_ingest_into_an_open_store_skips_unchanged_and_leaves_it_open(corpus_store):
    calls = []
    with pipeline.open_store(corpus_store[0]) as st:
        before, runs_before = st.stats(), ingest_runs(st)
        report = pipeline.ingest([CORPUS], st, progress=lambda *a: calls.append(a))
        assert (report.documents, report.unchanged, report.statements, report.actors) == (12, 12, 0, 0)
        after = st.stats()                                   # still open, and unchanged: a run that
        assert after == before                               # stores nothing leaves no log record
        assert ingest_runs(st) == runs_before
    assert [c[0] for c in calls] == list(range(1, 13))
    assert all(total == 12 for _, total, _ in calls)
    sources = {d.source for path in CORPUS_FILES for d in read_file(path)[0]}
    assert {source for *_, source in calls} == sources


def test_ingest_collects_failures_and_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(TXT, tmp_path)
    report = pipeline.ingest([tmp_path / "missing.txt", tmp_path], tmp_path / "store")
    assert report.documents == 1 and report.statements > 0
    assert sorted(Path(f.source).name for f in report.failures) == ["empty.txt", "missing.txt"]
    assert all(isinstance(f, ReadFailure) and f.problem for f in report.failures)


# --------------------------------------------------------------------------- extract


def test_extract_yields_documents_with_their_statements():
    failures: list[ReadFailure] = []
    calls = []
    results = list(pipeline.extract([TXT, JSONL, CORPUS / "no-such-file.txt"], failures=failures,
                                    progress=lambda *a: calls.append(a)))
    assert [Path(f.source).name for f in failures] == ["no-such-file.txt"]
    assert len(results) == len(calls) == 2
    names = set(relations())
    for doc, statements in results:
        assert isinstance(doc, Document) and doc.text
        assert statements and all(isinstance(s, Statement) for s in statements)
        for s in statements:
            assert s.doc_iri == doc.iri and s.doc_id == doc.id
            assert s.predicate in names
            assert doc.text[s.evidence.start:s.evidence.end].strip() == s.evidence.sentence
    assert results[0][0].id == TXT.name
    assert any(s.negated for s in results[0][1])


def test_extract_jsonl_writes_one_record_per_statement():
    buf = io.StringIO()
    report = pipeline.extract_jsonl([TXT], buf)
    lines = buf.getvalue().splitlines()
    assert isinstance(report, pipeline.ExtractReport)
    assert (report.documents, report.statements, report.failures) == (1, len(lines), [])
    records = [json.loads(line) for line in lines]
    statements = next(iter(pipeline.extract([TXT])))[1]
    assert [(r["subject_iri"], r["predicate"], r["object_iri"], r["negated"], r["evidence"]) for r in records] == \
        [(s.subject.iri, s.predicate, s.object.iri, s.negated, s.evidence.sentence) for s in statements]
    assert report.actors == len({r["subject_iri"] for r in records} | {r["object_iri"] for r in records})

    positive = io.StringIO()
    pipeline.extract_jsonl([TXT], positive, include_negated=False)
    kept = [json.loads(line) for line in positive.getvalue().splitlines()]
    assert kept == [r for r in records if not r["negated"]] and len(kept) < len(records)


# --------------------------------------------------------------------------- query, network, analysis


def test_query_with_bound_values(store):
    everything = [(str(r.client), str(r.patron)) for r in pipeline.query(store, BACKED_BY)]
    iran = ACTOR["Iran"]
    rows = list(pipeline.query(store, BACKED_BY, {"patron": iran}))
    assert rows
    assert {r.patron for r in rows} == {iran}
    assert sorted((str(r.client), str(r.patron)) for r in rows) == \
        sorted(p for p in everything if p[1] == str(iran))
    # a plain Python value binds a literal
    doc = one_doc(TXT)
    rows = list(pipeline.query(store, "SELECT ?d ?id WHERE { ?d a ag:Document ; dcterms:identifier ?id }",
                               {"id": TXT.name}))
    assert [(str(r.d), str(r.id)) for r in rows] == [(doc.iri, TXT.name)]


def test_network_is_the_non_negated_statements(store):
    stats = store.stats()
    G = pipeline.network(store)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_edges() == stats["direct"]
    assert sum(d["weight"] for *_, d in G.edges(data=True)) == stats["statements"] - stats["negated"]
    assert set(relations()) >= {k for *_, k in G.edges(keys=True)}
    assert G.nodes[str(ACTOR["Iran"])]["label"] == "Iran"

    backed = pipeline.network(store, relations=["backedBy"])
    assert backed.number_of_edges() > 0 and {k for *_, k in backed.edges(keys=True)} == {"backedBy"}
    recent = pipeline.network(store, since="2024")
    assert 0 < recent.number_of_edges() < G.number_of_edges()
    assert all(d["first_date"] >= "2024" for *_, d in recent.edges(data=True))


def test_analyze_returns_an_analysis(store):
    result = pipeline.analyze(store, top=5)
    assert isinstance(result, Analysis)
    data = result.to_dict()
    json.dumps(data)                                   # JSON-serialisable as documented
    assert data["nodes"] == store.stats()["actors"]
    assert data["blocs"] and 0 < len(data["most_connected"]) <= 5
    assert data["most_connected"][0]["label"] in result.to_text()
    assert [p["period"] for p in data["periods"]] == sorted(p["period"] for p in data["periods"])
    since = pipeline.analyze(store, since="2024").to_dict()
    assert since["periods"] and all(p["period"] >= "2024" for p in since["periods"])


def test_render_writes_html(store, tmp_path):
    path = pipeline.render(store, tmp_path / "out" / "graph.html", title="Pipeline test graph", max_nodes=20)
    assert isinstance(path, Path) and path.is_file()
    html = path.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "Pipeline test graph" in html
    assert "United States" in html


# --------------------------------------------------------------------------- re-ingesting a changed document


def canonical(term):
    """RDF 1.1: a simple literal IS an xsd:string literal (rdflib keeps them apart)."""
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return Literal(str(term), datatype=namespace.XSD.string)
    return term


def stored_graph(st, doc_iri: str) -> set[tuple]:
    return {tuple(map(canonical, (r.s, r.p, r.o))) for r in st.query(GRAPH_TRIPLES, {"g": URIRef(doc_iri)})}


def stored_sentences(st, doc_iri: str) -> set[str]:
    return {str(r.sentence) for r in st.query(DOC_SENTENCES, {"g": URIRef(doc_iri)})}


def test_reingesting_a_changed_document_replaces_its_statements(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    copy = Path(shutil.copy(TXT, inbox))
    store_path = tmp_path / "store"

    first = pipeline.ingest([inbox], store_path)
    assert (first.documents, first.unchanged) == (1, 0)
    doc = one_doc(copy)
    with pipeline.open_store(store_path, read_only=True) as st:
        assert OLD_SENTENCE in stored_sentences(st, doc.iri)
        assert NEW_SENTENCE not in stored_sentences(st, doc.iri)

    text = copy.read_text(encoding="utf-8")
    assert text.count(OLD_SENTENCE) == 1
    copy.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    second = pipeline.ingest([inbox], store_path)
    assert (second.documents, second.unchanged, second.failures) == (1, 0, [])

    new_doc = one_doc(copy)
    # the same source with another text: a new document (its IRI comes from the text) replaces the old
    assert new_doc.identity == doc.identity and new_doc.content_hash != doc.content_hash
    assert new_doc.iri != doc.iri
    (_, statements), = pipeline.extract([copy])
    with pipeline.open_store(store_path, read_only=True) as st:
        assert stored_sentences(st, doc.iri) == set() and stored_graph(st, doc.iri) == set()
        sentences = stored_sentences(st, new_doc.iri)
        assert OLD_SENTENCE not in sentences and NEW_SENTENCE in sentences
        assert sentences == {s.evidence.sentence for s in statements}
        # the document graph is exactly what the new text gives: nothing of the old version is left
        assert stored_graph(st, new_doc.iri) == {tuple(map(canonical, t))
                                                 for t in document_triple_set(new_doc, statements)}
        docs = st.documents()
        assert [(d["iri"], d["id"], d["hash"]) for d in docs] == [(new_doc.iri, TXT.name, new_doc.content_hash)]
        nodes = list(st.query("SELECT DISTINCT ?d WHERE { ?d a ag:Document }"))
        assert [str(r.d) for r in nodes] == [new_doc.iri]
        assert st.stats()["statements"] == len({s.iri for s in statements}) == second.statements


# --------------------------------------------------------------------------- streaming, duplicates, resuming, processes


class _NoParse:
    """An extractor that must not be called: the documents are all skipped before parsing."""

    def extract_many(self, docs):
        raise AssertionError(f"parsed {[d.id for d in docs]}")

    extract = extract_many


def test_same_text_under_two_names_is_one_document_and_stored_text_is_not_parsed_again(tmp_path):
    for folder, name in (("a", "one.txt"), ("b", "two.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(TXT, tmp_path / folder / name)
    store_path = tmp_path / "store"
    report = pipeline.ingest([tmp_path / "a", tmp_path / "b"], store_path)
    assert (report.documents, report.duplicates, report.unchanged, report.failures) == (1, 1, 0, [])
    h = one_doc(TXT).content_hash
    assert report.sources == {h: [str(tmp_path / "a" / "one.txt"), str(tmp_path / "b" / "two.txt")]}
    with pipeline.open_store(store_path, read_only=True) as st:
        assert st.stats()["documents"] == 1
        assert st.stats()["statements"] == report.statements > 0

    (tmp_path / "c").mkdir()
    shutil.copy(TXT, tmp_path / "c" / "three.txt")               # a third name, already stored text
    again = pipeline.ingest([tmp_path / "a", tmp_path / "c"], store_path, extractor=_NoParse())
    assert (again.documents, again.unchanged, again.duplicates, again.statements, again.failures) == (1, 1, 1, 0, [])


def test_undated_documents_are_counted_and_a_default_date_applies(tmp_path):
    (tmp_path / "undated.txt").write_text("Iran armed Kataib Hezbollah for years, officials said.\n",
                                          encoding="utf-8")
    report = pipeline.ingest([tmp_path / "undated.txt"], tmp_path / "s1")
    assert (report.documents, report.undated) == (1, 1)
    dated = pipeline.ingest([tmp_path / "undated.txt"], tmp_path / "s2",
                            options=pipeline.ReadOptions(default_date="2021-05-06"))
    assert (dated.documents, dated.undated) == (1, 0)
    with pipeline.open_store(tmp_path / "s2", read_only=True) as st:
        assert [d["date"] for d in st.documents()] == ["2021-05-06"]


def test_extraction_on_two_processes_gives_what_one_process_gives(monkeypatch):
    import graph.parallel as parallel

    monkeypatch.setattr(parallel, "SMALL_STREAM", 1)         # use the worker pool even for three files
    files = CORPUS_FILES[:3]

    def key(results):
        return [(d.id, [(s.iri, s.evidence.start) for s in sts]) for d, sts in results]

    one = key(pipeline.extract(files, jobs=1))
    two = key(pipeline.extract(files, jobs=2))
    assert one == two and len(one) == 3 and all(sts for _, sts in one)


def test_progress_display_prints_a_line_per_block_when_not_on_a_terminal(monkeypatch):
    from rich.console import Console

    from graph.cli.common import PROGRESS_ENV, ProgressDisplay

    monkeypatch.delenv(PROGRESS_ENV, raising=False)          # tests/conftest.py turns progress off

    buf = io.StringIO()
    with ProgressDisplay("ingest", every=2, console=Console(file=buf, force_terminal=False)) as progress:
        for n in range(1, 6):
            progress(n, 5, f"/x/doc\x1b[31m{n}.txt")
    lines = buf.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == ["ingest: 2 of 5 documents", "ingest: 4 of 5 documents"]
    assert all("/s" in line and "left" in line for line in lines)
