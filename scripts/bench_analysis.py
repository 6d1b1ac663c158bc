#!/usr/bin/env python3
"""Time the network → analysis → HTML steps on synthetic actor networks.

    python scripts/bench_analysis.py [--sizes 1000 10000] [--degree 10] [--no-rdf]

For each size it generates a synthetic conflict network (camps of ~100 actors,
mostly alliance ties inside a camp and hostility between camps, some structural
and neutral ties, backedBy chains), writes it as statements in the project's RDF
data model into an in-memory Oxigraph-backed rdflib Dataset, and times
``build_network`` on it, every ``analyze()`` step and ``render_html``. Prints one
table; the figures are wall-clock seconds on this machine.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from rdflib import Dataset, Literal  # noqa: E402
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD  # noqa: E402

from graph.analysis import core as analysis  # noqa: E402
from graph.network.build import build_network, signed_graph  # noqa: E402
from graph.report.render import render_html  # noqa: E402
from graph.vocab import ACTOR, AG, ID, relations  # noqa: E402

CAMP = 100


def synthetic_statements(n: int, degree: float, seed: int) -> list[tuple[int, str, int, str]]:
    """(subject, relation, object, date) tuples over ``n`` actors, about ``n × degree / 2`` of them."""
    rng = random.Random(seed)
    rels = relations()
    by_kind: dict[str, list[str]] = {}
    for r in rels.values():
        by_kind.setdefault(r.kind, []).append(r.name)
    camps = max(1, n // CAMP)
    out = []
    for _ in range(int(n * degree / 2)):
        s = rng.randrange(n)
        if rng.random() < 0.7:   # same camp
            o = (s // CAMP) * CAMP + rng.randrange(min(CAMP, n - (s // CAMP) * CAMP))
            kind = rng.choices(["alliance", "structural", "neutral", "hostility"], [70, 15, 10, 5])[0]
        else:
            o = rng.randrange(camps) * CAMP + rng.randrange(CAMP) if camps > 1 else rng.randrange(n)
            o = min(o, n - 1)
            kind = rng.choices(["hostility", "neutral", "alliance"], [75, 15, 10])[0]
        if s == o:
            continue
        date = f"{rng.choice([2019, 2020, 2021])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append((s, rng.choice(by_kind[kind]), o, date))
    return out


def rdf_dataset(n: int, statements: list[tuple[int, str, int, str]]) -> Dataset:
    """The statements in the project's RDF model, one document per 50 statements."""
    rels = relations()
    try:
        ds = Dataset(store="Oxigraph", default_union=True)
    except Exception:  # noqa: BLE001 - oxrdflib missing: fall back to rdflib's memory store
        ds = Dataset(default_union=True)
    quads = []
    for i, (s, rel, o, date) in enumerate(statements):
        doc = ID[f"doc/bench{i // 50}"]
        g = ds.graph(doc)
        if i % 50 == 0:
            quads += [(doc, RDF.type, AG.Document, g), (doc, DCTERMS.title, Literal(f"Bench {i // 50}"), g),
                      (doc, DCTERMS.date, Literal(date, datatype=XSD.date), g)]
        stmt, ev, p = ID[f"stmt/bench{i}"], ID[f"ev/bench{i}"], rels[rel].iri
        sa, oa = ACTOR[f"bench{s}"], ACTOR[f"bench{o}"]
        quads += [(stmt, RDF.type, AG.Statement, g), (stmt, RDF.subject, sa, g), (stmt, RDF.predicate, p, g),
                  (stmt, RDF.object, oa, g), (stmt, AG.confidence, Literal("0.7", datatype=XSD.decimal), g),
                  (stmt, AG.negated, Literal(False), g), (stmt, DCTERMS.date, Literal(date, datatype=XSD.date), g),
                  (stmt, PROV.wasDerivedFrom, ev, g), (ev, RDF.type, AG.Evidence, g), (ev, AG.document, doc, g),
                  (ev, AG.sentence, Literal(f"Actor {s} {rel} actor {o}."), g), (sa, p, oa, g)]
    for a in range(n):
        g = ds.graph(ID["doc/bench-actors"])
        quads += [(ACTOR[f"bench{a}"], RDF.type, AG.ArmedGroup if a % 3 else AG.State, g),
                  (ACTOR[f"bench{a}"], SKOS.prefLabel, Literal(f"Actor {a}", lang="en"), g)]
    ds.addN(quads)
    return ds


