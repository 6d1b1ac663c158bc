"""Corrections an analyst makes to the extracted graph, kept apart and re-applied after every ingest.

Every correction is a record (PROV-O: ``ag:Correction ⊑ prov:Activity``) in its own
named graph, :data:`CORRECTIONS_GRAPH`, with who (``prov:wasAssociatedWith`` an
analyst), when (``prov:endedAtTime``) and why (``rdfs:comment``):

=============  ==================================================================
``merge``      actor A is actor B: statements about A are moved to B (A's name
               becomes an alternative label of B in the corrections graph)
``retract``    S REL O is wrong: extracted statements of it, their evidence and the
               direct triple are removed (``prov:invalidated`` keeps their IRIs), and
               the same triple among the curated background facts
``alias``      "name" is another label of ACTOR (an actor minted from that name is
               merged into ACTOR)
``type``       ACTOR is of class CLASS, whatever the extractor said
``assert``     S REL O holds, from a source: a curated ``ag:Statement`` and its direct
               triple, attributed to the analyst, in the corrections graph
=============  ==================================================================

Document graphs keep what the extractor said, as corrected: a retracted statement
is gone from them, a merged actor is renamed. What was changed, by whom and why is
only in the corrections graph, and curated assertions live only there, so extracted
and curated knowledge are never confused. The records survive re-ingest (ingest
replaces document graphs only) and :func:`apply` (run by ``pipeline.ingest`` and
``actorgraph correct apply``) re-applies them; applying twice changes nothing.

Names resolve through the knowledge base (:mod:`graph.kb`), then through the labels
in the store; every value reaches SPARQL as a bound or serialised term (see
:mod:`graph.store.terms`), never as text pasted into a query.
"""
from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..errors import InputError
from ..model import short_hash
from ..rdf.statements import PREFIXES
from ..vocab import ACTOR_CLASSES, AG, CURATED_GRAPH, GRAPH, ID, relation
from .sparql import load_query

__all__ = ["CORRECTIONS_GRAPH", "KINDS", "Correction", "ApplyReport", "resolve_actor", "record", "apply",
           "corrections", "make", "ANALYST_ENV"]

#: Named graph of the corrections.
CORRECTIONS_GRAPH = GRAPH["corrections"]
#: Environment variable naming the analyst (else the login name).
ANALYST_ENV = "ACTORGRAPH_ANALYST"
#: Command name → class of the record.
KINDS = {"merge": AG.Merge, "retract": AG.Retraction, "alias": AG.Alias, "type": AG.Retyping,
         "assert": AG.Assertion}
_KIND_NAMES = {str(v): k for k, v in KINDS.items()}
#: Predicates that describe an actor (dropped from a merged actor, not moved).
_DESCRIPTIVE = {RDF.type, SKOS.prefLabel, SKOS.altLabel, AG.minted}
#: Names of document graphs start so (the default graph is their merge).
_DOC_GRAPHS = str(ID["doc/"])


@dataclass
class Correction:
    """One correction: ``kind`` and the IRIs/values it concerns, with who/when/why."""

    kind: str
    subject: str | None = None          # merge/alias/type: the actor; retract/assert: the subject
    relation: str | None = None         # retract/assert: relation local name
    object: str | None = None           # merge: target; retract/assert: object
    value: str | None = None            # alias: the name; type: the class local name
    source: str | None = None           # assert
    date: str | None = None             # assert
    reason: str | None = None
    by: str | None = None
    when: str | None = None
    iri: str | None = None

    def key(self) -> str:
        """Stable identity: the same correction recorded twice is one record."""
        return short_hash(self.kind, self.subject or "", self.relation or "", self.object or "",
                          self.value or "", self.source or "", self.date or "")


@dataclass
class ApplyReport:
    corrections: int = 0
    changed_quads: int = 0
    retracted: int = 0
    merged: int = 0
    retyped: int = 0
    details: list[str] = field(default_factory=list)


