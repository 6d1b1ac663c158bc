"""The rule registry: every rule declares what it reads and emits, the declarations are true of
the code, the order is the data's, and rules return candidates instead of writing shared state.
"""
from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

import pytest

from graph.extract.context import DocContext
from graph.extract.rules import CONTEXT_STATE, PATTERN_TABLES, ordered_rules, registered, sentence_relations
from graph.kb.patterns import load_patterns
from graph.model import Document
from graph.vocab import relations

from .test_relations import GUARDS, PATTERNS

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = ROOT / "graph" / "extract"
SENTENCES = sorted({text for text, _ in PATTERNS} | {p.values[0] for p in GUARDS} | {p.values[1] for p in GUARDS})


def _context(ex, text: str) -> DocContext:
    from graph.extract.mentions import find_mentions
    from graph.extract.resolve import resolve_mentions

    doc = ex.nlp(text)
    res = resolve_mentions(doc, find_mentions(doc, ex.gazetteer, ex.patterns), ex.kb, ex.patterns)
    return DocContext(doc, res, ex.patterns, country=ex.kb.country, actors=ex.kb.actors)


def test_every_rule_produces_only_the_relations_it_declares(ex):
    p = load_patterns()
    rules = ordered_rules(p)
    seen = {r.name: set() for r in rules}
    for text in SENTENCES:
        ctx = _context(ex, text)
        for sent in ctx.doc.sents:
            for r in rules:
                for c in r.func(ctx, sent):
                    seen[r.name].add(c.relation)
    for r in rules:
        assert seen[r.name] <= r.relations(p), r.name
        assert r.relations(p) <= set(relations()), r.name
    assert all(seen.values()), {n for n, s in seen.items() if not s}      # every rule fires on these sentences


def _rule_source_names(func) -> tuple[set[str], set[str]]:
    """Names a rule function passes to ``words()`` / ``weight()`` and the pattern tables it reads."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    lists, tables = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("words", "weight") \
                and node.args and isinstance(node.args[0], ast.Constant):
            lists.add(node.args[0].value)
        if isinstance(node, ast.Attribute) and node.attr in PATTERN_TABLES + CONTEXT_STATE:
            tables.add(node.attr)
        if isinstance(node, ast.Attribute) and node.attr == "verbs_producing":
            tables.add("verbs")
    return lists, tables


def test_every_rule_declares_the_lists_tables_and_state_its_own_code_reads():
    for r in registered().values():
        lists, tables = _rule_source_names(r.func)
        weights = {n for n in lists if n in load_patterns().weights}
        assert (lists - weights) | tables <= set(r.reads) | set(r.writes), r.name


def test_rules_run_in_the_order_of_the_patterns_file():
    p = load_patterns()
    assert [r.name for r in ordered_rules(p)] == list(p.rule_order)
    assert p.rule_order[0] == "title" and p.rule_order[-1] == "report"


def test_a_rule_returns_its_candidates_and_the_runner_records_affiliations(ex):
    ctx = _context(ex, "Hezbollah leader Naim Qassem praised the operation.")
    sent = next(iter(ctx.doc.sents))
    title = registered()["title"]
    found = title.func(ctx, sent)
    assert [(c.subject.label, c.relation, c.object.label) for c in found] == [("Naim Qassem", "leaderOf", "Hezbollah")]
    assert ctx.affiliations == {}                                  # the rule itself wrote nothing
    sentence_relations(ctx, sent)
    assert ctx.affiliations == {found[0].subject.iri: {found[0].object.iri}}


def test_no_relation_name_is_a_string_literal_in_graph_extract():
    names = set(relations())
    hits = []
    for path in EXTRACT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
                hits.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert hits == []


@pytest.mark.parametrize("package", ["graph/extract", "graph/kb", "graph/nlp"])
def test_no_module_is_over_400_lines(package):
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / package).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_the_extractor_runs_the_rules_of_its_patterns(ex):
    assert [r.name for r in ex.rules] == list(ex.patterns.rule_order)
    st = ex.extract(Document(id="t.txt", text="Hezbollah leader Naim Qassem praised the operation."))
    assert {s.rule for s in st} == {"title:leaderTitle"}
