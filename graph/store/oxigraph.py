"""The embedded on-disk RDF store: a pyoxigraph (Oxigraph, RocksDB) database in a directory.

:class:`OxigraphStore` implements :class:`graph.store.base.Store`. It contains
one named graph per document (named by the document IRI, see
:mod:`graph.rdf.statements`), the ontology + actor knowledge base in
``GRAPH.ontology`` and the curated facts in ``GRAPH.curated``; the last two
are (re)loaded automatically when the shipped Turtle files change.

    >>> from graph.store import open_store
    >>> with open_store("actorgraph-store") as st:                 # doctest: +SKIP
    ...     st.put_document(doc, statements)
    ...     for row in st.query("SELECT ?c ?p WHERE { ?c ag:backedBy ?p }"):
    ...         print(row.c, row.p)

How it is wired, and why:

* Queries go straight to pyoxigraph (values as substitutions, the prefixes of
  :data:`graph.rdf.statements.PREFIXES` predeclared) and come back as rdflib
  :class:`~rdflib.query.Result` objects. The store's default graph holds the merge
  of the document graphs; ``union=True`` queries it together with the ontology,
  curated and corrections graphs (Oxigraph's ``default_graph`` list).
* Updates run in one Oxigraph transaction per request. Their values go into the
  ``VALUES`` blocks of the ``.rq`` file (:func:`graph.store.sparql.fill_values`),
  written by pyoxigraph's N-Triples serialiser. In an update the default graph is
  the store's real default graph: write ``GRAPH`` clauses.
* ``put_document`` of a document not yet stored uses ``pyoxigraph.Store.extend``
  (one transaction, faster than parsing an update); replacing a stored one is the
  single request ``replace-document.rq``.
* Exports use pyoxigraph's serialisers (rdflib's would take minutes on large stores).

Only one process may open a store for writing (RocksDB lock); the second gets a
:class:`StoreError` saying the store is in use. ``read_only=True`` opens
without the lock and sees the store as it was when opened. A query result
that is still being iterated keeps the database (and its lock) alive after
:meth:`OxigraphStore.close`; consume results (``list(...)``) before closing.

The hash of the shipped Turtle files is kept as
``<graph/ontology> ag:contentHash "…"`` inside the ontology graph.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib.query import Result
from rdflib.term import Variable

from ..atomic import atomic_write
from ..errors import QueryError, StoreError
from ..model import Document, Statement
from ..rdf.statements import (
    PREFIXES,
    shipped_data_hash,
)
from ..vocab import ONTOLOGY_GRAPH
from . import DEFAULT_STORE_DIR, bulk, default_store_path
from .base import EXPORT_FORMATS, VIEW_GRAPHS, Store as BaseStore, export_format
from .opening import (check_path, damaged, is_corruption, make_store_dir, one_line, open_oxigraph,
                      writer_lock)
from .sparql import fill_values, load_query, uses_service
from .shipped import shipped_quads
from .terms import from_ox, to_ox, to_term

__all__ = ["DEFAULT_STORE_DIR", "EXPORT_FORMATS", "OxigraphStore", "Store", "StoreError", "default_store_path"]

#: Export format name → (pyoxigraph format, keeps named graphs).
_OX_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


def _env_timeout() -> float:
    """``$ACTORGRAPH_LOCK_TIMEOUT`` seconds a writer waits for the store (default 0: fail at once)."""
    try:
        return max(0.0, float(os.environ.get("ACTORGRAPH_LOCK_TIMEOUT", "0") or 0))
    except ValueError:
        raise StoreError("ACTORGRAPH_LOCK_TIMEOUT must be a number of seconds") from None


#: The internal view's default graph: the store's default graph (the articles' triples)
#: plus the ontology, curated-facts and corrections graphs.
_VIEW = [ox.DefaultGraph(), *(ox.NamedNode(g) for g in VIEW_GRAPHS)]


def _guarded(rows: Any, path: Path) -> Any:
    """Iterate ``rows``, turning RocksDB's corruption errors into one-line StoreErrors."""
    try:
        yield from rows
    except (OSError, RuntimeError) as exc:
        if is_corruption(exc):
            raise damaged(path, exc) from None
        raise StoreError(f"store {path}: query failed ({one_line(exc)})") from None


