"""Relation rules as registered units, run in the order that ``ontology/patterns.ttl`` gives.

A rule is a function ``(ctx, sent) -> list[Candidate]`` in one of the modules
of this package (one module per rule family), registered with :func:`rule`::

    @rule("title", reads=("titles", "titleModifiers", "stateOfficeTitles"), emits_from=("titles",))
    def title_rule(ctx: DocContext, sent) -> list[Candidate]:
        ...
        return emit(ctx, [person], trig.relation, [org], conf, f"title:{trig.name}")

``reads`` names what the rule consults: pattern tables (``verbs``, ``titles``,
``nouns``, ``modifiers``, ``prefixes``, ``event_nouns``), word lists and
weights of ``patterns.ttl``, and the context state it reads (``last_attacker``,
``affiliations``). ``emits`` lists the relations it can produce, and
``emits_from`` the pattern tables whose relations it produces; ``writes`` the
context state it changes (only ``last_attacker``: affiliations are recorded by
the runner from the candidates every rule returns).

The order in which rules run is data: the ``agp:ruleOrder`` list of
``ontology/patterns.ttl``. Every registered rule must be in it, and every name
in it must be registered (:class:`graph.errors.OntologyError` otherwise).
Order matters: an attack remembered by one rule is read by a later one, and of
two candidates with the same key and confidence the first one's rule is kept.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ...errors import OntologyError
from ...kb.patterns import Patterns
from ..context import Candidate, DocContext

__all__ = ["Rule", "rule", "registered", "ordered_rules", "sentence_relations", "RULE_MODULES", "PATTERN_TABLES",
           "CONTEXT_STATE"]

#: The modules of this package that hold rules (imported before the order is checked).
RULE_MODULES = ("titles", "appositions", "possessives", "modifiers", "events", "verbs", "speech", "membership", "nominals", "affiliation", "parts", "frames")
#: Pattern tables a rule may declare it reads (attributes of :class:`graph.kb.patterns.Patterns`).
PATTERN_TABLES = ("verbs", "modifiers", "prefixes", "titles", "nouns", "event_nouns")
#: Context state a rule may declare it reads or writes.
CONTEXT_STATE = ("last_attacker", "affiliations")

RuleFunction = Callable[[DocContext, object], list[Candidate]]


@dataclass(frozen=True)
class Rule:
    """One registered rule: its name, its function and what it declares it reads and emits."""

    name: str
    func: RuleFunction
    reads: tuple[str, ...] = ()
    emits: tuple[str, ...] = ()
    emits_from: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()

    def relations(self, patterns: Patterns) -> frozenset[str]:
        """Every relation this rule can produce with these patterns."""
        rels = set(self.emits)
        for table in self.emits_from:
            entries = getattr(patterns, table).values()
            for t in (x for e in entries for x in (e if isinstance(e, list) else [e])):
                rels.add(t.relation)
                if t.modal_relation:
                    rels.add(t.modal_relation)
        return frozenset(rels)

    def check(self, patterns: Patterns) -> None:
        """Raise OntologyError when a declared name is not a table, a state, a word list or a weight."""
        for name in self.reads:
            if name in PATTERN_TABLES or name in CONTEXT_STATE:
                continue
            if name not in patterns.lists and name not in patterns.weights:
                raise OntologyError(f"ontology/patterns.ttl: rule {self.name!r} reads {name!r}, "
                                    "which is no pattern table, word list or weight")
        for name in (*self.emits_from,):
            if name not in PATTERN_TABLES:
                raise OntologyError(f"rule {self.name!r} emits from {name!r}, which is no pattern table")
        for name in self.writes:
            if name not in CONTEXT_STATE:
                raise OntologyError(f"rule {self.name!r} writes {name!r}, which is no context state")


_REGISTRY: dict[str, Rule] = {}


def rule(name: str, *, reads: tuple[str, ...] = (), emits: tuple[str, ...] = (), emits_from: tuple[str, ...] = (),
         writes: tuple[str, ...] = ()) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``name`` (the name ``agp:ruleOrder`` uses)."""
    def register(func: RuleFunction) -> RuleFunction:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise ValueError(f"two rules are registered as {name!r}")
        _REGISTRY[name] = Rule(name, func, tuple(reads), tuple(str(r) for r in emits), tuple(emits_from),
                               tuple(writes))
        return func
    return register


def registered() -> dict[str, Rule]:
    """Every registered rule by name (the rule modules imported)."""
    for mod in RULE_MODULES:
        importlib.import_module(f"{__name__}.{mod}")
    return dict(_REGISTRY)


def ordered_rules(patterns: Patterns) -> tuple[Rule, ...]:
    """The registered rules in the order of ``agp:ruleOrder``, each checked against the patterns."""
    rules = registered()
    order = patterns.rule_order
    unknown = [n for n in order if n not in rules]
    if unknown:
        raise OntologyError(f"ontology/patterns.ttl: agp:ruleOrder names unknown rule(s) {', '.join(unknown)}; "
                            f"registered: {', '.join(sorted(rules))}")
    missing = sorted(set(rules) - set(order))
    if missing:
        raise OntologyError(f"ontology/patterns.ttl: agp:ruleOrder leaves out rule(s) {', '.join(missing)}")
    if len(set(order)) != len(order):
        raise OntologyError("ontology/patterns.ttl: agp:ruleOrder names a rule twice")
    for r in rules.values():
        r.check(patterns)
    return tuple(rules[n] for n in order)


def sentence_relations(ctx: DocContext, sent, rules: tuple[Rule, ...] | None = None) -> list[Candidate]:
    """Every candidate relation of one sentence: each rule in order (``rules``, by default
    :func:`ordered_rules` of the context's patterns), its asserted affiliations recorded."""
    out: list[Candidate] = []
    for r in (ordered_rules(ctx.patterns) if rules is None else rules):
        found = r.func(ctx, sent)
        ctx.note_affiliations(found)
        out.extend(found)
    return out
