"""Peak memory and time of ``validate`` on a large synthetic store: the streaming validation
(graph/store/validate.py, batches of document graphs) against the whole store loaded into one
rdflib graph (how it was done before: the Turtle export parsed, then pySHACL), each in a process
of its own; the two reports must be the same.

    python scripts/bench_validate.py --docs 3000 --statements 20

Prints, for each way: wall seconds, CPU seconds, peak resident memory (MB), triples, violations.
The store comes from scripts/bench_store.py's generator (random actors and relations, so the
relation shapes have violations to report).
"""
from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def whole(store):
    """The way before: the store's Turtle export parsed into one rdflib graph, validated at once."""
    from rdflib import Graph

    from graph.store.validate import validate_graph

    buf = io.BytesIO()
    store.export(buf, "turtle")
    g = Graph()
    g.parse(data=buf.getvalue(), format="turtle")
    return validate_graph(g)


def worker(path: str, way: str) -> None:
    from graph.store.oxigraph import OxigraphStore
    from graph.store.validate import validate

    t0, c0 = time.monotonic(), time.process_time()
    with OxigraphStore(path, read_only=True) as st:
        report = whole(st) if way == "whole" else validate(st)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"way": way, "wall": time.monotonic() - t0, "cpu": time.process_time() - c0, "peak_mb": peak,
                      "triples": report.triples, "violations": len(report.violations),
                      "report": report.as_dict()}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--statements", type=int, default=20)
    ap.add_argument("--actors", type=int, default=5000)
    ap.add_argument("--store", type=Path, help="an existing store to validate (else one is generated)")
    ap.add_argument("--ways", default="stream,whole")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            from bench_store import make_actors, make_corpus

            from graph.store.oxigraph import OxigraphStore

            rng = random.Random(7)
            store = Path(tmp) / "store"
            t0 = time.monotonic()
            with OxigraphStore(store) as st:
                st.put_documents_bulk(make_corpus(0, args.docs, args.statements, make_actors(args.actors, rng), rng))
            print(f"store of {args.docs} documents x {args.statements} statements built in "
                  f"{time.monotonic() - t0:.0f} s", flush=True)
        reports = {}
        for way in args.ways.split(","):
            out = subprocess.run([sys.executable, __file__, "--worker", str(store), way], capture_output=True,
                                 text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            reports[way] = r.pop("report")
            print(f"{way:7s} wall {r['wall']:7.1f} s  cpu {r['cpu']:7.1f} s  peak {r['peak_mb']:7.0f} MB  "
                  f"triples {r['triples']:,}  violations {r['violations']:,}", flush=True)
        if len(reports) == 2:
            a, b = reports.values()
            print("same report" if a == b else "REPORTS DIFFER")
            return 0 if a == b else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
