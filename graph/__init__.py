"""actorgraph: conflict and geopolitical news → an actor-relationship knowledge graph.

The public API is :mod:`graph.pipeline`; its functions are re-exported here and
loaded on first use, so ``import graph`` stays cheap::

    import graph
    report = graph.ingest(["examples/corpus"], store="actorgraph-store")
"""
__version__ = "0.1.0"

_API = ("open_store", "extract", "extract_jsonl", "ingest", "query", "actors", "stats", "export", "network",
        "analyze", "render")

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
