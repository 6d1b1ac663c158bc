"""The ``actorgraph`` command line: a thin shell over :mod:`graph.pipeline`.

Every command prints its results on standard output and its progress,
warnings and errors on standard error; a problem the user can act on is one
line naming the file or store and the problem, with a non-zero exit status.
Each command imports what it needs when it runs, so ``actorgraph --help``
loads no RDF, NLP or graph library.
"""
from __future__ import annotations


import click

from .. import __version__
from ..errors import ActorgraphError
from ..store import default_store_path


class _Main(click.Group):
    """The command group: any :class:`~graph.errors.ActorgraphError` becomes one line and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ActorgraphError as exc:
            from .common import fail

            fail(str(exc), exc.exit_code)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actorgraph")
@click.option("--store", "store", envvar="ACTORGRAPH_STORE",
              help=f"Store directory or SPARQL service URL [env ACTORGRAPH_STORE; "
                   f"default ./{default_store_path().name}].")
@click.pass_context
def main(ctx: click.Context, store: str | None) -> None:
    """actorgraph: news about conflicts → a knowledge graph of who backs, fights and condemns whom."""
    ctx.obj = {"store": store}


from . import analyze, correct, ingest, query, remove, render, report, serve, validate  # noqa: E402  (commands register themselves on main)

__all__ = ["main"]
