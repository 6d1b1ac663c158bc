#!/usr/bin/env python3
"""Time the network build (store → networkx) as documents per actor grow.

    python scripts/bench_network.py [--actors 2000] [--docs-per-actor 2 20] [--minted 0.3]

For each documents-per-actor figure it writes a synthetic store in the project's
data model through ``Store.put_document`` (actors repeated in every document graph
that mentions them, as ingest does; a share of them minted), then times
``build_network(store)`` and prints wall and CPU seconds, peak memory (RSS growth)
and the ratio between the largest and the smallest case. A linear build grows by
at most the same factor as the statements (10× documents per actor → ≤ 10×).
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.model import Actor, Document, Evidence, Statement  # noqa: E402
from graph.network.build import build_network  # noqa: E402
from graph.store.oxigraph import Store  # noqa: E402
from graph.vocab import ACTOR, relations  # noqa: E402

PER_DOC = 10   # statements per document


def fill(store: Store, n: int, docs_per_actor: int, minted: float, seed: int) -> int:
    """Documents such that every actor appears in about ``docs_per_actor`` of them; returns statements."""
    rng = random.Random(seed)
    names = [r for r in relations() if relations()[r].kind in ("alliance", "hostility")]
    actors = [Actor(str(ACTOR[f"bench{i}"]), f"Bench actor {i}", "ArmedGroup" if i % 3 else "State",
                    minted=rng.random() < minted) for i in range(n)]
    n_docs = n * docs_per_actor // (2 * PER_DOC)
    total = 0
    for d in range(n_docs):
        doc = Document(id=f"bench-{d}.txt", text=f"bench document {d}", title=f"Bench {d}",
                       date=f"20{19 + d % 3}-0{1 + d % 9}-1{d % 9}", source=f"/bench/{d}.txt")
        stmts = []
        for j in range(PER_DOC):
            s, o = rng.sample(actors, 2)
            stmts.append(Statement(s, rng.choice(names), o, doc.id, doc.iri,
                                   Evidence(f"Sentence {j} of document {d}.", j * 40, j * 40 + 30),
                                   confidence=0.7, date=doc.date))
        store.put_document(doc, stmts)
        total += len(stmts)
    return total


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--docs-per-actor", type=int, nargs="+", default=[2, 20])
    parser.add_argument("--minted", type=float, default=0.3, help="share of minted actors")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rows = []
    for k in args.docs_per_actor:
        with tempfile.TemporaryDirectory(prefix="actorgraph-bench-net-") as tmp:
            with Store(Path(tmp) / "store") as store:
                t0 = time.perf_counter()
                stmts = fill(store, args.actors, k, args.minted, args.seed)
                load = time.perf_counter() - t0
                before = peak_mb()
                w0, c0 = time.perf_counter(), time.process_time()
                G = build_network(store)
                wall, cpu = time.perf_counter() - w0, time.process_time() - c0
                rows.append((k, stmts, load, wall, cpu, peak_mb() - before, G.number_of_nodes(),
                             G.number_of_edges()))
                print(f"  {k} docs/actor: {stmts:,} statements, load {load:.1f} s, build {wall:.2f} s wall "
                      f"{cpu:.2f} s CPU", file=sys.stderr, flush=True)
    print("| docs/actor | statements | nodes | edges | build wall s | build CPU s | peak RSS growth MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for k, stmts, _load, wall, cpu, mem, nodes, edges in rows:
        print(f"| {k} | {stmts:,} | {nodes:,} | {edges:,} | {wall:.2f} | {cpu:.2f} | {mem:.0f} |")
    if len(rows) > 1:
        (k0, s0, *_, c0), (k1, s1, *_, c1) = (rows[0][:5], rows[-1][:5])
        print(f"\n{k1 / k0:.0f}× documents per actor, {s1 / s0:.1f}× statements: build CPU ×{c1 / max(c0, 1e-9):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
