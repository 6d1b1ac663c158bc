"""Background knowledge where it disambiguates, never where it would assert.

The curated facts (``ontology/facts-*.ttl``) say who heads what. When the text
supports that a person belongs to an organisation or state ("Hezbollah
official P", "P, a member of X") and the facts say that P heads it, the
statement is the more specific ``leaderOf``: the facts choose between readings
the text allows, they never add a statement the text does not make.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from ..vocab import AG, ontology_files, read_ontology_file

__all__ = ["Background", "load_background"]

#: text relation → (the fact that refines it, the relation it becomes)
REFINEMENTS = {"memberOf": ("leaderOf", "leaderOf")}


class Background:
    """Curated structural facts, indexed as (subject IRI, relation, object IRI)."""

    def __init__(self, facts: set[tuple[str, str, str]]):
        self.facts = facts

    @classmethod
    def from_graph(cls, g: Graph) -> "Background":
        prefix = str(AG)
        return cls({(str(s), str(p)[len(prefix):], str(o)) for s, p, o in g if str(p).startswith(prefix)})

    def refine(self, relation: str, subject_iri: str, object_iri: str) -> str:
        """The relation to state: ``relation`` itself, or a narrower one that the facts single out."""
        ref = REFINEMENTS.get(relation)
        if ref is not None and (subject_iri, ref[0], object_iri) in self.facts:
            return ref[1]
        return relation


@lru_cache(maxsize=1)
def load_background() -> Background:
    g = Graph()
    for name in ontology_files():
        if name.startswith("facts-"):
            g.parse(data=read_ontology_file(name), format="turtle")
    return Background.from_graph(g)
