"""A store kept by a SPARQL 1.1 service (query, update, graph store protocol) — Oxigraph server,
Virtuoso, Fuseki, GraphDB — behind the same interface as the embedded store.

    actorgraph --store http://127.0.0.1:7878 ingest examples/corpus       # an Oxigraph server, as is
    actorgraph --store http://127.0.0.1:8890/sparql stats                 # Virtuoso (updates: /sparql-auth)

Where requests go (:func:`endpoints`), from the URL given:

* a base URL without a path (Oxigraph server): ``/query``, ``/update``, ``/store``;
* a URL ending in ``/query`` or ``/sparql`` is the query endpoint; the update endpoint is
  the sibling ``/update`` for ``/query`` (Fuseki), ``/sparql-auth`` for Virtuoso's ``/sparql``,
  the same URL otherwise (GraphDB: ``…/repositories/R`` and ``…/repositories/R/statements``
  need ``ACTORGRAPH_STORE_UPDATE_URL``);
* any other path is a Fuseki-style dataset: ``/query``, ``/update``, ``/data`` under it.

``ACTORGRAPH_STORE_UPDATE_URL`` and ``ACTORGRAPH_STORE_GSP_URL`` override the guesses.
Credentials come from ``ACTORGRAPH_STORE_USER`` / ``ACTORGRAPH_STORE_PASSWORD`` or a netrc
file (``$NETRC`` or ``~/.netrc``) for the service's host, and answer Basic or Digest
challenges; a URL carrying ``user:password@`` is refused, and no message ever shows them.

The default graph (the merge of the document graphs) lives in the named graph
``graph/articles``: the protocol cannot name a service's own default graph beside the view
graphs. A query gets it as ``default-graph-uri`` (with the ontology, curated and corrections
graphs in the internal view) and every named graph as ``named-graph-uri`` (Virtuoso shows
them all anyway). Values are bound with a ``VALUES`` row (:mod:`graph.store.binding`); writes
are the shipped updates (``remote-`` variants where they write the default graph) and
``INSERT DATA`` blocks of serialised terms, one request per transaction.
"""
from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from rdflib import URIRef
from rdflib.query import Result

from ..atomic import atomic_write
from ..errors import QueryError, StoreError
from ..rdf.statements import PREFIXES, document_triple_set, shipped_data_hash
from ..vocab import CURATED_GRAPH, ONTOLOGY_GRAPH
from .base import VIEW_GRAPHS, Store, export_format
from .binding import bind_values, query_form
from .http import GSP_URL_ENV, PASSWORD_ENV, UPDATE_URL_ENV, USER_ENV, Digest, credentials, endpoints
from .remote_lock import WriterLock
from .sparql import fill_values, load_query, query_names, term_text, uses_service

__all__ = ["RemoteStore", "endpoints", "USER_ENV", "PASSWORD_ENV", "UPDATE_URL_ENV", "GSP_URL_ENV"]
#: Where a service without a writable default graph (Virtuoso) keeps the merge of the document graphs.
ARTICLES = "https://w3id.org/actorgraph/graph/articles"
#: Seconds before a request is given up.
TIMEOUT = 300
_ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json",
           "CONSTRUCT": "application/n-triples", "DESCRIBE": "application/n-triples"}


