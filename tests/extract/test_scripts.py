"""The measurement scripts: evaluate.py reports the constraint drops, bench_extract.py refuses a missing corpus."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def test_bench_fails_loudly_on_a_missing_corpus(tmp_path):
    missing = tmp_path / "no-such-corpus"
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_extract.py"), "--corpus", str(missing)],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert str(missing) in out.stderr and "does not exist" in out.stderr


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared (scorer and seeds) not present")
def test_evaluate_prints_sets_side_by_side_and_constraint_drops():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "evaluate.py"), "--set", "seeds", "--set", "sample"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert any(line.startswith("seeds ") and "F1" in line for line in lines)
    assert any(line.startswith("sample ") and "F1" in line for line in lines)
    assert "candidates dropped by ontology constraints" in out.stdout
    header = lines.index(next(line for line in lines if line.startswith("relation")))
    assert "seeds" in lines[header] and "sample" in lines[header]
