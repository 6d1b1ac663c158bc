"""The extractor: documents → mentions → resolved actors → statements.

>>> from graph.io.documents import read_documents
>>> from graph.extract.extractor import Extractor
>>> ex = Extractor()
>>> for doc in read_documents(["examples/corpus"]):
...     for st in ex.extract(doc):
...         print(st.subject.label, st.predicate, st.object.label)
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .. import __version__
from ..kb.knowledge_base import KnowledgeBase, load_knowledge_base
from ..extract.background import load_background
from ..extract.constraints import ConstraintReport, load_constraints
from ..extract.discourse import CROSS_SENTENCE_FACTOR, title_anaphor_candidates
from ..extract.event_register import EventRegister, event_anaphors, register_events, revenge_candidates
from ..extract.mentions import Gazetteer, find_mentions
from ..model import Document, Evidence, Statement
from ..nlp.pipeline import load_nlp
from ..nlp.text import prepare
from ..kb.patterns import Patterns, load_patterns
from ..extract.context import DocContext
from ..extract.rules import ordered_rules, sentence_relations
from ..extract.resolve import ResolvedMention, resolve_mentions
from ..vocab import relation, relations

__all__ = ["EXTRACTOR_NAME", "Extractor", "statement_record"]

EXTRACTOR_NAME = "actorgraph-rules"
BATCH_SIZE = 16


class Extractor:
    """Rule-based relation extractor over spaCy parses and the curated knowledge base.

    Thread-compatible but not thread-safe; create one per process. Loading
    takes a couple of seconds (spaCy model, knowledge base, patterns).
    """

    name = EXTRACTOR_NAME
    version = __version__

    def __init__(self, kb: KnowledgeBase | None = None, patterns: Patterns | None = None, nlp=None):
        self.kb = kb or load_knowledge_base()
        self.patterns = patterns or load_patterns()
        self.nlp = nlp or load_nlp()
        self.gazetteer = Gazetteer(self.kb, self.nlp.tokenizer)
        self.rules = ordered_rules(self.patterns)
        self._lexicon = _lexicon(self.nlp, self.patterns)
        self.constraints = load_constraints()
        self.background = load_background()
        #: candidates dropped because they break the ontology's domain, range or class restrictions
        self.constraint_report = ConstraintReport()

    def extract(self, document: Document) -> list[Statement]:
        """Statements of one document."""
        return self._from_parse(document, self.nlp(self.parse_text(document.text)))

    def extract_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]:
        """(document, statements) for each document, parsing in batches."""
        docs = list(documents)
        texts = (self.parse_text(d.text) for d in docs)
        for document, parsed in zip(docs, self.nlp.pipe(texts, batch_size=BATCH_SIZE)):
            yield document, self._from_parse(document, parsed)

    def _statement(self, document: Document, ctx, parsed, sent, cand, rels,
                   link: tuple[int, int] | None = None) -> Statement | None:
        """The statement of one candidate: refined by background facts, checked against the ontology's
        constraints (None when it breaks one), with the antecedent sentence when it rests on one."""
        s, o = cand.subject, cand.object
        relation, rule = cand.relation, cand.rule
        refined = self.background.refine(relation, s.iri, o.iri, frozenset(t.lower_ for t in sent),
                                         self.patterns.words("vagueMembershipTitles"),
                                         self.patterns.words("subordinateMarkers"))
        if refined != relation:
            relation, rule = refined, f"{rule}+facts"
        why = self.constraints.violation(relation, s.type, o.type)
        if why is not None:
            self.constraint_report.add(why)
            return None
        confidence = cand.confidence
        earlier = _antecedent_sentence(ctx, parsed, sent, (s.iri, o.iri), rels[relation].polarity < 0)
        if earlier is None and link is not None:
            earlier = parsed.char_span(*link, alignment_mode="expand")
        if earlier is not None:
            confidence = round(confidence * CROSS_SENTENCE_FACTOR, 3)
            earlier = Evidence(sentence=document.text[earlier.start_char:earlier.end_char].strip(),
                               start=earlier.start_char, end=earlier.end_char)
        if rels[relation].symmetric and s.iri > o.iri:
            s, o = o, s
        return Statement(
            subject=s, predicate=relation, object=o, doc_id=document.id, doc_iri=document.iri,
            evidence=Evidence(sentence=document.text[sent.start_char:sent.end_char].strip(),
                              start=sent.start_char, end=sent.end_char, antecedent=earlier),
            confidence=confidence, negated=cand.negated, date=document.date,
            extractor=self.name, extractor_version=self.version, rule=rule,
        )

    def parse_text(self, text: str) -> str:
        """The text that is parsed: same length as ``text``, datelines blanked, Title Case headlines truecased
        (see :mod:`graph.nlp.text`); offsets into it are offsets into ``text``."""
        return prepare(text, common=self._lexicon.__contains__, protected=self._names_in,
                       function_words=self.patterns.words("headlineFunctionWords"),
                       abbreviations=self.patterns.words("abbreviatedRanks"))

    def _names_in(self, line: str) -> list[tuple[int, int]]:
        doc = self.nlp.tokenizer(line)
        return [(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in self.gazetteer.match(doc)]

    # ------------------------------------------------------------------
    def _from_parse(self, document: Document, parsed) -> list[Statement]:
        raw = find_mentions(parsed, self.gazetteer, self.patterns)
        mentions = resolve_mentions(parsed, raw, self.kb, self.patterns)
        ctx = DocContext(parsed, mentions, self.patterns, country=self.kb.country, actors=self.kb.actors)
        rels = relations()
        seen: dict[tuple, Statement] = {}
        register = EventRegister()
        for n, sent in enumerate(parsed.sents):
            event_anaphors(ctx, sent, n, register, ResolvedMention)
            cands = sentence_relations(ctx, sent, self.rules) + title_anaphor_candidates(ctx, sent, self.background.facts)
            linked = {id(lc.candidate): lc.antecedent for lc in revenge_candidates(ctx, sent, n, register, cands)
                      for _ in [cands.append(lc.candidate)]}
            register_events(ctx, sent, n, cands, register)
            for cand in cands:
                st = self._statement(document, ctx, parsed, sent, cand, rels, linked.get(id(cand)))
                if st is None:
                    continue
                key = (st.subject.iri, st.predicate, st.object.iri, st.negated, sent.start_char)
                if key in seen and seen[key].confidence >= st.confidence:
                    continue
                seen[key] = st
        return list(seen.values())


def _antecedent_sentence(ctx, parsed, sent, iris: tuple[str, str], hostile: bool):
    """The earlier sentence an actor of the statement is reached through, when the sentence itself does not
    name it (a pronoun, description or event anaphor resolved across sentences). An event anaphor ('the
    raid') stands for its author only in a hostile statement."""
    named = {m.actor.iri for m in ctx.mentions_in(sent) if m.antecedent is None and m.kind != "memory"}
    for m in ctx.mentions_in(sent):
        if m.antecedent is None or m.actor.iri not in iris or m.actor.iri in named:
            continue
        if m.kind == "event" and not hostile:
            continue
        other = parsed[m.antecedent].sent
        if other.start != sent.start:
            return other
    return None


def _lexicon(nlp, patterns: Patterns) -> frozenset[str]:
    """Common English words (the lemmatizer's lemma index, when the pipeline has one) and the pattern
    vocabulary: a Title Case headline word found here is lowercased before parsing."""
    words: set[str] = set(patterns.verbs) | set(patterns.nouns) | set(patterns.event_nouns)
    for name in patterns.lists:
        words |= patterns.words(name)
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            for lemmas in lookups.get_table("lemma_index").values():
                words.update(lemmas)
    return frozenset(words)


def statement_record(st: Statement) -> dict[str, Any]:
    """The JSON object of one statement, in the format ``shared/eval/score.py`` reads."""
    rel = relation(st.predicate)
    return {
        "doc": st.doc_id,
        "subject": st.subject.label,
        "predicate": st.predicate,
        "object": st.object.label,
        "subject_labels": list(st.subject.labels),
        "object_labels": list(st.object.labels),
        "subject_iri": st.subject.iri,
        "object_iri": st.object.iri,
        "subject_type": st.subject.type,
        "object_type": st.object.type,
        "broader": list(rel.broader),
        "negated": st.negated,
        "confidence": st.confidence,
        "date": st.date,
        "evidence": st.evidence.sentence,
        "evidence_start": st.evidence.start,
        "evidence_end": st.evidence.end,
        **({"antecedent_evidence": st.evidence.antecedent.sentence,
            "antecedent_start": st.evidence.antecedent.start,
            "antecedent_end": st.evidence.antecedent.end} if st.evidence.antecedent is not None else {}),
        "rule": st.rule,
        "extractor": f"{st.extractor}/{st.extractor_version}",
    }
