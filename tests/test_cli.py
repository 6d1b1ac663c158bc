"""The ``actorgraph`` command line, end to end through click's CliRunner.

The sample corpus is ingested ONCE per module (spaCy and the store cost a few
seconds) and the read-only commands share that store; commands that write get
a store of their own under ``tmp_path``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph, URIRef

from graph import __version__
from graph.cli import main
from graph.io.documents import SUPPORTED_SUFFIXES, read_file
from graph.rdf.ingest_log import without_log
from graph.vocab import ACTOR, AG, relations

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
VENV_BIN = REPO / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
SEEDS = SHARED / "corpus" / "seeds"

CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in SUPPORTED_SUFFIXES)
ONE_FILE = CORPUS / "02-2019-12-us-strikes-kataib-hezbollah.txt"   # has a denied (negated) relation
RECORD_KEYS = {"doc", "subject", "predicate", "object", "subject_labels", "object_labels", "subject_iri",
               "object_iri", "broader", "negated", "confidence", "evidence"}
SUMMARY = re.compile(r"^([\d,]+) documents \(([\d,]+) already stored, [\d,]+ duplicates\), ([\d,]+) statements, "
                     r"([\d,]+) actors \([\d,]+ new\), [\d,]+ undated, ([\d,]+) failed; store (.+)$", re.M)
BACKED_BY = "SELECT ?client ?patron WHERE { ?client ag:backedBy ?patron }"

# Our own sentences (not from any real article) for the bad-input directory.
GOOD_TEXT = ("Title: Test article\nDate: 2024-02-03\n\n"
             "Kataib Hezbollah is an Iran-backed militia in Iraq. "
             "Iran armed and trained Kataib Hezbollah for years.\n")
GOOD_JSONL_LINE = json.dumps({"id": "jsonl-good", "date": "2024-02-04",
                              "text": "Tehran praised Kataib Hezbollah for its loyalty."})


def make_runner(**kwargs) -> CliRunner:
    """A runner that keeps stderr apart (click < 8.2 needs mix_stderr=False; later always does)."""
    try:
        return CliRunner(mix_stderr=False, **kwargs)
    except TypeError:
        return CliRunner(**kwargs)


# Rich wraps console output to the terminal width (80 columns when not a terminal);
# a wide COLUMNS keeps each message on one line here. The 80-column behaviour is
# tested on its own below (test_error_lines_are_not_wrapped_at_80_columns).
RUNNER = make_runner(env={"COLUMNS": "1000"})


def cli(*args, store: Path | None = None, runner: CliRunner = RUNNER):
    argv = (["--store", str(store)] if store is not None else []) + [str(a) for a in args]
    return runner.invoke(main, argv)


def ok(result) -> str:
    """stdout of a successful run (the assertion message shows what went wrong)."""
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    return result.stdout


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def assert_one_line_error(result, *needles: str) -> str:
    """A failure the user can act on: exit != 0, no exception, ONE stderr line naming the problem."""
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("actorgraph:"), lines
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def summary(stdout: str) -> dict:
    m = SUMMARY.search(stdout)
    assert m, stdout
    keys = ("documents", "unchanged", "statements", "actors", "failures")
    return {**dict(zip(keys, (int(g.replace(",", "")) for g in m.groups()[:5]))), "store": m.group(6)}


def sparql_json_rows(text: str) -> list[dict]:
    """The rows of SPARQL results JSON as {variable: value text}."""
    data = json.loads(text)
    assert data["head"]["vars"] is not None
    xsd = "http://www.w3.org/2001/XMLSchema#"
    typed = {xsd + "boolean": lambda v: v == "true", xsd + "integer": int, xsd + "decimal": float}
    return [{k: typed.get(v.get("datatype"), str)(v["value"]) for k, v in b.items()}
            for b in data["results"]["bindings"]]


def query_json(store: Path, sparql: str, *binds: str) -> list[dict]:
    args = ["query", sparql, "--format", "json"]
    for b in binds:
        args += ["--bind", b]
    return sparql_json_rows(ok(cli(*args, store=store)))


def nquads(store: Path, *, with_log: bool = False) -> list[str]:
    """The store's quads, sorted, without the ingest log (when each run happened is not content) unless asked."""
    lines = [line for line in ok(cli("export", "--format", "nquads", store=store)).splitlines() if line]
    return sorted(lines if with_log else without_log(lines))