def _write(store, dele: list, ins: list) -> None:
    """Delete and insert quads in ONE transaction, keeping the default graph the merge of the
    document graphs (:meth:`graph.store.base.Store.apply_updates` runs the updates)."""
    def rows(quads):
        return [(g, s, p, o) for s, p, o, g in quads]

    def in_docs(quads):
        return [(s, p, o) for s, p, o, g in quads if str(g).startswith(_DOC_GRAPHS)]

    gspo, spo = ("g", "s", "p", "o"), ("s", "p", "o")
    ops = []
    if dele:
        ops += [("correct-delete-quads", {}, (gspo, rows(dele))),
                ("correct-default-drop", {}, (spo, in_docs(dele)))]
    if ins:
        ops += [("correct-insert-quads", {}, (gspo, rows(ins))),
                ("correct-default-add", {}, (spo, in_docs(ins)))]
    store.apply_updates([op for op in ops if op[2][1]])


# ----------------------------------------------------------------------------- names

def _expand(text: str) -> str | None:
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        return t[1:-1]
    if t.startswith(("http://", "https://", "urn:")):
        return t
    prefix, sep, local = t.partition(":")
    if sep and prefix in PREFIXES and local and " " not in local:
        return PREFIXES[prefix] + local
    return None


def resolve_actor(store, name: str) -> str:
    """The IRI of an actor named by a user: an IRI, ``actor:X``, a label of the knowledge
    base (aliases and spelling variants), or a label in the store. Raises InputError."""
    from ..kb.knowledge_base import load_knowledge_base

    iri = _expand(name)
    if iri is not None:
        return iri
    kb = load_knowledge_base()
    actor = kb.by_label(name) or kb.by_variant(name)
    if actor is not None:
        return actor.iri
    rows = list(store.query(load_query("correct-actor-by-label"), {"label": Literal(name.strip())}))
    found = sorted({str(r.actor) for r in rows})
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"unknown actor {name!r}: not in the knowledge base nor in the store "
                         "(give its IRI or actor:Name)")
    raise InputError(f"actor name {name!r} is ambiguous ({', '.join(found[:5])}); give the IRI")


def _relation_iri(name: str) -> str:
    local = name.strip()
    if local.startswith("ag:"):
        local = local[3:]
    elif local.startswith(str(AG)):
        local = local[len(str(AG)):]
    try:
        return str(relation(local).iri)
    except KeyError as exc:
        raise InputError(str(exc.args[0])) from None


def _class_name(name: str) -> str:
    local = name.strip().removeprefix("ag:").removeprefix(str(AG))
    if local not in ACTOR_CLASSES:
        raise InputError(f"unknown actor class {name!r}; known: {', '.join(ACTOR_CLASSES)}")
    return local


def make(store, kind: str, *args: str, source: str | None = None, date: str | None = None,
         reason: str | None = None, by: str | None = None) -> Correction:
    """A correction from command arguments, names resolved (``merge A B``, ``retract S REL O``,
    ``alias ACTOR NAME``, ``type ACTOR CLASS``, ``assert S REL O``)."""
    arity = {"merge": 2, "retract": 3, "alias": 2, "type": 2, "assert": 3}
    if kind not in arity:
        raise InputError(f"unknown correction {kind!r}; choose one of {', '.join(arity)}")
    if len(args) != arity[kind]:
        raise InputError(f"{kind} takes {arity[kind]} arguments, got {len(args)}")
    c = Correction(kind, reason=reason or None, by=by)
    c.subject = resolve_actor(store, args[0])
    if kind == "merge":
        c.object = resolve_actor(store, args[1])
        if c.object == c.subject:
            raise InputError(f"cannot merge {args[0]!r} into itself")
    elif kind == "alias":
        if not args[1].strip():
            raise InputError("alias: the name is empty")
        c.value = args[1].strip()
    elif kind == "type":
        c.value = _class_name(args[1])
    else:
        c.relation = str(relation(_relation_iri(args[1]).rsplit("#", 1)[-1]).name)
        c.object = resolve_actor(store, args[2])
        if kind == "assert":
            if not (source and source.strip()):
                raise InputError("assert needs --source (where the analyst read it)")
            c.source, c.date = source.strip(), (date or None)
    return c


# ----------------------------------------------------------------------------- recording

def _analyst(by: str | None) -> str:
    return by or os.environ.get(ANALYST_ENV) or getpass.getuser() or "analyst"


