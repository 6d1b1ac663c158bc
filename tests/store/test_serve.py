"""``actorgraph serve``: the store as a SPARQL endpoint on 127.0.0.1, queried by SPARQLWrapper, plain HTTP and a browser."""
from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph.store.oxigraph import OxigraphStore

from .servers import free_port, oxigraph_binary, wait_http

REPO = Path(__file__).resolve().parents[2]
ACTORGRAPH = [sys.executable, "-m", "graph.cli"] if not (Path(sys.executable).parent / "actorgraph").exists() \
    else [str(Path(sys.executable).parent / "actorgraph")]
DOCS = ("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://w3id.org/actorgraph/ontology#Document> } }")

pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph server not installed (pip install oxigraph)")


def start_serve(store: Path, *extra: str):
    port = free_port()
    proc = subprocess.Popen([*ACTORGRAPH, "--store", str(store), "serve", "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    wait_http(f"{base}/query?query=ASK%7B%7D", proc, 60)
    return proc, base


def stop(proc) -> str:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    return err


def run_cli(store: Path, *args: str):
    return subprocess.run([*ACTORGRAPH, "--store", str(store), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def served(tmp_path_factory, sample_store):
    import shutil

    store = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(sample_store, store)
    proc, base = start_serve(store)
    yield store, base, proc
    stop(proc)


def test_sparqlwrapper_and_plain_http_get_the_embedded_answers(served):
    from SPARQLWrapper import JSON, SPARQLWrapper

    store, base, _ = served
    client = SPARQLWrapper(f"{base}/query")
    client.setQuery(DOCS)
    client.setReturnFormat(JSON)
    got = client.query().convert()
    assert int(got["results"]["bindings"][0]["n"]["value"]) == 12
    backed = ("SELECT DISTINCT ?c ?p WHERE { GRAPH ?g { ?c <https://w3id.org/actorgraph/ontology#backedBy> ?p } } "
              "ORDER BY ?c ?p")
    url = f"{base}/query?" + urllib.parse.urlencode({"query": backed})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/csv"}), timeout=10) as resp:
        rows = list(csv.reader(io.StringIO(resp.read().decode())))[1:]
    with OxigraphStore(store, read_only=True) as st:
        embedded = [[str(r.c), str(r.p)] for r in st.query(backed)]
    assert rows == embedded and len(rows) > 5


def test_read_only_endpoint_refuses_updates_and_locks_out_writers(served, tmp_path):
    store, base, proc = served
    req = urllib.request.Request(f"{base}/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                 headers={"Content-Type": "application/sparql-update"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=10)
    assert 400 <= info.value.code < 500
    (tmp_path / "a.txt").write_text("Test: Iran armed Kataib Hezbollah.\n")
    res = run_cli(store, "ingest", str(tmp_path / "a.txt"))
    assert res.returncode != 0 and "in use" in res.stderr
    assert json.loads(run_cli(store, "stats", "--json").stdout)["documents"] == 12    # readers still work
    assert proc.poll() is None


def test_server_page_runs_a_query_in_the_browser(served, tmp_path):
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import screenshot
    finally:
        sys.path.pop(0)
    reason = screenshot.browser_available()
    if reason:
        pytest.skip(reason)
    _, base, _ = served
    with urllib.request.urlopen(f"{base}/yasgui.min.js", timeout=10) as resp:   # served by the endpoint itself
        assert resp.status == 200 and len(resp.read()) > 100_000
    driver = screenshot.chrome_driver(tmp_path / "profile")
    try:
        driver.set_page_load_timeout(60)
        driver.get(base + "/")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not driver.execute_script(
                "return !!document.querySelector('.CodeMirror') && !!document.querySelector('.CodeMirror').CodeMirror"):
            time.sleep(0.2)
        driver.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", DOCS)
        driver.execute_script("document.querySelector('.yasqe_queryButton').click();")
        text = ""
        while time.monotonic() < deadline:
            text = driver.execute_script("var r = document.querySelector('.yasr'); return r ? r.innerText : '';")
            if "12" in text:
                break
            time.sleep(0.2)
        assert "12" in text, text[:500]
    finally:
        driver.quit()


def test_writable_endpoint_accepts_updates_and_stops_cleanly(sample_copy):
    from SPARQLWrapper import POST, SPARQLWrapper

    proc, base = start_serve(sample_copy, "--writable")
    try:
        client = SPARQLWrapper(f"{base}/query", updateEndpoint=f"{base}/update")
        client.setMethod(POST)
        client.setQuery("INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> 'served' } }")
        client.query()
        res = run_cli(sample_copy, "ingest", str(REPO / "examples" / "corpus"))
        assert res.returncode != 0 and "in use" in res.stderr
    finally:
        stop(proc)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=5)
    with OxigraphStore(sample_copy, read_only=True) as st:
        assert st.query("ASK { GRAPH <urn:test> { <urn:a> <urn:b> 'served' } }").askAnswer


def test_serve_refuses_what_it_cannot_serve(tmp_path, served):
    res = run_cli(tmp_path / "nothing", "serve", "--port", str(free_port()))
    assert res.returncode != 0 and "not an actorgraph store" in res.stderr
    res = run_cli("http://127.0.0.1:9/", "serve")
    assert res.returncode == 2 and "already a SPARQL service" in res.stderr
    store, base, _ = served
    res = run_cli(store, "serve", "--port", base.rsplit(":", 1)[1])
    assert res.returncode != 0 and "in use" in res.stderr
