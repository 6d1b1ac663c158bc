"""SHACL validation of a store against ``ontology/shapes.ttl`` (pySHACL).

    >>> from graph import pipeline
    >>> from graph.store.validate import validate
    >>> with pipeline.open_store("actorgraph-store", read_only=True) as store:   # doctest: +SKIP
    ...     report = validate(store)
    ...     print(report.conforms, len(report.violations))

The data graph is the store's union of graphs, each triple once (the store's
Turtle export): document graphs, curated facts, corrections and the ontology with
the actor knowledge base, so that a curated fact is checked against the types the
knowledge base gives its actors. The ontology (``ontology/actorgraph.ttl``) is also
mixed in as pySHACL's ``ont_graph`` so that ``sh:class`` follows ``rdfs:subClassOf``.
No inference is run: a shape sees what the store says.
"""
from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH, SKOS

from ..vocab import ontology_graph, read_ontology_file

__all__ = ["SHAPES_FILE", "Violation", "ValidationReport", "shapes_graph", "validate", "validate_graph"]

#: The shipped shapes, in the ``ontology`` package.
SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node that failed, the property, the value, why, and which shape."""

    focus: str
    label: str | None
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the violations (sorted)."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "triples": self.triples,
                "violations": [v.as_dict() for v in self.violations]}


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """``ontology/shapes.ttl`` parsed (cached; treat as read-only)."""
    g = Graph()
    g.parse(data=read_ontology_file(SHAPES_FILE), format="turtle")
    return g


def _text(term: Any) -> str | None:
    if term is None:
        return None
    return str(term)


def _shape_name(shapes: Graph, shape: Any) -> str | None:
    """A readable name for the shape that reported: its label, or that of the node shape holding it."""
    if shape is None:
        return None
    label = shapes.value(shape, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    if label is None:
        parent = shapes.value(None, SH.property, shape)
        if parent is not None:
            return _shape_name(shapes, parent)
    return str(label) if label is not None else (str(shape) if isinstance(shape, URIRef) else None)


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate an rdflib graph with the shipped shapes (or ``shapes``)."""
    from pyshacl import validate as shacl_validate

    shapes = shapes if shapes is not None else shapes_graph()
    conforms, results, _text_report = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology_graph(), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=False)
    out = []
    for res in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(res, SH.focusNode)
        messages = sorted(str(m) for m in results.objects(res, SH.resultMessage))
        label = data.value(focus, SKOS.prefLabel) if focus is not None else None
        out.append(Violation(
            focus=_text(focus) or "", label=_text(label),
            path=_text(results.value(res, SH.resultPath)),
            value=_text(results.value(res, SH.value)),
            message=messages[0] if messages else "constraint violated",
            severity=str(results.value(res, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=_shape_name(shapes, results.value(res, SH.sourceShape)),
        ))
    out.sort(key=lambda v: (v.focus, v.path or "", v.value or "", v.message))
    return ValidationReport(conforms=bool(conforms), violations=out, triples=len(data))


def store_graph(store) -> Graph:
    """The store's union of graphs, each triple once, as an rdflib graph (via its Turtle export)."""
    buf = io.BytesIO()
    store.export(buf, "turtle")
    g = Graph()
    g.parse(data=buf.getvalue(), format="turtle")
    return g


def validate(store, shapes: Graph | None = None, *, progress=None) -> ValidationReport:
    """Validate everything a store holds against the shipped SHACL shapes; ``progress``
    (a :data:`graph.progress.ProgressCallback`) hears of the two stages."""
    from ..progress import Steps

    step = Steps(progress, ("reading the store", "checking the shapes"))
    with step("reading the store"):
        data = store_graph(store)
    with step("checking the shapes"):
        return validate_graph(data, shapes)

