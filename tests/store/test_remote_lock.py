"""The writer lock of remote stores (graph/store/remote_lock.py), against live engines started on
127.0.0.1: a second writer fails at once with one line or waits, a killed writer's lock runs out,
a writer whose lock was taken from it stops writing, readers never wait."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import StoreError
from graph.store import remote_lock
from graph.store.remote import PASSWORD_ENV, USER_ENV, RemoteStore

from .conftest import SAMPLE_CORPUS as CORPUS

HOLD = ("import sys, time\nimport graph.store.remote_lock as L\nL.LOCK_TTL = float(sys.argv[2])\n"
        "from graph.store.remote import RemoteStore\n"
        "s = RemoteStore(sys.argv[1]); print('ready', flush=True); time.sleep(float(sys.argv[3])); s.close()\n")


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def service(request):
    """(URL, environment) of a live engine."""
    if request.param == "oxigraph":
        srv = request.getfixturevalue("oxigraph_server")
        return srv.base, {}
    srv = request.getfixturevalue("virtuoso_server")
    return srv.base + "/sparql", {USER_ENV: srv.user, PASSWORD_ENV: srv.password}


@pytest.fixture
def url(service, monkeypatch):
    for k, v in service[1].items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv(remote_lock.LOCK_TIMEOUT_ENV, raising=False)
    return service[0]


def hold(url: str, ttl: float, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, url, str(ttl), str(seconds)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ})
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_second_writer_fails_at_once_or_waits(url):
    holder = hold(url, 60, 6)
    t0 = time.monotonic()
    with pytest.raises(StoreError, match="in use by another actorgraph writer"):
        RemoteStore(url)
    assert time.monotonic() - t0 < 10
    res = CliRunner().invoke(main, ["--store", url, "ingest", str(CORPUS / "*.txt")])
    assert res.exit_code == 1 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "in use by another actorgraph writer" in res.stderr and f"pid {holder.pid}" in res.stderr
    with RemoteStore(url, read_only=True) as reader:           # readers take no lock
        reader.stats()
    t0 = time.monotonic()
    with RemoteStore(url, lock_timeout=60):                     # waits for the holder to close
        assert time.monotonic() - t0 > 0.3
        assert holder.wait(timeout=30) == 0
    with RemoteStore(url):                                      # and it was released on close
        pass


def test_a_killed_writers_lock_runs_out(url, monkeypatch):
    holder = hold(url, 5, 600)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    with pytest.raises(StoreError, match=f"pid {holder.pid}"):
        RemoteStore(url)
    monkeypatch.setenv(remote_lock.LOCK_TIMEOUT_ENV, "30")
    t0 = time.monotonic()
    with RemoteStore(url) as st:
        assert 0.5 < time.monotonic() - t0 < 30
        assert [owner for owner, _ in st._lock.claims().values()] == [st._lock.owner]


def test_two_claims_at_the_same_moment_both_back_off(url):
    """An engine that does not run the conditional claim in isolation may let two claims in:
    each writer reads both back, withdraws its own and tries again; one of them then holds."""
    reader = RemoteStore(url, read_only=True)
    a, b = remote_lock.WriterLock(reader, ttl=30), remote_lock.WriterLock(reader, ttl=30)
    until = remote_lock._moment(time.time() + 30)
    claims = " ".join(f'<{lock.claim}> <https://w3id.org/actorgraph/lock#owner> "{lock.owner}" ; '
                      f'<https://w3id.org/actorgraph/lock#until> {until.n3()} .' for lock in (a, b))
    reader._update_text(f"INSERT DATA {{ GRAPH <urn:actorgraph:writer-lock> {{ {claims} }} }}")
    assert len(a.claims()) == 2
    with pytest.raises(StoreError, match="in use"):
        a.acquire(timeout=0)                  # sees b's claim too: withdraws its own
    b.acquire(timeout=0)                      # its own claim is now the only one
    assert list(b.claims()) == [str(b.claim)]
    with pytest.raises(StoreError, match="in use"):
        a.acquire(timeout=0)
    b.release()
    a.acquire(timeout=5)
    a.release()
    assert a.claims() == {}


def test_a_writer_whose_lock_was_taken_stops_writing(url, monkeypatch):
    monkeypatch.setattr(remote_lock, "LOCK_TTL", 1.0)        # renewed every 0.25 s
    with RemoteStore(url) as st:
        other = remote_lock.WriterLock(st, ttl=60)
        other._update("remote-lock-release", {"claim": st._lock.claim})   # as if it had run out
        other.acquire(timeout=0)
        deadline = time.monotonic() + 10
        while st._lock._lost is None and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(StoreError, match="lost its writer lock"):
            st.update("INSERT DATA { GRAPH <urn:lost> { <urn:a> <urn:b> <urn:c> } }")
        other.release()
    with RemoteStore(url, read_only=True) as st:
        # (Virtuoso answers ASK with true for an empty graph: SELECT)
        assert list(st.query("SELECT ?s WHERE { GRAPH <urn:lost> { ?s ?p ?o } }")) == []
