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

The two views of :meth:`graph.store.base.Store.query`: the internal union view is
Oxigraph's ``union-default-graph`` parameter; Virtuoso's and GraphDB's default graph is the
union already, Fuseki needs ``unionDefaultGraph`` in its dataset configuration. Values
are bound with a ``VALUES`` row (:mod:`graph.store.binding`); writes are ``INSERT DATA``
blocks of serialised terms, one request (one transaction) per document.
"""
from __future__ import annotations

import io
import json
import netrc
import os
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
from .base import Store, export_format
from .binding import bind_values, query_form
from .sparql import fill_values, load_query, term_text

__all__ = ["RemoteStore", "endpoints", "USER_ENV", "PASSWORD_ENV", "UPDATE_URL_ENV", "GSP_URL_ENV"]

USER_ENV, PASSWORD_ENV = "ACTORGRAPH_STORE_USER", "ACTORGRAPH_STORE_PASSWORD"
UPDATE_URL_ENV, GSP_URL_ENV = "ACTORGRAPH_STORE_UPDATE_URL", "ACTORGRAPH_STORE_GSP_URL"
#: Seconds before a request is given up.
TIMEOUT = 300
_ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json",
           "CONSTRUCT": "application/n-triples", "DESCRIBE": "application/n-triples"}


def endpoints(url: str) -> tuple[str, str, str | None, str]:
    """(query URL, update URL, graph store URL or None, flavour) for a service URL."""
    parts = urllib.parse.urlsplit(url)
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
    path = parts.path.rstrip("/")
    if not path:
        q, u, g, flavour = base + "/query", base + "/update", base + "/store", "oxigraph"
    elif path.endswith("/query"):
        root = base[: -len("/query")]
        q, u, g, flavour = base, root + "/update", root + "/data", "generic"
    elif path.endswith("/sparql"):
        q, u, g, flavour = base, base + "-auth", base + "-graph-crud-auth", "sparql"
    else:
        q, u, g, flavour = base + "/query", base + "/update", base + "/data", "generic"
    return q, os.environ.get(UPDATE_URL_ENV) or u, os.environ.get(GSP_URL_ENV) or g, flavour


def _credentials(url: str) -> tuple[str, str] | None:
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = netrc.netrc(os.environ.get("NETRC") or None).authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        found = None
    return (found[0], found[2]) if found and found[0] else None


class _Digest(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that, once challenged, answers in advance: a large body sent
    without it would be cut off by the server's 401 (broken pipe) before the retry."""

    def __init__(self, passwords) -> None:
        super().__init__(passwords)
        self._challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        _token, challenge = auth.split(" ", 1)
        self._challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self._challenge and not req.has_header("Authorization"):
            auth = self.get_authorization(req, self._challenge)
            if auth:
                req.add_unredirected_header("Authorization", f"Digest {auth}")
        return req

    https_request = http_request


