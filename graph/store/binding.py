"""Values bound into a query sent over HTTP: the SPARQL protocol has no substitutions.

:func:`bind_values` puts a ``VALUES (?a ?b) { (term term) }`` row at the start of the
query's outermost ``WHERE`` group, which is what Oxigraph's own substitution does (the
variable is set before the group is evaluated, so FILTERs and OPTIONALs see it). Each
term is written by pyoxigraph's N-Triples serialiser (:func:`graph.store.sparql.term_text`):
IRIs are validated and literals escaped, so no value can become SPARQL syntax.
:func:`query_form` tells SELECT, ASK, CONSTRUCT and DESCRIBE apart.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .sparql import term_text

__all__ = ["bind_values", "query_form"]


def _scan(sparql: str) -> tuple[str | None, list[tuple[int, set[str] | None]]]:
    """The query form and, for the outer query and every sub-SELECT, the index just after the
    ``{`` opening its WHERE group with the variables it projects (None: all, ``*`` or not a
    SELECT). Comments, strings and IRIs are skipped."""
    i, n, depth = 0, len(sparql), 0
    form = None
    seen_where = False
    pending: int | None = None       # start of a SELECT projection waiting for its group
    groups: list[tuple[int, set[str] | None]] = []
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
        if c == "<":
            j = sparql.find(">", i)
            if j > 0 and not any(ch.isspace() or ch in "<{}" for ch in sparql[i + 1:j]):
                i = j + 1
                continue
        if c in "?$":
            j = i + 1
            while j < n and (sparql[j].isalnum() or sparql[j] == "_"):
                j += 1
            i = max(j, i + 1)
            continue
        if c.isalpha():
            j = i
            while j < n and (sparql[j].isalnum() or sparql[j] in "_-:"):
                j += 1
            word = sparql[i:j].upper()
            if word == "SELECT":
                pending = j
            if depth == 0 and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
                form = word
            elif depth == 0 and word == "WHERE":
                seen_where = True
            i = j
            continue
        if c == "{":
            if pending is not None:
                projection = sparql[pending:i]
                names = None if "*" in projection else set(re.findall(r"[?$](\w+)", projection))
                groups.append((i + 1, names))
                pending = None
            elif depth == 0 and not groups and (seen_where or form in ("ASK", "DESCRIBE")):
                groups.append((i + 1, None))
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return form, groups


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (SELECT when it cannot tell)."""
    return _scan(sparql)[0] or "SELECT"


def bind_values(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """``sparql`` with a ``VALUES`` row of the bound variables opening the WHERE group of the
    outer query and of every sub-SELECT that projects them (Oxigraph's substitution rule)."""
    if not bindings:
        return sparql
    bound = {k.lstrip("?$"): v for k, v in bindings.items()}
    for name in bound:
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    _form, groups = _scan(sparql)
    if not groups:
        raise ValueError("cannot find the WHERE clause of the query to bind values into")
    out = sparql
    for at, names in sorted(groups, reverse=True):
        use = [k for k in bound if names is None or k in names]
        if use:
            row = " ".join(term_text(bound[k]) for k in use)
            out = out[:at] + f" VALUES ({' '.join('?' + k for k in use)}) {{ ({row}) }} " + out[at:]
    return out
