"""Clausal frames: urging verbs with a complement clause, demands for a halt, refusals that threaten,
relation verbs (suspend, pressure), demonym targets and patron compounds.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from .util import triples


def test_call_for_a_coordinated_pair_to_act_urges_both(ex):
    found = triples(ex, "Norway called for Egypt and Qatar to resume the talks.")
    assert ("Norway", "urges", "Egypt") in found
    assert ("Norway", "urges", "Qatar") in found


def test_demand_that_x_act_urges_x(ex):
    found = triples(ex, "Jordan demanded that Hamas free the hostages.")
    assert ("Jordan", "urges", "Hamas") in found


def test_reported_fact_after_that_is_no_urge_but_a_demand_is(ex):
    # negative: a past-tense report after 'said that' urges nobody; positive control: the same frame demanded
    assert not any(p == "urges" for _, p, _ in triples(ex, "Jordan said that Hamas freed the hostages."))
    assert ("Jordan", "urges", "Hamas") in triples(ex, "Jordan asked that Hamas free the hostages.")


def test_a_demand_to_leave_opposes(ex):
    found = triples(ex, "Baghdad demanded that American troops leave the bases.")
    assert ("Iraq", "opposes", "United States") in found
    assert ("Iraq", "urges", "United States") not in found


def test_a_demand_for_a_halt_to_someones_operations_urges_their_author(ex):
    found = triples(ex, "Egypt demanded an end to Israel's raids in the camps.")
    assert ("Egypt", "urges", "Israel") in found


def test_a_halt_to_a_victims_ordeal_urges_no_victim(ex):
    # negative: the halt names no author; positive control: an author named in the halted action
    assert not any(p == "urges" for _, p, _ in triples(ex, "Egypt called for a halt to the suffering of Gaza."))
    assert ("Egypt", "urges", "Israel") in triples(ex, "Egypt called for a halt to the Israeli strikes.")


def test_a_promise_not_to_allow_someone_to_act_threatens_them(ex):
    found = triples(ex, "The Houthis warned they would never allow Saudi Arabia to enter Sanaa.")
    assert ("Houthis", "threatens", "Saudi Arabia") in found


def test_allowing_is_no_threat(ex):
    # negative: a promise to allow; positive control: the refusal
    assert not any(p == "threatens" for _, p, _ in triples(ex, "Hezbollah said it would allow Israel to inspect the site."))
    assert ("Hezbollah", "threatens", "Israel") in triples(ex, "Hezbollah said it would not allow Israel to inspect the site.")


def test_an_organisation_suspending_a_member_opposes_it(ex):
    found = triples(ex, "The African Union suspended Niger after the coup.")
    assert ("African Union", "opposes", "Niger") in found


def test_suspending_talks_opposes_nobody(ex):
    # negative: what is suspended is no actor; positive control: pressure on an actor
    assert not any(p == "opposes" for _, p, _ in triples(ex, "Kuwait suspended the talks with Iran."))
    assert ("Kuwait", "opposes", "Iran") in triples(ex, "Kuwait pressured Iran to release the sailors.")


def test_the_agent_of_an_event_hung_on_its_target_is_its_author(ex):
    found = triples(ex, "Cairo denounced the raid on the consulate by the Houthis.")
    assert ("Egypt", "condemns", "Houthis") in found


def test_a_demonym_on_a_target_noun_names_the_attacked(ex):
    found = triples(ex, "Israeli jets hit Syrian air defences and Iranian outposts near Damascus.")
    assert ("Israel", "attacks", "Syria") in found
    assert ("Israel", "attacks", "Iran") in found


def test_a_target_noun_without_an_owner_names_nobody(ex):
    # negative: 'air defences' with no modifier; positive control: the demonym on the same noun
    assert not any(p == "attacks" for _, p, _ in triples(ex, "Israeli jets hit air defences near Damascus."))
    assert ("Israel", "attacks", "Syria") in triples(ex, "Israeli jets hit Syrian air defences near Damascus.")


def test_a_call_for_calm_between_two_named_parties_urges_both(ex):
    found = triples(ex, "Turkey called for a ceasefire between Armenia and Azerbaijan.")
    assert ("Turkey", "urges", "Armenia") in found
    assert ("Turkey", "urges", "Azerbaijan") in found


def test_the_two_sides_are_the_pair_just_named(ex):
    found = triples(ex, "India and Pakistan traded artillery fire. China then called for restraint between the two sides.")
    assert ("China", "urges", "India") in found
    assert ("China", "urges", "Pakistan") in found


def test_the_two_sides_with_no_pair_named_urge_nobody(ex):
    # negative: no coordinated pair before; positive control: a pair named in the sentence before
    assert not any(p == "urges" for _, p, _ in triples(ex, "China called for dialogue between the two countries."))
    found = triples(ex, "India and Pakistan met in Geneva. China called for dialogue between the two countries.")
    assert ("China", "urges", "Pakistan") in found


def test_a_quantity_stands_for_what_it_counts(ex):
    assert ("Israel", "attacks", "Hezbollah") in triples(ex, "Israel bombed scores of Hezbollah depots on Friday.")
    assert ("Qatar", "condemns", "Israel") in triples(ex, "Qatar condemned a wave of Israeli raids on Jenin.")


def test_a_quantity_of_unowned_things_names_nobody(ex):
    # negative: the counted targets have no owner; positive control: the same with a demonym
    assert not any(p == "attacks" for _, p, _ in triples(ex, "Israel bombed scores of depots on Friday."))
    assert ("Israel", "attacks", "Iran") in triples(ex, "Israel bombed scores of Iranian depots on Friday.")


def test_an_attack_from_a_group_is_the_groups(ex):
    assert ("Egypt", "condemns", "Palestinian Islamic Jihad") in triples(
        ex, "Egypt condemned the rocket attacks from Palestinian Islamic Jihad.")


def test_an_attack_from_a_country_names_a_place_not_an_author(ex):
    # negative: 'from Syria' is where the rockets came from; positive control: 'from Hezbollah'
    assert not any(p == "condemns" for _, p, _ in triples(ex, "Jordan condemned the rocket attacks from Syria."))
    assert ("Jordan", "condemns", "Hezbollah") in triples(ex, "Jordan condemned the rocket attacks from Hezbollah.")


def test_an_organ_from_a_state_acts_for_it(ex):
    assert ("Turkey", "attacks", "Syrian Democratic Forces") in triples(
        ex, "Warplanes from Turkey bombed the Syrian Democratic Forces near Kobani.")


def test_retaliation_for_authorless_strikes_targets_the_author_just_reported(ex):
    found = triples(ex, "American drones struck Kataib Hezbollah depots on Sunday. "
                        "Kataib Hezbollah threatened retaliation for the wave of strikes on its bases.")
    assert ("Kataib Hezbollah", "threatens", "United States") in found


def test_retaliation_for_a_non_violent_act_guesses_no_author(ex):
    # negative: the avenged act is a decision, not a violent event; positive control: the strikes
    text = "American drones struck Kataib Hezbollah depots on Sunday. Kataib Hezbollah threatened retaliation for {}."
    assert ("Kataib Hezbollah", "threatens", "United States") not in triples(ex, text.format("the new tax law"))
    assert ("Kataib Hezbollah", "threatens", "United States") in triples(ex, text.format("the strikes"))


def test_the_verb_support_is_backing(ex):
    found = triples(ex, "Tehran has long supported Palestinian Islamic Jihad.")
    assert ("Palestinian Islamic Jihad", "backedBy", "Iran") in found
    assert ("Iran", "supports", "Palestinian Islamic Jihad") not in found


def test_praise_stays_expressed_support(ex):
    # negative: praise is no backing; positive control: the verb 'support' on the same pair
    found = triples(ex, "Tehran praised Palestinian Islamic Jihad.")
    assert ("Iran", "supports", "Palestinian Islamic Jihad") in found
    assert ("Palestinian Islamic Jihad", "backedBy", "Iran") not in found
    assert ("Palestinian Islamic Jihad", "backedBy", "Iran") in triples(ex, "Tehran supported Palestinian Islamic Jihad.")


def test_telling_an_actor_to_act_urges_it(ex):
    assert ("Joe Biden", "urges", "Benjamin Netanyahu") in triples(ex, "Joe Biden told Benjamin Netanyahu to pause the offensive.")


def test_telling_unnamed_people_urges_no_actor(ex):
    # negative: the addressees are no actor; positive control: a named addressee
    assert not any(p == "urges" for _, p, _ in triples(ex, "Joe Biden told reporters to expect a deal."))
    assert ("Joe Biden", "urges", "Qatar") in triples(ex, "Joe Biden told Qatar to expect a deal.")


def test_refusing_to_allow_a_named_presence_threatens_its_owner(ex):
    assert ("Israel", "threatens", "Iran") in triples(
        ex, "Israel warned it would not allow the Iranian presence to expand in Lebanon.")


def test_the_start_of_operations_is_carried_out_by_the_announcer(ex):
    found = triples(ex, "Netanyahu announced the launch of operations against Hamas in Rafah.")
    assert ("Benjamin Netanyahu", "attacks", "Hamas") in found
    assert ("Israel", "attacks", "Hezbollah") in triples(ex, "Israel launched a fresh round of strikes on Hezbollah.")


def test_the_end_of_operations_is_no_attack(ex):
    # negative: an end is no phase of the attack; positive control: its start
    text = "Netanyahu announced the {} of operations against Hamas in Rafah."
    assert not any(p == "attacks" for _, p, _ in triples(ex, text.format("end")))
    assert ("Benjamin Netanyahu", "attacks", "Hamas") in triples(ex, text.format("start"))


def test_a_state_suspended_by_an_organisation_is_its_member(ex):
    assert ("Niger", "memberOf", "African Union") in triples(ex, "The African Union suspended Niger after the coup.")


def test_a_state_suspending_a_state_makes_no_member(ex):
    # negative: a state suspends another's flights, no membership; positive control: an organisation suspends a state
    assert not any(p == "memberOf" for _, p, _ in triples(ex, "Kuwait suspended Iran after the incident."))
    assert ("Iran", "memberOf", "African Union") not in triples(ex, "The African Union suspended Niger after the coup.")
    assert ("Niger", "memberOf", "African Union") in triples(ex, "The African Union suspended Niger after the incident.")


def test_holding_someone_responsible_accuses_them(ex):
    assert ("Hamas", "accuses", "Israel") in triples(ex, "Hamas holds Israel responsible for the collapse of the truce.")


def test_a_promise_to_hold_someone_accountable_is_a_threat(ex):
    found = triples(ex, "Cairo said it would hold Hamas accountable for any breach.")
    assert ("Egypt", "threatens", "Hamas") in found
    assert ("Egypt", "accuses", "Hamas") not in found


def test_an_aim_to_hold_someone_accountable_accuses_nobody(ex):
    # negative: an effort to hold Y accountable is an aim; positive control: the act itself
    assert not any(p == "accuses" for _, p, _ in triples(
        ex, "Qatar joined the effort to hold Hamas accountable."))
    assert ("Qatar", "accuses", "Hamas") in triples(ex, "Qatar held Hamas accountable.")
