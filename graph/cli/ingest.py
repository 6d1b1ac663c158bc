"""Commands that read documents: ingest, extract, and run (the main job)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main
from .common import ProgressDisplay, atomic_output, err, fail, out, report_failures, store_from


def read_options(fields: tuple[str, ...], date: str | None):
    """The reader options of --field and --date (a bad value is one line and exit status 2)."""
    from ..io.dates import parse_date
    from ..io.documents import ReadOptions, parse_fields

    try:
        mapping = parse_fields(fields)
    except ValueError as exc:
        fail(str(exc), 2)
    if date is not None and parse_date(date) is None:
        fail(f"--date {date!r}: not a date (use YYYY-MM-DD)", 2)
    return ReadOptions(fields=mapping, default_date=date)


def summary_line(report, store_path) -> str:
    """The end-of-ingest summary: documents, statements, new actors, skipped, undated, failed."""
    return (f"{report.documents:,} documents ({report.unchanged:,} already stored, {report.duplicates:,} "
            f"duplicates), {report.statements:,} statements, {report.actors:,} actors "
            f"({report.new_actors:,} new), {report.undated:,} undated, {len(report.failures):,} failed; "
            f"store {store_path}")


def ingest_with_summary(store, paths, *, force: bool = False, jobs: int | None = None, options=None,
                        bulk: bool = False):
    """Ingest with progress (a bar on a terminal, a line per 1,000 documents otherwise),
    one line per failure and the summary."""
    from .. import pipeline
    from ..pipeline._documents import BULK_THRESHOLD

    with ProgressDisplay("ingest") as progress:
        report = pipeline.ingest(paths, store, force=force, progress=progress, jobs=jobs, options=options,
                                 bulk_threshold=BULK_THRESHOLD if bulk else None)
    report_failures(report)
    out.print(summary_line(report, store.path), markup=False)
    return report


def _input_options(f):
    for opt in reversed([
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Extraction processes [default: all cores]."),
        click.option("--field", "fields", multiple=True, metavar="ROLE=NAME",
                     help="JSON field of a role (text, title, date, url, source, id), e.g. "
                          "--field text=body; dotted names read nested objects. Repeatable."),
        click.option("--date", "date", metavar="YYYY-MM-DD",
                     help="Date of documents that carry none of their own."),
    ]):
        f = opt(f)
    return f


PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))


@main.command()
@PATHS
@click.option("--force", is_flag=True, help="Re-extract documents already stored with the same text.")
@click.option("--bulk", is_flag=True,
              help="A first ingest of 2,000 documents or more into an empty store goes through the "
                   "bulk loader: faster, but all or nothing (interrupted, it starts again).")
@_input_options
@click.pass_context
def ingest(ctx: click.Context, paths, force: bool, bulk: bool, jobs, fields, date) -> None:
    """Extract relations from files, folders, globs or - (.txt, .html, .jsonl, .json) into the store."""
    options = read_options(fields, date)
    with store_from(ctx, create=True) as store:
        report = ingest_with_summary(store, paths, force=force, jobs=jobs, options=options, bulk=bulk)
    if report.failures:
        sys.exit(1)


@main.command()
@PATHS
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--no-negated", is_flag=True, help="Leave out denied and negated relations.")
@click.option("-o", "--output", help="Write to this file instead of standard output.")
@_input_options
def extract(paths, fmt: str, no_negated: bool, output: str | None, jobs, fields, date) -> None:
    """Extract relations without storing them (JSONL is what shared/eval/score.py reads)."""
    from .. import pipeline

    options = read_options(fields, date)
    if fmt == "jsonl":
        with ProgressDisplay("extract") as progress, atomic_output(output) as fh:
            report = pipeline.extract_jsonl(paths, fh, include_negated=not no_negated, progress=progress,
                                            jobs=jobs, options=options)
    else:
        from rich.table import Table

        failures: list = []
        table = Table("document", "subject", "relation", "object", "conf", "evidence", show_lines=False)
        for doc, statements in pipeline.extract(paths, failures=failures, jobs=jobs, options=options):
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
@PATHS
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(path_type=Path))
@click.option("--top", type=int, default=10, show_default=True)
@_input_options
@click.pass_context
def run(ctx: click.Context, paths, output: Path, top: int, jobs, fields, date) -> None:
    """The main job: ingest PATHS, print the analysis, write the HTML graph."""
    from .. import pipeline

    options = read_options(fields, date)
    with store_from(ctx, create=True) as store:
        report = ingest_with_summary(store, paths, jobs=jobs, options=options)
        out.print()
        with ProgressDisplay("run", unit="steps") as progress:          # one network build for both
            result, path = pipeline.analyze_and_render(store, output, top=top, progress=progress)
        out.print(result.to_text(), markup=False)
    sys.stdout.flush()
    err.print(f"wrote {path}", markup=False)
    if report.failures:
        sys.exit(1)
