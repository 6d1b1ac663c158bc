"""Names and values with SPARQL and Turtle syntax in them (quotes, braces, ``#``, newlines,
``}``, ``;``, ``DROP ALL``) reaching the store through every other way in: ingest input (file
names, titles, JSONL titles, urls, sources, ids, field names and values, ``--date``), the
corrections (``correct`` arguments, ``--by``, ``--reason``, ``--source``, imported files) and
the commands that read (report, render, analyze, export, validate). Each value comes back
exactly as a literal or is refused in one line; nothing else in the store changes.
(tests/store/test_injection.py covers query, named queries, actors and remove.)"""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.rdf.ingest_log import without_log
from graph.store.oxigraph import OxigraphStore

from .conftest import stored_quads
from .test_injection import EVIL

# Our own sentence (not from any article): the extractor finds backedBy in it.
SENTENCE = "Iran armed and trained Kataib Hezbollah for years."
# values that may also be file names (no slash, no NUL)
FILE_SAFE = [v for v in EVIL if "/" not in v]


def cli(store, *args, stdin: str | None = None):
    return CliRunner().invoke(main, ["--store", str(store), *args], input=stdin)


def shared_quads(store) -> set[str]:
    """Every quad outside the document graphs and the default graph (ontology, curated, corrections)."""
    return {q for q in stored_quads(store) if "<https://w3id.org/actorgraph/graph/" in q}


def one_line_error(result, code=None) -> None:
    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def documents(store) -> list[dict]:
    with OxigraphStore(store, read_only=True) as st:
        return st.documents()


def sources(store) -> set[str]:
    with OxigraphStore(store, read_only=True) as st:
        return {str(r.source) for r in st.query("SELECT ?source WHERE { ?d dcterms:source ?source }")}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, empty_store_template):
    """One store holding, for every value: a .txt file named with it, whose title is it, and a
    JSONL record whose title, url, source, id and a nested field are it."""
    import shutil

    root = tmp_path_factory.mktemp("evil-input")
    store = root / "store"
    shutil.copytree(empty_store_template, store)
    before = shared_quads(store)
    folder = root / "in"
    folder.mkdir()
    for i, value in enumerate(FILE_SAFE):
        (folder / f"{value} {i}.txt").write_text(f"Title: {value.replace(chr(10), ' ')}\nDate: 2024-01-0{1 + i % 9}\n\n"
                                                 f"{SENTENCE} Report {i}.\n", encoding="utf-8")
    with open(folder / "records.jsonl", "w", encoding="utf-8") as fh:
        for i, value in enumerate(EVIL):
            fh.write(json.dumps({"meta": {"body": f"{SENTENCE} Record {i}."}, "title": value, "url": f"https://x.test/{i}?q={value}",
                                 "source": value, "id": f"{value} {i}", "date": "2023-05-06"}) + "\n")
    res = cli(store, "ingest", "-j", "1", "--field", "text=meta.body", str(folder))
    assert res.exit_code == 0, res.output
    return store, folder, before


def test_ingested_names_and_values_come_back_exactly(ingested):
    store, _folder, before = ingested
    assert shared_quads(store) == before                       # ontology, curated, corrections untouched
    docs = documents(store)
    assert len(docs) == len(FILE_SAFE) + len(EVIL)
    titles = {d["title"] for d in docs}
    assert {v.replace("\n", " ") for v in FILE_SAFE} <= titles and set(EVIL) <= titles
    assert all(d["statements"] >= 1 for d in docs)             # the sentence was read, not the syntax
    found = sources(store)
    for i, value in enumerate(FILE_SAFE):
        assert any(s.endswith(f"{value} {i}.txt") for s in found), value
    for i, value in enumerate(EVIL):
        assert any(f"https://x.test/{i}?q={value}" in s or f"{value} {i}" in s for s in found), value
    # the extracted graph is the sentence's and nothing else
    res = cli(store, "query", "SELECT DISTINCT ?s ?o WHERE { ?s ag:backedBy ?o }", "--format", "json")
    rows = json.loads(res.stdout)["results"]["bindings"]
    assert [(r["s"]["value"].rsplit("/", 1)[-1], r["o"]["value"].rsplit("/", 1)[-1]) for r in rows] == \
        [("KataibHezbollah", "Iran")]


