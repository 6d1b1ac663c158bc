#!/usr/bin/env python3
"""Validate the curated knowledge base in ontology/.

Parses every ``actors-*.ttl`` and ``facts-*.ttl``, and reports: syntax errors,
actors whose class is not an actor class of the ontology, facts that use an
unknown relation or an actor that is not in the knowledge base, facts that
break the relation's domain, range or class restrictions, actors without
exactly one preferred label, and labels (after folding) shared by two actors.
Exit status 1 when anything is wrong.

    python scripts/check_kb.py
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.kb.normalize import label_key  # noqa: E402
from graph.extract.constraints import load_constraints  # noqa: E402
from graph.vocab import ACTOR_CLASSES, AG, relations  # noqa: E402

LABEL_PROPS = (SKOS.prefLabel, SKOS.altLabel, AG.acronym, AG.demonym, AG.metonym)


def main() -> int:
    problems: list[str] = []
    actors = Graph()
    facts = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        target = actors if path.name.startswith("actors-") else facts if path.name.startswith("facts-") else None
        if target is None:
            continue
        try:
            target.parse(path, format="turtle")
        except Exception as exc:  # noqa: BLE001 - report any parser failure
            problems.append(f"{path.name}: does not parse: {exc}")
    classes = {AG[c] for c in ACTOR_CLASSES}
    known = set()
    for s, o in actors.subject_objects(RDF.type):
        known.add(s)
        if o not in classes:
            problems.append(f"{s}: class {o} is not an actor class")
    owner: dict[str, set] = defaultdict(set)
    for actor in known:
        types = list(actors.objects(actor, RDF.type))
        if len(types) != 1:
            problems.append(f"{actor}: {len(types)} classes")
        prefs = list(actors.objects(actor, SKOS.prefLabel))
        if len(prefs) != 1:
            problems.append(f"{actor}: {len(prefs)} skos:prefLabel")
        for prop in LABEL_PROPS:
            for label in actors.objects(actor, prop):
                owner[label_key(str(label))].add(actor)
    for key, who in sorted(owner.items()):
        if len(who) > 1:
            problems.append(f"label {key!r} is shared by {', '.join(sorted(str(w).rsplit('/', 1)[-1] for w in who))}")
        if not key:
            problems.append(f"an empty label on {', '.join(map(str, who))}")
    rel_iris = {r.iri for r in relations().values()}
    for s, p, o in facts:
        if p not in rel_iris:
            problems.append(f"fact uses unknown relation {p}")
        for node in (s, o):
            if node not in known:
                problems.append(f"fact names unknown actor {node}")
    constraints = load_constraints()
    local = {r.iri: name for name, r in relations().items()}
    for s, p, o in facts:
        st, ot = actors.value(s, RDF.type), actors.value(o, RDF.type)
        if p in local and st is not None and ot is not None:
            why = constraints.violation(local[p], str(st).rsplit("#", 1)[-1], str(ot).rsplit("#", 1)[-1])
            if why:
                problems.append(f"fact {s} {local[p]} {o} breaks {why}")
    for line in problems:
        print(line)
    by_type = defaultdict(int)
    for _, o in actors.subject_objects(RDF.type):
        by_type[str(o).rsplit("#", 1)[-1]] += 1
    print(f"{len(known)} actors ({', '.join(f'{k} {v}' for k, v in sorted(by_type.items()))}), "
          f"{len(facts)} facts, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
