"""Extraction patterns, read from ``ontology/patterns.ttl``.

The extractor never names a trigger word in Python: it asks this module
which relation a verb lemma, a title, a hyphenated modifier or a relational
noun stands for, and which words belong to the named word lists.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

from ..errors import OntologyError
from ..vocab import AG, read_ontology_file, relations

AGP = Namespace("https://w3id.org/actorgraph/patterns#")

__all__ = ["AGP", "Trigger", "Patterns", "load_patterns"]


@dataclass(frozen=True)
class Trigger:
    """One pattern entry: what it produces and how."""

    name: str                       # local name in patterns.ttl (used as the rule name)
    relation: str                   # ontology relation local name
    confidence: float
    direction: str = "forward"      # or "inverse"
    prepositions: frozenset[str] = frozenset()
    modal_relation: str | None = None
    object_cues: frozenset[str] = frozenset()
    preposition_only: bool = False
    event_object_is_author: bool = False
    event_targets_only: bool = False
    excluded_prepositions: frozenset[str] = frozenset()


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1]


@dataclass
class Patterns:
    verbs: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    modifiers: dict[str, Trigger] = field(default_factory=dict)        # "backed" → backedBy
    prefixes: dict[str, Trigger] = field(default_factory=dict)         # "pro" → backedBy
    titles: dict[tuple[str, ...], Trigger] = field(default_factory=dict)  # ("foreign", "minister") → memberOf
    nouns: dict[str, Trigger] = field(default_factory=dict)            # "arm" → partOf
    event_nouns: dict[str, Trigger] = field(default_factory=dict)      # "threat" → threatens
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)            # named confidences and factors
    rule_order: tuple[str, ...] = ()                                   # names of the rules, in the order they run
    max_title_len: int = 1
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def words(self, name: str) -> frozenset[str]:
        """A word list of patterns.ttl by local name (e.g. ``"eventNouns"``); OntologyError if there is none."""
        try:
            return self.lists[name]
        except KeyError:
            raise OntologyError(f"ontology/patterns.ttl: no word list agp:{name}") from None

    def weight(self, name: str) -> float:
        """A named confidence or factor of patterns.ttl (``agp:Weight``); OntologyError if there is none."""
        try:
            return self.weights[name]
        except KeyError:
            raise OntologyError(f"ontology/patterns.ttl: no weight agp:{name}") from None

    def verbs_producing(self, relation: str) -> frozenset[str]:
        """Verb lemmas with a trigger that produces this relation (OntologyError for an unknown relation)."""
        if relation not in relations():
            raise OntologyError(f"ontology/actorgraph.ttl: unknown relation {relation!r}")
        return self._derived(("relation", relation))

    def verbs_of_kind(self, kind: str) -> frozenset[str]:
        """Verb lemmas with a trigger whose relation is of this kind (alliance, hostility, …);
        OntologyError for a kind no relation has."""
        if kind not in {r.kind for r in relations().values()}:
            raise OntologyError(f"ontology/actorgraph.ttl: no relation is of kind {kind!r}")
        return self._derived(("kind", kind))

    def _derived(self, key: tuple[str, str]) -> frozenset[str]:
        if key not in self._cache:
            rels = relations()
            self._cache[key] = frozenset(
                lemma for lemma, ts in self.verbs.items()
                if any((t.relation if key[0] == "relation" else rels[t.relation].kind) == key[1] for t in ts))
        return self._cache[key]

    @classmethod
    def from_graph(cls, g: Graph) -> "Patterns":
        p = cls()

        def values(node, prop) -> list[str]:
            return sorted(str(v).lower() for v in g.objects(node, prop))

        for node in g.subjects(RDF.type, AGP.Weight):
            value = g.value(node, AGP.value)
            if value is None:
                raise OntologyError(f"ontology/patterns.ttl: weight {_local(node)} has no agp:value")
            p.weights[_local(node)] = float(value)

        def trigger(node) -> Trigger:
            modal = g.value(node, AGP.modalRelation)
            conf = g.value(node, AGP.confidence)
            return Trigger(
                name=_local(node), relation=_local(g.value(node, AGP.relation)),
                confidence=float(conf) if conf is not None else p.weight("defaultTriggerConfidence"),
                direction=str(g.value(node, AGP.direction) or "forward"),
                prepositions=frozenset(values(node, AGP.preposition)),
                modal_relation=_local(modal) if modal is not None else None,
                object_cues=frozenset(values(node, AGP.requiresObjectCue)),
                preposition_only=bool(g.value(node, AGP.prepositionOnly)),
                event_object_is_author=bool(g.value(node, AGP.eventObjectIsAuthor)),
                event_targets_only=bool(g.value(node, AGP.eventTargetsOnly)),
                excluded_prepositions=frozenset(values(node, AGP.excludedPreposition)),
            )

        for node in g.subjects(RDF.type, AGP.VerbTrigger):
            t = trigger(node)
            for lemma in values(node, AGP.lemma):
                p.verbs[lemma].append(t)
        for node in g.subjects(RDF.type, AGP.Modifier):
            t = trigger(node)
            for w in values(node, AGP.word):
                p.modifiers[w] = t
            for w in values(node, AGP.phrase):
                p.prefixes[w] = t
        for node in g.subjects(RDF.type, AGP.Title):
            t = trigger(node)
            for phrase in values(node, AGP.phrase):
                words = tuple(phrase.replace("-", " - ").split())
                p.titles[words] = t
                p.titles.setdefault(tuple(phrase.split()), t)     # "secretary-general" as one token
                p.max_title_len = max(p.max_title_len, len(words))
        for node in g.subjects(RDF.type, AGP.NounTrigger):
            t = trigger(node)
            for lemma in values(node, AGP.lemma):
                p.nouns[lemma] = t
        for node in g.subjects(RDF.type, AGP.EventNounTrigger):
            t = trigger(node)
            for lemma in values(node, AGP.lemma):
                p.event_nouns[lemma] = t
        for node in g.subjects(RDF.type, AGP.WordList):
            p.lists[_local(node)] = frozenset(values(node, AGP.lemma) + values(node, AGP.word)
                                              + values(node, AGP.phrase))
        order = g.value(AGP.ruleOrder, AGP.rules)
        if order is not None:
            p.rule_order = tuple(str(r) for r in Collection(g, order))
        # Relations must exist in the ontology: a typo in patterns.ttl fails loudly.
        known = relations()
        for t in [*(x for ts in p.verbs.values() for x in ts), *p.modifiers.values(), *p.prefixes.values(),
                  *p.titles.values(), *p.nouns.values(), *p.event_nouns.values()]:
            for rel in (t.relation, t.modal_relation):
                if rel is not None and rel not in known:
                    raise OntologyError(f"ontology/patterns.ttl: {t.name} names unknown relation {rel!r}")
        return p


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """The shipped patterns, parsed once."""
    g = Graph()
    g.parse(data=read_ontology_file("patterns.ttl"), format="turtle")
    g.bind("ag", AG)
    return Patterns.from_graph(g)
