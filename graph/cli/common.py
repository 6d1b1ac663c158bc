"""What every command shares: the consoles, one-line failures, the store, outputs, progress, filters, tables."""
from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import ActorgraphError

err = Console(stderr=True, highlight=False, soft_wrap=True)
# Tables piped to a file keep whole cells (IRIs) instead of rich's 80-column default.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 400)


def fail(message: str, code: int = 1) -> None:
    sys.stdout.flush()
    err.print(f"actorgraph: {message}", markup=False)
    sys.exit(code)


@contextmanager
def store_from(ctx: click.Context, *, read_only: bool = False, create: bool = False):
    from .. import pipeline

    path = ctx.obj["store"]
    try:
        store = pipeline.open_store(path, read_only=read_only, create=create)
    except ActorgraphError as exc:
        fail(str(exc), exc.exit_code)
    try:
        yield store
    except ActorgraphError as exc:
        fail(str(exc), exc.exit_code)
    finally:
        store.close()


@contextmanager
def atomic_output(path: str | None, mode: str = "w"):
    """stdout, or a file written to a temporary name and renamed only on success."""
    if path in (None, "-"):
        yield sys.stdout.buffer if "b" in mode else sys.stdout
        return
    from ..atomic import atomic_write

    with atomic_write(path, mode) as fh:
        yield fh


def progress_printer(label: str):
    """A progress callback: a live bar on a terminal, nothing when piped."""
    if not err.is_terminal:
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    prog = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.description}"), console=err, transient=True)
    task = prog.add_task("", total=None)

    def update(done: int, total: int | None, source: str) -> None:
        prog.update(task, completed=done, total=total, description=Path(source).name)

    return prog, update


def report_failures(report) -> None:
    for failure in report.failures:
        err.print(f"actorgraph: {failure}", markup=False)


def filter_options(f):
    for opt in reversed([
        click.option("--since", help="Only statements dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Only statements dated on or before."),
        click.option("--min-confidence", type=float, default=0.0, show_default=True, help="Drop weaker statements."),
        click.option("--relation", "relations", multiple=True, help="Only these relations (repeatable)."),
    ]):
        f = opt(f)
    return f


def filters(since, until, min_confidence, relations) -> dict:
    return {"since": since, "until": until, "min_confidence": min_confidence, "relations": list(relations) or None}


def _cell(value) -> str:
    return "" if value is None else str(value)


def print_rows(variables: list[str], rows: list[list], fmt: str) -> None:
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(variables)
        w.writerows([[_cell(v) for v in row] for row in rows])
    elif fmt == "json":
        from rdflib import Literal

        json.dump([{k: (None if v is None else v.toPython() if isinstance(v, Literal) else str(v))
                    for k, v in zip(variables, row)} for row in rows], sys.stdout, ensure_ascii=False, indent=1,
                  default=str)
        sys.stdout.write("\n")
    else:
        table = Table(*variables)
        for row in rows:
            table.add_row(*[_cell(v) for v in row])
        out.print(table)
        err.print(f"{len(rows)} rows")
