"""The interactive HTML page, or a static PNG/SVG picture of the same layout."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main
from .common import ProgressDisplay, err, fail, filter_options, filters, store_from


@main.command()
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["html", "png", "svg"]), default=None,
              help="Output format [default: from the file name, else html].")
@click.option("--max-nodes", type=int, default=250, show_default=True,
              help="Actors in the first view; past it the page opens on each camp's most central members.")
@click.option("--min-weight", "--min-evidence", "min_weight", type=int, default=1, show_default=True,
              help="Drop relations with fewer supporting statements.")
@click.option("--relations", "shown", default=None,
              help="Only these relation names or kinds (alliance, hostility, structural, neutral), comma-separated.")
@click.option("--camp", default=None, help="Only the members of this camp: its number (as `analyze` numbers camps), "
              "a word of its name or the name of a member.")
@click.option("--focus", default=None, help="Only this actor (name, alias or IRI) and its neighbours.")
@click.option("--depth", type=click.IntRange(1, 10), default=1, show_default=True, help="Neighbour depth for --focus.")
@click.option("--title", default="actorgraph", show_default=True)
@filter_options
@click.pass_context
def render(ctx: click.Context, output: Path, fmt: str | None, max_nodes: int, min_weight: int, shown: str | None,
           camp: str | None, focus: str | None, depth: int, title: str, since, until, min_confidence, relations) -> None:
    """Write the interactive HTML graph (opens offline in a browser) or a PNG/SVG picture."""
    from .. import pipeline

    if fmt is not None and output.suffix.lower().lstrip(".") not in (fmt, "htm" if fmt == "html" else fmt):
        output = output.with_suffix("." + fmt)
    with store_from(ctx, read_only=True) as store, ProgressDisplay("render", unit="steps") as progress:
        try:
            path = pipeline.render(store, output, max_nodes=max_nodes, min_weight=min_weight, title=title, fmt=fmt,
                                   shown_relations=shown, camp=camp, focus=focus, depth=depth, progress=progress,
                                   **filters(since, until, min_confidence, relations))
        except ValueError as exc:
            fail(str(exc), 2)
    sys.stdout.flush()
    err.print(f"wrote {path}", markup=False)
