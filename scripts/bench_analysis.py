#!/usr/bin/env python3
"""Time and memory of every analysis on a synthetic signed network with planted camps.

    python scripts/bench_analysis.py [--actors 100000] [--relations 1000000] [--camps 3] [--noise 0.05]

It plants ``--camps`` camps (sizes in the ratio 5:3:2 for three), draws
``--relations`` relations between random actors — inside a camp an alliance or
structural relation, across camps a hostile one — and flips the sign of a
``--noise`` share of them, so the right answer is known. The network is built
as ``build_network`` would return it (one edge per subject, relation, object with
its attributes and one evidence record), then every analysis runs on it in turn:
the analysis network (``filter_network``), the signed view, camps and their rows,
brokers (betweenness sampled, PageRank), patron chains, triads, hostility, timeline,
degree — what ``actorgraph analyze`` (the summary) runs — and ``compare`` of two
years (the two period networks are cut from the synthetic one before the clock
starts: building them is the store's work). Prints wall and CPU seconds per step,
the process's peak RSS after each step, the totals, and the share of actors
found in their planted camp (the camps are matched to the planted ones by
overlap).

Target on a 2-core machine (issue 6): all analyses together ≤ 60 s and ≤ 4 GB,
≥ 95 % of the actors in their planted camp.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

# One BLAS thread: on a shared 2-core machine OpenBLAS's spinning threads only add CPU time.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import networkx as nx

from graph.analysis.camps import find_camps
from graph.analysis.centrality import (
    betweenness,
    camp_brokers,
    most_connected,
    pagerank,
)
from graph.analysis.chains import patron_chains
from graph.analysis.hostility import hostility
from graph.analysis.summary import camp_rows
from graph.analysis.timeline import (
    compare,
    timeline,
)
from graph.analysis.triads import unbalanced_triads
from graph.network.signed import filter_network, signed_view
from graph.vocab import relations


def planted_network(n: int, m: int, k: int, noise: float, seed: int) -> tuple[nx.MultiDiGraph, list[int]]:
    """A MultiDiGraph shaped like build_network's output, and the planted camp of each actor."""
    rng = random.Random(seed)
    rels = relations()
    kinds: dict[str, list[str]] = {}
    for r in rels.values():
        kinds.setdefault(r.kind, []).append(r.name)
    shares = [5, 3, 2][:k] if k <= 3 else [1] * k
    bounds, acc = [], 0
    for s in shares:
        acc += s
        bounds.append(acc / sum(shares))
    camp = [next(c for c, b in enumerate(bounds) if (i + 0.5) / n <= b) for i in range(n)]
    members: dict[int, list[int]] = {}
    for i, c in enumerate(camp):
        members.setdefault(c, []).append(i)
    G = nx.MultiDiGraph()
    G.add_nodes_from((f"a{i}", {"label": f"Actor {i}", "type": "ArmedGroup" if i % 3 else "State",
                                "minted": False}) for i in range(n))
    made = 0
    while made < m:
        s = rng.randrange(n)
        inside = rng.random() < 0.7
        o = rng.choice(members[camp[s]]) if inside else rng.randrange(n)
        if o == s or (not inside and camp[o] == camp[s]):
            continue
        positive = inside
        if rng.random() < noise:
            positive = not positive
        if positive:
            kind = "structural" if inside and rng.random() < 0.1 else "alliance"
        else:
            kind = "hostility"
        name = rng.choice(kinds[kind])
        r = rels[name]
        u, v = (f"a{s}", f"a{o}") if not r.symmetric or s < o else (f"a{o}", f"a{s}")
        if G.has_edge(u, v, name):
            continue
        day = f"{rng.choice((2019, 2020, 2021))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        G.add_edge(u, v, key=name, relation=name, label=r.label, polarity=r.polarity, kind=r.kind,
                   symmetric=r.symmetric, weight=1, documents=1, confidence=0.7, first_date=day, last_date=day,
                   dates={day: 1}, undated=0, curated=False,
                   evidence=[{"sentence": f"Actor {s} {name} actor {o}.", "document": f"d{made // 20}",
                              "title": None, "date": day, "confidence": 0.7, "source": None, "url": None,
                              "content_hash": f"h{made // 20}"}])
        made += 1
    return G, camp


