"""Documents and statements as RDF triples — pure functions, no store.

The data model (fixed for the whole project) puts everything derived from one
document into the named graph whose name is the document IRI:

* the document node (``ag:Document``: title, date, source, identifier, content hash);
* per statement: an ``ag:Statement`` reification (subject, predicate, object,
  confidence, negated, date, extractor, evidence), its ``ag:Evidence``
  (sentence and character offsets), its ``ag:Extractor``;
* the direct ("truthy") triple ``<s> <relation> <o>`` for every statement that
  is not negated;
* the type and preferred label of every actor used; minted actors (not in the
  knowledge base) also get ``ag:minted true`` and their other labels as
  ``skos:altLabel``.

The ontology and the actor knowledge base (``ontology/actorgraph.ttl`` and
``ontology/actors-*.ttl``) and the curated facts (``ontology/facts-*.ttl``) are
read here too, as :func:`knowledge_base_graph` and :func:`curated_facts_graph`.

Every literal is written in the canonical lexical form Oxigraph stores
(``"0.8"^^xsd:decimal``, ``"1"^^xsd:decimal``), so what goes into the store
comes back byte-identical.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date as _date
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..model import Actor, Document, Statement
from ..vocab import ACTOR, ACTOR_CLASSES, AG, GRAPH, ID, OWL, ontology_files, read_ontology_file, relation

__all__ = [
    "Triple", "document_triples", "statement_triples", "actor_triples", "extractor_iri",
    "document_triple_set",
    "document_graph", "knowledge_base_graph", "curated_facts_graph",
    "knowledge_base_files", "curated_facts_files", "shipped_data_hash", "bind_prefixes",
    "PREFIXES",
]

Triple = tuple[URIRef, URIRef, "URIRef | Literal"]

#: Prefixes used when serialising actorgraph data.
PREFIXES: dict[str, str] = {
    "ag": str(AG),
    "actor": str(ACTOR),
    "ids": str(ID),
    "doc": str(ID["doc/"]),
    "stmt": str(ID["stmt/"]),
    "ev": str(ID["ev/"]),
    "graph": str(GRAPH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
}

_ACTOR_TYPES = frozenset(ACTOR_CLASSES) | {"Actor"}


def bind_prefixes(g: Graph) -> Graph:
    """Bind the actorgraph prefixes (:data:`PREFIXES`) on ``g`` and return it."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, URIRef(ns), override=True, replace=True)
    return g


# ----------------------------------------------------------------------------- literals

def _date_literal(value: str, what: str) -> Literal:
    """``xsd:date`` literal from an ISO date (a longer ISO timestamp is cut to its date)."""
    try:
        day = _date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"{what}: date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return Literal(day.isoformat(), datatype=XSD.date)


def _confidence_literal(value: float) -> Literal:
    """``xsd:decimal`` rounded to 3 places, in canonical form (0.8, 1, 0.125)."""
    dec = Decimal(str(float(value))).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP).normalize()
    text = format(dec, "f")
    return Literal(text, datatype=XSD.decimal)


