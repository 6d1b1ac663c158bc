"""Hyphenated modifiers and prefixes: '<X>-backed <Y>', 'pro-<X> <Y>', 'anti-<X> <Y>', reaching
examples ('Iran-backed militias, including …'), apposed alliances and definite anaphora ('the Iran-backed group')."""
from __future__ import annotations

from ...kb.patterns import Trigger
from ...vocab import STATE_CLASS, relation
from ..clauses import verb_subjects
from ..context import Candidate, DocContext, emit
from ..phrases import antecedent_org, examples, np_actor, np_head, np_tokens
from ..resolve import ResolvedMention
from . import rule
from .affiliation import predicated_holder


@rule("modifier", reads=("modifiers", "prefixes", "groupHeadNouns"),
      emits_from=("modifiers", "prefixes"))
def modifier_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    doc = ctx.doc
    mods, prefixes = ctx.patterns.modifiers, ctx.patterns.prefixes
    for m in ctx.mentions_in(sent):
        if m.start < sent.start or m.end > sent.end or m.kind == "memory":
            continue
        # "<X>-backed <Y>"
        if m.end + 1 < sent.end and doc[m.end].text == "-" and doc[m.end + 1].lower_ in mods:
            trig = mods[doc[m.end + 1].lower_]
            targets, conf = _modifier_targets(ctx, trig, doc[m.end + 1], sent, after=m.end + 2)
            out.extend(emit(ctx, targets, trig.relation, [m], conf, f"modifier:{trig.name}"))
        # "pro-<X> <Y>" / "anti-<X> <Y>"
        if m.start >= sent.start + 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ in prefixes:
            trig = prefixes[doc[m.start - 2].lower_]
            targets, conf = _modifier_targets(ctx, trig, doc[m.end - 1], sent, after=m.end)
            out.extend(emit(ctx, targets, trig.relation, [m], conf, f"modifier:{trig.name}"))
    return out


def _modifier_targets(ctx: DocContext, trig: Trigger, tok, sent, after: int) -> tuple[list, float]:
    """Who a modifier describes: the actor of its noun phrase, else the examples, the apposed
    actor or the antecedent of a definite generic noun, else the subject that holds the attitude."""
    target = _modified_actor(ctx, tok, sent, after=after)
    if target is not None:
        return [target], trig.confidence
    noun = np_head(tok)
    conf = trig.confidence * ctx.weight("indirectModifierFactor")
    if noun.lemma_.lower() in ctx.words("groupHeadNouns"):
        found = examples(ctx, noun)                     # "Iran-backed militias, including Kataib Hezbollah"
        if found:
            return found, conf
        if noun.dep_ in ("appos", "attr"):
            held = [h for h in predicated_holder(ctx, noun) if not h.is_person]
            if held:
                return held, conf                          # "X, a Tehran-funded militia", "X is an Iran-backed group"
        outer = _container(noun)                           # "an alliance of pro-Iran factions"
        holder = np_actor(ctx, outer.head) if outer is not None and outer.dep_ in ("appos", "attr") else None
        if outer is not None and outer.dep_ == "attr":
            subs = [c for c in outer.head.children if c.dep_ == "nsubj"]
            holder = np_actor(ctx, subs[0]) if subs else None
        if holder is not None:
            return [holder], conf
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "same") for c in noun.children) \
            or any(c.lower_ == "same" for c in noun.children)
        if definite and noun.tag_ == "NN":
            target = antecedent_org(ctx, noun.i)           # "the Iran-backed group", "the anti-US force"
            return ([target] if target is not None else []), conf
    if noun.dep_ == "dobj" and relation(trig.relation).polarity < 0:
        return verb_subjects(ctx, noun.head)[:1], conf    # "rallied anti-American sentiment"
    return [], conf


def _container(noun):
    """The group noun that contains this one: 'an alliance of [pro-Iran factions]'."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return noun.head.head
    return None


def _modified_actor(ctx: DocContext, tok, sent, after: int) -> ResolvedMention | None:
    """The actor that a modifier token describes: the next actor of its noun phrase."""
    head = tok
    while head.dep_ in ("amod", "compound", "npadvmod", "punct", "nmod", "advmod") and head.head.i != head.i \
            and head.head.i >= tok.i:
        head = head.head
    limit = head.i if head.i >= after else after + 4
    group_head = head.lemma_.lower() in ctx.words("groupHeadNouns")
    if group_head:
        limit = max(limit, head.i + 3)        # "the Iranian-backed militia Kataib Hezbollah"
    inside = np_tokens(head)
    for i in range(after, min(limit + 1, sent.end)):
        m = ctx.by_token.get(i)
        if m is None or m.kind in ("pronoun", "nominal"):
            continue
        # a name right after a generic head is that group, however the parser attached it
        if i not in inside and not (group_head and (ctx.doc[i].head.i == head.i or m.start == head.i + 1)):
            continue
        if m.kind == "demonym" and i < limit and m.actor.type == STATE_CLASS:
            continue
        if group_head and m.actor.type == STATE_CLASS and i < head.i:
            continue                          # "pro-Iran Iraq militia": Iraq is where, not who
        return m
    return None
