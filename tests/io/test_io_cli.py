"""The ingest command on standard input, with --field and --date, and hostile names on stderr."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_ingest_reads_stdin_with_fields_and_prints_escaped_one_line_failures(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "evil\x1b[2J\u202e\nname.txt").write_bytes(b"")
    (folder / "undated.txt").write_text("Iran armed Kataib Hezbollah for years, officials said.\n", encoding="utf-8")
    records = [{"body": "Iran armed Kataib Hezbollah for years, officials said on Friday.", "when": "Jan. 4, 2024"},
               {"body": 7}]
    done = subprocess.run(
        [sys.executable, "-m", "graph", "--store", str(tmp_path / "store"), "ingest", "-", str(folder),
         "--field", "text=body", "--field", "date=when", "--date", "2020-01-02", "--jobs", "1"],
        input="\n".join(json.dumps(r) for r in records).encode(), capture_output=True, cwd=REPO,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"), timeout=600)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, err
    assert "2 documents" in out and "0 undated" in out and "2 failed" in out, out
    lines = err.splitlines()
    assert len(lines) == 2, lines
    assert lines[0] == "actorgraph: -:2: field 'body' is a int, not a string"
    assert lines[1].startswith("actorgraph: ") and "\\x1b[2J\\u202e\\nname.txt: file is empty" in lines[1]
    assert "\x1b" not in err and "\u202e" not in err
