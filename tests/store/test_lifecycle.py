"""Lifecycle: re-ingest replaces, remove deletes; the default graph always agrees with the statements."""
from __future__ import annotations

import io
import shutil

import pyoxigraph as ox
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strat

from graph import pipeline
from graph.cli import main
from graph.store.oxigraph import OxigraphStore
from graph.vocab import AG

from .conftest import CORPUS, HOUTHIS, IRAN, IRGC, KH, ODD, US, document

DOC_PREFIX = "https://w3id.org/actorgraph/id/doc/"
ACTORS = (IRAN, IRGC, KH, US, HOUTHIS, ODD)
RELATIONS = ("backedBy", "attacks", "alliedWith", "partOf", "condemns")


def quads(store: OxigraphStore) -> list[ox.Quad]:
    buf = io.BytesIO()
    store.export(buf, "nquads")
    return list(ox.parse(buf.getvalue(), format=ox.RdfFormat.N_QUADS))


def check_invariant(store: OxigraphStore) -> None:
    """The default graph is exactly the merge of the document graphs; its direct triples
    are exactly the asserted statements of the stored documents; every document has a source."""
    qs = quads(store)
    default = {q.triple for q in qs if isinstance(q.graph_name, ox.DefaultGraph)}
    docs = {q.graph_name.value for q in qs if isinstance(q.graph_name, ox.NamedNode)
            and q.graph_name.value.startswith(DOC_PREFIX)}
    merged = {q.triple for q in qs if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in docs}
    assert default == merged
    rels = {str(AG[r]) for r in ("backedBy", "attacks", "alliedWith", "partOf", "condemns", "sanctions")}
    direct = {(t.subject.value, t.predicate.value, t.object.value) for t in default if t.predicate.value in rels}
    stated = {(str(r.s), str(r.p), str(r.o)) for r in store.query(
        "SELECT DISTINCT ?s ?p ?o WHERE { ?st a ag:Statement ; rdf:subject ?s ; rdf:predicate ?p ; "
        "rdf:object ?o ; ag:negated false }", union=False)}
    assert direct == stated
    for d in docs:
        assert store.document_sources(d), d


def test_remove_by_source_and_by_iri(corpus_store):
    with OxigraphStore(corpus_store) as st:
        check_invariant(st)
        docs = {d["source"]: d["iri"] for d in st.documents()}
        assert pipeline.remove(st, "n/2020-a.txt") == [docs["n/2020-a.txt"]]
        check_invariant(st)
        short = "doc:" + docs["n/2021-b.txt"][len(DOC_PREFIX):]
        assert pipeline.remove(st, short) == [docs["n/2021-b.txt"]]
        check_invariant(st)
        assert [d["iri"] for d in st.documents()] == [docs["n/2024-c.txt"]]
        # US attacks KH was said by the removed documents only: gone from the default graph
        assert not st.query("ASK { actor:UnitedStates ag:attacks actor:KataibHezbollah }", union=False).askAnswer
        assert st.query("ASK { actor:UnitedStates ag:attacks actor:Houthis }", union=False).askAnswer


def test_remove_command(corpus_store):
    runner = CliRunner()
    result = runner.invoke(main, ["--store", str(corpus_store), "remove", "n/2024-c.txt"])
    assert result.exit_code == 0, result.stderr
    assert "removed n/2024-c.txt" in result.stderr
    result = runner.invoke(main, ["--store", str(corpus_store), "remove", "n/2024-c.txt"])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "no stored document" in result.stderr
    with OxigraphStore(corpus_store, read_only=True) as st:
        assert sorted(d["source"] for d in st.documents()) == ["n/2020-a.txt", "n/2021-b.txt"]


def test_a_triple_two_documents_state_survives_removing_one(corpus_store):
    with OxigraphStore(corpus_store) as st:
        ask = "ASK { actor:UnitedStates ag:attacks actor:KataibHezbollah }"
        st.remove_source("n/2020-a.txt")
        assert st.query(ask, union=False).askAnswer          # n/2021-b.txt says it too
        st.remove_source("n/2021-b.txt")
        assert not st.query(ask, union=False).askAnswer


# one step: (op, source index, text variant, statement plan)
plans = strat.lists(strat.tuples(strat.sampled_from(ACTORS), strat.sampled_from(RELATIONS),
                                 strat.sampled_from(ACTORS)).filter(lambda t: t[0] != t[2]),
                    min_size=1, max_size=4)
steps = strat.lists(strat.one_of(
    strat.tuples(strat.just("put"), strat.integers(0, 3), plans, strat.sets(strat.integers(0, 3), max_size=2)),
    strat.tuples(strat.just("remove-source"), strat.integers(0, 3)),
    strat.tuples(strat.just("remove-iri"), strat.integers(0, 5)),
), min_size=1, max_size=12)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_direct_triples_agree_with_statements_after_any_sequence(steps, empty_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("prop") / "store"
    shutil.copytree(empty_store, path)
    sources = [f"src/{i}.txt" for i in range(4)]
    with OxigraphStore(path) as st:
        for step in steps:
            if step[0] == "put":
                _, i, plan, negated = step
                # two sources may get the same text: then they are one document
                doc, statements = document(sources[i], "2022-01-01", plan, negated=negated, text_name="src")
                st.put_document(doc, statements)
            elif step[0] == "remove-source":
                st.remove_source(sources[step[1]])
            else:
                docs = [d["iri"] for d in st.documents()]
                if docs:
                    st.remove_document(docs[step[1] % len(docs)])
            check_invariant(st)
