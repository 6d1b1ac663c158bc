"""Corrections read from a file: CSV (one correction a row, or curated relations) or Turtle records.

CSV: a header row; with an ``action`` column each row is one correction::

    action,subject,relation,object,source,date,reason,by
    merge,Kataib Hizbullah,,Kataib Hezbollah,,,same group,alice
    retract,Esmail Qaani,memberOf,Qasem Soleimani,,,he succeeded him,
    alias,Kataib Hezbollah,,KH brigades,,,,
    type,actor:minted/Treasury,,StateAgency,,,,
    assert,Kataib Hezbollah,backedBy,Iran,https://example.org/report,2020-01-05,,

(``merge``/``alias``/``type`` put the target, the name or the class in ``object``).
Without an ``action`` column the file is a list of curated relations:
``subject,relation,object,source[,date,reason,by]``.

Turtle: records in the corrections vocabulary of ``ontology/actorgraph.ttl``;
actors are IRIs or names (literals, resolved like command arguments)::

    [] a ag:Merge ; ag:actor actor:minted/KataibHizbullah ; ag:target actor:KataibHezbollah .
    [] a ag:Retraction ; rdf:subject actor:EsmailQaani ; rdf:predicate ag:memberOf ;
       rdf:object actor:QasemSoleimani ; rdfs:comment "he succeeded him" .
    [] a ag:Alias ; ag:actor actor:KataibHezbollah ; ag:name "KH brigades" .
    [] a ag:Retyping ; ag:actor "Treasury" ; ag:actorClass ag:StateAgency .
    [] a ag:Assertion ; rdf:subject "Kataib Hezbollah" ; rdf:predicate ag:backedBy ;
       rdf:object actor:Iran ; dcterms:source "https://example.org/report" .
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from ..errors import InputError
from ..vocab import AG
from .corrections import KINDS, Correction, make, resolve_actor

__all__ = ["read_file"]


_CSV_ASSERT = ("subject", "relation", "object", "source")


def read_file(store, path: str | Path, *, by: str | None = None) -> list[Correction]:
    """Corrections from a CSV file (header ``action,subject,relation,object,source,date,reason``;
    without an ``action`` column every row is a curated relation to assert) or a Turtle file of
    records in the corrections vocabulary (see the README)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read ({' '.join(str(exc).split())})") from None
    if p.suffix.lower() == ".csv":
        return _read_csv(store, p, text, by)
    if p.suffix.lower() in (".ttl", ".turtle"):
        return _read_turtle(store, p, text, by)
    raise InputError(f"{p}: corrections are read from .csv or .ttl files")


def _read_csv(store, p: Path, text: str, by: str | None) -> list[Correction]:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))   # a quoted field keeps its line breaks
    header = {h.strip().lower() for h in (rows[0].keys() if rows else [])}
    if not rows:
        raise InputError(f"{p}: no rows")
    has_action = "action" in header
    if not has_action and not set(_CSV_ASSERT) <= header:
        raise InputError(f"{p}: the header needs an action column, or {', '.join(_CSV_ASSERT)}")
    out = []
    for n, raw in enumerate(rows, 2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        kind = row.get("action", "assert").lower() if has_action else "assert"
        args = {"merge": ("subject", "object"), "retract": ("subject", "relation", "object"),
                "alias": ("subject", "object"), "type": ("subject", "object"),
                "assert": ("subject", "relation", "object")}.get(kind)
        try:
            if args is None:
                raise InputError(f"unknown action {kind!r}")
            out.append(make(store, kind, *(row.get(a, "") for a in args), source=row.get("source"),
                            date=row.get("date"), reason=row.get("reason"), by=row.get("by") or by))
        except InputError as exc:
            raise InputError(f"{p}, line {n}: {exc}") from None
    return out


def _read_turtle(store, p: Path, text: str, by: str | None) -> list[Correction]:
    g = Graph()
    try:
        g.parse(data=text, format="turtle")
    except Exception as exc:  # noqa: BLE001 - any Turtle parser error
        raise InputError(f"{p}: cannot parse Turtle: {' '.join(str(exc).split())[:200]}") from None

    def name(term) -> str:
        return str(term) if isinstance(term, URIRef) else resolve_actor(store, str(term))

    out = []
    for kind, cls in KINDS.items():
        for node in sorted(g.subjects(RDF.type, cls), key=str):
            v = {k: g.value(node, prop) for k, prop in (
                ("actor", AG.actor), ("target", AG.target), ("class", AG.actorClass), ("alias", AG.name),
                ("s", RDF.subject), ("p", RDF.predicate), ("o", RDF.object), ("source", DCTERMS.source),
                ("date", DCTERMS.date), ("why", RDFS.comment))}
            try:
                args = {"merge": ("actor", "target"), "retract": ("s", "p", "o"), "alias": ("actor", "alias"),
                        "type": ("actor", "class"), "assert": ("s", "p", "o")}[kind]
                if any(v[a] is None for a in args):
                    raise InputError(f"needs {', '.join(args)}")
                vals = [str(v[a]) if a in ("alias", "class", "p") else f"<{name(v[a])}>" for a in args]
                out.append(make(store, kind, *vals, source=str(v["source"]) if v["source"] else None,
                                date=str(v["date"]) if v["date"] else None,
                                reason=str(v["why"]) if v["why"] else None, by=by))
            except InputError as exc:
                raise InputError(f"{p}: {kind} {node}: {exc}") from None
    if not out:
        raise InputError(f"{p}: no corrections (ag:Merge, ag:Retraction, ag:Alias, ag:Retyping, ag:Assertion)")
    return out
