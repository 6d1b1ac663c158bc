"""``actorgraph correct``: analysts' corrections, kept in their own graph and re-applied after every ingest."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import main
from .common import err, out, print_rows, store_from


def _who(f):
    f = click.option("--reason", help="Why (kept with the correction).")(f)
    return click.option("--by", help="Who (default $ACTORGRAPH_ANALYST or the login name).")(f)


def _record(ctx: click.Context, kind: str, args: tuple, **kw) -> None:
    from ..store import corrections as corr

    with store_from(ctx, create=False) as store:
        c = corr.make(store, kind, *args, **kw)
        report = corr.record(store, [c])
    out.print(f"recorded {kind} {c.iri}; applied: {report.merged} merges, {report.retyped} retypings, "
              f"{report.retracted} statements retracted", markup=False)


@main.group()
def correct() -> None:
    """Correct the graph: merge, retract, alias, type, assert; import a file; re-apply.

    Corrections live in their own named graph with who, when and why, and are
    re-applied after every ingest, so they survive re-extraction. Names are
    labels (resolved through the knowledge base and the store), actor:Name or IRIs.
    """


def _two_names(name: str, first: str, second: str, doc: str, metavar: str | None = None) -> click.Command:
    """A correction that takes two names: an actor and a second actor, a name or a class."""
    @correct.command(name, help=doc)
    @click.argument(first)
    @click.argument(second, metavar=metavar)
    @_who
    @click.pass_context
    def command(ctx, reason, by, **names) -> None:
        _record(ctx, name, (names[first], names[second]), reason=reason, by=by)

    return command


merge = _two_names("merge", "actor", "into", "ACTOR is the same actor as INTO: move its statements to INTO.")
alias = _two_names("alias", "actor", "name", "NAME is another name of ACTOR.")
type_ = _two_names("type", "actor", "cls", "ACTOR belongs to CLASS (State, ArmedGroup, Person, ...).",
                   metavar="CLASS")


@correct.command()
@click.argument("subject")
@click.argument("relation")
@click.argument("object")
@_who
@click.pass_context
def retract(ctx, subject, relation, object, reason, by) -> None:  # noqa: A002 - the CLI word
    """SUBJECT RELATION OBJECT is wrong: remove the extracted statements of it."""
    _record(ctx, "retract", (subject, relation, object), reason=reason, by=by)


@correct.command("assert")
@click.argument("subject")
@click.argument("relation")
@click.argument("object")
@click.option("--source", required=True, help="Where the analyst read it (URL, reference).")
@click.option("--date", help="Date of the relation (YYYY-MM-DD).")
@_who
@click.pass_context
def assert_(ctx, subject, relation, object, source, date, reason, by) -> None:  # noqa: A002
    """Assert SUBJECT RELATION OBJECT from a source (a curated statement)."""
    _record(ctx, "assert", (subject, relation, object), source=source, date=date, reason=reason, by=by)


@correct.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", help="Who, for rows that do not say.")
@click.pass_context
def import_(ctx, file: Path, by) -> None:
    """Record the corrections of a CSV or Turtle FILE (a CSV without an action column: curated relations)."""
    from ..store import corrections as corr
    from ..store.correction_files import read_file

    with store_from(ctx, create=True) as store:
        items = read_file(store, file, by=by)
        report = corr.record(store, items)
    out.print(f"{len(items)} corrections read from {file}; applied: {report.merged} merges, "
              f"{report.retyped} retypings, {report.retracted} statements retracted", markup=False)


@correct.command("apply")
@click.pass_context
def apply_(ctx) -> None:
    """Re-apply every recorded correction (ingest does it too)."""
    from ..store import corrections as corr

    with store_from(ctx, create=False) as store:
        report = corr.apply(store)
    for line in report.details:
        err.print(line, markup=False)
    out.print(f"{report.corrections} corrections; {report.changed_quads} quads changed: {report.merged} merges, "
              f"{report.retyped} retypings, {report.retracted} statements retracted", markup=False)


@correct.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_context
def list_(ctx, fmt: str) -> None:
    """The recorded corrections, oldest first, with who, when and why."""
    from ..store import corrections as corr

    with store_from(ctx, read_only=True) as store:
        items = corr.corrections(store)
    cols = ["kind", "subject", "relation", "object", "value", "source", "by", "when", "reason"]
    if fmt == "json":
        json.dump([{c: getattr(i, c) for c in cols + ["iri"]} for i in items], sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    print_rows(cols, [[getattr(i, c) for c in cols] for i in items], fmt)
