"""Small stores built from hand-made statements (no spaCy): fast and exact."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from graph.model import Actor, Document, Evidence, Statement
from graph.rdf.ingest_log import without_log
from graph.store.oxigraph import OxigraphStore
from graph.vocab import ACTOR, ID

IRAN = Actor(str(ACTOR["Iran"]), "Iran", "State")
IRGC = Actor(str(ACTOR["IRGC"]), "IRGC", "ArmedForce")
KH = Actor(str(ACTOR["KataibHezbollah"]), "Kataib Hezbollah", "ArmedGroup")
US = Actor(str(ACTOR["UnitedStates"]), "United States", "State")
HOUTHIS = Actor(str(ACTOR["Houthis"]), "Houthis", "ArmedGroup")
# a minted actor whose name holds SPARQL syntax
ODD = Actor(str(ID["actor/odd"]), 'The "Odd" } ; DROP ALL # Front', "ArmedGroup",
            ('The "Odd" } ; DROP ALL # Front',), minted=True)



def stored_quads(path: Path) -> set[str]:
    """A store's N-Quads lines without its ingest log (when each run happened is not content):
    what two stores built from the same input must share."""
    with OxigraphStore(path, read_only=True) as st:
        buf = io.BytesIO()
        st.export(buf, "nquads")
    return set(without_log(line for line in buf.getvalue().decode().splitlines() if line.strip()))

def document(source: str, date: str, plan: list[tuple[Actor, str, Actor]], *, negated: set[int] = frozenset(),
             title: str | None = None, text_name: str | None = None) -> tuple[Document, list[Statement]]:
    """A document whose sentence i states plan[i] (negated when i in ``negated``); its text
    names ``text_name`` (default: the source), so two sources can share one text."""
    name = text_name or source
    sentences = [f"Sentence {i} of {name}: {s.label} {rel} {o.label}." for i, (s, rel, o) in enumerate(plan)]
    doc = Document(id=Path(source).name, text=" ".join(sentences), title=title or f"Report {source}",
                   date=date, source=source, key=source)
    out, pos = [], 0
    for i, ((s, rel, o), sent) in enumerate(zip(plan, sentences)):
        out.append(Statement(s, rel, o, doc.id, doc.iri, Evidence(sent, pos, pos + len(sent)),
                             confidence=0.8, negated=i in negated, date=date, extractor="test",
                             extractor_version="1"))
        pos += len(sent) + 1
    return doc, out


CORPUS = [
    document("n/2020-a.txt", "2020-03-01", [(KH, "backedBy", IRGC), (IRGC, "partOf", IRAN),
                                            (US, "attacks", KH), (US, "sanctions", IRAN)]),
    document("n/2021-b.txt", "2021-06-01", [(US, "attacks", KH), (KH, "attacks", US), (KH, "alliedWith", HOUTHIS),
                                            (HOUTHIS, "backedBy", IRAN)], negated={1}),
    document("n/2024-c.txt", "2024-01-15", [(US, "attacks", HOUTHIS), (ODD, "alliedWith", KH),
                                            (US, "condemns", IRAN)]),
]


@pytest.fixture(scope="session")
def empty_store_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "store"
    OxigraphStore(path).close()
    return path


@pytest.fixture
def empty_store(tmp_path, empty_store_template) -> Path:
    shutil.copytree(empty_store_template, tmp_path / "store")
    return tmp_path / "store"


@pytest.fixture(scope="session")
def corpus_store_template(tmp_path_factory, empty_store_template) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "store"
    shutil.copytree(empty_store_template, path)
    with OxigraphStore(path) as st:
        for doc, statements in CORPUS:
            st.put_document(doc, statements)
    return path


@pytest.fixture
def corpus_store(tmp_path, corpus_store_template) -> Path:
    shutil.copytree(corpus_store_template, tmp_path / "cstore")
    return tmp_path / "cstore"


# ----------------------------------------------------------------------------- real servers, the sample corpus

try:
    from .servers import start_oxigraph, start_virtuoso
except ImportError:     # imported as a plain module (tests/store/ingest_worker.py)
    from servers import start_oxigraph, start_virtuoso  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """An Oxigraph server on 127.0.0.1 (one per test module); skipped when not installed."""
    try:
        srv = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with srv:
        yield srv


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    """Virtuoso open source on 127.0.0.1 (one per test module); skipped when not installed."""
    try:
        srv = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with srv:
        yield srv


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A store holding examples/corpus, ingested once per session; copy it before writing."""
    from graph import pipeline

    path = tmp_path_factory.mktemp("sample") / "store"
    report = pipeline.ingest([SAMPLE_CORPUS], str(path))
    assert report.documents >= 12 and not report.failures
    return path


@pytest.fixture
def sample_copy(sample_store, tmp_path) -> Path:
    """A private copy of the sample-corpus store (for tests that write)."""
    dest = tmp_path / "sample-store"
    shutil.copytree(sample_store, dest)
    return dest
