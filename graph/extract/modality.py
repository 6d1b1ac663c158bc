"""Modality of a clause: negation, denial, hedges (an unproven claim), conditionals, promises
(modal or future) and cessation ('suspend attacks').

Every cue word comes from a word list of ``ontology/patterns.ttl``.
"""
from __future__ import annotations

from .clauses import PASSIVE_SUBJ_DEPS, SUBJ_DEPS
from .context import DocContext

__all__ = ["is_negated", "is_modal", "is_conditional", "governors", "cue_negated", "ceased", "promised",
           "has_child_lemma"]


def has_child_lemma(tok, deps: tuple[str, ...], lemmas: frozenset[str]) -> bool:
    return any(c.dep_ in deps and c.lemma_.lower() in lemmas for c in tok.children)


def is_negated(ctx: DocContext, v) -> bool:
    """Negated, denied or reported as an unproven claim."""
    if any(c.dep_ == "neg" for c in v.children):
        return True
    if v.dep_ in ("xcomp", "conj") and any(c.dep_ == "neg" for c in v.head.children) \
            and not any(c.dep_ in SUBJ_DEPS + PASSIVE_SUBJ_DEPS for c in v.children):
        return True
    deny, hedge = ctx.words("negationCues"), ctx.words("hedgeCues")
    t = v
    for _ in range(8):
        if t.head.i == t.i:
            break
        coordinated = t.dep_ == "conj"
        t = t.head
        if coordinated:
            continue          # "denied responsibility and accused Israel": the accusation is not denied
        lemma = t.lemma_.lower()
        if (lemma in deny and t.pos_ == "VERB") or lemma in hedge:
            return True
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in t.children) and v.dep_ in ("xcomp", "advcl"):
            return True       # "was not considering sending fighters to defend Assad"
    for c in v.subtree:
        if c.lemma_.lower() in hedge and c.i < v.i:
            return True
    return False


def is_modal(ctx: DocContext, v) -> bool:
    """Future, modal or intended: the action is promised, not reported as done."""
    modal = ctx.words("modalWords")
    if has_child_lemma(v, ("aux", "auxpass"), modal):
        return True
    tok = v
    for _ in range(3):
        if tok.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acl") and tok.head.i != tok.i:   # acl: "a plan to …"
            head = tok.head
            if head.lemma_.lower() in modal or has_child_lemma(head, ("aux",), modal):
                return True
            if tok.dep_ == "conj":
                tok = head
                continue
        break
    return False


def is_conditional(ctx: DocContext, v) -> bool:
    marks = ctx.words("conditionalMarkers")
    tok = v
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return True
        if tok.dep_ == "conj":
            tok = tok.head
        else:
            break
    return False


def governors(ctx: DocContext, tok) -> list:
    """Heads above a noun through complements only: 'vowed to avenge the attack' but not 'vowed … after the attack'."""
    out, t = [], tok
    adverbial = ctx.words("adverbialPrepositions")
    for _ in range(6):
        head = t.head
        if head.i == t.i:
            break
        if t.dep_ == "pobj" and head.lower_ in adverbial:
            break
        if t.dep_ in ("advcl", "relcl", "acl", "npadvmod"):
            break
        out.append(head)
        t = head
    return out


def cue_negated(ctx: DocContext, tok) -> bool:
    """A threat word under negation or cessation: 'would not attack', 'would suspend attacks'."""
    return is_negated(ctx, tok) or is_negated(ctx, tok.head) or ceased(ctx, tok)


def ceased(ctx: DocContext, tok) -> bool:
    """Governed by a verb that stops it: 'suspend attacks', 'stopped attacking'."""
    cessation = ctx.words("cessationVerbs")
    return any(g.lemma_.lower() in cessation for g in governors(ctx, tok)[:2])


def promised(ctx: DocContext, tok) -> bool:
    """A word in a promised (future or modal) clause: 'our response will be tough'."""
    modal = ctx.words("modalWords")
    for t in (tok, tok.head, tok.head.head):
        if t.lemma_.lower() in modal or has_child_lemma(t, ("aux", "auxpass"), modal):
            return True
    return False
