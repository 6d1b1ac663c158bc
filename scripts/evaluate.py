#!/usr/bin/env python3
"""Score the extractor with the maintainers' scorer on every gold set at once.

    python scripts/evaluate.py [--shared ../shared] [--verbose] [--set seeds --set dev ...]
    python scripts/evaluate.py --corpus examples/corpus --gold examples/eval/gold --actors examples/eval/actors.json

By default three sets are extracted and scored side by side: the seed
articles (``<shared>/corpus/seeds`` against ``<shared>/eval/gold``), the
development set (``<shared>/eval/dev``) and the sample corpus
(``examples/corpus`` against ``examples/eval``); a set whose files are absent
is reported as such and skipped. ``--corpus/--gold/--actors`` score one set of
your own instead. Prints the overall line per set, a table per relation with
the sets side by side, the articles, the candidates dropped by each ontology
constraint (domain, range, class restriction), and with ``--verbose`` every
miss and false positive.
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


def gold_sets(shared: Path) -> dict[str, tuple[Path, Path, Path]]:
    """name → (corpus folder, gold folder, actors file)."""
    return {
        "seeds": (shared / "corpus" / "seeds", shared / "eval" / "gold", shared / "eval" / "actors.json"),
        "dev": (shared / "eval" / "dev" / "docs", shared / "eval" / "dev" / "gold", shared / "eval" / "dev" / "actors.json"),
        "sample": (ROOT / "examples" / "corpus", ROOT / "examples" / "eval" / "gold",
                   ROOT / "examples" / "eval" / "actors.json"),
    }


def score_set(extractor, scorer: Path, corpus: Path, gold: Path, actors: Path, verbose: bool) -> dict:
    from graph.pipeline import extract_jsonl

    before = extractor.constraint_report.dropped.copy()
    buf = io.StringIO()
    report = extract_jsonl([corpus], buf, extractor=extractor)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        fh.write(buf.getvalue())
        pred = fh.name
    try:
        args = [sys.executable, str(scorer), "--gold", str(gold), "--actors", str(actors), "--pred", pred]
        run = subprocess.run([*args, "--json"], capture_output=True, text=True, check=True)
        if verbose:
            subprocess.run([*args, "--verbose"], check=True)
    finally:
        Path(pred).unlink()
    score = json.loads(run.stdout)
    score["_report"] = report
    score["_dropped"] = extractor.constraint_report.dropped - before
    return score


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--set", dest="sets", action="append", choices=("seeds", "dev", "sample"),
                    help="score only these sets (repeatable; default all three)")
    ap.add_argument("--corpus", type=Path, help="articles of one set of your own")
    ap.add_argument("--gold", type=Path, help="its gold folder")
    ap.add_argument("--actors", type=Path, help="its actors file")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    scorer = args.shared / "eval" / "score.py"
    if not scorer.exists():
        print(f"evaluate: no scorer at {scorer}", file=sys.stderr)
        return 2
    if args.corpus or args.gold or args.actors:
        if not (args.corpus and args.gold and args.actors):
            print("evaluate: --corpus, --gold and --actors go together", file=sys.stderr)
            return 2
        sets = {"custom": (args.corpus, args.gold, args.actors)}
    else:
        sets = {k: v for k, v in gold_sets(args.shared).items() if not args.sets or k in args.sets}
    missing = {k: v for k, v in sets.items() if not all(p.exists() for p in v)}
    for name, paths in missing.items():
        print(f"evaluate: set {name} skipped, missing {', '.join(str(p) for p in paths if not p.exists())}",
              file=sys.stderr)
    sets = {k: v for k, v in sets.items() if k not in missing}
    if not sets:
        return 2

    from graph.extract.extractor import Extractor

    ex = Extractor()
    scores = {name: score_set(ex, scorer, *paths, args.verbose) for name, paths in sets.items()}

    for name, s in scores.items():
        r = s["_report"]
        print(f"{name:7} {r.documents:3} docs {r.statements:4} statements  precision {s['precision']:.3f}  "
              f"recall {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['true_positives']} right, {s['false_positives']} wrong, "
              f"{s['required_found']}/{s['required_total']} required found, {s['denied_extracted']} denied, "
              f"{len(s['fragmented_actors'])} fragmented, {len(s['conflated_iris'])} conflated)")

    rels = sorted({rel for s in scores.values() for rel in s["per_predicate"]})
    print("\nper relation: right/wrong and found/required-missed, per set")
    print(f"{'relation':14}" + "".join(f" {name:>22}" for name in scores))
    for rel in rels:
        cells = []
        for s in scores.values():
            c = s["per_predicate"].get(rel, {})
            cells.append(f"{c.get('tp', 0):3}/{c.get('fp', 0):<3} {c.get('found', 0):3}/{c.get('found', 0) + c.get('fn', 0):<3}")
        print(f"{rel:14}" + "".join(f" {cell:>22}" for cell in cells))

    for name, s in scores.items():
        print(f"\n{name}: {'article':34} {'found':>9} {'wrong':>6} {'denied':>7}")
        for doc, d in s["documents"].items():
            print(f"  {doc:40} {d['found']:4}/{d['required']:<4} {len(d['false_positives']) + len(d['unresolved']):6} "
                  f"{len(d['denied_extracted']):7}")

    print("\ncandidates dropped by ontology constraints (domain, range, class restrictions)")
    whys = sorted({w for s in scores.values() for w in s["_dropped"]})
    print(f"{'':70}" + "".join(f" {name:>7}" for name in scores))
    for why in whys:
        print(f"{why[:70]:70}" + "".join(f" {s['_dropped'].get(why, 0):7}" for s in scores.values()))
    print(f"{'total':70}" + "".join(f" {sum(s['_dropped'].values()):7}" for s in scores.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
