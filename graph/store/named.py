"""Named queries: the library of ``graph/store/queries/named/*.rq`` run by name with bound values.

Each file starts with a comment that says what it answers, then declares its
parameters, one per line::

    # Patrons of an actor: ...
    # @param actor actor  the client (a name, alias, variant or IRI)
    # @param limit int = 20  how many rows

A parameter has a type that says how a user's text becomes an RDF term:

``actor``
    ``<IRI>``, ``http(s)://…``, a prefixed name (``actor:Iran``), or a name that
    resolves through the knowledge base (labels, aliases, acronyms and
    transliteration variants: "Kataib Hezbolah" finds Kataib Hezbollah), then
    through the labels of actors in the store (minted ones); an unknown name is
    an :class:`~graph.errors.InputError`.
``type``
    an actor class of the ontology (``ArmedGroup`` or ``ag:ArmedGroup``).
``relation``
    a relation of the ontology (``backedBy``).
``date``
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an upper bound (``until``) covers
    the whole year or month.
``int`` / ``text``
    a number / a string.

Each parameter (but ``limit``) has an empty ``VALUES ?name { }`` block in the
query; :func:`run_named` fills it with the resolved term, written by the RDF
library's N-Triples serialiser (:func:`graph.store.sparql.fill_values`), so a
value never becomes SPARQL syntax. ``limit`` is applied to the rows.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .base import Store

__all__ = ["Param", "NamedQuery", "named_queries", "named_query", "resolve_actor", "bind_values",
           "run_named", "resolve_term"]

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(actor|type|relation|date|int|text)"
                    r"(?:\s*=\s*(\S+))?\s*(.*)$")
_TYPES = ("actor", "type", "relation", "date", "int", "text")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*):([^\s<>\"{}|^`\\]*)$")
_IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|^`\\]+$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    help: str

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str


def _parse(name: str, text: str) -> NamedQuery:
    description, params = [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params.append(Param(m.group(1), m.group(2), m.group(3), m.group(4).strip()))
        elif "@param" in line:
            raise ValueError(f"graph/store/queries/named/{name}.rq: bad parameter line {line!r} "
                             f"(# @param NAME {'|'.join(_TYPES)} [= DEFAULT] help)")
        else:
            description.append(line.lstrip("#").strip())
    return NamedQuery(name, " ".join(d for d in description if d), tuple(params), text)


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name (sorted)."""
    base = resources.files("graph.store").joinpath("queries", "named")
    out = {}
    for res in sorted(base.iterdir(), key=lambda r: r.name):
        if res.name.endswith(".rq"):
            out[res.name[:-3]] = _parse(res.name[:-3], res.read_text(encoding="utf-8"))
    return out


def named_query(name: str) -> NamedQuery:
    """The named query ``name``; an InputError lists the known names."""
    try:
        return named_queries()[name]
    except KeyError:
        raise InputError(f"no named query {name!r}; known: {', '.join(named_queries())}") from None


# ----------------------------------------------------------------------------- values

def resolve_term(text: str) -> Any:
    """``<IRI>``, ``scheme://…`` or a prefixed name with a known prefix → URIRef; else None."""
    from rdflib import URIRef

    from ..rdf.statements import PREFIXES

    t = text.strip()
    if t.startswith("<") and t.endswith(">") and _IRI_SCHEME.match(t[1:-1]) or _IRI_SCHEME.match(t):
        return URIRef(t.strip("<>"))
    m = _PREFIXED.match(t)
    if m and m.group(1) in PREFIXES:
        return URIRef(PREFIXES[m.group(1)] + m.group(2))
    return None


