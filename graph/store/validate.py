"""SHACL validation of a store against ``ontology/shapes.ttl`` (pySHACL).

    >>> from graph import pipeline
    >>> from graph.store.validate import validate
    >>> with pipeline.open_store("actorgraph-store", read_only=True) as store:   # doctest: +SKIP
    ...     report = validate(store)
    ...     print(report.conforms, len(report.violations))

What is validated is the store's union of graphs, each triple once: document graphs,
curated facts, corrections and the ontology with the actor knowledge base, so that a
curated fact is checked against the types the knowledge base gives its actors. The
ontology (``ontology/actorgraph.ttl``) is also mixed in as pySHACL's ``ont_graph`` so
that ``sh:class`` follows ``rdfs:subClassOf``. No inference is run: a shape sees what
the store says.

The store is never loaded whole: :func:`validate` goes through the graphs in batches
(the shared graphs, then :data:`BATCH_DOCUMENTS` document graphs at a time). A batch's
subjects are its focus nodes; its data graph holds every triple about them, from any
graph (``validate-batch.rq``), and the types of the IRIs they point to
(``validate-types.rq``): all that the shapes of ``ontology/shapes.ttl`` look at (a shape
that looked further, e.g. along a path of two steps, would need those queries to follow).
Only the focus nodes' violations are kept (the values, known only by their types, are
checked in their own batch). A subject met in several batches (an actor) is checked with
all it has each time; its violations are reported once.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH, SKOS

from ..vocab import ontology_graph, read_ontology_file
from .sparql import fill_values, load_query

__all__ = ["BATCH_DOCUMENTS", "SHAPES_FILE", "ValidationReport", "Violation", "batches", "shapes_graph", "validate",
           "validate_graph"]

#: The shipped shapes, in the ``ontology`` package.
SHAPES_FILE = "shapes.ttl"
#: Document graphs validated together (a batch's data graph is about 100 triples a document).
BATCH_DOCUMENTS = 200


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


def _violations(data: Graph, shapes: Graph) -> tuple[bool, list[Violation]]:
    from pyshacl import validate as shacl_validate

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
    return bool(conforms), out


def _report(conforms: bool, violations, triples: int) -> ValidationReport:
    out = sorted(set(violations), key=lambda v: (v.focus, v.path or "", v.value or "", v.message, v.severity,
                                                 v.shape or ""))
    return ValidationReport(conforms=conforms, violations=out, triples=triples)


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate an rdflib graph with the shipped shapes (or ``shapes``)."""
    conforms, out = _violations(data, shapes if shapes is not None else shapes_graph())
    return _report(conforms, out, len(data))


def batches(store, size: int = BATCH_DOCUMENTS) -> Iterator[list[URIRef]]:
    """The store's graphs in the order :func:`validate` takes them: the graphs that are not
    documents' (ontology and knowledge base, curated facts, corrections), then the document
    graphs ``size`` at a time."""
    shared, docs = [], []
    for r in store.query_file("validate-graphs", union=False):
        (docs if r.document is not None and r.document.toPython() else shared).append(r.g)
    if shared:
        yield shared
    for start in range(0, len(docs), size):
        yield docs[start:start + size]


def validate(store, shapes: Graph | None = None, *, batch_documents: int = BATCH_DOCUMENTS,
             progress=None) -> ValidationReport:
    """Validate everything a store holds against the shipped SHACL shapes (or ``shapes``),
    in batches of graphs (see the module docstring); the report is that of the whole union.
    ``progress`` (a :data:`graph.progress.ProgressCallback`) hears of each batch as a stage."""
    from ..progress import Steps

    shapes = shapes if shapes is not None else shapes_graph()
    found: list[Violation] = []
    work = list(batches(store, batch_documents))
    names = [f"checking the shapes, batch {i} of {len(work)}" for i in range(1, len(work) + 1)]
    step = Steps(progress, names)
    for name, graphs in zip(names, work):
        step(name)
        data, focus, values = Graph(), set(), set()
        for r in store.query(fill_values(load_query("validate-batch"), None, (("g",), [(g,) for g in graphs])),
                             union=False):
            focus.add(r.f)
            data.add((r.f, r.p, r.o))
            if isinstance(r.o, URIRef):
                values.add(r.o)
        if values:
            for r in store.query(fill_values(load_query("validate-types"), None, (("s",), [(v,) for v in values])),
                                 union=False):
                data.add((r.s, RDF.type, r.t))
        # the values' own shapes are checked in their batch, where all they have is known
        names = {str(f) for f in focus}
        found += [v for v in _violations(data, shapes)[1] if v.focus in names]
    row = next(iter(store.query_file("validate-count", union=False)))
    step.end()
    conforms = all(v.severity in ("Warning", "Info") for v in found)
    return _report(conforms, found, int(row.merged) + int(row.others))
