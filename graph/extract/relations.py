"""Relation rules: from a parsed sentence with resolved mentions to candidate relations.

Each rule reads the dependency parse (spaCy) and the patterns of
``ontology/patterns.ttl``; none of them names a trigger word itself.

Rules (in the order they run, see :data:`RULES`):

* ``title``        — titles before a person's name ("Iranian Foreign Minister
  Zarif", "Pentagon press secretary Kirby", "President Biden" → his state);
* ``noun``         — relational nouns and titles in apposition, after a
  copula or after "as" ("Y, the political arm of X", "X's successor, Y",
  "P is a commander of X", "one of X's allies", "named P as its leader");
* ``possessive``   — a person's own group ("Sadr reactivated his Mahdi Army");
* ``organisation`` — one organisation inside another ("the Quds Force of the IRGC");
* ``modifier``     — "<X>-backed <Y>", "pro-<X> <Y>", "anti-<X> <Y>", reaching
  examples, apposed alliances and definite anaphora;
* ``event``        — violent event nouns with authors and targets
  ("U.S. airstrikes against Kataib Hezbollah", "the Hamas-led attack on Israel");
* ``event-noun``   — nouns naming an act ("renewed its threat against Israel",
  "held talks with", "sanctions on Iraq");
* ``verb``         — subject / verb / object frames (active, passive, relative
  clauses, participles, coordination, "like X and Y", control), with
  modality (a promised attack is a threat), negation, denial, cessation and
  hedging ("accused X of …" is a claim, not a fact);
* ``quote``        — threats and condemnations inside quotations, attributed
  to their speaker;
* ``report``       — the same in reported speech without quotation marks.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.patterns import Patterns, Trigger
from ..extract.resolve import ResolvedMention
from ..model import Actor
from ..vocab import relations

__all__ = ["Candidate", "DocContext", "sentence_relations"]

QUOTES = '"\u201c\u201d\u00ab\u00bb'
SUBJ_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJ_DEPS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = ("which", "who", "that", "whom")
NP_MODIFIER_DEPS = ("compound", "flat", "appos", "nmod", "npadvmod")
OWNER_DEPS_STOP = ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "det")


@dataclass
class Candidate:
    subject: Actor
    relation: str
    object: Actor
    confidence: float
    rule: str
    negated: bool = False


@dataclass
class DocContext:
    """Per-document state shared by the rules."""

    doc: object
    mentions: list[ResolvedMention]
    patterns: Patterns
    country: dict[str, str] = field(default_factory=dict)     # actor IRI → state IRI (knowledge base)
    actors: dict[str, Actor] = field(default_factory=dict)    # knowledge-base actors by IRI
    by_token: dict[int, ResolvedMention] = field(default_factory=dict)
    last_attacker: Actor | None = None
    #: actor IRI → IRIs of the organisations and states it belongs to (KB and this document)
    affiliations: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self):
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def words(self, name: str) -> frozenset[str]:
        return self.patterns.words(name)

    def state_of(self, actor: Actor) -> Actor | None:
        """The knowledge-base state an actor belongs to (ag:country), if any."""
        iri = self.country.get(actor.iri)
        return self.actors.get(iri) if iri else None

    def side_of(self, actor: Actor) -> set[str]:
        """The actor and the organisations and states it speaks for."""
        side = {actor.iri} | self.affiliations.get(actor.iri, set())
        if actor.iri in self.country:
            side.add(self.country[actor.iri])
        return side


# ---------------------------------------------------------------------------
# noun phrases → actors
# ---------------------------------------------------------------------------

def _mention(ctx: DocContext, tok) -> ResolvedMention | None:
    return ctx.by_token.get(tok.i)


def _mention_head(ctx: DocContext, m: ResolvedMention):
    """The syntactic head token of a (multi-token) mention."""
    head = ctx.doc[m.start]
    while m.start <= head.head.i < m.end and head.head.i != head.i:
        head = head.head
    return head


def _is_title(ctx: DocContext, tok) -> bool:
    return (tok.lower_,) in ctx.patterns.titles or (tok.lemma_.lower(),) in ctx.patterns.titles


def _office_qualifier(ctx: DocContext, tok) -> bool:
    """A word that narrows an office without naming another group ('press' secretary, 'foreign ministry'
    spokesman, 'political bureau' chief) — unlike 'militia' leader or 'paramilitary' chief."""
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") and _mention(ctx, tok) is None \
        and tok.lemma_.lower() not in ctx.words("groupHeadNouns") and tok.lower_ not in ctx.words("groupHeadNouns")


def _qualified_title(ctx: DocContext, tok) -> bool:
    """A title that qualifies a group noun ('militia leader', 'paramilitary chief'), not an organisation."""
    bridge = ctx.words("titleModifiers")
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "ADJ") and _mention(ctx, c) is None \
                and c.lower_ not in bridge and (c.lower_, tok.lower_) not in ctx.patterns.titles \
                and not _office_qualifier(ctx, c):
            return True
    return False


def np_actor(ctx: DocContext, tok) -> ResolvedMention | None:
    """The actor a noun phrase headed by ``tok`` denotes, if any."""
    m = _mention(ctx, tok)
    if m is not None:
        if m.kind != "demonym":
            return m
        # a demonym as the head noun ("the Iranians") names the state itself
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("amod", "compound"):
            return m
    lemma = tok.lemma_.lower()
    if lemma in ctx.words("familyNouns"):
        return None
    for child in tok.children:
        if child.dep_ == "appos":
            cm = _mention(ctx, child)
            if cm is not None and cm.kind != "demonym":
                return cm
    if tok.dep_ == "appos" and lemma in ctx.words("groupHeadNouns"):
        hm = _mention(ctx, tok.head)
        if hm is not None and hm.kind not in ("demonym", "pronoun"):
            return hm                                   # "the Coordination Framework, the rival alliance …"
    if _is_title(ctx, tok):
        # an unnamed office holder speaks for the office: "the UN Secretary-General", "Iran's foreign minister"
        if any(c.dep_ == "appos" or (c.dep_ != "poss" and _mention(ctx, c) is not None and _mention(ctx, c).is_person)
               for c in tok.children):
            return None
        if _qualified_title(ctx, tok):
            return None                              # "an Iraqi militia leader" does not speak for Iraq
        for child in tok.children:
            cm = _mention(ctx, child) if child.dep_ in ("compound", "amod", "poss", "nmod") else None
            if cm is not None and not cm.is_person and cm.kind not in ("pronoun", "nominal"):
                return cm
        return None
    if lemma in ctx.words("groupHeadNouns"):
        for child in tok.children:
            if child.dep_ in NP_MODIFIER_DEPS + ("amod",) and child.i != tok.i:
                cm = _mention(ctx, child)
                if cm is None and child.dep_ == "compound":
                    cm = np_actor(ctx, child)     # "Kataib Hezbollah militia group"
                if cm is not None and (cm.kind != "demonym" or cm.actor.type != "State") \
                        and (child.dep_ != "amod" or cm.kind == "demonym"):
                    return cm                     # "Houthi rebels": a group's own adjective names the group
    if lemma in ctx.words("partitiveNouns"):
        # "factions within the PMF", "fighters of Hamas" act for their organisation
        for gc in pobjs(tok, ("within", "of", "from", "inside", "in")):
            cm = _mention(ctx, gc)
            if cm is not None and cm.kind != "demonym" and cm.actor.type != "State" and not cm.is_person:
                return cm
    personal = lemma in ctx.words("personalOfficeNouns")      # "Netanyahu's office said": the person
    organ = lemma in ctx.words("stateOrganNouns") or tok.lower_ in ctx.words("stateOrganNouns") or personal
    if organ and any(c.dep_ == "compound" and c.pos_ == "NOUN" and _mention(ctx, c) is None for c in tok.children):
        organ = False       # "militia bases" are not the state's bases
    if lemma in ctx.words("assetNouns"):
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss") and _mention(ctx, child) is not None:
                return _mention(ctx, child)              # "Iranian cultural sites"
        for gc in pobjs(tok, ("of", "belonging")):
            cm = np_actor(ctx, gc)
            if cm is not None:
                return cm                                # "five facilities of Kataib Hezbollah"
        for gc in pobjs(tok, ("in",)):
            cm = _mention(ctx, gc)
            if cm is not None and cm.actor.type == "State":
                return cm                                # "52 sites in Iran"
    if organ:
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                cm = _mention(ctx, child)
                state = ctx.state_of(cm.actor) if cm is not None and cm.is_person and not personal else None
                if state is not None:
                    return _synthetic(state)                                # "Trump's government"
                if cm is not None:
                    return cm
        for gc in pobjs(tok, ("of",)):
            cm = _mention(ctx, gc)
            if cm is not None:
                return cm
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


def np_actors(ctx: DocContext, tok) -> list[ResolvedMention]:
    """The actors of a noun phrase and its conjuncts; a generic group noun with examples
    ('Iraqi militias including Kataib Hezbollah') denotes the examples."""
    seen, out = set(), []
    for t in conjuncts(tok):
        m = np_actor(ctx, t)
        if m is None and t.lemma_.lower() in ctx.words("groupHeadNouns"):
            for ex in _examples(ctx, t):
                if ex.actor.iri not in seen:
                    seen.add(ex.actor.iri)
                    out.append(ex)
        if m is not None and m.actor.iri not in seen:
            seen.add(m.actor.iri)
            out.append(m)
    return out


def _examples(ctx: DocContext, tok) -> list[ResolvedMention]:
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
    victim_poss = tok.lemma_.lower() in ctx.words("victimPossessiveNouns")
    for child in tok.children:
        if child.dep_ == "amod" and child.lower_ in ctx.words("authorModifiers") and child.i >= 2 \
                and ctx.doc[child.i - 1].text == "-":
            m = _mention(ctx, ctx.doc[child.i - 2])           # "the Hamas-led attack"
            if m is not None:
                return m
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod"):
            m = _mention(ctx, child)
            if m is not None and victim_poss and (m.is_person or child.dep_ == "poss"):
                continue                      # "Soleimani's killing": the possessor is the victim
            if m is not None:
                return m
            # "U.S.-led coalition jets", "American military's strikes"
            m2 = np_actor(ctx, child)
            if m2 is not None and child.dep_ == "poss":
                return m2
    for gc in pobjs(tok, ("by",)):
        m = np_actor(ctx, gc)
        if m is not None:
            return m
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in ctx.words("lightVerbs"):
        subs = verb_subjects(ctx, head)
        if subs:
            return subs[0]
    return None


def event_authors(ctx: DocContext, tok) -> list[ResolvedMention]:
    """All authors of an event: 'the United States and Britain launched strikes' names both."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ctx.words("lightVerbs") and event_author(ctx, tok) is not None:
        subs = verb_subjects(ctx, tok.head)
        if subs:
            return subs
    a = event_author(ctx, tok)
    return [a] if a is not None else []


