"""``actorgraph validate``: check the store against the SHACL shapes of ``ontology/shapes.ttl``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import main
from .common import ProgressDisplay, err, out, store_from


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--shapes", "shapes_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Validate with these SHACL shapes (Turtle) instead of ontology/shapes.ttl.")
@click.pass_context
def validate(ctx: click.Context, fmt: str, shapes_file: Path | None) -> None:
    """Validate the store with pySHACL; exit status 1 when a shape is violated."""
    from ..errors import InputError
    from ..store.validate import validate as run_validation

    shapes = None
    if shapes_file is not None:
        from rdflib import Graph

        try:
            shapes = Graph().parse(shapes_file, format="turtle")
        except Exception as exc:  # noqa: BLE001 - any Turtle parser error
            raise InputError(f"{shapes_file}: cannot parse the shapes as Turtle: {' '.join(str(exc).split())[:200]}")
    with store_from(ctx, read_only=True) as store, ProgressDisplay("validate", unit="steps") as progress:
        report = run_validation(store, shapes, progress=progress)
    if fmt == "json":
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif report.violations:
        from rich.table import Table

        table = Table("focus", "path", "value", "message", "severity")
        for v in report.violations:
            focus = f"{v.label} <{v.focus}>" if v.label else v.focus
            table.add_row(focus, v.path or "", v.value or "", v.message, v.severity)
        out.print(table)
    sys.stdout.flush()
    err.print(f"{'conforms' if report.conforms else 'does not conform'}: {len(report.violations)} "
              f"violations in {report.triples} triples", markup=False)
    if not report.conforms:
        sys.exit(1)
