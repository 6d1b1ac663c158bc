"""Finding actor mentions in a parsed document.

Three sources, in order of trust:

1. the knowledge-base gazetteer: every label of every actor, matched on
   folded tokens (case-insensitive, accents and apostrophes folded), with
   acronyms matched case-sensitively; the longest match wins, so
   "Kataib Hezbollah" is never read as "Hezbollah";
2. spaCy's named entities (PERSON, ORG, NORP, GPE) that the gazetteer did not
   cover: candidates for variant matching or minting;
3. anaphora: personal pronouns and nominals such as "the group" (resolved
   later, in :mod:`graph.extract.resolve`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..kb.knowledge_base import MIN_FOLDED_ACRONYM, KnowledgeBase
from ..kb.normalize import label_key
from ..kb.patterns import Patterns
from ..vocab import PERSON_CLASSES
from .discourse import anaphor_mentions

__all__ = ["Gazetteer", "RawMention", "find_mentions"]

MAX_LABEL_TOKENS = 10
#: label_key of one token's text, remembered (a news vocabulary repeats; the cache is bounded).
_token_key = lru_cache(maxsize=1 << 16)(label_key)
#: spaCy entity labels that can name an actor (how they are typed and minted is graph.extract.resolve's job).
NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@dataclass
class RawMention:
    """A span of tokens ``[start, end)`` that names, or refers to, an actor."""

    start: int                 # token index
    end: int
    kind: str                  # name | acronym | demonym | ner | pronoun | nominal
    iri: str | None = None     # set for gazetteer matches
    ner_label: str | None = None


class Gazetteer:
    """Token-sequence index of every knowledge-base label."""

    def __init__(self, kb: KnowledgeBase, tokenizer):
        self.kb = kb
        self.folded: dict[tuple[str, ...], tuple[str, str]] = {}
        self.exact: dict[tuple[str, ...], tuple[str, str]] = {}
        for label, kind, iri in kb.all_labels():
            toks = [t.text for t in tokenizer(label)]
            if kind == "acronym":
                self.exact.setdefault(tuple(t for t in toks if t.strip()), (iri, kind))
                if len(label.replace(".", "")) < MIN_FOLDED_ACRONYM:
                    continue                  # "US", "IS": only as written
            key = tuple(k for k in map(label_key, toks) if k)
            if key:
                self.folded.setdefault(key, (iri, kind))
        self.max_len = min(MAX_LABEL_TOKENS, max((len(k) for k in [*self.folded, *self.exact]), default=1))
        # every beginning of a label: a run of tokens that is none cannot grow into a label
        self._folded_starts = {k[:n] for k in self.folded for n in range(1, len(k) + 1)}
        self._exact_starts = {k[:n] for k in self.exact for n in range(1, len(k) + 1)}

    def match(self, doc) -> list[RawMention]:
        texts = [t.text for t in doc]
        keys = [_token_key(t) for t in texts]
        out: list[RawMention] = []
        i, n = 0, len(doc)
        while i < n:
            if not keys[i]:
                i += 1
                continue
            best = None
            # folded, skipping punctuation-only tokens inside the span
            parts: list[str] = []
            j = i
            while j < n and len(parts) < self.max_len:
                if keys[j]:
                    parts.append(keys[j])
                    key = tuple(parts)
                    if key not in self._folded_starts:
                        break
                    hit = self.folded.get(key)
                    if hit and any(c.isupper() for c in doc[i:j + 1].text):
                        best = (j + 1, hit)
                elif texts[j] not in "-'’." and not doc[j].is_space:
                    break
                j += 1
            exact_parts: list[str] = []
            for j in range(i, min(n, i + self.max_len)):
                exact_parts.append(texts[j])
                key = tuple(exact_parts)
                if key not in self._exact_starts:
                    break
                hit = self.exact.get(key)
                if hit and (best is None or j + 1 > best[0]):
                    best = (j + 1, hit)
            if best:
                end, (iri, kind) = best
                out.append(RawMention(i, end, kind, iri=iri))
                i = end
            else:
                i += 1
        return out


def _widen(doc, found: list[RawMention], kb: KnowledgeBase, patterns: Patterns) -> list[RawMention]:
    """Re-read a match inside a longer proper-noun run as the run's own actor.

    'Kataeb Hizbollah fighters': the gazetteer knows 'Hizbollah' (Lebanese
    Hezbollah) but not this spelling of Kataib Hezbollah; the whole run
    'Kataeb Hizbollah' is a transliteration variant of Kataib Hezbollah, so the
    inner match must not stand.
    """
    taken = {i for m in found for i in range(m.start, m.end)}
    out: list[RawMention] = []
    for m in found:
        if m.kind in ("acronym", "demonym"):
            out.append(m)
            continue
        start, end = m.start, m.end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and start - 1 not in taken:
            start -= 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and end not in taken:
            end += 1
        if (start, end) != (m.start, m.end):
            text = doc[start:end].text
            actor = kb.by_label(text) or kb.by_variant(text)
            if actor is not None and actor.iri != m.iri:
                out.append(RawMention(start, end, "name", iri=actor.iri))
                taken.update(range(start, end))
                continue
        first = _given_names_before(doc, m, taken, kb, patterns)
        if first is not None:
            # "Ali Fadlallah" is not the known "Fadlallah": a different person who shares the surname
            out.append(RawMention(first, m.end, "ner", ner_label="PERSON"))
            taken.update(range(first, m.end))
            continue
        out.append(m)
    return out


def _given_names_before(doc, m: RawMention, taken: set[int], kb: KnowledgeBase, patterns: Patterns) -> int | None:
    """Where a longer, unknown person's name starts when a known person's label is preceded by capitalised
    given names that are no title or honorific; None when there are none or the longer name is known."""
    actor = kb.get(m.iri) if m.iri else None
    if actor is None or actor.type not in PERSON_CLASSES:
        return None
    honorifics = patterns.words("honorifics")
    start = m.start
    while start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].lower_.rstrip(".") not in honorifics and (doc[start - 1].lower_,) not in patterns.titles \
            and doc[start - 1].ent_type_ in ("PERSON", ""):
        start -= 1
    if start == m.start:
        return None
    text = doc[start:m.end].text
    known = kb.by_label(text) or kb.by_variant(text)
    return None if known is not None else start


def _drop_nisbas(doc, found: list[RawMention], patterns: Patterns) -> list[RawMention]:
    """A demonym written as 'al-Iraqi' / 'el-Masri' is a person's surname (a nisba), not the state: the
    whole name ('Salem Nasser al-Yemeni') becomes one person mention, and no part of it is matched alone."""
    articles = patterns.words("nisbaArticles")
    names: list[tuple[int, int]] = []
    for m in found:
        if m.kind == "demonym" and m.start >= 2 and doc[m.start - 1].text in ("-", "‐") \
                and doc[m.start - 2].lower_ in articles:
            start = m.start - 2
            while start > 0 and (doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ == "PROPN"
                                 or doc[start - 1].text in ("-", "‐") or doc[start - 1].lower_ in articles):
                start -= 1
            names.append((start, m.end))
    if not names:
        return found
    inside = {i for a, b in names for i in range(a, b)}
    kept = [m for m in found if not any(i in inside for i in range(m.start, m.end))]
    return kept + [RawMention(a, b, "ner", ner_label="PERSON") for a, b in names]


def _office_split(doc, start: int, end: int, heads: frozenset[str]) -> int | None:
    """Where the name starts in a proper-noun run that holds an office ('Trade Minister Ahmed Saleh',
    'Environment Minister'): the token after the last office head, or ``end`` when the head ends the run or
    stands right after it; None when the run holds no office head. The capitalised words before the head name
    the portfolio, never an actor of their own."""
    def head(k: int) -> bool:      # "Secretary General", "Secretary of State" are offices of their own
        return doc[k].lower_ in heads and not (k + 1 < len(doc) and doc[k + 1].lower_ in ("general", "of", "-"))

    last = None
    for k in range(start, end):
        if head(k):
            last = k
    if last is None and end < len(doc) and head(end):
        return end
    return None if last is None else last + 1


def find_mentions(doc, gazetteer: Gazetteer, patterns: Patterns) -> list[RawMention]:
    """All mentions of a spaCy ``Doc``, non-overlapping, in text order."""
    found = _drop_nisbas(doc, _widen(doc, gazetteer.match(doc), gazetteer.kb, patterns), patterns)
    taken = set()
    for m in found:
        taken.update(range(m.start, m.end))
    organs = patterns.words("stateOrganNouns")
    office_heads = patterns.words("portfolioOfficeHeads")
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        if label_key(ent.text) in organs:
            continue    # "Foreign Ministry", "State": an organ, named by its owner elsewhere in the phrase
        span = range(ent.start, ent.end)
        if any(i in taken for i in span):
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        if start < end and doc[end - 1].text in ("'s", "’s", "'"):
            end -= 1
        if ent.label_ in ("PERSON", "ORG") and doc[start].text[:1].isupper():
            # the model often leaves a given name out of the entity ("Harith [Sabbah]"): the proper-noun run is the name
            honorifics = patterns.words("honorifics")
            while start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_.rstrip(".") not in honorifics \
                    and (doc[start - 1].lower_,) not in patterns.titles:
                start -= 1
        label = ent.label_
        if ent.label_ in ("PERSON", "ORG") and start < end:
            cut = _office_split(doc, start, end, office_heads)
            if cut is not None:       # "[Trade] Minister", "[Trade Minister Ahmed Saleh]": the portfolio is no actor
                taken.update(range(start, min(cut, end)))
                start, label = cut, "PERSON"
        if start < end and any(c.isalpha() for c in doc[start:end].text):
            found.append(RawMention(start, end, "ner", ner_label=label))
            taken.update(range(start, end))
    # proper nouns no model tagged: candidates for short forms ("Mahdi" after "Adel Abdul Mahdi")
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and i not in taken and doc[i].text[:1].isupper():
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and j + 1 not in taken:
                j += 1
            cut = _office_split(doc, i, j + 1, office_heads)
            if cut is not None:       # "Environment Minister": an office, not a name
                taken.update(range(i, min(cut, j + 1)))
                if cut >= j + 1:
                    i = j + 1
                    continue
                i = cut
            found.append(RawMention(i, j + 1, "propn"))
            taken.update(range(i, j + 1))
            i = j + 1
        else:
            i += 1
    pronouns = patterns.words("personPronouns")
    nominals = patterns.words("groupNominals") | patterns.words("personNominals")
    for tok in doc:
        if tok.i in taken:
            continue
        if tok.lower_ in pronouns and tok.pos_ == "PRON" or (tok.lower_ in pronouns and tok.tag_ == "PRP$"):
            found.append(RawMention(tok.i, tok.i + 1, "pronoun"))
        elif tok.lower_ == "the" and tok.i + 1 < len(doc):
            for width in (3, 2):
                if tok.i + width <= len(doc):
                    phrase = doc[tok.i:tok.i + width].text.lower()
                    if phrase in nominals and not any(k in taken for k in range(tok.i, tok.i + width)):
                        found.append(RawMention(tok.i, tok.i + width, "nominal"))
                        taken.update(range(tok.i, tok.i + width))
                        break
    taken.update(m.start for m in found if m.kind == "pronoun")
    for start, end, kind in anaphor_mentions(doc, taken, patterns):
        found.append(RawMention(start, end, kind))
        taken.update(range(start, end))
    found.sort(key=lambda m: m.start)
    return found
