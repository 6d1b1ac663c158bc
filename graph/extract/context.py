"""The per-document context the relation rules read, and the candidates they return.

A :class:`DocContext` is built once per parsed document and handed to every
rule for every sentence, in text order. Most of it is read-only (the parse,
the resolved mentions, the patterns, the knowledge base's countries). Two
fields are *state* that earlier sentences leave for later ones, and are only
changed through the methods named here:

* ``last_attacker`` — the author of the latest reported attack
  (:meth:`DocContext.remember_attacker`); "condemned the strike" with no
  author named condemns them;
* ``affiliations`` — who belongs to which organisation or state, from the
  knowledge base and from the structural relations already extracted
  (:meth:`DocContext.note_affiliations`, called by the rule runner on every
  rule's candidates); a speaker's own side is never the target of their threat.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.patterns import Patterns
from ..model import Actor
from ..vocab import relation
from .resolve import ResolvedMention

__all__ = ["Candidate", "DocContext", "emit", "synthetic", "affiliating"]


@dataclass
class Candidate:
    """A relation a rule found in one sentence, before deduplication."""

    subject: Actor
    relation: str
    object: Actor
    confidence: float
    rule: str
    negated: bool = False


@dataclass
class DocContext:
    """Per-document input of the rules, and the state carried from sentence to sentence."""

    doc: object
    mentions: list[ResolvedMention]
    patterns: Patterns
    country: dict[str, str] = field(default_factory=dict)     # actor IRI → state IRI (knowledge base)
    actors: dict[str, Actor] = field(default_factory=dict)    # knowledge-base actors by IRI
    by_token: dict[int, ResolvedMention] = field(default_factory=dict)
    # -- state carried from sentence to sentence (see the module docstring) --
    #: the author of the latest reported attack
    last_attacker: Actor | None = None
    #: actor IRI → IRIs of the organisations and states it belongs to (KB and this document)
    affiliations: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self):
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def words(self, name: str) -> frozenset[str]:
        return self.patterns.words(name)

    def weight(self, name: str) -> float:
        return self.patterns.weight(name)

    def mention(self, tok) -> ResolvedMention | None:
        """The resolved mention covering a token, if any."""
        return self.by_token.get(tok.i)

    def mentions_in(self, sent) -> list[ResolvedMention]:
        """The distinct mentions with a token in this sentence, in text order."""
        return list({id(m): m for m in (self.by_token.get(t.i) for t in sent) if m is not None}.values())

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

    # -- the only writers of the carried state --
    def remember_attacker(self, actor: Actor) -> None:
        self.last_attacker = actor

    def note_affiliations(self, candidates: list[Candidate]) -> None:
        """Record the asserted structural relations (memberOf, leaderOf, partOf, founderOf)."""
        for c in candidates:
            if not c.negated and affiliating(c.relation):
                self.affiliations.setdefault(c.subject.iri, set()).add(c.object.iri)


def synthetic(actor: Actor) -> ResolvedMention:
    """A mention that is no span of text: an actor remembered or inferred (kind ``memory``)."""
    return ResolvedMention(-1, -1, "memory", actor)


def affiliating(rel: str) -> bool:
    """Relations that put the subject on the object's side (memberOf, leaderOf, partOf, founderOf)."""
    r = relation(rel)
    return r.kind == "structural" and r.polarity > 0


def emit(ctx: DocContext, subs, rel: str, objs, conf: float, rule: str, negated: bool = False,
         inverse: bool = False) -> list[Candidate]:
    """Candidates relating every subject to every object (``inverse``: object → subject).

    ``rel`` is a :data:`graph.vocab.Rel` or a trigger's relation; a candidate through a pronoun
    or a remembered actor gets the ``anaphoraFactor`` weight.
    """
    anaphora = ctx.weight("anaphoraFactor")
    out = []
    for s in subs:
        for o in objs:
            a, b = (o, s) if inverse else (s, o)
            if a.actor.iri == b.actor.iri:
                continue
            c = conf * (anaphora if "pronoun" in (a.kind, b.kind) or "memory" in (a.kind, b.kind) else 1.0)
            out.append(Candidate(a.actor, str(rel), b.actor, round(c, 3), rule, negated))
    return out
