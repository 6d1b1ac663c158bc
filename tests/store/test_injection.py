"""Names and values with SPARQL syntax in them, given to every command that takes one:
the answers are right and the store is unchanged."""
from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from graph import pipeline
from graph.cli import main
from graph.store.oxigraph import OxigraphStore

from .conftest import KH, ODD

EVIL = [
    'a "quoted" name', "it's", "{zq braces zq}", "a # hash", "line\nbreak", "} ;", "DROP ALL",
    '" } ; DROP ALL ; INSERT DATA { <urn:a> <urn:a> <urn:a> } #',
    "'> } DROP ALL #", "<urn:x> } ; CLEAR ALL ; {",
]


def nquads(store) -> list[str]:
    with OxigraphStore(store, read_only=True) as st:
        buf = io.BytesIO()
        st.export(buf, "nquads")
    return sorted(buf.getvalue().decode().splitlines())


def cli(store, *args):
    return CliRunner().invoke(main, ["--store", str(store), *args])


def one_line_error(result) -> None:
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory, corpus_store_template):
    import shutil

    path = tmp_path_factory.mktemp("evil") / "store"
    shutil.copytree(corpus_store_template, path)
    return path


@pytest.mark.parametrize("value", EVIL)
def test_every_command_binds_names_and_values(evil_store, value):
    before = nquads(evil_store)
    # a free query: the value comes back exactly, as a literal
    out = cli(evil_store, "query", "SELECT ?v WHERE { }", "--bind", f"v={value}", "--format", "json")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["results"]["bindings"] == [{"v": {"type": "literal", "value": value,
                                                                    "datatype": "http://www.w3.org/2001/XMLSchema#string"}}]
    # named queries: an unknown actor, a bad type, a bad date are one-line errors
    for name, param in (("patrons", "actor"), ("evidence", "a"), ("actors-by-type", "type"), ("changes", "since")):
        extra = ["--bind", "b=Iran"] if name == "evidence" else ["--bind", "until=2024"] if name == "changes" else []
        one_line_error(cli(evil_store, "query", "--name", name, "--bind", f"{param}={value}", *extra))
    # label search: no match, no error
    found = cli(evil_store, "actors", "--search", value, "--format", "json")
    assert found.exit_code == 0, found.stderr
    assert all(value.lower() in r["label"].lower() for r in json.loads(found.stdout))
    # remove: nothing matches
    one_line_error(cli(evil_store, "remove", value))
    assert nquads(evil_store) == before


def test_a_name_full_of_syntax_is_found_and_answered(evil_store):
    before = nquads(evil_store)
    rows = json.loads(cli(evil_store, "query", "--name", "allies", "--bind", f"actor={ODD.label}",
                          "--format", "json").stdout)["results"]["bindings"]
    assert [(r["actor"]["value"], r["other"]["value"]) for r in rows] == [(ODD.iri, KH.iri)]
    with pipeline.open_store(evil_store, read_only=True) as st:
        assert [r["label"] for r in pipeline.actors(st, search="DROP ALL")] == [ODD.label]
    assert nquads(evil_store) == before


@pytest.mark.parametrize("value", EVIL[:4] + EVIL[7:])
def test_sources_full_of_syntax_are_removed_exactly(empty_store, value):
    from .conftest import IRAN, US, document

    with OxigraphStore(empty_store) as st:
        keep_doc, keep = document("keep.txt", "2020-01-01", [(US, "condemns", IRAN)])
        st.put_document(keep_doc, keep)
        before = sorted(st.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False))
        doc, statements = document(value, "2021-01-01", [(IRAN, "attacks", US)], text_name=value)
        st.put_document(doc, statements)
        assert st.document_sources(doc.iri) == [value]
        # the same text under a second name, then the first name removed: only it goes
        copy, copy_statements = document("copy.txt", "2021-01-01", [(IRAN, "attacks", US)], text_name=value)
        assert copy.iri == doc.iri
        st.put_document(copy, None)
        assert sorted(st.document_sources(doc.iri)) == sorted(["copy.txt", value])
        assert pipeline.remove(st, value) == [doc.iri]
        assert st.document_sources(doc.iri) == ["copy.txt"]
        # a new extractor version rewrites the document (values written into the update)
        st.put_document(copy, [type(s)(**{**s.__dict__, "extractor_version": "2"}) for s in copy_statements])
        assert {e["version"] for e in st.evidence()} == {"1", "2"}
        assert pipeline.remove(st, "copy.txt") == [doc.iri]
        assert sorted(st.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)) == before
