"""Fixtures for the store tests: real servers, one per test module."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .servers import start_oxigraph, start_virtuoso


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    try:
        srv = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with srv:
        yield srv


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    try:
        srv = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with srv:
        yield srv


REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store holding the sample corpus, ingested once per session; copy it before writing."""
    from graph import pipeline

    path = tmp_path_factory.mktemp("corpus") / "store"
    report = pipeline.ingest([CORPUS], str(path))
    assert report.documents >= 12 and not report.failures
    return path


@pytest.fixture
def corpus_copy(corpus_store, tmp_path) -> Path:
    """A private copy of the corpus store (for tests that write)."""
    dest = tmp_path / "store"
    shutil.copytree(corpus_store, dest)
    return dest
