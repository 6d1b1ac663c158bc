"""Text before parsing: datelines, Title Case headlines, abbreviated ranks; offsets stay on the original.

Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from graph.nlp.text import is_title_case, prepare

from .util import statements as _statements
from .util import triples


def statements(ex, text: str) -> list:
    return _statements(ex, text, negated=None)


@pytest.mark.parametrize("text,rest", [
    ("MOSUL — The brigade left the city.", "The brigade left the city."),
    ("SANAA: The rebels fired a missile.", "The rebels fired a missile."),
    ("TYRE, Lebanon (AP) -- Rockets fell on the port.", "Rockets fell on the port."),
    ("Erbil/Sulaimaniyah: Drones hit two bases.", "Drones hit two bases."),
    ("Amman (Reuters) - The king flew to Cairo.", "The king flew to Cairo."),
    ("Tripoli. Fighting resumed on Tuesday.", "Fighting resumed on Tuesday."),
])
def test_datelines_are_blanked_and_lengths_kept(text, rest):
    out = prepare(text)
    assert len(out) == len(text)
    assert out.strip() == rest
    assert out.endswith(rest)


@pytest.mark.parametrize("text", [
    "Jordan: we will not allow our airspace to be used.",     # a speaker, not a dateline
    "Mr. Karimi said the talks failed.",
    "UN-backed forces entered the town.",
    "NATO said it would send more ships.",
])
def test_positive_controls_that_are_not_datelines(text):
    assert prepare(text, abbreviations=frozenset({"mr."})) == text


def test_title_case_headline_is_truecased_names_kept():
    text = "Militia Vows Revenge On Rival Commanders After Ambush\n\nThe militia said it lost nine men near Kirkuk."
    out = prepare(text, common={"vow", "revenge", "rival", "commander", "ambush"}.__contains__,
                  protected=lambda line: [(0, 7)], function_words=frozenset({"on", "after"}))
    assert out.split("\n")[0] == "Militia vows revenge on rival commanders after ambush"
    assert out[len(out.split("\n")[0]):] == text[len(text.split("\n")[0]):]


def test_headline_words_the_body_capitalises_stay_names():
    text = "Delegates Meet Khalaf In Basra\n\nOn Monday the governor met Khalaf twice."
    out = prepare(text, common={"delegate", "meet", "in"}.__contains__, function_words=frozenset({"in"}))
    assert out.startswith("Delegates meet Khalaf in Basra")


@pytest.mark.parametrize("line,expected", [
    ("Rebels Seize Second Airport As Talks Stall", True),
    ("Rebels seize second airport as talks stall", False),        # sentence case: parsed as written
    ("The rebels seized the airport. Talks stalled.", False),
    ("Gaza", False),
])
def test_title_case_detection(line, expected):
    assert is_title_case(line, frozenset({"as"})) is expected


def test_headline_relation_found_only_after_truecasing(ex):
    text = "Houthis Threaten Saudi Arabia With New Missile Attacks\n\nThe statement came on Monday."
    assert ("Houthis", "threatens", "Saudi Arabia") in triples(ex, text)
    # positive control: the same headline in sentence case was always read
    assert ("Houthis", "threatens", "Saudi Arabia") in triples(
        ex, "Houthis threaten Saudi Arabia with new missile attacks\n\nThe statement came on Monday.")


def test_evidence_is_cut_from_the_original_text(ex):
    text = "Houthis Threaten Saudi Arabia With New Missile Attacks\n\nThe statement came on Monday."
    st = next(s for s in statements(ex, text) if s.predicate == "threatens")
    assert st.evidence.sentence == "Houthis Threaten Saudi Arabia With New Missile Attacks"
    assert text[st.evidence.start:st.evidence.end].strip() == st.evidence.sentence


def test_a_dateline_is_not_read_as_the_subject(ex):
    text = "TEHRAN — Kataib Hezbollah fighters fired rockets at a US base."
    found = triples(ex, text)
    assert ("Kataib Hezbollah", "attacks", "United States") in found
    assert not any(s == "Iran" for s, _, _ in found)


def test_abbreviated_ranks_do_not_end_the_sentence(ex):
    doc = ex.nlp(ex.parse_text("Brig. Gen. Ali Fadavi of the IRGC said the navy was ready. It was late."))
    sents = [s.text for s in doc.sents]
    assert sents[0].startswith("Brig. Gen. Ali Fadavi")
    assert len(sents) == 2            # positive control: the real full stop still ends the sentence
    assert [t.text for t in doc[:2]] == ["Brig.", "Gen."]


@pytest.mark.parametrize("text,token", [
    ("The Arab League secretary-general, Salim Haddad, flew to Doha.", "secretary-general"),
    ("Hezbollah's Secretary-General met the envoy.", "Secretary-General"),
    ("The army's commander-in-chief, Karim Fares, resigned.", "commander-in-chief"),
])
def test_hyphenated_titles_are_one_token(ex, text, token):
    assert token in [t.text for t in ex.nlp(text)]


def test_positive_control_other_hyphenated_words_still_split(ex):
    assert "-" in [t.text for t in ex.nlp("The Iran-backed militia fired rockets.")]


def test_hyphenated_title_makes_a_leader_and_hides_no_nominal(ex):
    found = triples(ex, "Hezbollah's secretary-general, Naim Qassem, threatened Israel on Sunday.")
    assert ("Naim Qassem", "leaderOf", "Hezbollah") in found
    doc = ex.nlp("The commander-in-chief of the army, Karim Fares, resigned.")
    assert "commander" not in [t.text for t in doc]        # "the commander" cannot be read inside it
