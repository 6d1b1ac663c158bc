"""Part-of through part nouns and example lists: 'X makes up a small part of Y', 'Y forces, including
X', 'X and the other Y brigades'. A part that is an organisation is partOf, a person memberOf."""
from __future__ import annotations

from ...vocab import ORGANISATION_CLASSES, STATE_BODY_CLASSES, STATE_CLASS, Rel
from ..clauses import verb_subjects
from ..context import Candidate, DocContext, emit
from ..modality import is_negated
from ..phrases import mention_head, np_actor, np_actors, pobjs
from . import rule


def _whole(m) -> bool:
    return m is not None and m.kind not in ("pronoun", "nominal") and not m.is_person


def _emit_parts(ctx: DocContext, parts, whole, conf: float, label: str, negated: bool = False) -> list[Candidate]:
    out = []
    for p in parts:
        if p.actor.iri == whole.actor.iri or p.kind in ("pronoun",):
            continue
        if p.is_person:
            rel = Rel.memberOf
        elif p.actor.type in ORGANISATION_CLASSES:
            rel = Rel.partOf
        else:
            continue                                    # a state is never part of what it is listed with
        out.extend(emit(ctx, [p], rel, [whole], conf, label, negated))
    return out


@rule("part", reads=("constituteVerbs", "nouns", "exampleMarkers", "otherWords", "partWeight"),
      emits=(Rel.partOf, Rel.memberOf))
def part_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
    conf = ctx.weight("partWeight")
    part_nouns = {k for k, t in ctx.patterns.nouns.items() if t.relation == Rel.partOf}
    markers, other = ctx.words("exampleMarkers"), ctx.words("otherWords")
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in ctx.words("constituteVerbs"):
            # "X makes up a small part of Y", "X forms part of Y"
            for noun in (c for c in tok.children if c.dep_ in ("dobj", "attr") and c.lemma_.lower() in part_nouns):
                wholes = [m for gc in pobjs(noun, ("of",)) for m in [np_actor(ctx, gc)] if _whole(m)]
                if wholes:
                    out.extend(_emit_parts(ctx, verb_subjects(ctx, tok), wholes[0], conf, "part:constitute",
                                           is_negated(ctx, tok)))
        m = ctx.by_token.get(tok.i)
        if _whole(m) and mention_head(ctx, m).i == tok.i and m.kind != "demonym":
            # "Iraqi forces, including the Counter-Terrorism Service"
            examples = [x for gc in pobjs(tok, markers) for x in np_actors(ctx, gc)]
            if m.actor.type == STATE_CLASS:              # a state's forces include its own bodies only
                examples = [x for x in examples if x.actor.type in STATE_BODY_CLASSES]
            out.extend(_emit_parts(ctx, examples, m, conf, "part:examples"))
        if tok.pos_ == "NOUN" and tok.dep_ == "conj" and any(c.lower_ in other for c in tok.children):
            # "X and the other Y brigades"
            wholes = [w for c in tok.children if c.dep_ in ("compound", "nmod", "poss")
                      for w in [ctx.mention(c)] if _whole(w) and w.actor.type in ORGANISATION_CLASSES]
            if wholes:
                out.extend(_emit_parts(ctx, np_actors(ctx, tok.head), wholes[0], conf, "part:other"))
    return out
