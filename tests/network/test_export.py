"""GraphML, GEXF and CSV exports read back with the same nodes, edges and attributes."""
from __future__ import annotations

import csv

import networkx as nx
import pytest

from graph import pipeline
from graph.network.export import EDGE_FIELDS, NODE_FIELDS, export_graph, write_network

from test_analysis import make_dataset  # tests/ is on sys.path (rootdir of this package)


@pytest.fixture(scope="module")
def network():
    return pipeline.analysis_network(make_dataset())


def test_export_graph_has_camps_and_no_none_attributes(network):
    X = export_graph(network)
    assert all(v is not None for _, d in X.nodes(data=True) for v in d.values())
    assert all(v is not None for *_, d in X.edges(data=True) for v in d.values())
    camps = {d["label"]: d["camp"] for _, d in X.nodes(data=True)}
    assert camps["Northland"] == camps["Red Brigade"] != camps["Southland"] == camps["Westland"]
    assert camps["Jane Doe"] == camps["Northland"]                 # a leader takes the camp of what she leads


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_identically(network, tmp_path, fmt, reader):
    path = write_network(network, tmp_path / f"net.{fmt}", fmt)
    X = export_graph(network)
    R = reader(path, force_multigraph=True) if fmt == "graphml" else reader(path)
    assert set(R.nodes) == set(X.nodes)
    if R.is_multigraph():
        assert sorted(R.edges(keys=True)) == sorted(X.edges(keys=True))
    else:   # no parallel edges in this network: GEXF reads back a DiGraph; the relation names the key
        assert sorted((u, v, d["relation"]) for u, v, d in R.edges(data=True)) == sorted(X.edges(keys=True))
    for n, d in X.nodes(data=True):
        assert {k: R.nodes[n][k] for k in d} == d
    for u, v, k, d in X.edges(keys=True, data=True):
        got = R.edges[u, v, k] if R.is_multigraph() else R.edges[u, v]
        for name, value in d.items():
            assert got[name] == (pytest.approx(value) if isinstance(value, float) or name == "weight" else value), name
    assert {d["relation"] for *_, d in R.edges(data=True)} >= {"backedBy", "attacks"}


def test_csv_writes_edges_and_nodes_beside(network, tmp_path):
    path = write_network(network, tmp_path / "net.csv", "csv")
    edges = list(csv.DictReader(path.open(encoding="utf-8")))
    nodes = list(csv.DictReader((tmp_path / "net.nodes.csv").open(encoding="utf-8")))
    assert tuple(edges[0]) == EDGE_FIELDS and tuple(nodes[0]) == NODE_FIELDS
    assert len(edges) == network.number_of_edges() and len(nodes) == network.number_of_nodes()
    by = {n["label"]: n for n in nodes}
    assert by["Northland"]["camp"] == by["Iron Guard"]["camp"] and by["Northland"]["camp_name"]


def test_unknown_format_is_refused(network, tmp_path):
    with pytest.raises(ValueError, match="graphml"):
        write_network(network, tmp_path / "x", "dot")
