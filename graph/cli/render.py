"""The interactive HTML page."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main
from .common import err, fail, filter_options, filters, store_from


@main.command()
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(path_type=Path))
@click.option("--max-nodes", type=int, default=250, show_default=True)
@click.option("--min-weight", type=int, default=1, show_default=True, help="Drop edges with fewer statements.")
@click.option("--title", default="actorgraph", show_default=True)
@filter_options
@click.pass_context
def render(ctx: click.Context, output: Path, max_nodes: int, min_weight: int, title: str,
           since, until, min_confidence, relations) -> None:
    """Write an interactive HTML graph that opens offline in a browser."""
    from .. import pipeline

    with store_from(ctx, read_only=True) as store:
        try:
            path = pipeline.render(store, output, max_nodes=max_nodes, min_weight=min_weight, title=title,
                                   **filters(since, until, min_confidence, relations))
        except ValueError as exc:
            fail(str(exc), 2)
    sys.stdout.flush()
    err.print(f"wrote {path}", markup=False)
