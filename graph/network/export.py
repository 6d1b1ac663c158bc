"""The actor network as files other tools open: GraphML, GEXF (Gephi) and CSV.

:func:`export_graph` turns the network of :func:`graph.network.build.build_network`
into a flat :class:`networkx.MultiDiGraph` whose attributes are plain strings,
numbers and booleans — never None, lists or dicts, which GraphML and GEXF cannot
hold (``networkx.write_gexf`` fails on a None attribute). Nodes carry ``label``,
``type``, ``minted``, ``camp`` (−1 when unaligned) and ``camp_name``; edges carry
``relation``, ``kind``, ``polarity``, ``weight`` (supporting sentences),
``documents`` (distinct articles), ``curated``, ``confidence``, ``first_date`` /
``last_date`` and ``sentence`` (the first supporting sentence) where known.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..analysis.camps import find_camps
from .signed import HALF_LIFE_DAYS, signed_view

__all__ = ["export_graph", "write_network", "NETWORK_FORMATS", "NODE_FIELDS", "EDGE_FIELDS"]

NETWORK_FORMATS = ("graphml", "gexf", "csv")
NODE_FIELDS = ("id", "label", "type", "minted", "camp", "camp_name")
EDGE_FIELDS = ("source", "target", "relation", "kind", "polarity", "weight", "documents", "curated", "confidence",
               "first_date", "last_date", "sentence")


def export_graph(G: nx.MultiDiGraph, *, view: str = "organisation", half_life_days: float | None = HALF_LIFE_DAYS,
                 with_curated: bool = False, seed: int = 0) -> nx.MultiDiGraph:
    """The flat, attribute-safe copy of ``G`` with camps (see the module docstring)."""
    S = signed_view(G, view=view, half_life_days=half_life_days, with_curated=with_curated)
    camps = find_camps(S, seed=seed, clusters=False)
    rolled = S.graph.get("rolled_up", {})
    X = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        camp = camps.camp_of.get(str(n), camps.camp_of.get(str(rolled.get(n, "")), -1))
        X.add_node(str(n), **_clean({"label": d.get("label", str(n)), "type": d.get("type", "Actor"),
                                     "minted": bool(d.get("minted", False)), "camp": int(camp),
                                     "camp_name": camps.names[camp] if camp >= 0 else ""}))
    for u, v, k, d in G.edges(keys=True, data=True):
        ev = d.get("evidence") or []
        X.add_edge(str(u), str(v), key=str(k), **_clean({
            "relation": d.get("relation", k), "kind": d.get("kind"), "polarity": d.get("polarity"),
            "weight": d.get("weight"), "documents": d.get("documents"), "curated": bool(d.get("curated", False)),
            "confidence": d.get("confidence"), "first_date": d.get("first_date"), "last_date": d.get("last_date"),
            "sentence": ev[0].get("sentence") if ev else None}))
    return X


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Drop None; keep str, bool, int and float (numpy numbers made plain)."""
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = value
        elif isinstance(value, int):
            out[key] = int(value)
        elif isinstance(value, float):
            out[key] = float(value)
        else:
            out[key] = str(value)
    return out


def write_network(G: nx.MultiDiGraph, out: str | Path | IO[bytes], fmt: str, **options: Any) -> Path | None:
    """Write ``G`` as ``fmt`` (graphml, gexf or csv) to a path or binary stream.

    CSV writes the edges to ``out`` and, when ``out`` is a path, the nodes beside it
    (``NAME.nodes.csv``). Files are written atomically. Returns the path, if any.
    """
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")
    X = export_graph(G, **options)
    path = Path(out) if isinstance(out, (str, Path)) else None
    if fmt == "csv":
        edges, nodes = _csv(X)
        _write(out, edges.encode("utf-8"))
        if path is not None:
            _write(path.with_name(path.stem + ".nodes.csv"), nodes.encode("utf-8"))
        return path
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(X, buf)
    else:
        nx.write_gexf(X, buf)
    _write(out, buf.getvalue())
    return path


def _csv(X: nx.MultiDiGraph) -> tuple[str, str]:
    e, n = io.StringIO(), io.StringIO()
    w = csv.writer(e)
    w.writerow(EDGE_FIELDS)
    for u, v, d in X.edges(data=True):
        w.writerow([u, v, *(d.get(f, "") for f in EDGE_FIELDS[2:])])
    w = csv.writer(n)
    w.writerow(NODE_FIELDS)
    for node, d in X.nodes(data=True):
        w.writerow([node, *(d.get(f, "") for f in NODE_FIELDS[1:])])
    return e.getvalue(), n.getvalue()


def _write(out: str | Path | IO[bytes], data: bytes) -> None:
    if isinstance(out, (str, Path)):
        from ..atomic import atomic_write

        with atomic_write(out, "wb") as fh:
            fh.write(data)
    else:
        out.write(data)
