"""Resolving mentions to actors, within one document.

Rules, in order:

* gazetteer matches are already actors of the knowledge base;
* a named entity is looked up by its full text, then without honorifics,
  then as a short form (surname or given name) of a person already named in
  the document ("Khazali" → the Qais al-Khazali mentioned before), then by
  transliteration variant (unique answers only), else it is **minted** as a new
  actor with a stable IRI derived from its normalised name;
* pronouns, nominals and bare premodifiers ("he", "its", "the militia",
  "the hardline faction", "a movement spokesman") take the most salient
  earlier actor of a fitting type and number (:mod:`graph.extract.discourse`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..kb.knowledge_base import KnowledgeBase, mint_actor
from ..extract.discourse import ARMED_TYPES, ORG_TYPES, PARTY_TYPES, PERSON_TYPES, STATE_TYPES, Discourse
from ..extract.mentions import RawMention
from ..model import Actor
from ..kb.normalize import label_key, name_tokens
from ..kb.patterns import Patterns
from ..vocab import ORGANISATION_CLASSES, PERSON_CLASSES, STATE_CLASS

__all__ = ["ResolvedMention", "resolve_mentions"]

NER_TYPES = {"PERSON": PERSON_CLASSES, "ORG": ORGANISATION_CLASSES + (STATE_CLASS,), "GPE": (STATE_CLASS,),
             "NORP": None}
MINT_TYPES = {"PERSON": "Person", "ORG": "Organization"}
SHORT_FORM_RATIO = 85     # rapidfuzz ratio for a misspelt short form of a name already in the document
_EDITORIAL_RE = re.compile(r"[\[\]]")    # an editor's brackets inside a name: "[Tom] Barrak"


@dataclass
class ResolvedMention:
    start: int                  # token indices [start, end)
    end: int
    kind: str
    actor: Actor
    #: for an anaphor: the head token of the mention it was resolved to (cross-sentence evidence)
    antecedent: int | None = None

    @property
    def is_person(self) -> bool:
        return self.actor.type in PERSON_CLASSES


def _strip_honorifics(tokens: list[str], honorifics: frozenset[str]) -> list[str]:
    i = 0
    while i < len(tokens) - 1 and tokens[i].lower().rstrip(".") in honorifics:
        i += 1
    return tokens[i:]


def resolve_mentions(doc, raw: list[RawMention], kb: KnowledgeBase, patterns: Patterns) -> list[ResolvedMention]:
    """Actors for the mentions of one parsed document (unresolvable ones are left out)."""
    honorifics = patterns.words("honorifics")
    person_nominals = patterns.words("personNominals")
    state_nominals = patterns.words("stateNominals")
    collective = patterns.words("collectivePronouns")
    plural_pronouns = patterns.words("pluralPronouns")
    armed_heads, party_heads = patterns.words("armedGroupHeads"), patterns.words("partyHeads")
    discourse = Discourse(doc)
    out: list[ResolvedMention] = []
    short_forms: dict[str, Actor] = {}      # folded surname / given name → person named earlier

    def remember(actor: Actor, surface: str) -> None:
        if actor.type not in PERSON_CLASSES:
            return
        for text in (surface, actor.label):
            toks = _strip_honorifics(name_tokens(text), honorifics)
            if len(toks) >= 2:
                short_forms[toks[-1]] = actor
                short_forms.setdefault(toks[0], actor)

    def antecedent(pos: int, types: tuple[str, ...], plural: bool | None = None):
        ref = discourse.antecedent(pos, types, plural=plural)
        return (ref.actor, ref.token) if ref is not None else (None, None)

    bodies = patterns.words("internalBodies")
    internal: list[RawMention] = []
    for m in raw:
        span = doc[m.start:m.end]
        actor: Actor | None = None
        ante: int | None = None
        if m.kind in ("ner", "propn") and label_key(span.text) in bodies:
            internal.append(m)           # resolved to its organisation once every name is known
            continue
        if m.iri:
            actor = kb.get(m.iri)
        elif m.kind == "ner":
            actor = _resolve_name(span, m.ner_label, kb, honorifics, short_forms,
                                  typed=_typed_by_context(span, patterns))
        elif m.kind == "propn":
            typed = _typed_by_context(span, patterns)
            actor = _resolve_name(span, None, kb, honorifics, short_forms, mint=typed == "Person", typed=typed)
        elif m.kind == "pronoun":
            word = span.text.lower()
            if word in collective:
                plural = word in plural_pronouns
                actor, ante = antecedent(m.start, ORG_TYPES if plural else ORG_TYPES + STATE_TYPES, plural)
            else:
                actor, ante = antecedent(m.start, PERSON_TYPES)
        elif m.kind == "nominal":
            text = span.text.lower()
            head = doc[m.end - 1].lemma_.lower()
            types = PERSON_TYPES if text in person_nominals else STATE_TYPES if text in state_nominals \
                else ARMED_TYPES if head in armed_heads else PARTY_TYPES if head in party_heads else ORG_TYPES
            actor, ante = antecedent(m.start, types)
        if actor is None:
            continue
        out.append(ResolvedMention(m.start, m.end, m.kind, actor, ante))
        discourse.observe(actor, m.start, m.end, m.kind)
        if m.kind in ("name", "ner", "propn"):
            remember(actor, span.text)
    for m in internal:
        owner = _body_owner(doc, m, out)
        if owner is not None:
            bisect.insort(out, ResolvedMention(m.start, m.end, "name", owner.actor), key=lambda x: x.start)
    return out


def _same_name_length(actor: Actor, keys: list[str]) -> bool:
    return any(len(name_tokens(label)) == len(keys) for label in actor.labels)


def _body_owner(doc, m: RawMention, resolved: list[ResolvedMention]) -> ResolvedMention | None:
    """The organisation an internal body belongs to: 'the Political Bureau *of Hamas*', '*Hamas's* …',
    '*the PKK* Central Committee'."""
    at = {i: r for r in resolved for i in range(r.start, r.end)}
    head = doc[m.start]
    while m.start <= head.head.i < m.end and head.head.i != head.i:
        head = head.head
    cands = [gc for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for gc in c.children
             if gc.dep_ == "pobj"]
    cands += [c for c in head.children if c.dep_ in ("poss", "compound", "nmod") and not m.start <= c.i < m.end]
    if m.start > 0:
        cands.append(doc[m.start - 1])
    for tok in cands:
        r = at.get(tok.i)
        if r is not None and not r.is_person and r.kind not in ("pronoun",):
            return r
    return None


def _typed_by_context(span, patterns: Patterns) -> str | None:
    """The class the text gives an unknown name, whatever the NER said: a person when a title is in
    apposition, right before it or after 'served/worked as' ("Harith Sabbah, a spokesman for …",
    "commander Jawad Tellawi", "worked as a field coordinator"); an armed group or an organisation when a
    group noun is in apposition ("Saraya Awliya al-Dam, a shadowy militia")."""
    doc, head = span.doc, span.root
    titles = patterns.titles

    def title(t) -> bool:
        return t.pos_ in ("NOUN", "PROPN") and ((t.lower_,) in titles or (t.lemma_.lower(),) in titles)

    near = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        near.append(head.head)
    if head.dep_ in ("nsubj", "nsubjpass"):
        near += [g for c in head.head.children if c.dep_ == "prep" and c.lower_ == "as"
                 for g in c.children if g.dep_ == "pobj"]
    first = doc[span.start]
    if title(first) and span.end - span.start > 2 or span.start > 0 and title(doc[span.start - 1]):
        return "Person"
    for t in near:
        if title(t):
            return "Person"
        lemma = t.lemma_.lower()
        if lemma in patterns.words("armedGroupHeads"):
            return "ArmedGroup"
        if lemma in patterns.words("anaphoricGroupHeads"):
            return "Organization"
    return None


def _resolve_name(span, ner_label: str | None, kb: KnowledgeBase, honorifics: frozenset[str],
                  short_forms: dict[str, Actor], mint: bool = True, typed: str | None = None) -> Actor | None:
    text = " ".join(_EDITORIAL_RE.sub(" ", span.text).split())   # "[Tom] Barrak": the inserted name is part of it
    actor = kb.by_label(text)
    if actor:
        return actor
    tokens = _strip_honorifics(text.split(), honorifics)
    bare = " ".join(tokens)
    if bare != text:
        actor = kb.by_label(bare)
        if actor:
            return actor
    keys = name_tokens(bare)
    if len(keys) == 1 and keys[0] in short_forms:
        return short_forms[keys[0]]
    if len(keys) == 1 and len(keys[0]) >= 5:
        # a misspelt surname of someone named earlier ("Kazali" after "Qais al-Khazali"): unique close match only
        close = {a.iri: a for k, a in short_forms.items() if fuzz.ratio(keys[0], k) >= SHORT_FORM_RATIO}
        if len(close) == 1:
            return next(iter(close.values()))
    if ner_label == "PERSON" and len(keys) >= 2 and keys[-1] in short_forms \
            and label_key(short_forms[keys[-1]].label).split()[0] == keys[0]:
        return short_forms[keys[-1]]
    types = NER_TYPES.get(ner_label or "")
    # the statistical NER often types Arabic organisation names as persons: try its type first, then any
    actor = kb.by_variant(bare, types) or (kb.by_variant(bare) if types else None)
    if actor and actor.type in PERSON_CLASSES and not _same_name_length(actor, keys):
        actor = None             # a partial name is never completed into a different, longer known name
    if actor:
        return actor
    typ = typed or MINT_TYPES.get(ner_label or "")
    if typ is None or not mint:
        return None
    if typ == "Person" and len(keys) < 2:
        return None          # a lone unknown given name is not enough to mint a person
    return mint_actor(bare, typ)
