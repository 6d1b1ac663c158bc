#!/usr/bin/env python3
"""Save the observable outputs of actorgraph, and compare two saved sets byte for byte.

A refactor that claims "no behaviour change" proves it with this script: save
the outputs before the change, save them again after, compare.

    python scripts/outputs.py save before/          # on the old code
    python scripts/outputs.py save after/           # on the new code
    python scripts/outputs.py compare before/ after/

What is saved, for each corpus (the seeds and the development set from
../shared when present, and examples/corpus):

- ``extract-<corpus>.jsonl``: ``actorgraph extract --format jsonl``;
- ``nquads-<corpus>.nq``: the sorted N-Quads export after ``actorgraph ingest``
  into a fresh store, without the ingest log (:mod:`graph.rdf.ingest_log`: when
  the ingest ran);
- ``analyze-<corpus>.json``: ``actorgraph analyze --json``;
- ``render-<corpus>.html``: ``actorgraph render``.

The commands run as ``python -m graph`` with this interpreter, so the code
under test is whatever ``graph`` that interpreter imports.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: The ingest log's graph (graph.rdf.ingest_log.INGEST_LOG_GRAPH): when an ingest ran, left out of the outputs.
INGEST_LOG = "<https://w3id.org/actorgraph/graph/ingest-log> ."


def corpora() -> dict[str, Path]:
    found = {"examples": ROOT / "examples" / "corpus"}
    if (SHARED / "corpus" / "seeds").is_dir():
        found["seeds"] = SHARED / "corpus" / "seeds"
    if (SHARED / "eval" / "dev" / "docs").is_dir():
        found["dev"] = SHARED / "eval" / "dev" / "docs"
    return found


def actorgraph(*args: str, store: Path | None = None) -> bytes:
    cmd = [sys.executable, "-m", "graph"]
    if store is not None:
        cmd += ["--store", str(store)]
    cmd += list(args)
    # A fixed hash seed: set iteration order otherwise changes the last digit of summed floats.
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)
    if done.returncode not in (0, 1):
        sys.exit(f"outputs.py: {' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return done.stdout


def save(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, path in corpora().items():
        print(f"saving {name} ({path})", file=sys.stderr)
        (out / f"extract-{name}.jsonl").write_bytes(actorgraph("extract", str(path), "--format", "jsonl"))
        with tempfile.TemporaryDirectory() as tmp:
            store = Path(tmp) / "store"
            actorgraph("ingest", str(path), store=store)
            nq = actorgraph("export", "--format", "nquads", store=store)
            lines = [ln for ln in nq.decode("utf-8").splitlines(keepends=True) if not ln.rstrip().endswith(INGEST_LOG)]
            (out / f"nquads-{name}.nq").write_bytes("".join(sorted(lines)).encode("utf-8"))
            (out / f"analyze-{name}.json").write_bytes(actorgraph("analyze", "--json", store=store))
            html = Path(tmp) / "graph.html"
            actorgraph("render", "-o", str(html), store=store)
            (out / f"render-{name}.html").write_bytes(html.read_bytes() if html.exists() else b"")


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differ = 0
    for name in names:
        pa, pb = a / name, b / name
        if not (pa.exists() and pb.exists()):
            print(f"MISSING  {name}")
            differ += 1
        elif filecmp.cmp(pa, pb, shallow=False):
            print(f"same     {name} ({pa.stat().st_size} bytes)")
        else:
            print(f"DIFFERS  {name}")
            differ += 1
    print(f"{len(names) - differ} of {len(names)} outputs byte-identical")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("save").add_argument("dir", type=Path)
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("a", type=Path)
    cmp_.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.cmd == "save":
        save(args.dir)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
