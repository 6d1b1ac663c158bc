"""Helpers of the extraction tests: what a sentence written for a test yields."""
from __future__ import annotations

from graph.extract.extractor import Extractor
from graph.model import Document


def statements(ex: Extractor, text: str, *, negated: bool | None = False) -> list:
    """The statements of ``text`` with this negation (``negated=None``: all of them)."""
    doc = Document(id="test.txt", text=text)
    return [s for s in ex.extract(doc) if negated is None or s.negated == negated]


def triples(ex: Extractor, text: str, *, negated: bool | None = False) -> set[tuple[str, str, str]]:
    """(subject label, relation, object label) of the statements of ``text`` with this negation."""
    return {(s.subject.label, s.predicate, s.object.label) for s in statements(ex, text, negated=negated)}


def mentions(ex: Extractor, text: str):
    """The parse, the raw mentions and the resolved mentions of ``text``."""
    from graph.extract.mentions import find_mentions
    from graph.extract.resolve import resolve_mentions

    doc = ex.nlp(text)
    raw = find_mentions(doc, ex.gazetteer, ex.patterns)
    return doc, raw, resolve_mentions(doc, raw, ex.kb, ex.patterns)