def period(G: nx.MultiDiGraph, year: str) -> nx.MultiDiGraph:
    """The relations of one year (what build_network(since=year, until=year) gives for this network)."""
    P = nx.MultiDiGraph()
    P.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d["last_date"][:4] == year)
    for n in P:
        P.nodes[n].update(G.nodes[n])
    return P


def compare_periods(A: nx.MultiDiGraph, B: nx.MultiDiGraph, seed: int):
    """What pipeline.compare does once it has the two period networks."""
    Sa, Sb = signed_view(A), signed_view(B)
    return compare(Sa, find_camps(Sa, seed=seed, clusters=False), Sb, find_camps(Sb, seed=seed, clusters=False))


def recovered(camps, planted: list[int]) -> float:
    """Share of all actors in the camp matched (by overlap, one-to-one) to their planted camp."""
    overlap = Counter()
    for actor, c in camps.camp_of.items():
        overlap[(c, planted[int(actor[1:])])] += 1
    match, used = {}, set()
    for (c, p), _ in overlap.most_common():
        if c not in match and p not in used:
            match[c] = p
            used.add(p)
    right = sum(1 for actor, c in camps.camp_of.items() if match.get(c) == planted[int(actor[1:])])
    return right / len(planted)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--camps", type=int, default=3)
    parser.add_argument("--noise", type=float, default=0.05)
    parser.add_argument("--sample", type=int, default=100, help="betweenness sources")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    G, planted = planted_network(args.actors, args.relations, args.camps, args.noise, args.seed)
    print(f"synthetic network: {G.number_of_nodes():,} actors, {G.number_of_edges():,} relations, "
          f"{args.camps} planted camps, {args.noise:.0%} noise — built in {time.perf_counter() - t0:.1f} s, "
          f"peak RSS {peak_mb():,.0f} MB", file=sys.stderr, flush=True)
    rows: list[tuple[str, float, float, float]] = []
    state: dict = {}

    def step(name, fn):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        rows.append((name, time.perf_counter() - w, time.process_time() - c, peak_mb()))
        print(f"  {name:<34} {rows[-1][1]:7.2f} s wall {rows[-1][2]:7.2f} s CPU  peak {rows[-1][3]:,.0f} MB",
              file=sys.stderr, flush=True)
        return result

    H = step("analysis network (filter_network)", lambda: filter_network(G))
    S = step("signed view", lambda: signed_view(H))
    camps = state["camps"] = step("camps (balance + clusters)", lambda: find_camps(S, seed=args.seed))
    step("camp rows", lambda: camp_rows(camps, S))
    step("brokers (camp bridges)", lambda: camp_brokers(S, camps))
    step(f"betweenness (igraph, {args.sample} sources)", lambda: betweenness(S, sample=args.sample, seed=args.seed))
    step("PageRank (igraph)", lambda: pagerank(S))
    step("patron chains", lambda: patron_chains(H))
    step("triads (igraph triangles)", lambda: unbalanced_triads(S))
    step("hostility matrix + pairs", lambda: hostility(S, camps))
    step("timeline (month)", lambda: timeline(H, period="month"))
    step("most connected", lambda: most_connected(H))
    share = recovered(camps, planted)
    S = H = state = None          # compare builds its own networks from the store: the full one is gone by then
    before, after = period(G, "2019"), period(G, "2021")
    G = None
    step("compare 2019 / 2021 (2 views, 2 camp sets)", lambda: compare_periods(before, after, args.seed))
    wall, cpu = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print("| step | wall s | CPU s | peak RSS MB |\n|---|---:|---:|---:|")
    for name, w, c, mem in rows:
        print(f"| {name} | {w:.2f} | {c:.2f} | {mem:,.0f} |")
    print(f"| **all analyses** | **{wall:.2f}** | **{cpu:.2f}** | **{max(r[3] for r in rows):,.0f}** |")
    print(f"\ncamps found: {len(camps.camps)} (sizes {', '.join(str(len(c)) for c in camps.camps)}), "
          f"unaligned {len(camps.unaligned)}; actors in their planted camp: {share:.2%}; "
          f"frustration {camps.frustration:,.1f} ({camps.index:.2%} of the signed weight), lower bound "
          f"{camps.lower_bound:,.1f}, method: {camps.method}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
