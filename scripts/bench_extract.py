#!/usr/bin/env python3
"""Extraction throughput next to bare spaCy parsing of the same texts, interleaved.

    python scripts/bench_extract.py [--docs 200] [--chunk 20] [--corpus DIR]

Repeats the corpus (default ``../shared/corpus/seeds``; the script stops with
an error when the folder is missing, it never falls back to another corpus) to
``--docs`` documents, cuts them into chunks, and times bare ``en_core_web_sm``
parsing (A) and the full extractor (B: the same parse plus text preparation,
mention finding, resolution, discourse, the relation rules and the ontology
constraints) on each chunk in the order A B B A A B B A …, so that a shared
machine's load falls on both alike. Reports CPU time (this process) and wall
time for each side, the throughput ratio (bare time / extractor time, 1.0 =
as fast as parsing alone) overall and its spread (min, median, max over the
chunk pairs).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "seeds")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--chunk", type=int, default=20, help="documents per timed chunk")
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"bench_extract: corpus folder {args.corpus} does not exist (pass --corpus DIR)", file=sys.stderr)
        return 2

    import spacy

    from graph.extract.extractor import Extractor
    from graph.io.documents import read_documents
    from graph.model import Document
    from graph.nlp.pipeline import MODEL_NAMES

    base = [d for d in read_documents([args.corpus]) if isinstance(d, Document)]
    if not base:
        print(f"bench_extract: no readable documents in {args.corpus}", file=sys.stderr)
        return 2
    docs = [Document(id=f"{i}-{d.id}", text=d.text, title=d.title, date=d.date)
            for i, d in ((i, base[i % len(base)]) for i in range(args.docs))]
    words = sum(len(d.text.split()) for d in docs)
    chunks = [docs[i:i + args.chunk] for i in range(0, len(docs), args.chunk)]
    print(f"{len(docs)} documents, {words:,} words, {len(chunks)} chunks of {args.chunk} (corpus {args.corpus})")

    bare = None
    for name in MODEL_NAMES:
        try:
            bare = spacy.load(name)
            break
        except OSError:
            continue
    if bare is None:
        print("bench_extract: no spaCy English model installed", file=sys.stderr)
        return 2
    ex = Extractor()
    list(bare.pipe([d.text for d in docs[:5]], batch_size=args.batch_size))     # warm both
    list(ex.extract_many(docs[:5]))

    def run_bare(chunk) -> tuple[float, float]:
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in bare.pipe([d.text for d in chunk], batch_size=args.batch_size):
            pass
        return time.perf_counter() - w0, time.process_time() - c0

    statements = 0

    def run_extract(chunk) -> tuple[float, float]:
        nonlocal statements
        w0, c0 = time.perf_counter(), time.process_time()
        statements += sum(len(sts) for _, sts in ex.extract_many(chunk))
        return time.perf_counter() - w0, time.process_time() - c0

    a_wall = a_cpu = b_wall = b_cpu = 0.0
    ratios_cpu, ratios_wall = [], []
    for k, chunk in enumerate(chunks):
        order = (run_bare, run_extract) if k % 2 == 0 else (run_extract, run_bare)     # A B, B A, A B, …
        times = {}
        for fn in order:
            times[fn] = fn(chunk)
        (aw, ac), (bw, bc) = times[run_bare], times[run_extract]
        a_wall, a_cpu, b_wall, b_cpu = a_wall + aw, a_cpu + ac, b_wall + bw, b_cpu + bc
        ratios_cpu.append(ac / bc if bc else float("nan"))
        ratios_wall.append(aw / bw if bw else float("nan"))

    def spread(xs: list[float]) -> str:
        return f"min {min(xs):.2f}  median {statistics.median(xs):.2f}  max {max(xs):.2f}"

    print(f"bare spaCy parse     CPU {a_cpu:7.1f} s  wall {a_wall:7.1f} s  {words / a_cpu:9,.0f} words/CPU-s")
    print(f"actorgraph extract   CPU {b_cpu:7.1f} s  wall {b_wall:7.1f} s  {words / b_cpu:9,.0f} words/CPU-s "
          f"({statements:,} statements)")
    print(f"throughput ratio, CPU time   {a_cpu / b_cpu:.2f}   per chunk pair: {spread(ratios_cpu)}")
    print(f"throughput ratio, wall time  {a_wall / b_wall:.2f}   per chunk pair: {spread(ratios_wall)}")
    print("(ratio = bare parsing time / extraction time; 1.00 means extraction costs nothing beyond parsing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
