"""Text normalisation for matching actor names.

Two keys are used:

* :func:`label_key` — the exact-match key (case, accents, apostrophes,
  punctuation and a leading "the" folded away), the same folding the
  evaluation scorer applies.
* :func:`variant_key` — a looser transliteration key for spellings that the
  knowledge base does not list (Kataib/Kataeb/Kata'ib, Hezbollah/Hizballah,
  Qasem/Qassem/Ghasem, al-/el-, doubled letters, ou/u). Only used together
  with a fuzzy score and a uniqueness check, never alone.
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u02be\u02bf\u0060\u00b4\u02b9"
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
_POSSESSIVE_RE = re.compile(r"'s\b")
_PUNCT_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s+")
_ARTICLES = {"al", "el", "ul", "an", "ad", "as", "ash", "at", "az", "ar", "the"}


#: Arabic articles left out of a person's name tokens ("Qais al-Khazali" → qais, khazali).
NAME_ARTICLES = frozenset({"al", "el"})


def name_tokens(text: str) -> list[str]:
    """Folded tokens of a name without its articles, for surname and short-form matching."""
    return [t for t in label_key(text).split() if t not in NAME_ARTICLES]


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def label_key(text: str) -> str:
    """Fold a label for exact matching: 'The Kata’ib Hizballah' → 'kataib hizballah'."""
    text = strip_accents(text).casefold()
    text = _APOS_RE.sub("'", text)
    text = _POSSESSIVE_RE.sub("", text)
    text = text.replace("'", "")
    text = _PUNCT_RE.sub(" ", text)
    text = _SPACE_RE.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


# Ordered rewrites applied to each token of a label key.
_TOKEN_REWRITES = (
    ("ck", "k"), ("gh", "q"), ("kh", "x"), ("sh", "c"), ("ch", "c"), ("th", "t"), ("dh", "z"),
    ("q", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("w", "u"), ("y", "i"),
)
_VOWELS_RE = re.compile(r"[aeiou]")
_DOUBLE_RE = re.compile(r"(.)\1+")


def _token_skeleton(token: str) -> str:
    for old, new in _TOKEN_REWRITES:
        token = token.replace(old, new)
    head, tail = token[:1], _VOWELS_RE.sub("", token[1:])
    if head in "aeiou":
        head = "a"          # Ismail / Esmail, Omar / Umar
    return _DOUBLE_RE.sub(r"\1", head + tail)


def variant_key(text: str) -> str:
    """Consonant skeleton of a name, tolerant of transliteration.

    'Kata'ib Hizballah', 'Kataeb Hezbollah' and 'Kataib Hizbullah' share a key;
    'al-' / 'el-' and similar Arabic articles are dropped, both as separate
    tokens and when glued with a hyphen.
    """
    key = label_key(re.sub(r"\b(?:al|el|ul|ad|as|ash|at|az|ar)-", " ", text, flags=re.I))
    tokens = [t for t in key.split() if t not in _ARTICLES]
    return " ".join(_token_skeleton(t) for t in tokens)
