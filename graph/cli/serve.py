"""``actorgraph serve``: the store as a SPARQL 1.1 endpoint on 127.0.0.1 (the oxigraph server)."""
from __future__ import annotations

import click

from . import main
from .common import err, fail


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1.")
@click.option("--writable", is_flag=True, help="Accept SPARQL Update and Graph Store writes (default: read-only).")
@click.option("--union-default-graph", is_flag=True,
              help="A plain query sees the union of every graph (default: only what the articles say).")
@click.option("--timeout", "timeout_s", type=click.IntRange(1), help="Stop a query after this many seconds.")
@click.pass_context
def serve(ctx: click.Context, port: int, writable: bool, union_default_graph: bool, timeout_s: int | None) -> None:
    """Serve the store as a SPARQL endpoint: /query, /update (with --writable), /store, and a query page at /.

    While a read-only endpoint runs, the store is locked against writers (ingest
    fails with "in use"); read-only commands keep working. Ctrl-C stops it.
    """
    from ..store import default_store_path, is_url
    from ..store.endpoint import Endpoint

    location = ctx.obj["store"] or str(default_store_path())
    if is_url(location):
        fail(f"store {location} is already a SPARQL service; serve takes a store directory", 2)
    endpoint = Endpoint(location, port=port, writable=writable, union_default_graph=union_default_graph,
                        timeout_s=timeout_s).start()
    mode = "read-write" if writable else "read-only"
    err.print(f"serving {endpoint.path} ({mode}) at {endpoint.url}  — query {endpoint.url}/query, "
              f"page {endpoint.url}/; Ctrl-C to stop", markup=False)
    endpoint.wait()
