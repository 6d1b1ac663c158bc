"""Affiliation stated in an apposition, a predicate or a relative clause: 'X, a militia with close
ties to Y', 'X, long seen as close to Y', 'X, which has deep links to Y', 'X is close to Y';
:func:`predicated_holder` also gives the modifier rule the actor of 'X, a Tehran-funded militia'."""
from __future__ import annotations

from ...vocab import Rel
from ..clauses import PASSIVE_SUBJ_DEPS, verb_subjects
from ..context import Candidate, DocContext, emit
from ..modality import is_negated
from ..phrases import np_actors, pobjs
from . import rule


def predicated_holder(ctx: DocContext, tok, depth: int = 0) -> list:
    """The actors a noun or adjective phrase is said of: the head of an apposition, the subject of a
    copula or of 'seen as', the noun a participle or relative clause describes, the subject of 'has'."""
    if depth > 3:
        return []
    head = tok.head
    if head.i == tok.i:
        return []
    if tok.dep_ == "appos":
        return np_actors(ctx, head)
    if tok.dep_ in ("attr", "acomp", "oprd") or (tok.dep_ == "dobj" and head.lemma_.lower() in
                                                 ctx.words("possessionVerbs")):
        return verb_subjects(ctx, head) or ([] if head.dep_ not in ("relcl", "acl") else np_actors(ctx, head.head))
    if (tok.dep_ in ("pobj", "amod") and head.lower_ == "as") or (tok.dep_ == "prep" and tok.lower_ == "with"):
        verb = head.head if tok.dep_ != "prep" else head
        if verb.pos_ == "NOUN" or verb.pos_ == "PROPN":
            return np_actors(ctx, verb) or predicated_holder(ctx, verb, depth + 1)   # "a militia with ties to"
        if verb.dep_ in ("acl", "relcl"):
            return np_actors(ctx, verb.head)                                         # "X, long seen as close to"
        passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        return [m for c in passive for m in np_actors(ctx, c)] if passive else verb_subjects(ctx, verb)
    return []


def _described(ctx: DocContext, participle) -> list:
    """What a participle describes: the noun it modifies (and the names apposed to it), or the subject
    of a passive clause."""
    if participle.dep_ == "acl":
        noun = participle.head
        found = np_actors(ctx, noun)
        for c in noun.children:
            if c.dep_ == "appos":
                found += np_actors(ctx, c) + _listed_people(ctx, c)
        return found or predicated_holder(ctx, noun)
    if participle.dep_ in ("acomp", "amod", "attr", "oprd"):
        return predicated_holder(ctx, participle)
    if participle.dep_ == "advcl" and participle.i > 0 and participle.doc[participle.i - 1].lower_ in (",", "—", "–"):
        return verb_subjects(ctx, participle.head)           # "X, affiliated with Y, walked out"
    deps = PASSIVE_SUBJ_DEPS + ("nsubj",) if participle.tag_ == "VBN" else PASSIVE_SUBJ_DEPS
    return [m for c in participle.children if c.dep_ in deps for m in np_actors(ctx, c)]


def _listed_people(ctx: DocContext, tok) -> list:
    """The people of a list of titled names apposed to a noun ('two ministers, Finance Minister A and
    Energy Minister B'), which the parser often nests inside the last name's title."""
    out = []
    for t in tok.subtree:
        m = ctx.mention(t)
        if m is not None and m.is_person and t.dep_ in ("appos", "conj") and t.i != tok.i:
            out.append(m)
    return out


@rule("affiliation", reads=("affiliationNouns", "closenessAdjectives", "possessionVerbs", "affiliationParticiples",
                            "affiliationConfidence"),
      emits=(Rel.alliedWith,))
def affiliation_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    conf = ctx.weight("affiliationConfidence")
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in ctx.words("affiliationNouns") and tok.tag_ == "NNS":
            # "with close ties to Y", "which has deep links to Y"
            partners = [m for gc in pobjs(tok, ("to", "with")) for m in np_actors(ctx, gc)]
            if not partners:
                continue
            holder_tok = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "with" else tok
            holders = predicated_holder(ctx, holder_tok)
        elif tok.pos_ in ("ADJ", "ADV") and lemma in ctx.words("closenessAdjectives") and tok.dep_ != "advmod":
            # "X is close to Y", "X, long seen as close to Y"
            partners = [m for gc in pobjs(tok, ("to",)) for m in np_actors(ctx, gc)]
            holders = predicated_holder(ctx, tok) if partners else []
        elif tok.tag_ in ("VBN", "JJ") and lemma in ctx.words("affiliationParticiples"):
            # "X, a lawmaker aligned with Y", "A and B — affiliated with Y —", "X is affiliated with Y"
            partners = [m for gc in pobjs(tok, ("with", "to")) for m in np_actors(ctx, gc)]
            holders = _described(ctx, tok) if partners else []
        else:
            continue
        if holders and partners:
            neg = is_negated(ctx, tok.head) if tok.head.pos_ in ("VERB", "AUX") else False
            out.extend(emit(ctx, holders, Rel.alliedWith, partners, conf, "affiliation", neg))
    return out


def sided_with(ctx: DocContext, tok) -> bool:
    """Whether a token is the object of 'on the side of' ('fought on the side of X'): X is the one helped."""
    prep = tok.head if tok.dep_ in ("pobj", "conj") else None
    while prep is not None and prep.dep_ == "conj":
        prep = prep.head.head if prep.head.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "of" or prep.head.lemma_.lower() not in ctx.words("allegianceNouns"):
        return False
    side = prep.head
    return side.dep_ == "pobj" and side.head.lower_ in ("on", "at", "by")


@rule("side", reads=("allegianceNouns", "sideBacking"), emits=(Rel.backedBy,))
def side_rule(ctx: DocContext, sent) -> list[Candidate]:
    """'Russia intervened on the side of X', 'fought at the side of X': X is backed by the subject."""
    out: list[Candidate] = []
    for tok in sent:
        if tok.lower_ != "of" or tok.head.lemma_.lower() not in ctx.words("allegianceNouns"):
            continue
        side = tok.head
        if side.dep_ != "pobj" or side.head.lower_ not in ("on", "at", "by") or side.head.head.pos_ not in ("VERB", "AUX"):
            continue
        verb = side.head.head
        helped = [m for gc in pobjs(side, ("of",)) for m in np_actors(ctx, gc)]
        helpers = verb_subjects(ctx, verb)
        if helped and helpers:
            out.extend(emit(ctx, helped, Rel.backedBy, helpers, ctx.weight("sideBacking"), "side",
                            is_negated(ctx, verb)))
    return out
