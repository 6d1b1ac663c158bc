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


def test_given_name_before_a_known_surname_is_another_person(ex):
    doc, _, resolved = mentions(ex, "Hezbollah commander Ali Fadlallah was killed in the strike.")
    labels = {m.actor.label for m in resolved}
    assert "Ali Fadlallah" in labels
    assert "Mohammad Hussein Fadlallah" not in labels


def test_positive_control_honorific_before_a_known_surname_keeps_the_known_person(ex):
    doc, _, resolved = mentions(ex, "Sheikh Fadlallah preached in Beirut on Friday.")
    assert "Mohammad Hussein Fadlallah" in {m.actor.label for m in resolved}


def test_alternative_names_of_known_groups_resolve(ex):
    for text, label in (("Sarayat al-Salam fighters deployed in Samarra.", "Saraya al-Salam"),
                        ("The Workers' Party of Kurdistan denied the claim.", "Kurdistan Workers' Party")):
        doc, _, resolved = mentions(ex, text)
        assert label in {m.actor.label for m in resolved}, text
