"""The API's store side: open a store, query it (SPARQL or named queries), remove, list, count, export."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from ..progress import ProgressCallback
from ..store import open_store as _open_store
from ..store.base import Store

def open_store(path: str | Path | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open (or create) a store: a directory (the embedded Oxigraph store) or a SPARQL service URL.

    ``path`` defaults to ``$ACTORGRAPH_STORE`` or ``./actorgraph-store``; see
    :func:`graph.store.open_store`.
    """
    return _open_store(path, read_only=read_only, create=create)


def query(store: Store, sparql: str, bindings: Mapping[str, Any] | None = None, *, union: bool = False):
    """Run a SPARQL query with bound values.

    The default graph holds what the articles say, each triple once; the ontology
    (``GRAPH <https://w3id.org/actorgraph/graph/ontology>``), the curated facts
    (``…/graph/curated``) and each document (its IRI) are named graphs.
    ``union=True`` adds the ontology, curated and corrections graphs to the default graph.
    """
    return store.query(sparql, bindings, union=union)


def named_queries() -> list:
    """The named queries (``graph/store/queries/named/*.rq``) with their parameters."""
    from ..store.named import named_queries as _named

    return list(_named().values())


def named_query(store: Store, name: str, values: Mapping[str, str] | None = None):
    """Run a named query with the user's values (actor names resolve through the knowledge base)."""
    from ..store.named import run_named

    return run_named(store, name, dict(values or {}))


def actors(store: Store, *, search: str | None = None, limit: int = 50) -> list[dict]:
    """Actors by number of statements, or those whose labels contain ``search``."""
    return store.actors(search=search, limit=limit)


def stats(store: Store) -> dict:
    """Counts of documents, statements, negated statements, actors, minted actors and per relation."""
    return store.stats()


def export(store: Store, out: str | Path | IO[bytes], fmt: str = "turtle", *,
           progress: ProgressCallback | None = None) -> None:
    """Write the store as Turtle (graphs merged), N-Quads, TriG or JSON-LD (graphs kept) to a path or stream.

    ``progress`` hears the number of lines written so far (a quad or triple each in
    N-Quads; about one in the others), the total unknown. A path is written whole or
    not at all."""
    if progress is None:
        store.export(Path(out) if isinstance(out, str) else out, fmt)
        return
    from ..progress import CountingWriter

    if not isinstance(out, (str, Path)):
        store.export(CountingWriter(out, progress), fmt)
        return
    from ..atomic import atomic_write

    with atomic_write(out, "wb") as fh:
        store.export(CountingWriter(fh, progress), fmt)


def remove(store: Store, document: str) -> list[str]:
    """Remove a document by its IRI (``<…>``, ``https://…/id/doc/…`` or ``doc:…``) or by one
    of its sources (a path, URL or record id as ingested). A document that keeps other
    sources only loses this one. Returns the IRIs of the documents touched; raises
    :class:`~graph.errors.InputError` when nothing matches."""
    from ..errors import InputError
    from ..rdf.statements import PREFIXES
    from ..store.named import resolve_term

    text = str(document).strip()
    term = resolve_term(text)
    if term is not None and str(term).startswith(PREFIXES["doc"]):
        touched = [str(term)] if store.remove_document(str(term)) else []
    else:
        touched = store.remove_source(text)
        if not touched and Path(text).exists():      # the same file named another way
            from ..io.documents import path_key

            touched = store.remove_source(path_key(Path(text)))
    if not touched:
        raise InputError(f"no stored document has the IRI or source {text!r} "
                         "(list them: actorgraph query --name documents)")
    store.flush()
    store.optimize()
    return touched
