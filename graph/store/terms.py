"""RDF terms written into SPARQL as data: N-Triples serialisation by pyoxigraph, never by hand.

A value given by a user reaches a SPARQL request only as a term serialised
here: pyoxigraph validates IRIs (``NamedNode`` refuses ``>``, spaces, quotes)
and escapes literals, so no value can close a string or a block. Two uses:

* :func:`data_block` writes the quads of an ``INSERT DATA`` / ``DELETE DATA``;
* :func:`bind_values` binds variables of a query that goes over HTTP (the SPARQL
  protocol has no bindings): a ``VALUES`` row is placed at the start of the
  query's outermost ``WHERE`` group, which is what Oxigraph's own substitution
  does (the bound variable is set before the group is evaluated).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

__all__ = ["to_ox", "nt", "data_block", "bind_values", "as_term"]


def as_term(value: Any) -> Identifier:
    """A binding value as an rdflib term: terms pass through, anything else becomes a Literal."""
    return value if isinstance(value, Identifier) else Literal(value)


def to_ox(term: Any) -> Any:
    """rdflib term → pyoxigraph term (raises ValueError for an invalid IRI)."""
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term
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


def nt(term: Any) -> str:
    """The N-Triples form of a term."""
    return str(to_ox(as_term(term) if not isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else term))


def data_block(quads: Iterable[tuple[Any, Any, Any, Any]]) -> str:
    """``GRAPH <g> { s p o . }`` blocks for an INSERT DATA / DELETE DATA, grouped by graph."""
    by_graph: dict[str, list[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(nt(g), []).append(f"{nt(s)} {nt(p)} {nt(o)} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(dict.fromkeys(lines)) + "\n}" for g, lines in by_graph.items())


def _outer_group(sparql: str) -> int:
    """Index just after the ``{`` that opens the outermost WHERE group (comments, strings, IRIs skipped)."""
    i, n, depth = 0, len(sparql), 0
    form = None             # SELECT / ASK / CONSTRUCT / DESCRIBE
    seen_where = False
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            triple = sparql[i:i + 3] in ('"""', "'''")
            quote = sparql[i:i + 3] if triple else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<" and depth == 0:
            j = sparql.find(">", i)
            if j > 0 and not any(ch.isspace() for ch in sparql[i + 1:j]):
                i = j + 1
                continue
        if c.isalpha() and depth == 0:
            j = i
            while j < n and (sparql[j].isalnum() or sparql[j] in "_-:"):
                j += 1
            word = sparql[i:j].upper()
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
                form = word
            elif word == "WHERE":
                seen_where = True
            i = j
            continue
        if c == "{":
            if depth == 0 and (seen_where or form in ("SELECT", "ASK")):
                return i + 1
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    raise ValueError("cannot find the WHERE clause of the query to bind values into")


def bind_values(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """``sparql`` with a ``VALUES (?a ?b) { (term term) }`` row opening its outermost WHERE group."""
    if not bindings:
        return sparql
    names = [k.lstrip("?$") for k in bindings]
    for name in names:
        if not name.replace("_", "a").isalnum():
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    row = " ".join(nt(as_term(v)) for v in bindings.values())
    at = _outer_group(sparql)
    values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    return sparql[:at] + values + sparql[at:]
