"""The public Python API: each function is one job of the command line.

Every CLI command is a thin shell over one of these functions, so a notebook
can do the same work::

    from graph import pipeline
    report = pipeline.ingest(["examples/corpus"], store="actorgraph-store")
    with pipeline.open_store("actorgraph-store") as store:
        G = pipeline.network(store)
        print(pipeline.analyze(store).to_text())
        pipeline.render(store, "graph.html")
"""
from __future__ import annotations

from ..errors import StoreError
from ..io.documents import ReadOptions
from ..progress import ProgressCallback
from ..store.base import Store
from ._documents import BATCH_SIZE, FLUSH_EVERY, ExtractReport, extract, extract_jsonl, ingest
from ._network import (analysis_network, analyze, analyze_and_render, brokers, camps, chains, compare,
                       export_network, hostility, network, render, report, signed, triads)
from ._store import actors, export, named_queries, named_query, open_store, query, remove, stats

__all__ = [
    "Store", "StoreError", "open_store", "extract", "extract_jsonl", "ingest", "query", "named_queries",
    "named_query", "remove", "actors", "stats", "export", "network", "analyze", "render", "ExtractReport",
    "ProgressCallback", "ReadOptions", "analysis_network", "signed", "camps", "brokers", "chains", "triads",
    "hostility", "compare", "analyze_and_render", "export_network", "report", "BATCH_SIZE", "FLUSH_EVERY",
]
