"""Speech: threats and condemnations inside quotations, attributed to their speaker, and the same
in reported speech without quotation marks ('X said US forces would pay the price')."""
from __future__ import annotations

from ...vocab import Rel
from ..clauses import PASSIVE_SUBJ_DEPS, SUBJ_DEPS, clause_tokens, verb_subjects
from ..context import Candidate, DocContext, emit, synthetic
from ..modality import cue_negated, is_negated, promised
from ..phrases import event_author, is_event_noun, np_head
from ..resolve import ResolvedMention
from . import rule


QUOTES = '"\u201c\u201d\u00ab\u00bb'


def _quoted_tokens(sent) -> set[int]:
    inside, open_ = set(), False
    for t in sent:
        if t.text in QUOTES or t.text in ("``", "''"):
            open_ = not open_ if t.text in ('"',) else (t.text in "\u201c\u00ab``")
            continue
        if open_:
            inside.add(t.i)
    return inside


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
        head = np_head(t)
        if head.dep_ == "pobj" and head.head.lower_ in ("in", "inside", "from", "across", "of", "for", "to"):
            continue
        if head.head.lemma_.lower() in protective:
            continue
        seen.add(m.actor.iri)
        targets.append(m)
    return targets


@rule("quote", reads=("communicationVerbs", "threatCues", "modalThreatCues", "condemnCues", "violentEventNouns",
                      "affiliations"),
      emits=(Rel.threatens, Rel.condemns))
def quote_rule(ctx: DocContext, sent) -> list[Candidate]:
    """A quotation with threat or condemnation words, attributed to its speaker.

    Threat: a strong cue (revenge, retaliation…) or a cue that is promised
    (will/would …) makes the speaker threaten the actors named in the quote,
    except the speaker's own side and actors named only as places or
    protected parties. Condemnation: a condemnation cue makes the speaker
    condemn the authors of the events named in the quote.
    """
    out: list[Candidate] = []
    text = sent.text
    if not any(q in text for q in QUOTES):
        return out
    inside = _quoted_tokens(sent)
    if not inside:
        return out
    comm = ctx.words("communicationVerbs")
    speakers: list[ResolvedMention] = []
    for v in sent:
        if v.lemma_.lower() in comm and v.pos_ == "VERB" and v.i not in inside:
            speakers = verb_subjects(ctx, v)
            if speakers:
                break
    if not speakers:
        return out
    quoted = [sent.doc[i] for i in sorted(inside)]
    strong, weak, condemn = ctx.words("threatCues"), ctx.words("modalThreatCues"), ctx.words("condemnCues")
    cue_threat = any((t.lemma_.lower() in strong or (t.lemma_.lower() in weak and promised(ctx, t)))
                     and not cue_negated(ctx, t) for t in quoted)
    cue_condemn = any(t.lemma_.lower() in condemn for t in quoted)
    own = set().union(*(ctx.side_of(s.actor) for s in speakers))
    if cue_threat:
        targets = _threat_targets(ctx, quoted, own)
        seen = {t.actor.iri for t in targets}
        if not targets:
            # "no red lines hindering their revenge over the US airstrike": the author of the avenged event
            targets = _avenged_authors(ctx, [t for t in sent if t.i not in inside], own | seen)
        if targets:
            out.extend(emit(ctx, speakers, Rel.threatens, targets, ctx.weight("quoteThreat"), "quote:threat"))
            return out
    if cue_condemn:
        authors = []
        for t in quoted:
            if is_event_noun(ctx, t) and t.lemma_.lower() in ctx.words("violentEventNouns"):
                a = event_author(ctx, t)
                if a is not None and a.actor.iri not in own:
                    authors.append(a)
        if authors:
            out.extend(emit(ctx, speakers, Rel.condemns, authors, ctx.weight("quoteCondemnation"), "quote:condemn"))
    return out


def _relayed_promise(ctx: DocContext, comp, own: set[str]) -> bool:
    """'P told the envoy that Washington would strike Iran': the reported clause has its own agent,
    a third party outside the speaker's side, acting on someone else; the promise is that party's,
    not the speaker's. A clause whose subject is the only actor named ('US forces would pay the
    price') still threatens that subject."""
    agents = [m for m in verb_subjects(ctx, comp) if m.kind not in ("pronoun",) and m.actor.iri not in own]
    if not agents:
        return False
    agent_iris = {m.actor.iri for m in agents}
    others = [m for t in clause_tokens(ctx, comp) for m in [ctx.by_token.get(t.i)]
              if m is not None and m.actor.iri not in agent_iris and m.actor.iri not in own]
    return bool(others)


@rule("report", reads=("communicationVerbs", "condemnCues", "threatCues", "modalThreatCues", "violentEventNouns",
                       "affiliations", "last_attacker"),
      emits=(Rel.threatens, Rel.condemns))
def report_rule(ctx: DocContext, sent) -> list[Candidate]:
    """Reported speech without quotation marks.

    'X said the strikes were unacceptable': a judgement of an event condemns its
    author. 'X said US forces would pay the price': a promised harm threatens
    the actors named in the reported clause.
    """
    out: list[Candidate] = []
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
            if any((t.lemma_.lower() in strong or (t.lemma_.lower() in weak and promised(ctx, t)))
                   and not cue_negated(ctx, t) for t in sub):
                subs = verb_subjects(ctx, v)
                own = set().union(*(ctx.side_of(x.actor) for x in subs)) if subs else set()
                if _relayed_promise(ctx, comp, own):
                    continue
                targets = _threat_targets(ctx, clause_tokens(ctx, comp), own)
                if not targets:
                    targets = _avenged_authors(ctx, sub, own)
                if subs and targets:
                    out.extend(emit(ctx, subs, Rel.threatens, targets, ctx.weight("reportThreat"), "report:threat"))
                    continue
            if not any(t.lemma_.lower() in condemn for t in comp.subtree):
                continue
            events = [c for c in comp.children if c.dep_ in SUBJ_DEPS + PASSIVE_SUBJ_DEPS and is_event_noun(ctx, c)]
            authors = []
            for e in events:
                a = event_author(ctx, e)
                if a is None and ctx.last_attacker is not None and e.lemma_.lower() in ctx.words("violentEventNouns"):
                    a = synthetic(ctx.last_attacker)
                if a is not None:
                    authors.append(a)
            subs = verb_subjects(ctx, v)
            if subs and authors and not is_negated(ctx, comp):
                out.extend(emit(ctx, subs, Rel.condemns, authors, ctx.weight("reportCondemnation"), "report:condemn"))
    return out
