"""Document identity and the default graph, on real ingests of the sample corpus."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import pipeline
from graph.cli import main
from graph.io.documents import read_file

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
X = CORPUS / "02-2019-12-us-strikes-kataib-hezbollah.txt"
Y = CORPUS / "04-2021-06-strikes-near-qaim.txt"
WHO_BACKS_WHOM = """PREFIX ag: <https://w3id.org/actorgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?client ?patron WHERE {
  ?c ag:backedBy ?p . ?c skos:prefLabel ?client . ?p skos:prefLabel ?patron }"""


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("identity")
    for name, src in (("a/article.txt", X), ("b/article.txt", Y), ("c/renamed.txt", Y)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, root / name)
    return root


def test_two_article_txt_in_two_folders_are_two_documents(folders, tmp_path, monkeypatch):
    monkeypatch.chdir(folders)
    store = tmp_path / "store"
    report = pipeline.ingest(["a", "b"], store)
    assert report.documents == 2
    with pipeline.open_store(store, read_only=True) as st:
        docs = st.documents()
        assert sorted(d["source"] for d in docs) == ["a/article.txt", "b/article.txt"]
        assert st.stats()["documents"] == 2
    out = CliRunner().invoke(main, ["--store", str(store), "stats", "--json"])
    assert '"documents": 2' in out.stdout


def test_same_text_under_two_names_is_one_document_with_two_sources(folders, tmp_path, monkeypatch):
    monkeypatch.chdir(folders)
    store = tmp_path / "store"
    one = pipeline.ingest(["b"], store)
    with pipeline.open_store(store, read_only=True) as st:
        single = st.stats()
    report = pipeline.ingest(["b", "c"], store)
    assert report.documents == 1          # counted once
    with pipeline.open_store(store, read_only=True) as st:
        docs = st.documents()
        assert len(docs) == 1
        assert st.document_sources(docs[0]["iri"]) == ["b/article.txt", "c/renamed.txt"]
        again = st.stats()
        assert again.pop("quads") == single.pop("quads") + 1     # one dcterms:source more
        assert again == single            # counted once: the same statements, no more
    # renamed copy first in a fresh store: still one document, extracted once
    store2 = tmp_path / "store2"
    both = pipeline.ingest(["b", "c"], store2)
    assert both.documents == 1 and both.statements == one.statements
    with pipeline.open_store(store2, read_only=True) as st:
        assert [len(st.document_sources(d["iri"])) for d in st.documents()] == [2]


def test_a_changed_file_replaces_its_document_and_keeps_the_other_source(folders, tmp_path, monkeypatch):
    work = tmp_path / "w"
    shutil.copytree(folders, work)
    monkeypatch.chdir(work)
    store = tmp_path / "store"
    pipeline.ingest(["b", "c"], store)
    (work / "b" / "article.txt").write_text(X.read_text(encoding="utf-8"), encoding="utf-8")
    pipeline.ingest(["b"], store)
    with pipeline.open_store(store, read_only=True) as st:
        by_source = {s: d["iri"] for d in st.documents() for s in st.document_sources(d["iri"])}
    assert set(by_source) == {"b/article.txt", "c/renamed.txt"}
    assert by_source["b/article.txt"] != by_source["c/renamed.txt"]
    assert by_source["b/article.txt"] == read_file(work / "b" / "article.txt")[0][0].iri


def test_default_graph_holds_each_direct_triple_once_and_only_articles(tmp_path):
    store = tmp_path / "store"
    pipeline.ingest([CORPUS], store)
    with pipeline.open_store(store, read_only=True) as st:
        rows = [(str(r.client), str(r.patron)) for r in pipeline.query(st, WHO_BACKS_WHOM)]
        assert rows and len(rows) == len(set(rows))
        assert ("Kataib Hezbollah", "Iran") in rows
        # what the articles say: statements back every row; no curated fact, no ontology
        stated = {(str(r.s), str(r.o)) for r in st.query(
            "SELECT DISTINCT ?s ?o WHERE { ?st rdf:predicate ag:backedBy ; rdf:subject ?s ; rdf:object ?o ;"
            " ag:negated false }")}
        direct = {(str(r.c), str(r.p)) for r in pipeline.query(
            st, "SELECT ?c ?p WHERE { ?c ag:backedBy ?p }")}
        assert direct == stated
        curated = {(str(r.s), str(r.o)) for r in st.query(
            "SELECT ?s ?o WHERE { GRAPH graph:curated { ?s ag:backedBy ?o } }")}
        assert curated - stated, "the curated facts should hold a pair no article states"
        assert not (curated - stated) & direct
        assert not pipeline.query(st, "ASK { ?c a owl:ObjectProperty }").askAnswer
        assert pipeline.query(st, "ASK { GRAPH graph:ontology { ?c a owl:ObjectProperty } }").askAnswer
        # the internal view keeps seeing the ontology
        assert st.query("ASK { ?c a owl:ObjectProperty }", union=True).askAnswer
