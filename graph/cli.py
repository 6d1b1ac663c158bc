"""The ``actorgraph`` command line: a thin shell over :mod:`graph.pipeline`.

Every command prints its results on standard output and its progress,
warnings and errors on standard error; a problem the user can act on is one
line naming the file or store and the problem, with a non-zero exit status.
"""
from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from rdflib import Literal, URIRef
from rich.console import Console
from rich.table import Table

from . import __version__, pipeline
from .atomic import atomic_write
from .store import StoreError, default_store_path

err = Console(stderr=True, highlight=False, soft_wrap=True)
# Tables piped to a file keep whole cells (IRIs) instead of rich's 80-column default.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 400)


def fail(message: str, code: int = 1) -> None:
    sys.stdout.flush()
    err.print(f"actorgraph: {message}", markup=False)
    sys.exit(code)


@contextmanager
def store_from(ctx: click.Context, *, read_only: bool = False, create: bool = False):
    path = ctx.obj["store"]
    try:
        store = pipeline.open_store(path, read_only=read_only, create=create)
    except StoreError as exc:
        fail(str(exc))
    try:
        yield store
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()


@contextmanager
def atomic_output(path: str | None, mode: str = "w"):
    """stdout, or a file written to a temporary name and renamed only on success."""
    if path in (None, "-"):
        yield sys.stdout.buffer if "b" in mode else sys.stdout
        return
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


def ingest_with_summary(store, paths, *, force: bool = False):
    """Ingest with a progress bar on a terminal, print one line per failure and the summary."""
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actorgraph")
@click.option("--store", "store", envvar="ACTORGRAPH_STORE", type=click.Path(path_type=Path),
              help=f"Store directory [env ACTORGRAPH_STORE; default ./{default_store_path().name}].")
@click.pass_context
def main(ctx: click.Context, store: Path | None) -> None:
    """actorgraph: news about conflicts → a knowledge graph of who backs, fights and condemns whom."""
    ctx.obj = {"store": store}


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
    if fmt == "jsonl":
        with atomic_output(output) as fh:
            report = pipeline.extract_jsonl(paths, fh, include_negated=not no_negated)
    else:
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


def parse_binding(text: str):
    """NAME=VALUE → (name, term): an IRI when written <…> or http(s):/urn:, else a literal."""
    name, sep, value = text.partition("=")
    name, value = name.strip().lstrip("?$"), value.strip()
    if not sep or not name:
        raise click.BadParameter(f"{text!r}: expected NAME=VALUE")
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    if value.startswith(("http://", "https://", "urn:")):
        return name, URIRef(value)
    return name, Literal(value)


@main.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--bind", "binds", multiple=True, help="Bind a variable: NAME=VALUE (IRIs as <…> or http…).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_context
def query(ctx: click.Context, sparql: str | None, file: Path | None, binds, fmt: str) -> None:
    """Run a SPARQL query; the default graph is the union of every document graph."""
    if (sparql is None) == (file is None):
        fail("give a SPARQL query or -f FILE.rq (one of them)", 2)
    text = file.read_text(encoding="utf-8") if file else sparql
    bindings = dict(parse_binding(b) for b in binds)
    with store_from(ctx, read_only=True) as store:
        try:
            result = pipeline.query(store, text, bindings)
            variables = [str(v) for v in result.vars or []]
            rows = [[row[i] for i in range(len(variables))] for row in result]
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - parser and engine errors vary by library
            where = f"{file}: " if file else ""
            fail(f"{where}query failed: {' '.join(str(exc).split())[:300]}")
    print_rows(variables, rows, fmt)


def _cell(value) -> str:
    return "" if value is None else str(value)


def print_rows(variables: list[str], rows: list[list], fmt: str) -> None:
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(variables)
        w.writerows([[_cell(v) for v in row] for row in rows])
    elif fmt == "json":
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


@main.command()
@click.option("--search", help="Case-insensitive text in any label (knowledge base included).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_context
def actors(ctx: click.Context, search: str | None, limit: int, fmt: str) -> None:
    """List actors, most mentioned first, or search them by label."""
    with store_from(ctx, read_only=True) as store:
        rows = store.actors(search=search, limit=limit)
    cols = ["label", "type", "statements", "minted", "iri"]
    print_rows(cols, [[Literal(r.get(c)) if c != "iri" else r.get(c) for c in cols] for r in rows], fmt)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of documents, statements, actors and relations in the store."""
    with store_from(ctx, read_only=True) as store:
        data = store.stats()
    if as_json:
        out.print_json(json.dumps(data))
        return
    table = Table("what", "count")
    for key, value in data.items():
        if isinstance(value, dict):
            for k, v in value.items():
                if v:
                    table.add_row(f"  {k}", str(v))
        else:
            table.add_row(key, str(value))
    out.print(table)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "nquads", "trig", "jsonld"]), default="turtle",
              show_default=True)
@click.option("-o", "--output", help="Write to this file instead of standard output.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the store (Turtle merges the graphs; N-Quads, TriG and JSON-LD keep them)."""
    with store_from(ctx, read_only=True) as store:
        if output in (None, "-"):
            store.export(sys.stdout.buffer, fmt)
        else:
            store.export(Path(output), fmt)


@main.command()
@click.option("--top", type=int, default=10, show_default=True)
@click.option("--period", type=click.Choice(["year", "month"]), default="year", show_default=True)
@click.option("--json", "as_json", is_flag=True)
@filter_options
@click.pass_context
def analyze(ctx: click.Context, top: int, period: str, as_json: bool, since, until, min_confidence, relations) -> None:
    """Blocs, most connected actors, brokers, patron–client chains, unbalanced triads, change over time."""
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
    with store_from(ctx, read_only=True) as store:
        try:
            path = pipeline.render(store, output, max_nodes=max_nodes, min_weight=min_weight, title=title,
                                   **filters(since, until, min_confidence, relations))
        except ValueError as exc:
            fail(str(exc), 2)
    sys.stdout.flush()
    err.print(f"wrote {path}", markup=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(path_type=Path))
@click.option("--top", type=int, default=10, show_default=True)
@click.pass_context
def run(ctx: click.Context, paths, output: Path, top: int) -> None:
    """The main job: ingest PATHS, print the analysis, write the HTML graph."""
    with store_from(ctx, create=True) as store:
        report = ingest_with_summary(store, paths)
        out.print()
        out.print(pipeline.analyze(store, top=top).to_text(), markup=False)
        path = pipeline.render(store, output)
    sys.stdout.flush()
    err.print(f"wrote {path}", markup=False)
    if report.failures:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
