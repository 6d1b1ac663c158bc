"""One extractor for every extraction test (loading spaCy and the knowledge base takes seconds)."""
from __future__ import annotations

import pytest

from graph.extract.extractor import Extractor


@pytest.fixture(scope="session")
def ex() -> Extractor:
    return Extractor()