def event_targets(ctx: DocContext, tok) -> list[ResolvedMention]:
    out = []
    if tok.lemma_.lower() in ctx.words("victimPossessiveNouns"):
        for child in tok.children:
            m = _mention(ctx, child) if child.dep_ in ("poss", "compound") else None
            if m is not None and m.is_person:
                out.append(m)
    children = list(tok.children)
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ctx.words("lightVerbs"):
        children += list(tok.head.children)      # "carried out strikes on Sunday against X"
    for child in children:
        if child.dep_ == "prep" and child.lower_ in ctx.words("eventTargetPrepositions"):
            out.extend(m for gc in child.children if gc.dep_ == "pobj" for m in np_actors(ctx, gc))
    return out


def is_event_noun(ctx: DocContext, tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in ctx.words("eventNouns")


# ---------------------------------------------------------------------------
# verbs: subjects, objects, modality, negation
# ---------------------------------------------------------------------------

def _is_passive(v) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ_DEPS + ("auxpass",) for c in v.children) or \
        (v.dep_ == "acl" and v.tag_ == "VBN")


def _agent(ctx: DocContext, v) -> list[ResolvedMention]:
    # "trained and armed by the Quds Force": coordinated participles share the agent
    for verb in [v, *(c for c in v.conjuncts if c.i > v.i)]:
        for c in verb.children:
            if c.dep_ == "agent":
                for gc in c.children:
                    if gc.dep_ == "pobj":
                        return _actors_or_author(ctx, gc)
    # "was killed in an Israeli strike": the author of the event that did it
    for gc in pobjs(v, ("in", "during", "by")):
        if gc.lemma_.lower() in ctx.words("violentEventNouns"):
            a = event_author(ctx, gc)
            if a is not None:
                return [a]
    return []


