"""The ontology's domain, range and class restrictions drop misread candidates.

Every sentence here was written for these tests.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from graph import vocab
from graph.extract.constraints import Constraints, load_constraints

from .util import triples as _triples


def triples(ex, text: str) -> set[tuple[str, str, str]]:
    return _triples(ex, text, negated=None)       # denied statements included

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("rel,subject,obj", [
    ("memberOf", "State", "State"),            # "Saudi Arabia memberOf Israel"
    ("memberOf", "State", "ArmedForce"),       # a state inside another state's army
    ("memberOf", "Person", "Person"),          # "Erdogan memberOf Donald Trump"
    ("leaderOf", "Person", "ReligiousAuthority"),
    ("leaderOf", "ArmedGroup", "State"),       # only persons lead
    ("founderOf", "State", "ArmedGroup"),
    ("successorOf", "Person", "State"),
    ("partOf", "Person", "ArmedGroup"),
])
def test_a_candidate_outside_domain_or_range_is_named(rel, subject, obj):
    why = load_constraints().violation(rel, subject, obj)
    assert why is not None and why.startswith(rel)


@pytest.mark.parametrize("rel,subject,obj", [
    ("memberOf", "State", "IntergovernmentalOrganization"),   # a state in the Arab League
    ("memberOf", "State", "Group"),                           # a state in an axis
    ("memberOf", "Person", "State"),
    ("memberOf", "ArmedGroup", "ArmedGroup"),
    ("leaderOf", "ReligiousAuthority", "ArmedGroup"),         # a subclass of Person leads
    ("partOf", "State", "State"),                             # an autonomous region in its state
    ("successorOf", "Person", "Person"),
    ("attacks", "Person", "Person"),
    ("memberOf", "Person", "Actor"),                          # unknown kind: the open world does not reject
])
def test_positive_controls_pass(rel, subject, obj):
    assert load_constraints().violation(rel, subject, obj) is None


def test_constraints_are_read_from_the_ontology_not_from_code():
    # the same code over an ontology without the restriction lets a state join a state
    g = Graph().parse(data=vocab.read_ontology_file("actorgraph.ttl"), format="turtle")
    assert Constraints(g).violation("memberOf", "State", "State") is not None
    text = vocab.read_ontology_file("actorgraph.ttl")
    start = text.index("ag:State rdfs:subClassOf [ a owl:Restriction")
    end = text.index("] ] .", start) + len("] ] .")
    loose = Graph().parse(data=text[:start] + text[end:], format="turtle")
    assert Constraints(loose).violation("memberOf", "State", "State") is None
    assert Constraints(loose).violation("memberOf", "Person", "Person") is not None


def test_inherited_domain_along_subproperty():
    c = load_constraints()
    # leaderOf is a sub-property of memberOf: memberOf's range binds it too
    assert "CollectiveActor" in (c.violation("leaderOf", "Person", "Person") or "")


def test_extractor_drops_and_counts_a_person_member_of_a_person(ex):
    before = ex.constraint_report.total
    found = triples(ex, "Hassan Nasrallah's deputy, Naim Qassem, flew to Tehran on Sunday.")
    assert not any(p == "memberOf" and o == "Hassan Nasrallah" for _, p, o in found)
    assert ex.constraint_report.total == before + 1
    assert any("memberOf: range CollectiveActor" in why for why in ex.constraint_report.dropped)


def test_positive_control_deputy_of_an_organisation_is_kept(ex):
    before = ex.constraint_report.total
    found = triples(ex, "Hezbollah's deputy leader, Naim Qassem, flew to Tehran on Sunday.")
    assert ("Naim Qassem", "memberOf", "Hezbollah") in found
    assert ex.constraint_report.total == before


def test_no_curated_fact_breaks_the_constraints():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_kb.py")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]
    assert "breaks" not in out.stdout
