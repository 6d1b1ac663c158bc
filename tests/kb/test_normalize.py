"""Normalisation of names: the exact-match key and the transliteration key."""
from __future__ import annotations

import pytest

from graph.kb.normalize import label_key, name_tokens, strip_accents, variant_key


@pytest.mark.parametrize("text,key", [
    ("The Kata\u2019ib Hizballah", "kataib hizballah"),      # leading article, curly apostrophe, case
    ("Hizbollah's", "hizbollah"),                           # possessive
    ("Q\u0101sem Soleim\u0101n\u012b", "qasem soleimani"),  # accents
    ("  the  Houthis ", "houthis"),                         # spaces, then the article
    ("Asa'ib Ahl el-Haq", "asaib ahl el haq"),              # hyphen → space, the apostrophe removed
    ("Thereafter Group", "thereafter group"),               # 'the' only as a whole word
    ("U.S.", "u s"),
])
def test_label_key_folds_what_spelling_varies_in(text, key):
    assert label_key(text) == key


def test_label_key_is_idempotent_and_keeps_distinct_names_apart():
    for text in ("The Kata\u2019ib Hizballah", "Asa'ib Ahl el-Haq", "U.S."):
        assert label_key(label_key(text)) == label_key(text)
    assert label_key("Hezbollah") != label_key("Kataib Hezbollah")


def test_strip_accents_keeps_the_letters():
    assert strip_accents("Q\u0101sem \u1e62oleim\u0101n\u012b") == "Qasem Soleimani"


def test_name_tokens_drop_arabic_articles_only():
    assert name_tokens("Qais al-Khazali") == ["qais", "khazali"]
    assert name_tokens("Abu Mahdi el-Muhandis") == ["abu", "mahdi", "muhandis"]
    assert name_tokens("Alan Smith") == ["alan", "smith"]


@pytest.mark.parametrize("a,b", [
    ("Kataib Hezbollah", "Kataeb Hizbollah"),
    ("Kataib Hezbollah", "Kata'ib Hizballah"),
    ("Qasem Soleimani", "Ghasem Soleimani"),
    ("Esmail Qaani", "Ismail Ghaani"),
    ("Abu Mahdi al-Muhandis", "Abu Mahdi el-Mohandes"),
])
def test_transliterations_share_a_variant_key(a, b):
    assert variant_key(a) == variant_key(b)


@pytest.mark.parametrize("a,b", [
    ("Hezbollah", "Hamas"),
    ("Kataib Hezbollah", "Kataib Sayyid al-Shuhada"),
    ("Kataib Hezbollah", "Hezbollah"),
])
def test_different_names_keep_different_variant_keys(a, b):
    assert variant_key(a) != variant_key(b)
