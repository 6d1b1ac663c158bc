"""Relational nouns and titles predicated of an actor: in apposition, after a copula or after 'as'
('Y, the political arm of X', "X's successor, Y", 'P is a commander of X', "one of X's allies",
'named P as its leader')."""
from __future__ import annotations

from ...vocab import STATE_CLASS, Rel, relation
from ..clauses import RELATIVE_PRONOUNS, clause_subject
from ..context import Candidate, DocContext, emit, synthetic
from ..phrases import antecedent_org, np_actors, qualified_title
from ..resolve import ResolvedMention
from . import rule


OWNER_DEPS_STOP = ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "det")
DASHES = ("\u2014", "\u2013", "-", "--")
ARGUMENT_DEPS = ("dobj", "nsubj", "nsubjpass", "attr", "conj")


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
            m = ctx.mention(c)
            if m is None and c.dep_ == "poss" and c.lower_ in ("its", "their"):
                m = clause_subject(ctx, c)
                if m is None or m.actor.iri in exclude:
                    m = antecedent_org(ctx, c.i)      # "Its secretary general, Abu Alaa al-Walai, …"
            if m is not None and c.dep_ in ("poss", "pobj", "compound", "amod", "nmod") and m.actor.iri not in exclude:
                return m
            if c.dep_ in ("prep",) and c.lower_ in ("of", "for", "within", "to", "from", "inside", "as"):
                queue.append(c)
            elif c.dep_ == "prep" and c.lower_ == "in" and tok.i == noun.i and any(
                    (gm := ctx.mention(g)) is not None and not gm.is_person and gm.kind != "demonym"
                    and gm.actor.type != STATE_CLASS for g in c.children if g.dep_ == "pobj"):
                queue.append(c)      # "an officer in the Quds Force" (never "a commander in Iraq": a place)
            elif c.dep_ in ("pobj", "compound", "amod", "poss", "appos"):
                queue.append(c)
        for c in tok.conjuncts:
            if ctx.mention(c) is None:      # "commander and spokesman for X", not "Soleimani and … leader"
                queue.append(c)
    return None


@rule("noun", reads=("titles", "nouns", "exampleMarkers", "stateOfficeTitles", "personalOfficeNouns"),
      emits_from=("nouns", "titles"))
def noun_rule(ctx: DocContext, sent) -> list[Candidate]:
    out: list[Candidate] = []
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
                if t2 and t2.relation == Rel.leaderOf:
                    trig = t2
            for c in n.children:
                if c.dep_ in ("compound", "amod") and (c.lower_, n.lower_) in titles:
                    trig = titles[(c.lower_, n.lower_)]
            for c in n.children:             # "the commander in chief of X": the title's tail holds the owner
                tail = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
                if tail and (n.lower_, c.lower_, tail[0].lower_) in titles:
                    trig = titles[(n.lower_, c.lower_, tail[0].lower_)]
                    if any(g.dep_ == "prep" for g in tail[0].children):
                        n = tail[0]
                    break
        elif lemma in nouns:
            trig = nouns[lemma]
        if trig is None:
            continue
        owner = _owner(ctx, n, exclude, modifiers=not (trig in titles.values() and qualified_title(ctx, n)))
        conf = trig.confidence * ctx.weight("appositionFactor")
        office = " ".join(t.lower_ for t in n.subtree if t.i <= n.i and t.dep_ in ("compound", "amod") or t.i == n.i)
        is_office = office in ctx.words("stateOfficeTitles") or n.lower_ in ctx.words("stateOfficeTitles")
        state = ctx.state_of(holder.actor) if holder.is_person else None
        if owner is None and is_office and state is not None \
                and not qualified_title(ctx, n) and not any(c.dep_ == "prep" for c in n.children):
            # "Mark Esper, the defence secretary": the office of the person's own state (knowledge base)
            owner, conf = synthetic(state), conf * ctx.weight("ownStateOfficeFactor")
        if owner is None and relation(trig.relation).symmetric and len(holders) > 1 and noun.tag_ == "NNS":
            # "Hezbollah and the Amal Movement are close allies"
            out.extend(emit(ctx, holders[:1], trig.relation, holders[1:], conf, f"noun:{trig.name}"))
            continue
        if owner is None or owner.actor.iri in exclude:
            continue
        owner_state = ctx.state_of(owner.actor) if owner.is_person else None
        if owner_state is not None and holder.is_person and trig.relation in (Rel.leaderOf, Rel.memberOf) \
                and ctx.doc[owner.end - 1].head.lemma_.lower() in ctx.words("personalOfficeNouns"):
            # "P, the director of Hadi's office": who runs a leader's office serves that leader's state
            out.extend(emit(ctx, holders, Rel.memberOf, [synthetic(owner_state)],
                            conf * ctx.weight("ownStateOfficeFactor"), f"noun:{trig.name}:office-of"))
            continue
        if trig.relation in (Rel.leaderOf, Rel.memberOf, Rel.founderOf) and not holder.is_person and trig in titles.values():
            continue
        out.extend(emit(ctx, holders, trig.relation, [owner], conf, f"noun:{trig.name}",
                        inverse=trig.direction == "inverse"))
    return out
