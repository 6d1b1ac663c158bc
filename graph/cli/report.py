"""The written report: ``actorgraph report -o report.html|report.md``."""
from __future__ import annotations

from pathlib import Path

import click

from . import main
from .analyze import _options, view_options
from .common import ProgressDisplay, err, fail, store_from


@main.command()
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="report.html or report.md")
@click.option("--period", type=click.Choice(["year", "month"]), default="year", show_default=True)
@click.option("--title", default="actorgraph report", show_default=True)
@view_options
@click.pass_context
def report(ctx: click.Context, output: Path, period: str, title: str, fmt: str, top: int, seed: int, **kw) -> None:
    """Write the analysis tables and plots (camps per period, hostility heat map) as HTML or Markdown."""
    from .. import pipeline

    opts = _options(kw)
    with store_from(ctx, read_only=True) as store, ProgressDisplay("report", unit="steps") as progress:
        try:
            path = pipeline.report(store, output, top=top, period=period, seed=seed, title=title, progress=progress,
                                   **opts)
        except ValueError as exc:
            fail(str(exc), 2)
    err.print(f"wrote {path}", markup=False)