class RemoteStore(Store):
    """An actorgraph store on a SPARQL 1.1 service (see the module docstring)."""

    def __init__(self, url: str, *, read_only: bool = False, create: bool = True) -> None:
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
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        creds = _credentials(self.location)
        if creds:
            for u in (self.query_url, self.update_url, self.gsp_url):
                if u:
                    passwords.add_password(None, u, *creds)
        self._opener = urllib.request.build_opener(_Digest(passwords),
                                                   urllib.request.HTTPBasicAuthHandler(passwords))
        self._open = True
        self._authenticated = not creds
        server = self._probe()
        if "virtuoso" in server.lower():
            self.flavour = "virtuoso"
        elif "oxigraph" in server.lower():
            self.flavour = "oxigraph"
        if not read_only:
            self._sync_shipped_data()

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
                 method: str = "POST") -> tuple[bytes, str]:
        if not self._open:
            raise self._fail("is closed")
        if not self._authenticated and url != self.query_url:
            self._authenticate()
        headers = {"Content-Type": content_type, "User-Agent": "actorgraph"}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self._opener.open(req, timeout=TIMEOUT) as resp:
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
        params = {"query": text}
        if union and self.flavour == "oxigraph":
            params["union-default-graph"] = ""
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
        text = self._with_prefixes(fill_values(sparql, bindings))
        self._request(self.update_url, urllib.parse.urlencode({"update": text}).encode(),
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
        head = fill_values(load_query("remove-document"), {"doc": graph})
        self.update(head + " ;\n" + _insert_data([(s, p, o, graph) for s, p, o in triples]))

    def put_document(self, doc, statements: Sequence) -> bool:
        """Store a document in one request, replacing its graph (False when unchanged)."""
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        g = URIRef(doc.iri)
        triples = document_triple_set(doc, statements)
        stored = self.document_hash(doc.iri)
        if stored == doc.content_hash and self._graph_equals(g, triples):
            return False
        self._replace_graph(g, triples)
        return True

    def put_documents(self, items: Iterable[tuple[Any, Sequence]], batch_triples: int = 50_000) -> int:
        """Bulk path for a first large ingest: documents not yet stored go in batches of about
        ``batch_triples`` — one graph store protocol POST of N-Quads (Oxigraph) or one
        ``INSERT DATA`` request per batch; stored ones go through :meth:`put_document`.
        Returns the number of documents written."""
        written, batch = 0, []

        def flush() -> None:
            if batch:
                self._post_quads(batch)
                batch.clear()

        stored = {str(r.doc) for r in self.query_file("remote-documents")}
        for doc, statements in items:
            if doc.iri in stored:
                written += self.put_document(doc, statements)
                continue
            g = URIRef(doc.iri)
            batch.extend((s, p, o, g) for s, p, o in document_triple_set(doc, statements))
            written += 1
            if len(batch) >= batch_triples:
                flush()
        flush()
        return written

    def _post_quads(self, quads: list) -> None:
        if self.read_only:
            raise self._fail("is open read-only; cannot write")
        if self.flavour == "oxigraph" and self.gsp_url:
            body = "".join(f"{term_text(s)} {term_text(p)} {term_text(o)} {term_text(g)} .\n"
                           for s, p, o, g in quads).encode("utf-8")
            self._request(self.gsp_url, body, "application/n-quads")
        elif self.gsp_url and self.flavour == "virtuoso":
            by_graph: dict = {}
            for s, p, o, g in quads:
                by_graph.setdefault(g, []).append((s, p, o))
            for g, triples in by_graph.items():
                self._replace_graph(g, triples)
        else:
            self.update(_insert_data(quads))

    def _graph_equals(self, g: URIRef, triples: list) -> bool:
        stored = {(term_text(r.s), term_text(r.p), term_text(r.o))
                  for r in self.query_file("remote-graph-triples", {"g": g})}
        return stored == {(term_text(s), term_text(p), term_text(o)) for s, p, o in triples}

    def remove_document(self, doc_iri: str) -> bool:
        """Delete a document's graph in one request; False when no such document is stored."""
        if not self.query_file("document-exists", {"doc": URIRef(doc_iri)}).askAnswer:
            return False
        self.update_file("remove-document", {"doc": URIRef(doc_iri)})
        return True

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
                items = [ox.Quad(to_ox(r.s), to_ox(r.p), to_ox(r.o), to_ox(r.g))
                         for r in self.query_file("remote-quads")]
            ox.serialize(items, stream, format=formats[key], prefixes=PREFIXES)

        if not isinstance(out, (str, Path)):
            write(out)
            return
        with atomic_write(out, "wb") as fh:
            write(fh)

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Forget the connection; further calls raise StoreError."""
        self._open = False

    def __repr__(self) -> str:
        return f"<RemoteStore {self.location} ({self.flavour}{', read-only' if self.read_only else ''})>"


#: Triples per INSERT DATA operation: Virtuoso's SPARQL parser runs out of stack on a few thousand.
CHUNK = 1000


def _insert_data(quads: Iterable[tuple]) -> str:
    """``INSERT DATA`` operations (one request, one transaction) of at most :data:`CHUNK` quads each,
    grouped by graph, every term written by the N-Triples serialiser."""
    lines = list(dict.fromkeys(
        (term_text(g), f"{term_text(s)} {term_text(p)} {term_text(o)} .") for s, p, o, g in quads))
    ops = []
    for start in range(0, len(lines), CHUNK):
        by_graph: dict[str, list[str]] = {}
        for g, triple in lines[start:start + CHUNK]:
            by_graph.setdefault(g, []).append(triple)
        blocks = "\n".join(f"GRAPH {g} {{\n" + "\n".join(ts) + "\n}" for g, ts in by_graph.items())
        ops.append(f"INSERT DATA {{\n{blocks}\n}}")
    return " ;\n".join(ops) or "INSERT DATA { }"
