"""The ontology as a constraint on candidate statements.

Every actor relation of ``ontology/actorgraph.ttl`` has an ``rdfs:domain`` and
an ``rdfs:range`` (inherited along ``rdfs:subPropertyOf``), and an actor class
may restrict a relation further with an ``owl:allValuesFrom`` restriction
("a state is a member only of non-state collectives"). A candidate whose
subject or object type falls outside them is a misreading ("Saudi Arabia
memberOf Israel", "a person leaderOf a person") and is dropped; each drop is
counted under the name of the constraint it broke.

Class expressions understood: named classes (with ``rdfs:subClassOf`` and
``owl:equivalentClass``), ``owl:unionOf``, ``owl:intersectionOf`` and
``owl:complementOf``. An actor typed only ``ag:Actor`` (kind unknown) passes
every constraint: the open world does not reject what it cannot type.

>>> c = load_constraints()
>>> from graph.vocab import Rel
>>> c.violation(Rel.memberOf, "State", "State")
'memberOf: State subject needs an object in [CollectiveActor and not StateOrOrgan]'
>>> c.violation(Rel.memberOf, "Person", "ArmedGroup") is None
True
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection

from ..vocab import AG, OWL, RDF, RDFS, ontology_graph, relations

__all__ = ["Constraints", "ConstraintReport", "load_constraints"]

UNKNOWN_TYPES = frozenset({"Actor", ""})


def _local(node) -> str:
    return str(node)[len(str(AG)):] if str(node).startswith(str(AG)) else str(node)


@dataclass
class ConstraintReport:
    """Candidates dropped, by the constraint they broke."""

    dropped: Counter = field(default_factory=Counter)

    def add(self, why: str) -> None:
        self.dropped[why] += 1

    @property
    def total(self) -> int:
        return sum(self.dropped.values())

    def lines(self) -> list[str]:
        return [f"{n:5}  {why}" for why, n in sorted(self.dropped.items(), key=lambda kv: (-kv[1], kv[0]))]


class Constraints:
    """Domain, range and class restrictions of the actor relations, read from the ontology."""

    def __init__(self, g: Graph):
        self.g = g
        self.rels = relations()
        # relation → [(domain class node), ...] and [(range class node), ...], own and inherited
        self.domains: dict[str, list] = {}
        self.ranges: dict[str, list] = {}
        for name, rel in self.rels.items():
            props = self._super_properties(rel.iri)
            self.domains[name] = [d for p in props for d in g.objects(p, RDFS.domain) if d != AG.Actor]
            self.ranges[name] = [r for p in props for r in g.objects(p, RDFS.range) if r != AG.Actor]
        # (subject class, property) → allowed object class, from owl:allValuesFrom restrictions
        self.restrictions: list[tuple[URIRef, URIRef, object]] = []
        for cls, restr in g.subject_objects(RDFS.subClassOf):
            if isinstance(restr, BNode) and (restr, RDF.type, OWL.Restriction) in g:
                prop, only = g.value(restr, OWL.onProperty), g.value(restr, OWL.allValuesFrom)
                if prop is not None and only is not None:
                    self.restrictions.append((cls, prop, only))
        self._cache: dict[tuple[str, str, str], str | None] = {}

    # -- class expressions ---------------------------------------------------
    def _super_properties(self, prop) -> list:
        out, todo = [], [prop]
        while todo:
            p = todo.pop()
            if p not in out:
                out.append(p)
                todo.extend(self.g.objects(p, RDFS.subPropertyOf))
        return out

    def is_a(self, type_name: str, expr) -> bool:
        """Whether an actor of class ``type_name`` (local name) belongs to the class expression ``expr``."""
        return _member(self.g, AG[type_name], expr, 0)

    def describe(self, expr) -> str:
        return _describe(self.g, expr)

    # -- the check ------------------------------------------------------------
    def violation(self, relation: str, subject_type: str, object_type: str) -> str | None:
        """The name of the first constraint a (subject, relation, object) candidate breaks, or None."""
        key = (relation, subject_type, object_type)
        if key not in self._cache:
            self._cache[key] = self._check(relation, subject_type, object_type)
        return self._cache[key]

    def _check(self, relation: str, st: str, ot: str) -> str | None:
        if relation not in self.rels:
            return None
        s_known, o_known = st not in UNKNOWN_TYPES, ot not in UNKNOWN_TYPES
        if s_known:
            for d in self.domains[relation]:
                if not self.is_a(st, d):
                    return f"{relation}: domain {self.describe(d)} (subject {st})"
        if o_known:
            for r in self.ranges[relation]:
                if not self.is_a(ot, r):
                    return f"{relation}: range {self.describe(r)} (object {ot})"
        if s_known and o_known:
            props = set(self._super_properties(self.rels[relation].iri))
            for cls, prop, only in self.restrictions:
                if prop in props and self.is_a(st, cls) and not self.is_a(ot, only):
                    return f"{_local(prop)}: {_local(cls)} subject needs an object in [{self.describe(only)}]"
        return None


def _member(g: Graph, cls: URIRef, expr, depth: int) -> bool:
    if depth > 20:
        return False
    if isinstance(expr, BNode):
        union = g.value(expr, OWL.unionOf)
        if union is not None:
            return any(_member(g, cls, e, depth + 1) for e in Collection(g, union))
        inter = g.value(expr, OWL.intersectionOf)
        if inter is not None:
            return all(_member(g, cls, e, depth + 1) for e in Collection(g, inter))
        comp = g.value(expr, OWL.complementOf)
        if comp is not None:
            return not _member(g, cls, comp, depth + 1)
        return False
    if cls == expr or expr == AG.Actor:
        return True
    for sup in g.objects(cls, RDFS.subClassOf):
        if isinstance(sup, URIRef) and _member(g, sup, expr, depth + 1):
            return True
    for eq in g.objects(expr, OWL.equivalentClass):
        if _member(g, cls, eq, depth + 1):
            return True
    return False


def _describe(g: Graph, expr) -> str:
    if not isinstance(expr, BNode):
        return _local(expr)
    for prop, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        items = g.value(expr, prop)
        if items is not None:
            return word.join(_describe(g, e) for e in Collection(g, items))
    comp = g.value(expr, OWL.complementOf)
    return f"not {_describe(g, comp)}" if comp is not None else "?"


@lru_cache(maxsize=1)
def load_constraints() -> Constraints:
    """The constraints of the shipped ontology (cached)."""
    return Constraints(ontology_graph())