def timed(rows: list[tuple], size: str, step: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    result = fn()
    rows.append((size, step, time.perf_counter() - t0))
    print(f"  {step:<34} {rows[-1][2]:8.2f} s", file=sys.stderr, flush=True)
    return result


def bench(n: int, degree: float, seed: int, rdf: bool, rows: list[tuple], out_dir: Path) -> None:
    size = f"{n:,}"
    print(f"{size} actors", file=sys.stderr)
    stmts = timed(rows, size, "generate statements", lambda: synthetic_statements(n, degree, seed))
    if rdf:
        ds = timed(rows, size, f"load {len(stmts):,} statements (RDF)", lambda: rdf_dataset(n, stmts))
        G = timed(rows, size, "build_network (SPARQL → networkx)", lambda: build_network(ds))
    else:
        G = timed(rows, size, "build MultiDiGraph (no RDF)", lambda: _direct_graph(stmts))
    S = timed(rows, size, f"signed_graph ({G.number_of_edges():,} edges)", lambda: signed_graph(G))
    timed(rows, size, "blocs (Louvain)", lambda: analysis.find_blocs(S))
    timed(rows, size, "degree + PageRank", lambda: analysis.most_connected(G, S))
    timed(rows, size, "brokers (betweenness)", lambda: analysis.find_brokers(S))
    timed(rows, size, "patron chains", lambda: analysis.patron_chains(G))
    timed(rows, size, "unbalanced triads", lambda: analysis.unbalanced_triads(S))
    timed(rows, size, "timeline (month)", lambda: analysis.timeline(G, period="month"))
    timed(rows, size, "render_html (250 nodes)", lambda: render_html(G, out_dir / f"bench-{n}-250.html"))
    timed(rows, size, "render_html (1,000 nodes)",
          lambda: render_html(G, out_dir / f"bench-{n}-1000.html", max_nodes=1000))


def _direct_graph(stmts: list[tuple[int, str, int, str]]) -> nx.MultiDiGraph:
    """The MultiDiGraph build_network would produce, without going through RDF."""
    rels = relations()
    G = nx.MultiDiGraph()
    for s, rel, o, date in stmts:
        r = rels[rel]
        u, v = (f"a{s}", f"a{o}") if not r.symmetric or s < o else (f"a{o}", f"a{s}")
        if G.has_edge(u, v, rel):
            d = G.edges[u, v, rel]
            d["weight"] += 1
            d["dates"][date] = d["dates"].get(date, 0) + 1
            d["first_date"], d["last_date"] = min(d["first_date"], date), max(d["last_date"], date)
        else:
            G.add_edge(u, v, key=rel, relation=rel, polarity=r.polarity, kind=r.kind, symmetric=r.symmetric,
                       weight=1, confidence=0.7, first_date=date, last_date=date, dates={date: 1},
                       undated=0, evidence=[{"sentence": f"{s} {rel} {o}", "date": date}], curated=False)
    for node in G:
        G.nodes[node].update(label=node, type="ArmedGroup", minted=False)
    return G


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="numbers of actors")
    parser.add_argument("--degree", type=float, default=10.0, help="average statements per actor")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-rdf", action="store_true", help="build the graph directly, skipping RDF and SPARQL")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        for n in args.sizes:
            bench(n, args.degree, args.seed, not args.no_rdf, rows, Path(tmp))
    width = max(len(step) for _, step, _ in rows)
    print(f"| actors | {'step':<{width}} | seconds |")
    print(f"|-------:|{'-' * (width + 2)}|--------:|")
    for size, step, secs in rows:
        print(f"| {size:>6} | {step:<{width}} | {secs:7.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
