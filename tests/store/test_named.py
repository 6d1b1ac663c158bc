"""Named queries: run by name, values bound, names resolved through the knowledge base."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph import pipeline
from graph.cli import main
from graph.errors import InputError
from graph.store.named import named_queries

from .conftest import HOUTHIS, IRAN, IRGC, KH, ODD, US

REQUIRED = {"patrons", "clients", "allies", "enemies", "hostile-pairs", "evidence", "actors-by-type",
            "timeline", "changes"}


def run(store, name, **values):
    with pipeline.open_store(store, read_only=True) as st:
        result = pipeline.named_query(st, name, values)
        return [{str(v): (None if row[i] is None else str(row[i])) for i, v in enumerate(result.vars)}
                for row in result]


def cli(store, *args):
    return CliRunner().invoke(main, ["--store", str(store), *map(str, args)])


def test_the_library_declares_its_parameters():
    qs = named_queries()
    assert REQUIRED <= set(qs)
    for q in qs.values():
        assert q.description, q.name
        for p in q.params:         # every parameter has its VALUES block
            assert p.name == "limit" or re.search(rf"VALUES \(?[?\w ]*\?{p.name}\b[?\w ]*\)? {{ }}", q.text), \
                (q.name, p.name)


def test_list_shows_names_and_parameters(corpus_store):
    out = cli(corpus_store, "query", "--list").stdout
    for name in REQUIRED:
        assert re.search(rf"^{name}\b", out, re.M), name
    assert "patrons  actor=<actor>" in out and "evidence  a=<actor> b=<actor>" in out


def test_patrons_direct_and_transitive_through_a_variant(corpus_store):
    rows = run(corpus_store, "patrons", actor="Kataib Hezbolah")     # a misspelt variant
    assert {(r["patron"], r["direct"]) for r in rows} == {(IRGC.iri, "true"), (IRAN.iri, "false")}
    assert {r["actor"] for r in rows} == {KH.iri}


def test_clients_of_a_patron_by_prefixed_name(corpus_store):
    rows = run(corpus_store, "clients", patron="actor:Iran")
    assert {(r["client"], r["direct"]) for r in rows} == {(IRGC.iri, "true"), (HOUTHIS.iri, "true"),
                                                          (KH.iri, "false")}


def test_allies_and_enemies_count_asserted_statements(corpus_store):
    enemies = {r["other"]: int(r["statements"]) for r in run(corpus_store, "enemies", actor="Kataib Hezbollah")}
    assert enemies == {US.iri: 2}            # KH attacks US is denied: not counted
    allies = {r["other"]: int(r["statements"]) for r in run(corpus_store, "allies", actor="KH")}
    assert allies == {IRGC.iri: 1, HOUTHIS.iri: 1, ODD.iri: 1}


def test_hostile_pairs_most_first_with_a_limit(corpus_store):
    rows = run(corpus_store, "hostile-pairs")
    counts = [int(r["statements"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert {frozenset((r["a"], r["b"])): int(r["statements"]) for r in rows} == {
        frozenset((US.iri, KH.iri)): 2, frozenset((US.iri, IRAN.iri)): 2, frozenset((US.iri, HOUTHIS.iri)): 1}
    assert len(run(corpus_store, "hostile-pairs", limit="1")) == 1


def test_evidence_for_a_pair_has_sentences_sources_dates(corpus_store):
    rows = run(corpus_store, "evidence", a="United States", b="Kataib Hezbollah")
    assert [(r["date"], r["relation"], r["negated"]) for r in rows] == [
        ("2020-03-01", "attacks", "false"), ("2021-06-01", "attacks", "false"), ("2021-06-01", "attacks", "true")]
    assert {r["sources"] for r in rows} == {"n/2020-a.txt", "n/2021-b.txt"}
    assert all("United States attacks Kataib Hezbollah" in r["sentence"] or "Kataib Hezbollah attacks" in r["sentence"]
               for r in rows)


def test_actors_by_type_includes_subclasses(corpus_store):
    assert {r["actor"] for r in run(corpus_store, "actors-by-type", type="ArmedGroup")} == {KH.iri, HOUTHIS.iri,
                                                                                           ODD.iri}
    # ArmedForce is a subclass of StateAgency
    assert {r["actor"] for r in run(corpus_store, "actors-by-type", type="ag:StateAgency")} == {IRGC.iri}


def test_timeline_of_two_actors(corpus_store):
    rows = run(corpus_store, "timeline", a="United States", b="Iran")
    assert [(r["date"], r["relation"], r["statements"]) for r in rows] == [
        ("2020-03-01", "sanctions", "1"), ("2024-01-15", "condemns", "1")]


def test_changes_between_two_dates(corpus_store):
    rows = run(corpus_store, "changes", since="2021", until="2024-06")
    got = {(r["s"], r["relation"], r["o"]): r["new"] for r in rows}
    assert got == {(US.iri, "attacks", KH.iri): "false", (KH.iri, "alliedWith", HOUTHIS.iri): "true",
                   (HOUTHIS.iri, "backedBy", IRAN.iri): "true", (US.iri, "attacks", HOUTHIS.iri): "true",
                   (ODD.iri, "alliedWith", KH.iri): "true", (US.iri, "condemns", IRAN.iri): "true"}


def test_unknown_names_and_bad_values_are_one_line_errors(corpus_store):
    with pipeline.open_store(corpus_store, read_only=True) as st:
        with pytest.raises(InputError, match="no actor named 'Nobody At All'"):
            pipeline.named_query(st, "patrons", {"actor": "Nobody At All"})
        with pytest.raises(InputError, match="needs --bind actor"):
            pipeline.named_query(st, "patrons", {})
        with pytest.raises(InputError, match="no named query"):
            pipeline.named_query(st, "nope", {})
        with pytest.raises(InputError, match="not an actor class"):
            pipeline.named_query(st, "actors-by-type", {"type": "Bogus"})
        with pytest.raises(InputError, match="not a date"):
            pipeline.named_query(st, "changes", {"since": "last week", "until": "2024"})
    result = cli(corpus_store, "query", "--name", "patrons", "--bind", "actor=Nobody At All")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_minted_actor_found_by_its_label_in_the_store(corpus_store):
    rows = run(corpus_store, "allies", actor=ODD.label)
    assert {r["actor"] for r in rows} == {ODD.iri} and {r["other"] for r in rows} == {KH.iri}


def test_formats_csv_json_turtle_and_ask(corpus_store):
    csv_out = cli(corpus_store, "query", "--name", "patrons", "--bind", "actor=KH", "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "actor,patron,label,direct"
    data = json.loads(cli(corpus_store, "query", "--name", "patrons", "--bind", "actor=KH", "--format",
                          "json").stdout)
    assert data["head"]["vars"] == ["actor", "patron", "label", "direct"]
    assert {b["patron"]["value"] for b in data["results"]["bindings"]} == {IRGC.iri, IRAN.iri}
    ttl = cli(corpus_store, "query", "CONSTRUCT { ?c ag:backedBy ?p } WHERE { ?c ag:backedBy ?p }",
              "--format", "turtle").stdout
    g = Graph().parse(data=ttl, format="turtle")
    assert len(g) == 2
    assert cli(corpus_store, "query", "ASK { actor:KataibHezbollah ag:backedBy actor:IRGC }").stdout == "true\n"
    assert cli(corpus_store, "query", "ASK { actor:IRGC ag:backedBy actor:KataibHezbollah }").stdout == "false\n"
    bad = cli(corpus_store, "query", "--name", "patrons", "--bind", "actor=KH", "--format", "turtle")
    assert bad.exit_code == 2 and "CONSTRUCT" in bad.stderr


def test_service_is_off_unless_allowed(corpus_store):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = cli(corpus_store, "query", q)
    assert result.exit_code == 1 and "SERVICE" in result.stderr and "--allow-service" in result.stderr
    allowed = cli(corpus_store, "query", "--allow-service", q)   # allowed: it tries, and fails to connect
    assert "--allow-service" not in allowed.stderr


def test_until_is_the_last_day_of_its_month_or_year(corpus_store):
    """`until=2024-06` means 2024-06-30 (it was bound as the impossible 2024-06-31)."""
    from graph import pipeline
    from graph.store.named import run_named

    with pipeline.open_store(corpus_store, read_only=True) as st:
        for until, last in (("2024-06", "2024-06-30"), ("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"),
                            ("2024", "2024-12-31"), ("2024-06-15", "2024-06-15")):
            rows = list(run_named(st, "changes", {"since": "2020", "until": until}))
            assert rows and {str(r.until) for r in rows} == {last}, until
