#!/usr/bin/env python3
"""How much a bare command costs: ``actorgraph --help`` against ``python -c pass``.

Prints the median CPU-seconds (user + system, children) and peak memory of each
over N runs, and the heavy libraries that ``--help`` imports (there should be
none: every command imports what it needs when it runs).

    python scripts/bench_startup.py [--runs 15]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys

HEAVY = ("spacy", "rdflib", "pyoxigraph", "networkx", "numpy", "scipy", "pyvis", "IPython", "igraph",
         "matplotlib", "trafilatura", "pyshacl")


def cpu_of(cmd: list[str]) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, after.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "actorgraph --help": [sys.executable, "-m", "graph", "--help"],
    }
    for name, cmd in cases.items():
        cpus = [cpu_of(cmd)[0] for _ in range(args.runs)]
        print(f"{name:20s} median {statistics.median(cpus):.3f} CPU-s  "
              f"(min {min(cpus):.3f}, max {max(cpus):.3f}, {args.runs} runs)")
    probe = ("import sys, runpy; sys.argv=['actorgraph','--help']\n"
             "try:\n    runpy.run_module('graph', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    heavy = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    print(f"heavy libraries imported by --help: {heavy or 'none'}")
    return 1 if heavy else 0


if __name__ == "__main__":
    sys.exit(main())
