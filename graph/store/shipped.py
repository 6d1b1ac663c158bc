"""The shipped ontology, knowledge base and curated facts as quads, for a store that loads them by request."""
from __future__ import annotations

import pyoxigraph as ox

from ..errors import StoreError
from ..rdf.statements import curated_facts_files, knowledge_base_files
from ..vocab import AG, CURATED_GRAPH, ONTOLOGY_GRAPH, read_ontology_file

__all__ = ["shipped_quads"]


def shipped_quads(content_hash: str) -> list[tuple]:
    """(s, p, o, g) pyoxigraph terms: ``actorgraph.ttl`` + ``actors-*.ttl`` in the ontology graph with
    ``<graph/ontology> ag:contentHash content_hash``, ``facts-*.ttl`` in the curated graph."""
    ont, cur = ox.NamedNode(str(ONTOLOGY_GRAPH)), ox.NamedNode(str(CURATED_GRAPH))
    out = [(ont, ox.NamedNode(str(AG.contentHash)), ox.Literal(content_hash), ont)]
    for graph, names in ((ont, knowledge_base_files()), (cur, curated_facts_files())):
        for name in names:
            try:
                triples = ox.parse(read_ontology_file(name), format=ox.RdfFormat.TURTLE, without_named_graphs=True)
                out.extend((t.subject, t.predicate, t.object, graph) for t in triples)
            except (SyntaxError, ValueError, OSError) as exc:
                raise StoreError(f"cannot load the shipped knowledge base: ontology/{name}: "
                                 f"{' '.join(str(exc).split())}") from None
    return out
