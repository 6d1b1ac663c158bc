"""Clauses → actors: the subjects and objects of a verb (active, passive, relative clauses,
participles, coordination, control) and the tokens of a clause.
"""
from __future__ import annotations

from ..kb.patterns import Trigger
from ..vocab import Rel, relation
from .context import DocContext, synthetic
from .phrases import event_author, event_targets, is_event_noun, np_actors, pobjs, through_quantity
from .resolve import ResolvedMention

__all__ = ["SUBJ_DEPS", "PASSIVE_SUBJ_DEPS", "RELATIVE_PRONOUNS", "verb_subjects", "verb_objects", "is_passive",
           "agent", "actors_or_author", "like_actors", "clause_tokens", "clause_subject"]


SUBJ_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJ_DEPS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = ("which", "who", "that", "whom")
CLAUSE_BOUNDARY_DEPS = ("relcl", "acl", "advcl", "pcomp", "poss", "appos")


def is_passive(v) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ_DEPS + ("auxpass",) for c in v.children) or \
        (v.dep_ == "acl" and v.tag_ == "VBN")


def agent(ctx: DocContext, v) -> list[ResolvedMention]:
    # "trained and armed by the Quds Force": coordinated participles share the agent
    for verb in [v, *(c for c in v.conjuncts if c.i > v.i)]:
        for c in verb.children:
            if c.dep_ == "agent":
                for gc in c.children:
                    if gc.dep_ == "pobj":
                        return actors_or_author(ctx, gc)
    # "was killed in an Israeli strike": the author of the event that did it
    for gc in pobjs(v, ("in", "during", "by")):
        if gc.lemma_.lower() in ctx.words("violentEventNouns"):
            a = event_author(ctx, gc)
            if a is not None:
                return [a]
    return []


def actors_or_author(ctx: DocContext, tok) -> list[ResolvedMention]:
    found = np_actors(ctx, tok)
    if not found and is_event_noun(ctx, tok):
        a = event_author(ctx, tok)
        if a is not None:
            found = [a]
    return found


def like_actors(ctx: DocContext, v) -> list[ResolvedMention]:
    return [m for gc in pobjs(v, ("like", "alongside")) for m in np_actors(ctx, gc)]


def verb_subjects(ctx: DocContext, v, depth: int = 0) -> list[ResolvedMention]:
    """The semantic subjects (agents) of verb ``v``.

    A plural nationality noun ('some Iranians are protesting') names people,
    not their state, and is not a subject.
    """
    return [m for m in _verb_subjects(ctx, v, depth)
            if not (m.kind == "demonym" and ctx.doc[m.end - 1].tag_ in ("NNS", "NNPS"))]


def _verb_subjects(ctx: DocContext, v, depth: int = 0) -> list[ResolvedMention]:
    if depth > 3:
        return []
    if is_passive(v):
        return agent(ctx, v)
    found: list[ResolvedMention] = []
    for c in v.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
                found.extend(actors_or_author(ctx, v.head))
            elif c.pos_ == "PRON" and ctx.mention(c) is None and v.dep_ == "ccomp" \
                    and v.head.lemma_.lower() in ctx.words("communicationVerbs"):
                # "Iran said it condemned …": the pronoun is the speaker
                found.extend(verb_subjects(ctx, v.head, depth + 1))
            else:
                found.extend(actors_or_author(ctx, c))
            # "Russia, which like Iran and Hezbollah backs …"
            found.extend(like_actors(ctx, c))
    found.extend(like_actors(ctx, v))
    if v.dep_ == "ccomp" and v.head.lemma_ == "like" and v.head.dep_ == "relcl":
        # the parser reads "X, which like Y backs Z" as a relative clause "which like"
        found.extend(actors_or_author(ctx, v.head.head))
    if not found and not any(c.dep_ in SUBJ_DEPS for c in v.children):
        head = v.head
        if v.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.lower_ == "of":
            controller = [c for c in v.head.head.children if c.dep_ == "dobj"]   # "accused Tehran of supplying"
        else:
            controller = [c for c in head.children if c.dep_ == "dobj"] if v.dep_ == "xcomp" else []
        if controller and np_actors(ctx, controller[0]):
            found = np_actors(ctx, controller[0])       # "appointed Esmail Qaani to lead the Quds Force"
        elif v.dep_ in ("xcomp", "conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
            found = verb_subjects(ctx, head, depth + 1)
            if not found and is_passive(head):
                # "troops are deployed to fight X": the deployed fight
                for c in head.children:
                    if c.dep_ in PASSIVE_SUBJ_DEPS:
                        found.extend(np_actors(ctx, c))
            if not found and head.dep_ == "acl" and is_passive(head):
                found = np_actors(ctx, head.head)     # "X, set up in 2015 to battle Y": what was set up
        elif v.dep_ in ("acl", "relcl") and _infinitival(v) and v.head.lemma_.lower() in ctx.words("purposeNouns"):
            found = _purpose_holder(ctx, v.head, depth)   # "a mission to defeat Y", "a plan to strike Y"
        elif v.dep_ == "relcl":
            found = actors_or_author(ctx, v.head)
        elif v.dep_ == "acl" and v.tag_ == "VBG":
            found = np_actors(ctx, v.head)
    return found


def _infinitival(v) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _purpose_holder(ctx: DocContext, noun, depth: int) -> list[ResolvedMention]:
    """Whose mission or plan it is: its possessor or modifier, else the subject of the clause that has it
    ('Iran approved a plan to …', 'soldiers are stationed with a mission to …')."""
    own = [m for c in noun.children if c.dep_ in ("poss", "compound", "amod") for m in [ctx.mention(c)]
           if m is not None and m.kind not in ("demonym",) or (m is not None and c.dep_ == "poss")]
    if own:
        return own
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "pobj", "attr") or verb.pos_ not in ("VERB", "AUX"):
        return []
    found = verb_subjects(ctx, verb, depth + 1)
    if not found and is_passive(verb):
        found = [m for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS for m in np_actors(ctx, c)]
    return found


