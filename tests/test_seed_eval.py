"""The extractor on the seed articles, scored by the maintainers' scorer (skipped without ../shared)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
SEEDS = SHARED / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not (SCORER.exists() and SEEDS.is_dir()), reason="../shared/eval is not present")

# A floor, not the target: it catches regressions. The measured figures are in the README.
MIN_F1 = 0.70


def test_seed_gold_score(tmp_path):
    from graph.pipeline import extract_jsonl

    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        report = extract_jsonl([SEEDS], fh)
    assert report.documents == 5 and not report.failures
    result = subprocess.run([sys.executable, str(SCORER), "--pred", str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    score = json.loads(result.stdout)
    assert score["denied_extracted"] == 0
    assert score["fragmented_actors"] == {}
    assert score["conflated_iris"] == {}
    assert score["f1"] >= MIN_F1, score["f1"]
