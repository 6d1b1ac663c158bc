"""The curated actor knowledge base, read from ``ontology/actors-*.ttl``.

The knowledge base maps every label of an actor (preferred and alternative
labels, acronyms, demonyms, metonyms) to the actor, and answers the lookups
that resolution needs: exact label, case-sensitive acronym, demonym, and a
transliteration-tolerant variant lookup that refuses ambiguous answers.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rdflib import Graph

from ..model import Actor
from ..kb.normalize import label_key, variant_key
from ..vocab import ACTOR, AG, RDF, SKOS, ontology_files, read_ontology_file

__all__ = ["KnowledgeBase", "load_knowledge_base", "mint_actor"]

#: Acronyms this long also match in any case ("Nato", "Isis"); shorter ones ("US", "IS") only as written.
MIN_FOLDED_ACRONYM = 4
#: Minimum rapidfuzz ratio (0–100) between the folded spelling and the actor's closest
#: label for a variant match; the consonant skeleton has already matched uniquely.
VARIANT_MIN_RATIO = 68
#: Kinds of label, in order of precedence when one label is listed twice.
LABEL_KINDS = ("acronym", "demonym", "name")


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    #: label_key → actor IRI, for preferred/alternative labels and metonyms
    exact: dict[str, str] = field(default_factory=dict)
    #: acronym (case kept) → actor IRI
    acronyms: dict[str, str] = field(default_factory=dict)
    #: label_key of a demonym → actor IRI
    demonyms: dict[str, str] = field(default_factory=dict)
    #: variant_key → actor IRIs
    variants: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: actor IRI → state IRI (ag:country)
    country: dict[str, str] = field(default_factory=dict)
    #: (actor IRI, label) → acronym | demonym | name
    label_kind: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, g: Graph) -> "KnowledgeBase":
        kb = cls()
        for node, cls_iri in g.subject_objects(RDF.type):
            if not str(cls_iri).startswith(str(AG)):
                continue
            iri, typ = str(node), str(cls_iri)[len(str(AG)):]
            pref = g.value(node, SKOS.prefLabel)
            if pref is None:
                continue
            labels = [str(pref)]
            kinds: dict[str, str] = {}

            def note(label: str, kind: str) -> None:
                labels.append(label)
                if LABEL_KINDS.index(kind) < LABEL_KINDS.index(kinds.get(label, "name")):
                    kinds[label] = kind

            for prop in (SKOS.altLabel, AG.metonym):
                for lit in g.objects(node, prop):
                    note(str(lit), "name")
                    kb.exact.setdefault(label_key(str(lit)), iri)
            for lit in g.objects(node, AG.acronym):
                note(str(lit), "acronym")
                kb.acronyms.setdefault(str(lit), iri)
                if len(str(lit).replace(".", "")) >= MIN_FOLDED_ACRONYM:
                    kb.exact.setdefault(label_key(str(lit)), iri)     # "Isis", "Nato"
            for lit in g.objects(node, AG.demonym):
                note(str(lit), "demonym")
                kb.demonyms.setdefault(label_key(str(lit)), iri)
            kb.exact.setdefault(label_key(str(pref)), iri)
            for label in labels:
                kb.variants[variant_key(label)].add(iri)
            ctry = g.value(node, AG.country)
            if ctry is not None:
                kb.country[iri] = str(ctry)
            kb.actors[iri] = Actor(iri=iri, label=str(pref), type=typ,
                                   labels=tuple(dict.fromkeys(labels)), minted=False)
            for label in kb.actors[iri].labels:
                kb.label_kind[(iri, label)] = kinds.get(label, "name")
        return kb

    # -- lookups -----------------------------------------------------------
    def get(self, iri: str) -> Actor | None:
        return self.actors.get(iri)

    def by_label(self, text: str) -> Actor | None:
        """Exact lookup: a label, a metonym, an acronym (case kept) or a demonym."""
        iri = self.acronyms.get(text.strip()) or self.exact.get(label_key(text)) \
            or self.demonyms.get(label_key(text))
        return self.actors.get(iri) if iri else None

    def by_variant(self, text: str, types: tuple[str, ...] | None = None) -> Actor | None:
        """A transliteration-tolerant lookup for spellings the KB does not list.

        The consonant skeleton must point at exactly one actor (of the given
        types, when given) and the folded spellings must be close; otherwise
        nothing is returned, so that a near-miss never merges two actors.
        """
        key = variant_key(text)
        if not key or len(key.replace(" ", "")) < 4:
            return None
        iris = self.variants.get(key, set())
        if types:
            iris = {i for i in iris if self.actors[i].type in types}
        if len(iris) != 1:
            return None
        actor = self.actors[next(iter(iris))]
        folded = label_key(text)
        best = max(fuzz.ratio(folded, label_key(lab)) for lab in actor.labels)
        return actor if best >= VARIANT_MIN_RATIO else None

    def all_labels(self) -> list[tuple[str, str, str]]:
        """(label, kind, iri) for every label; kind is name, acronym or demonym."""
        return [(label, kind, iri) for (iri, label), kind in self.label_kind.items()]


def mint_actor(name: str, typ: str) -> Actor:
    """An actor discovered in text: a stable IRI derived from its normalised name."""
    key = label_key(name)
    slug = "".join(w.capitalize() for w in key.split()) or "Unnamed"
    return Actor(iri=str(ACTOR["minted/" + slug]), label=name.strip(), type=typ,
                 labels=(name.strip(),), minted=True)


@lru_cache(maxsize=1)
def load_knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base (all ``ontology/actors-*.ttl``), parsed once."""
    g = Graph()
    for name in ontology_files():
        if name.startswith("actors-"):
            g.parse(data=read_ontology_file(name), format="turtle")
    return KnowledgeBase.from_graph(g)
