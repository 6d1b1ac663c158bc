"""RDF terms between the store engine, rdflib and plain Python: the one place that converts them.

* :func:`to_ox` / :func:`from_ox`: rdflib term ↔ pyoxigraph term.
* :func:`to_term`: a value bound to a query variable (rdflib terms pass through,
  anything else becomes a literal).
* :func:`py_value`: the plain Python value of a result term — IRIs as ``str``,
  dates as ISO ``str``, decimals as ``float``, booleans and integers as such.
"""
from __future__ import annotations

from datetime import date as _date
from datetime import datetime as _datetime
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

__all__ = ["to_ox", "from_ox", "to_term", "py_value", "local_name"]


def to_term(value: Any) -> Identifier:
    """A binding value as an rdflib term: terms pass through, anything else becomes a Literal."""
    if isinstance(value, Identifier):
        return value
    return Literal(value)


def py_value(term: Any) -> Any:
    """Plain Python value of a result term (IRIs as str, dates as ISO str, decimals as float)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        val = term.toPython()
        if isinstance(val, (_date, _datetime)):
            return val.isoformat()
        if isinstance(val, Decimal):
            return float(val)
        return val if isinstance(val, (bool, int, float, str)) else str(term)
    return str(term)


def local_name(iri: Any, namespace: str) -> str | None:
    """``iri`` without ``namespace`` when it starts with it, else the whole IRI (None stays None)."""
    if iri is None:
        return None
    s = str(iri)
    return s[len(namespace):] if s.startswith(namespace) else s


def to_ox(term: Any) -> Any:
    """rdflib term → pyoxigraph term."""
    import pyoxigraph as ox

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


def from_ox(term: Any) -> Any:
    """pyoxigraph term → rdflib term (None stays None)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected Oxigraph term {term!r}")

