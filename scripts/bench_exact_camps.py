#!/usr/bin/env python3
"""How far the exact two-camp solvers (binary programming, HiGHS through SciPy's milp) go.

    python scripts/bench_exact_camps.py [--edges 2000 5000 15000] [--noise 0.01 0.05] [--time-limit 60]
                                        [--shape heavy uniform]

For each shape, size and noise it plants two camps, flips a ``noise`` share of the
signs, and runs, under the time limit, the plain programme on the whole graph
(``exact_bipartition``) and the reduced one (``exact_frustration``: leaves and series
ties merged, blocks solved apart). Shapes: ``heavy`` — sparse with heavy-tailed degrees
like real signed networks (Chung–Lu, degree exponent 2.5, ~3 ties per actor on average,
most actors with one or two); ``uniform`` — every pair equally likely, ~10 ties per
actor (the hard case: no leaves, one block). Prints wall and CPU seconds, whether
optimality was proved, the frustration, the lower bound, the gap, and the heuristic's
frustration beside them.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np

from graph.analysis.balance import (
    SignedArrays,
    exact_bipartition,
    heuristic_bipartition,
)
from graph.analysis.frustration import exact_frustration


def heavy(m: int, noise: float, seed: int) -> SignedArrays:
    """Chung–Lu: endpoints drawn with probability ∝ k^(−1/(γ−1)), γ = 2.5; camps by parity; noise flips signs."""
    rng = np.random.default_rng(seed)
    n = max(10, m // 3 * 2)
    p = np.arange(1, n + 1, dtype=float) ** (-1 / 1.5)
    p /= p.sum()
    seen: set[tuple[int, int]] = set()
    rows = []
    while len(rows) < m:
        for u, v in rng.choice(n, size=(m, 2), p=p).tolist():
            key = (min(u, v), max(u, v))
            if u == v or key in seen or len(rows) >= m:
                continue
            seen.add(key)
            s = 1 if u % 2 == v % 2 else -1
            rows.append((u, v, -s if rng.random() < noise else s))
    a = np.array(rows)
    return SignedArrays(n, a[:, 0], a[:, 1], a[:, 2].astype(np.int8), np.ones(m))


def planted(m: int, noise: float, seed: int) -> SignedArrays:
    rng = random.Random(seed)
    n = max(10, m // 5)
    seen, rows = set(), []
    while len(rows) < m:
        u, v = rng.sample(range(n), 2)
        key = (min(u, v), max(u, v))
        if key in seen:
            continue
        seen.add(key)
        s = 1 if u % 2 == v % 2 else -1
        rows.append((u, v, -s if rng.random() < noise else s))
    a = np.array(rows)
    return SignedArrays(n, a[:, 0], a[:, 1], a[:, 2].astype(np.int8), np.ones(m))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--edges", type=int, nargs="+", default=[2000, 5000, 15000])
    p.add_argument("--noise", type=float, nargs="+", default=[0.01, 0.05])
    p.add_argument("--time-limit", type=float, default=60.0)
    p.add_argument("--shape", nargs="+", default=["heavy", "uniform"], choices=["heavy", "uniform"])
    p.add_argument("--solver", nargs="+", default=["reduced", "plain"], choices=["reduced", "plain"])
    args = p.parse_args(argv)
    print("| shape | ties | noise | solver | wall s | CPU s | proved optimal | frustration | lower bound | gap | "
          "heuristic |")
    print("|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|")
    for shape in args.shape:
        for m in args.edges:
            for noise in args.noise:
                g = (heavy if shape == "heavy" else planted)(m, noise, seed=1)
                h = heuristic_bipartition(g, bound=False)
                for solver in args.solver:
                    w, c = time.perf_counter(), time.process_time()
                    e = (exact_frustration if solver == "reduced" else exact_bipartition)(g, time_limit=args.time_limit)
                    wall, cpu = time.perf_counter() - w, time.process_time() - c
                    gap = (e.frustration - e.lower_bound) / e.frustration if e.frustration else 0.0
                    print(f"| {shape} | {m:,} | {noise:.0%} | {solver} | {wall:.1f} | {cpu:.1f} | "
                          f"{'yes' if e.exact else 'no'} | {e.frustration:,.0f} | {e.lower_bound:,.1f} | {gap:.1%} | "
                          f"{h.frustration:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
