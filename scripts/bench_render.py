#!/usr/bin/env python3
"""Benchmark `actorgraph render` on synthetic stores of 500, 2,000 and 5,000 actors (with camps).

    .venv/bin/python scripts/bench_render.py                      # 500, 2000, 5000 actors
    .venv/bin/python scripts/bench_render.py --sizes 500 --repeat 10 --no-browser

For each size it writes a store of synthetic documents (camps of ~50 actors: alliance
and structural ties inside a camp, hostility between camps, dated statements), then
prints:

- ``render``: `actorgraph render` end to end as a user runs it (process start, store
  open, network build, camps, layout, HTML), wall and CPU seconds, peak memory (RSS);
- the same steps one by one in a separate process, through the render's own code
  (``build`` = store open and the network with the curated facts, ``camps`` = the page's
  camps, ``html`` = the rest: drawn network, aliases, model, layout, page), so that the
  page's own cost is visible apart from the network build;
- the file size, and the time until the page is interactive in headless Chromium
  (from navigation to the first drawn frame with every handler attached), measured by
  the page itself (``performance.now()``) and by the driver.

``--repeat K`` puts every statement in K documents (same actors, K× the documents per
actor): the network build should grow at most K-fold. Stores are flushed after writing,
as an ingest leaves them (an unflushed store replays its write-ahead log on every
read-only open: 12 CPU s at 5,000 actors). ``--keep DIR`` keeps and reuses them.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
#: `actorgraph` as its console script runs it, with this interpreter (and its PYTHONPATH).
ACTORGRAPH = [PYTHON, "-c", "import sys; from graph.cli import main; sys.argv[0] = 'actorgraph'; sys.exit(main())"]
CAMP_SIZE = 50
PER_DOC = 20


def make_store(path: Path, n: int, repeat: int, seed: int = 7) -> dict:
    """A store with ``n`` actors in camps of :data:`CAMP_SIZE`, about 3 statements per actor."""
    from graph.model import Actor, Document, Evidence, Statement
    from graph.store.oxigraph import Store
    from graph.vocab import ACTOR, ACTOR_CLASSES, relations

    rng = random.Random(seed)
    by_kind: dict[str, list[str]] = {}
    for r in relations().values():
        by_kind.setdefault(r.kind, []).append(r.name)
    actors = [Actor(str(ACTOR[f"Bench{i}"]), f"Actor {i} of camp {i // CAMP_SIZE}", rng.choice(ACTOR_CLASSES),
                    (f"Actor {i} of camp {i // CAMP_SIZE}",), False) for i in range(n)]
    camps = max(1, n // CAMP_SIZE)
    plan = []
    for _ in range(3 * n):
        s = rng.randrange(n)
        if rng.random() < 0.75:
            base = (s // CAMP_SIZE) * CAMP_SIZE
            o = base + min(int(rng.paretovariate(1.2)) - 1, CAMP_SIZE - 1) % max(1, min(CAMP_SIZE, n - base))
            kind = rng.choices(["alliance", "structural", "neutral"], [70, 20, 10])[0]
        else:
            o = min(n - 1, rng.randrange(camps) * CAMP_SIZE + min(int(rng.paretovariate(1.2)) - 1, CAMP_SIZE - 1))
            kind = rng.choices(["hostility", "neutral"], [85, 15])[0]
        if s != o:
            plan.append((actors[s], rng.choice(by_kind[kind]), actors[o]))
    docs = 0
    with Store(path) as store:
        for copy in range(repeat):
            for d in range(0, len(plan), PER_DOC):
                chunk = plan[d:d + PER_DOC]
                # each copy its own text: the same text under another name is the same document
                sentences = [f"{s.label} and {o.label} appear in synthetic sentence {d}-{i}"
                             f"{f' (copy {copy})' if copy else ''}." for i, (s, _, o) in enumerate(chunk)]
                date = f"20{18 + (d // PER_DOC) % 6}-{1 + d % 12:02d}-{1 + d % 28:02d}"
                doc = Document(id=f"bench-{copy}-{d:07d}.txt", text=" ".join(sentences), title=f"Bench report {d}",
                               date=date, source=f"bench/{copy}/{d}.txt", url=f"https://bench.example/{copy}/{d}")
                statements, pos = [], 0
                for sentence, (s, rel, o) in zip(sentences, chunk):
                    statements.append(Statement(s, rel, o, doc.id, doc.iri, Evidence(sentence, pos, pos + len(sentence)),
                                                confidence=0.8, negated=False, date=date, extractor="bench",
                                                extractor_version="1"))
                    pos += len(sentence) + 1
                store.put_document(doc, statements)
                docs += 1
        store.flush()     # as an ingest leaves it: a read-only open then has no write-ahead log to replay
    return {"statements": len(plan) * repeat, "documents": docs}


def run_measured(argv: list[str]) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MB, stdout) of a child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed: {err.strip()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def child(store: str, out: str) -> None:
    """The render steps one by one (run in its own process by the parent), through the code
    `actorgraph render` runs: ``build`` = store open + :func:`build_network` with the curated
    facts; ``camps`` = :func:`graph.pipeline._network.page_camps` (timed from inside the render);
    ``html`` = the rest of the render (the drawn network, aliases, model, layout, page).

    ``store`` is a store directory, or a pickled network (``*.pickle``): then the
    process does only what follows the network build, so its peak memory is the
    page's own.
    """
    import pickle

    import graph.pipeline._network as net
    from graph import pipeline
    from graph.network.build import build_network
    from graph.network.signed import filter_network

    marks = {}
    t, c = time.perf_counter(), time.process_time()
    if store.endswith(".pickle"):
        with open(store, "rb") as fh:
            G = pickle.load(fh)
    else:
        with pipeline.open_store(store, read_only=True) as s:
            G = build_network(s, include_curated=True)
        with open(out + ".pickle", "wb") as fh:
            pickle.dump(G, fh)
    marks["build"] = (time.perf_counter() - t, time.process_time() - c)
    page_camps = net.page_camps

    def timed_camps(H):
        t, c = time.perf_counter(), time.process_time()
        found = page_camps(H)
        marks["camps"] = (time.perf_counter() - t, time.process_time() - c)
        return found

    net.page_camps = timed_camps
    t, c = time.perf_counter(), time.process_time()
    net._render_network(G, filter_network(G), out)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    marks["html"] = (wall - marks["camps"][0], cpu - marks["camps"][1])
    marks["graph"] = (G.number_of_nodes(), G.number_of_edges())
    print(json.dumps(marks))


def interactive(html: Path, width: int = 1400, height: int = 900) -> tuple[float, float, dict]:
    """(page's own ms to ready, driver's s to ready, counts) in headless Chromium."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import screenshot

    reason = screenshot.browser_available()
    if reason:
        raise RuntimeError(reason)
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    driver = screenshot.chrome_driver(profile, width=width, height=height)
    try:
        driver.set_page_load_timeout(120)
        t0 = time.perf_counter()
        driver.get(html.resolve().as_uri())
        if not screenshot.wait_ready(driver, 120):
            raise RuntimeError(f"{html} was not ready within 120 s")
        seen = time.perf_counter() - t0
        own = driver.execute_script("return window.actorgraph.readyAt")
        counts = driver.execute_script("return window.actorgraph.counts()")
        t1 = time.perf_counter()      # one interaction: search and centre an actor
        driver.execute_script("window.actorgraph.search('Actor 7 of camp 0')")
        counts["search_ms"] = round((time.perf_counter() - t1) * 1000)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return own, seen, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    ap.add_argument("--repeat", type=int, default=1, help="documents per statement (default 1)")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep stores and pages in this folder (and reuse stores found there)")
    ap.add_argument("--child", nargs=2, metavar=("STORE", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--make", nargs=2, metavar=("STORE", "ACTORS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.make:
        print(json.dumps(make_store(Path(args.make[0]), int(args.make[1]), args.repeat)))
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-render-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            store = work / f"store-{n}-x{args.repeat}"
            if store.exists() and args.keep is not None:
                print(f"\n== {n:,} actors: reusing {store}")
            else:
                t = time.perf_counter()
                # in a process of its own: a child's peak memory counts its parent's at the fork
                made = json.loads(subprocess.run([PYTHON, __file__, "--make", str(store), str(n), "--repeat",
                                                  str(args.repeat)], check=True, capture_output=True,
                                                 text=True).stdout)
                print(f"\n== {n:,} actors: {made['statements']:,} statements in {made['documents']:,} documents "
                      f"(store written in {time.perf_counter() - t:.1f} s)")
            html = work / f"render-{n}.html"
            wall, cpu, rss, _ = run_measured(ACTORGRAPH + ["--store", str(store), "render", "-o", str(html)])
            print(f"actorgraph render, end to end: {wall:6.2f} s wall, {cpu:6.2f} s CPU, peak {rss:,.0f} MB; "
                  f"page {html.stat().st_size / 1e6:.1f} MB")
            _, _, rss2, out = run_measured([str(PYTHON), __file__, "--child", str(store), str(work / "steps.html")])
            marks = json.loads(out)
            steps = ", ".join(f"{k} {marks[k][0]:.2f} s ({marks[k][1]:.2f} CPU)" for k in ("build", "camps", "html"))
            print(f"steps: {steps}; graph {marks['graph'][0]:,} actors / {marks['graph'][1]:,} relations; "
                  f"peak {rss2:,.0f} MB")
            wall3, cpu3, rss3, out = run_measured([str(PYTHON), __file__, "--child", str(work / "steps.html.pickle"),
                                                   str(work / "steps.html")])
            marks = json.loads(out)
            print(f"after the build (network unpickled, then camps + page): {wall3:.2f} s wall, {cpu3:.2f} s CPU "
                  f"for the process, page step {marks['html'][0]:.2f} s ({marks['html'][1]:.2f} CPU), "
                  f"peak {rss3:,.0f} MB")
            if not args.no_browser:
                own, seen, counts = interactive(html)
                print(f"interactive in Chromium: {own / 1000:.2f} s (page's own clock), {seen:.2f} s seen by the driver; "
                      f"first view {counts['nodes']:,} actors / {counts['edges']:,} relations; "
                      f"search and centre {counts['search_ms']} ms")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
