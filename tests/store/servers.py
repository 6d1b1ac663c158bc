"""Real SPARQL servers for the store tests, started on 127.0.0.1 and stopped after.

* :func:`start_oxigraph` runs the ``oxigraph`` server from PyPI (``oxigraph serve``).
* :func:`start_virtuoso` runs Debian's ``virtuoso-t`` with a copy of the packaged
  ``virtuoso.ini`` whose database files live in a temporary folder and whose SQL
  and HTTP ports are bound to 127.0.0.1 on free ports.

Both return a :class:`Server` (a context manager); the fixtures in ``conftest.py``
start one per test module and skip with the reason when the binary is absent.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


@dataclass
class Server:
    proc: subprocess.Popen
    base: str                      # http://127.0.0.1:PORT
    query_url: str
    update_url: str
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = None
    log: Path | None = None
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_http(url: str, proc: subprocess.Popen, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            text = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {text}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout} s")


def start_oxigraph(location: Path, *, read_only: bool = False) -> Server:
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("oxigraph server binary not installed (pip install oxigraph)")
    port = free_port()
    log = location.parent / f"{location.name}-oxigraph.log"
    cmd = [binary, "serve-read-only" if read_only else "serve", "--location", str(location),
           "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    srv = Server(proc, base, f"{base}/query", f"{base}/update", f"{base}/store", log=log)
    try:
        wait_http(f"{base}/query?query=ASK%7B%7D", proc, 30, log)
    except BaseException:
        srv.stop()
        raise
    return srv


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """A copy of the packaged ini: database files in ``folder``, ports on 127.0.0.1."""
    section = None
    lines = []
    for line in VIRTUOSO_INI.read_text().splitlines():
        m = re.match(r"\s*\[(.+)\]", line)
        if m:
            section = m.group(1)
        key = line.split("=", 1)[0].strip() if "=" in line and not line.lstrip().startswith(";") else None
        if key in ("DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"):
            line = f"{key} = {folder / line.split('=', 1)[1].strip().rsplit('/', 1)[-1]}"
        elif key == "ServerPort" and section == "Parameters":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and section == "HTTPServer":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "ResultSetMaxRows":
            line = "ResultSetMaxRows = 1000000"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad"
        lines.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n")
    return ini


def start_virtuoso(folder: Path) -> Server:
    binary = shutil.which("virtuoso-t")
    if binary is None or not VIRTUOSO_INI.is_file():
        raise FileNotFoundError("virtuoso-t not installed (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = virtuoso_ini(folder, sql_port, http_port)
    log = folder / "stdout.log"
    proc = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder, stdout=open(log, "wb"),
                            stderr=subprocess.STDOUT, env={**os.environ})
    base = f"http://127.0.0.1:{http_port}"
    srv = Server(proc, base, f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud-auth",
                 user="dba", password="dba", log=log)
    try:
        wait_http(f"{base}/sparql?query=ASK%7B%7D", proc, 90, log)
    except BaseException:
        srv.stop()
        raise
    return srv
