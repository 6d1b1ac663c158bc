"""A store as a SPARQL 1.1 endpoint on 127.0.0.1: the ``oxigraph`` server from PyPI.

    >>> from graph.store.endpoint import Endpoint
    >>> with Endpoint("actorgraph-store", port=7878) as ep:         # doctest: +SKIP
    ...     print(ep.url)            # http://127.0.0.1:7878 — /query, /update, /store, and a YASGUI page at /
    ...     ep.wait()

Read-only by default: ``oxigraph serve-read-only`` opens the database without
RocksDB's lock, which is only safe while nobody writes it (Oxigraph calls a
concurrent writer undefined behaviour). So the endpoint holds the store's writer
lock itself (actorgraph's ``actorgraph.lock``, and a POSIX lock on RocksDB's
``LOCK`` file, the one RocksDB takes) for as long as the server runs: an ``actorgraph ingest`` meanwhile fails at once with
"in use", and ``serve`` refuses a store that an ingest is writing. Read-only
actorgraph commands (query, stats, export) keep working beside it.

``writable=True`` runs ``oxigraph serve``, which takes the RocksDB lock itself and
accepts SPARQL Update and Graph Store Protocol writes.

The default graph a plain query sees is the store's own default graph (what the
articles say); ``union_default_graph=True`` makes it the union of every graph.
Only 127.0.0.1 is ever bound.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..errors import StoreError

__all__ = ["Endpoint", "oxigraph_binary", "DEFAULT_PORT"]

#: Port of ``actorgraph serve`` when none is given (Oxigraph's own default).
DEFAULT_PORT = 7878
_HOST = "127.0.0.1"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server of this environment (pip package ``oxigraph``)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() and os.access(here, os.X_OK) else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed (pip install oxigraph)")
    return found


class Endpoint:
    """An Oxigraph server over a store directory, started by :meth:`start`, stopped by :meth:`stop`."""

    def __init__(self, path: str | Path, *, port: int = DEFAULT_PORT, writable: bool = False,
                 union_default_graph: bool = False, timeout_s: int | None = None) -> None:
        self.path = Path(path).expanduser().absolute()
        self.port = int(port)
        self.writable = writable
        self.union_default_graph = union_default_graph
        self.timeout_s = timeout_s
        self.url = f"http://{_HOST}:{self.port}"
        self._proc: subprocess.Popen | None = None
        self._lock_fd: int | None = None
        self._writer_fd: int | None = None
        self._log = None

    def _fail(self, problem: str) -> StoreError:
        return StoreError(f"store {self.path}: {problem}")

    def command(self) -> list[str]:
        cmd = [oxigraph_binary(), "serve" if self.writable else "serve-read-only",
               "--location", str(self.path), "--bind", f"{_HOST}:{self.port}"]
        if self.union_default_graph:
            cmd.append("--union-default-graph")
        if self.timeout_s:
            cmd += ["--timeout-s", str(self.timeout_s)]
        return cmd

    def _take_lock(self) -> None:
        """The store's writer lock (actorgraph's flock), and for a read-only server also
        RocksDB's own lock, so that no writer opens the database under it."""
        from .opening import writer_lock

        self._writer_fd = writer_lock(self.path, 0)
        if self.writable:
            return
        lock = self.path / "LOCK"
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError as exc:
            raise self._fail(f"cannot open its lock file ({exc.strerror})") from None
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            self._release_lock()
            raise StoreError(f"store {self.path} is in use by another actorgraph process; "
                             "serve it when the writer is done") from None
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._writer_fd is not None:
            os.close(self._writer_fd)
            self._writer_fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)       # closing the descriptor releases the POSIX lock
            self._lock_fd = None

    def start(self, wait_s: float = 30.0) -> "Endpoint":
        if not (self.path / "CURRENT").is_file():
            raise self._fail("is not an actorgraph store (no Oxigraph database in it)")
        cmd = self.command()
        self._take_lock()
        self._log = tempfile.TemporaryFile()
        try:
            self._proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL)
            self._wait_ready(wait_s)
        except BaseException:
            self.stop()
            raise
        return self

    def _server_output(self) -> str:
        self._log.seek(0)
        return " ".join(self._log.read().decode("utf-8", "replace").split())[-300:]

    def _wait_ready(self, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        probe = f"{self.url}/query?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                out = self._server_output()
                low = out.lower()
                if "lock" in low:
                    raise StoreError(f"store {self.path} is in use by another actorgraph process; "
                                     "serve it when the writer is done")
                if "address" in low and "in use" in low:
                    raise self._fail(f"port {self.port} on {_HOST} is already in use; choose another with --port")
                raise self._fail(f"the oxigraph server stopped ({out or 'exit ' + str(self._proc.returncode)})")
            try:
                with urllib.request.urlopen(probe, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        raise self._fail(f"the oxigraph server did not answer on {self.url} within {wait_s:.0f} s")

    def wait(self) -> int:
        """Block until the server exits; Ctrl-C or SIGTERM stop it (and release the lock)."""
        def stop_on_term(signum, frame):
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop_on_term)
        try:
            return self._proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            self.stop()
            signal.signal(signal.SIGTERM, previous)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None
        self._release_lock()

    def __enter__(self) -> "Endpoint":
        return self.start() if self._proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
