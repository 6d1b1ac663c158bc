"""Printing SPARQL results: a table, CSV, SPARQL results JSON, Turtle for graphs, true/false for ASK."""
from __future__ import annotations

import sys

from .common import fail, out, print_rows

FORMATS = ("table", "csv", "json", "turtle")


def print_result(result, fmt: str) -> None:
    """Write an rdflib query Result to standard output in ``fmt``."""
    if result.type == "ASK":
        if fmt == "json":
            sys.stdout.write(result.serialize(format="json").decode("utf-8") + "\n")
        else:
            sys.stdout.write("true\n" if result.askAnswer else "false\n")
        return
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from ..rdf.statements import bind_prefixes

        bind_prefixes(result.graph)
        if fmt == "json":
            data = result.graph.serialize(format="json-ld")
        elif fmt in ("turtle", "table"):
            data = result.graph.serialize(format="turtle")
        else:
            fail(f"--format {fmt} is for SELECT results; a {result.type} query gives a graph "
                 "(use --format turtle or json)", 2)
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        return
    variables = [str(v) for v in result.vars or []]
    rows = [[row[i] for i in range(len(variables))] for row in result]
    if fmt == "turtle":
        fail("--format turtle is for CONSTRUCT and DESCRIBE queries; a SELECT gives rows "
             "(use table, csv or json)", 2)
    if fmt == "json":
        from rdflib.query import Result

        copy = Result("SELECT")
        copy.vars = result.vars
        copy.bindings = [{v: t for v, t in zip(result.vars, row) if t is not None} for row in rows]
        sys.stdout.write(copy.serialize(format="json").decode("utf-8") + "\n")
    else:
        print_rows(variables, rows, fmt)


def print_named_list(queries) -> None:
    """``query --list``: each named query with its parameters."""
    for q in queries:
        params = " ".join(f"{p.name}=<{p.type}>" if p.required else f"[{p.name}=<{p.type}>, default {p.default}]"
                          for p in q.params)
        out.print(f"{q.name}  {params}".rstrip(), markup=False, highlight=False)
        out.print(f"    {q.description}", markup=False, highlight=False)
        for p in q.params:
            out.print(f"    --bind {p.name}=…  {p.type}: {p.help}", markup=False, highlight=False)