def _record_triples(c: Correction) -> list[tuple]:
    node = URIRef(str(ID["correction/" + c.key()]))
    c.iri = str(node)
    who = _analyst(c.by)
    agent = URIRef(str(ID["analyst/" + quote(who, safe="")]))
    when = c.when or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    t = [(node, RDF.type, KINDS[c.kind]), (node, RDF.type, AG.Correction),
         (node, PROV.wasAssociatedWith, agent), (agent, RDF.type, PROV.Person), (agent, RDFS.label, Literal(who)),
         (node, PROV.endedAtTime, Literal(when, datatype=XSD.dateTime))]
    if c.reason:
        t.append((node, RDFS.comment, Literal(c.reason)))
    s = URIRef(c.subject)
    if c.kind in ("merge", "alias", "type"):
        t.append((node, AG.actor, s))
    if c.kind == "merge":
        t.append((node, AG.target, URIRef(c.object)))
    elif c.kind == "alias":
        t += [(node, AG.name, Literal(c.value)), (s, SKOS.altLabel, Literal(c.value, lang="en"))]
    elif c.kind == "type":
        t.append((node, AG.actorClass, AG[c.value]))
    elif c.kind in ("retract", "assert"):
        rel = URIRef(_relation_iri(c.relation))
        t += [(node, RDF.subject, s), (node, RDF.predicate, rel), (node, RDF.object, URIRef(c.object))]
    if c.kind == "assert":
        st = URIRef(str(ID["stmt/curated-" + c.key()]))
        rel = URIRef(_relation_iri(c.relation))
        t += [(node, DCTERMS.source, Literal(c.source)), (node, PROV.generated, st),
              (st, RDF.type, AG.Statement), (st, RDF.subject, s), (st, RDF.predicate, rel),
              (st, RDF.object, URIRef(c.object)), (st, AG.confidence, Literal("1", datatype=XSD.decimal)),
              (st, AG.negated, Literal("false", datatype=XSD.boolean)), (st, PROV.wasAttributedTo, agent),
              (st, PROV.wasGeneratedBy, node), (st, DCTERMS.source, Literal(c.source)), (s, rel, URIRef(c.object))]
        if c.date:
            day = _iso_date(c.date)
            t += [(node, DCTERMS.date, day), (st, DCTERMS.date, day)]
    return t


