"""Clausal frames the verb rule does not read: an urging verb whose complement clause has its own
subject ('called for A and B to show restraint', 'demanded that X stop …'), a demand for a halt
to someone's actions ('demanded a halt to X's operations'), and a warning that the speaker will not
allow someone to act ('warned it would not allow X to …')."""
from __future__ import annotations

from ...vocab import STATE_CLASS, Rel
from ..clauses import verb_subjects
from ..context import Candidate, DocContext, emit
from ..modality import is_conditional, is_modal, is_negated
from ..phrases import event_authors, is_event_noun, np_actors, pobjs
from . import rule

#: what a complement clause of an urging verb may be attached as ('for X to …', 'that X …')
_COMPLEMENT_DEPS = ("advcl", "ccomp", "xcomp")


def _owned(ctx: DocContext, tok) -> list:
    """The actors of a noun phrase, or the actor its demonym or name modifier names ('the Iranian presence')."""
    found = np_actors(ctx, tok)
    if not found:
        found = [m for c in tok.children if c.dep_ in ("amod", "compound", "poss") for m in [ctx.mention(c)]
                 if m is not None and m.kind != "pronoun"]
    return found


def _clause_subjects(ctx: DocContext, clause, owned: bool = False) -> list:
    read = _owned if owned else np_actors
    return [m for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for m in read(ctx, c)]


def _urged_in_clause(ctx: DocContext, clause) -> list:
    """The subjects of a base-form complement ('for A and B to halt', 'that X stop', 'that X should stop')."""
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "aux")}
    if clause.tag_ != "VB" and not (clause.tag_ == "VBP" and "that" in marks):
        return []       # a base form; 'demanded that the troops leave' (a plural subjunctive reads as VBP)
    if not marks & {"for", "that", "to", "should", "must"} and clause.dep_ != "ccomp":
        return []
    return _clause_subjects(ctx, clause)


def _infinitival(v) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _coordinated_pair(ctx: DocContext, before: int) -> list:
    """The nearest two actors joined by 'and' before token ``before``, in its sentence or the one before."""
    doc = ctx.doc
    sent = doc[before].sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for i in range(before - 1, start - 1, -1):
        t = doc[i]
        if t.dep_ != "conj" or t.head.i >= t.i:
            continue
        a, b = np_actors(ctx, t.head), None
        b = [m for m in a if m.start >= t.i]
        a = [m for m in a if m.start < t.i]
        if len(a) == 1 and len(b) == 1 and a[0].actor.iri != b[0].actor.iri and not a[0].is_person and not b[0].is_person:
            return [a[0], b[0]]
    return []


def _between(ctx: DocContext, noun) -> list:
    """The parties of 'a de-escalation between A and B'; 'between the two sides' names the coordinated
    pair just mentioned."""
    doc, word = ctx.doc, noun.lemma_.lower()
    if noun.i >= 2 and doc[noun.i - 1].text == "-":
        word = f"{doc[noun.i - 2].lower_}-{word}"        # the tokenizer splits "de-escalation"
    if word not in ctx.words("restraintCues"):
        return []
    out = []
    for gc in pobjs(noun, ("between", "among")):
        named = np_actors(ctx, gc)
        if named:
            out.extend(named)
        elif gc.lemma_.lower() in ctx.words("sideNouns") and any(
                c.lower_ in ("two", "both") for c in gc.children if c.dep_ in ("nummod", "det", "predet", "amod")):
            out.extend(_coordinated_pair(ctx, noun.i))
    return out


def _held_responsible(ctx: DocContext, v) -> list:
    """Who is held responsible by 'hold': 'holds Y responsible', 'Y will be held accountable'."""
    for c in v.children:
        if c.lemma_.lower() in ctx.words("responsibilityAdjectives") and c.dep_ in ("oprd", "acomp", "ccomp", "xcomp"):
            held = [m for g in c.children if g.dep_ == "nsubj" for m in np_actors(ctx, g)]
            held += [m for g in v.children if g.dep_ in ("dobj", "nsubjpass") for m in np_actors(ctx, g)]
            return held
    return []


def _halted(ctx: DocContext, noun) -> list:
    """Whose actions a halt noun stops: 'a halt to X's operations', 'an end to the Saudi-led strikes'."""
    out = []
    for gc in pobjs(noun, ("to", "of")):
        for t in (gc, *(c for c in gc.conjuncts)):
            if is_event_noun(ctx, t):
                out.extend(event_authors(ctx, t))
    return out


@rule("frame", reads=("urgingClauseVerbs", "haltNouns", "threatVerbsOfRefusal", "permissionVerbs", "departureVerbs", "restraintCues", "sideNouns", "suspensionVerbs", "suspendedMember", "urgeClause", "responsibilityAdjectives", "heldResponsible", "communicationVerbs",
                 "refusalThreat"),
      emits=(Rel.urges, Rel.opposes, Rel.threatens, Rel.memberOf, Rel.accuses))
