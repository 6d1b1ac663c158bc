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


def test_affiliation_after_a_list_of_titled_names_reaches_every_name(ex):
    found = triples(ex, "Two ministers, Finance Minister Karim Haddad and Energy Minister Lina Saab — affiliated "
                        "with Amal — walked out of the cabinet meeting.")
    assert ("Amal Movement", "alliedWith", "Karim Haddad") in found or ("Karim Haddad", "alliedWith", "Amal Movement") in found
    assert ("Amal Movement", "alliedWith", "Lina Saab") in found or ("Lina Saab", "alliedWith", "Amal Movement") in found


def test_participle_set_off_after_the_subject_is_said_of_the_subject(ex):
    found = triples(ex, "Finance Minister Karim Haddad, affiliated with Amal, walked out.")
    assert ("Amal Movement", "alliedWith", "Karim Haddad") in found or ("Karim Haddad", "alliedWith", "Amal Movement") in found


def test_affiliation_is_not_spread_to_a_name_outside_the_list(ex):
    # negative: the object of the main verb is no holder; positive control: the apposed minister is
    found = {frozenset((s, o)) for s, p, o in triples(
        ex, "Finance Minister Karim Haddad, affiliated with Amal, criticised Salim Awad.") if p == "alliedWith"}
    assert frozenset(("Amal Movement", "Karim Haddad")) in found
    assert not any("Salim Awad" in pair for pair in found)


def test_a_call_to_a_person_is_a_meeting(ex):
    found = triples(ex, "French President Emmanuel Macron called Erdogan on Monday to discuss Syria.")
    assert ("Emmanuel Macron", "meetsWith", "Recep Tayyip Erdogan") in found


def test_calling_someone_a_name_or_calling_on_them_is_no_meeting(ex):
    # negative: a second complement or 'call on'; positive control: the bare call
    assert not any(p == "meetsWith" for _, p, _ in triples(ex, "Macron called Erdogan a liar."))
    assert not any(p == "meetsWith" for _, p, _ in triples(ex, "Macron called on Erdogan to show restraint."))
    assert ("Emmanuel Macron", "meetsWith", "Recep Tayyip Erdogan") in triples(ex, "Emmanuel Macron called Recep Tayyip Erdogan on Monday.")


def test_on_the_side_of_x_backs_x(ex):
    found = triples(ex, "Iran entered the Yemeni war in 2016 on the side of the Houthis.")
    assert ("Houthis", "backedBy", "Iran") in found


def test_fighting_on_the_side_of_x_is_no_attack_on_x(ex):
    # negative: the helped side is not the target; positive control: fighting against it is
    helped = triples(ex, "Russia fought on the side of President Bashar al-Assad.")
    assert ("Russia", "attacks", "Bashar al-Assad") not in helped
    assert ("Bashar al-Assad", "backedBy", "Russia") in helped
    assert ("Russia", "attacks", "Bashar al-Assad") in triples(ex, "Russia fought against President Bashar al-Assad.")


def test_regarding_a_group_as_terrorist_condemns_it(ex):
    found = triples(ex, "Egypt regards the Muslim Brotherhood as a terrorist organisation.")
    assert ("Egypt", "condemns", "Muslim Brotherhood") in found


def test_a_formal_listing_or_a_plain_opinion_is_no_condemnation(ex):
    # negative: a listing is an act of the state, and an opinion without the cue condemns nobody;
    # positive control: the same group regarded as terrorist
    assert not any(p == "condemns" for _, p, _ in triples(ex, "Egypt lists the Muslim Brotherhood as a terrorist organisation."))
    assert not any(p == "condemns" for _, p, _ in triples(ex, "Egypt regards the Muslim Brotherhood as a rival."))
    assert ("Egypt", "condemns", "Muslim Brotherhood") in triples(ex, "Egypt views the Muslim Brotherhood as a terrorist group.")
