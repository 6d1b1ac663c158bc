"""The event register: violent events reported so far in a document, with their authors, and what reads it.

* **event anaphors** — "The raid killed P" where "the raid" names no author of
  its own: the author of the latest violent event of an earlier sentence;
* **revenge** — "X vowed revenge for the US strike", "Y killed Z. X promised
  to retaliate": X threatens the author of the avenged event (never its
  victim, never X's own side, never a guess when the avenged act's author is
  unknown). A threat found this way across sentences carries the earlier
  sentence as evidence.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Actor
from ..vocab import Rel
from .discourse import MAX_SENTENCES_BACK

__all__ = ["Event", "EventRegister", "LinkedCandidate", "event_anaphors", "register_events", "revenge_candidates"]


@dataclass
class Event:
    author: Actor
    sentence: int
    start: int                    # character offsets of the sentence that reports it
    end: int


@dataclass
class EventRegister:
    """Violent events reported so far in a document, with their authors."""

    events: list[Event] = field(default_factory=list)

    def add(self, author: Actor, sentence: int, start: int, end: int) -> None:
        self.events.append(Event(author, sentence, start, end))

    def latest(self, before_sentence: int, max_back: int = MAX_SENTENCES_BACK) -> Event | None:
        for e in reversed(self.events):
            if e.sentence < before_sentence and before_sentence - e.sentence <= max_back:
                return e
        return None


# ---------------------------------------------------------------------------
# the event register, read and written sentence by sentence
# ---------------------------------------------------------------------------

def event_anaphors(ctx, sent, n: int, register: EventRegister, mention_type) -> list:
    """Mentions for definite violent-event nouns without an author of their own ('the raid', 'the strike'),
    resolved to the author of the latest violent event of an earlier sentence; added to ``ctx``."""
    from .phrases import event_author

    out = []
    violent = ctx.words("violentEventNouns")
    for tok in sent:
        if tok.i in ctx.by_token or tok.pos_ != "NOUN" or tok.lemma_.lower() not in violent:
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            continue
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        agentive = tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "by")     # "killed in the raid"
        if not (subject or agentive) or event_author(ctx, tok) is not None:
            continue
        if any(c.dep_ in ("prep", "acl", "relcl", "appos") for c in tok.children):
            continue                  # "the killing of civilians": a new event, described, not a reference
        ev = register.latest(n)
        if ev is None:
            continue
        first = ctx.doc.char_span(ev.start, ev.end, alignment_mode="expand")
        m = mention_type(tok.i, tok.i + 1, "event", ev.author, first.start if first is not None else None)
        ctx.by_token[tok.i] = m
        bisect.insort(ctx.mentions, m, key=lambda x: x.start)
        out.append(m)
    return out


def register_events(ctx, sent, n: int, candidates, register: EventRegister) -> None:
    """Record the violent events of this sentence with their authors: every asserted attack, and violent
    verbs whose author is known even when the target is not an actor ('jets struck a convoy')."""
    from .clauses import verb_subjects

    authors = [c.subject for c in candidates if c.relation == Rel.attacks and not c.negated]
    if not authors:
        attack_verbs = ctx.patterns.verbs_producing(Rel.attacks)
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in attack_verbs and not any(c.dep_ == "neg" for c in tok.children):
                authors.extend(m.actor for m in verb_subjects(ctx, tok))
    for a in authors[:1]:
        register.add(a, n, sent.start_char, sent.end_char)


# ---------------------------------------------------------------------------
# revenge: the target is the author of the avenged event
# ---------------------------------------------------------------------------

@dataclass
class LinkedCandidate:
    """A candidate of the discourse layer that rests on an earlier sentence (character offsets)."""

    candidate: object
    antecedent: tuple[int, int] | None = None


def _governing_verb(tok):
    v = tok
    for _ in range(3):
        if v.pos_ in ("VERB", "AUX"):
            return v
        if v.head.i == v.i:
            break
        v = v.head
    return v if v.pos_ in ("VERB", "AUX") else None


def _avenged_authors(ctx, heads) -> list:
    from .phrases import event_author

    violent = ctx.words("violentEventNouns")
    out = []
    for h in heads:
        for t in h.subtree:                     # "fighters killed in US strikes", "the raid that killed …"
            if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in violent:
                a = event_author(ctx, t)
                if a is not None:
                    out.append(a.actor)
    return out


def revenge_candidates(ctx, sent, n: int, register: EventRegister, found) -> list[LinkedCandidate]:
    """'X vowed revenge for the US strike' / 'Y killed Z. X vowed to retaliate.': X threatens the author of the
    avenged event (never its victim, never X's own side), unless a rule already read a threat of X."""
    from .clauses import verb_subjects
    from .context import Candidate
    from .phrases import pobjs

    revenge = ctx.words("revengeWords")
    threatened = {(c.subject.iri, c.object.iri) for c in found if c.relation == Rel.threatens}
    threatening = {s for s, _ in threatened}          # a rule already found whom they threaten
    out: list[LinkedCandidate] = []
    for tok in sent:
        if tok.lemma_.lower() not in revenge:
            continue
        verb = _governing_verb(tok)
        if verb is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        vowers = verb_subjects(ctx, verb)
        if not vowers:
            continue
        avenged = pobjs(tok, ("for", "over")) + (pobjs(verb, ("for", "over")) if verb.i != tok.i else [])
        if tok.lemma_.lower() == "avenge":
            avenged += [c for c in tok.children if c.dep_ == "dobj"]
        authors, link = _avenged_authors(ctx, avenged), None
        if not authors:
            if avenged and not any(t.lemma_.lower() in ctx.words("violentEventNouns") and t.pos_ in ("NOUN", "PROPN")
                                   for h in avenged for t in h.subtree):
                continue              # the avenged act is named, is no violent event and has no author: never guess
            # "retaliation for the airstrikes on its positions": an authorless violent event is the one just reported
            ev = register.latest(n)
            if ev is None:
                continue
            authors, link = [ev.author], (ev.start, ev.end)
        conf = ctx.weight("avengedAuthorConfidence")
        for v in vowers:
            if v.actor.iri in threatening and link is not None:
                continue
            side = ctx.side_of(v.actor)
            for a in authors:
                if a.iri in side or (v.actor.iri, a.iri) in threatened:
                    continue
                threatened.add((v.actor.iri, a.iri))
                out.append(LinkedCandidate(Candidate(v.actor, Rel.threatens, a, conf, "discourse:avengedAuthor"), link))
    return out
