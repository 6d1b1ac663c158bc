"""Helpers of the extraction tests: what a sentence written for a test yields."""
from __future__ import annotations

from graph.extract.extractor import Extractor
from graph.model import Document


def triples(ex: Extractor, text: str, *, negated: bool = False) -> set[tuple[str, str, str]]:
    """(subject label, relation, object label) of the statements of ``text`` with this negation."""
    doc = Document(id="test.txt", text=text)
    return {(s.subject.label, s.predicate, s.object.label) for s in ex.extract(doc) if s.negated == negated}


def mentions(ex: Extractor, text: str):
    """The parse, the raw mentions and the resolved mentions of ``text``."""
    from graph.extract.mentions import find_mentions
    from graph.extract.resolve import resolve_mentions

    doc = ex.nlp(text)
    raw = find_mentions(doc, ex.gazetteer, ex.patterns)
    return doc, raw, resolve_mentions(doc, raw, ex.kb, ex.patterns)
