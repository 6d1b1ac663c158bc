"""The interface every actorgraph store implements (embedded Oxigraph, a remote SPARQL service).

A store holds, as RDF:

* one named graph per document, named by the document IRI (see
  :mod:`graph.rdf.statements`): the document node, its reified statements with
  their evidence, the direct triples and the actors' types and labels;
* the ontology and actor knowledge base in ``GRAPH.ontology`` and the curated
  facts in ``GRAPH.curated`` (and, later, analysts' corrections in their own
  named graph).

The default graph holds the merge of the document graphs: every triple an
article gives, each exactly once (maintained by :meth:`Store.put_document` and
:meth:`Store.remove_document`). Two views of the store are queried:

* ``query(..., union=False)`` — what a user's plain SPARQL sees (``actorgraph
  query``, :func:`graph.pipeline.query`): the default graph, i.e. only what the
  articles say; the ontology, curated facts, corrections and each document are
  named graphs asked for by name (``GRAPH <…>``).
* ``query(..., union=True)``, the default — the internal view that the shipped
  queries (network build, stats, actors) are written for: the default graph plus
  the graphs of :data:`VIEW_GRAPHS` (ontology, curated facts, corrections) as one
  default graph; every named graph stays reachable with ``GRAPH``.

A document's IRI comes from its text (``Document.iri``); where it came from (its
path, URL or record id: ``Document.identity``) is a ``dcterms:source`` of it.
The same text under two names is one document with two sources; a changed text
at a known source replaces the document that had it.

Values are always bound (``bindings``: variable name → rdflib term or plain
Python value that becomes a literal), never pasted into query text. A bound
variable must appear in the ``SELECT`` projection (Oxigraph substitution rule).
Every SPARQL text lives in ``graph/store/queries/*.rq``; :meth:`Store.query_file`
runs one by name.

Results are rdflib :class:`rdflib.query.Result` objects (``SELECT`` rows with
attribute access, ``ASK`` in ``askAnswer``, ``CONSTRUCT`` in ``graph``).

A store is a context manager (``with open_store(...) as st:``); :meth:`Store.close`
releases it. Every problem opening, reading or writing it raises
:class:`graph.errors.StoreError` with one line naming the store and the problem.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import StoreError
from .sparql import load_query

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.query import Result

    from ..model import Document, Statement

__all__ = ["Store", "StoreError", "EXPORT_FORMATS", "export_format", "Op", "VIEW_GRAPHS"]

#: One update of a transaction: (name of a ``.rq`` update, one-row bindings,
#: optional table (variables, rows)).
Op = tuple[str, Mapping[str, Any], "tuple[Sequence[str], Sequence[Sequence[Any]]] | None"]

#: Named graphs that the internal view (``union=True``) adds to the default graph.
VIEW_GRAPHS: tuple[str, ...] = (
    "https://w3id.org/actorgraph/graph/ontology",
    "https://w3id.org/actorgraph/graph/curated",
    "https://w3id.org/actorgraph/graph/corrections",
)

#: Export format names (``turtle`` merges the graphs; the others keep them).
EXPORT_FORMATS: tuple[str, ...] = ("turtle", "nquads", "trig", "jsonld")
_FORMAT_ALIASES = {"ttl": "turtle", "nq": "nquads", "n-quads": "nquads", "json-ld": "jsonld"}


def export_format(fmt: str) -> str:
    """The canonical export format name for ``fmt`` (aliases: ttl, nq, n-quads, json-ld)."""
    key = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if key not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return key


class Store(ABC):
    """An actorgraph RDF store (see the module docstring).

    Subclasses implement the abstract methods; the summaries (:meth:`stats`,
    :meth:`actors`, :meth:`evidence`, :meth:`documents`, :meth:`document_hash`)
    are written once here on top of :meth:`query_file`.
    """

    #: Where the store lives: a directory path or a service URL (for messages).
    location: str = ""
    #: Opened without write access.
    read_only: bool = False
    #: Let ``SERVICE`` clauses fetch other endpoints (off: a query using SERVICE is a QueryError).
    allow_service: bool = False

    # ------------------------------------------------------------------ documents
    #
    # A document's IRI comes from its text; its sources (paths, URLs, record ids:
    # Document.identity) are its dcterms:source values. The default graph holds
    # the merge of the document graphs. Every change below is ONE transaction
    # (:meth:`_apply`), written once here for every backend.

    def put_document(self, doc: Document, statements: Sequence[Statement] | None) -> bool:
        """Store ``doc`` with its statements in ONE transaction, replacing what it had.

        The source ``doc.identity`` moves to this document: a document that had it
        (an older text at the same path) loses it, and is deleted when it has no
        other source. When the same text is already stored under another source,
        this source is added to it (``statements=None`` does only that, without
        statements). Returns False, writing nothing, when the store already holds
        exactly this. Raises ``ValueError``/``KeyError`` for malformed statements
        before writing anything.
        """
        from rdflib import Literal, URIRef

        from ..rdf.statements import document_triple_set
        from ..vocab import DCTERMS

        g, key = URIRef(doc.iri), doc.identity
        ops: list[Op] = []
        for old, n in self._holders(key).items():
            if old != g:
                ops += self._remove_ops(old) if n <= 1 else [("detach-source", {}, (("doc", "source"),
                                                                                [(old, Literal(key))]))]
        sources = self.document_sources(doc.iri)
        if statements is None:
            if not sources:
                raise ValueError(f"document {doc.identity}: not stored; give its statements")
            if key in sources and not ops:
                return False
            if key not in sources:
                ops.append(("attach-source", {}, (("doc", "source"), [(g, Literal(key))])))
            self._apply(ops)
            return True
        triples = list(dict.fromkeys(document_triple_set(doc, statements)))
        triples += [(g, DCTERMS.source, Literal(s)) for s in sources if s != key]
        if sources:
            if self._graph_is(doc.iri, triples):
                if not ops:
                    return False
                self._apply(ops)
                return True
            ops += self._remove_ops(g)
        ops.append(("insert-document", {"doc": g}, (("s", "p", "o"), triples)))
        self._apply(ops)
        return True

    def put_documents(self, items: Iterable[tuple[Document, Sequence[Statement]]]) -> int:
        """Store many (document, statements) pairs — a first large ingest — ending as
        :meth:`put_document` on each in turn would, but through the backend's bulk path
        when it has one (the embedded store's bulk loader into a store without documents,
        a remote store's graph store protocol): not one transaction. Returns the number
        of documents written."""
        return sum(bool(self.put_document(d, s)) for d, s in items)

    def remove_document(self, doc_iri: str) -> bool:
        """Delete a document and its statements in one transaction; False when not stored."""
        from rdflib import URIRef

        if not self.query_file("document-exists", {"doc": URIRef(doc_iri)}).askAnswer:
            return False
        self._apply(self._remove_ops(URIRef(doc_iri)))
        return True

    def remove_source(self, source: str) -> list[str]:
        """Forget one source (path, URL or record id): the documents that had only this
        source are deleted, the others lose it. Returns the IRIs of the documents touched."""
        from rdflib import Literal

        ops: list[Op] = []
        holders = self._holders(source)
        for doc, n in holders.items():
            ops += self._remove_ops(doc) if n <= 1 else [("detach-source", {}, (("doc", "source"),
                                                                               [(doc, Literal(source))]))]
        if ops:
            self._apply(ops)
        return [str(d) for d in holders]

    def document_sources(self, doc_iri: str) -> list[str]:
        """The sources of a stored document (empty when it is not stored)."""
        from rdflib import URIRef

        return [str(r.source) for r in self.query_file("sources", {"doc": URIRef(doc_iri)})]

    def _holders(self, source: str) -> dict:
        from rdflib import Literal

        return {r.doc: int(r.sources) for r in self.query_file("document-sources", {"source": Literal(source)})}

    @staticmethod
    def _remove_ops(doc: Any) -> list[Op]:
        return [("remove-document", {"doc": doc}, None)]

    def _graph_is(self, doc_iri: str, triples: list) -> bool:
        """Does the document graph hold exactly these (rdflib) triples?"""
        from rdflib import URIRef

        stored = {(r.s, r.p, r.o) for r in self.query_file("graph-triples", {"doc": URIRef(doc_iri)})}
        return stored == set(triples)

    def apply_updates(self, ops: Sequence[Op]) -> None:
        """Run shipped ``.rq`` updates, with their bound values and tables, as ONE transaction
        (one request on a service): the public face of :meth:`_apply`, for writers such as
        :mod:`graph.store.corrections`."""
        self._apply(list(ops))

    @abstractmethod
    def _apply(self, ops: list[Op]) -> None:
        """Run these updates as ONE transaction. Each op is (name of a ``.rq`` update,
        one-row bindings, optional table (variables, rows)); see
        :func:`graph.store.sparql.fill_values`."""

    def document_hash(self, doc_iri: str) -> str | None:
        """``ag:contentHash`` of a stored document, or None when it is not stored."""
        from rdflib import URIRef

        rows = list(self.query_file("document-hash", {"doc": URIRef(doc_iri)}))
        return str(rows[0].hash) if rows else None

    def documents(self) -> list[dict]:
        """Stored documents: iri, id, title, date (ISO), source, hash, statements (count)."""
        from .terms import py_value as py

        return [{
            "iri": str(r.doc), "id": py(r.id), "title": py(r.title), "date": py(r.date),
            "source": py(r.source), "hash": py(r.hash), "statements": int(r.statements),
        } for r in self.query_file("documents")]

    # ------------------------------------------------------------------ SPARQL

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None, *,
              union: bool = True) -> Result:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) with bound values.

        ``union=True`` (the default, for the shipped queries): the internal view;
        ``union=False`` (what :func:`graph.pipeline.query` and ``actorgraph query``
        use): the default graph holds what the articles say, each triple once (see
        the module docstring). The common prefixes
        (:data:`graph.rdf.statements.PREFIXES`) are predeclared.
        """

    def query_file(self, name: str, bindings: Mapping[str, Any] | None = None, *,
                   union: bool = True) -> Result:
        """Run ``graph/store/queries/<name>.rq`` (internal view by default)."""
        return self.query(load_query(name), bindings, union=union)

    def select_rows(self, sparql: str, bindings: Mapping[str, Any] | None = None, *,
                    union: bool = True) -> Iterator[tuple[str | None, ...]]:
        """The rows of a ``SELECT`` as tuples of plain strings in the order of its projection: an
        IRI, a literal's lexical form (no datatype, no language), None when unbound. For bulk
        reads (the network build): no rdflib term is made where the engine allows."""
        for row in self.query(sparql, bindings, union=union):
            yield tuple(None if t is None else str(t) for t in row)

    @abstractmethod
    def update(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> None:
        """Run a SPARQL Update in one transaction, with bound values.

        The default graph of an update is the store's own default graph, not a
        union: address document graphs with ``GRAPH``.
        """

    def update_file(self, name: str, bindings: Mapping[str, Any] | None = None) -> None:
        """Run the update ``graph/store/queries/<name>.rq`` with :meth:`update`."""
        self.update(load_query(name), bindings)

    # ------------------------------------------------------------------ export

    @abstractmethod
    def export(self, out: IO[bytes] | str | Path, fmt: str = "turtle") -> None:
        """Write the store as ``turtle`` (all graphs merged, each triple once),
        ``nquads``, ``trig`` or ``jsonld`` (graphs kept) to a binary stream or a path
        (a path is written whole or not at all, see :func:`graph.atomic.atomic_write`)."""

    # ------------------------------------------------------------------ summaries

    def stats(self) -> dict:
        """Counts via SPARQL: documents, statements, negated, direct triples, actors,
        minted actors, quads (in named graphs), and ``relations`` {name: statements}."""
        from ..vocab import AG, relations
        from .terms import local_name

        row = next(iter(self.query_file("stats")))
        out = {k: int(getattr(row, k)) for k in
               ("documents", "statements", "negated", "direct", "actors", "minted", "quads")}
        per = dict.fromkeys(relations(), 0)
        for r in self.query_file("stats-relations"):
            per[local_name(r.relation, str(AG))] = int(r.statements)
        out["relations"] = per
        return out

    def actors(self, search: str | None = None, limit: int | None = None) -> list[dict]:
        """Actors used in statements (most statements first): iri, label, type, minted, statements.

        With ``search``, only actors whose preferred or alternative labels contain it
        (case-insensitive), including knowledge-base actors without statements.
        """
        from rdflib import Literal

        from ..vocab import AG
        from .terms import local_name, py_value

        if search is None:
            rows = self.query_file("actors")
        else:
            rows = self.query_file("actors-search", {"search": Literal(str(search))})
        out = []
        for r in rows:
            if limit is not None and len(out) >= limit:
                break
            out.append({
                "iri": str(r.actor), "label": py_value(r.label), "type": local_name(r.type, str(AG)),
                "minted": bool(r.minted.toPython()) if r.minted is not None else False,
                "statements": int(r.statements),
            })
        return out

    def evidence(self, subject_iri: str | None = None, predicate: str | None = None,
                 object_iri: str | None = None) -> list[dict]:
        """Statements matching the given subject / relation / object with their evidence.

        ``predicate`` is a relation name (``"backedBy"``) or IRI. Each dict has:
        statement, subject, predicate (name), object, confidence, negated, date,
        sentence, start, end, document, title, document_date, extractor, version.
        """
        from rdflib import URIRef

        from ..vocab import AG, relation
        from .terms import local_name
        from .terms import py_value as py

        bind: dict[str, Any] = {}
        if subject_iri is not None:
            bind["subject"] = URIRef(subject_iri)
        if object_iri is not None:
            bind["object"] = URIRef(object_iri)
        if predicate is not None:
            bind["predicate"] = (URIRef(predicate) if ":" in predicate else relation(predicate).iri)
        return [{
            "statement": str(r.statement), "subject": str(r.subject),
            "predicate": local_name(r.predicate, str(AG)), "object": str(r.object),
            "confidence": py(r.confidence), "negated": bool(r.negated.toPython()),
            "date": py(r.date), "sentence": py(r.sentence), "start": py(r.start),
            "end": py(r.end), "document": str(r.doc), "title": py(r.title),
            "document_date": py(r.docDate), "extractor": py(r.extractor), "version": py(r.version),
        } for r in self.query_file("evidence", bind)]

    # ------------------------------------------------------------------ lifecycle

    def flush(self) -> None:
        """Make every write durable and move it out of memory (during and at the end of an
        ingest); no-op by default."""

    def optimize(self) -> None:
        """Compact storage after a large write (end of an ingest); no-op by default."""

    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[Store]:
        """Hold the store's writer lock for the block: a second writer waits up to
        ``timeout`` seconds, then gets a :class:`StoreError` saying the store is in use.

        The embedded store takes its lock when opened for writing, so this is a no-op
        there; a remote store may implement it with a lock of its own.
        """
        yield self

    @abstractmethod
    def close(self) -> None:
        """Release the store (lock, connections); further calls raise StoreError."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fail(self, problem: str) -> StoreError:
        return StoreError(f"store {self.location}: {problem}")
