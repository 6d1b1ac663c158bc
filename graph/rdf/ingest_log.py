"""The ingest log: when each ingest ran and which documents it extracted, apart from the documents.

A document graph holds only what follows from the article's text (its IRI, title,
date, statements), so two ingests of the same files give the same document
graphs. When they were ingested is kept in one more named graph,
:data:`INGEST_LOG_GRAPH` (``https://w3id.org/actorgraph/graph/ingest-log``), in
PROV-O terms::

    GRAPH <https://w3id.org/actorgraph/graph/ingest-log> {
      <https://w3id.org/actorgraph/id/ingest/20260102T030405Z-1a2b3c4d> a prov:Activity ;
          prov:startedAtTime "2026-01-02T03:04:05.678Z"^^xsd:dateTime ;
          prov:endedAtTime "2026-01-02T03:09:41.012Z"^^xsd:dateTime ;   # absent: the run did not finish
          prov:wasAssociatedWith <https://w3id.org/actorgraph/id/extractor/actorgraph-rules/0.1.0> .
      <https://w3id.org/actorgraph/id/doc/…> prov:wasGeneratedBy <…/id/ingest/20260102T030405Z-1a2b3c4d> .
    }

One activity per ingest run that stored something (a run that stored nothing
leaves no record, so the store stays as it was); each document extracted and
stored by the run (not those skipped as already stored) is ``prov:wasGeneratedBy`` it, recorded batch by
batch as the documents are written, so an interrupted run still dates what it
stored. A document re-extracted later (``--force``, or a changed text) gains one
more record: the log is a history, and keeps the records of removed documents.
``dcterms:date`` in a document graph is the article's own date only; a document
without one has no ``dcterms:date`` and its ingestion time is here.

The log is not in the default graph that plain queries see; ask for it with
``GRAPH <https://w3id.org/actorgraph/graph/ingest-log>``, or list the runs with
:func:`runs`. Comparisons of two stores built from the same
input leave it out (:func:`without_log`).
"""
from __future__ import annotations

import datetime as _dt
import secrets
from collections.abc import Iterable

from rdflib import Literal, URIRef

from ..vocab import GRAPH, ID, PROV, RDF, XSD

__all__ = ["INGEST_LOG_GRAPH", "IngestLog", "runs", "without_log"]

#: The named graph of the ingest log.
INGEST_LOG_GRAPH = GRAPH["ingest-log"]

_COLUMNS = ("g", "s", "p", "o")


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def _time(t: _dt.datetime) -> Literal:
    """UTC, to the millisecond."""
    return Literal(t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z", datatype=XSD.dateTime)


class IngestLog:
    """The record of one ingest run in ``store``: :meth:`start`, :meth:`generated` per batch, :meth:`end`.

    Each call is one small transaction of its own, written to :data:`INGEST_LOG_GRAPH` only.
    """

    def __init__(self, store, agent: str | None = None) -> None:
        self.store, self.agent = store, agent
        self.started, self.written = _now(), False
        self.run = ID[f"ingest/{self.started.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}"]

    def _add(self, triples: Iterable[tuple]) -> None:
        rows = [(INGEST_LOG_GRAPH, s, p, o) for s, p, o in triples]
        if rows:
            self.store.apply_updates([("ingest-log-insert", {}, (_COLUMNS, rows))])

    def start(self) -> None:
        """The run starts now; it is written with the first documents it stores, so a run
        that stores nothing (everything already stored, or only failures) leaves the
        store as it was."""
        self.started, self.written = _now(), False

    def generated(self, document_iris: Iterable[str]) -> None:
        """These documents were extracted and stored by this run."""
        triples = [(URIRef(d), PROV.wasGeneratedBy, self.run) for d in document_iris]
        if triples and not self.written:
            triples += [(self.run, RDF.type, PROV.Activity), (self.run, PROV.startedAtTime, _time(self.started))]
            if self.agent:
                triples.append((self.run, PROV.wasAssociatedWith, URIRef(self.agent)))
            self.written = True
        self._add(triples)

    def end(self) -> None:
        if self.written:
            self._add([(self.run, PROV.endedAtTime, _time(max(_now(), self.started)))])


def runs(store) -> list[dict]:
    """The ingest runs of a store, newest first: ``run`` (IRI), ``started``, ``ended`` (ISO
    date-times; ``ended`` None for a run that did not finish) and ``documents`` it stored."""
    return [{"run": str(r.run), "started": str(r.started), "ended": None if r.ended is None else str(r.ended),
             "documents": int(r.documents)}
            for r in store.query_file("ingest-log", {"g": INGEST_LOG_GRAPH}, union=False)]


def without_log(nquads_lines: Iterable[str]) -> list[str]:
    """N-Quads lines without those of the ingest log (for comparing two stores' contents)."""
    tail = f"<{INGEST_LOG_GRAPH}> ."
    return [line for line in nquads_lines if not line.rstrip().endswith(tail)]