class RemoteStore(Store):
    """An actorgraph store on a SPARQL 1.1 service (see the module docstring)."""

    def __init__(self, url: str, *, read_only: bool = False, create: bool = True,
                 lock_timeout: float | None = None) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.username or parts.password:
            safe = urllib.parse.urlunsplit((parts.scheme, parts.hostname or "", parts.path, "", ""))
            raise StoreError(f"store {safe}: credentials in the URL are not accepted; set {USER_ENV} and "
                             f"{PASSWORD_ENV} or use a netrc file")
        if parts.query or parts.fragment:
            raise StoreError(f"store {parts.scheme}://{parts.netloc}{parts.path}: give the service URL "
                             "without ?query or #fragment")
        self.location = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        self.path = self.location         # what messages written for the embedded store print
        self.read_only = read_only
        self.query_url, self.update_url, self.gsp_url, self.flavour = endpoints(self.location)
        self._passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        creds = credentials(self.location)
        if creds:
            for u in (self.query_url, self.update_url, self.gsp_url):
                if u:
                    self._passwords.add_password(None, u, *creds)
        self._opener = self._make_opener()
        self._open = True
        self._lock: WriterLock | None = None
        self._authenticated = not creds
        self._graphs: list[str] | None = None
        server = self._probe()
        if "virtuoso" in server.lower():
            self.flavour = "virtuoso"
        elif "oxigraph" in server.lower():
            self.flavour = "oxigraph"
        if not read_only:   # one writer at a time (graph.store.remote_lock), then the shipped data
            self._lock = WriterLock(self).acquire(lock_timeout)
            try:
                self._sync_shipped_data()
            except BaseException:
                self.close()
                raise

    def _make_opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(Digest(self._passwords), urllib.request.HTTPBasicAuthHandler(self._passwords))

    # ------------------------------------------------------------------ HTTP

    def _authenticate(self) -> None:
        """Before the first write, be challenged by a small request (so a large body goes out
        with its credentials); any answer but a refusal will do."""
        self._authenticated = True
        try:
            self._request(self.update_url, urllib.parse.urlencode({"query": "ASK {}"}).encode(),
                          "application/x-www-form-urlencoded", _ACCEPT["ASK"])
        except QueryError:
            pass
        except StoreError as exc:
            if "refused" in str(exc):
                raise

    def _request(self, url: str, body: bytes, content_type: str, accept: str | None = None,
                 method: str = "POST", opener: urllib.request.OpenerDirector | None = None) -> tuple[bytes, str]:
        if not self._open:
            raise self._fail("is closed")
        if not self._authenticated and url != self.query_url:
            self._authenticate()
        if url != self.query_url:
            self._graphs = None
            if self._lock is not None and opener is None:     # a write (the lock's own requests bring their opener)
                self._lock.check()
        headers = {"Content-Type": content_type, "User-Agent": "actorgraph"}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with (opener or self._opener).open(req, timeout=TIMEOUT) as resp:
                return resp.read(), resp.headers.get("Server", "") or ""
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(600).decode("utf-8", "replace").split())[:300]
            if exc.code in (401, 403):
                raise self._fail(f"{url} refused the request (HTTP {exc.code}); set {USER_ENV} and "
                                 f"{PASSWORD_ENV} or a netrc entry for its host") from None
            if exc.code == 400:
                raise QueryError(f"store {self.location}: the service rejected the request: {detail}") from None
            raise self._fail(f"{url} answered HTTP {exc.code}: {detail}") from None
        except ValueError:      # urllib's Basic handler meeting a Digest challenge it has no password for
            raise self._fail(f"{url} refused the request (HTTP 401); set {USER_ENV} and "
                             f"{PASSWORD_ENV} or a netrc entry for its host") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise self._fail(f"cannot reach {url} ({' '.join(str(reason).split())})") from None

    def _probe(self) -> str:
        body = urllib.parse.urlencode({"query": "ASK {}"}).encode()
        data, server = self._request(self.query_url, body, "application/x-www-form-urlencoded", _ACCEPT["ASK"])
        try:
            json.loads(data)
        except ValueError:
            raise self._fail(f"{self.query_url} is not a SPARQL endpoint (its answer to ASK is not "
                             "SPARQL results JSON)") from None
        return server

    @staticmethod
    def _with_prefixes(sparql: str) -> str:
        declared = {line.split()[1] for line in sparql.splitlines()
                    if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
        head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if f"{p}:" not in declared)
        return head + sparql

    # ------------------------------------------------------------------ SPARQL

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None, *, union: bool = True) -> Result:
        """Run a query on the service (see :meth:`graph.store.base.Store.query`)."""
        if not isinstance(sparql, str):
            raise TypeError("query() takes the SPARQL text as a str")
        form = query_form(sparql)
        try:
            text = self._with_prefixes(bind_values(sparql, bindings))
        except ValueError as exc:
            raise QueryError(f"store {self.location}: {exc}") from None
        # The merge of the document graphs lives in graph/articles: the protocol cannot name a
        # service's own default graph beside the view graphs. Oxigraph then shows only the
        # named graphs listed, so all of them are (Virtuoso shows every graph anyway).
        params: list[tuple[str, str]] = [("query", text)]
        params += [("default-graph-uri", g) for g in ((ARTICLES,) + (VIEW_GRAPHS if union else ()))]
        if self.flavour != "virtuoso":
            params += [("named-graph-uri", g) for g in self._named_graphs()]
        if not self.allow_service and uses_service(sparql):
            raise QueryError("query uses SERVICE (a federated call to another endpoint), which is off; "
                             "allow it with --allow-service")
        data, _ = self._request(self.query_url, urllib.parse.urlencode(params).encode(),
                                "application/x-www-form-urlencoded", _ACCEPT[form])
        if form in ("CONSTRUCT", "DESCRIBE"):
            from rdflib import Graph

            out = Result("CONSTRUCT")
            out.graph = Graph().parse(data=data, format="nt")
            return out
        return Result.parse(io.BytesIO(data), format="json")

    def update(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> None:
        """Run a SPARQL Update on the service (one request); ``bindings`` fill its empty VALUES blocks."""
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        self._update_text(fill_values(sparql, bindings))

    def _named_graphs(self) -> list[str]:
        if self._graphs is None:
            body = urllib.parse.urlencode({"query": load_query("remote-graphs")}).encode()
            data, _ = self._request(self.query_url, body, "application/x-www-form-urlencoded", _ACCEPT["SELECT"])
            self._graphs = sorted(b["g"]["value"] for b in json.loads(data)["results"]["bindings"])
        return self._graphs

    def _update_text(self, text: str) -> None:
        self._request(self.update_url, urllib.parse.urlencode({"update": self._with_prefixes(text)}).encode(),
                      "application/x-www-form-urlencoded")

    # ------------------------------------------------------------------ documents

    def _sync_shipped_data(self) -> None:
        """Load the ontology + KB and curated facts graphs when the shipped files changed
        (the ontology graph, which carries the hash, is written last)."""
        from .shipped import shipped_quads

        wanted = shipped_data_hash()
        rows = list(self.query_file("shipped-hash", {"graph": ONTOLOGY_GRAPH}))
        if rows and str(rows[0].hash) == wanted:
            return
        quads = shipped_quads(wanted)
        for graph in (CURATED_GRAPH, ONTOLOGY_GRAPH):
            self._replace_graph(URIRef(graph), [(s, p, o) for s, p, o, g in quads if g.value == str(graph)])

    def _gsp(self, graph: URIRef) -> str:
        key = "graph-uri" if self.flavour == "virtuoso" else "graph"
        return f"{self.gsp_url}?{urllib.parse.urlencode({key: str(graph)})}"

    def _replace_graph(self, graph: URIRef, triples: list) -> None:
        """Replace one named graph: a graph store protocol PUT (one request), else a drop and
        INSERT DATA operations."""
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        if self.gsp_url and self.flavour in ("oxigraph", "virtuoso"):
            body = "".join(f"{term_text(s)} {term_text(p)} {term_text(o)} .\n" for s, p, o in triples)
            self._request(self._gsp(graph), body.encode("utf-8"), "application/n-triples", method="PUT")
            return
        head = f"DROP SILENT GRAPH {term_text(graph)}"
        self._update_text(" ;\n".join([head] + _data("INSERT", [(s, p, o, graph) for s, p, o in triples])))

    def _apply(self, ops: list) -> None:
        """Run the updates as one request (one transaction on Oxigraph and Virtuoso).

        Oxigraph server runs the shipped ``.rq`` updates as they are. Elsewhere the merge
        of the document graphs lives in the named graph graph/articles: updates that write
        the default graph have a ``remote-`` variant, and inserts of rows become
        ``INSERT DATA`` (Virtuoso fails on ``INSERT … WHERE { VALUES … }``); a request
        larger than :data:`CHUNK` triples is sent in several (Virtuoso's parser slows down
        more than linearly), so it is not one transaction there."""
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        parts: list[str] = []
        for name, bindings, table in ops:
            parts += self._op_text(name, bindings, table)
        size = sum(p.count("\n") for p in parts)
        if size <= CHUNK:
            self._update_text(" ;\n".join(parts))
        else:
            for part in parts:
                self._update_text(part)

    def _op_text(self, name: str, bindings: Mapping[str, Any], table) -> list[str]:
        from rdflib import Literal

        from ..vocab import DCTERMS

        rows = list(table[1]) if table else []
        art = URIRef(ARTICLES)
        if name == "insert-document":
            g = bindings["doc"]
            return _data("INSERT", [(s, p, o, gg) for s, p, o in rows for gg in (g, art)])
        if name in ("attach-source", "detach-source"):
            quads = [(d, DCTERMS.source, Literal(src) if isinstance(src, str) else src, gg)
                     for d, src in rows for gg in (d, art)]
            return _data("INSERT" if name == "attach-source" else "DELETE", quads)
        if name in ("correct-insert-quads", "correct-delete-quads", "ingest-log-insert"):
            return _data("INSERT" if "insert" in name else "DELETE", [(s, p, o, g) for g, s, p, o in rows])
        if name == "correct-default-add":
            return _data("INSERT", [(s, p, o, art) for s, p, o in rows])
        variant = f"remote-{name}"
        text = load_query(variant if variant in query_names() else name)
        return [fill_values(text, bindings, table)]

    def put_documents(self, items: Iterable[tuple[Any, Sequence]], batch_triples: int = 50_000) -> int:
        """Bulk path for a first large ingest: documents new to the store (by text and by
        source) go in batches of about ``batch_triples`` triples through the graph store
        protocol — one N-Quads POST per batch (Oxigraph), or a PUT per document graph and a
        POST to graph/articles per batch (Virtuoso); others through :meth:`put_document`.
        Returns the number of documents written."""
        known_docs, known_sources = set(), set()
        for r in self.query_file("remote-sources"):
            known_docs.add(str(r.doc))
            if r.source is not None:
                known_sources.add(str(r.source))
        written, batch = 0, []
        for doc, statements in items:
            if doc.iri in known_docs or doc.identity in known_sources:
                written += self.put_document(doc, statements)
                continue
            g = URIRef(doc.iri)
            batch.extend((s, p, o, g) for s, p, o in dict.fromkeys(document_triple_set(doc, statements)))
            known_docs.add(doc.iri)
            known_sources.add(doc.identity)
            written += 1
            if len(batch) >= batch_triples:
                self._post_quads(batch)
                batch = []
        if batch:
            self._post_quads(batch)
        return written

    def _post_quads(self, quads: list) -> None:
        """Write new document graphs and add their triples to the default graph (the merge)."""
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        if self.flavour == "oxigraph" and self.gsp_url:
            lines = []
            for s, p, o, g in quads:
                triple = f"{term_text(s)} {term_text(p)} {term_text(o)}"
                lines += (f"{triple} {term_text(g)} .\n", f"{triple} <{ARTICLES}> .\n")
            self._request(self.gsp_url, "".join(lines).encode("utf-8"), "application/n-quads")
            return
        by_graph: dict = {}
        for s, p, o, g in quads:
            by_graph.setdefault(g, []).append((s, p, o))
        for g, triples in by_graph.items():
            self._replace_graph(g, triples)
        merged = list(dict.fromkeys((s, p, o) for s, p, o, g in quads))
        if self.gsp_url and self.flavour == "virtuoso":
            body = "".join(f"{term_text(s)} {term_text(p)} {term_text(o)} .\n" for s, p, o in merged)
            self._request(self._gsp(URIRef(ARTICLES)), body.encode("utf-8"), "application/n-triples")
        else:
            for part in _data("INSERT", [(s, p, o, URIRef(ARTICLES)) for s, p, o in merged]):
                self._update_text(part)

    # ------------------------------------------------------------------ export

    def export(self, out: IO[bytes] | str | Path, fmt: str = "turtle") -> None:
        """Write the service's data (see :meth:`graph.store.base.Store.export`), read with SELECT."""
        import pyoxigraph as ox

        from .terms import to_ox

        key = export_format(fmt)
        formats = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                   "jsonld": ox.RdfFormat.JSON_LD}

        def write(stream: IO[bytes]) -> None:
            if key == "turtle":
                items = [ox.Triple(to_ox(r.s), to_ox(r.p), to_ox(r.o)) for r in self.query_file("remote-triples")]
            else:
                items = [ox.Quad(to_ox(r.s), to_ox(r.p), to_ox(r.o),
                                 to_ox(r.g) if r.g is not None else ox.DefaultGraph())
                         for r in self.query_file("remote-quads", union=False)]
            ox.serialize(items, stream, format=formats[key], prefixes=PREFIXES)

        if not isinstance(out, (str, Path)):
            write(out)
            return
        with atomic_write(out, "wb") as fh:
            write(fh)

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Release the writer lock and forget the connection; further calls raise StoreError."""
        lock, self._lock = getattr(self, "_lock", None), None
        if lock is not None and self._open:
            lock.release()
        self._open = False

    def __repr__(self) -> str:
        return f"<RemoteStore {self.location} ({self.flavour}{', read-only' if self.read_only else ''})>"


#: Triples per INSERT DATA operation: Virtuoso's SPARQL parser runs out of stack on a few thousand.
CHUNK = 1000


def _data(verb: str, quads: Iterable[tuple]) -> list[str]:
    """``INSERT DATA`` / ``DELETE DATA`` operations of at most :data:`CHUNK` quads each, grouped
    by graph, every term written by the N-Triples serialiser."""
    lines = list(dict.fromkeys(
        (term_text(g), f"{term_text(s)} {term_text(p)} {term_text(o)} .") for s, p, o, g in quads))
    ops = []
    for start in range(0, len(lines), CHUNK):
        by_graph: dict[str, list[str]] = {}
        for g, triple in lines[start:start + CHUNK]:
            by_graph.setdefault(g, []).append(triple)
        blocks = "\n".join(f"GRAPH {g} {{\n" + "\n".join(ts) + "\n}" for g, ts in by_graph.items())
        ops.append(f"{verb} DATA {{\n{blocks}\n}}")
    return ops
