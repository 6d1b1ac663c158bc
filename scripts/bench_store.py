#!/usr/bin/env python3
"""Benchmark the actorgraph store on synthetic documents (a benchmark, not a test).

Synthesises N documents × M statements over a pool of actors, then times:
``put_document`` throughput, re-putting unchanged documents, a GROUP BY
statistics query, a ``backedBy+`` path query, ``Store.stats()`` and the Turtle
export.

    .venv/bin/python scripts/bench_store.py                 # 2,000 × 20
    .venv/bin/python scripts/bench_store.py --docs 200 --statements 10 --store /tmp/bench-store
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rdflib import URIRef  # noqa: E402

from graph.model import Actor, Document, Evidence, Statement  # noqa: E402
from graph.rdf.statements import document_triple_set  # noqa: E402
from graph.store.oxigraph import Store  # noqa: E402
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


def make_corpus(n_docs: int, n_statements: int, actors: list[Actor],
                rng: random.Random) -> list[tuple[Document, list[Statement]]]:
    rels = list(relations())
    corpus = []
    for d in range(n_docs):
        sentences, plan = [], []
        for _ in range(n_statements):
            s, o = rng.sample(actors, 2)
            # a quarter of the statements are backedBy, so the path query has work to do
            rel = "backedBy" if rng.random() < 0.25 else rng.choice(rels)
            sentences.append(f"{s.label} and {o.label} were reported in synthetic sentence "
                             f"{d}-{len(sentences)}.")
            plan.append((s, rel, o))
        text = " ".join(sentences)
        doc = Document(id=f"synthetic-{d:06d}.txt", text=text, title=f"Synthetic report {d}",
                       date=f"20{10 + d % 15:02d}-{1 + d % 12:02d}-{1 + d % 28:02d}",
                       source=f"synthetic/{d:06d}.txt")
        statements, pos = [], 0
        for sentence, (s, rel, o) in zip(sentences, plan):
            statements.append(Statement(
                s, rel, o, doc.id, doc.iri, Evidence(sentence, pos, pos + len(sentence)),
                confidence=round(rng.uniform(0.3, 1.0), 3), negated=rng.random() < 0.05,
                date=doc.date, extractor="bench", extractor_version="1"))
            pos += len(sentence) + 1
        corpus.append((doc, statements))
    return corpus


def timed(label: str, fn, *, unit_count: float | None = None, unit: str = ""):
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    rate = f"  ({unit_count / dt:,.0f} {unit}/s)" if unit_count else ""
    print(f"{label:<42} {dt * 1000:>10,.1f} ms{rate}")
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="number of documents (default 2000)")
    ap.add_argument("--statements", type=int, default=20, help="statements per document (default 20)")
    ap.add_argument("--actors", type=int, default=1000, help="size of the actor pool (default 1000)")
    ap.add_argument("--store", type=Path, help="store directory (default: a temporary one, removed)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    tmp = None
    path = args.store
    if path is None:
        tmp = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
        path = tmp / "store"
    try:
        rng = random.Random(args.seed)
        corpus = make_corpus(args.docs, args.statements, make_actors(args.actors, rng), rng)
        n_triples = sum(len(document_triple_set(d, s)) for d, s in corpus)
        print(f"{args.docs:,} documents × {args.statements} statements = "
              f"{args.docs * args.statements:,} statements, {n_triples:,} triples; store {path}")

        with Store(path) as store:
            def put_all() -> int:
                return sum(store.put_document(d, s) for d, s in corpus)
            written = timed("put_document (new)", put_all, unit_count=n_triples, unit="triples")
            print(f"{'':<42} {written:,} documents written")
            timed("put_document (unchanged, 200 docs)",
                  lambda: [store.put_document(d, s) for d, s in corpus[:200]],
                  unit_count=min(200, len(corpus)), unit="docs")
            rel_rows = timed("GROUP BY relation (stats-relations.rq)",
                             lambda: list(store.query_file("stats-relations")))
            print(f"{'':<42} {len(rel_rows)} relations")
            paths = timed("backedBy+ path (all pairs, COUNT)", lambda: next(iter(store.query(
                "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE { ?a ag:backedBy+ ?b } }"))).n)
            print(f"{'':<42} {int(paths):,} (client, patron) pairs")
            start = corpus[0][1][0].subject.iri
            timed("backedBy+ path (from one actor)", lambda: list(store.query(
                "SELECT DISTINCT ?a ?b WHERE { ?a ag:backedBy+ ?b }", {"a": URIRef(start)})))
            timed("evidence(subject, backedBy)", lambda: store.evidence(start, "backedBy"))
            timed("actors(search='front')", lambda: store.actors("front"))
            stats = timed("stats()", store.stats)
            print(f"{'':<42} {stats['quads']:,} quads, {stats['direct']:,} direct triples, "
                  f"{stats['actors']:,} actors")
            out = (tmp or Path(tempfile.gettempdir())) / "bench-export.ttl"
            timed("export turtle", lambda: store.export(out, "turtle"),
                  unit_count=stats["quads"], unit="quads")
            print(f"{'':<42} {out.stat().st_size / 1e6:,.1f} MB")
            if tmp is None:
                out.unlink()
            timed("export nquads (in memory)", lambda: store.export(__import__("io").BytesIO(), "nquads"),
                  unit_count=stats["quads"], unit="quads")
        print(f"store on disk: {sum(f.stat().st_size for f in path.rglob('*') if f.is_file()) / 1e6:,.1f} MB")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
