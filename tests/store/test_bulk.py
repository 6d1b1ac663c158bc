"""The embedded store's bulk path (graph.store.bulk): the same store as one transaction per
document, with nasty literals; all or nothing when it fails or is killed."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import StoreError
from graph.model import Actor, Document, Evidence, Statement
from graph.store import bulk
from graph.store.named import named_queries, run_named
from graph.store.oxigraph import OxigraphStore
from graph.store.terms import to_ox
from graph.vocab import ID

from .conftest import CORPUS, HOUTHIS, IRAN, IRGC, KH, ODD, US, stored_quads

NASTY = ['He said "stop" \\ now', 'line\nbreak\r\nand\ttab', 'a """ triple quote """ and "" two',
         "braces } { ; DROP ALL # . ^^ @en <x> _:b", "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f controls",
         "non-BMP 😀 𝄞 Ω é \u2028 \ufeff \u0085", "back\\slash\\\\\\\"", 'ends with backslash \\', ""]


def test_nquads_text_is_what_pyoxigraph_writes():
    nq = bulk.NQuads()
    terms = [URIRef("https://w3id.org/actorgraph/id/actor/é😀"), URIRef("http://example.org/a#b?c=d"),
             Literal("x", lang="EN-gb"), Literal("0.8", datatype=XSD.decimal), Literal("s", datatype=XSD.string),
             Literal("2020-01-01", datatype=XSD.date), Literal("x", datatype=URIRef("http://example.org/dt")),
             BNode("b1"), *(Literal(s) for s in NASTY), *(Literal(s, lang="fr") for s in NASTY)]
    for t in terms:
        assert nq.term(t) == str(to_ox(t)), t
    for bad in (URIRef("not an iri"), URIRef("http://example.org/a b"), Literal("x", lang="abcdefghijk")):
        with pytest.raises(ValueError):
            nq.term(bad)
    with pytest.raises(ValueError):
        to_ox(URIRef("http://example.org/a b"))          # the transactional path refuses it too


def nasty_corpus() -> list[tuple[Document, list[Statement]]]:
    odd = Actor(str(ID["actor/nasty"]), NASTY[0], "ArmedGroup", (NASTY[0], NASTY[3], NASTY[5], NASTY[2]), minted=True)
    out = []
    for i, text in enumerate(NASTY):
        sentences = [f"{text} {i}", f"second {i}: {NASTY[(i + 1) % len(NASTY)]}"]
        doc = Document(id=f"nasty-{i}.txt", text=" ".join(sentences), title=NASTY[(i + 2) % len(NASTY)],
                       date="2021-05-0" + str(1 + i % 9), source=f"n/{NASTY[(i + 4) % len(NASTY)]}-{i}",
                       key=f"n/{NASTY[(i + 4) % len(NASTY)]}-{i}")
        plan = [(odd, "backedBy", IRAN), (KH, "attacks", odd if i % 2 else US)]
        sts, pos = [], 0
        for j, ((s, rel, o), sent) in enumerate(zip(plan, sentences)):
            sts.append(Statement(s, rel, o, doc.id, doc.iri, Evidence(sent, pos, pos + len(sent)),
                                 confidence=0.3 + 0.1 * j, negated=(i + j) % 3 == 0, date=doc.date,
                                 extractor=f'ex "{NASTY[1]}"', extractor_version=NASTY[3]))
            pos += len(sent) + 1
        out.append((doc, sts))
    return out


def answers(path: Path) -> list:
    with OxigraphStore(path, read_only=True) as st:
        out = [st.stats(), sorted(st.documents(), key=lambda d: d["iri"]),
               st.actors(), st.actors(search='"odd"'), st.actors(search="}"),
               sorted(st.evidence(), key=lambda e: e["statement"])]
        given = {"actor": "<" + KH.iri + ">", "type": "ArmedGroup", "relation": "backedBy", "date": "2021",
                 "int": "50", "text": "odd"}
        for name, q in named_queries().items():           # every named query, whatever they are
            values = {p.name: given[p.type] for p in q.params if p.name != "limit"}
            out.append((name, sorted(map(str, run_named(st, name, values)))))
    return out


def one_by_one(path: Path, items) -> None:
    with OxigraphStore(path) as st:
        for doc, sts in items:
            st.put_document(doc, sts)
        st.flush()


@pytest.mark.parametrize("pipe", [True, False], ids=["pipe", "spooled"])
def test_bulk_equals_one_transaction_per_document(empty_store, tmp_path, monkeypatch, pipe):
    items = nasty_corpus() + list(CORPUS)
    # the same text under a second source, and a second text under a source already used:
    # written after the load, as put_document would have it
    doc0, sts0 = items[0]
    items.append((Document(id="copy", text=doc0.text, title="copy", date="2022-01-01", source="copy/a",
                           key="copy/a"), [s for s in sts0]))
    moved = Document(id="moved", text="another text", title="moved", date="2022-02-02",
                     source=items[1][0].source, key=items[1][0].key)
    items.append((moved, [Statement(US, "condemns", HOUTHIS, moved.id, moved.iri,
                                    Evidence("another text", 0, 12), extractor="t", extractor_version="1")]))
    reference = tmp_path / "ref"
    one_by_one(reference, items)
    if not pipe:
        monkeypatch.setattr(bulk.os.path, "isdir", lambda p: False if p == "/dev/fd" else os.path.isdir(p))
    with OxigraphStore(empty_store) as st:
        assert st.put_documents(iter(items)) == len(items)
        assert not bulk.interrupted(empty_store)
    want = stored_quads(reference)
    assert any('\\"\\"\\" triple quote' in q for q in want) and any("\\u0000" in q for q in want)
    assert stored_quads(empty_store) == want
    assert answers(empty_store) == answers(reference)


def test_into_a_store_with_documents_it_is_put_document(corpus_store, tmp_path):
    items = nasty_corpus()
    reference = tmp_path / "ref"
    one_by_one(reference, list(CORPUS) + items)
    with OxigraphStore(corpus_store) as st:
        assert st.put_documents(items) == len(items)
    assert stored_quads(corpus_store) == stored_quads(reference)


def failing(items, exc: BaseException):
    yield from items
    raise exc


@pytest.mark.parametrize("problem", ["surrogate", "generator", "statement"])
def test_a_failure_leaves_the_store_as_it_was(empty_store, problem, monkeypatch):
    before = stored_quads(empty_store)
    monkeypatch.setattr(bulk, "CHUNK_BYTES", 1)         # each document reaches the loader at once
    items = nasty_corpus()
    if problem == "surrogate":
        doc, sts = items[-1]
        items[-1] = (Document(id=doc.id, text=doc.text, title="lone \ud800 surrogate", source="s", key="s"), sts)
        with OxigraphStore(empty_store) as st, pytest.raises(ValueError, match="surrogate"):
            st.put_documents(items)
        with OxigraphStore(empty_store) as st, pytest.raises(ValueError):   # the transactional path too
            st.put_document(*items[-1])
    elif problem == "generator":
        with OxigraphStore(empty_store) as st, pytest.raises(KeyboardInterrupt):
            st.put_documents(failing(items, KeyboardInterrupt()))
    else:
        doc, sts = items[-1]
        bad = Statement(US, "noSuchRelation", IRAN, doc.id, doc.iri, Evidence("x", 0, 1))
        with OxigraphStore(empty_store) as st, pytest.raises(KeyError):
            st.put_documents(items[:-1] + [(doc, sts + [bad])])
    assert not bulk.interrupted(empty_store)
    assert stored_quads(empty_store) == before


def test_an_interrupted_load_is_refused_read_only_and_undone_for_writing(empty_store):
    before = stored_quads(empty_store)
    with OxigraphStore(empty_store) as st:
        bulk.begin(st._ox, empty_store)                   # as a killed load leaves it
        bulk.load_documents(st._ox, empty_store, nasty_corpus()[:4], lambda d, s: None)
    (empty_store / "bulk-123456789.sst").write_bytes(b"a file of a killed loader")
    with pytest.raises(StoreError, match="bulk load"):
        OxigraphStore(empty_store, read_only=True)
    OxigraphStore(empty_store).close()
    assert not bulk.interrupted(empty_store) and not (empty_store / "bulk-123456789.sst").exists()
    assert stored_quads(empty_store) == before


WORKER = Path(__file__).resolve().parent / "ingest_worker.py"


POOL = {"IRAN": IRAN, "IRGC": IRGC, "KH": KH, "US": US, "HOUTHIS": HOUTHIS, "ODD": ODD}


class LineExtractor:
    """Each line 'S REL O.' of a generated document (ingest_worker.py make) is a statement."""

    def extract_many(self, docs):
        for doc in docs:
            out, pos = [], 0
            for line in doc.text.split("\n"):
                words = line.rstrip(".").split()
                neg = words[:1] == ["not"]
                words = words[1:] if neg else words
                if len(words) == 3 and words[0] in POOL and words[2] in POOL:
                    out.append(Statement(POOL[words[0]], words[1], POOL[words[2]], doc.id, doc.iri,
                                         Evidence(line, pos, pos + len(line)), confidence=0.7, negated=neg,
                                         date=doc.date, extractor="lines", extractor_version="1"))
                pos += len(line) + 1
            yield doc, out


def ingest(folder: Path, store: Path, *, stall: bool = False) -> subprocess.Popen:
    """``pipeline.ingest`` in a child process, bulk-loading; ``stall``: once the loader has
    written everything, it says so and waits (to be killed) instead of compacting."""
    code = ("import sys, time; sys.path[:0] = sys.argv[3:5]\n"
            "from ingest_worker import LineExtractor\nfrom graph import pipeline\n"
            "from graph.store.oxigraph import OxigraphStore\n"
            "if sys.argv[5] == 'stall':\n"
            "    OxigraphStore.optimize = lambda self: (print('loaded', flush=True), time.sleep(600))\n"
            "r = pipeline.ingest([sys.argv[1]], sys.argv[2], extractor=LineExtractor(), bulk_threshold=100)\n"
            "print(r.documents, r.statements)")
    root = str(Path(__file__).resolve().parents[2])
    return subprocess.Popen([sys.executable, "-c", code, str(folder), str(store), str(WORKER.parent), root,
                             "stall" if stall else "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def marker_window(proc: subprocess.Popen, store: Path) -> float:
    """Seconds from the moment the marker appears to now, once it is gone or the process ended."""
    while proc.poll() is None and not bulk.interrupted(store):
        time.sleep(0.002)
    t0 = time.monotonic()
    while proc.poll() is None and bulk.interrupted(store):
        time.sleep(0.002)
    return time.monotonic() - t0


def test_kill_9_during_a_bulk_ingest_then_rerun_equals_a_clean_run(tmp_path):
    folder = tmp_path / "docs"
    subprocess.run([sys.executable, str(WORKER), "make", str(folder), "1500"], check=True)
    clean, pristine = tmp_path / "clean", tmp_path / "pristine"
    OxigraphStore(pristine).close()
    proc = ingest(folder, clean)
    window = marker_window(proc, clean)
    counts, err = proc.communicate(timeout=600)
    assert proc.returncode == 0 and int(counts.split()[0]) > 1400, err
    assert not bulk.interrupted(clean) and window > 0
    expected, before = stored_quads(clean), stored_quads(pristine)
    rng = random.Random(int(os.environ.get("KILL_SEED", "5")))
    killed = 0
    for r in range(6):
        store = tmp_path / f"killed-{r}"
        victim = ingest(folder, store, stall=r == 0)
        if r == 0:                                        # everything loaded, not yet compacted
            assert victim.stdout.readline() == "loaded\n"
        else:                                             # at a random moment of the load
            while victim.poll() is None and not bulk.interrupted(store):
                time.sleep(0.002)
            time.sleep(rng.uniform(0.05, 0.95) * window)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=60)
        interrupted = bulk.interrupted(store)
        if interrupted:
            killed += 1
            with pytest.raises(StoreError, match="bulk load"):
                OxigraphStore(store, read_only=True)
            OxigraphStore(store).close()                  # opened for writing: as before the load
            assert not bulk.interrupted(store) and stored_quads(store) == before, f"round {r}"
            assert not list(store.glob("bulk-*.sst"))     # no file of the killed loader left
        else:
            assert r > 0
        again = ingest(folder, store)
        out, err = again.communicate(timeout=600)
        # killed after the load was complete (writing the ingest log, flushing): the re-run
        # finds every document stored and extracts none
        assert again.returncode == 0 and (out == counts or (not interrupted and out.split()[1] == "0")), err
        assert stored_quads(store) == expected, f"round {r}"
        if killed >= 3:
            break


def test_ingest_bulk_loads_a_first_large_ingest_into_an_empty_store_only(tmp_path, monkeypatch):
    from graph import pipeline

    folder = tmp_path / "docs"
    subprocess.run([sys.executable, str(WORKER), "make", str(folder), "300"], check=True)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00 not text")
    (folder / "copy.txt").write_bytes((folder / "0007.txt").read_bytes())     # one text, two sources
    loads: list[Path] = []
    begin = bulk.begin
    monkeypatch.setattr(bulk, "begin", lambda store, path: (loads.append(path), begin(store, path))[1])
    reports = {}
    for name, threshold in (("bulk", 100), ("transactions", None), ("small", 1000)):
        reports[name] = pipeline.ingest([folder], tmp_path / name, extractor=LineExtractor(),
                                        bulk_threshold=threshold)
    assert loads == [tmp_path / "bulk"]
    assert reports["bulk"] == reports["transactions"] == reports["small"]
    assert reports["bulk"].documents == 300 and reports["bulk"].duplicates == 1
    assert stored_quads(tmp_path / "bulk") == stored_quads(tmp_path / "transactions") == stored_quads(tmp_path / "small")
    subprocess.run([sys.executable, str(WORKER), "make", str(tmp_path / "more"), "150"], check=True)
    again = pipeline.ingest([folder, tmp_path / "more"], tmp_path / "bulk", extractor=LineExtractor(),
                            bulk_threshold=1)
    assert loads == [tmp_path / "bulk"]                  # a store with documents: a transaction each
    assert again.unchanged == reports["bulk"].documents


def test_cli_ingest_bulk_loads_only_when_asked(tmp_path, monkeypatch):
    """`actorgraph ingest` writes a transaction per document (an interrupted ingest resumes);
    `--bulk` takes the bulk loader for a first large ingest."""
    from click.testing import CliRunner

    from graph.cli import main
    from graph.pipeline import _documents

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"Report {i}\n\nIran backs Kataib Hezbollah, officials said on day {i}.\n")
    monkeypatch.setattr(_documents, "BULK_THRESHOLD", 3)
    loads: list[Path] = []
    begin = bulk.begin
    monkeypatch.setattr(bulk, "begin", lambda store, path: (loads.append(path), begin(store, path))[1])
    runner = CliRunner()
    plain = runner.invoke(main, ["--store", str(tmp_path / "plain"), "ingest", "-j", "1", str(folder)])
    assert plain.exit_code == 0, plain.output
    assert loads == []
    fast = runner.invoke(main, ["--store", str(tmp_path / "fast"), "ingest", "--bulk", "-j", "1", str(folder)])
    assert fast.exit_code == 0, fast.output
    assert loads == [tmp_path / "fast"]
    assert stored_quads(tmp_path / "fast") == stored_quads(tmp_path / "plain")
