"""Noun phrases → actors: the actor a noun phrase denotes, the authors and targets of an event noun.

Reads the dependency parse and the word lists of ``ontology/patterns.ttl``
(group head nouns, titles, partitive, asset and state-organ nouns, event
nouns); the subjects of verbs come from :mod:`graph.extract.clauses`.
"""
from __future__ import annotations

from ..vocab import ANTECEDENT_ORGANISATION_CLASSES, STATE_CLASS
from .context import DocContext, synthetic
from .resolve import ResolvedMention

__all__ = ["np_actor", "np_actors", "pobjs", "conjuncts", "examples", "event_author", "event_authors",
           "event_targets", "is_event_noun", "mention_head", "is_title", "office_qualifier", "qualified_title",
           "np_head", "np_tokens", "antecedent_org"]


NP_MODIFIER_DEPS = ("compound", "flat", "appos", "nmod", "npadvmod")


def mention_head(ctx: DocContext, m: ResolvedMention):
    """The syntactic head token of a (multi-token) mention."""
    head = ctx.doc[m.start]
    while m.start <= head.head.i < m.end and head.head.i != head.i:
        head = head.head
    return head


def is_title(ctx: DocContext, tok) -> bool:
    return (tok.lower_,) in ctx.patterns.titles or (tok.lemma_.lower(),) in ctx.patterns.titles


def office_qualifier(ctx: DocContext, tok) -> bool:
    """A word that narrows an office without naming another group ('press' secretary, 'foreign ministry'
    spokesman, 'political bureau' chief) — unlike 'militia' leader or 'paramilitary' chief."""
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") and ctx.mention(tok) is None \
        and tok.lemma_.lower() not in ctx.words("groupHeadNouns") and tok.lower_ not in ctx.words("groupHeadNouns")


def qualified_title(ctx: DocContext, tok) -> bool:
    """A title that qualifies a group noun ('militia leader', 'paramilitary chief'), not an organisation."""
    bridge = ctx.words("titleModifiers")
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "ADJ") and ctx.mention(c) is None \
                and c.lower_ not in bridge and (c.lower_, tok.lower_) not in ctx.patterns.titles \
                and not office_qualifier(ctx, c):
            return True
    return False


def np_actor(ctx: DocContext, tok) -> ResolvedMention | None:
    """The actor a noun phrase headed by ``tok`` denotes, if any."""
    m = ctx.mention(tok)
    if m is not None:
        if m.kind != "demonym":
            return m
        # a demonym as the head noun ("the Iranians") names the state itself
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("amod", "compound"):
            return m
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "appos":
            cm = ctx.mention(child)
            if cm is not None and cm.kind != "demonym":
                return cm                                # "his cousin, Ali Fadel": the person named
    if lemma in ctx.words("familyNouns"):
        return None
    if tok.dep_ == "appos" and lemma in ctx.words("groupHeadNouns"):
        hm = ctx.mention(tok.head)
        if hm is not None and hm.kind not in ("demonym", "pronoun"):
            return hm                                   # "the Coordination Framework, the rival alliance …"
    if is_title(ctx, tok):
        # an unnamed office holder speaks for the office: "the UN Secretary-General", "Iran's foreign minister"
        if any(c.dep_ == "appos" or (c.dep_ != "poss" and ctx.mention(c) is not None and ctx.mention(c).is_person)
               for c in tok.children):
            return None
        if qualified_title(ctx, tok):
            return None                              # "an Iraqi militia leader" does not speak for Iraq
        for child in tok.children:
            cm = ctx.mention(child) if child.dep_ in ("compound", "amod", "poss", "nmod") else None
            if cm is not None and not cm.is_person and (cm.kind not in ("pronoun", "nominal") or child.dep_ == "poss"):
                return cm
        if lemma not in ctx.words("partitiveNouns"):
            return None                              # "fighters from Hamas" goes on to the partitive reading
    if lemma in ctx.words("groupHeadNouns"):
        for child in tok.children:
            if child.dep_ in NP_MODIFIER_DEPS + ("amod",) and child.i != tok.i:
                cm = ctx.mention(child)
                if cm is None and child.dep_ == "compound":
                    cm = np_actor(ctx, child)     # "Kataib Hezbollah militia group"
                if cm is not None and (cm.kind != "demonym" or cm.actor.type != STATE_CLASS) \
                        and (child.dep_ != "amod" or cm.kind == "demonym"):
                    return cm                     # "Houthi rebels": a group's own adjective names the group
        for child in tok.children:
            if child.dep_ in ("amod", "acl") and child.lemma_.lower() in ctx.words("loyaltyAdjectives"):
                for gc in pobjs(child, ("to",)):
                    cm = ctx.mention(gc)
                    if cm is not None and cm.kind not in ("demonym",):
                        return cm                 # "forces loyal to P" fight for P
    if lemma in ctx.words("partitiveNouns"):
        # "factions within the PMF", "fighters of Hamas" act for their organisation
        for gc in pobjs(tok, ("within", "of", "from", "inside", "in")):
            cm = ctx.mention(gc)
            if cm is not None and cm.kind != "demonym" and cm.actor.type != STATE_CLASS and not cm.is_person:
                return cm
    personal = lemma in ctx.words("personalOfficeNouns")      # "Netanyahu's office said": the person
    organ = lemma in ctx.words("stateOrganNouns") or tok.lower_ in ctx.words("stateOrganNouns") or personal
    if organ and any(c.dep_ == "compound" and c.pos_ == "NOUN" and ctx.mention(c) is None for c in tok.children):
        organ = False       # "militia bases" are not the state's bases
    if lemma in ctx.words("assetNouns"):
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss") and ctx.mention(child) is not None:
                return ctx.mention(child)              # "Iranian cultural sites"
        for gc in pobjs(tok, ("of", "belonging")):
            cm = np_actor(ctx, gc)
            if cm is not None:
                return cm                                # "five facilities of Kataib Hezbollah"
        for gc in pobjs(tok, ("in",)):
            cm = ctx.mention(gc)
            if cm is not None and cm.actor.type == STATE_CLASS:
                return cm                                # "52 sites in Iran"
    if organ:
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                cm = ctx.mention(child)
                state = ctx.state_of(cm.actor) if cm is not None and cm.is_person and not personal else None
                if state is not None:
                    return synthetic(state)                                # "Trump's government"
                if cm is not None:
                    return cm
        for gc in pobjs(tok, ("of", "from")):
            cm = ctx.mention(gc)
            if cm is not None:
                return cm                                # "warplanes from Saudi Arabia"
    return None