def _result(res: Any, path: Path) -> Result:
    """A pyoxigraph query result as an rdflib Result (rows are converted lazily)."""
    if isinstance(res, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(res)
    elif isinstance(res, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in res.variables]
        names = out.vars
        out.bindings = ({v: from_ox(val) for v, val in zip(names, sol) if val is not None}
                        for sol in _guarded(res, path))
    else:
        from rdflib import Graph

        out = Result("CONSTRUCT")
        out.graph = Graph()
        for t in _guarded(res, path):
            out.graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return out


class OxigraphStore(BaseStore):
    """An actorgraph RDF store on disk (see the module docstring).

    ``OxigraphStore(path)`` opens the store at ``path`` (default :func:`default_store_path`),
    creating it when missing unless ``create=False``; ``read_only=True`` opens an
    existing store without taking the write lock. Use it as a context manager or
    call :meth:`close`. Every problem opening it raises :class:`StoreError`.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 create: bool = True, lock_timeout: float | None = None) -> None:
        self.path: Path = Path(path if path is not None else default_store_path()).expanduser().absolute()
        self.location = str(self.path)
        self.read_only = read_only
        self._ox: ox.Store | None = None
        if lock_timeout is None:
            lock_timeout = _env_timeout()
        to_create, was_empty = check_path(self.path, read_only=read_only, create=create)
        # Only a directory this process made with mkdir, and then locked, is ever deleted
        # again: a second process creating the same store at the same moment finds it
        # made (or its parent made) and never deletes it.
        created_root = make_store_dir(self.path) if to_create is not None else None
        self._lock_fd: int | None = None
        try:
            if not read_only:
                self._lock_fd = writer_lock(self.path, lock_timeout)
            self._ox = open_oxigraph(self.path, read_only=read_only)
            if bulk.interrupted(self.path):
                if read_only:
                    raise self._fail("a first bulk load into it is under way or was interrupted; wait for "
                                     "it, or re-run the ingest (opening it for writing resets it)")
                with self._engine_errors("undoing an interrupted bulk load failed: ", "undoing an "
                                         "interrupted bulk load failed"):
                    bulk.undo(self._ox, self.path)
            if not read_only:
                self._sync_shipped_data()
                if self.query_file("default-graph-empty", union=False).askAnswer:
                    self._run_update(load_query("rebuild-default-graph"))
        except BaseException:
            self._ox = None
            if created_root is not None and self._lock_fd is not None and \
                    (created_root == self.path or created_root in self.path.parents):
                shutil.rmtree(self.path, ignore_errors=True)
                for parent in self.path.parents:      # the empty folders we made for it
                    if parent == created_root.parent:
                        break
                    try:
                        os.rmdir(parent)
                    except OSError:
                        break
            elif was_empty and self._lock_fd is not None:   # an empty folder we filled, holding its lock
                for child in self.path.iterdir():
                    if child.is_dir():
                        shutil.rmtree(child, ignore_errors=True)
                    else:
                        child.unlink(missing_ok=True)
            self._unlock()
            raise

    # ------------------------------------------------------------------ shipped data

    def _sync_shipped_data(self) -> None:
        """Load ontology+KB and curated facts when their shipped files changed (one transaction)."""
        try:
            wanted = shipped_data_hash()
        except OSError as exc:
            raise self._fail(f"cannot read the shipped ontology files ({one_line(exc)})") from None
        rows = list(self.query_file("shipped-hash", {"graph": ONTOLOGY_GRAPH}))
        if rows and str(rows[0].hash) == wanted:
            return
        # The same files knowledge_base_graph() / curated_facts_graph() read, parsed by
        # pyoxigraph (3× faster than rdflib), written in ONE update so readers never see
        # a store without its ontology.
        table = [(g, s, p, o) for s, p, o, g in shipped_quads(wanted)]
        self._update_rows("sync-shipped", {}, ("g", "s", "p", "o"), table)

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the store and release its lock; further calls raise StoreError."""
        # Dropping the last reference closes RocksDB and frees its lock (a query
        # result still being iterated elsewhere would keep it open).
        self._ox = None
        self._unlock()

    def _unlock(self) -> None:
        if getattr(self, "_lock_fd", None) is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def flush(self) -> None:
        """Write RocksDB's memory table and write-ahead log to its files: memory stays flat
        during a long ingest, a later read-only open has no log to replay, and a damaged
        log can no longer lose documents."""
        if not self.read_only and self._ox is not None:
            with self._engine_errors("flush failed: ", "flush failed"):
                self._ox.flush()

    def optimize(self) -> None:
        """Compact the files (end of an ingest): faster reads, less space."""
        if not self.read_only and self._ox is not None:
            with self._engine_errors("compaction failed: ", "compaction failed"):
                self._ox.optimize()

    def __repr__(self) -> str:
        state = "closed" if self._ox is None else ("read-only" if self.read_only else "open")
        return f"<OxigraphStore {self.path} ({state})>"

    def _require_open(self) -> ox.Store:
        if self._ox is None:
            raise self._fail("is closed")
        return self._ox

    def _require_writable(self) -> ox.Store:
        store = self._require_open()
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        return store

    @contextmanager
    def _engine_errors(self, unparsable: str, failed: str):
        """Oxigraph's errors as one line: a parse error, a damaged store, or another failure."""
        try:
            yield
        except SyntaxError as exc:
            raise QueryError(f"{unparsable}{one_line(exc)}") from None
        except (OSError, RuntimeError) as exc:
            if is_corruption(exc):
                raise damaged(self.path, exc) from None
            raise self._fail(f"{failed} ({one_line(exc)})") from None

    def _run_update(self, text: str) -> None:
        store = self._require_writable()
        with self._engine_errors(f"store {self.path}: update cannot be parsed: ", "write failed"):
            store.update(text, prefixes=PREFIXES)

    def _update_rows(self, name: str, bindings: Mapping[str, Any], variables: Sequence[str],
                     rows: Sequence[Sequence[Any]]) -> None:
        """Run the update ``name`` with one-row bindings and a table of rows."""
        self._run_update(fill_values(load_query(name), bindings, (variables, rows)))

    # ------------------------------------------------------------------ documents

    def _apply(self, ops: list) -> None:
        """Run the updates as ONE request (one Oxigraph transaction). A lone insert of a new
        document uses ``pyoxigraph.Store.extend`` instead (one transaction, no parsing)."""
        store = self._require_writable()
        if len(ops) == 1 and ops[0][0] == "insert-document":
            g = to_ox(ops[0][1]["doc"])
            quads = []
            for s, p, o in ops[0][2][1]:
                s, p, o = to_ox(s), to_ox(p), to_ox(o)
                quads += (ox.Quad(s, p, o, g), ox.Quad(s, p, o, ox.DefaultGraph()))
            try:
                store.extend(quads)
            except OSError as exc:
                raise self._fail(f"write failed ({one_line(exc)})") from None
            return
        self._run_update(" ;\n".join(fill_values(load_query(name), bindings, table)
                                      for name, bindings, table in ops))
        for name, bindings, _ in ops:   # forget the emptied graph names too
            if name == "remove-document":
                g = to_ox(bindings["doc"])
                if store.contains_named_graph(g) and next(store.quads_for_pattern(None, None, None, g), None) is None:
                    store.remove_graph(g)

    def put_documents(self, items: Iterable[tuple[Document, Sequence[Statement]]]) -> int:
        """Into a store without documents, write them all with pyoxigraph's bulk loader
        (:mod:`graph.store.bulk`: N-Quads text streamed to the loader's threads), then
        flush and compact. Not a transaction, but never half done: until the end the
        store keeps a marker from which the next opening puts it back as it was (an
        error here does so at once). Into a store that has documents, this is
        :meth:`put_document` for each. Returns the number of documents written."""
        store = self._require_writable()
        if not self.query_file("no-documents", union=False).askAnswer:
            written = 0
            for n, (doc, statements) in enumerate(items, 1):
                written += bool(self.put_document(doc, statements))
                if n % 512 == 0:
                    self.flush()                  # memory stays flat
            return written
        later: list[tuple[Document, Sequence[Statement] | None]] = []
        with self._engine_errors("bulk load failed: ", "write failed"):
            bulk.begin(store, self.path)
        try:
            with self._engine_errors("bulk load failed: ", "write failed"):
                written = bulk.load_documents(store, self.path, items, lambda d, s: later.append((d, s)))
            written += sum(bool(self.put_document(d, s)) for d, s in later)
            self.flush()
            self.optimize()
        except BaseException:
            with self._engine_errors("undoing the bulk load failed: ", "undoing the bulk load failed"):
                bulk.undo(store, self.path)
            raise
        bulk.finish(self.path)
        return written

    def _graph_is(self, doc_iri: str, triples: list) -> bool:
        """Is the stored graph exactly ``triples``? (graph.rdf.statements writes literals in
        the canonical form Oxigraph stores, so terms compare directly; a non-canonical
        literal would only cause a needless rewrite.)"""
        g = ox.NamedNode(doc_iri)
        want = {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples}
        stored = {q.triple for q in self._require_open().quads_for_pattern(None, None, None, g)}
        return stored == want

    # ------------------------------------------------------------------ SPARQL

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None, *,
              union: bool = True) -> Result:
        """Run a SPARQL query (see :meth:`graph.store.base.Store.query`)."""
        return _result(self._query(sparql, bindings, union), self.path)

    def select_rows(self, sparql: str, bindings: Mapping[str, Any] | None = None, *,
                    union: bool = True) -> Iterator[tuple[str | None, ...]]:
        """See :meth:`graph.store.base.Store.select_rows` (values read straight off Oxigraph's terms)."""
        res = self._query(sparql, bindings, union)
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("select_rows() takes a SELECT query")
        for solution in _guarded(res, self.path):
            yield tuple(None if t is None else t.value for t in solution)

    def _query(self, sparql: str, bindings: Mapping[str, Any] | None, union: bool) -> Any:
        store = self._require_open()
        if not isinstance(sparql, str):
            raise TypeError("query() takes the SPARQL text as a str")
        if not self.allow_service and uses_service(sparql):
            raise QueryError("query uses SERVICE (a federated call to another endpoint), which is off "
                             "for the embedded store; allow it with --allow-service")
        subs = {ox.Variable(k.lstrip("?$")): to_ox(to_term(v)) for k, v in (bindings or {}).items()}
        with self._engine_errors("query failed: ", "query failed"):
            res = store.query(sparql, prefixes=PREFIXES, substitutions=subs,
                              default_graph=_VIEW if union else None)
        return res

    def update(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> None:
        """Run a SPARQL Update in one transaction; ``bindings`` fill its empty ``VALUES`` blocks."""
        self._run_update(fill_values(sparql, bindings))

    # ------------------------------------------------------------------ export

    def export(self, out: IO[bytes] | str | Path, fmt: str = "turtle") -> None:
        """Write the store as ``turtle`` (union of all graphs, deduplicated),
        ``nquads``, ``trig`` or ``jsonld`` (graphs kept).

        ``out`` is a binary stream or a path; a path is written to a temporary file
        in the same directory and renamed into place, so it is never left half-written.
        """
        store = self._require_open()
        rdf_format, keeps_graphs = _OX_FORMATS[export_format(fmt)]

        def write(stream: IO[bytes]) -> None:
            if keeps_graphs:
                store.dump(stream, format=rdf_format, prefixes=PREFIXES)
            else:
                rows = store.query(load_query("export-triples"), use_default_graph_as_union=True)
                triples = (ox.Triple(r[0], r[1], r[2]) for r in rows)
                ox.serialize(triples, stream, format=rdf_format, prefixes=PREFIXES)

        if not isinstance(out, (str, Path)):
            write(out)
            return
        with atomic_write(out, "wb") as fh:
            write(fh)


#: The embedded store under its historical name.
Store = OxigraphStore
