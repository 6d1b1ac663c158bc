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


#: ``ACTORGRAPH_PROGRESS``: ``off`` shows no progress; ``lines`` prints the lines even on a
#: terminal and for quick work; anything else (``auto``, the default) is described in
#: :class:`ProgressDisplay`.
PROGRESS_ENV = "ACTORGRAPH_PROGRESS"


class ProgressDisplay:
    """Progress of long work on standard error, for any command: the reporter the CLI
    passes as ``progress`` to :mod:`graph.pipeline` (see :mod:`graph.progress`).

    On a terminal: a live bar with the count, the rate and the time left (or a
    spinner while the total is unknown), cleared at the end. Otherwise (piped,
    logged): one line every ``every`` items, with the rate; over stages
    (``unit="steps"``), one line as each stage ends, once the command has run
    ``quiet_for`` seconds (quick commands print nothing). Call the object as a
    :data:`graph.progress.ProgressCallback` ``(done, total, current)``; use it as a
    context manager. Names are escaped before they are shown. ``$ACTORGRAPH_PROGRESS``
    (:data:`PROGRESS_ENV`) set to ``off`` silences it; ``lines`` prints the lines always.

        with ProgressDisplay("analyze", unit="steps") as progress:
            pipeline.analyze(store, progress=progress)
    """

    def __init__(self, label: str, *, unit: str = "documents", every: int = 1000,
                 console: Console | None = None, quiet_for: float = 2.0) -> None:
        import os

        self.label, self.unit, self.every = label, unit, max(1, every)
        self.console = console or err
        self.mode = os.environ.get(PROGRESS_ENV, "auto").strip().lower()
        self.quiet_for = 0.0 if self.mode == "lines" else quiet_for
        self._bar = self._task = None
        self._start = self._stage_start = 0.0
        self._last_line = 0

    def __enter__(self) -> ProgressDisplay:
        import time

        self._start = self._stage_start = time.monotonic()
        if self.console.is_terminal and self.mode not in ("off", "lines"):
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            unit = self.unit
            self._bar = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"),
                                 TimeRemainingColumn(), TextColumn("{task.description}"),
                                 console=self.console, transient=True)
            self._task = self._bar.add_task("", total=None, rate=f"0 {unit}/s")
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def rate(self, done: int) -> float:
        import time

        elapsed = time.monotonic() - self._start
        return done / elapsed if elapsed > 0 else 0.0

    def __call__(self, done: int, total: int | None, current: str = "") -> None:
        from ..model import printable

        if self.mode == "off":
            return
        if total is not None and done > total:
            total = done
        if self.unit == "steps":
            return self._step(done, total, printable(current)[:60])
        rate = self.rate(done)
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total, rate=f"{rate:,.1f} {self.unit}/s",
                             description=printable(Path(current).name if current else "")[:60])
        elif done - self._last_line >= self.every:
            self._last_line = done - done % self.every
            of = f" of {total:,}" if total else ""
            left = ""
            if total and rate > 0:
                secs = int((total - done) / rate)
                left = f", {secs // 60}m{secs % 60:02d}s left"
            self.console.print(f"{self.label}: {done:,}{of} {self.unit} ({rate:,.1f}/s{left})", markup=False)

    def _step(self, done: int, total: int | None, current: str) -> None:
        """A stage starts (``done`` unchanged) or ends (``done`` one higher): see :mod:`graph.progress`."""
        import time

        now = time.monotonic()
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total, rate="", description=current)
        elif done > self._last_line:                  # a stage ended
            self._last_line = done
            if now - self._start >= self.quiet_for:
                of = f" of {total}" if total else ""
                self.console.print(f"{self.label}: {current} ({done}{of} steps; {now - self._stage_start:.1f} s, "
                                   f"{now - self._start:.1f} s in all)", markup=False)
        else:                                         # a stage starts
            self._stage_start = now


def report_failures(report) -> None:
    """One line per failure (``str(ReadFailure)`` escapes names: no control codes reach the terminal)."""
    for failure in report.failures:
        err.print(f"actorgraph: {failure}", markup=False, soft_wrap=True)


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
