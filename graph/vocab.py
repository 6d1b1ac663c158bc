"""The one place where Python names ontology terms.

Namespaces are declared here; relation names, polarity, kind, symmetry and
inverses are *read* from ``ontology/actorgraph.ttl`` (never retyped), and a
test checks every constant of this module against the Turtle.

Code names a relation with :data:`Rel`, a string enum built from the ontology
the first time it is used (``Rel.attacks == "attacks"``); an unknown name is an
``AttributeError`` when the code runs, never a silently different string.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .errors import OntologyError

__all__ = [
    "AG", "ACTOR", "ID", "GRAPH", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
    "CURATED_GRAPH", "ONTOLOGY_GRAPH", "Relation", "relations", "relation", "ontology_graph",
    "ontology_files", "read_ontology_file", "ACTOR_CLASSES", "Rel", "UnknownTerm",
    "STATE_CLASS", "PERSON_CLASSES", "ORGANISATION_CLASSES", "STATE_BODY_CLASSES", "ANTECEDENT_ORGANISATION_CLASSES",
    "LED_GROUP_CLASSES",
]

AG = Namespace("https://w3id.org/actorgraph/ontology#")
ACTOR = Namespace("https://w3id.org/actorgraph/actor/")
ID = Namespace("https://w3id.org/actorgraph/id/")
GRAPH = Namespace("https://w3id.org/actorgraph/graph/")

#: Named graph holding the curated background facts of the knowledge base.
CURATED_GRAPH = GRAPH["curated"]
#: Named graph holding the ontology and the actor knowledge base.
ONTOLOGY_GRAPH = GRAPH["ontology"]

#: Actor classes, by local name, that the extractor and knowledge base use.
ACTOR_CLASSES = (
    "State", "StateAgency", "ArmedForce", "ArmedGroup", "PoliticalParty",
    "IntergovernmentalOrganization", "Organization", "Person", "ReligiousAuthority", "Group",
)
#: Groups of actor classes as resolution and the extraction rules use them (each written here only).
STATE_CLASS = "State"
#: ag:Person and its subclasses.
PERSON_CLASSES = ("Person", "ReligiousAuthority")
#: Every actor class that is neither a state nor a person.
ORGANISATION_CLASSES = ("ArmedGroup", "ArmedForce", "StateAgency", "PoliticalParty", "IntergovernmentalOrganization",
                        "Organization", "Group")
#: ag:StateAgency and its subclasses: bodies that are part of a state ("Iran's Revolutionary Guards").
STATE_BODY_CLASSES = ("ArmedForce", "StateAgency")
#: What a definite generic noun or "its" can refer back to ("the Iran-backed group").
ANTECEDENT_ORGANISATION_CLASSES = ("ArmedGroup", "ArmedForce", "PoliticalParty", "Organization", "StateAgency")
#: Groups a person's possessive names as led by that person ("Sadr reactivated his Mahdi Army").
LED_GROUP_CLASSES = ("ArmedGroup", "PoliticalParty")


def ontology_files() -> list[str]:
    """Names of the Turtle files shipped in the ``ontology`` package."""
    root = resources.files("ontology")
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".ttl"))


def read_ontology_file(name: str) -> str:
    """The text of one shipped Turtle file; :class:`UnknownTerm` for a name that is not shipped."""
    path = resources.files("ontology").joinpath(name)
    if not name.endswith(".ttl") or not path.is_file():
        raise UnknownTerm(f"ontology/{name}: no such ontology file; shipped: {', '.join(ontology_files())}")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def ontology_graph(name: str = "actorgraph.ttl") -> Graph:
    """Parse one shipped Turtle file (cached; treat the result as read-only)."""
    g = Graph()
    g.parse(data=read_ontology_file(name), format="turtle")
    return g


@dataclass(frozen=True)
class Relation:
    """An actor relation of the ontology, as the code sees it."""

    name: str            # local name, e.g. "backedBy"
    iri: URIRef
    label: str
    polarity: int        # +1 alliance, -1 hostility, 0 neutral
    kind: str            # alliance | hostility | structural | neutral
    symmetric: bool
    broader: tuple[str, ...]   # local names of super-properties


@lru_cache(maxsize=None)
def relations() -> dict[str, Relation]:
    """All actor relations declared in the ontology, by local name."""
    g = ontology_graph()
    out: dict[str, Relation] = {}
    for iri in g.subjects(RDF.type, AG.ActorRelation):
        name = str(iri)[len(str(AG)):]
        pol = g.value(iri, AG.polarity)
        out[name] = Relation(
            name=name,
            iri=URIRef(iri),
            label=str(g.value(iri, RDFS.label) or name),
            polarity=int(pol.toPython()) if isinstance(pol, Literal) else 0,
            kind=str(g.value(iri, AG.relationKind) or "neutral"),
            symmetric=(iri, RDF.type, OWL.SymmetricProperty) in g,
            broader=tuple(sorted(str(b)[len(str(AG)):] for b in g.objects(iri, RDFS.subPropertyOf)
                                 if str(b).startswith(str(AG)))),
        )
    return dict(sorted(out.items()))


class UnknownTerm(OntologyError, KeyError):
    """A name looked up in ``ontology/`` that it does not define (also a ``KeyError``, for dict-like callers)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def relation(name: str) -> Relation:
    """The relation with this local name; raises :class:`UnknownTerm` with the known names."""
    rels = relations()
    if name not in rels:
        raise UnknownTerm(f"ontology/actorgraph.ttl: unknown relation {name!r}; known: {', '.join(rels)}")
    return rels[name]


Rel: type[enum.StrEnum]      # built from the ontology on first use (see __getattr__ below)


def _relation_enum() -> type[enum.StrEnum]:
    return enum.StrEnum("Rel", {name: name for name in relations()}, module=__name__,
                        qualname="Rel")


def __getattr__(name: str):
    # PEP 562: ``Rel`` is built from the ontology on first use, so importing this module parses nothing.
    if name == "Rel":
        rel = globals()["Rel"] = _relation_enum()
        rel.__doc__ = "The actor relations of ontology/actorgraph.ttl, by local name (a str enum)."
        return rel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
