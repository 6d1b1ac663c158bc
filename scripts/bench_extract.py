#!/usr/bin/env python3
"""Extraction throughput next to bare spaCy parsing of the same texts.

    python scripts/bench_extract.py [--docs 500] [--corpus DIR]

Repeats the corpus (default: ../shared/corpus/seeds, else examples/corpus) to
``--docs`` documents, then in one run times (1) bare ``en_core_web_sm`` parsing
with ``nlp.pipe`` and (2) the full extractor (the same parse plus mention
finding, resolution and the relation rules), and prints words per second and
the ratio.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    ap.add_argument("--corpus", type=Path, default=seeds if seeds.is_dir() else ROOT / "examples" / "corpus")
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()

    import spacy

    from graph.io.documents import read_documents
    from graph.extract.extractor import Extractor
    from graph.model import Document
    from graph.nlp.pipeline import MODEL_NAMES

    base = [d for d in read_documents([args.corpus]) if isinstance(d, Document)]
    docs = [Document(id=f"{i}-{d.id}", text=d.text, title=d.title, date=d.date)
            for i, d in ((i, base[i % len(base)]) for i in range(args.docs))]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(docs)} documents, {words:,} words (corpus {args.corpus})")

    bare = None
    for name in MODEL_NAMES:
        try:
            bare = spacy.load(name)
            break
        except OSError:
            continue
    ex = Extractor()
    # warm both (vocabulary, caches) on a few texts
    list(bare.pipe(texts[:10], batch_size=args.batch_size))
    list(ex.extract_many(docs[:10]))

    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    t_bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    statements = sum(len(sts) for _, sts in ex.extract_many(docs))
    t_ex = time.perf_counter() - t0

    print(f"bare spaCy parse     {t_bare:7.1f} s  {words / t_bare:9,.0f} words/s")
    print(f"actorgraph extract   {t_ex:7.1f} s  {words / t_ex:9,.0f} words/s  ({statements:,} statements)")
    print(f"throughput ratio     {t_bare / t_ex:.2f} (extractor / bare parsing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
