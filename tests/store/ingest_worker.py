"""A real ``pipeline.ingest`` of generated .txt files with a rule-free extractor (no spaCy):
run as a subprocess by the crash tests, which kill it at random moments.

    python tests/store/ingest_worker.py make DIR N      # write N small documents into DIR
    python tests/store/ingest_worker.py ingest DIR STORE
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import HOUTHIS, IRAN, IRGC, KH, ODD, US  # noqa: E402

from graph.model import Evidence, Statement  # noqa: E402

POOL = {"IRAN": IRAN, "IRGC": IRGC, "KH": KH, "US": US, "HOUTHIS": HOUTHIS, "ODD": ODD}
RELATIONS = ("backedBy", "attacks", "alliedWith", "partOf", "condemns", "threatens")


class LineExtractor:
    """Each line 'S REL O.' of a document is one statement (a line starting 'not' is negated)."""

    def extract_many(self, docs):
        for doc in docs:
            out, pos = [], 0
            for line in doc.text.split("\n"):
                words = line.rstrip(".").split()
                neg = words[:1] == ["not"]
                words = words[1:] if neg else words
                if len(words) == 3 and words[0] in POOL and words[2] in POOL:
                    out.append(Statement(POOL[words[0]], words[1], POOL[words[2]], doc.id, doc.iri,
                                         Evidence(line, pos, pos + len(line)), confidence=0.7, negated=neg,
                                         date=doc.date, extractor="lines", extractor_version="1"))
                pos += len(line) + 1
            yield doc, out


def make(folder: Path, n: int) -> None:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    names = list(POOL)
    for i in range(n):
        lines = [f"Title: Generated report {i}", f"Date: 20{10 + i % 15}-0{1 + i % 9}-1{i % 9}", ""]
        for _ in range(rng.randint(2, 6)):
            s, o = rng.sample(names, 2)
            lines.append(f"{'not ' if rng.random() < 0.1 else ''}{s} {rng.choice(RELATIONS)} {o}.")
        (folder / f"{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        from graph import pipeline

        report = pipeline.ingest([sys.argv[2]], sys.argv[3], extractor=LineExtractor())
        print(report.documents, report.statements)