def _actors_or_author(ctx: DocContext, tok) -> list[ResolvedMention]:
    found = np_actors(ctx, tok)
    if not found and is_event_noun(ctx, tok):
        a = event_author(ctx, tok)
        if a is not None:
            found = [a]
    return found


def _like_actors(ctx: DocContext, v) -> list[ResolvedMention]:
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
    if _is_passive(v):
        return _agent(ctx, v)
    found: list[ResolvedMention] = []
    for c in v.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
                found.extend(_actors_or_author(ctx, v.head))
            elif c.pos_ == "PRON" and _mention(ctx, c) is None and v.dep_ == "ccomp" \
                    and v.head.lemma_.lower() in ctx.words("communicationVerbs"):
                # "Iran said it condemned …": the pronoun is the speaker
                found.extend(verb_subjects(ctx, v.head, depth + 1))
            else:
                found.extend(_actors_or_author(ctx, c))
            # "Russia, which like Iran and Hezbollah backs …"
            found.extend(_like_actors(ctx, c))
    found.extend(_like_actors(ctx, v))
    if v.dep_ == "ccomp" and v.head.lemma_ == "like" and v.head.dep_ == "relcl":
        # the parser reads "X, which like Y backs Z" as a relative clause "which like"
        found.extend(_actors_or_author(ctx, v.head.head))
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
            if not found and _is_passive(head):
                # "troops are deployed to fight X": the deployed fight
                for c in head.children:
                    if c.dep_ in PASSIVE_SUBJ_DEPS:
                        found.extend(np_actors(ctx, c))
        elif v.dep_ == "relcl":
            found = _actors_or_author(ctx, v.head)
        elif v.dep_ == "acl" and v.tag_ == "VBG":
            found = np_actors(ctx, v.head)
    return found


