"""Background knowledge chooses between readings the text allows; it never adds a statement.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from graph.extract.background import Background, load_background

from .util import triples as _triples


def triples(ex, text: str) -> set[tuple[str, str, str]]:
    return _triples(ex, text, negated=None)       # denied statements included


def test_official_who_heads_the_group_by_the_facts_is_its_leader(ex):
    found = triples(ex, "Asaib Ahl al-Haq official Qais al-Khazali said the vote was void.")
    assert ("Qais al-Khazali", "leaderOf", "Asaib Ahl al-Haq") in found
    assert ("Qais al-Khazali", "memberOf", "Asaib Ahl al-Haq") not in found


def test_positive_control_an_official_the_facts_do_not_make_a_head_stays_a_member(ex):
    found = triples(ex, "Asaib Ahl al-Haq official Jawad al-Talibawi said the vote was void.")
    assert any(p == "memberOf" and o == "Asaib Ahl al-Haq" for _, p, o in found)
    assert not any(p == "leaderOf" for _, p, _ in found)


def test_facts_never_assert_what_the_text_does_not_say(ex):
    # the facts make Khazali the head of Asaib Ahl al-Haq; this sentence says nothing about it
    found = triples(ex, "Qais al-Khazali flew to Tehran on Monday.")
    assert not any(p in ("leaderOf", "memberOf", "founderOf") for _, p, _ in found)


def test_a_named_subordinate_office_is_never_overruled(ex):
    found = triples(ex, "Qais al-Khazali, a former Asaib Ahl al-Haq official, said the vote was void.")
    assert not any(p == "leaderOf" for _, p, _ in found)


def test_refine_reads_only_the_curated_relation():
    bg = Background({("p", "leaderOf", "x")})
    vague, sub = frozenset({"official"}), frozenset({"deputy"})
    assert bg.refine("memberOf", "p", "x", frozenset({"official"}), vague, sub) == "leaderOf"
    assert bg.refine("memberOf", "p", "x", frozenset({"deputy", "official"}), vague, sub) == "memberOf"
    assert bg.refine("memberOf", "p", "x", frozenset({"commander"}), vague, sub) == "memberOf"
    assert bg.refine("memberOf", "p", "y", frozenset({"official"}), vague, sub) == "memberOf"
    assert bg.refine("attacks", "p", "x", frozenset({"official"}), vague, sub) == "attacks"
    assert len(load_background().facts) > 500