def corpus_documents() -> dict:
    """Document IRI → Document, read from the corpus files with graph.io.documents.read_file."""
    docs = {}
    for path in CORPUS_FILES:
        found, failures = read_file(path)
        assert not failures
        docs.update({d.iri: d for d in found})
    return docs


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """(store path, result of `actorgraph ingest examples/corpus`), run once for the module."""
    path = tmp_path_factory.mktemp("cli") / "store"
    return path, cli("ingest", CORPUS, store=path)


@pytest.fixture(scope="module")
def store(ingested) -> Path:
    path, result = ingested
    ok(result)
    return path


@pytest.fixture(scope="module")
def stats(store) -> dict:
    return json.loads(ok(cli("stats", "--json", store=store)))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """`actorgraph extract examples/corpus --format jsonl`, parsed."""
    out = ok(cli("extract", CORPUS, "--format", "jsonl"))
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def bad_dir(tmp_path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    (d / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00\x00\x08\x00binary\x00junk")
    (d / "latin1.txt").write_bytes("Le Hezbollah a condamné l'Iran.".encode("latin-1"))
    (d / "mixed.jsonl").write_text(GOOD_JSONL_LINE + "\n{not json at all\n", encoding="utf-8")
    return d


BAD_FILES = ("empty.txt", "binary.txt", "latin1.txt", "mixed.jsonl")


# --------------------------------------------------------------------------- ingest


def test_ingest_prints_a_summary_that_matches_the_store(ingested, stats):
    path, result = ingested
    s = summary(ok(result))
    assert s["documents"] == len(CORPUS_FILES) == 12
    assert s["unchanged"] == 0 and s["failures"] == 0
    assert s["statements"] > 0 and s["actors"] > 0
    assert Path(s["store"]).resolve() == path.resolve()
    assert stderr_lines(result) == []           # no failures, no progress bar when not on a terminal
    assert stats["documents"] == s["documents"]
    assert stats["statements"] == s["statements"]
    assert stats["actors"] == s["actors"]


def test_reingest_reports_all_unchanged_and_changes_no_quad(store):
    before = nquads(store)
    s = summary(ok(cli("ingest", CORPUS, store=store)))
    assert (s["documents"], s["unchanged"], s["statements"], s["failures"]) == (12, 12, 0, 0)
    assert nquads(store) == before


# --------------------------------------------------------------------------- extract


def test_extract_jsonl_records_have_the_scorer_fields(records):
    names = set(relations())
    doc_ids = {p.name for p in CORPUS_FILES if p.suffix != ".jsonl"}
    assert records
    for rec in records:
        assert RECORD_KEYS <= rec.keys(), rec
        assert rec["predicate"] in names
        assert set(rec["broader"]) <= names
        assert isinstance(rec["negated"], bool)
        assert 0 < rec["confidence"] <= 1
        assert rec["subject"] in rec["subject_labels"] and rec["object"] in rec["object_labels"]
        assert rec["subject_iri"].startswith("http") and rec["object_iri"].startswith("http")
        assert rec["evidence"].strip()
    # every .txt/.html file of the corpus yields statements under its file name
    assert doc_ids <= {rec["doc"] for rec in records}
    assert any(rec["negated"] for rec in records)


def test_extract_prints_exactly_what_ingest_stores(records, store):
    rows = query_json(store, """
        SELECT ?s ?p ?o ?negated ?sentence WHERE {
          ?st a ag:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ag:negated ?negated ;
              prov:wasDerivedFrom ?ev . ?ev ag:sentence ?sentence . }""")
    stored = {(r["s"], r["p"].rsplit("#", 1)[1], r["o"], r["negated"], r["sentence"]) for r in rows}
    printed = {(r["subject_iri"], r["predicate"], r["object_iri"], r["negated"], r["evidence"]) for r in records}
    assert stored == printed


def test_extract_table_and_no_negated(records):
    mine = [r for r in records if r["doc"] == ONE_FILE.name]
    assert any(r["negated"] for r in mine)
    out = ok(cli("extract", ONE_FILE, "--format", "table"))
    assert "relation" in out and "evidence" in out
    for r in mine:
        assert r["subject"] in out and r["object"] in out
        assert ("not " + r["predicate"] if r["negated"] else r["predicate"]) in out
    out = ok(cli("extract", ONE_FILE, "--format", "table", "--no-negated"))
    assert "not " + next(r["predicate"] for r in mine if r["negated"]) not in out
    lines = ok(cli("extract", ONE_FILE, "--no-negated")).splitlines()
    assert len(lines) == sum(not r["negated"] for r in mine)


def test_extract_output_file(records, tmp_path):
    target = tmp_path / "new" / "dir" / "out.jsonl"
    result = cli("extract", ONE_FILE, "-o", target)
    assert ok(result) == ""
    written = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert written == [r for r in records if r["doc"] == ONE_FILE.name]
    assert not [p for p in target.parent.iterdir() if p != target]   # no temporary file left


# --------------------------------------------------------------------------- query


def test_query_inline_table_csv_json(store):
    result = cli("query", BACKED_BY, store=store)
    out = ok(result)
    m = re.search(r"(\d+) rows", result.stderr)
    assert m and int(m.group(1)) > 0
    assert "client" in out and "patron" in out

    rows = list(csv.reader(io.StringIO(ok(cli("query", BACKED_BY, "--format", "csv", store=store)))))
    assert rows[0] == ["client", "patron"]
    assert len(rows) - 1 == int(m.group(1))
    assert all(c.startswith("https://") and p.startswith("https://") for c, p in rows[1:])

    as_json = query_json(store, BACKED_BY)
    assert {(r["client"], r["patron"]) for r in as_json} == {tuple(r) for r in rows[1:]}
    # some of them come from the documents, not only from the curated background facts
    from_docs = query_json(store, "SELECT ?client ?patron WHERE { GRAPH ?g { ?client ag:backedBy ?patron . "
                                  "?g a ag:Document } }")
    assert from_docs
    assert {(r["client"], r["patron"]) for r in from_docs} <= {(r["client"], r["patron"]) for r in as_json}


def test_query_file_with_bindings(store, tmp_path):
    rq = tmp_path / "clients.rq"
    rq.write_text(f"# clients of one patron\n{BACKED_BY}\n", encoding="utf-8")
    iran = str(ACTOR["Iran"])
    expected = {r["client"] for r in query_json(store, BACKED_BY) if r["patron"] == iran}
    assert expected
    for value in (f"<{iran}>", iran, "actor:Iran"):
        rows = sparql_json_rows(ok(cli("query", "-f", rq, "--bind", f"patron={value}", "--format", "json",
                                       store=store)))
        assert {r["patron"] for r in rows} == {iran}
        assert {r["client"] for r in rows} == expected
    # a plain value binds a literal
    doc = next(d for d in corpus_documents().values() if d.id == ONE_FILE.name)
    rows = query_json(store, "SELECT ?doc ?id WHERE { ?doc a ag:Document ; dcterms:identifier ?id }",
                      f"id={ONE_FILE.name}")
    assert rows == [{"doc": doc.iri, "id": ONE_FILE.name}]


def test_query_errors_are_one_line(store, tmp_path):
    assert_one_line_error(cli("query", "SELEC ?x WHERE { ?x ?y }", store=store), "query failed")
    rq = tmp_path / "broken.rq"
    rq.write_text("SELECT ?x WHERE { ?x ag:backedBy ", encoding="utf-8")
    assert_one_line_error(cli("query", "-f", rq, store=store), str(rq))
    # neither a query nor a file, or both
    assert_one_line_error(cli("query", store=store))
    assert_one_line_error(cli("query", BACKED_BY, "-f", rq, store=store))
    # a bound variable that is not selected (an Oxigraph rule) is a query error, not a traceback
    assert_one_line_error(cli("query", "SELECT ?client WHERE { ?client ag:backedBy ?patron }",
                              "--bind", f"patron={ACTOR['Iran']}", store=store), "patron")
    result = cli("query", BACKED_BY, "--bind", "no-equals-sign", store=store)
    assert result.exit_code == 2 and "NAME=VALUE" in result.stderr


# --------------------------------------------------------------------------- actors, stats


def test_actors_lists_the_most_mentioned_first(store, stats):
    out = ok(cli("actors", "--limit", "5", store=store))
    assert "United States" in out and "label" in out
    rows = json.loads(ok(cli("actors", "--format", "json", "--limit", "1000", store=store)))
    assert len(rows) == stats["actors"]
    assert {"label", "type", "statements", "minted", "iri"} <= rows[0].keys()
    counts = [r["statements"] for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[-1] > 0
    assert sum(r["minted"] for r in rows) == stats["minted"]


def test_actors_search(store):
    def search(text: str) -> set[str]:
        return {r["iri"] for r in json.loads(ok(cli("actors", "--search", text, "--format", "json",
                                                    "--limit", "1000", store=store)))}

    found = search("HEZBOLLAH")
    assert {str(ACTOR["KataibHezbollah"]), str(ACTOR["Hezbollah"])} <= found
    assert str(ACTOR["KataibHezbollah"]) in search("kata'ib")          # an alternative label with '
    assert search('Iran" } UNION { ?actor ?p ?o } #') == set()          # quotes and braces are only text
    assert search("}") == set() and search('"') == set()
    assert "label" in ok(cli("actors", "--search", '"}', store=store))


def test_stats_table_and_json(store, stats):
    out = ok(cli("stats", store=store))
    assert re.search(r"documents\s*│\s*12\b", out), out
    assert {"documents", "statements", "negated", "direct", "actors", "minted", "quads", "relations"} <= stats.keys()
    assert stats["documents"] == 12
    assert set(stats["relations"]) == set(relations())
    assert sum(stats["relations"].values()) == stats["statements"] > stats["negated"] > 0


# --------------------------------------------------------------------------- export


def test_export_turtle_parses_with_rdflib_and_pyoxigraph(store, tmp_path):
    result = cli("export", store=store)
    data = result.stdout_bytes
    assert result.exit_code == 0, result.stderr
    g = Graph().parse(data=data.decode("utf-8"), format="turtle")
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(g) == len(set(triples)) > 1000
    assert len(set(g.subjects(RDF.type, AG.Document))) == 12
    assert len(set(g.subjects(RDF.type, AG.Statement))) > 0

    target = tmp_path / "out.ttl"
    assert ok(cli("export", "-o", target, store=store)) == ""
    assert target.read_bytes() == data


@pytest.mark.filterwarnings("ignore::DeprecationWarning")   # rdflib's TriG parser uses ConjunctiveGraph
def test_export_nquads_trig_jsonld_keep_the_document_graphs(store, stats):
    docs = set(corpus_documents())
    quads = nquads(store, with_log=True)
    assert all(line.endswith(" .") for line in quads)
    parsed = list(ox.parse("\n".join(quads).encode(), format=ox.RdfFormat.N_QUADS))
    named = [q for q in parsed if isinstance(q.graph_name, ox.NamedNode)]
    assert len(parsed) == len(quads) and len(named) == stats["quads"]
    assert docs <= {q.graph_name.value for q in named}
    # the default graph is the merge of the document graphs, each triple once
    default = [q.triple for q in parsed if isinstance(q.graph_name, ox.DefaultGraph)]
    assert len(default) == len(set(default))
    assert set(default) == {q.triple for q in named if q.graph_name.value in docs}

    trig = ok(cli("export", "--format", "trig", store=store))
    ds = Dataset().parse(data=trig, format="trig")
    assert docs <= {str(c.identifier) for c in ds.graphs()}
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(quads)

    jsonld = json.loads(ok(cli("export", "--format", "jsonld", store=store)))
    ids = {item.get("@id") for item in (jsonld if isinstance(jsonld, list) else jsonld["@graph"])}
    assert docs <= ids


def test_export_output_into_a_new_directory(store, tmp_path):
    target = tmp_path / "new" / "out.ttl"
    result = cli("export", "-o", target, store=store)
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert target.is_file()
    turtle = Graph().parse(target, format="turtle")
    assert (None, AG.backedBy, None) in turtle


# --------------------------------------------------------------------------- analyze, render, run


def test_analyze_text_and_json(store, stats):
    out = ok(cli("analyze", store=store))
    assert "Blocs" in out and "Most connected" in out
    data = json.loads(ok(cli("analyze", "--json", "--top", "3", store=store)))
    assert {"blocs", "most_connected", "brokers", "chains", "periods", "nodes", "edges"} <= data.keys()
    assert data["blocs"] and all(b["members"] for b in data["blocs"])
    assert 0 < len(data["most_connected"]) <= 3
    assert data["most_connected"][0]["label"] in out
    assert 0 < data["nodes"] <= stats["actors"]


def test_analyze_since_filters_by_date(store):
    full = json.loads(ok(cli("analyze", "--json", store=store)))
    since = json.loads(ok(cli("analyze", "--json", "--since", "2024", store=store)))
    assert 0 < since["nodes"] < full["nodes"] and 0 < since["edges"] < full["edges"]
    assert {p["period"] for p in full["periods"]} & {"2019", "2020"}
    assert since["periods"] and all(p["period"] >= "2024" for p in since["periods"])
    assert all(e["first_date"] >= "2024" for p in since["periods"] for e in p["new_edges"])
    until = json.loads(ok(cli("analyze", "--json", "--until", "2020", store=store)))
    assert until["periods"] and all(p["period"] <= "2020" for p in until["periods"])


def test_analyze_rejects_an_unknown_relation(store):
    assert_one_line_error(cli("analyze", "--relation", "befriends", store=store), "befriends")


def test_analyze_rejects_an_impossible_date(store):
    assert_one_line_error(cli("analyze", "--since", "2024-13", store=store), "2024-13")


REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


def test_render_writes_an_offline_html_page(store, tmp_path):
    target = tmp_path / "site" / "graph.html"
    result = cli("render", "-o", target, "--title", "CLI test graph", store=store)
    assert ok(result) == ""
    assert f"wrote {target}" in result.stderr
    html = target.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "CLI test graph" in html and "Kataib Hezbollah" in html
    live = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    assert not REMOTE.search(live)
    assert 'src="http' not in live


def test_run_ingests_analyzes_and_renders(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(ONE_FILE, tmp_path / "in")
    target = tmp_path / "graph.html"
    result = cli("run", tmp_path / "in", "-o", target, "--top", "3", store=tmp_path / "store")
    out = ok(result)
    s = summary(out)
    assert (s["documents"], s["unchanged"], s["failures"]) == (1, 0, 0) and s["statements"] > 0
    assert "Most connected" in out and "Blocs" in out
    assert target.is_file() and f"wrote {target}" in result.stderr
    again = cli("run", tmp_path / "in", "-o", target, store=tmp_path / "store")
    assert summary(ok(again))["unchanged"] == 1


# --------------------------------------------------------------------------- version, help


def test_version():
    assert ok(cli("--version")).strip() == f"actorgraph, version {__version__}"


def test_python_dash_m_graph_help():
    proc = subprocess.run([PYTHON, "-m", "graph", "--help"], capture_output=True, text=True, cwd=REPO,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: actorgraph")
    for name in main.commands:
        assert re.search(rf"^\s+{name}\s", proc.stdout, re.M), name
    assert set(main.commands) == {"ingest", "extract", "query", "actors", "stats", "export", "analyze",
                                  "render", "run", "report", "remove", "validate", "serve", "correct"}


# --------------------------------------------------------------------------- bad input


def test_ingest_reports_each_bad_file_and_keeps_the_good_ones(bad_dir, tmp_path):
    store = tmp_path / "store"
    result = cli("ingest", bad_dir, store=store)
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = stderr_lines(result)
    assert len(lines) == len(BAD_FILES), lines
    for name in BAD_FILES:
        mine = [line for line in lines if name in line]
        assert len(mine) == 1 and mine[0].startswith("actorgraph:"), (name, lines)
    assert any("mixed.jsonl:2" in line for line in lines)
    s = summary(result.stdout)
    assert (s["documents"], s["failures"]) == (2, len(BAD_FILES)) and s["statements"] > 0
    ids = {r["id"] for r in query_json(store, "SELECT ?d ?id WHERE { ?d a ag:Document ; dcterms:identifier ?id }")}
    assert ids == {"good.txt", "jsonl-good"}
    good = query_json(store, "SELECT ?id ?st WHERE { ?d dcterms:identifier ?id . "
                             "GRAPH ?d { ?st a ag:Statement } }", "id=good.txt")
    assert good


def test_extract_reports_each_bad_file_and_prints_the_good_ones(bad_dir):
    result = cli("extract", bad_dir)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = stderr_lines(result)
    assert len(lines) == len(BAD_FILES) and all(any(n in line for line in lines) for n in BAD_FILES)
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert "good.txt" in docs and not docs & set(BAD_FILES)


def test_error_lines_are_not_wrapped_at_80_columns(tmp_path):
    deep = tmp_path / ("d" * 100) / ("e" * 100) / ("f" * 100) / "missing-store"
    narrow = make_runner(env={"COLUMNS": "80"})
    assert_one_line_error(cli("stats", store=deep, runner=narrow), str(deep))


def test_store_path_that_is_a_file(tmp_path, bad_dir):
    path = tmp_path / "not-a-store"
    path.write_text("hello", encoding="utf-8")
    assert_one_line_error(cli("ingest", bad_dir / "good.txt", store=path), str(path), "file")
    assert_one_line_error(cli("stats", store=path), str(path))
    assert path.read_text(encoding="utf-8") == "hello"


def test_missing_store_for_a_read_only_command(tmp_path):
    path = tmp_path / "nowhere"
    assert_one_line_error(cli("stats", store=path), str(path), "does not exist")
    assert not path.exists()


HOLDER = textwrap.dedent("""
    import sys
    from graph.store.oxigraph import Store
    store = Store(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()          # hold the store until the test closes our stdin
    store.close()
""")


def test_store_held_by_another_process(tmp_path, bad_dir):
    path = tmp_path / "store"
    holder = subprocess.Popen([PYTHON, "-c", HOLDER, str(path)], cwd=REPO, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        assert_one_line_error(cli("ingest", bad_dir / "good.txt", store=path), str(path), "in use")
        # readers do not need the lock
        assert json.loads(ok(cli("stats", "--json", store=path)))["documents"] == 0
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert holder.returncode == 0
    s = summary(ok(cli("ingest", bad_dir / "good.txt", store=path)))
    assert (s["documents"], s["failures"]) == (1, 0)


# --------------------------------------------------------------------------- provenance


def test_every_statement_links_to_its_document_and_sentence(store, stats):
    unlinked = query_json(store, """
        SELECT ?st WHERE { ?st a ag:Statement .
          FILTER NOT EXISTS { ?st prov:wasDerivedFrom ?ev . ?ev a ag:Evidence ; ag:document ?d ;
                              ag:sentence ?s ; ag:startOffset ?a ; ag:endOffset ?b . ?d a ag:Document } }""")
    assert unlinked == []
    rows = query_json(store, """
        SELECT ?g ?st ?doc ?sentence ?start ?end WHERE { GRAPH ?g {
          ?st a ag:Statement ; prov:wasDerivedFrom ?ev .
          ?ev ag:document ?doc ; ag:sentence ?sentence ; ag:startOffset ?start ; ag:endOffset ?end . } }""")
    assert len({r["st"] for r in rows}) == len(rows) == stats["statements"]
    docs = corpus_documents()
    for r in rows:
        assert r["g"] == r["doc"]                 # stored in its own document's graph
        text = docs[r["doc"]].text
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"]:r["end"]].strip() == r["sentence"]
    assert len({r["doc"] for r in rows}) == 12


# --------------------------------------------------------------------------- the evaluation scorer


@pytest.mark.skipif(not (SCORER.is_file() and SEEDS.is_dir()), reason="shared/eval/score.py is not here")
def test_extract_jsonl_feeds_the_scorer():
    exe = VENV_BIN / "actorgraph"
    producer_cmd = [str(exe)] if exe.exists() else [PYTHON, "-m", "graph"]
    python3 = shutil.which("python3") or PYTHON
    with tempfile.TemporaryFile() as errors:
        producer = subprocess.Popen([*producer_cmd, "extract", str(SEEDS), "--format", "jsonl"],
                                    stdout=subprocess.PIPE, stderr=errors, cwd=REPO)
        try:
            scorer = subprocess.run([python3, str(SCORER), "--pred", "-"], stdin=producer.stdout,
                                    capture_output=True, text=True, timeout=300)
        finally:
            producer.stdout.close()
            producer.wait(timeout=300)
        errors.seek(0)
        assert producer.returncode == 0, errors.read().decode()
    assert scorer.returncode == 0, scorer.stderr
    assert any(line.startswith("precision") for line in scorer.stdout.splitlines()), scorer.stdout


def test_store_option_and_environment_variable(store, tmp_path):
    """--store wins over $ACTORGRAPH_STORE; the variable alone picks the store."""
    other = tmp_path / "other"
    result = make_runner(env={"COLUMNS": "1000", "ACTORGRAPH_STORE": str(other)}).invoke(
        main, ["--store", str(store), "stats", "--json"])
    assert json.loads(ok(result))["documents"] == 12
    result = make_runner(env={"COLUMNS": "1000", "ACTORGRAPH_STORE": str(store)}).invoke(main, ["stats", "--json"])
    assert json.loads(ok(result))["documents"] == 12
    assert not other.exists()
