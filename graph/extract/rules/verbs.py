"""Verb frames: subject / verb / object (active, passive, relative clauses, participles,
coordination, 'like X and Y', control), with modality (a promised attack is a threat), negation,
denial, cessation and hedging ('accused X of …' is a claim, not a fact)."""
from __future__ import annotations

from ...vocab import Rel
from ..clauses import verb_objects, verb_subjects
from ..context import Candidate, DocContext, emit
from ..modality import ceased, is_conditional, is_modal, is_negated
from . import rule
from .affiliation import sided_with


@rule("verb", reads=("verbs", "last_attacker"), emits_from=("verbs",), writes=("last_attacker",))
def verb_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    verbs = ctx.patterns.verbs
    for v in sent:
        if v.pos_ not in ("VERB",) and not (v.pos_ == "NOUN" and v.dep_ == "ROOT"):
            continue
        trigs = verbs.get(v.lemma_.lower())
        if not trigs:
            continue
        if is_conditional(ctx, v) or (v.tag_ == "VBG" and any(c.dep_ == "poss" for c in v.children)):
            continue        # conditional, or a nominal gerund ("Soleimani's killing") read by the event rule
        for trig in trigs:
            if trig.object_cues and not any(t.lemma_.lower() in trig.object_cues for t in v.subtree if t.i != v.i):
                continue
            if any(c.dep_ == "prep" and c.lower_ in trig.excluded_prepositions for c in v.children):
                continue
            rel = trig.relation
            modal = is_modal(ctx, v)
            if modal and trig.modal_relation:
                rel = trig.modal_relation
            author = trig.event_object_is_author
            subs = verb_subjects(ctx, v)
            objs = [o for o in verb_objects(ctx, v, trig, author_of_events=author)
                    if not sided_with(ctx, ctx.doc[o.end - 1])]       # "fought on the side of X": X is helped
            if not subs or not objs:
                continue
            neg = is_negated(ctx, v) or ceased(ctx, v)
            conf = trig.confidence * (ctx.weight("promisedActionFactor") if modal else 1.0)
            out.extend(emit(ctx, subs, rel, objs, conf, f"verb:{trig.name}", neg, inverse=trig.direction == "inverse"))
            if trig.direction == "mutual":
                out.extend(emit(ctx, objs, rel, subs, conf, f"verb:{trig.name}", neg))
            if rel == Rel.attacks and not neg:
                ctx.remember_attacker(subs[0].actor)
            break
    return out
