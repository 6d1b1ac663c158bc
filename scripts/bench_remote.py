"""Load throughput of the remote store: one request per document against the bulk path.

    .venv/bin/python scripts/bench_remote.py [--documents 300] [--statements 20]

Synthetic documents (knowledge-base actors, our own filler sentences, no NLP) are
written into a fresh embedded store, then into an Oxigraph server and a Virtuoso
server started on 127.0.0.1 (skipped when not installed), once document by
document (``put_document``: one graph store PUT each) and once through
``put_documents`` (N-Quads POST per batch on Oxigraph, a PUT per graph on
Virtuoso). Prints triples/s in wall and CPU time of this process.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from graph.kb.knowledge_base import load_knowledge_base  # noqa: E402
from graph.model import Document, Evidence, Statement  # noqa: E402
from graph.rdf.statements import document_triple_set  # noqa: E402
from graph.store.oxigraph import OxigraphStore  # noqa: E402
from graph.store.remote import PASSWORD_ENV, USER_ENV, RemoteStore  # noqa: E402
from graph.vocab import relations  # noqa: E402
from store.servers import start_oxigraph, start_virtuoso  # noqa: E402


def documents(n: int, per_doc: int, seed: int = 7):
    rng = random.Random(seed)
    actors = sorted(load_knowledge_base().actors.values(), key=lambda a: a.iri)
    rels = sorted(relations())
    out = []
    for i in range(n):
        sentences = [f"Synthetic sentence {j} of document {i}." for j in range(per_doc)]
        text = " ".join(sentences)
        doc = Document(id=f"bench-{i}", text=text, title=f"Bench {i}", date="2024-01-01", source=f"bench/{i}")
        sts, pos = [], 0
        for s in sentences:
            a, b = rng.sample(actors, 2)
            sts.append(Statement(a, rng.choice(rels), b, doc.id, doc.iri, Evidence(s, pos, pos + len(s)),
                                 confidence=0.5))
            pos += len(s) + 1
        out.append((doc, sts))
    return out


def timed(label: str, triples: int, fn) -> None:
    w, c = time.perf_counter(), time.process_time()
    fn()
    w, c = time.perf_counter() - w, time.process_time() - c
    print(f"{label:<44} {triples:>8} triples  {w:7.2f} s wall ({triples / w:>8.0f}/s)  {c:6.2f} s CPU here")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=300)
    ap.add_argument("--statements", type=int, default=20)
    args = ap.parse_args()
    docs = documents(args.documents, args.statements)
    triples = sum(len(document_triple_set(d, s)) for d, s in docs)
    tmp = Path(tempfile.mkdtemp(prefix="bench-remote-"))
    with OxigraphStore(tmp / "embedded") as st:
        timed("embedded, put_document each", triples, lambda: [st.put_document(d, s) for d, s in docs])
    engines = [("oxigraph", lambda p: start_oxigraph(p), lambda srv: (srv.base, {}))]
    engines.append(("virtuoso", lambda p: start_virtuoso(p),
                    lambda srv: (srv.base + "/sparql", {USER_ENV: srv.user, PASSWORD_ENV: srv.password})))
    for name, start, where in engines:
        for mode in ("put_document each", "put_documents (bulk)"):
            try:
                srv = start(tmp / f"{name}-{mode.split()[0]}")
            except FileNotFoundError as exc:
                print(f"{name}: skipped ({exc})")
                break
            with srv:
                url, env = where(srv)
                os.environ.update(env)
                with RemoteStore(url) as st:
                    if mode.startswith("put_document "):
                        timed(f"{name}, {mode}", triples, lambda: [st.put_document(d, s) for d, s in docs])
                    else:
                        timed(f"{name}, {mode}", triples, lambda: st.put_documents(docs))
                    assert st.stats()["documents"] == len(docs)


if __name__ == "__main__":
    main()
