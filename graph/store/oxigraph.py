"""The embedded on-disk RDF store: rdflib's API over Oxigraph (oxrdflib + pyoxigraph).

One :class:`Store` is a directory holding an Oxigraph (RocksDB) database. It
contains one named graph per document (named by the document IRI, see
:mod:`graph.rdf.statements`), the ontology + actor knowledge base in
``GRAPH.ontology`` and the curated facts in ``GRAPH.curated``; the last two
are (re)loaded automatically when the shipped Turtle files change.

    >>> from graph.store.oxigraph import Store
    >>> with Store("actorgraph-store") as st:                      # doctest: +SKIP
    ...     st.put_document(doc, statements)
    ...     for row in st.query("SELECT ?c ?p WHERE { ?c ag:backedBy ?p }"):
    ...         print(row.c, row.p)

How it is wired, and why:

* Queries go through an rdflib ``Dataset(store=OxigraphStore, default_union=True)``.
  With ``default_union`` rdflib hands oxrdflib the query graph ``"__UNION__"``,
  which oxrdflib turns into Oxigraph's ``use_default_graph_as_union=True``: a
  query without ``GRAPH`` sees the union of all graphs. Oxigraph's union
  repeats a triple once per graph holding it, so counting queries use
  ``DISTINCT``. Values are passed with ``initBindings`` (Oxigraph
  substitutions); a substituted variable must appear in the ``SELECT``
  projection — an Oxigraph rule.
* Updates go to the rdflib ``Store.update`` of oxrdflib with the store's real
  default graph, not through ``Dataset.update``: with ``default_union`` the
  Dataset asks for the ``"__UNION__"`` graph, which oxrdflib refuses, and rdflib
  then silently falls back to its own pure-Python, non-atomic update engine.
  In a SPARQL Update the default graph is the store's real (empty) default
  graph, so write ``GRAPH`` clauses in updates.
* We open the ``pyoxigraph.Store`` ourselves and hand it to ``OxigraphStore``:
  ``Dataset.open()`` of oxrdflib cannot open read-only and hides the RocksDB
  errors (lock held, not a directory, permission) that we turn into
  :class:`StoreError`.
* ``put_document`` replacing a stored document is ONE SPARQL update
  ``DROP SILENT GRAPH <d> ; INSERT DATA { GRAPH <d> { … } }``, which Oxigraph
  runs in one transaction (pyoxigraph has no other way to make a drop +
  insert atomic). The data block is written by pyoxigraph's own N-Triples
  term serialisation, not by pasting text. A document not yet stored has
  nothing to drop: it is written with ``pyoxigraph.Store.extend`` (also one
  transaction, and faster than parsing an update). Writes are durable when
  the call returns (RocksDB write-ahead log).
* Exports use pyoxigraph's serialisers directly (rdflib's would take minutes
  on large stores, and oxrdflib's serialiser cannot write the union of graphs
  as Turtle).
* Never call ``len()`` on the Dataset: oxrdflib materialises every triple.
  :meth:`Store.stats` counts with SPARQL.

Only one process may open a store for writing (RocksDB lock); the second gets a
:class:`StoreError` saying the store is in use. ``read_only=True`` opens
without the lock and sees the store as it was when opened. A query result
that is still being iterated keeps the database (and its lock) alive after
:meth:`Store.close`; consume results (``list(...)``) before closing.

The hash of the shipped Turtle files is kept as
``<graph/ontology> ag:contentHash "…"`` inside the ontology graph.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Mapping, Sequence
from datetime import date as _date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Identifier

from ..model import Document, Statement
from ..atomic import atomic_write
from ..store.sparql import load_query
from ..rdf.statements import (
    PREFIXES,
    curated_facts_files,
    document_triple_set,
    knowledge_base_files,
    shipped_data_hash,
)
from ..errors import StoreError
from . import DEFAULT_STORE_DIR, default_store_path
from ..vocab import AG, CURATED_GRAPH, ONTOLOGY_GRAPH, read_ontology_file, relation, relations

__all__ = ["DEFAULT_STORE_DIR", "EXPORT_FORMATS", "Store", "StoreError", "default_store_path"]

#: Export format name → (pyoxigraph format, keeps named graphs).
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}
_FORMAT_ALIASES = {"ttl": "turtle", "nq": "nquads", "n-quads": "nquads", "json-ld": "jsonld"}





def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _to_term(value: Any) -> Identifier:
    """A binding value as an rdflib term: terms pass through, anything else becomes a Literal."""
    if isinstance(value, Identifier):
        return value
    return Literal(value)


def _py(term: Any) -> Any:
    """Plain Python value of a result term (IRIs as str, dates as ISO str, decimals as float)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        val = term.toPython()
        if isinstance(val, _date):
            return val.isoformat()
        if isinstance(val, Decimal):
            return float(val)
        return val if not isinstance(val, Literal) else str(val)
    return str(term)


