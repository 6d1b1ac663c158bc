"""Commands that read the store: query, actors, stats, export."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from ..errors import ActorgraphError, QueryError
from . import main
from .common import ProgressDisplay, fail, out, print_rows, store_from


def parse_binding(text: str):
    """NAME=VALUE → (name, text). For a free query, :func:`binding_term` makes the value a term."""
    name, sep, value = text.partition("=")
    name, value = name.strip().lstrip("?$"), value.strip()
    if not sep or not name:
        raise click.BadParameter(f"{text!r}: expected NAME=VALUE")
    return name, value


def binding_term(value: str):
    """An IRI when written <…>, scheme://… or as a prefixed name (actor:Iran), else a literal."""
    from rdflib import Literal

    from ..store.named import resolve_term

    term = resolve_term(value)
    if term is None and value.startswith("urn:") and " " not in value:
        from rdflib import URIRef

        term = URIRef(value)
    return term if term is not None else Literal(value)


@main.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("-n", "--name", "name", help="Run a named query (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option("--bind", "binds", multiple=True,
              help="Bind a variable: NAME=VALUE (IRIs as <…>, http… or actor:Iran; for a named query, "
                   "actor names resolve through the knowledge base).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "turtle"]), default="table",
              show_default=True, help="json: SPARQL results JSON; turtle: for CONSTRUCT.")
@click.option("--union", is_flag=True,
              help="Add the ontology, curated-facts and corrections graphs to the default graph.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses fetch remote endpoints.")
@click.pass_context
def query(ctx: click.Context, sparql: str | None, file: Path | None, name: str | None, list_: bool,
          binds, fmt: str, union: bool, allow_service: bool) -> None:
    """Run SPARQL, or a named query. The default graph holds what the articles say, each
    triple once; the ontology, curated facts and each document are named graphs (GRAPH <…>)."""
    from .. import pipeline

    if list_:
        from .results import print_named_list

        print_named_list(pipeline.named_queries())
        return
    if sum(x is not None for x in (sparql, file, name)) != 1:
        fail("give a SPARQL query, -f FILE.rq or --name NAME (one of them; --list shows the names)", 2)
    values = dict(parse_binding(b) for b in binds)
    with store_from(ctx, read_only=True) as store:
        store.allow_service = allow_service
        try:
            if name is not None:
                result = pipeline.named_query(store, name, values)
            else:
                text = file.read_text(encoding="utf-8") if file else sparql
                bindings = {k: binding_term(v) for k, v in values.items()}
                result = pipeline.query(store, text, bindings, union=union)
            from .results import print_result

            print_result(result, fmt)
        except QueryError as exc:
            fail(f"{file}: {exc}" if file else str(exc), exc.exit_code)
        except ActorgraphError:
            raise
        except Exception as exc:  # noqa: BLE001 - parser and engine errors vary by library
            where = f"{file}: " if file else ""
            fail(f"{where}query failed: {' '.join(str(exc).split())[:300]}")


@main.command()
@click.option("--search", help="Case-insensitive text in any label (knowledge base included).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_context
def actors(ctx: click.Context, search: str | None, limit: int, fmt: str) -> None:
    """List actors, most mentioned first, or search them by label."""
    from rdflib import Literal

    from .. import pipeline

    with store_from(ctx, read_only=True) as store:
        rows = pipeline.actors(store, search=search, limit=limit)
    cols = ["label", "type", "statements", "minted", "iri"]
    print_rows(cols, [[Literal(r.get(c)) if c != "iri" else r.get(c) for c in cols] for r in rows], fmt)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of documents, statements, actors and relations in the store."""
    from .. import pipeline

    with store_from(ctx, read_only=True) as store:
        data = pipeline.stats(store)
    if as_json:
        out.print_json(json.dumps(data))
        return
    table = Table("what", "count")
    for key, value in data.items():
        if isinstance(value, dict):
            for k, v in value.items():
                if v:
                    table.add_row(f"  {k}", str(v))
        else:
            table.add_row(key, str(value))
    out.print(table)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "nquads", "trig", "jsonld", "graphml", "gexf", "csv"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", help="Write to this file instead of standard output.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the store (Turtle merges the graphs; N-Quads, TriG and JSON-LD keep them), or the actor
    network with camps and weights (GraphML, GEXF for Gephi, CSV edges with NAME.nodes.csv beside)."""
    from .. import pipeline

    target = sys.stdout.buffer if output in (None, "-") else Path(output)
    with store_from(ctx, read_only=True) as store:
        if fmt in ("graphml", "gexf", "csv"):
            with ProgressDisplay("export", unit="steps") as progress:
                pipeline.export_network(store, target, fmt, progress=progress)
        else:
            with ProgressDisplay("export", unit="lines", every=100_000) as progress:
                pipeline.export(store, target, fmt, progress=progress)
