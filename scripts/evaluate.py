#!/usr/bin/env python3
"""Score the extractor on the seed gold with the maintainers' scorer.

    python scripts/evaluate.py [--shared ../shared] [--verbose]
    python scripts/evaluate.py --corpus examples/corpus --gold examples/eval/gold --actors examples/eval/actors.json

Extracts the corpus (default ``<shared>/corpus/seeds``), runs
``<shared>/eval/score.py`` on the output against the gold (default
``<shared>/eval/gold``), and prints the overall line, a table per relation and
per article, and (with --verbose) every miss and false positive.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--corpus", type=Path, help="articles to extract (default <shared>/corpus/seeds)")
    ap.add_argument("--gold", type=Path, help="gold folder (default <shared>/eval/gold)")
    ap.add_argument("--actors", type=Path, help="actors file (default <shared>/eval/actors.json)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    scorer = args.shared / "eval" / "score.py"
    seeds = args.corpus or args.shared / "corpus" / "seeds"
    gold = ["--gold", str(args.gold or args.shared / "eval" / "gold"),
            "--actors", str(args.actors or args.shared / "eval" / "actors.json")]
    if not scorer.exists() or not seeds.is_dir():
        print(f"evaluate: no {scorer} or no corpus folder {seeds}", file=sys.stderr)
        return 2

    from graph.pipeline import extract_jsonl

    buf = io.StringIO()
    report = extract_jsonl([seeds], buf)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        fh.write(buf.getvalue())
        pred = fh.name
    run = subprocess.run([sys.executable, str(scorer), *gold, "--pred", pred, "--json"], capture_output=True,
                         text=True, check=True)
    score = json.loads(run.stdout)
    print(f"{report.documents} documents, {report.statements} statements extracted")
    print(f"precision {score['precision']:.3f}  recall {score['recall']:.3f}  F1 {score['f1']:.3f}  "
          f"({score['true_positives']} right, {score['false_positives']} wrong, "
          f"{score['required_found']}/{score['required_total']} required found, "
          f"{score['denied_extracted']} denied relations extracted, "
          f"{len(score['fragmented_actors'])} fragmented actors, {len(score['conflated_iris'])} conflated IRIs)")
    print(f"\n{'relation':14} {'right':>6} {'wrong':>6} {'found':>6} {'missed':>7}")
    for rel, c in score["per_predicate"].items():
        print(f"{rel:14} {c.get('tp', 0):6} {c.get('fp', 0):6} {c.get('found', 0):6} {c.get('fn', 0):7}")
    print(f"\n{'article':28} {'found':>9} {'wrong':>6} {'denied':>7}")
    for doc, d in score["documents"].items():
        print(f"{doc:28} {d['found']:4}/{d['required']:<4} {len(d['false_positives']) + len(d['unresolved']):6} "
              f"{len(d['denied_extracted']):7}")
    if args.verbose:
        subprocess.run([sys.executable, str(scorer), *gold, "--pred", pred, "--verbose"], check=True)
    Path(pred).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