def frame_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    urging, halts = ctx.words("urgingClauseVerbs"), ctx.words("haltNouns")
    warning, permission = ctx.words("threatVerbsOfRefusal"), ctx.words("permissionVerbs")
    for v in sent:
        lemma = v.lemma_.lower()
        if v.pos_ != "VERB" or is_conditional(ctx, v):
            continue
        if lemma in urging:
            subs = verb_subjects(ctx, v)
            if not subs:
                continue
            neg = is_negated(ctx, v)
            conf = ctx.weight("urgeClause")
            addressees = [m for c in v.children if c.dep_ in ("dobj", "dative") for m in np_actors(ctx, c)]
            for c in v.children:
                if c.dep_ == "xcomp" and _infinitival(c) and addressees \
                        and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                    # "told X to assess the situation", "ordered X to pull back"
                    rel = Rel.opposes if c.lemma_.lower() in ctx.words("departureVerbs") else Rel.urges
                    out.extend(emit(ctx, subs, rel, addressees, conf, "frame:urgeObject", neg))
                if c.dep_ in _COMPLEMENT_DEPS:
                    urged = _urged_in_clause(ctx, c)
                    # "demanded the troops to leave": a demand to withdraw opposes (the gold's convention)
                    rel = Rel.opposes if c.lemma_.lower() in ctx.words("departureVerbs") else Rel.urges
                    out.extend(emit(ctx, subs, rel, urged, conf, "frame:urgeClause", neg))
                if c.dep_ == "dobj" and c.lemma_.lower() in halts:
                    out.extend(emit(ctx, subs, Rel.urges, _halted(ctx, c), conf, "frame:demandHalt", neg))
            for gc in pobjs(v, ("for",)):
                # the parser's other reading: "called [for A and B] [to resume]" (the infinitive subjectless)
                infinitives = [c for c in (*v.children, *gc.children) if c.dep_ in ("advcl", "xcomp", "acl", "relcl")
                               and c.tag_ == "VB" and c.i > gc.i and _infinitival(c)
                               and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]
                if infinitives:
                    rel = Rel.opposes if infinitives[0].lemma_.lower() in ctx.words("departureVerbs") else Rel.urges
                    out.extend(emit(ctx, subs, rel, np_actors(ctx, gc), conf, "frame:urgeClause", neg))
                out.extend(emit(ctx, subs, Rel.urges, _between(ctx, gc), conf, "frame:urgeBetween", neg))
                if gc.lemma_.lower() in halts:
                    out.extend(emit(ctx, subs, Rel.urges, _halted(ctx, gc), conf, "frame:demandHalt", neg))
        elif lemma in ctx.words("suspensionVerbs"):
            # "the Arab League suspended Syria": only a member can be suspended from an organisation
            orgs = [m for m in verb_subjects(ctx, v) if not m.is_person and m.actor.type != STATE_CLASS
                    and m.kind not in ("demonym", "pronoun")]
            states = [m for c in v.children if c.dep_ == "dobj" for m in np_actors(ctx, c)
                      if m.actor.type == STATE_CLASS and m.kind != "demonym"]
            if orgs and states and not is_negated(ctx, v):
                out.extend(emit(ctx, states, Rel.memberOf, orgs, ctx.weight("suspendedMember"), "frame:suspendedMember"))
        elif lemma == "hold" and (held := _held_responsible(ctx, v)):
            # "Hamas holds Israel responsible", "X said Y will be held accountable": an accusation
            holders = verb_subjects(ctx, v)
            if not holders and v.dep_ == "ccomp" and v.head.lemma_.lower() in ctx.words("communicationVerbs"):
                holders = verb_subjects(ctx, v.head)
            # promised ("will hold Y accountable") it is a threat; an aim ("an effort to … hold Y accountable") is neither
            rel = Rel.threatens if is_modal(ctx, v) else Rel.accuses
            head = v.head if v.dep_ == "conj" else v
            if rel == Rel.accuses and (_infinitival(v) or _infinitival(head)):
                continue
            out.extend(emit(ctx, holders, rel, held, ctx.weight("heldResponsible"), "frame:heldResponsible",
                            is_negated(ctx, v)))
        elif lemma in warning:
            # "warned it would not allow X to advance": the speaker threatens X
            subs = verb_subjects(ctx, v)
            if not subs:
                continue
            for c in v.children:
                if c.dep_ != "ccomp" or c.lemma_.lower() not in permission:
                    continue
                if not (any(g.dep_ == "neg" for g in c.children) and is_modal(ctx, c)):
                    continue
                targets = [m for g in c.children if g.dep_ in ("dobj", "ccomp", "xcomp")
                           if not any(x.dep_ in ("auxpass", "nsubjpass") for x in g.children)
                           for m in (_owned(ctx, g) if g.dep_ == "dobj" else _clause_subjects(ctx, g, owned=True))]
                conf = ctx.weight("refusalThreat")
                out.extend(emit(ctx, subs, Rel.threatens, targets, conf, "frame:refusal", is_negated(ctx, v)))
    return out


@rule("phonecall", reads=("phoneCallVerbs", "phoneCall"), emits=(Rel.meetsWith,))
def phone_call_rule(ctx: DocContext, sent) -> list[Candidate]:
    """'X called Y on Monday': a call verb whose only complement is a person is a phone call, a meeting
    (the parser reads the name as a predicate, as in 'called Y a liar'; a second complement rules it out)."""
    out: list[Candidate] = []
    for v in sent:
        if v.pos_ != "VERB" or v.lemma_.lower() not in ctx.words("phoneCallVerbs") or is_conditional(ctx, v):
            continue
        complements = [c for c in v.children if c.dep_ in ("dobj", "oprd", "attr", "ccomp", "xcomp", "dative", "prt")]
        if len(complements) != 1 or complements[0].pos_ != "PROPN":
            continue
        called = [m for m in np_actors(ctx, complements[0]) if m.is_person]
        callers = [m for m in verb_subjects(ctx, v) if m.is_person]
        if called and callers:
            out.extend(emit(ctx, callers, Rel.meetsWith, called, ctx.weight("phoneCall"), "frame:phoneCall",
                            is_negated(ctx, v)))
    return out
