#!/usr/bin/env python3
"""Benchmark the actorgraph store on synthetic documents (a benchmark, not a test).

Builds a store of at least 1 M triples in the statement model (documents ×
statements over a pool of actors), then prints:

* load throughput of the first, bulk ingest (``Store.put_documents``: N-Quads text
  streamed into pyoxigraph's ``bulk_load``, flush and compaction) and of transactional
  ``put_document`` for a further batch, in triples/s of the statement model;
* size on disk;
* p50 / p95 of every named query (``graph/store/queries/named``) over random
  bound values;
* the same named queries on rdflib's in-memory store holding the same triples,
  in the same run (a child process with a time budget: rdflib is slow).

Wall time and CPU time are both printed (the machine may be shared).

    .venv/bin/python scripts/bench_store.py                       # 3,000 × 20 ≈ 1.1 M triples
    .venv/bin/python scripts/bench_store.py --docs 300 --runs 5 --rdflib-budget 60
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.model import Actor, Document, Evidence, Statement  # noqa: E402
from graph.rdf.statements import document_triple_set  # noqa: E402
from graph.store.named import named_queries  # noqa: E402
from graph.vocab import ACTOR, ACTOR_CLASSES, ID, relations  # noqa: E402

WORDS = ("north east west south red blue green iron stone river valley hill free united "
         "popular national islamic front brigade council league movement guard").split()


def make_actors(n: int, rng: random.Random) -> list[Actor]:
    """A pool of actors; one in four is minted."""
    actors = []
    for i in range(n):
        label = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        minted = i % 4 == 3
        iri = str(ID[f"actor/synthetic-{i}"]) if minted else str(ACTOR[f"Synthetic{i}"])
        actors.append(Actor(iri, label, rng.choice(ACTOR_CLASSES), (label, label.upper()), minted))
    return actors


def make_corpus(first: int, n_docs: int, n_statements: int, actors: list[Actor],
                rng: random.Random) -> list[tuple[Document, list[Statement]]]:
    rels = list(relations())
    corpus = []
    for d in range(first, first + n_docs):
        sentences, plan = [], []
        for _ in range(n_statements):
            s, o = rng.sample(actors, 2)
            # a quarter of the statements are backedBy, so the path queries have work to do
            rel = "backedBy" if rng.random() < 0.25 else rng.choice(rels)
            sentences.append(f"{s.label} and {o.label} were reported in synthetic sentence "
                             f"{d}-{len(sentences)}.")
            plan.append((s, rel, o))
        text = " ".join(sentences)
        date = f"20{10 + d % 15:02d}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        doc = Document(id=f"synthetic-{d:06d}.txt", text=text, title=f"Synthetic report {d}",
                       date=date, source=f"synthetic/{d:06d}.txt", key=f"synthetic/{d:06d}.txt")
        statements, pos = [], 0
        for sentence, (s, rel, o) in zip(sentences, plan):
            statements.append(Statement(
                s, rel, o, doc.id, doc.iri, Evidence(sentence, pos, pos + len(sentence)),
                confidence=round(rng.uniform(0.3, 1.0), 3), negated=rng.random() < 0.05,
                date=date, extractor="bench", extractor_version="1"))
            pos += len(sentence) + 1
        corpus.append((doc, statements))
    return corpus


class Clock:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def values_for(query, rng: random.Random, actors: list[Actor]) -> dict[str, str]:
    out = {}
    for p in query.params:
        if p.type == "actor":
            out[p.name] = f"<{rng.choice(actors).iri}>"
        elif p.type == "type":
            out[p.name] = rng.choice(("ArmedGroup", "State", "Person", "Actor"))
        elif p.type == "relation":
            out[p.name] = rng.choice(list(relations()))
        elif p.type == "date":
            year = rng.randint(2010, 2024)
            out[p.name] = str(year) if p.name == "since" else str(min(2024, year + rng.randint(0, 1)))
    if {"since", "until"} <= set(out) and out["until"] < out["since"]:
        out["until"] = out["since"]
    return out


def percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s), s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def time_named(run, actors, runs: int, seed: int) -> dict[str, tuple[float, float, float]]:
    """{name: (p50 ms, p95 ms, mean rows)} of ``run(name, values)`` over random values."""
    out = {}
    for name, q in named_queries().items():
        rng = random.Random(seed)
        samples, rows = [], []
        for _ in range(runs):
            values = values_for(q, rng, actors)
            t0 = time.perf_counter()
            rows.append(run(name, values))
            samples.append((time.perf_counter() - t0) * 1000)
        p50, p95 = percentiles(samples)
        out[name] = (p50, p95, sum(rows) / len(rows))
    return out


def rdflib_worker(nquads: str, actors_json: str, runs: int, seed: int) -> None:
    """Child process: load the default graph + ontology into rdflib's Memory store, time the
    named queries, print one JSON line per query as it finishes."""
    from rdflib import Dataset, URIRef

    from graph.store.named import bind_values
    from graph.store.sparql import fill_values
    from graph.rdf.statements import PREFIXES

    actors = [Actor(a, a) for a in json.loads(Path(actors_json).read_text())]
    with Clock() as c:
        ds = Dataset()
        ds.parse(nquads, format="nquads")
    print(json.dumps({"load": c.wall, "cpu": c.cpu, "quads": len(ds)}), flush=True)
    for name, q in named_queries().items():
        rng = random.Random(seed)
        samples = []
        for _ in range(runs):
            b = bind_values(q, values_for(q, rng, actors))
            b.pop("limit", None)
            text = fill_values(q.text, b)          # the same text the store runs
            t0 = time.perf_counter()
            list(ds.query(text, initNs=PREFIXES))
            samples.append((time.perf_counter() - t0) * 1000)
        p50, p95 = percentiles(samples)
        print(json.dumps({"name": name, "p50": p50, "p95": p95}), flush=True)
    del URIRef


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000, help="documents of the first load (default 3000)")
    ap.add_argument("--more", type=int, default=200, help="documents then added one by one (default 200)")
    ap.add_argument("--statements", type=int, default=20, help="statements per document (default 20)")
    ap.add_argument("--actors", type=int, default=5000, help="size of the actor pool (default 5000)")
    ap.add_argument("--runs", type=int, default=30, help="runs of each named query (default 30)")
    ap.add_argument("--rdflib-budget", type=float, default=900,
                    help="seconds for the rdflib comparison, 0 to skip (default 900)")
    ap.add_argument("--store", type=Path, help="store directory (default: a temporary one, removed)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-queries", action="store_true",
                    help="measure loading only (no named queries, no rdflib comparison)")
    ap.add_argument("--rdflib-worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.rdflib_worker:
        rdflib_worker(args.rdflib_worker[0], args.rdflib_worker[1], max(3, args.runs // 10), args.seed)
        return 0

    from graph.store.oxigraph import OxigraphStore

    tmp = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    path = args.store or tmp / "store"
    try:
        rng = random.Random(args.seed)
        actors = make_actors(args.actors, rng)
        corpus = make_corpus(0, args.docs, args.statements, actors, rng)
        more = make_corpus(args.docs, args.more, args.statements, actors, rng)
        n_triples = sum(len(document_triple_set(d, s)) for d, s in corpus)
        n_more = sum(len(document_triple_set(d, s)) for d, s in more)
        print(f"{args.docs:,} documents × {args.statements} statements: {n_triples:,} triples in the "
              f"statement model (each also in the default graph); store {path}")
        with OxigraphStore(path) as store:
            with Clock() as c:
                written = store.put_documents(corpus)
            print(f"first load (bulk, with flush + compaction): {written:,} documents, "
                  f"{n_triples / c.wall:,.0f} triples/s wall ({c.wall:.1f} s), "
                  f"{n_triples / c.cpu:,.0f} triples/s per CPU-second ({c.cpu:.1f} CPU-s)")
            with Clock() as c:
                for d, s in more:
                    store.put_document(d, s)
                store.flush()
                store.optimize()
            print(f"then put_document one by one (a transaction each): {len(more):,} documents, "
                  f"{n_more / c.wall:,.0f} triples/s wall, {n_more / c.cpu:,.0f} per CPU-second")
            stats = store.stats()
            print(f"store: {stats['documents']:,} documents, {stats['statements']:,} statements, "
                  f"{stats['quads']:,} quads in document graphs, {stats['actors']:,} actors")
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            print(f"size on disk: {size / 1e6:,.1f} MB ({size / (n_triples + n_more):,.0f} bytes per triple)")

            if args.skip_queries:
                return 0
            used = sorted({a.iri for _, sts in corpus for st in sts for a in (st.subject, st.object)})
            pool = [Actor(a, a) for a in used]

            def run_ox(name, values):
                from graph.store.named import run_named

                return sum(1 for _ in run_named(store, name, values))

            with Clock() as c:
                ox_times = time_named(run_ox, pool, args.runs, args.seed)
            print(f"\nnamed queries, {args.runs} runs each with random values "
                  f"({c.wall:.1f} s wall, {c.cpu:.1f} CPU-s):")
            print(f"{'query':<16} {'oxigraph p50':>13} {'p95':>9} {'rows':>8}")
            for name, (p50, p95, rows) in ox_times.items():
                flag = "" if p50 <= 20 else "  > 20 ms"
                print(f"{name:<16} {p50:>11,.1f}ms {p95:>7,.1f}ms {rows:>8,.0f}{flag}", flush=True)
            nq = tmp / "bench.nq"
            if args.rdflib_budget > 0:
                with open(nq, "wb") as fh:     # the default graph and the ontology graph
                    for q in store._require_open().quads_for_pattern(None, None, None, None):
                        g = q.graph_name
                        if str(g) == "<https://w3id.org/actorgraph/graph/ontology>" or \
                                g == __import__("pyoxigraph").DefaultGraph():
                            fh.write(f"{q} .\n".encode())
        rd_times: dict = {}
        rd_load = None
        if args.rdflib_budget > 0:
            (tmp / "actors.json").write_text(json.dumps(used))
            proc = subprocess.Popen([sys.executable, __file__, "--rdflib-worker", str(nq), str(tmp / "actors.json"),
                                     "--runs", str(args.runs), "--seed", str(args.seed)],
                                    stdout=subprocess.PIPE, text=True)
            deadline = time.monotonic() + args.rdflib_budget
            import selectors

            sel = selectors.DefaultSelector()
            sel.register(proc.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline and proc.poll() is None:
                if sel.select(timeout=max(0.1, deadline - time.monotonic())):
                    line = proc.stdout.readline()
                    if not line:
                        break
                    rec = json.loads(line)
                    if "load" in rec:
                        rd_load = rec
                    else:
                        rd_times[rec["name"]] = rec
            if proc.poll() is None:
                proc.kill()
            for line in proc.stdout:
                rec = json.loads(line)
                if "name" in rec:
                    rd_times[rec["name"]] = rec
        print(f"\n{'query':<16} {'oxigraph p50':>13} {'rdflib p50':>11} {'p95':>10}")
        for name, (p50, p95, rows) in ox_times.items():
            rd = rd_times.get(name)
            rd_txt = f"{rd['p50']:>9,.1f}ms {rd['p95']:>8,.1f}ms" if rd else "  (not reached in the budget)"
            print(f"{name:<16} {p50:>11,.1f}ms   {rd_txt}")
        if rd_load:
            print(f"rdflib Memory store: loaded {rd_load['quads']:,} quads in {rd_load['load']:.1f} s "
                  f"({rd_load['quads'] / rd_load['load']:,.0f} quads/s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
