"""The knowledge base's look-ups: exact labels, acronyms, demonyms, and variants that refuse to guess."""
from __future__ import annotations

from graph.kb.knowledge_base import load_knowledge_base, mint_actor
from graph.kb.normalize import variant_key
from graph.vocab import ACTOR


def test_exact_labels_acronyms_and_demonyms():
    kb = load_knowledge_base()
    assert kb.by_label("the Kata\u2019ib Hezbollah").iri == str(ACTOR["KataibHezbollah"])
    assert kb.by_label("US").iri == str(ACTOR["UnitedStates"])
    assert kb.by_label("us") is None                                      # a short acronym only as written
    assert kb.by_label("Iranian").iri == str(ACTOR["Iran"])


def test_a_variant_that_points_at_one_actor_resolves():
    kb = load_knowledge_base()
    assert kb.by_label("Kataeb Hizbollah") is None
    assert kb.by_variant("Kataeb Hizbollah").iri == str(ACTOR["KataibHezbollah"])


def test_variant_matching_refuses_ambiguous_answers():
    kb = load_knowledge_base()
    # 'Iravany' shares its consonant skeleton with Amir Saeid Iravani (a person) and Yerevan (Armenia) …
    spelling = "Iravany"
    assert kb.by_label(spelling) is None
    assert {kb.actors[i].label for i in kb.variants[variant_key(spelling)]} == {"Amir Saeid Iravani", "Armenia"}
    assert kb.by_variant(spelling) is None                                # … so, untyped, it is never guessed;
    assert kb.by_variant(spelling, ("Person",)).label == "Amir Saeid Iravani"   # typed, it is one actor
    # two ayatollahs, one skeleton: a misspelling of either is neither
    assert kb.by_variant("Ayatolah Khamanei") is None
    assert {kb.actors[i].label for i in kb.variants[variant_key("Ayatolah Khamanei")]} == {
        "Ali Khamenei", "Ruhollah Khomeini"}


def test_minted_actors_have_stable_iris_from_the_folded_name():
    a, b = mint_actor("Jabbar al-Rubaie", "Person"), mint_actor("  Jabbar Al-Rubai'e ", "Person")
    assert a.iri == str(ACTOR["minted/JabbarAlRubaie"]) and a.minted and a.type == "Person"
    assert b.iri == a.iri and b.label == "Jabbar Al-Rubai'e"