def resolve_actor(text: str, store: Store | None = None) -> Any:
    """An actor IRI (URIRef) for a user's text; see the module docstring."""
    from rdflib import Literal, URIRef

    from ..kb.knowledge_base import load_knowledge_base, mint_actor

    term = resolve_term(text)
    if term is not None:
        return term
    name = " ".join(str(text).split())
    if not name:
        raise InputError("an empty actor name")
    kb = load_knowledge_base()
    actor = kb.by_label(name) or kb.by_variant(name)
    if actor is not None:
        return URIRef(actor.iri)
    if store is not None:
        minted = URIRef(mint_actor(name, "Actor").iri)
        if store.query_file("actor-exists", {"actor": minted}, union=False).askAnswer:
            return minted
        found = sorted({str(r.actor) for r in store.query_file("actor-by-label", {"name": Literal(name)},
                                                                 union=False)})
        if len(found) == 1:
            return URIRef(found[0])
        if len(found) > 1:
            raise InputError(f"actor name {name!r} is ambiguous: {', '.join(found[:5])}; give an IRI")
    raise InputError(f"no actor named {name!r} in the knowledge base or the store "
                     f"(try: actorgraph actors --search {name.split()[0]!r})")


def _value(param: Param, text: str, store: Store | None) -> Any:
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from ..vocab import ACTOR_CLASSES, AG, relations

    if param.type == "actor":
        return resolve_actor(text, store)
    if param.type == "type":
        local = text.strip()
        local = local[3:] if local.startswith("ag:") else local
        if local.startswith(str(AG)):
            local = local[len(str(AG)):]
        if local not in (*ACTOR_CLASSES, "Actor"):
            raise InputError(f"{param.name}={text!r}: not an actor class; known: "
                             f"{', '.join(('Actor', *ACTOR_CLASSES))}")
        return AG[local]
    if param.type == "relation":
        rels = relations()
        local = text.strip()
        local = local[3:] if local.startswith("ag:") else local
        if local not in rels:
            raise InputError(f"{param.name}={text!r}: not a relation; known: {', '.join(rels)}")
        return URIRef(rels[local].iri)
    if param.type == "date":
        value = text.strip()
        if not _DATE.match(value):
            raise InputError(f"{param.name}={text!r}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        try:
            _date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
        except ValueError:
            raise InputError(f"{param.name}={text!r}: not a real date") from None
        if param.name in ("until", "to", "end") and len(value) < 10:   # the last day of that year/month
            year, month = int(value[:4]), int(value[5:7]) if len(value) == 7 else 12
            value = f"{value[:4]}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        return Literal(value)
    if param.type == "int":
        try:
            return Literal(int(text), datatype=XSD.integer)
        except ValueError:
            raise InputError(f"{param.name}={text!r}: not a whole number") from None
    return Literal(str(text))


def bind_values(query: NamedQuery, values: dict[str, str], store: Store | None = None) -> dict[str, Any]:
    """The bindings of a named query from the user's texts (defaults filled in)."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise InputError(f"query {query.name!r} has no parameter {unknown[0]!r}; its parameters: "
                         f"{', '.join(known) or 'none'}")
    out: dict[str, Any] = {}
    for p in query.params:
        if p.name in values:
            text = values[p.name]
        elif p.default is not None:
            text = p.default
        else:
            raise InputError(f"query {query.name!r} needs --bind {p.name}=… ({p.type}: {p.help})")
        out[p.name] = _value(p, text, store)
    return out


def run_named(store: Store, name: str, values: dict[str, str] | None = None):
    """Run the named query with the user's values; returns an rdflib Result.

    It sees what the articles say (the store's default graph) and names the
    ontology graph where it needs relation polarity or the class hierarchy.
    """
    from .sparql import fill_values

    query = named_query(name)
    bindings = bind_values(query, dict(values or {}), store)
    limit = bindings.pop("limit", None)
    # The values go into the query's VALUES block, written by the RDF library's own term
    # serialiser: Oxigraph then plans the query around them (50× faster than substitution
    # on an aggregate, and portable to any SPARQL service).
    result = store.query(fill_values(query.text, bindings), union=False)
    if limit is not None and result.type == "SELECT":
        rows = list(result)[: max(0, int(limit))]
        result.bindings = [{v: t for v, t in zip(result.vars, row) if t is not None} for row in rows]
    return result
