"""The SPARQL texts shipped in ``graph/store/queries/*.rq``: the one place that reads them,
and the one place that puts bound values into an update.

Queries take their values as substitutions (``bindings``), never as text. A
SPARQL *update* has no substitution mechanism, so an update file declares its
inputs as empty inline-data blocks — ``VALUES ?doc { }`` or
``VALUES (?g ?s ?p ?o) { }`` — and :func:`fill_values` fills them with RDF terms
written by the RDF library's own N-Triples serialiser (so a value can never
become SPARQL syntax). An unfilled block stays empty and matches nothing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["load_query", "query_names", "fill_values", "term_text", "uses_service"]

# What a SERVICE keyword can hide in: long and short strings, IRIs, comments.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)

_VALUES = re.compile(r"VALUES\s*(\?\w+|\(\s*(?:\?\w+\s*)+\))\s*\{\s*\}", re.IGNORECASE)


@lru_cache(maxsize=None)
def load_query(name: str) -> str:
    """Text of ``graph/store/queries/<name>.rq`` (the ``.rq`` suffix is optional)."""
    stem = name[:-3] if name.endswith(".rq") else name
    base = resources.files("graph.store").joinpath("queries")
    res = base.joinpath(f"{stem}.rq")
    if not res.is_file():
        raise ValueError(f"no query named {stem!r} in graph/store/queries; known: {', '.join(query_names())}")
    return res.read_text(encoding="utf-8")


def query_names() -> list[str]:
    """Names of the shipped ``.rq`` files, sorted."""
    base = resources.files("graph.store").joinpath("queries")
    return sorted(p.name[:-3] for p in base.iterdir() if p.name.endswith(".rq"))


def uses_service(text: str) -> bool:
    """Does this SPARQL text use ``SERVICE`` (federation), outside strings, IRIs and comments?"""
    return bool(_SERVICE.search(_SKIP.sub(" ", text)))


def term_text(term: Any) -> str:
    """N-Triples text of an RDF term (rdflib or pyoxigraph), written by pyoxigraph."""
    import pyoxigraph as ox

    from .terms import to_ox, to_term

    if not isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        term = to_ox(to_term(term))
    return str(term)


def fill_values(text: str, bindings: Mapping[str, Any] | None = None,
                rows: tuple[Sequence[str], Iterable[Sequence[Any]]] | None = None) -> str:
    """Fill the empty ``VALUES`` blocks of an update.

    A block whose variables are all in ``bindings`` gets one row of them; the block
    whose variables are exactly ``rows[0]`` gets every row of ``rows[1]``.
    """
    bound = {k.lstrip("?$"): v for k, v in (bindings or {}).items()}
    table_vars = tuple(v.lstrip("?$") for v in rows[0]) if rows else None
    table_text: list[str] = []

    def fill(m: re.Match) -> str:
        names = tuple(v[1:] for v in re.findall(r"\?\w+", m.group(1)))
        if table_vars is not None and names == table_vars:
            if not table_text:
                table_text.append("\n".join(
                    "(" + " ".join(term_text(t) for t in row) + ")" for row in rows[1]))
            body = table_text[0]
        elif names and all(n in bound for n in names):
            body = "(" + " ".join(term_text(bound[n]) for n in names) + ")"
        else:
            return m.group(0)
        return f"VALUES ({' '.join('?' + n for n in names)}) {{\n{body}\n}}"

    return _VALUES.sub(fill, text)