def verb_objects(ctx: DocContext, v, trig: Trigger, *, author_of_events: bool) -> list[ResolvedMention]:
    """The semantic objects (patients) of verb ``v`` for a trigger."""
    found: list[ResolvedMention] = []
    toks = []
    if _is_passive(v):
        found.extend(_like_actors(ctx, v))
        toks += [c for c in v.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if v.dep_ in ("acl",) or (v.dep_ == "relcl" and not toks):
            toks.append(v.head)
        elif toks and toks[0].lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
            toks = [v.head]
    if not trig.preposition_only:
        toks += [c for c in v.children if c.dep_ in ("dobj", "dative", "obj")]
    toks = [v.head if t.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl" else t for t in toks]
    for t in toks:
        acts = np_actors(ctx, t)
        if not acts and is_event_noun(ctx, t):
            if author_of_events:
                # condemning "the strike on X" condemns whoever struck, never X
                a = event_author(ctx, t)
                if a is not None:
                    acts = [a]
                elif ctx.last_attacker is not None and (
                        t.lemma_.lower() in ctx.words("violentEventNouns") or trig.relation == "condemns"):
                    acts = [_synthetic(ctx.last_attacker)]
            else:
                acts = event_targets(ctx, t)
        if not acts and trig.event_object_is_author:
            # "praised the Houthis' stance": the possessor holds what is judged
            acts = [m for c in t.children if c.dep_ == "poss" for m in [_mention(ctx, c)]
                    if m is not None and m.kind not in ("pronoun",)]
        if not acts and not (author_of_events and is_event_noun(ctx, t)) and (
                relations()[trig.relation].polarity < 0 or trig.modal_relation):
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
                m = _mention(ctx, c)
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
                for gc in _clause_tokens(ctx, c):
                    if gc.dep_ in ("dobj", "dative") or (gc.dep_ == "nsubj" and gc.head.dep_ in ("ccomp", "xcomp")) \
                            or (gc.dep_ == "pobj" and gc.head.lower_ in ("on", "against")):
                        found.extend(np_actors(ctx, gc))
    return found


def _synthetic(actor: Actor) -> ResolvedMention:
    return ResolvedMention(-1, -1, "memory", actor)


def _has_child_lemma(tok, deps: tuple[str, ...], lemmas: frozenset[str]) -> bool:
    return any(c.dep_ in deps and c.lemma_.lower() in lemmas for c in tok.children)


def is_negated(ctx: DocContext, v) -> bool:
    """Negated, denied or reported as an unproven claim."""
    if any(c.dep_ == "neg" for c in v.children):
        return True
    if v.dep_ in ("xcomp", "conj") and any(c.dep_ == "neg" for c in v.head.children) \
            and not any(c.dep_ in SUBJ_DEPS + PASSIVE_SUBJ_DEPS for c in v.children):
        return True
    deny, hedge = ctx.words("negationCues"), ctx.words("hedgeCues")
    t = v
    for _ in range(8):
        if t.head.i == t.i:
            break
        coordinated = t.dep_ == "conj"
        t = t.head
        if coordinated:
            continue          # "denied responsibility and accused Israel": the accusation is not denied
        lemma = t.lemma_.lower()
        if (lemma in deny and t.pos_ == "VERB") or lemma in hedge:
            return True
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in t.children) and v.dep_ in ("xcomp", "advcl"):
            return True       # "was not considering sending fighters to defend Assad"
    for c in v.subtree:
        if c.lemma_.lower() in hedge and c.i < v.i:
            return True
    return False


def is_modal(ctx: DocContext, v) -> bool:
    """Future, modal or intended: the action is promised, not reported as done."""
    modal = ctx.words("modalWords")
    if _has_child_lemma(v, ("aux", "auxpass"), modal):
        return True
    tok = v
    for _ in range(3):
        if tok.dep_ in ("xcomp", "ccomp", "conj", "advcl") and tok.head.i != tok.i:
            head = tok.head
            if head.lemma_.lower() in modal or _has_child_lemma(head, ("aux",), modal):
                return True
            if tok.dep_ == "conj":
                tok = head
                continue
        break
    return False


def is_conditional(ctx: DocContext, v) -> bool:
    marks = ctx.words("conditionalMarkers")
    tok = v
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return True
        if tok.dep_ == "conj":
            tok = tok.head
        else:
            break
    return False


# ---------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------

def _affiliating(rel: str) -> bool:
    """Relations that put the subject on the object's side (memberOf, leaderOf, partOf, founderOf)."""
    r = relations()[rel]
    return r.kind == "structural" and r.polarity > 0


def _emit(out: list, subs, rel: str, objs, conf: float, rule: str, negated: bool = False, inverse: bool = False,
          ctx: DocContext | None = None):
    for s in subs:
        for o in objs:
            a, b = (o, s) if inverse else (s, o)
            if a.actor.iri == b.actor.iri:
                continue
            if ctx is not None and _affiliating(rel) and not negated:
                ctx.affiliations.setdefault(a.actor.iri, set()).add(b.actor.iri)
            c = conf * (0.85 if "pronoun" in (a.kind, b.kind) or "memory" in (a.kind, b.kind) else 1.0)
            out.append(Candidate(a.actor, rel, b.actor, round(c, 3), rule, negated))


def verb_rule(ctx: DocContext, sent, out: list) -> None:
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
            objs = verb_objects(ctx, v, trig, author_of_events=author)
            if not subs or not objs:
                continue
            neg = is_negated(ctx, v) or _ceased(ctx, v)
            conf = trig.confidence * (0.9 if modal else 1.0)
            _emit(out, subs, rel, objs, conf, f"verb:{trig.name}", neg, inverse=trig.direction == "inverse", ctx=ctx)
            if trig.direction == "mutual":
                _emit(out, objs, rel, subs, conf, f"verb:{trig.name}", neg, ctx=ctx)
            if rel == "attacks" and not neg:
                ctx.last_attacker = subs[0].actor
            break


def event_rule(ctx: DocContext, sent, out: list) -> None:
    violent = ctx.words("violentEventNouns")
    threat_verbs = ctx.patterns.verbs_producing("threatens")
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in violent:
            continue
        authors = event_authors(ctx, tok)
        if not authors:
            _denied_event(ctx, tok, out)
            continue
        author = authors[0]
        targets = event_targets(ctx, tok)
        governors = _governors(ctx, tok)
        neg = any(a.lemma_.lower() in ctx.words("negationCues") for a in governors) or _ceased(ctx, tok)
        rel, conf = "attacks", 0.75
        if any(a.lemma_.lower() in threat_verbs or a.lemma_.lower() in ctx.words("modalWords") for a in governors):
            rel, conf = "threatens", 0.7
        if targets:
            _emit(out, authors, rel, targets, conf, "event", neg)
        if rel == "attacks" and not neg and tok.lemma_.lower() not in ctx.words("durativeEventNouns"):
            ctx.last_attacker = author.actor


def _denied_event(ctx: DocContext, tok, out: list) -> None:
    """'X denied any role in the attack on Y': kept as a negated 'X attacks Y'."""
    deny = ctx.words("negationCues")
    for gov in tok.ancestors:
        if gov.pos_ == "VERB" and gov.lemma_.lower() in deny:
            subs = verb_subjects(ctx, gov)
            targets = event_targets(ctx, tok)
            if subs and targets:
                _emit(out, subs, "attacks", targets, 0.7, "event:denied", negated=True)
            return




def _governors(ctx: DocContext, tok) -> list:
    """Heads above a noun through complements only: 'vowed to avenge the attack' but not 'vowed … after the attack'."""
    out, t = [], tok
    adverbial = ctx.words("adverbialPrepositions")
    for _ in range(6):
        head = t.head
        if head.i == t.i:
            break
        if t.dep_ == "pobj" and head.lower_ in adverbial:
            break
        if t.dep_ in ("advcl", "relcl", "acl", "npadvmod"):
            break
        out.append(head)
        t = head
    return out


def modifier_rule(ctx: DocContext, sent, out: list) -> None:
    doc = ctx.doc
    mods, prefixes = ctx.patterns.modifiers, ctx.patterns.prefixes
    for m in {id(x): x for x in (ctx.by_token.get(t.i) for t in sent) if x is not None}.values():
        if m.start < sent.start or m.end > sent.end or m.kind == "memory":
            continue
        # "<X>-backed <Y>"
        if m.end + 1 < sent.end and doc[m.end].text == "-" and doc[m.end + 1].lower_ in mods:
            trig = mods[doc[m.end + 1].lower_]
            targets, conf = _modifier_targets(ctx, trig, doc[m.end + 1], sent, after=m.end + 2)
            _emit(out, targets, trig.relation, [m], conf, f"modifier:{trig.name}")
        # "pro-<X> <Y>" / "anti-<X> <Y>"
        if m.start >= sent.start + 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ in prefixes:
            trig = prefixes[doc[m.start - 2].lower_]
            targets, conf = _modifier_targets(ctx, trig, doc[m.end - 1], sent, after=m.end)
            _emit(out, targets, trig.relation, [m], conf, f"modifier:{trig.name}")


def _modifier_targets(ctx: DocContext, trig: Trigger, tok, sent, after: int) -> tuple[list, float]:
    """Who a modifier describes: the actor of its noun phrase, else the examples, the apposed
    actor or the antecedent of a definite generic noun, else the subject that holds the attitude."""
    target = _modified_actor(ctx, tok, sent, after=after)
    if target is not None:
        return [target], trig.confidence
    noun = _np_head(tok)
    conf = trig.confidence * 0.85
    if noun.lemma_.lower() in ctx.words("groupHeadNouns"):
        examples = _examples(ctx, noun)                     # "Iran-backed militias, including Kataib Hezbollah"
        if examples:
            return examples, conf
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
            target = _antecedent_org(ctx, noun.i)           # "the Iran-backed group", "the anti-US force"
            return ([target] if target is not None else []), conf
    if noun.dep_ == "dobj" and relations()[trig.relation].polarity < 0:
        return verb_subjects(ctx, noun.head)[:1], conf    # "rallied anti-American sentiment"
    return [], conf


def _container(noun):
    """The group noun that contains this one: 'an alliance of [pro-Iran factions]'."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return noun.head.head
    return None


def _np_tokens(head) -> set[int]:
    """Token indices of a noun phrase: the head and its modifiers, without prepositional phrases and clauses."""
    out, stack = {head.i}, [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ not in ("prep", "relcl", "acl", "advcl", "cc", "conj", "punct"):
                out.add(c.i)
                stack.append(c)
    return out


ORG_TYPES_FOR_ANAPHORA = ("ArmedGroup", "ArmedForce", "PoliticalParty", "Organization", "StateAgency")


def _antecedent_org(ctx: DocContext, pos: int) -> ResolvedMention | None:
    for m in reversed(ctx.mentions):
        if m.start < pos and m.actor.type in ORG_TYPES_FOR_ANAPHORA and m.kind not in ("pronoun",):
            return m
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
    inside = _np_tokens(head)
    for i in range(after, min(limit + 1, sent.end)):
        m = ctx.by_token.get(i)
        if m is None or m.kind in ("pronoun", "nominal"):
            continue
        # a name right after a generic head is that group, however the parser attached it
        if i not in inside and not (group_head and (ctx.doc[i].head.i == head.i or m.start == head.i + 1)):
            continue
        if m.kind == "demonym" and i < limit and m.actor.type == "State":
            continue
        if group_head and m.actor.type == "State" and i < head.i:
            continue                          # "pro-Iran Iraq militia": Iraq is where, not who
        return m
    return None


def _title_at(ctx: DocContext, lo: int, hi: int, *, forward: bool) -> tuple[Trigger, int] | None:
    """The longest title phrase starting at ``lo`` (forward) or ending at ``hi`` (backward), within [lo, hi)."""
    titles = ctx.patterns.titles
    for width in range(min(ctx.patterns.max_title_len, hi - lo), 0, -1):
        span = ctx.doc[lo:lo + width] if forward else ctx.doc[hi - width:hi]
        trig = titles.get(tuple(t.lower_ for t in span))
        if trig is not None:
            return trig, width
    return None


def _stronger(current: Trigger | None, new: Trigger) -> Trigger:
    """Of two titles of one person, the first, unless the new one makes them a leader."""
    if current is None or current.relation == "memberOf" and new.relation == "leaderOf":
        return new
    return current


def title_rule(ctx: DocContext, sent, out: list) -> None:
    """Titles standing before a person's name: '<org> <title> <Person>'."""
    doc = ctx.doc
    bridge = ctx.words("titleModifiers")
    seen = set()
    for m in ctx.mentions:
        if m.start < sent.start or m.start >= sent.end or not m.is_person or m.start in seen:
            continue
        seen.add(m.start)
        # titles inside the matched name ("President Donald Trump" is a label of its own)
        trig, t_start = None, None
        k = m.start
        while k < m.end - 1:
            found = _title_at(ctx, k, m.end - 1, forward=True)
            if found is None:
                break
            trig, t_start, k = _stronger(trig, found[0]), m.start, k + found[1]
        i = m.start - 1
        while i >= sent.start:
            found = _title_at(ctx, sent.start, i + 1, forward=False)
            if found is None:
                break
            trig, t_start, i = _stronger(trig, found[0]), i + 1 - found[1], i - found[1]
        if trig is None:
            continue
        j = t_start - 1
        qualifiers = 0
        while j >= sent.start and (doc[j].lower_ in bridge or _office_qualifier(ctx, doc[j])) and qualifiers < 3:
            qualifiers += doc[j].lower_ not in bridge
            j -= 1                            # "Pentagon press secretary", "Hamas political bureau chief"
        org = ctx.by_token.get(j) if j >= sent.start else None
        conf = trig.confidence * (0.9 if qualifiers else 1.0)
        # the title words: before the name, else at the start of the matched name ("President Donald Trump")
        office = " ".join(t.lower_ for t in (doc[t_start:m.start] if t_start < m.start else doc[m.start:k]))
        state = ctx.state_of(m.actor)
        if org is None and state is not None and (j < sent.start or doc[j].i not in {c.i for c in doc[t_start].subtree}) \
                and trig.relation in ("leaderOf", "memberOf") and office in ctx.words("stateOfficeTitles"):
            # "President Joe Biden": the office of the person's own state (knowledge base)
            org, conf = _synthetic(state), conf * 0.8
        if org is None or org.is_person or org.kind == "pronoun":
            continue
        _emit(out, [m], trig.relation, [org], conf, f"title:{trig.name}", ctx=ctx)


def _owner(ctx: DocContext, noun, exclude: set[int], modifiers: bool = True) -> ResolvedMention | None:
    """The organisation a title or relational noun is 'of': poss, of/for/within phrases, modifiers.

    ``modifiers=False`` ignores adjective and compound modifiers of the noun itself
    ("an Iraqi militia leader" leads a militia, not Iraq).
    """
    queue = [noun]
    seen = set()
    while queue:
        tok = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name"):
                queue.append(c)                      # "the forces known as the PMF"
                continue
            if c.dep_ in OWNER_DEPS_STOP or c.i in exclude:
                continue
            if not modifiers and tok.i == noun.i and c.dep_ in ("amod", "compound", "nmod"):
                continue
            m = _mention(ctx, c)
            if m is None and c.dep_ == "poss" and c.lower_ in ("its", "their"):
                m = _clause_subject(ctx, c)
                if m is None or m.actor.iri in exclude:
                    m = _antecedent_org(ctx, c.i)      # "Its secretary general, Abu Alaa al-Walai, …"
            if m is not None and c.dep_ in ("poss", "pobj", "compound", "amod", "nmod") and m.actor.iri not in exclude:
                return m
            if c.dep_ in ("prep",) and c.lower_ in ("of", "for", "within", "to", "from", "inside", "as"):
                queue.append(c)
            elif c.dep_ in ("pobj", "compound", "amod", "poss", "appos"):
                queue.append(c)
        for c in tok.conjuncts:
            if _mention(ctx, c) is None:      # "commander and spokesman for X", not "Soleimani and … leader"
                queue.append(c)
    return None


DASHES = ("\u2014", "\u2013", "-", "--")
ARGUMENT_DEPS = ("dobj", "nsubj", "nsubjpass", "attr", "conj")


def _clause_subject(ctx: DocContext, tok) -> ResolvedMention | None:
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


def _predications(sent, nouns, examples):
    """(holder, noun) pairs where the noun is predicated of the holder."""
    doc = sent.doc
    relational = nouns
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in relational and tok.dep_ in ARGUMENT_DEPS:
            # "Suleimani's top ally in Iraq, Abu Mahdi al-Muhandis" with the name attached elsewhere
            edge = tok.right_edge.i
            comma = edge if doc[edge].text == "," else edge + 1
            if comma + 1 < sent.end and doc[comma].text == ",":
                nxt = doc[comma + 1]
                if nxt.pos_ == "PROPN" and nxt.head.i != tok.i and tok.i not in [a.i for a in nxt.ancestors]:
                    yield nxt, tok, True
        if tok.dep_ == "appos":
            yield tok.head, tok, True
            yield tok, tok.head, True
        elif tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "VERB":
            for c in tok.head.head.children:              # "named Naim Qassem as its secretary general"
                if c.dep_ == "dobj":
                    yield c, tok, True
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
            for c in tok.head.children:
                if c.dep_ == "nsubj":
                    if c.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
                        yield tok.head.head, tok, True        # "X, who is one of Iran's allies"
                    else:
                        yield c, tok, True
        elif tok.dep_ == "compound" and tok.pos_ == "NOUN":
            yield tok.head, tok, False                         # "his successor Esmail Qaani"
            for c in tok.head.children:                        # "Iran's proxy groups like the PMF"
                if c.dep_ == "prep" and c.lower_ in examples:
                    for gc in c.subtree:
                        if gc.dep_ == "pobj" or (gc.dep_ == "conj" and gc.head.dep_ == "pobj"):
                            yield gc, tok, False
        elif tok.dep_ == "conj" and doc[tok.left_edge.i - 1].text == "," and tok.head.pos_ == "NOUN" \
                and tok.head.lemma_.lower() in relational:
            yield tok, tok.head, True                 # "its two main allies, Iran and the United States"
        elif tok.dep_ in ("npadvmod", "appos", "dep") and tok.left_edge.i > sent.start + 1:
            # "Tehran and Washington — Iraq's two main allies —"
            le = tok.left_edge.i
            dash = le if doc[le].text in DASHES else le - 1
            if doc[dash].text in DASHES and dash - 1 >= sent.start:
                yield doc[dash - 1], tok, True


def noun_rule(ctx: DocContext, sent, out: list) -> None:
    titles, nouns = ctx.patterns.titles, ctx.patterns.nouns
    for holder_tok, noun, titles_allowed in _predications(sent, nouns, ctx.words("exampleMarkers")):
        holders = np_actors(ctx, holder_tok)
        if not holders:
            continue
        if noun.tag_ in ("NN", "NNP") and len(holders) > 1:
            # "Soleimani and Abu Mahdi al-Muhandis, the PMF's chief": a singular apposition names the nearest
            before = [h for h in holders if h.start < noun.i]
            holders = [max(before, key=lambda h: h.start)] if before else holders[:1]
        holder = holders[0]
        n = noun
        # "one of Iran's most powerful allies"
        if n.lower_ == "one":
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    n = next((g for g in c.children if g.dep_ == "pobj"), n)
        lemma = n.lemma_.lower()
        exclude = {i for h in holders for i in range(h.start, h.end)} | {h.actor.iri for h in holders}
        trig = None
        if titles_allowed and holder.is_person and ((n.lower_,) in titles or (lemma,) in titles):
            trig = titles.get((n.lower_,)) or titles.get((lemma,))
            # "commander and spokesman": keep the strongest title
            for c in n.conjuncts:
                t2 = titles.get((c.lower_,)) or titles.get((c.lemma_.lower(),))
                if t2 and t2.relation == "leaderOf":
                    trig = t2
            for c in n.children:
                if c.dep_ in ("compound", "amod") and (c.lower_, n.lower_) in titles:
                    trig = titles[(c.lower_, n.lower_)]
        elif lemma in nouns:
            trig = nouns[lemma]
        if trig is None:
            continue
        owner = _owner(ctx, n, exclude, modifiers=not (trig in titles.values() and _qualified_title(ctx, n)))
        conf = trig.confidence * 0.95
        office = " ".join(t.lower_ for t in n.subtree if t.i <= n.i and t.dep_ in ("compound", "amod") or t.i == n.i)
        is_office = office in ctx.words("stateOfficeTitles") or n.lower_ in ctx.words("stateOfficeTitles")
        state = ctx.state_of(holder.actor) if holder.is_person else None
        if owner is None and is_office and state is not None \
                and not _qualified_title(ctx, n) and not any(c.dep_ == "prep" for c in n.children):
            # "Mark Esper, the defence secretary": the office of the person's own state (knowledge base)
            owner, conf = _synthetic(state), conf * 0.8
        if owner is None and relations()[trig.relation].symmetric and len(holders) > 1 and noun.tag_ == "NNS":
            # "Hezbollah and the Amal Movement are close allies"
            _emit(out, holders[:1], trig.relation, holders[1:], conf, f"noun:{trig.name}", ctx=ctx)
            continue
        if owner is None or owner.actor.iri in exclude:
            continue
        if trig.relation in ("leaderOf", "memberOf", "founderOf") and not holder.is_person and trig in titles.values():
            continue
        _emit(out, holders, trig.relation, [owner], conf, f"noun:{trig.name}",
              inverse=trig.direction == "inverse", ctx=ctx)


def _np_head(tok):
    while tok.dep_ in ("amod", "compound", "poss", "nmod", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _cue_negated(ctx: DocContext, tok) -> bool:
    """A threat word under negation or cessation: 'would not attack', 'would suspend attacks'."""
    return is_negated(ctx, tok) or is_negated(ctx, tok.head) or _ceased(ctx, tok)


def _ceased(ctx: DocContext, tok) -> bool:
    """Governed by a verb that stops it: 'suspend attacks', 'stopped attacking'."""
    cessation = ctx.words("cessationVerbs")
    return any(g.lemma_.lower() in cessation for g in _governors(ctx, tok)[:2])


def _promised(ctx: DocContext, tok) -> bool:
    """A word in a promised (future or modal) clause: 'our response will be tough'."""
    modal = ctx.words("modalWords")
    for t in (tok, tok.head, tok.head.head):
        if t.lemma_.lower() in modal or _has_child_lemma(t, ("aux", "auxpass"), modal):
            return True
    return False


def event_noun_rule(ctx: DocContext, sent, out: list) -> None:
    """Nouns naming an act: 'Israel's threats against Hezbollah', 'renewed its threat against Israel'."""
    nouns = ctx.patterns.event_nouns
    for tok in sent:
        trig = nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if trig is None:
            continue
        author = event_author(ctx, tok)                   # includes "renewed … threat": the light verb's subject
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if author is None and poss and poss[0].pos_ == "PRON":
            author = _clause_subject(ctx, poss[0])         # "renewed its threat against Israel"
        targets = [m for gc in pobjs(tok, trig.prepositions) for m in np_actors(ctx, gc)]
        if author is None or not targets:
            continue
        governors = _governors(ctx, tok)
        neg = any(a.lemma_.lower() in ctx.words("negationCues") for a in governors) or is_negated(ctx, tok.head)
        _emit(out, [author], trig.relation, targets, trig.confidence, f"event-noun:{trig.name}", neg)


def organisation_part_rule(ctx: DocContext, sent, out: list) -> None:
    """'the Quds Force of the IRGC', 'the Revolutionary Guards' Quds Force': one organisation inside another."""
    seen = set()
    for tok in sent:
        m = ctx.by_token.get(tok.i)
        if m is None or id(m) in seen or m.is_person or m.kind in ("pronoun", "nominal", "demonym") \
                or m.actor.type == "State":
            continue
        seen.add(id(m))
        head = _mention_head(ctx, m)
        owners = [c for c in head.children if c.dep_ == "poss"] + pobjs(head, ("of",))
        for o in owners:
            om = ctx.by_token.get(o.i)
            if om is None or om.is_person or om.kind in ("pronoun", "nominal") or om.actor.iri == m.actor.iri:
                continue
            if om.actor.type == "State" and m.actor.type not in ("ArmedForce", "StateAgency"):
                continue                                 # "Lebanon's Hezbollah" is in Lebanon, not part of it
            _emit(out, [m], "partOf", [om], 0.7, "possessive:part", ctx=ctx)


def possessive_rule(ctx: DocContext, sent, out: list) -> None:
    """A person's own organisation: 'Sadr reactivated his Mahdi Army', 'Mr Sadr, whose Mahdi Army …'."""
    seen = set()
    for tok in sent:
        m = ctx.by_token.get(tok.i)
        if m is None or id(m) in seen or m.actor.type not in ("ArmedGroup", "PoliticalParty"):
            continue
        seen.add(id(m))
        head = _mention_head(ctx, m)
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
                _emit(out, [owner], "leaderOf", [m], 0.6, "possessive:leader", ctx=ctx)


CLAUSE_BOUNDARY_DEPS = ("relcl", "acl", "advcl", "pcomp", "poss", "appos")


def _clause_tokens(ctx: DocContext, head) -> list:
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


def _avenged_authors(ctx: DocContext, tokens, own: set[str]) -> list[ResolvedMention]:
    """Authors of the violent events that a vow of revenge is about ('avenge the US airstrike')."""
    out, seen = [], set()
    for t in tokens:
        if t.lemma_.lower() in ctx.words("violentEventNouns"):
            a = event_author(ctx, t)
            if a is not None and a.actor.iri not in own and a.actor.iri not in seen:
                seen.add(a.actor.iri)
                out.append(a)
    return out


def _threat_targets(ctx: DocContext, tokens, own: set[str]) -> list[ResolvedMention]:
    """Actors threatened in a stretch of speech: not the speaker's side, not places, not those protected."""
    protective = ctx.patterns.verbs_of_kind("alliance")
    targets, seen = [], set()
    for t in tokens:
        m = ctx.by_token.get(t.i)
        if m is None or m.actor.iri in own or m.actor.iri in seen or m.kind in ("pronoun", "nominal"):
            continue
        head = _np_head(t)
        if head.dep_ == "pobj" and head.head.lower_ in ("in", "inside", "from", "across", "of", "for", "to"):
            continue
        if head.head.lemma_.lower() in protective:
            continue
        seen.add(m.actor.iri)
        targets.append(m)
    return targets


def quote_rule(ctx: DocContext, sent, out: list) -> None:
    """A quotation with threat or condemnation words, attributed to its speaker.

    Threat: a strong cue (revenge, retaliation…) or a cue that is promised
    (will/would …) makes the speaker threaten the actors named in the quote,
    except the speaker's own side and actors named only as places or
    protected parties. Condemnation: a condemnation cue makes the speaker
    condemn the authors of the events named in the quote.
    """
    text = sent.text
    if not any(q in text for q in QUOTES):
        return
    inside = _quoted_tokens(sent)
    if not inside:
        return
    comm = ctx.words("communicationVerbs")
    speakers: list[ResolvedMention] = []
    for v in sent:
        if v.lemma_.lower() in comm and v.pos_ == "VERB" and v.i not in inside:
            speakers = verb_subjects(ctx, v)
            if speakers:
                break
    if not speakers:
        return
    quoted = [sent.doc[i] for i in sorted(inside)]
    strong, weak, condemn = ctx.words("threatCues"), ctx.words("modalThreatCues"), ctx.words("condemnCues")
    cue_threat = any((t.lemma_.lower() in strong or (t.lemma_.lower() in weak and _promised(ctx, t)))
                     and not _cue_negated(ctx, t) for t in quoted)
    cue_condemn = any(t.lemma_.lower() in condemn for t in quoted)
    own = set().union(*(ctx.side_of(s.actor) for s in speakers))
    if cue_threat:
        targets = _threat_targets(ctx, quoted, own)
        seen = {t.actor.iri for t in targets}
        if not targets:
            # "no red lines hindering their revenge over the US airstrike": the author of the avenged event
            targets = _avenged_authors(ctx, [t for t in sent if t.i not in inside], own | seen)
        if targets:
            _emit(out, speakers, "threatens", targets, 0.6, "quote:threat")
            return
    if cue_condemn:
        authors = []
        for t in quoted:
            if is_event_noun(ctx, t) and t.lemma_.lower() in ctx.words("violentEventNouns"):
                a = event_author(ctx, t)
                if a is not None and a.actor.iri not in own:
                    authors.append(a)
        if authors:
            _emit(out, speakers, "condemns", authors, 0.55, "quote:condemn")


def report_rule(ctx: DocContext, sent, out: list) -> None:
    """Reported speech without quotation marks.

    'X said the strikes were unacceptable': a judgement of an event condemns its
    author. 'X said US forces would pay the price': a promised harm threatens
    the actors named in the reported clause.
    """
    comm = ctx.words("communicationVerbs")
    condemn = ctx.words("condemnCues")
    strong, weak = ctx.words("threatCues"), ctx.words("modalThreatCues")
    for v in sent:
        if v.lemma_.lower() not in comm or v.pos_ != "VERB":
            continue
        for comp in v.children:
            if comp.dep_ != "ccomp":
                continue
            sub = list(comp.subtree)
            if any((t.lemma_.lower() in strong or (t.lemma_.lower() in weak and _promised(ctx, t)))
                   and not _cue_negated(ctx, t) for t in sub):
                subs = verb_subjects(ctx, v)
                own = set().union(*(ctx.side_of(x.actor) for x in subs)) if subs else set()
                targets = _threat_targets(ctx, _clause_tokens(ctx, comp), own)
                if not targets:
                    targets = _avenged_authors(ctx, sub, own)
                if subs and targets:
                    _emit(out, subs, "threatens", targets, 0.6, "report:threat")
                    continue
            if not any(t.lemma_.lower() in condemn for t in comp.subtree):
                continue
            events = [c for c in comp.children if c.dep_ in SUBJ_DEPS + PASSIVE_SUBJ_DEPS and is_event_noun(ctx, c)]
            authors = []
            for e in events:
                a = event_author(ctx, e)
                if a is None and ctx.last_attacker is not None and e.lemma_.lower() in ctx.words("violentEventNouns"):
                    a = _synthetic(ctx.last_attacker)
                if a is not None:
                    authors.append(a)
            subs = verb_subjects(ctx, v)
            if subs and authors and not is_negated(ctx, comp):
                _emit(out, subs, "condemns", authors, 0.65, "report:condemn")


def _quoted_tokens(sent) -> set[int]:
    inside, open_ = set(), False
    for t in sent:
        if t.text in QUOTES or t.text in ("``", "''"):
            open_ = not open_ if t.text in ('"',) else (t.text in "\u201c\u00ab``")
            continue
        if open_:
            inside.add(t.i)
    return inside


RULES = (title_rule, noun_rule, possessive_rule, organisation_part_rule, modifier_rule, event_rule, event_noun_rule,
         verb_rule, quote_rule, report_rule)


def sentence_relations(ctx: DocContext, sent) -> list[Candidate]:
    """Every candidate relation of one sentence."""
    out: list[Candidate] = []
    for rule in RULES:
        rule(ctx, sent, out)
    return out
