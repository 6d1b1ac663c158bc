"""The one place where Python names ontology terms.

Namespaces are declared here; relation names, polarity, kind, symmetry and
inverses are *read* from ``ontology/actorgraph.ttl`` (never retyped), and a
test checks every constant of this module against the Turtle.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "AG", "ACTOR", "ID", "GRAPH", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
    "CURATED_GRAPH", "ONTOLOGY_GRAPH", "Relation", "relations", "relation", "ontology_graph",
    "ontology_files", "read_ontology_file", "ACTOR_CLASSES",
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


def ontology_files() -> list[str]:
    """Names of the Turtle files shipped in the ``ontology`` package."""
    root = resources.files("ontology")
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".ttl"))


def read_ontology_file(name: str) -> str:
    return resources.files("ontology").joinpath(name).read_text(encoding="utf-8")


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


def relation(name: str) -> Relation:
    """The relation with this local name; raises KeyError with the known names."""
    rels = relations()
    if name not in rels:
        raise KeyError(f"unknown relation {name!r}; known: {', '.join(rels)}")
    return rels[name]
