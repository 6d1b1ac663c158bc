"""Commands that read documents: ingest, extract, and run (the main job)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main
from .common import atomic_output, err, out, progress_printer, report_failures, store_from


def ingest_with_summary(store, paths, *, force: bool = False):
    """Ingest with a progress bar on a terminal, print one line per failure and the summary."""
    from .. import pipeline

    prog, update = progress_printer("ingest")
    if prog:
        prog.start()
    try:
        report = pipeline.ingest(paths, store, force=force, progress=update)
    finally:
        if prog:
            prog.stop()
    report_failures(report)
    out.print(f"{report.documents} documents ({report.unchanged} unchanged), {report.statements} statements, "
              f"{report.actors} actors, {len(report.failures)} failures; store {store.path}", markup=False)
    return report


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Re-extract documents whose text is unchanged.")
@click.pass_context
def ingest(ctx: click.Context, paths, force: bool) -> None:
    """Extract relations from files or folders (.txt, .html, .jsonl) into the store."""
    with store_from(ctx, create=True) as store:
        report = ingest_with_summary(store, paths, force=force)
    if report.failures:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--no-negated", is_flag=True, help="Leave out denied and negated relations.")
@click.option("-o", "--output", help="Write to this file instead of standard output.")
def extract(paths, fmt: str, no_negated: bool, output: str | None) -> None:
    """Extract relations without storing them (JSONL is what shared/eval/score.py reads)."""
    from .. import pipeline

    if fmt == "jsonl":
        with atomic_output(output) as fh:
            report = pipeline.extract_jsonl(paths, fh, include_negated=not no_negated)
    else:
        from rich.table import Table

        failures: list = []
        table = Table("document", "subject", "relation", "object", "conf", "evidence", show_lines=False)
        for doc, statements in pipeline.extract(paths, failures=failures):
            for st in statements:
                if st.negated and no_negated:
                    continue
                rel = ("not " if st.negated else "") + st.predicate
                table.add_row(doc.id, st.subject.label, rel, st.object.label, f"{st.confidence:.2f}",
                              st.evidence.sentence[:120])
        out.print(table)
        report = pipeline.ExtractReport(failures=failures)
    report_failures(report)
    if report.failures:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(path_type=Path))
@click.option("--top", type=int, default=10, show_default=True)
@click.pass_context
def run(ctx: click.Context, paths, output: Path, top: int) -> None:
    """The main job: ingest PATHS, print the analysis, write the HTML graph."""
    from .. import pipeline

    with store_from(ctx, create=True) as store:
        report = ingest_with_summary(store, paths)
        out.print()
        result, path = pipeline.analyze_and_render(store, output, top=top)   # one network build for both
        out.print(result.to_text(), markup=False)
    sys.stdout.flush()
    err.print(f"wrote {path}", markup=False)
    if report.failures:
        sys.exit(1)