def _iso_date(text: str) -> Literal:
    from datetime import date

    try:
        return Literal(date.fromisoformat(text.strip()[:10]).isoformat(), datatype=XSD.date)
    except ValueError:
        raise InputError(f"date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def record(store, items: Iterable[Correction], *, apply_now: bool = True) -> ApplyReport | None:
    """Write correction records (one transaction; a record already there is kept as it was), then apply."""
    known = {str(r.correction) for r in store.query(load_query("correct-records"), {"graph": CORRECTIONS_GRAPH})}
    quads = []
    for c in items:
        triples = _record_triples(c)
        if c.iri in known:
            continue
        known.add(c.iri)
        quads += [(s, p, o, CORRECTIONS_GRAPH) for s, p, o in triples]
    if quads:
        _write(store, [], quads)
    return apply(store) if apply_now else None


def corrections(store) -> list[Correction]:
    """The recorded corrections, oldest first."""
    out = []
    for r in store.query(load_query("correct-records"), {"graph": CORRECTIONS_GRAPH}):
        kind = _KIND_NAMES.get(str(r.kind))
        if kind is None:
            continue
        rel = str(r.predicate).rsplit("#", 1)[-1] if r.predicate is not None else None
        out.append(Correction(
            kind=kind, subject=str(r.actor or r.subject) if (r.actor or r.subject) else None, relation=rel,
            object=str(r.target or r.object) if (r.target or r.object) else None,
            value=str(r["class"]).rsplit("#", 1)[-1] if r["class"] is not None else
            (str(r.alias) if r.alias is not None else None),
            source=str(r.source) if r.source is not None else None, date=str(r.date) if r.date else None,
            reason=str(r.why) if r.why is not None else None, by=str(r.by) if r.by is not None else None,
            when=str(r.when) if r.when is not None else None, iri=str(r.correction)))
    return out


# ----------------------------------------------------------------------------- applying

def _rows(store, name: str, bindings: dict) -> list:
    return list(store.query(load_query(name), bindings))


def _final(mapping: dict[str, str], iri: str) -> str:
    """Where a chain of merges leads ``iri`` (a cycle stops where it closes)."""
    seen = {iri}
    while iri in mapping and mapping[iri] not in seen:
        iri = mapping[iri]
        seen.add(iri)
    return iri


def _merges(store, mapping: dict[str, str], report: ApplyReport) -> tuple[list, list]:
    """Quads to delete and insert so that document graphs name every actor by its final target;
    the merged actor's labels become alternative labels of the target in the corrections graph."""
    def final(iri: str) -> str:
        return _final(mapping, iri)

    def swap(term):
        return URIRef(final(str(term))) if isinstance(term, URIRef) and str(term) in mapping else term

    dele: dict = {}
    ins: dict = {}
    for old in mapping:
        o = URIRef(old)
        rows = _rows(store, "correct-actor-quads", {"actor": o})
        for r in rows:
            dele[(r.s, r.p, r.o, r.g)] = None
            if r.s == o and r.p in (SKOS.prefLabel, SKOS.altLabel):
                ins[(URIRef(final(old)), SKOS.altLabel, r.o, CORRECTIONS_GRAPH)] = None
            if r.s == o and r.p in _DESCRIPTIVE:
                continue
            ins[(swap(r.s), r.p, swap(r.o), r.g)] = None
        if rows:
            report.merged += 1
            report.details.append(f"merged {old} into {final(old)} ({len(rows)} quads)")
    return list(dele), [q for q in ins if q not in dele]


def apply(store) -> ApplyReport:
    """Re-apply every recorded correction to the document graphs (idempotent), in one update per kind."""
    from ..kb.knowledge_base import mint_actor

    items = corrections(store)
    report = ApplyReport(corrections=len(items))
    order = {"merge": 0, "alias": 0, "type": 1, "retract": 2, "assert": 3}
    mapping = {c.subject: c.object for c in items if c.kind == "merge"}
    for c in items:
        minted = mint_actor(c.value, "Actor").iri if c.kind == "alias" else None
        if minted and minted != c.subject:
            mapping.setdefault(minted, c.subject)
    for step in (0, 1, 2):
        dele: list = []
        ins: list = []
        invalidated: list = []
        if step == 0:
            dele, ins = _merges(store, mapping, report)
        for c in (c for c in items if order[c.kind] == step and step > 0):
            if c.kind == "type":
                subj = URIRef(_final(mapping, c.subject))
                d = [(subj, RDF.type, r.type, r.g) for r in _rows(store, "correct-actor-types", {"actor": subj})
                     if r.type != AG[c.value] and str(r.type).startswith(str(AG))]
                i = [(subj, RDF.type, AG[c.value], g) for g in {q[3] for q in d}]
                report.retyped += bool(d)
            else:  # retract, both directions for a symmetric relation
                d, i = [], []
                rel = relation(c.relation)
                pairs = [(c.subject, c.object)] + ([(c.object, c.subject)] if rel.symmetric else [])
                for s, o in pairs:
                    s, o = _final(mapping, s), _final(mapping, o)
                    d += _retraction(store, URIRef(s), rel.iri, URIRef(o), c, invalidated, report)
            dele += d
            ins += i
        if dele or ins:
            _write(store, list(dict.fromkeys(dele)), list(dict.fromkeys(ins + invalidated)))
            report.changed_quads += len(set(dele)) + len(set(ins))
    return report


def _retraction(store, s: URIRef, rel: URIRef, o: URIRef, c: Correction, invalidated: list,
                report: ApplyReport) -> list:
    """Quads to delete for the statements S REL O of every document graph (and their evidence)."""
    rows = _rows(store, "correct-statements", {"subject": s, "predicate": rel, "object": o})
    dele = []
    stmts: dict[tuple, None] = {}
    for r in rows:
        if r.node != r.stmt:      # an evidence node: keep it when another statement still rests on it
            users = {str(u.stmt) for u in _rows(store, "correct-evidence-users", {"g": r.g, "ev": r.node})}
            if users - {str(x.stmt) for x in rows if x.g == r.g}:
                continue
        dele.append((r.node, r.p, r.o, r.g))
        stmts[(r.stmt, r.g)] = None
    if _rows(store, "correct-fact", {"subject": s, "predicate": rel, "object": o, "graph": CURATED_GRAPH}):
        dele.append((s, rel, o, CURATED_GRAPH))      # a background fact is retracted too
    for stmt, g in stmts:
        dele.append((s, rel, o, g))
        invalidated.append((URIRef(c.iri), PROV.invalidated, stmt, CORRECTIONS_GRAPH))
    report.retracted += len(stmts)
    return dele
