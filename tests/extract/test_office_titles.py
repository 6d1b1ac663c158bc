"""Office titles and organisation premodifiers before a person's name.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from .util import mentions, triples


def _labels(found) -> set[str]:
    return {x for s, _, o in found for x in (s, o)}


def test_portfolio_minister_with_possessor_state(ex):
    found = triples(ex, "Egypt's Trade Minister Karim Haddad signed the deal.")
    assert ("Karim Haddad", "memberOf", "Egypt") in found
    assert "Trade" not in _labels(found)


def test_portfolio_minister_with_demonym_state(ex):
    found = triples(ex, "Lebanese Information Minister Samir Azar denied the report.")
    assert ("Samir Azar", "memberOf", "Lebanon") in found
    assert "Information" not in _labels(found)


def test_portfolio_word_is_never_an_actor(ex):
    doc, raw, resolved = mentions(ex, "Health Minister Rana Haddad and Finance Minister Omar Khalil left early.")
    labels = {m.actor.label for m in resolved}
    assert {"Rana Haddad", "Omar Khalil"} <= labels
    assert not any(w in label for label in labels for w in ("Health", "Finance"))


def test_positive_control_known_organisation_before_a_title_stays(ex):
    # the office-head cut applies to unknown names only: a known actor before the title is the organisation
    found = triples(ex, "Hamas spokesman Karim Haddad rejected the offer.")
    assert ("Karim Haddad", "memberOf", "Hamas") in found


def test_unknown_organisation_name_before_other_titles_is_kept(ex):
    # only a minister's portfolio is cut: an unknown organisation before 'commander' is still read
    doc, raw, _ = mentions(ex, "Saraya Awliya al-Dam commander Karim Haddad was killed.")
    texts = {doc[m.start:m.end].text for m in raw}
    assert any("Saraya" in t for t in texts)


def test_abbreviated_ranks_between_organisation_and_name(ex):
    found = triples(ex, "IRGC Brig. Gen. Hossein Amini warned Israel on Tuesday.")
    assert ("Hossein Amini", "memberOf", "IRGC") in found
    assert ("Mehdi Rostami", "memberOf", "Quds Force") in triples(ex, "Quds Force Gen. Mehdi Rostami was killed in Damascus.")


def test_positive_control_spelt_out_rank(ex):
    assert ("Hossein Amini", "memberOf", "IRGC") in triples(ex, "IRGC General Hossein Amini warned Israel on Tuesday.")


def test_abbreviated_rank_without_organisation_gives_no_membership(ex):
    found = triples(ex, "Brig. Gen. Hossein Amini warned Israel on Tuesday.")
    assert not any(p == "memberOf" for _, p, _ in found)


def test_plural_possessive_before_a_title(ex):
    assert ("Hussein Ezzi", "memberOf", "Houthis") in triples(ex, "The Houthis' deputy foreign minister Hussein Ezzi spoke.")


def test_government_named_after_a_person_makes_them_its_head(ex):
    assert ("Najib Mikati", "leaderOf", "Lebanon") in triples(ex, "Hezbollah accused the Mikati government of weakness.")
    assert ("Benjamin Netanyahu", "leaderOf", "Israel") in triples(ex, "Hamas condemned the Netanyahu government for the raid.")


def test_his_government_is_no_leadership(ex):
    found = triples(ex, "Fuad Hussein arrived in New York. He said his government had enough evidence against Turkey.")
    assert not any(p == "leaderOf" for _, p, _ in found)


def test_a_persons_office_is_no_government(ex):
    # 'office' is a personal office noun, not a government: no leadership drawn from it
    found = triples(ex, "Hezbollah criticised Fuad Hussein's office on Monday.")
    assert ("Fuad Hussein", "leaderOf", "Iraq") not in found


def test_director_of_a_leaders_office_serves_the_leaders_state(ex):
    found = triples(ex, "Karim Fawzi, the head of Netanyahu's office, flew to Cairo.")
    assert ("Karim Fawzi", "memberOf", "Israel") in found
    assert not any(o == "Benjamin Netanyahu" and p in ("leaderOf", "memberOf") for _, p, o in found)


def test_relative_of_a_leader_is_no_member_of_the_state(ex):
    found = triples(ex, "Karim Fawzi, a cousin of Netanyahu, flew to Cairo.")
    assert ("Karim Fawzi", "memberOf", "Israel") not in found


def test_portfolio_secretary_is_no_organisation(ex):
    found = triples(ex, "Treasury Secretary Steven Mnuchin announced the sanctions.")
    assert "Treasury" not in _labels(found)


def test_positive_control_secretary_general_and_secretary_of_state_keep_their_organisation(ex):
    assert ("Ahmed Aboul Gheit", "leaderOf", "Arab League") in triples(
        ex, "Arab League Secretary General Ahmed Aboul Gheit condemned the strike.")
    assert ("Mike Pompeo", "memberOf", "United States") in triples(ex, "US Secretary of State Mike Pompeo warned Iran.")


def test_unknown_organisation_before_secretary_general_is_kept(ex):
    found = triples(ex, "The Arab Maghreb Union Secretary General Taieb Baccouche condemned the strike.")
    assert ("Taieb Baccouche", "leaderOf", "Arab Maghreb Union") in found


def test_commander_in_chief_in_apposition_leads_the_organisation(ex):
    found = triples(ex, "Reza Karimi, the commander in chief of the Basij, denied the report.")
    assert ("Reza Karimi", "leaderOf", "Basij") in found


def test_positive_control_commander_in_a_place_is_no_membership(ex):
    found = triples(ex, "Reza Karimi, a commander in Iraq, denied the report.")
    assert not any(p in ("memberOf", "leaderOf") for _, p, _ in found)


def test_possessed_chief_of_staff_apposed_to_a_name(ex):
    found = triples(ex, "The Basij's chief of staff, Reza Karimi, denied the report.")
    assert ("Reza Karimi", "leaderOf", "Basij") in found
