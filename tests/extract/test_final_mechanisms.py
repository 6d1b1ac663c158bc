"""Constructions added by the extract-final pass: a state's army as an actor of its own, and the
others below.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from .util import triples


def test_lebanese_army_is_its_own_actor_not_the_state(ex):
    # negative: the army is not a label of Lebanon; positive control: the government still is
    found = triples(ex, "Hezbollah fighters attacked the Lebanese army near Tyre.")
    assert ("Hezbollah", "attacks", "Lebanese Armed Forces") in found
    assert ("Hezbollah", "attacks", "Lebanon") not in found
    assert ("Hezbollah", "attacks", "Lebanon") in triples(ex, "Hezbollah fighters attacked the Lebanese government.")
