"""Crash safety, durability and concurrency of the embedded store, with real processes (kill -9 of
a real ingest at 20 moments: test_kill_ingest.py)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import StoreError
from graph.rdf.ingest_log import without_log
from graph.store.oxigraph import OxigraphStore

WORKER = Path(__file__).resolve().parent / "ingest_worker.py"


def run_worker(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def triples(store: Path) -> set[str]:
    """The store's quads, without the ingest log (a killed and resumed ingest is two runs there)."""
    with OxigraphStore(store, read_only=True) as st:
        buf = io.BytesIO()
        st.export(buf, "nquads")
    return set(without_log(line for line in buf.getvalue().decode().splitlines() if line.strip()))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gen") / "docs"
    subprocess.run([sys.executable, str(WORKER), "make", str(folder), "200"], check=True)
    return folder


def test_second_writer_fails_at_once_or_waits(tmp_path):
    store = tmp_path / "s"
    with OxigraphStore(store):
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="in use by another actorgraph process"):
            OxigraphStore(store)            # same process, same lock: RocksDB refuses
        assert time.monotonic() - t0 < 5
        holder_code = ("import sys, time; from graph.store.oxigraph import OxigraphStore as S\n"
                       "s = S(sys.argv[1]); print('ready', flush=True); time.sleep(2); s.close()")
    holder = subprocess.Popen([sys.executable, "-c", holder_code, str(store)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    result = CliRunner().invoke(main, ["--store", str(store), "remove", "nothing"])
    assert result.exit_code == 1 and "in use" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    t0 = time.monotonic()
    with OxigraphStore(store, lock_timeout=30):   # waits for the holder to finish
        assert time.monotonic() - t0 > 0.2
    holder.wait(timeout=30)


def test_two_processes_creating_one_store_never_delete_each_other(tmp_path):
    code = ("import sys, time\nfrom graph.store.oxigraph import OxigraphStore as S\n"
            "from graph.errors import StoreError\n"
            "while time.time() < float(sys.argv[2]): pass\n"
            "try:\n    s = S(sys.argv[1]); time.sleep(0.5); s.close(); print('made')\n"
            "except StoreError as e:\n    print('refused', e)\n")
    for trial in range(4):
        store = tmp_path / f"t{trial}" / "store"
        start = str(time.time() + 1.5)
        procs = [subprocess.Popen([sys.executable, "-c", code, str(store), start], stdout=subprocess.PIPE,
                                  text=True) for _ in range(2)]
        outs = [p.communicate(timeout=120)[0] for p in procs]
        assert any(o.startswith("made") for o in outs), outs
        for o in outs:
            assert o.startswith("made") or "in use" in o, outs
        with OxigraphStore(store) as st:     # the winner's store is whole
            assert st.query("ASK { GRAPH graph:ontology { ag:backedBy a owl:ObjectProperty } }").askAnswer


def test_a_damaged_store_is_one_line_and_non_zero(tmp_path):
    store = tmp_path / "s"
    with OxigraphStore(store) as st:
        st.flush()
    for sst in sorted(store.glob("*.sst")):
        data = bytearray(sst.read_bytes())
        for i in range(64, len(data) - 64, 61):
            data[i] ^= 0xFF
        sst.write_bytes(bytes(data))
    for args in (["stats"], ["query", "ASK { ?s ?p ?o }"], ["remove", "x"]):
        result = CliRunner().invoke(main, ["--store", str(store), *args])
        assert result.exit_code != 0, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"actorgraph: store {store}"), lines
        assert "Traceback" not in result.output


def test_ingest_leaves_nothing_in_the_write_ahead_log(generated, tmp_path):
    store = tmp_path / "s"
    proc = run_worker("ingest", str(generated), str(store), cwd=generated.parent)
    proc.communicate(timeout=600)
    assert proc.returncode == 0
    # everything is in the sorted files: deleting the log loses nothing
    before = triples(store)
    for log in store.glob("*.log"):
        log.write_bytes(b"")
    assert triples(store) == before


@pytest.mark.parametrize("kind", ["device", "symlink", "file-as-folder"])
def test_output_is_a_regular_file_or_one_line(tmp_path, kind):
    store = tmp_path / "s"
    OxigraphStore(store).close()
    if kind == "device":
        target = Path(os.devnull)
    elif kind == "symlink":
        real = tmp_path / "real.ttl"
        real.write_text("keep")
        target = tmp_path / "link.ttl"
        target.symlink_to(real)
    else:
        (tmp_path / "afile").write_text("x")
        target = tmp_path / "afile" / "out.ttl"
    before = os.lstat(target) if target.exists() or target.is_symlink() else None
    result = CliRunner().invoke(main, ["--store", str(store), "export", "-o", str(target)])
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and str(target) in result.stderr
    if before is not None:
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if kind == "symlink":
        assert (tmp_path / "real.ttl").read_text() == "keep" and target.is_symlink()
