"""graph.store: the store interface, the open_store factory, bound values in updates."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import StoreError
from graph.store import is_url, open_store
from graph.store.base import Store
from graph.store.oxigraph import OxigraphStore
from graph.store.sparql import fill_values


def test_embedded_store_implements_the_interface(tmp_path):
    with open_store(tmp_path / "s") as st:
        assert isinstance(st, Store) and isinstance(st, OxigraphStore)
        assert st.query("ASK { GRAPH ?g { ?s ?p ?o } }").askAnswer is True
    with pytest.raises(TypeError):
        Store()  # abstract


@pytest.mark.parametrize("url", ["http://127.0.0.1:7878", "https://example.org/sparql"])
def test_a_url_is_never_a_directory(tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    assert is_url(url)
    try:
        store = open_store(url)
    except StoreError as exc:
        assert url in str(exc) and "\n" not in str(exc)
    else:  # a remote backend exists: it must be one, not a folder
        store.close()
        assert not isinstance(store, OxigraphStore)
    assert list(tmp_path.iterdir()) == []
    result = CliRunner().invoke(main, ["--store", url, "stats"])
    assert list(tmp_path.iterdir()) == []
    if result.exit_code != 0:
        assert result.stderr.strip().startswith("actorgraph: store http")


def test_env_url_is_not_a_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACTORGRAPH_STORE", "http://127.0.0.1:9")
    with pytest.raises(StoreError):
        open_store(create=False)
    assert list(tmp_path.iterdir()) == []


def test_paths_are_directories(tmp_path):
    assert not is_url(tmp_path / "http:")
    assert not is_url("relative/dir")


def test_fill_values_writes_terms_not_syntax():
    from rdflib import Literal, URIRef

    evil = 'x" } ; DROP ALL ; INSERT DATA { <a:b> <a:b> "'
    text = fill_values("DELETE { ?s ?p ?o } WHERE { VALUES (?s ?o) { } ?s ?p ?o }",
                       {"s": URIRef("urn:x"), "o": Literal(evil)})
    assert text.count("DROP ALL") == 1 and '\\"' in text
    import pyoxigraph as ox

    store = ox.Store()
    q = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.Literal(evil))
    store.add(q)
    store.add(ox.Quad(ox.NamedNode("urn:y"), ox.NamedNode("urn:p"), ox.Literal("keep")))
    store.update(text)
    assert [str(x.subject) for x in store] == ["<urn:y>"]


def test_unfilled_values_block_matches_nothing():
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o")))
    store.update(fill_values("DELETE { ?s ?p ?o } WHERE { VALUES ?s { } ?s ?p ?o }", {}))
    assert len(store) == 1
