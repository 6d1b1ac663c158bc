"""The ingest log: when each ingest ran and what it stored, in a graph of its own (real stores on disk)."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest

from graph import pipeline
from graph.io.documents import read_file
from graph.rdf.ingest_log import INGEST_LOG_GRAPH, runs, without_log

from .conftest import CORPUS

DATED = CORPUS / "02-2019-12-us-strikes-kataib-hezbollah.txt"
OTHER = CORPUS / "11-2025-03-us-strikes-houthis-warns-iran.txt"
LOG = f"<{INGEST_LOG_GRAPH}>"
UNDATED_TEXT = ("Hezbollah condemned Israel after a strike on a village in southern Lebanon.\n"
                "Iran said it backed Hezbollah and warned Israel against further attacks.\n")


def nquads(store) -> list[str]:
    buf = io.BytesIO()
    store.export(buf, "nquads")
    return sorted(line for line in buf.getvalue().decode().splitlines() if line.strip())


def iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    shutil.copy(DATED, d)
    shutil.copy(OTHER, d)
    (d / "undated.txt").write_text(UNDATED_TEXT, encoding="utf-8")
    return d


def test_each_run_is_logged_apart_from_the_documents(folder, tmp_path):
    path = tmp_path / "store"
    before = dt.datetime.now(dt.UTC)
    report = pipeline.ingest([folder], path, jobs=1)
    after = dt.datetime.now(dt.UTC)
    assert report.documents == 3 and report.undated == 1
    with pipeline.open_store(path, read_only=True) as st:
        [run] = runs(st)
        assert run["documents"] == 3
        assert before - dt.timedelta(seconds=1) <= iso(run["started"]) <= iso(run["ended"]) <= after
        docs = {str(r.doc) for r in st.query("SELECT ?doc WHERE { GRAPH ?doc { ?doc a ag:Document } }")}
        generated = {str(r.doc): str(r.run) for r in st.query(
            f"SELECT ?doc ?run WHERE {{ GRAPH {LOG} {{ ?doc prov:wasGeneratedBy ?run }} }}")}
        assert generated == dict.fromkeys(docs, run["run"])
        # not in the default graph that plain queries see, nor in any document graph
        assert not st.query("ASK { ?s prov:wasGeneratedBy ?run }", union=False).askAnswer
        assert not st.query(f"ASK {{ GRAPH ?g {{ ?s prov:startedAtTime ?t }} FILTER (?g != {LOG}) }}").askAnswer
        assert st.query(f"ASK {{ GRAPH {LOG} {{ ?s prov:startedAtTime ?t }} }}").askAnswer
        # dcterms:date is the article's own date: the dated one has it, the undated one has none
        dates = {str(r.doc): r.date for r in st.query(
            "SELECT ?doc ?date WHERE { GRAPH ?doc { ?doc a ag:Document OPTIONAL { ?doc dcterms:date ?date } } }")}
    [dated] = read_file(DATED)[0]
    assert str(dates[dated.iri]) == dated.date == "2019-12-30"
    assert sorted(v is None for v in dates.values()) == [False, False, True]


def test_a_run_that_stores_nothing_leaves_the_store_as_it_was(folder, tmp_path):
    path = tmp_path / "store"
    pipeline.ingest([folder], path, jobs=1)
    with pipeline.open_store(path, read_only=True) as st:
        first = nquads(st)
    report = pipeline.ingest([folder], path, jobs=1)
    assert report.unchanged == 3
    with pipeline.open_store(path, read_only=True) as st:
        second = nquads(st)
        [run] = runs(st)
    assert second == first and run["documents"] == 3
    # two stores built from the same files differ only in their logs
    other = tmp_path / "other"
    pipeline.ingest([folder], other, jobs=1)
    with pipeline.open_store(other, read_only=True) as st:
        assert without_log(nquads(st)) == without_log(first)


def test_an_interrupted_run_has_no_end_but_dates_what_it_stored(folder, tmp_path):
    path = tmp_path / "store"

    class Stop(Exception):
        pass

    def progress(done, total, source):
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        pipeline.ingest([folder], path, jobs=1, batch_size=1, progress=progress)
    with pipeline.open_store(path, read_only=True) as st:
        [run] = runs(st)
        stored = st.stats()["documents"]
    assert run["ended"] is None and run["documents"] == stored == 2
    pipeline.ingest([folder], path, jobs=1)
    with pipeline.open_store(path, read_only=True) as st:
        resumed, interrupted = runs(st)
    assert interrupted == run and resumed["documents"] == 1 and resumed["ended"]


def test_a_forced_run_logs_the_documents_again(folder, tmp_path):
    path = tmp_path / "store"
    pipeline.ingest([folder], path, jobs=1)
    pipeline.ingest([folder], path, jobs=1, force=True)
    with pipeline.open_store(path, read_only=True) as st:
        assert [r["documents"] for r in runs(st)] == [3, 3]
        agents = {str(r.agent) for r in st.query(
            f"SELECT ?agent WHERE {{ GRAPH {LOG} {{ ?run prov:wasAssociatedWith ?agent }} }}")}
    assert len(agents) == 1 and "/id/extractor/actorgraph-rules/" in agents.pop()
