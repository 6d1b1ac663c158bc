"""The shipped ontology, knowledge base and curated facts as quads, for a store that loads them by request."""
from __future__ import annotations

import pyoxigraph as ox

from ..errors import StoreError
from ..rdf.statements import curated_facts_files, knowledge_base_files
from ..vocab import AG, CURATED_GRAPH, ID, ONTOLOGY_GRAPH, read_ontology_file

__all__ = ["shipped_quads"]


def shipped_quads(content_hash: str) -> list[tuple]:
    """(s, p, o, g) pyoxigraph terms: ``actorgraph.ttl`` + ``actors-*.ttl`` in the ontology graph with
    ``<graph/ontology> ag:contentHash content_hash``, ``facts-*.ttl`` in the curated graph.

    Blank nodes (the ontology's class unions) are skolemised (RDF 1.1 §3.5) to IRIs named by
    the file and their order of appearance, so every store holds the same triples and an
    update can carry them in a ``VALUES`` row (which cannot hold a blank node)."""
    ont, cur = ox.NamedNode(str(ONTOLOGY_GRAPH)), ox.NamedNode(str(CURATED_GRAPH))
    out = [(ont, ox.NamedNode(str(AG.contentHash)), ox.Literal(content_hash), ont)]
    for graph, names in ((ont, knowledge_base_files()), (cur, curated_facts_files())):
        for name in names:
            try:
                triples = ox.parse(read_ontology_file(name), format=ox.RdfFormat.TURTLE, without_named_graphs=True)
                skolem = _skolemiser(name)
                out.extend((skolem(t.subject), t.predicate, skolem(t.object), graph) for t in triples)
            except (SyntaxError, ValueError, OSError) as exc:
                raise StoreError(f"cannot load the shipped knowledge base: ontology/{name}: "
                                 f"{' '.join(str(exc).split())}") from None
    return out


def _skolemiser(name: str):
    """blank node → ``…/id/.well-known/genid/<file>-<n>`` (n: order of first appearance); other terms as they are."""
    seen: dict[str, ox.NamedNode] = {}
    stem = name.rsplit(".", 1)[0]

    def skolem(term):
        if not isinstance(term, ox.BlankNode):
            return term
        if term.value not in seen:
            seen[term.value] = ox.NamedNode(f"{ID}.well-known/genid/{stem}-{len(seen)}")
        return seen[term.value]

    return skolem
