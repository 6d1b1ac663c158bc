"""A store of the sample corpus, ingested once for the pipeline tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph import pipeline

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "store"
    pipeline.ingest([CORPUS], path)
    return path
