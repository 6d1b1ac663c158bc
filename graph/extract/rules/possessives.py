"""Possessives between actors: a person's own group ('Sadr reactivated his Mahdi Army') and one
organisation inside another ('the Quds Force of the IRGC')."""
from __future__ import annotations

from ..context import Candidate, DocContext, emit
from ..phrases import mention_head, np_actor, pobjs
from . import rule


@rule("possessive", emits=("leaderOf",))
def possessive_rule(ctx: DocContext, sent) -> list[Candidate]:
    """A person's own organisation: 'Sadr reactivated his Mahdi Army', 'Mr Sadr, whose Mahdi Army …'."""
    out: list[Candidate] = []
    seen = set()
    for tok in sent:
        m = ctx.by_token.get(tok.i)
        if m is None or id(m) in seen or m.actor.type not in ("ArmedGroup", "PoliticalParty"):
            continue
        seen.add(id(m))
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
                out.extend(emit([owner], "leaderOf", [m], 0.6, "possessive:leader"))
    return out


@rule("organisation", emits=("partOf",))
def organisation_part_rule(ctx: DocContext, sent) -> list[Candidate]:
    """'the Quds Force of the IRGC', 'the Revolutionary Guards' Quds Force': one organisation inside another."""
    out: list[Candidate] = []
    seen = set()
    for tok in sent:
        m = ctx.by_token.get(tok.i)
        if m is None or id(m) in seen or m.is_person or m.kind in ("pronoun", "nominal", "demonym") \
                or m.actor.type == "State":
            continue
        seen.add(id(m))
        head = mention_head(ctx, m)
        owners = [c for c in head.children if c.dep_ == "poss"] + pobjs(head, ("of",))
        for o in owners:
            om = ctx.by_token.get(o.i)
            if om is None or om.is_person or om.kind in ("pronoun", "nominal") or om.actor.iri == m.actor.iri:
                continue
            if om.actor.type == "State" and m.actor.type not in ("ArmedForce", "StateAgency"):
                continue                                 # "Lebanon's Hezbollah" is in Lebanon, not part of it
            out.extend(emit([m], "partOf", [om], 0.7, "possessive:part"))
    return out
