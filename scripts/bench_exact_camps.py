#!/usr/bin/env python3
"""How far the exact two-camp solver (binary programming, HiGHS through SciPy's milp) goes.

    python scripts/bench_exact_camps.py [--edges 2000 5000 15000] [--noise 0.01 0.05] [--time-limit 60]

For each size and noise it plants two camps (actors = edges / 5, so about ten ties
per actor), flips a ``noise`` share of the signs, and runs the exact solver with the
time limit. Prints the wall and CPU seconds, whether HiGHS proved optimality, the
frustration it found, its lower bound, and the heuristic's frustration beside it.
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

import numpy as np  # noqa: E402

from graph.analysis.balance import SignedArrays, exact_bipartition, heuristic_bipartition  # noqa: E402


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
    args = p.parse_args(argv)
    print("| ties | noise | wall s | CPU s | proved optimal | frustration | lower bound | heuristic |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|")
    for m in args.edges:
        for noise in args.noise:
            g = planted(m, noise, seed=1)
            w, c = time.perf_counter(), time.process_time()
            e = exact_bipartition(g, time_limit=args.time_limit)
            wall, cpu = time.perf_counter() - w, time.process_time() - c
            h = heuristic_bipartition(g, bound=False)
            print(f"| {m:,} | {noise:.0%} | {wall:.1f} | {cpu:.1f} | {'yes' if e.exact else 'no'} | "
                  f"{e.frustration:,.0f} | {e.lower_bound:,.1f} | {h.frustration:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
