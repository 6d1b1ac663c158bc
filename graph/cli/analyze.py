"""The analysis command."""
from __future__ import annotations

import json

import click

from . import main
from .common import fail, filter_options, filters, out, store_from


@main.command()
@click.option("--top", type=int, default=10, show_default=True)
@click.option("--period", type=click.Choice(["year", "month"]), default="year", show_default=True)
@click.option("--json", "as_json", is_flag=True)
@filter_options
@click.pass_context
def analyze(ctx: click.Context, top: int, period: str, as_json: bool, since, until, min_confidence, relations) -> None:
    """Blocs, most connected actors, brokers, patron–client chains, unbalanced triads, change over time."""
    from .. import pipeline

    with store_from(ctx, read_only=True) as store:
        try:
            result = pipeline.analyze(store, top=top, period=period,
                                      **filters(since, until, min_confidence, relations))
        except ValueError as exc:
            fail(str(exc), 2)
    if as_json:
        out.print_json(json.dumps(result.to_dict(), default=str))
    else:
        out.print(result.to_text(), markup=False)
