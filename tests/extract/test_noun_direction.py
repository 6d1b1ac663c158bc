"""Relational nouns point the right way: a patron noun and 'predecessor' are the inverse of their relation.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from .util import triples as _triples


def triples(ex, text: str) -> set[tuple[str, str, str]]:
    return _triples(ex, text, negated=None)       # denied statements included


def test_backer_noun_makes_the_owner_the_client(ex):
    found = triples(ex, "Iran, Kataib Hezbollah's main backer, denied any role in the attack.")
    assert ("Kataib Hezbollah", "backedBy", "Iran") in found
    assert ("Iran", "backedBy", "Kataib Hezbollah") not in found


def test_backers_listed_after_the_owner(ex):
    found = triples(ex, "The sanctions target the Houthis' backers -- Iran and Hezbollah.")
    assert ("Houthis", "backedBy", "Iran") in found
    assert ("Iran", "backedBy", "Houthis") not in found


def test_predecessor_is_the_one_succeeded(ex):
    found = triples(ex, "Ismail Haniyeh's predecessor, Khaled Meshaal, spoke in Doha on Friday.")
    assert ("Ismail Haniyeh", "successorOf", "Khaled Meshaal") in found
    assert ("Khaled Meshaal", "successorOf", "Ismail Haniyeh") not in found


def test_positive_control_successor_keeps_its_direction(ex):
    assert ("Naim Qassem", "successorOf", "Hassan Nasrallah") in triples(
        ex, "Naim Qassem, the successor of Hassan Nasrallah, spoke on television.")
