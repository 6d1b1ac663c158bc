"""Possessives between actors: a person's own group ('Sadr reactivated his Mahdi Army') and one
organisation inside another ('the Quds Force of the IRGC')."""
from __future__ import annotations

from ...vocab import LED_GROUP_CLASSES, STATE_BODY_CLASSES, STATE_CLASS, Rel
from ..context import Candidate, DocContext, emit
from ..phrases import mention_head, np_actor, pobjs
from . import rule


@rule("possessive", emits=(Rel.leaderOf,))
def possessive_rule(ctx: DocContext, sent) -> list[Candidate]:
    """A person's own organisation: 'Sadr reactivated his Mahdi Army', 'Mr Sadr, whose Mahdi Army …'."""
    out: list[Candidate] = []
    for m in ctx.mentions_in(sent):
        if m.actor.type not in LED_GROUP_CLASSES:
            continue
        head = mention_head(ctx, m)
        for c in head.children:
            if c.dep_ != "poss":
                continue
            owner = None
            if c.lower_ == "whose":
                rel_verb = head.head
                owner = np_actor(ctx, rel_verb.head) if rel_verb.dep_ == "relcl" else None
            else:
                owner = ctx.by_token.get(c.i)
            if owner is not None and owner.is_person:
                out.extend(emit(ctx, [owner], Rel.leaderOf, [m], ctx.weight("possessiveLeader"), "possessive:leader"))
    return out


@rule("organisation", emits=(Rel.partOf,))
def organisation_part_rule(ctx: DocContext, sent) -> list[Candidate]:
    """'the Quds Force of the IRGC', 'the Revolutionary Guards' Quds Force': one organisation inside another."""
    out: list[Candidate] = []
    for m in ctx.mentions_in(sent):
        if m.is_person or m.kind in ("pronoun", "nominal", "demonym") or m.actor.type == STATE_CLASS:
            continue
        head = mention_head(ctx, m)
        owners = [c for c in head.children if c.dep_ == "poss"] + pobjs(head, ("of",))
        for o in owners:
            om = ctx.by_token.get(o.i)
            if om is None or om.is_person or om.kind in ("pronoun", "nominal") or om.actor.iri == m.actor.iri:
                continue
            if om.actor.type == STATE_CLASS and m.actor.type not in STATE_BODY_CLASSES:
                continue                                 # "Lebanon's Hezbollah" is in Lebanon, not part of it
            out.extend(emit(ctx, [m], Rel.partOf, [om], ctx.weight("organisationPart"), "possessive:part"))
    return out
