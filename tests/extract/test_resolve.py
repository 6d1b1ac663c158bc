"""Resolution: mentions of one document → actors (knowledge base, short forms, variants,
anaphora, minting), unit by unit and then end to end.

Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from graph.kb.knowledge_base import load_knowledge_base, mint_actor
from graph.model import Document
from graph.vocab import ACTOR

from .util import mentions, triples


def resolved(ex, text: str) -> list[tuple[str, str, str]]:
    """(surface text, kind, actor label) of every resolved mention."""
    doc, _, res = mentions(ex, text)
    return [(doc[m.start:m.end].text, m.kind, m.actor.label) for m in res]


# ---------------------------------------------------------------------------
# resolve_mentions, unit by unit
# ---------------------------------------------------------------------------

def test_gazetteer_matches_are_knowledge_base_actors(ex):
    got = resolved(ex, "Kataib Hezbollah and Hezbollah met in Beirut.")
    assert ("Kataib Hezbollah", "name", "Kataib Hezbollah") in got
    assert ("Hezbollah", "name", "Hezbollah") in got


def test_honorifics_are_stripped_and_a_surname_names_the_person_named_before(ex):
    got = resolved(ex, "Sheikh Qais al-Khazali spoke. Khazali said he would return.")
    assert [label for _, _, label in got] == ["Qais al-Khazali"] * 3     # the name, the surname, the pronoun


def test_a_misspelt_surname_of_someone_named_before_is_that_person(ex):
    got = resolved(ex, "Sheikh Qais al-Khazali spoke on Monday. Later Kazali left.")
    assert ("Kazali", "ner", "Qais al-Khazali") in got
    # control: with nobody of that name earlier, the misspelling names no known person
    assert not any(label == "Qais al-Khazali" for _, _, label in resolved(ex, "Later Kazali left the city."))


def test_a_short_form_is_read_only_after_the_full_name(ex):
    got = resolved(ex, "Mahdi met Ali Khamenei. Adel Abdul Mahdi met Ali Khamenei later. Mahdi resigned.")
    first, last = got[0], got[-1]
    assert first[0] == "Mahdi" and first[2] != "Adel Abdul-Mahdi"
    assert last == ("Mahdi", "propn", "Adel Abdul-Mahdi")


def test_a_pronoun_takes_the_nearest_earlier_person_not_an_organisation(ex):
    got = resolved(ex, "Hassan Nasrallah spoke. The Houthis said he was wrong.")
    assert ("he", "pronoun", "Hassan Nasrallah") in got


def test_a_group_nominal_takes_the_nearest_earlier_organisation_and_a_person_nominal_needs_a_person(ex):
    got = resolved(ex, "Hezbollah issued a statement. The group said the minister had resigned.")
    assert ("The group", "nominal", "Hezbollah") in got
    assert not any(text == "the minister" for text, _, _ in got)          # no person before it


def test_unknown_people_are_minted_but_a_lone_given_name_is_not(ex):
    doc, _, res = mentions(ex, "Colonel Jabbar al-Rubaie met Samir. Samir left.")
    by_text = {doc[m.start:m.end].text: m.actor for m in res}
    assert by_text["Jabbar al-Rubaie"].minted and by_text["Jabbar al-Rubaie"].type == "Person"
    assert "Samir" not in by_text


def test_a_transliteration_variant_resolves_to_the_listed_actor(ex):
    kb = load_knowledge_base()
    assert kb.by_label("Kataeb Hizbollah") is None                          # not a listed label
    assert ("Kataeb Hizbollah", "name", "Kataib Hezbollah") in resolved(ex, "Kataeb Hizbollah fighters attacked a base.")


# ---------------------------------------------------------------------------
# End to end
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", ["Kataeb Hizbollah", "Kata'ib Hizballah", "Kataib Hezbollah"])
def test_transliteration_variants_resolve_to_one_actor(ex, spelling):
    assert ("Kataib Hezbollah", "threatens", "Israel") in triples(ex, f"{spelling} threatened Israel on Monday.")


def test_unlisted_spelling_resolves_by_variant_matching(ex):
    kb = load_knowledge_base()
    assert kb.by_label("Asa'ib Ahl el-Haq") is None          # not a listed label …
    assert ("Asaib Ahl al-Haq", "condemns", "United States") in triples(
        ex, "Asa'ib Ahl el-Haq condemned the United States.")   # … still the same actor


# (what the test shows, sentence, triples it must yield)
YIELDS = [
    ("aliases and metonyms", "Hashd al-Shaabi fighters attacked Islamic State positions. Washington praised Baghdad.",
     {("Popular Mobilization Forces", "attacks", "Islamic State"), ("United States", "supports", "Iraq")}),
    ("nationality adjectives map to states",
     "The Iranian-backed militia Kataib Hezbollah attacked American soldiers near Baghdad.",
     {("Kataib Hezbollah", "backedBy", "Iran"), ("Kataib Hezbollah", "attacks", "United States")}),
    ("a surname names the full name mentioned earlier",
     "Faleh al-Khazali praised Iran. Khazali also condemned Washington.",
     {("Faleh al-Khazali", "condemns", "United States")}),
    ("a pronoun names the nearest person", "Hassan Nasrallah spoke on Friday. He warned Israel of a harsh response.",
     {("Hassan Nasrallah", "threatens", "Israel")}),
    ("a group nominal names the nearest organisation",
     "Kataib Hezbollah issued a statement on Tuesday. The group vowed revenge against the United States.",
     {("Kataib Hezbollah", "threatens", "United States")}),
    ("Hezbollah, Kataib Hezbollah and Nujaba stay apart",
     "Hezbollah, Kataib Hezbollah and Harakat Hezbollah al-Nujaba all condemned Israel.",
     {("Hezbollah", "condemns", "Israel"), ("Kataib Hezbollah", "condemns", "Israel"),
      ("Harakat Hezbollah al-Nujaba", "condemns", "Israel")}),
    ("a short Mahdi after the prime minister",
     "Adel Abdul-Mahdi met officials on Monday. Mahdi, who is backed by Iran, later resigned.",
     {("Adel Abdul-Mahdi", "backedBy", "Iran")}),
    ("the Fatah Alliance is not Fatah",
     "The Fatah Alliance demanded the expulsion of US troops. Fatah condemned Hamas.",
     {("Fatah Alliance", "opposes", "United States"), ("Fatah", "condemns", "Hamas")}),
    ("Qais and Faleh al-Khazali stay apart", "Qais al-Khazali condemned Israel. Faleh al-Khazali praised Iran.",
     {("Qais al-Khazali", "condemns", "Israel"), ("Faleh al-Khazali", "supports", "Iran")}),
]


@pytest.mark.parametrize("text,expected", [y[1:] for y in YIELDS], ids=[y[0] for y in YIELDS])
def test_resolution_end_to_end(ex, text, expected):
    assert expected <= triples(ex, text)


def test_unknown_actors_are_minted_with_stable_iris(ex):
    text = "Colonel Jabbar al-Rubaie, a commander in northern Iraq, threatened Turkey."
    first = ex.extract(Document(id="a.txt", text=text))
    second = ex.extract(Document(id="b.txt", text="Turkey condemned Jabbar al-Rubaie on Sunday."))
    subj = next(s.subject for s in first if s.predicate == "threatens")
    obj = next(s.object for s in second if s.predicate == "condemns")
    assert subj.minted and subj.type == "Person" and subj.label == "Jabbar al-Rubaie"
    assert subj.iri == obj.iri == mint_actor("Jabbar al-Rubaie", "Person").iri
    assert subj.iri.startswith(str(ACTOR["minted/"]))


# ---------------------------------------------------------------------------
# Collision guards
# ---------------------------------------------------------------------------

def test_inner_match_does_not_steal_a_longer_name(ex):
    assert ("Hezbollah", "attacks", "United States") in triples(ex, "American soldiers were attacked by Hezbollah fighters.")
    got = triples(ex, "American soldiers were attacked by Kataeb Hizbollah fighters.")
    assert ("Kataib Hezbollah", "attacks", "United States") in got
    assert not any(s == "Hezbollah" for s, _, _ in got)


def test_mahdi_in_three_names(ex):
    got = triples(ex, "Abu Mahdi al-Muhandis was killed by a US strike. The Mahdi Army condemned the United States. "
                      "Prime Minister Adel Abdul-Mahdi condemned the strike.")
    assert ("United States", "attacks", "Abu Mahdi al-Muhandis") in got
    assert ("Mahdi Army", "condemns", "United States") in got
    assert ("Adel Abdul-Mahdi", "condemns", "United States") in got
    assert not any("Mahdi Army" in (s, o) and "Abu Mahdi al-Muhandis" in (s, o) for s, _, o in got)


def test_a_judged_person_is_the_object(ex):
    """The positive control of the family-member test below."""
    assert ("Israel", "condemns", "Hassan Nasrallah") in triples(ex, "Israel condemned Hassan Nasrallah.")


def test_a_family_member_is_not_the_person(ex):
    assert ("Israel", "condemns", "Hassan Nasrallah") not in triples(ex, "Israel condemned Hassan Nasrallah's son.")