def pobjs(tok, preps) -> list:
    """Objects of the prepositions ``preps`` that attach to ``tok`` ('strikes *on X*'), including
    coordinated prepositions ('at ships and *at Israel*')."""
    heads = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps]
    heads += [cc for c in heads for cc in c.conjuncts if cc.pos_ == "ADP" and cc.lower_ in preps]
    return [gc for c in heads for gc in c.children if gc.dep_ == "pobj"]


def conjuncts(tok) -> list:
    """``tok`` and its conjuncts, as ``[tok, *tok.conjuncts]`` but from conj links indexed once per
    document: spaCy's ``Token.conjuncts`` scans the subtree at every call, which is quadratic
    over a long run of names without punctuation."""
    doc = tok.doc
    kids = doc.user_data.get(_CONJ_KEY)
    if kids is None:
        kids = {}
        for t in doc:
            if t.dep_ == "conj" and t.head.i < t.i:      # spaCy follows right children only
                kids.setdefault(t.head.i, []).append(t.i)
        doc.user_data[_CONJ_KEY] = kids
    start = tok
    while start.i != start.head.i and start.dep_ == "conj":
        start = start.head
    order = [start.i]
    for i in order:
        order.extend(kids.get(i, ()))
    return [tok, *(doc[i] for i in order if i != tok.i)]


_CONJ_KEY = "actorgraph.conj_children"


def through_quantity(ctx: DocContext, tok):
    """The noun a quantity stands for: 'dozens of Iranian targets', 'a series of strikes' → the 'of' object
    (``tok`` itself when it is no quantity)."""
    if tok.lemma_.lower() in ctx.words("quantityNouns") or tok.pos_ == "NUM":
        for gc in pobjs(tok, ("of",)):
            return gc
    return tok


def np_actors(ctx: DocContext, tok) -> list[ResolvedMention]:
    """The actors of a noun phrase and its conjuncts; a generic group noun with examples
    ('Iraqi militias including Kataib Hezbollah') denotes the examples; a quantity
    ('dozens of Iranian targets') denotes what it counts."""
    seen, out = set(), []
    for t in conjuncts(tok):
        if ctx.mention(t) is None:
            t = through_quantity(ctx, t)
        m = np_actor(ctx, t)
        if m is None and t.lemma_.lower() in ctx.words("groupHeadNouns"):
            for ex in examples(ctx, t):
                if ex.actor.iri not in seen:
                    seen.add(ex.actor.iri)
                    out.append(ex)
        if m is not None and m.actor.iri not in seen:
            seen.add(m.actor.iri)
            out.append(m)
    return out


def examples(ctx: DocContext, tok) -> list[ResolvedMention]:
    out = []
    markers = ctx.words("exampleMarkers")
    for c in tok.children:
        if c.dep_ in ("prep", "amod", "acl") and c.lower_ in markers:
            for gc in c.subtree:
                if gc.dep_ == "pobj" or (gc.dep_ == "conj" and gc.head.dep_ == "pobj"):
                    m = np_actor(ctx, gc)
                    if m is not None:
                        out.append(m)
    return out


