"""Membership stated without '<Org> <title> <Name>': service verbs ('P served in X', 'P fought for X'),
partitives ('P was among five X officers') and member nouns with examples ('three X members,
including P'). X is an organisation named in the phrase, never a state read as a place
('served in Iraq'), except where a demonym qualifies the member noun ('among five Iranian officers')."""
from __future__ import annotations

from ...vocab import ORGANISATION_CLASSES, Rel
from ..clauses import verb_subjects
from ..context import Candidate, DocContext, emit
from ..phrases import np_actor, np_actors, pobjs
from . import rule


def _organisation(m) -> bool:
    return m is not None and m.actor.type in ORGANISATION_CLASSES and m.kind not in ("pronoun", "nominal")


def _member_noun(ctx: DocContext, tok) -> bool:
    """'officers', 'members', 'fighters', 'commanders': a title or member noun naming people of a body."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and ((lemma,) in ctx.patterns.titles or lemma in ctx.words("memberGroupNouns"))


def _body_of(ctx: DocContext, noun):
    """The organisation (or the demonym's state) that qualifies a member noun: 'five Basij officers',
    'Iranian officers', 'members of Hamas'."""
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod"):
            m = ctx.mention(c)
            if m is not None and (_organisation(m) or m.kind == "demonym"):
                return m
    for gc in pobjs(noun, ("of", "from")):
        m = np_actor(ctx, gc)
        if _organisation(m):
            return m
    return None


def _own_people_named(ctx: DocContext, verb, conf: float) -> list[Candidate]:
    """'X listed the men it lost as A and B', 'X named its dead as A and B': the people an organisation
    names as its own are its members (the object must be the subject's own: 'its', 'their', or a
    relative clause whose subject is 'it' / 'they')."""
    bodies = [m for m in verb_subjects(ctx, verb) if _organisation(m)]
    if not bodies:
        return []
    own_pronouns = ctx.words("collectivePronouns")
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        owned = any(c.dep_ == "poss" and c.lower_ in own_pronouns for c in obj.children) or any(
            c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in own_pronouns for g in c.children)
            for c in obj.children)
        if not owned:
            continue
        people = [m for gc in pobjs(verb, ("as",)) + pobjs(obj, ("as",)) for m in np_actors(ctx, gc) if m.is_person]
        # the parser may hang 'as A and B' inside the relative clause ("the men it lost in the raid as …")
        people += [m for c in obj.children if c.dep_ == "relcl" for g in c.subtree
                   if g.dep_ == "prep" and g.lower_ == "as" for x in g.children if x.dep_ == "pobj"
                   for m in np_actors(ctx, x) if m.is_person]
        seen, uniq = set(), []
        for m in people:
            if m.actor.iri not in seen:
                seen.add(m.actor.iri)
                uniq.append(m)
        return emit(ctx, uniq, Rel.memberOf, bodies[:1], conf, "membership:named")
    return []


@rule("membership", reads=("serviceVerbs", "servicePrepositions", "partitivePrepositions", "memberGroupNouns",
                           "exampleMarkers", "titles", "namingVerbs", "membershipInference"),
      emits=(Rel.memberOf,))
def membership_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    conf = ctx.weight("membershipInference")
    service, service_preps = ctx.words("serviceVerbs"), ctx.words("servicePrepositions")
    partitive, markers = ctx.words("partitivePrepositions"), ctx.words("exampleMarkers")
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in service:
            # "P served for a decade in X", "P fought for X"
            persons = [m for m in verb_subjects(ctx, tok) if m.is_person]
            if not persons:
                continue
            objs = pobjs(tok, service_preps)
            objs += [g for o in objs if ctx.mention(o) is None for g in pobjs(o, service_preps)]
            bodies = [m for o in objs for m in np_actors(ctx, o) if _organisation(m)]
            out.extend(emit(ctx, persons, Rel.memberOf, bodies, conf, "membership:service"))
        elif tok.pos_ == "VERB" and lemma in ctx.words("namingVerbs"):
            out.extend(_own_people_named(ctx, tok, conf))
        elif tok.dep_ == "prep" and tok.lower_ in partitive:
            # "P was among five X officers who …"
            for noun in (g for g in tok.children if g.dep_ == "pobj" and _member_noun(ctx, g)):
                body = _body_of(ctx, noun)
                head = tok.head
                persons = verb_subjects(ctx, head) if head.pos_ in ("AUX", "VERB") else np_actors(ctx, head)
                persons = [m for m in persons if m.is_person]
                if body is not None and persons:
                    out.extend(emit(ctx, persons, Rel.memberOf, [body], conf, "membership:among"))
        elif _member_noun(ctx, tok) and tok.tag_ in ("NNS", "NNPS"):
            # "three X members, including P"
            body = _body_of(ctx, tok)
            if body is None:
                continue
            persons = [m for gc in pobjs(tok, markers) for m in np_actors(ctx, gc) if m.is_person]
            out.extend(emit(ctx, persons, Rel.memberOf, [body], conf, "membership:examples"))
    return out
