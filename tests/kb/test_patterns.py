"""Names looked up in ontology/patterns.ttl and ontology/*.ttl: a misspelt name fails loudly."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from rdflib import Graph

from graph.errors import OntologyError
from graph.extract.rules import ordered_rules, registered
from graph.kb.patterns import Patterns, load_patterns
from graph.vocab import Rel, read_ontology_file

ROOT = Path(__file__).resolve().parents[2]


def test_words_of_an_unknown_list_is_an_error_not_an_empty_set():
    p = load_patterns()
    assert "attack" in p.words("violentEventNouns")
    with pytest.raises(OntologyError, match="patterns.ttl.*violentEventNoun\\b"):
        p.words("violentEventNoun")


def test_weights_are_named_numbers_and_an_unknown_weight_is_an_error():
    p = load_patterns()
    assert 0 < p.weight("eventAttack") <= 1
    with pytest.raises(OntologyError, match="eventAtack"):
        p.weight("eventAtack")


def test_derived_verb_sets_refuse_unknown_relations_and_kinds():
    p = load_patterns()
    assert "threaten" in p.verbs_producing(Rel.threatens)
    assert "ally" in p.verbs_of_kind("alliance")
    with pytest.raises(OntologyError, match="threaten\\b"):
        p.verbs_producing("threaten")
    with pytest.raises(OntologyError, match="allied"):
        p.verbs_of_kind("allied")


def test_a_trigger_naming_an_unknown_relation_fails_on_load():
    text = read_ontology_file("patterns.ttl").replace("agp:relation ag:backedBy ;", "agp:relation ag:backedBY ;", 1)
    g = Graph().parse(data=text, format="turtle")
    with pytest.raises(OntologyError, match="backedBY"):
        Patterns.from_graph(g)


def test_an_unknown_ontology_file_is_an_ontology_error():
    with pytest.raises(OntologyError, match="actors-people.tll"):
        read_ontology_file("actors-people.tll")


def test_the_rule_order_names_every_registered_rule_once():
    p = load_patterns()
    assert [r.name for r in ordered_rules(p)] == list(p.rule_order)
    assert set(p.rule_order) == set(registered())


@pytest.mark.parametrize("order,message", [
    (("title", "nuon"), "unknown rule.*nuon"),
    (("title",), "leaves out"),
])
def test_a_rule_order_with_an_unknown_or_missing_rule_is_an_error(order, message):
    p = load_patterns()
    full = tuple(n for n in p.rule_order if n not in order) if message == "unknown rule.*nuon" else ()
    broken = dataclasses.replace(p, rule_order=order + full)
    with pytest.raises(OntologyError, match=message):
        ordered_rules(broken)


def test_a_rule_declaring_an_unknown_word_list_is_an_error():
    p = load_patterns()
    lists = dict(p.lists)
    del lists["titleModifiers"]                    # the title rule declares it reads this list
    with pytest.raises(OntologyError, match="'title' reads 'titleModifiers'"):
        ordered_rules(dataclasses.replace(p, lists=lists))


def _named_lookups(method: str) -> set[str]:
    """Literal names passed to ``.words(...)`` / ``.weight(...)`` anywhere in graph/."""
    names = set()
    for path in (ROOT / "graph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method \
                    and node.args and isinstance(node.args[0], ast.Constant):
                names.add(node.args[0].value)
    return names


def test_every_word_list_and_weight_the_code_names_exists():
    p = load_patterns()
    words, weights = _named_lookups("words"), _named_lookups("weight")
    assert len(words) > 30 and len(weights) >= 15
    assert words - set(p.lists) == set()
    assert weights - set(p.weights) == set()