@pytest.mark.parametrize("value", EVIL)
def test_reading_commands_take_any_value(ingested, tmp_path, value):
    store = ingested[0]
    before = stored_quads(store)
    # refused in one line: a date, a relation, an unknown actor or camp, a bad --date or --field
    for args in (["report", "-o", str(tmp_path / "r.md"), "--since", value],
                 ["analyze", "--until", value], ["analyze", "--relation", value],
                 ["render", "-o", str(tmp_path / "g.html"), "--focus", value],
                 ["render", "-o", str(tmp_path / "g.html"), "--camp", value],
                 ["render", "-o", str(tmp_path / "g.html"), "--relations", value],
                 ["analyze", "chains", "--patron", value], ["analyze", "compare", value, "2024"],
                 ["ingest", "--date", value, str(ingested[1])],
                 ["ingest", "--field", value, str(ingested[1])],
                 ["remove", value]):
        one_line_error(cli(store, *args))
    # taken as text: a title, an output file named with the value
    md = tmp_path / "report.md"
    res = cli(store, "report", "-o", str(md), "--title", value)
    assert res.exit_code == 0, res.output
    assert value.replace("\n", " ") in md.read_text(encoding="utf-8").replace("\n", " ")
    if "/" not in value:
        out = tmp_path / f"{value}.nq"
        assert cli(store, "export", "--format", "nquads", "-o", str(out)).exit_code == 0
        assert set(without_log(out.read_text(encoding="utf-8").splitlines())) == before
        shapes = tmp_path / f"{value}.ttl"
        shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
        res = cli(store, "validate", "--shapes", str(shapes))
        assert res.exit_code == 0 and res.stderr.startswith("conforms"), res.output
    assert stored_quads(store) == before


@pytest.mark.parametrize("value", EVIL)
def test_corrections_store_values_as_literals_and_refuse_unknown_names(corpus_store, tmp_path, value):
    store = corpus_store
    before = stored_quads(store)
    # names that resolve to no actor, class or relation: one line, nothing written
    for args in (["correct", "merge", value, "Iran"], ["correct", "merge", "Iran", value],
                 ["correct", "retract", value, "attacks", "Iran"], ["correct", "retract", "Iran", value, "Iran"],
                 ["correct", "type", "Iran", value], ["correct", "type", value, "State"],
                 ["correct", "alias", value, "Iran"],
                 ["correct", "assert", "Iran", "backedBy", value, "--source", "x"]):
        one_line_error(cli(store, *args))
    assert stored_quads(store) == before
    # values that are text: kept exactly, in the corrections graph only
    res = cli(store, "correct", "assert", "Iran", "backedBy", "Kataib Hezbollah", "--source", value,
              "--by", value, "--reason", value)
    assert res.exit_code == 0, res.output
    res = cli(store, "correct", "alias", "Kataib Hezbollah", value, "--by", "tester", "--reason", value)
    assert res.exit_code == 0, res.output
    table = tmp_path / f"{'x' if '/' in value else value}.csv"
    with open(table, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["action", "subject", "relation", "object", "source", "date", "reason", "by"])
        w.writerow(["alias", "Iran", "", value + " (csv)", "", "", value, value])
    res = cli(store, "correct", "import", str(table))
    assert res.exit_code == 0, res.output
    after = stored_quads(store)
    outside = {q for q in after ^ before if "<https://w3id.org/actorgraph/graph/corrections>" not in q}
    # outside the corrections graph only the asserted triple may appear (in the internal view: nowhere else)
    assert all("backedBy" in q or "altLabel" in q for q in outside), outside
    with OxigraphStore(store, read_only=True) as st:
        labels = {str(r.l) for r in st.query("SELECT ?l WHERE { GRAPH graph:corrections { ?a skos:altLabel ?l } }",
                                             union=False)}
        texts = {str(r.t) for r in st.query("SELECT ?t WHERE { GRAPH graph:corrections { ?c ?p ?t } "
                                            "FILTER (isLiteral(?t)) }", union=False)}
    assert value in labels and value + " (csv)" in labels
    assert value in texts
    # re-applying changes nothing
    assert cli(store, "correct", "apply").exit_code == 0
    assert stored_quads(store) == after


def test_stdin_documents_with_syntax_in_every_field(empty_store):
    lines = "".join(json.dumps({"text": f"{SENTENCE} Piped {i}.", "title": v, "id": v, "url": v, "source": v}) + "\n"
                    for i, v in enumerate(EVIL))
    before = shared_quads(empty_store)
    res = cli(empty_store, "ingest", "-j", "1", "--date", "2022-02-02", "-", stdin=lines)
    assert res.exit_code == 0, res.output
    assert {d["title"] for d in documents(empty_store)} == set(EVIL)
    assert all(d["date"] is not None and str(d["date"]).startswith("2022-02-02") for d in documents(empty_store))
    assert shared_quads(empty_store) == before
