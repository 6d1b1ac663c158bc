"""Progress of long work, reported through a callback: library code never prints.

Every public function of :mod:`graph.pipeline` that can run for more than a
moment takes ``progress``, a :data:`ProgressCallback` called as
``progress(done, total, current)``:

- over items (documents ingested, lines exported): after each item, ``done``
  items of ``total`` (``None`` when unknown), ``current`` naming the item;
- over stages (reading the store, an analysis, writing the page): when a stage
  starts, ``done`` is the number of stages finished and ``current`` the stage's
  name; when it ends, the same name with ``done`` one higher. The last call has
  ``done == total``.

The command line passes :class:`graph.cli.common.ProgressDisplay`, which shows
a bar on a terminal and a line per stage (or per thousand documents) otherwise,
on standard error. In a notebook any function of three arguments will do::

    pipeline.analyze(store, progress=lambda done, total, what: print(done, total, what))
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Self

__all__ = ["CountingWriter", "ProgressCallback", "Steps"]

#: ``progress(done, total or None, current)``: see the module docstring.
ProgressCallback = Callable[[int, int | None, str], None]


class Steps:
    """The stages of one job, reported to ``progress`` (which may be None).

    ``step(name)`` starts a stage (ending the one before); ``step.end()`` ends the
    last. As a context manager, a stage ends when its block does, unless it raises::

        step = Steps(progress, ("reading the store", "camps"))
        with step("reading the store"):
            G = build_network(store)
        step("camps")
        ...
        step.end()
    """

    def __init__(self, progress: ProgressCallback | None, names: Sequence[str]) -> None:
        self.progress, self.total, self.done = progress, len(names), 0
        self.current: str | None = None

    def __call__(self, name: str) -> Self:
        self.end()
        self.current = name
        if self.progress is not None:
            self.progress(self.done, self.total, name)
        return self

    def end(self) -> None:
        """End the current stage, if one is running."""
        if self.current is None:
            return
        name, self.current = self.current, None
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, name)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self.end()


class CountingWriter:
    """A binary stream that passes writes on to ``out`` and reports the lines written so far
    to ``progress`` (each line of N-Quads or N-Triples is one quad or triple)."""

    def __init__(self, out: IO[bytes], progress: ProgressCallback, total: int | None = None,
                 current: str = "") -> None:
        self.out, self.progress, self.total, self.current = out, progress, total, current
        self.lines = 0

    def write(self, data: bytes) -> int:
        written = self.out.write(data)
        self.lines += bytes(data).count(b"\n")
        self.progress(self.lines, self.total, self.current)
        return len(data) if written is None else written

    def flush(self) -> None:
        flush = getattr(self.out, "flush", None)
        if callable(flush):
            flush()