def event_author(ctx: DocContext, tok) -> ResolvedMention | None:
    """Who carried out the event named by the noun ``tok`` (strikes, attack…)."""
    from .clauses import verb_subjects          # clauses read noun phrases: imported at call time
    victim_poss = tok.lemma_.lower() in ctx.words("victimPossessiveNouns")
    for child in tok.children:
        if child.dep_ == "amod" and child.lower_ in ctx.words("authorModifiers") and child.i >= 2 \
                and ctx.doc[child.i - 1].text == "-":
            m = ctx.mention(ctx.doc[child.i - 2])           # "the Hamas-led attack"
            if m is not None:
                return m
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod"):
            m = ctx.mention(child)
            if m is not None and victim_poss and (m.is_person or child.dep_ == "poss"):
                continue                      # "Soleimani's killing": the possessor is the victim
            if m is not None:
                return m
            # "U.S.-led coalition jets", "American military's strikes"
            m2 = np_actor(ctx, child)
            if m2 is not None and child.dep_ == "poss":
                return m2
    # "the assault on the embassy by X": the parser often hangs the agent on the target's noun, or on
    # the active verb whose object the event is ("denounced [the raid on Y] [by X]")
    targets = pobjs(tok, ctx.words("eventTargetPrepositions"))
    hung = [*(g for t in targets for g in pobjs(t, ("by",)))]
    if tok.dep_ == "dobj":
        hung += [g for g in pobjs(tok.head, ("by",)) if g.i > tok.i]
    for gc in [*pobjs(tok, ("by",)), *hung]:
        m = np_actor(ctx, gc)
        if m is not None:
            return m
    if tok.lemma_.lower() in ctx.words("violentEventNouns"):
        for gc in pobjs(tok, ("from",)):
            m = np_actor(ctx, gc)
            if m is not None and m.actor.type != STATE_CLASS and not m.is_person:
                return m                 # "rocket attacks from Hamas" (never "from Lebanon": a place)
    light = light_verb(ctx, tok)
    if light is not None:
        subs = verb_subjects(ctx, light)
        if subs:
            return subs[0]
    return None


def light_verb(ctx: DocContext, tok):
    """The light verb whose object is the event ('carried out strikes'), also through a phase noun
    ('announced the start of operations against Y'); None when there is none."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in ctx.words("phaseNouns"):
        tok = tok.head.head
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ctx.words("lightVerbs"):
        return tok.head
    return None


def event_authors(ctx: DocContext, tok) -> list[ResolvedMention]:
    """All authors of an event: 'the United States and Britain launched strikes' names both."""
    from .clauses import verb_subjects          # clauses read noun phrases: imported at call time
    light = light_verb(ctx, tok)
    if light is not None and event_author(ctx, tok) is not None:
        subs = verb_subjects(ctx, light)
        if subs:
            return subs
    a = event_author(ctx, tok)
    return [a] if a is not None else []


def event_targets(ctx: DocContext, tok) -> list[ResolvedMention]:
    out = []
    if tok.lemma_.lower() in ctx.words("victimPossessiveNouns"):
        for child in tok.children:
            m = ctx.mention(child) if child.dep_ in ("poss", "compound") else None
            if m is not None and m.is_person:
                out.append(m)
    children = list(tok.children)
    light = light_verb(ctx, tok)
    if light is not None:
        children += list(light.children)         # "carried out strikes on Sunday against X"
        if tok.dep_ == "pobj":
            children += list(tok.head.head.children)     # "launched a wave of strikes on X"
    for child in children:
        if child.dep_ == "prep" and child.lower_ in ctx.words("eventTargetPrepositions"):
            out.extend(m for gc in child.children if gc.dep_ == "pobj" for m in np_actors(ctx, gc))
    return out


def is_event_noun(ctx: DocContext, tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in ctx.words("eventNouns")


def np_head(tok):
    while tok.dep_ in ("amod", "compound", "poss", "nmod", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def np_tokens(head) -> set[int]:
    """Token indices of a noun phrase: the head and its modifiers, without prepositional phrases and clauses."""
    out, stack = {head.i}, [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ not in ("prep", "relcl", "acl", "advcl", "cc", "conj", "punct"):
                out.add(c.i)
                stack.append(c)
    return out


def antecedent_org(ctx: DocContext, pos: int) -> ResolvedMention | None:
    for m in reversed(ctx.mentions):
        if m.start < pos and m.actor.type in ANTECEDENT_ORGANISATION_CLASSES and m.kind not in ("pronoun",):
            return m
    return None
