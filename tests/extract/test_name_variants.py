"""Spelling variants of known names: transliteration and editorial brackets.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from graph.kb.normalize import variant_key

from .util import mentions


def test_ck_and_k_spell_the_same_sound():
    assert variant_key("Tom Barrak") == variant_key("Tom Barrack")


def test_negative_control_different_consonants_stay_apart():
    assert variant_key("Tom Barrak") != variant_key("Tom Barran")


def test_bracketed_given_name_resolves_to_the_known_person(ex):
    doc, _, resolved = mentions(ex, "Officials met the US envoy [Tom] Barrak in Beirut on Friday.")
    labels = {m.actor.label for m in resolved}
    assert "Tom Barrack" in labels
    assert not any("]" in label or "[" in label for label in labels)


def test_positive_control_unbracketed_name_resolves_the_same(ex):
    doc, _, resolved = mentions(ex, "Officials met the US envoy Tom Barrack in Beirut on Friday.")
    assert "Tom Barrack" in {m.actor.label for m in resolved}
