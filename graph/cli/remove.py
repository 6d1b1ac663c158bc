"""The remove command: delete documents from the store by IRI or source."""
from __future__ import annotations

import click

from . import main
from .common import err, store_from


@main.command()
@click.argument("documents", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, documents: tuple[str, ...]) -> None:
    """Remove documents by IRI (doc:…, <…>) or by source (the path, URL or record id
    they were ingested from). The default graph keeps exactly what the others say."""
    from .. import pipeline

    with store_from(ctx) as store:
        for doc in documents:
            for iri in pipeline.remove(store, doc):
                err.print(f"removed {doc} ({iri})", markup=False, highlight=False)
