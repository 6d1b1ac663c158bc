"""Titles before a person's name: 'Iranian Foreign Minister Zarif', 'Pentagon press secretary Kirby',
'President Biden' (→ his state, from the knowledge base)."""
from __future__ import annotations

from ...vocab import Rel
from ...kb.patterns import Trigger
from ..context import Candidate, DocContext, emit, synthetic
from ..phrases import office_qualifier
from . import rule


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
    if current is None or current.relation == Rel.memberOf and new.relation == Rel.leaderOf:
        return new
    return current


def _government_named_after(ctx: DocContext, m) -> list[Candidate]:
    """'the Nawaf Salam government', 'the Biden administration', 'Netanyahu's cabinet': a government named
    after a person is the one that person heads, of the person's own state (knowledge base)."""
    if m.kind not in ("name", "ner", "propn"):
        return []               # "his government" is the government of his country, whatever his office
    head = ctx.doc[m.end - 1]
    gov = head.head
    if head.dep_ not in ("compound", "poss", "nmod") or m.start <= gov.i < m.end \
            or gov.lemma_.lower() not in ctx.words("personGovernmentNouns"):
        return []
    state = ctx.state_of(m.actor)
    if state is None:
        return []
    return emit(ctx, [m], Rel.leaderOf, [synthetic(state)], ctx.weight("personGovernmentConfidence"),
                "title:government-of")


@rule("title", reads=("titles", "titleModifiers", "stateOfficeTitles", "personGovernmentNouns",
                      "personGovernmentConfidence"), emits_from=("titles",))
def title_rule(ctx: DocContext, sent) -> list[Candidate]:
    """Titles standing before a person's name: '<org> <title> <Person>'; a government named after a person."""
    out: list[Candidate] = []
    doc = ctx.doc
    bridge = ctx.words("titleModifiers")
    seen = set()
    for m in ctx.mentions:
        if m.start < sent.start or m.start >= sent.end or not m.is_person or m.start in seen:
            continue
        seen.add(m.start)
        out.extend(_government_named_after(ctx, m))
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
        while j >= sent.start and (doc[j].lower_ in bridge or office_qualifier(ctx, doc[j])) and qualifiers < 3:
            qualifiers += doc[j].lower_ not in bridge
            j -= 1                            # "Pentagon press secretary", "Hamas political bureau chief"
        org = ctx.by_token.get(j) if j >= sent.start else None
        conf = trig.confidence * (ctx.weight("qualifiedTitleFactor") if qualifiers else 1.0)
        # the title words: before the name, else at the start of the matched name ("President Donald Trump")
        office = " ".join(t.lower_ for t in (doc[t_start:m.start] if t_start < m.start else doc[m.start:k]))
        state = ctx.state_of(m.actor)
        if org is None and state is not None and (j < sent.start or doc[j].i not in {c.i for c in doc[t_start].subtree}) \
                and trig.relation in (Rel.leaderOf, Rel.memberOf) and office in ctx.words("stateOfficeTitles"):
            # "President Joe Biden": the office of the person's own state (knowledge base)
            org, conf = synthetic(state), conf * ctx.weight("ownStateOfficeFactor")
        if org is None or org.is_person or org.kind == "pronoun":
            continue
        out.extend(emit(ctx, [m], trig.relation, [org], conf, f"title:{trig.name}"))
    return out
