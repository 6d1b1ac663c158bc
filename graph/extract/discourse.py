"""The discourse layer: who is being talked about, across the sentences of one document.

One model answers every reference that does not name its actor:

* **pronouns** — "he/his/her" take a person; "it/its" a singular organisation
  or state; "they/their" a plural organisation ("the Houthis … they");
* **definite descriptions** — "the group", "the militia", "the hardline
  faction" (a group head noun with adjectives but no name of its own) take an
  organisation; "the country", "the kingdom" a state; title anaphors ("the
  president", "the minister") a person;
* **bare premodifiers** — "a movement spokesman", "group officials": the
  group noun before a title is the organisation being talked about;
* **event anaphors** — "the raid", "the strike" with no author in their own
  phrase: the author of the latest violent event of the document (the event
  register of :mod:`graph.extract.event_register`, filled as sentences are read).

Candidates must agree in type (person / organisation / state) and number;
among those, the most *salient* wins: a mention's weight comes from its
grammatical role (subject > object or possessor > other) and falls to 40 % with every
sentence between it and the reference. A reference whose antecedent lies in an
earlier sentence records that sentence, so the statement built on it carries
both sentences as evidence and a lower confidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.patterns import Patterns
from ..model import Actor
from ..vocab import ORGANISATION_CLASSES, PERSON_CLASSES, STATE_CLASS, Rel

__all__ = ["Discourse", "anaphor_mentions", "title_anaphor_candidates", "PERSON_TYPES", "ORG_TYPES", "STATE_TYPES",
           "ARMED_TYPES", "PARTY_TYPES",
           "CROSS_SENTENCE_FACTOR"]

PERSON_TYPES = PERSON_CLASSES
ORG_TYPES = ORGANISATION_CLASSES
STATE_TYPES = (STATE_CLASS,)
ARMED_TYPES = ("ArmedGroup", "Group")
PARTY_TYPES = ("PoliticalParty", "Group")
ROLE_WEIGHT = {"nsubj": 3.0, "nsubjpass": 3.0, "poss": 2.0, "dobj": 2.0, "pobj": 1.2, "appos": 2.0}
EMBEDDED_SUBJECT_FACTOR = 0.7
CLAUSE_SUBJECT_FACTOR = 3.0
DECAY = 0.4                  # salience falls to 40 % with each sentence of distance
MAX_SENTENCES_BACK = 3       # nothing older than this is talked about without being named again
#: confidence factor of a statement whose actor is found in an earlier sentence
CROSS_SENTENCE_FACTOR = 0.85


@dataclass
class Referent:
    """One mention seen by the discourse model."""

    actor: Actor
    token: int                  # head token
    sentence: int               # sentence index in the document
    weight: float
    plural: bool
    kind: str


@dataclass
class Discourse:
    """Salience-ranked memory of the actors mentioned so far in a document."""

    doc: object
    sentence_of: list[int] = field(default_factory=list)
    referents: list[Referent] = field(default_factory=list)

    def __post_init__(self):
        if not self.sentence_of:
            idx = [0] * len(self.doc)
            for n, sent in enumerate(self.doc.sents):
                for i in range(sent.start, sent.end):
                    idx[i] = n
            self.sentence_of = idx

    def observe(self, actor: Actor, start: int, end: int, kind: str) -> None:
        head = _head(self.doc, start, end)
        tok = self.doc[head]
        weight = ROLE_WEIGHT.get(tok.dep_, 1.0)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ != "ROOT":
            weight *= EMBEDDED_SUBJECT_FACTOR    # "…, had warned that if Washington …": the main subject leads
        if kind == "demonym":
            weight *= 0.3              # "Iranian officials" makes Iran less salient than a named subject
        last = self.doc[end - 1]
        plural = tok.tag_ in ("NNS", "NNPS") or (
            last.text.endswith("s") and start > 0 and self.doc[start - 1].lower_ == "the"
            and actor.type not in STATE_TYPES + PERSON_TYPES)        # "the Houthis", "the Revolutionary Guards"
        self.referents.append(Referent(actor, head, self.sentence_of[head], weight, plural, kind))

    def antecedent(self, pos: int, types: tuple[str, ...], *, plural: bool | None = None,
                   exclude_kinds: tuple[str, ...] = ("demonym",), max_back: int = MAX_SENTENCES_BACK) -> Referent | None:
        """The most salient earlier referent of a fitting type (and number, when given)."""
        here = self.sentence_of[pos]
        local = _clause_subject_tokens(self.doc, pos)
        best, best_score = None, 0.0
        for r in self.referents:
            if r.token >= pos or here - r.sentence > max_back:
                continue
            if r.actor.type not in types or r.kind in exclude_kinds:
                continue
            if plural is not None and r.plural != plural:
                continue
            score = r.weight * DECAY ** (here - r.sentence) + r.token / 1e6     # ties: the nearer
            if r.token in local:
                score *= CLAUSE_SUBJECT_FACTOR   # a possessive binds to the subject of its own clause
            if score > best_score:
                best, best_score = r, score
        return best


def _clause_subject_tokens(doc, pos: int) -> set[int]:
    """Tokens of the subject of the clause a pronoun stands in: the subject noun phrase, or for a relative
    clause ('factions of X, which halted their attacks') the phrase the relative pronoun stands for."""
    verb = doc[pos]
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pos]
    if not subj:
        return set()
    head = subj[0]
    if head.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
        head = verb.head
    return {t.i for t in head.subtree if t.i < pos}


def _head(doc, start: int, end: int) -> int:
    head = doc[start]
    while start <= head.head.i < end and head.head.i != head.i:
        head = head.head
    return head.i


# ---------------------------------------------------------------------------
# finding anaphors the mention finder does not know
# ---------------------------------------------------------------------------

def _is_pleonastic(tok) -> bool:
    """'it is unclear whether', 'it remains to be seen': no actor."""
    head = tok.head
    return head.lemma_ in ("be", "seem", "appear", "remain", "take", "become") and any(
        c.dep_ in ("acomp", "ccomp", "xcomp", "attr") for c in head.children)


def collective_pronoun(tok, patterns: Patterns) -> bool:
    """'it', 'its', 'they', 'their' used as the subject or possessor (where they name an actor)."""
    if tok.lower_ not in patterns.words("collectivePronouns"):
        return False
    if tok.tag_ == "PRP$":
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and not _is_pleonastic(tok)


def descriptive_definite(doc, tok, taken: set[int], patterns: Patterns) -> tuple[int, int] | None:
    """'the hardline faction', 'the armed movement': a definite singular group noun whose phrase names no actor."""
    heads = patterns.words("anaphoricGroupHeads")
    if tok.tag_ != "NN" or tok.lemma_.lower() not in heads or tok.i in taken:
        return None
    dets = [c for c in tok.children if c.dep_ == "det"]
    if len(dets) != 1 or dets[0].lower_ not in ("the", "this", "that") or dets[0].i > tok.i:
        return None
    start = dets[0].i
    if any(i in taken for i in range(start, tok.i + 1)):
        return None                       # "the Kataib Hezbollah militia": named
    for c in tok.children:
        if c.dep_ in ("appos", "prep", "relcl", "acl", "compound", "poss", "nmod") and c.i > start:
            if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i not in taken:
                continue                  # "the militia group"
            return None                   # "the faction of X", "the group, X", "the group that …"
    for c in doc[start:tok.i]:
        if c.pos_ == "PROPN" or c.text == "-":
            return None                   # "the Iran-backed faction" belongs to the modifier rule
    if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
        return None                       # "the militia Kataib Hezbollah"
    return start, tok.i + 1


def bare_premodifier(doc, tok, taken: set[int], patterns: Patterns) -> bool:
    """'a movement spokesman', 'group officials': a bare group noun modifying a title."""
    if tok.i in taken or tok.tag_ != "NN" or tok.dep_ != "compound":
        return False
    if tok.lemma_.lower() not in patterns.words("anaphoricGroupHeads"):
        return False
    head = tok.head
    if (head.lower_,) not in patterns.titles and (head.lemma_.lower(),) not in patterns.titles:
        return False
    if any(c.i in taken or c.pos_ == "PROPN" or c.dep_ in ("amod", "compound", "poss") for c in tok.children):
        return False
    return not any(c.i in taken and c.i < head.i for c in head.children if c.i != tok.i)


QUOTES = '"\u201c\u201d'


def _quoted(doc) -> set[int]:
    """Tokens inside quotation marks (a speaker's 'they' is not the narrator's)."""
    inside, out = False, set()
    for tok in doc:
        if tok.text in QUOTES or (tok.text == "''" or tok.text == "``"):
            inside = not inside if tok.text in ('"', "''", "``") else tok.text == "\u201c"
            continue
        if "\n" in tok.text:
            inside = False
        if inside:
            out.add(tok.i)
    return out


def anaphor_mentions(doc, taken: set[int], patterns: Patterns):
    """(start, end, kind) of the anaphors of the discourse layer that the name finder left free."""
    out = []
    quoted = _quoted(doc)
    for tok in doc:
        if tok.i in taken:
            continue
        if collective_pronoun(tok, patterns) and tok.i not in quoted:
            out.append((tok.i, tok.i + 1, "pronoun"))
            continue
        span = descriptive_definite(doc, tok, taken, patterns)
        if span is not None:
            out.append((span[0], span[1], "nominal"))
            continue
        if bare_premodifier(doc, tok, taken, patterns):
            out.append((tok.i, tok.i + 1, "nominal"))
    return out


# ---------------------------------------------------------------------------
# title anaphors: "The president said …" ← "Recep Tayyip Erdogan spoke …"
# ---------------------------------------------------------------------------

def title_anaphor_candidates(ctx, sent, facts: set[tuple[str, str, str]]) -> list:
    """A state office named by a title anaphor ('the president', 'the foreign minister') resolved to a person
    of an earlier sentence: the person holds the office of his own state (knowledge base), when what is known
    of the person agrees (the curated facts make a 'leader' title's holder the head of that state)."""
    from .context import Candidate

    out = []
    offices = ctx.words("stateOfficeTitles")
    for m in ctx.mentions_in(sent):
        if m.kind != "nominal" or m.antecedent is None or not m.is_person:
            continue
        words = tuple(t.lower_ for t in ctx.doc[m.start:m.end] if t.lower_ not in ("the", "this", "that"))
        trig = ctx.patterns.titles.get(words)
        if trig is None or " ".join(words) not in offices:
            continue
        state = ctx.state_of(m.actor)
        if state is None:
            continue
        if trig.relation == Rel.leaderOf and (m.actor.iri, str(Rel.leaderOf), state.iri) not in facts:
            continue              # "the president" must be someone known to head that state
        conf = round(trig.confidence * ctx.weight("ownStateOfficeFactor"), 3)
        out.append(Candidate(m.actor, trig.relation, state, conf, f"discourse:titleAnaphor:{trig.name}"))
    return out
