"""Event and reaction nominals with their argument phrases: reciprocal events ('fighting between A
and B'), an author in 'at the hands of X', reactions drawn from someone ('drawing a rebuke from X'),
and transfers of materiel, also as the complement of a noun ('X's pledge to deliver weapons to Y')."""
from __future__ import annotations

from ...vocab import Rel
from ..clauses import verb_subjects
from ..context import Candidate, DocContext, emit
from ..modality import governors, is_negated
from ..phrases import np_actor, np_actors, pobjs
from . import rule


def _negated(ctx: DocContext, tok) -> bool:
    deny = ctx.words("negationCues")
    return any(g.lemma_.lower() in deny for g in governors(ctx, tok))


def _reciprocal(ctx: DocContext, tok) -> list[Candidate]:
    """'fighting between A and B': each side attacks the other."""
    if any(g.lemma_.lower() in ctx.words("eventRiskWords") for g in governors(ctx, tok)):
        return []                              # "fears of a war between A and B"
    sides = [m for gc in pobjs(tok, ctx.words("reciprocalPrepositions")) for m in np_actors(ctx, gc)]
    if len(sides) != 2 or sides[0].actor.iri == sides[1].actor.iri:
        return []
    a, b = sides
    conf, neg = ctx.weight("reciprocalEvent"), _negated(ctx, tok)
    return emit(ctx, [a], Rel.attacks, [b], conf, "nominal:reciprocal", neg) + \
        emit(ctx, [b], Rel.attacks, [a], conf, "nominal:reciprocal", neg)


def _agentive_author(ctx: DocContext, tok):
    """'at the hands of X': the author of a death, killing or abuse."""
    agent_nouns = ctx.words("agentiveNouns")
    for gc in pobjs(tok, ("at", "by")):
        if gc.lemma_.lower() in agent_nouns:
            for x in pobjs(gc, ("of",)):
                m = np_actor(ctx, x)
                if m is not None:
                    return m
    return None


def _victims(ctx: DocContext, tok):
    out = [ctx.mention(c) for c in tok.children if c.dep_ in ("poss", "compound")]
    out += [m for gc in pobjs(tok, ("of",)) for m in np_actors(ctx, gc)]
    return [m for m in out if m is not None and m.kind not in ("pronoun", "nominal")]


def _reaction(ctx: DocContext, tok) -> list[Candidate]:
    """'X shelled villages, drawing a rebuke from Y': Y condemns X."""
    verb = tok.head
    if tok.dep_ != "dobj" or verb.lemma_.lower() not in ctx.words("reactionVerbs"):
        return []
    authors = [m for gc in pobjs(tok, ("from",)) + pobjs(verb, ("from",)) for m in np_actors(ctx, gc)]
    targets = verb_subjects(ctx, verb)
    return emit(ctx, authors, Rel.condemns, targets, ctx.weight("reactionNominal"), "nominal:reaction",
                is_negated(ctx, verb))


def _transfer_subjects(ctx: DocContext, v):
    subs = verb_subjects(ctx, v)
    if not subs and v.dep_ == "acl" and v.head.pos_ == "NOUN":
        # "Russia's pledge to deliver …", "a promise by Iran to send …"
        noun = v.head
        subs = [m for c in noun.children if c.dep_ == "poss" for m in [ctx.mention(c)] if m is not None]
        subs += [m for gc in pobjs(noun, ("by", "from")) for m in np_actors(ctx, gc)]
    return subs


def _transfer(ctx: DocContext, v) -> list[Candidate]:
    """'X delivered air-defence systems to Y': Y backedBy X (materiel only, not envoys or troops)."""
    materiel = ctx.words("materielNouns")
    if not any(c.dep_ == "dobj" and (c.lemma_.lower() in materiel or
                                     any(x.lemma_.lower() in materiel for x in c.conjuncts)) for c in v.children):
        return []
    recipients = [m for gc in pobjs(v, ("to",)) for m in np_actors(ctx, gc)]
    for c in v.children:
        if c.dep_ == "dative":          # "send Y weapons", "deliver weapons to Y" (read as a dative 'to')
            heads = [gc for gc in c.children if gc.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
            recipients += [m for h in heads for m in np_actors(ctx, h)]
    givers = _transfer_subjects(ctx, v)
    if not givers or not recipients:
        return []
    return emit(ctx, recipients, Rel.backedBy, givers, ctx.weight("materielTransfer"), "nominal:transfer",
                is_negated(ctx, v))


@rule("nominal", reads=("reciprocalEventNouns", "reciprocalPrepositions", "eventRiskWords", "agentiveNouns", "victimPossessiveNouns",
                        "violentEventNouns", "reactionNouns", "reactionVerbs", "transferVerbs", "materielNouns",
                        "negationCues", "reciprocalEvent", "agentiveEvent", "reactionNominal", "materielTransfer"),
      emits=(Rel.attacks, Rel.condemns, Rel.backedBy))
def nominal_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in ctx.words("reciprocalEventNouns") and tok.pos_ in ("NOUN", "PROPN", "VERB"):
            out.extend(_reciprocal(ctx, tok))         # a gerund ('Fighting between …') may be tagged a verb
        if tok.pos_ in ("NOUN", "PROPN"):
            if lemma in ctx.words("victimPossessiveNouns") or lemma in ctx.words("violentEventNouns"):
                author = _agentive_author(ctx, tok)
                if author is not None:
                    out.extend(emit(ctx, [author], Rel.attacks, _victims(ctx, tok), ctx.weight("agentiveEvent"),
                                    "nominal:agent", _negated(ctx, tok)))
            if lemma in ctx.words("reactionNouns"):
                out.extend(_reaction(ctx, tok))
        elif tok.pos_ == "VERB" and lemma in ctx.words("transferVerbs"):
            out.extend(_transfer(ctx, tok))
    return out
