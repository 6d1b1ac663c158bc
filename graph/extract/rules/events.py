"""Event nouns: violent events with their authors and targets ('U.S. airstrikes against Kataib
Hezbollah', 'the Hamas-led attack on Israel'), and nouns naming an act ('renewed its threat against
Israel', 'held talks with', 'sanctions on Iraq')."""
from __future__ import annotations

from ...vocab import Rel
from ..clauses import clause_subject, verb_subjects
from ..context import Candidate, DocContext, emit
from ..modality import ceased, governors, is_negated
from ..phrases import event_author, event_authors, event_targets, np_actors, pobjs
from . import rule


@rule("event", reads=("violentEventNouns", "negationCues", "modalWords", "durativeEventNouns", "verbs"),
      emits=(Rel.attacks, Rel.threatens), writes=("last_attacker",))
def event_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    violent = ctx.words("violentEventNouns")
    threat_verbs = ctx.patterns.verbs_producing(Rel.threatens)
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in violent:
            continue
        authors = event_authors(ctx, tok)
        if not authors:
            out.extend(_denied_event(ctx, tok))
            continue
        author = authors[0]
        targets = event_targets(ctx, tok)
        govs = governors(ctx, tok)
        neg = any(a.lemma_.lower() in ctx.words("negationCues") for a in govs) or ceased(ctx, tok)
        rel, conf = Rel.attacks, ctx.weight("eventAttack")
        if any(a.lemma_.lower() in threat_verbs or a.lemma_.lower() in ctx.words("modalWords") for a in govs):
            rel, conf = Rel.threatens, ctx.weight("eventThreat")
        if targets:
            out.extend(emit(ctx, authors, rel, targets, conf, "event", neg))
        if rel == Rel.attacks and not neg and tok.lemma_.lower() not in ctx.words("durativeEventNouns"):
            ctx.remember_attacker(author.actor)
    return out


def _denied_event(ctx: DocContext, tok) -> list[Candidate]:
    """'X denied any role in the attack on Y': kept as a negated 'X attacks Y'."""
    deny = ctx.words("negationCues")
    for gov in tok.ancestors:
        if gov.pos_ == "VERB" and gov.lemma_.lower() in deny:
            subs = verb_subjects(ctx, gov)
            targets = event_targets(ctx, tok)
            if subs and targets:
                return emit(ctx, subs, Rel.attacks, targets, ctx.weight("deniedEvent"), "event:denied", negated=True)
            return []
    return []


@rule("event-noun", reads=("event_nouns", "negationCues"), emits_from=("event_nouns",))
def event_noun_rule(ctx: DocContext, sent) -> list[Candidate]:
    """Nouns naming an act: 'Israel's threats against Hezbollah', 'renewed its threat against Israel'."""
    out: list[Candidate] = []
    nouns = ctx.patterns.event_nouns
    for tok in sent:
        trig = nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if trig is None:
            continue
        author = event_author(ctx, tok)                   # includes "renewed … threat": the light verb's subject
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if author is None and poss and poss[0].pos_ == "PRON":
            author = clause_subject(ctx, poss[0])         # "renewed its threat against Israel"
        targets = [m for gc in pobjs(tok, trig.prepositions) for m in np_actors(ctx, gc)]
        if author is None or not targets:
            continue
        govs = governors(ctx, tok)
        neg = any(a.lemma_.lower() in ctx.words("negationCues") for a in govs) or is_negated(ctx, tok.head)
        out.extend(emit(ctx, [author], trig.relation, targets, trig.confidence, f"event-noun:{trig.name}", neg))
    return out