def _bool(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def _int(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def _text(value: str) -> Literal:
    """A plain string literal (xsd:string)."""
    return Literal(value)


def _label(value: str) -> Literal:
    return Literal(value, lang="en")


# ----------------------------------------------------------------------------- triples

def document_triples(doc: Document) -> list[Triple]:
    """Triples of the document node: type, title, date, source, identifier, content hash.

    ``dcterms:source`` is the document's identity (:attr:`Document.identity`: its
    path, URL or record id); a document read under several names has one
    ``dcterms:source`` per name (the store adds the others).
    """
    d = URIRef(doc.iri)
    out: list[Triple] = [
        (d, RDF.type, AG.Document),
        (d, DCTERMS.identifier, _text(doc.id)),
        (d, AG.contentHash, _text(doc.content_hash)),
    ]
    if doc.title:
        out.append((d, DCTERMS.title, _text(doc.title)))
    if doc.date:
        out.append((d, DCTERMS.date, _date_literal(doc.date, f"document {doc.id}")))
    source = doc.identity
    if source:
        out.append((d, DCTERMS.source, _text(source)))
    return out


def extractor_iri(name: str, version: str) -> URIRef:
    """IRI of an extractor: ``ids:extractor/<name>/<version>`` (both parts percent-encoded)."""
    return ID[f"extractor/{quote(name, safe='-._~')}/{quote(version, safe='-._~')}"]


def actor_triples(actor: Actor) -> list[Triple]:
    """Type and preferred label of an actor; minted actors also get ``ag:minted`` and alt labels.

    Known (knowledge-base) actors get only ``rdf:type`` and ``skos:prefLabel`` here:
    their full record lives in the ontology graph.
    """
    return list(_actor_triples(actor))


@lru_cache(maxsize=8192)
def _actor_triples(actor: Actor) -> tuple[Triple, ...]:
    if actor.type not in _ACTOR_TYPES:
        raise ValueError(f"actor {actor.iri}: type {actor.type!r} is not an actor class of the "
                         f"ontology; known: {', '.join(sorted(_ACTOR_TYPES))}")
    a = URIRef(actor.iri)
    out: list[Triple] = [(a, RDF.type, AG[actor.type]), (a, SKOS.prefLabel, _label(actor.label))]
    if actor.minted:
        out.append((a, AG.minted, _bool(True)))
        for lab in dict.fromkeys(actor.labels):
            if lab and lab != actor.label:
                out.append((a, SKOS.altLabel, _label(lab)))
    return tuple(out)


def statement_triples(st: Statement) -> list[Triple]:
    """Triples of one statement: the statement node, its evidence and extractor, the
    direct triple (only when not negated) and the typing/labels of both actors.

    Raises ``KeyError`` for a predicate that is not a relation of the ontology and
    ``ValueError`` for an unknown actor type or a malformed date.
    """
    rel = relation(st.predicate).iri
    s, o = URIRef(st.subject.iri), URIRef(st.object.iri)
    node, ev, doc = URIRef(st.iri), URIRef(st.evidence_iri), URIRef(st.doc_iri)
    ext = extractor_iri(st.extractor, st.extractor_version)
    out: list[Triple] = [
        (node, RDF.type, AG.Statement),
        (node, RDF.subject, s),
        (node, RDF.predicate, rel),
        (node, RDF.object, o),
        (node, AG.confidence, _confidence_literal(st.confidence)),
        (node, AG.negated, _bool(st.negated)),
        (node, PROV.wasAttributedTo, ext),
        (node, PROV.wasDerivedFrom, ev),
        (ev, RDF.type, AG.Evidence),
        (ev, AG.document, doc),
        (ev, AG.sentence, _text(st.evidence.sentence)),
        (ev, AG.startOffset, _int(st.evidence.start)),
        (ev, AG.endOffset, _int(st.evidence.end)),
        (ext, RDF.type, AG.Extractor),
        (ext, RDFS.label, _text(st.extractor)),
        (ext, AG.extractorVersion, _text(st.extractor_version)),
    ]
    if st.date:
        out.append((node, DCTERMS.date, _date_literal(st.date, f"statement {st.iri}")))
    if not st.negated:
        out.append((s, rel, o))
    out += _actor_triples(st.subject)
    out += _actor_triples(st.object)
    return out


def document_triple_set(doc: Document, statements: Iterable[Statement]) -> list[Triple]:
    """All triples of the document's named graph, deduplicated, in first-seen order."""
    seen: dict[Triple, None] = dict.fromkeys(document_triples(doc))
    for st in statements:
        if st.doc_iri != doc.iri:
            raise ValueError(f"statement {st.iri} belongs to {st.doc_iri}, not to document "
                             f"{doc.id} ({doc.iri})")
        seen.update(dict.fromkeys(statement_triples(st)))
    return list(seen)


def document_graph(doc: Document, statements: Iterable[Statement]) -> Graph:
    """Everything for the document's named graph, as an rdflib Graph named by the document IRI."""
    g = bind_prefixes(Graph(identifier=URIRef(doc.iri)))
    for t in document_triple_set(doc, statements):
        g.add(t)
    return g


# ----------------------------------------------------------------------------- shipped data

def knowledge_base_files() -> list[str]:
    """Shipped files of the ontology graph: ``actorgraph.ttl`` then every ``actors-*.ttl``."""
    files = ontology_files()
    return ["actorgraph.ttl"] + [f for f in files if f.startswith("actors-")]


def curated_facts_files() -> list[str]:
    """Shipped files of the curated-facts graph: every ``facts-*.ttl``."""
    return [f for f in ontology_files() if f.startswith("facts-")]


def _parse_files(names: list[str]) -> Graph:
    g = bind_prefixes(Graph())
    for name in names:
        try:
            g.parse(data=read_ontology_file(name), format="turtle")
        except Exception as exc:  # noqa: BLE001 - any parser error, reported with the file name
            raise ValueError(f"ontology/{name}: cannot parse Turtle: {exc}") from exc
    return g


def knowledge_base_graph() -> Graph:
    """The ontology and the actor knowledge base (``actorgraph.ttl`` + ``actors-*.ttl``)."""
    return _parse_files(knowledge_base_files())


def curated_facts_graph() -> Graph:
    """The curated background facts (``facts-*.ttl``); empty when there are none."""
    return _parse_files(curated_facts_files())


def shipped_data_hash() -> str:
    """sha256 over the names and texts of the shipped ontology, KB and facts files.

    The store records it and reloads its ontology and curated graphs when it changes.
    """
    h = hashlib.sha256()
    for group, names in (("kb", knowledge_base_files()), ("facts", curated_facts_files())):
        for name in names:
            h.update(f"\x1e{group}\x1f{name}\x1f".encode())
            h.update(read_ontology_file(name).encode("utf-8"))
    return h.hexdigest()