def verb_objects(ctx: DocContext, v, trig: Trigger, *, author_of_events: bool) -> list[ResolvedMention]:
    """The semantic objects (patients) of verb ``v`` for a trigger."""
    found: list[ResolvedMention] = []
    toks = []
    if is_passive(v):
        found.extend(like_actors(ctx, v))
        toks += [c for c in v.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if v.dep_ in ("acl",) or (v.dep_ == "relcl" and not toks):
            toks.append(v.head)
        elif toks and toks[0].lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
            toks = [v.head]
    if not trig.preposition_only:
        toks += [c for c in v.children if c.dep_ in ("dobj", "dative", "obj")]
    toks = [v.head if t.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl" else t for t in toks]
    toks = [through_quantity(ctx, t) if ctx.mention(t) is None else t for t in toks]   # "a series of strikes"
    # "blamed the killing on Y": an author named by the verb's own preposition is the object, not a guess
    blamed = [m for t in toks if trig.relation == Rel.accuses and is_event_noun(ctx, t) and not np_actors(ctx, t)
              for gc in pobjs(t, ctx.words("attributionPrepositions")) for m in np_actors(ctx, gc)]
    found.extend(blamed)          # the parser hangs 'on Y' under the event noun: "blamed [the bombing on Israel]"
    named_author = author_of_events and (bool(blamed) or any(np_actors(ctx, gc) for gc in pobjs(v, trig.prepositions)))
    for t in toks:
        acts = np_actors(ctx, t)
        if not acts and is_event_noun(ctx, t) and named_author:
            continue
        if not acts and is_event_noun(ctx, t):
            if author_of_events:
                # condemning "the strike on X" condemns whoever struck, never X
                a = event_author(ctx, t)
                if a is not None:
                    acts = [a]
                elif ctx.last_attacker is not None and (
                        t.lemma_.lower() in ctx.words("violentEventNouns") or trig.relation == Rel.condemns):
                    acts = [synthetic(ctx.last_attacker)]
            else:
                acts = event_targets(ctx, t)
        if not acts and trig.event_object_is_author and t.lemma_.lower() not in ctx.words("familyNouns") \
                and t.lemma_.lower() not in ctx.words("victimPossessiveNouns"):
            # "praised the Houthis' stance": the possessor holds what is judged ("P's son" is not P,
            # "P's murder" is done to P)
            acts = [m for c in t.children if c.dep_ == "poss" for m in [ctx.mention(c)]
                    if m is not None and m.kind not in ("pronoun",)]
        if not acts and not (author_of_events and is_event_noun(ctx, t)) and (
                relation(trig.relation).polarity < 0 or trig.modal_relation):
            # "vowed revenge against U.S. forces"
            for gc in pobjs(t, trig.prepositions | {"against", "on"}):
                acts.extend(np_actors(ctx, gc))
        found.extend(acts)
    if trig.event_targets_only:
        # "claimed responsibility for the drone attack on the US base"
        events = [gc for t in [v, *(c for c in v.children if c.dep_ == "dobj")]
                  for gc in pobjs(t, trig.prepositions) if is_event_noun(ctx, gc)]
        return [m for e in events for m in event_targets(ctx, e)]
    for gc in pobjs(v, trig.prepositions):
        acts = np_actors(ctx, gc)
        if not acts and is_event_noun(ctx, gc) and author_of_events:
            a = event_author(ctx, gc)
            acts = [a] if a is not None else []
        found.extend(acts)
    if not found and not trig.preposition_only:
        # the parser sometimes attaches a bare object name as npadvmod
        for c in v.children:
            if c.dep_ == "npadvmod" and c.i > v.i:
                m = ctx.mention(c)
                if m is not None and m.kind in ("name", "acronym", "ner", "propn"):
                    found.append(m)
    if not found and not trig.preposition_only:
        # "trains and arms Kataib Hezbollah": coordinated verbs share the object
        for c in v.conjuncts:
            # the tagger sometimes reads a coordinated verb as a noun ("trains and arms X")
            if c.i > v.i and (c.pos_ == "VERB" or c.lemma_.lower() in ctx.patterns.verbs):
                for gc in c.children:
                    if gc.dep_ in ("dobj", "appos"):
                        found.extend(np_actors(ctx, gc))
                break
    if not found and not trig.preposition_only:
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                # "threatened to make American forces pay", "threatened to impose sanctions on Baghdad"
                for gc in clause_tokens(ctx, c):
                    if gc.dep_ in ("dobj", "dative") or (gc.dep_ == "nsubj" and gc.head.dep_ in ("ccomp", "xcomp")) \
                            or (gc.dep_ == "pobj" and gc.head.lower_ in ("on", "against")):
                        found.extend(np_actors(ctx, gc))
    return found


def clause_tokens(ctx: DocContext, head) -> list:
    """The tokens of a clause that can be its participants: no relative or adverbial clauses,
    no possessors, no 'with/of/after …' phrases ('prevent a war with Iran' does not threaten Iran)."""
    boundary_preps = ctx.words("clauseBoundaryPrepositions")
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in CLAUSE_BOUNDARY_DEPS or (c.dep_ == "prep" and c.lower_ in boundary_preps):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def clause_subject(ctx: DocContext, tok) -> ResolvedMention | None:
    """The subject of the clause a token is in (for 'its' / 'their')."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            subs = verb_subjects(ctx, t)
            return subs[0] if subs else None
        if t.head.i == t.i:
            return None
        t = t.head
    return None
