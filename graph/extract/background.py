"""Background knowledge where it disambiguates, never where it would assert.

The curated facts (``ontology/facts-*.ttl``) say who heads what. When the text
says that a person belongs to an organisation or state in words that leave the
office open ("Hezbollah official P", "P, a member of X": the
``vagueMembershipTitles`` of ``patterns.ttl``, with none of the
``subordinateMarkers`` such as "deputy" or "former") and the facts say that P
heads it, the statement is the more specific ``leaderOf``: the facts choose
between readings the text allows, they never add a statement the text does
not make, nor overrule an office the text names.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from ..vocab import AG, Rel, ontology_files, read_ontology_file

__all__ = ["Background", "load_background"]


def _refinements() -> dict[str, tuple[str, str]]:
    """text relation → (the fact that refines it, the relation it becomes)."""
    return {Rel.memberOf: (Rel.leaderOf, Rel.leaderOf)}


class Background:
    """Curated structural facts, indexed as (subject IRI, relation, object IRI)."""

    def __init__(self, facts: set[tuple[str, str, str]]):
        self.facts = facts

    @classmethod
    def from_graph(cls, g: Graph) -> "Background":
        prefix = str(AG)
        return cls({(str(s), str(p)[len(prefix):], str(o)) for s, p, o in g if str(p).startswith(prefix)})

    def refine(self, relation: str, subject_iri: str, object_iri: str, words: frozenset[str] = frozenset(),
               vague: frozenset[str] = frozenset(), subordinate: frozenset[str] = frozenset()) -> str:
        """The relation to state: ``relation`` itself, or a narrower one that the facts single out when the
        sentence's ``words`` name the office only vaguely (a ``vague`` title and no ``subordinate`` marker)."""
        ref = _refinements().get(relation)
        if ref is None or (subject_iri, ref[0], object_iri) not in self.facts:
            return relation
        if not (words & vague) or (words & subordinate):
            return relation
        return ref[1]


@lru_cache(maxsize=1)
def load_background() -> Background:
    g = Graph()
    for name in ontology_files():
        if name.startswith("facts-"):
            g.parse(data=read_ontology_file(name), format="turtle")
    return Background.from_graph(g)
