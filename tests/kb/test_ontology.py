"""The ontology, the patterns and the knowledge base are consistent data that code reads."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph import vocab
from graph.kb.knowledge_base import load_knowledge_base
from graph.kb.patterns import load_patterns

ROOT = Path(__file__).resolve().parents[2]
# The relations of shared/eval/README.md, with their polarity (the evaluation's contract).
EVAL_RELATIONS = {
    "backedBy": 1, "alliedWith": 1, "supports": 1, "memberOf": 1, "leaderOf": 1, "founderOf": 1, "partOf": 1,
    "successorOf": 0, "threatens": -1, "attacks": -1, "condemns": -1, "sanctions": -1, "accuses": -1,
    "opposes": -1, "meetsWith": 0, "urges": 0,
}


def onto() -> Graph:
    return vocab.ontology_graph()


def test_every_shipped_turtle_file_parses_with_rdflib_and_oxigraph():
    for name in vocab.ontology_files():
        text = vocab.read_ontology_file(name)
        Graph().parse(data=text, format="turtle")
        pyoxigraph.Store().load(text.encode(), format=pyoxigraph.RdfFormat.TURTLE)


def test_namespace_constants_name_terms_that_exist():
    g = onto()
    for cls in vocab.ACTOR_CLASSES:
        assert (vocab.AG[cls], RDF.type, OWL.Class) in g, cls
    for term in ("Statement", "Evidence", "Document", "Extractor"):
        assert (vocab.AG[term], RDF.type, OWL.Class) in g
    for prop in ("confidence", "negated", "document", "sentence", "startOffset", "endOffset", "contentHash",
                 "polarity", "relationKind", "acronym", "demonym", "metonym", "country", "minted"):
        assert (vocab.AG[prop], None, None) in g, prop


def test_the_sixteen_relations_with_polarity_symmetry_and_inverse():
    rels = vocab.relations()
    assert {name: r.polarity for name, r in rels.items()} == EVAL_RELATIONS
    assert {n for n, r in rels.items() if r.symmetric} == {"alliedWith", "meetsWith"}
    g = onto()
    assert (vocab.AG.backedBy, OWL.inverseOf, vocab.AG.backs) in g
    for r in rels.values():
        assert r.kind in ("alliance", "hostility", "structural", "neutral")
        assert g.value(r.iri, RDFS.comment) is not None and g.value(r.iri, RDFS.label) is not None
    assert any(True for _ in g.subject_objects(SKOS.closeMatch))


def test_patterns_only_name_known_relations_and_cover_all_verbs_lists():
    p = load_patterns()
    rels = vocab.relations()
    assert all(t.relation in rels for ts in p.verbs.values() for t in ts)
    assert {t.relation for ts in p.verbs.values() for t in ts} >= {"attacks", "threatens", "condemns", "backedBy"}
    for name in ("eventNouns", "stateOrganNouns", "negationCues", "threatCues", "communicationVerbs"):
        assert p.words(name), name


def test_knowledge_base_checker_passes_and_covers_the_domain():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_kb.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    kb = load_knowledge_base()
    assert len(kb.actors) >= 400
    for label, iri in [("Hashd al-Shaabi", "PopularMobilizationForces"), ("Popular Mobilisation Forces",
                       "PopularMobilizationForces"), ("Ansar Allah", "Houthis"), ("Tehran", "Iran"),
                       ("the Pentagon", "UnitedStates"), ("Nujaba", "HarakatHezbollahAlNujaba")]:
        actor = kb.by_label(label)
        assert actor is not None and actor.iri == str(vocab.ACTOR[iri]), label
    assert kb.by_label("Hezbollah").iri != kb.by_label("Kataib Hezbollah").iri
    assert kb.by_label("Fatah").iri != kb.by_label("Fatah Alliance").iri


def test_curated_facts_are_a_separate_graph_of_known_relations():
    facts = Graph()
    for name in vocab.ontology_files():
        if name.startswith("facts-"):
            facts.parse(data=vocab.read_ontology_file(name), format="turtle")
    rel_iris = {r.iri for r in vocab.relations().values()}
    assert len(facts) > 100 and {p for _, p, _ in facts} <= rel_iris
    assert (URIRef(vocab.ACTOR["KataibHezbollah"]), vocab.AG.memberOf,
            URIRef(vocab.ACTOR["PopularMobilizationForces"])) in facts


def test_the_relation_enum_is_the_ontologys_relations():
    g = onto()
    declared = {str(s)[len(str(vocab.AG)):] for s in g.subjects(RDF.type, vocab.AG.ActorRelation)}
    assert {r.value for r in vocab.Rel} == declared == set(vocab.relations())
    assert all(r.name == r.value and isinstance(r, str) for r in vocab.Rel)
    assert vocab.Rel.backedBy == "backedBy" and vocab.relation(vocab.Rel.backedBy).iri == vocab.AG.backedBy


def _subclasses(g: Graph, root: str) -> set[str]:
    """Local names of ``root`` and every class below it (rdfs:subClassOf*)."""
    found, todo = {root}, [root]
    while todo:
        for sub in g.subjects(RDFS.subClassOf, vocab.AG[todo.pop()]):
            name = str(sub)[len(str(vocab.AG)):]
            if name not in found:
                found.add(name)
                todo.append(name)
    return found


def test_actor_class_groups_follow_the_class_hierarchy():
    g = onto()
    actors = _subclasses(g, "Actor") - {"Actor"}
    assert set(vocab.ACTOR_CLASSES) == actors
    assert set(vocab.PERSON_CLASSES) == _subclasses(g, "Person")
    assert set(vocab.STATE_BODY_CLASSES) == _subclasses(g, "StateAgency")
    assert set(vocab.ORGANISATION_CLASSES) == actors - set(vocab.PERSON_CLASSES) - {vocab.STATE_CLASS}
    for group in (vocab.ANTECEDENT_ORGANISATION_CLASSES, vocab.LED_GROUP_CLASSES):
        assert set(group) <= set(vocab.ORGANISATION_CLASSES)


def test_unknown_relation_is_an_ontology_error_naming_the_file():
    from graph.errors import OntologyError

    with pytest.raises(OntologyError, match="actorgraph.ttl.*'backs_by'"):
        vocab.relation("backs_by")