def _local(iri: Any) -> str | None:
    if iri is None:
        return None
    s = str(iri)
    return s[len(str(AG)):] if s.startswith(str(AG)) else s


class Store:
    """An actorgraph RDF store on disk (see the module docstring).

    ``Store(path)`` opens the store at ``path`` (default :func:`default_store_path`),
    creating it when missing unless ``create=False``; ``read_only=True`` opens an
    existing store without taking the write lock. Use it as a context manager or
    call :meth:`close`. Every problem opening it raises :class:`StoreError`.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 create: bool = True) -> None:
        self.path: Path = Path(path if path is not None else default_store_path()).expanduser().absolute()
        self.read_only = read_only
        self._ox: ox.Store | None = None
        self._oxs: OxigraphStore | None = None
        self._was_empty = False
        created_root = self._check_path(create)
        try:
            if created_root is not None:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise self._fail(f"cannot create it ({_one_line(exc)})") from None
            self._ox = self._open_oxigraph()
            self._oxs = oxs = OxigraphStore(store=self._ox)
            self.dataset = Dataset(store=oxs, default_union=True)
            for prefix, ns in PREFIXES.items():
                self.dataset.bind(prefix, URIRef(ns), override=True)
            if not read_only:
                self._sync_shipped_data()
        except BaseException:
            self._release()
            if created_root is not None:
                shutil.rmtree(created_root, ignore_errors=True)
            elif self._was_empty:          # an empty directory we filled: empty it again
                for child in self.path.iterdir():
                    if child.is_dir():
                        shutil.rmtree(child, ignore_errors=True)
                    else:
                        child.unlink(missing_ok=True)
            raise

    # ------------------------------------------------------------------ opening

    def _fail(self, problem: str) -> StoreError:
        return StoreError(f"store {self.path}: {problem}")

    def _check_path(self, create: bool) -> Path | None:
        """Refuse paths that are not stores; return the topmost directory we will create."""
        p = self.path
        if p.exists():
            if not p.is_dir():
                raise self._fail("is a file, not a store directory")
            try:
                entries = os.listdir(p)
            except PermissionError:
                raise self._fail("permission denied") from None
            if entries and not (p / "CURRENT").is_file():
                raise self._fail("is a directory that is not an actorgraph store "
                                 "(no Oxigraph database in it); choose another path")
            if not entries and self.read_only:
                raise self._fail("is an empty directory, not a store (cannot open it read-only)")
            self._was_empty = not entries
            return None
        if self.read_only:
            raise self._fail("does not exist (cannot open a missing store read-only)")
        if not create:
            raise self._fail("does not exist")
        root = p
        while not root.parent.exists() and root.parent != root:
            root = root.parent
        if root.parent.exists() and not root.parent.is_dir():
            raise self._fail(f"{root.parent} is a file, not a directory")
        return root

    def _open_oxigraph(self) -> ox.Store:
        try:
            if self.read_only:
                return self._open_read_only()
            return ox.Store(str(self.path))
        except PermissionError:
            raise self._fail("permission denied") from None
        except OSError as exc:
            msg = _one_line(exc)
            low = msg.lower()
            if "lock" in low and ("unavailable" in low or "hold" in low or "lock file" in low):
                raise StoreError(f"store {self.path} is in use by another actorgraph process; "
                                 "wait for it to finish (or open with read_only=True)") from None
            if "permission denied" in low:
                raise self._fail("permission denied") from None
            raise self._fail(f"cannot open the Oxigraph database ({msg})") from None
        except RuntimeError as exc:  # RocksDB reports a torn read as "Corruption"
            raise self._fail(f"cannot open the Oxigraph database ({_one_line(exc)}); if another "
                             "actorgraph process is writing it, try again when it is done") from None

    def _open_read_only(self) -> ox.Store:
        """Open without the lock. A writer in another process may be compacting files
        away under us (RocksDB then reports "Corruption"), so retry a few times."""
        for attempt in range(5):
            try:
                return ox.Store.read_only(str(self.path))
            except RuntimeError:
                if attempt == 4:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _sync_shipped_data(self) -> None:
        """Load ontology+KB and curated facts when their shipped files changed (one transaction)."""
        try:
            wanted = shipped_data_hash()
        except OSError as exc:
            raise self._fail(f"cannot read the shipped ontology files ({_one_line(exc)})") from None
        rows = list(self.query_file("shipped-hash", {"graph": ONTOLOGY_GRAPH}))
        if rows and str(rows[0].hash) == wanted:
            return
        # The same files knowledge_base_graph() / curated_facts_graph() read, parsed
        # by pyoxigraph (3× faster than going through rdflib Graphs), written in ONE
        # update so readers never see a store without its ontology.
        ont, cur = ox.NamedNode(str(ONTOLOGY_GRAPH)), ox.NamedNode(str(CURATED_GRAPH))
        hash_triple = f"{ont} {ox.NamedNode(str(AG.contentHash))} {ox.Literal(wanted)} ."
        update = "\n".join([
            f"DROP SILENT GRAPH {ont} ;",
            f"DROP SILENT GRAPH {cur} ;",
            f"INSERT DATA {{ GRAPH {ont} {{",
            self._shipped_ntriples(knowledge_base_files()),
            hash_triple,
            f"}} GRAPH {cur} {{",
            self._shipped_ntriples(curated_facts_files()),
            "} }",
        ])
        self._write(update)

    def _shipped_ntriples(self, names: list[str]) -> str:
        lines = []
        for name in names:
            try:
                triples = ox.parse(read_ontology_file(name), format=ox.RdfFormat.TURTLE,
                                   without_named_graphs=True)
                lines.extend(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
            except (SyntaxError, ValueError, OSError) as exc:
                raise self._fail(f"cannot load the shipped knowledge base: ontology/{name}: "
                                 f"{_one_line(exc)}") from None
        return "\n".join(lines)

    # ------------------------------------------------------------------ lifecycle

    def _release(self) -> None:
        if hasattr(self, "dataset"):
            del self.dataset
        if getattr(self, "_oxs", None) is not None:
            # rdflib Graphs and their namespace managers form reference cycles that
            # keep the OxigraphStore alive until the garbage collector runs: cut its
            # link to the database now.
            self._oxs.close()
            self._oxs = None
        if self._ox is not None:
            # Every write is already durable (RocksDB write-ahead log), so no flush.
            # Dropping the last reference closes RocksDB and frees its lock (a query
            # result still being iterated elsewhere would keep it open).
            self._ox = None

    def close(self) -> None:
        """Close the store and release its lock; further calls raise StoreError."""
        self._release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._ox is None else ("read-only" if self.read_only else "open")
        return f"<Store {self.path} ({state})>"

    def _require_open(self) -> ox.Store:
        if self._ox is None:
            raise self._fail("is closed")
        return self._ox

    def _write(self, update: str) -> None:
        self._require_open()
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        try:
            # rdflib's Store.update of oxrdflib with the real default graph: Oxigraph runs
            # the whole request in one transaction.
            self._oxs.update(update, initNs={}, initBindings={}, queryGraph=DATASET_DEFAULT_GRAPH_ID)
        except OSError as exc:
            raise self._fail(f"write failed ({_one_line(exc)})") from None

    # ------------------------------------------------------------------ documents

    def document_hash(self, doc_iri: str) -> str | None:
        """``ag:contentHash`` of a stored document, or None when it is not stored."""
        rows = list(self.query_file("document-hash", {"doc": URIRef(doc_iri)}))
        return str(rows[0].hash) if rows else None

    def put_document(self, doc: Document, statements: Sequence[Statement]) -> bool:
        """Store ``doc`` and its statements, replacing its named graph atomically.

        Returns False, writing nothing, when the stored graph is already exactly
        what would be written — in particular when the content hash and the
        extractor version are unchanged (extraction is deterministic). Raises
        ``ValueError``/``KeyError`` for malformed statements before writing anything.
        """
        self._require_open()
        g = ox.NamedNode(doc.iri)
        quads = [ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), g)
                 for s, p, o in document_triple_set(doc, statements)]
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        stored_hash = self.document_hash(doc.iri)
        if stored_hash == doc.content_hash and self._graph_equals(g, quads):
            return False
        if stored_hash is None and not self._require_open().contains_named_graph(g):
            # A new document: nothing to drop, and pyoxigraph's extend() is itself one
            # transaction, ~40 % faster than parsing an INSERT DATA request.
            try:
                self._require_open().extend(quads)
            except OSError as exc:
                raise self._fail(f"write failed ({_one_line(exc)})") from None
            return True
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._write(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
        return True

    def _graph_equals(self, g: ox.NamedNode, quads: list[ox.Quad]) -> bool:
        """Is the stored graph exactly ``quads``? (graph.rdf.statements writes literals in the
        canonical form Oxigraph stores, so terms compare directly; a non-canonical
        literal would only cause a needless rewrite.)"""
        stored = set(self._require_open().quads_for_pattern(None, None, None, g))
        return len(stored) == len(set(quads)) and stored == set(quads)

    def remove_document(self, doc_iri: str) -> bool:
        """Drop a document's named graph; False when no such document is stored."""
        if not self.query_file("document-exists", {"doc": URIRef(doc_iri)}).askAnswer:
            return False
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        try:
            self._oxs.remove_graph(URIRef(doc_iri))
        except OSError as exc:
            raise self._fail(f"write failed ({_one_line(exc)})") from None
        return True

    def documents(self) -> list[dict]:
        """Stored documents: iri, id, title, date (ISO), source, hash, statements (count)."""
        return [{
            "iri": str(r.doc), "id": _py(r.id), "title": _py(r.title), "date": _py(r.date),
            "source": _py(r.source), "hash": _py(r.hash), "statements": int(r.statements),
        } for r in self.query_file("documents")]

    # ------------------------------------------------------------------ SPARQL

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Result:
        """Run a SPARQL query; the default graph is the union of all named graphs.

        ``bindings`` maps variable names (without ``?``) to values: rdflib terms, or
        Python values that become literals. A bound variable must appear in the
        ``SELECT`` clause (Oxigraph substitution rule). The common prefixes
        (ag:, actor:, ids:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd:, owl:) are predeclared.
        """
        self._require_open()
        if not isinstance(sparql, str):
            raise TypeError("query() takes the SPARQL text as a str")
        init = {k.lstrip("?$"): _to_term(v) for k, v in (bindings or {}).items()}
        return self.dataset.query(sparql, initBindings=init)

    def query_file(self, name: str, bindings: Mapping[str, Any] | None = None) -> Result:
        """Run ``graph/store/queries/<name>.rq`` with :meth:`query`."""
        return self.query(load_query(name), bindings)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction.

        Unlike queries, the default graph of an update is the store's own default
        graph, not the union: address document graphs with ``GRAPH``.
        """
        self._write(sparql)

    # ------------------------------------------------------------------ export

    def export(self, out: IO[bytes] | str | Path, fmt: str = "turtle") -> None:
        """Write the store as ``turtle`` (union of all graphs, deduplicated),
        ``nquads``, ``trig`` or ``jsonld`` (graphs kept).

        ``out`` is a binary stream or a path; a path is written to a temporary file
        in the same directory and renamed into place, so it is never left half-written.
        """
        store = self._require_open()
        key = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if key not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        rdf_format, keeps_graphs = EXPORT_FORMATS[key]

        def write(stream: IO[bytes]) -> None:
            if keeps_graphs:
                store.dump(stream, format=rdf_format, prefixes=PREFIXES)
            else:
                rows = store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }",
                                   use_default_graph_as_union=True)
                triples = (ox.Triple(r[0], r[1], r[2]) for r in rows)
                ox.serialize(triples, stream, format=rdf_format, prefixes=PREFIXES)

        if not isinstance(out, (str, Path)):
            write(out)
            return
        with atomic_write(out, "wb") as fh:
            write(fh)

    # ------------------------------------------------------------------ summaries

    def stats(self) -> dict:
        """Counts via SPARQL: documents, statements, negated, direct triples, actors,
        minted actors, quads (in named graphs), and ``relations`` {name: statements}."""
        row = next(iter(self.query_file("stats")))
        out = {k: int(getattr(row, k)) for k in
               ("documents", "statements", "negated", "direct", "actors", "minted", "quads")}
        per = dict.fromkeys(relations(), 0)
        for r in self.query_file("stats-relations"):
            per[_local(r.relation)] = int(r.statements)
        out["relations"] = per
        return out

    def actors(self, search: str | None = None, limit: int | None = None) -> list[dict]:
        """Actors used in statements (most statements first): iri, label, type, minted, statements.

        With ``search``, only actors whose preferred or alternative labels contain it
        (case-insensitive), including knowledge-base actors without statements.
        """
        if search is None:
            rows = self.query_file("actors")
        else:
            rows = self.query_file("actors-search", {"search": Literal(str(search))})
        out = []
        for r in rows:
            if limit is not None and len(out) >= limit:
                break
            out.append({
                "iri": str(r.actor), "label": _py(r.label), "type": _local(r.type),
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
        bind: dict[str, Any] = {}
        if subject_iri is not None:
            bind["subject"] = URIRef(subject_iri)
        if object_iri is not None:
            bind["object"] = URIRef(object_iri)
        if predicate is not None:
            bind["predicate"] = (URIRef(predicate) if ":" in predicate
                                 else relation(predicate).iri)
        return [{
            "statement": str(r.statement), "subject": str(r.subject),
            "predicate": _local(r.predicate), "object": str(r.object),
            "confidence": _py(r.confidence), "negated": bool(r.negated.toPython()),
            "date": _py(r.date), "sentence": _py(r.sentence), "start": _py(r.start),
            "end": _py(r.end), "document": str(r.doc), "title": _py(r.title),
            "document_date": _py(r.docDate), "extractor": _py(r.extractor), "version": _py(r.version),
        } for r in self.query_file("evidence", bind)]


def _ox_term(term: Any) -> Any:
    """rdflib term → pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unexpected RDF term {term!r}")
