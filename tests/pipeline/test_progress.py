"""Progress of the long commands: a callback of the public functions, shown on stderr by the CLI."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from graph import pipeline
from graph.cli.common import PROGRESS_ENV, ProgressDisplay
from graph.errors import InputError
from graph.store.validate import validate

from .conftest import REPO

READING = "reading the store"


def recorder():
    calls: list[tuple] = []
    return calls, lambda done, total, current: calls.append((done, total, current))


def stages(calls) -> list[str]:
    """The stages reported as finished, in order (each a call whose count went up)."""
    out, done = [], 0
    for n, total, name in calls:
        if n > done:
            out.append(name)
            done = n
    return out


@pytest.fixture
def store(corpus_store):
    with pipeline.open_store(corpus_store, read_only=True) as st:
        yield st


def test_analyze_reports_each_stage_as_it_starts_and_ends(store):
    calls, progress = recorder()
    result = pipeline.analyze(store, progress=progress)
    assert result.nodes > 0
    assert calls == [(0, 2, READING), (1, 2, READING), (1, 2, "analyses"), (2, 2, "analyses")]


@pytest.mark.parametrize("job", ["camps", "brokers", "triads", "hostility", "render", "export_network", "report",
                                 "analyze_and_render", "validate"])
def test_every_long_job_reports_its_stages_to_the_end(store, tmp_path, job):
    calls, progress = recorder()
    if job == "render":
        pipeline.render(store, tmp_path / "g.html", progress=progress)
    elif job == "analyze_and_render":
        pipeline.analyze_and_render(store, tmp_path / "g.html", progress=progress)
    elif job == "export_network":
        pipeline.export_network(store, tmp_path / "n.graphml", "graphml", progress=progress)
    elif job == "report":
        pipeline.report(store, tmp_path / "r.md", progress=progress)
    elif job == "validate":
        validate(store, progress=progress)
    else:
        getattr(pipeline, job)(store, progress=progress)
    total = calls[0][1]
    first = "checking the shapes, batch 1 of 2" if job == "validate" else READING   # shared graphs, documents
    assert calls[0] == (0, total, first) and total >= 2
    assert calls[-1][0] == total and len(stages(calls)) == total
    assert all(t == total for _, t, _ in calls)
    if job in ("render", "analyze_and_render"):
        assert stages(calls)[-1] == "writing the page"


def test_a_stage_that_fails_is_not_reported_as_finished(store):
    calls, progress = recorder()
    with pytest.raises(InputError):
        pipeline.chains(store, "Nobody Of That Name Xq", progress=progress)
    assert calls == [(0, 2, READING), (1, 2, READING), (1, 2, "chains")]


def test_export_reports_the_lines_written(store, tmp_path):
    calls, progress = recorder()
    buf = io.BytesIO()
    pipeline.export(store, buf, "nquads", progress=progress)
    lines = buf.getvalue().count(b"\n")
    assert lines > 1000 and calls and calls[-1][0] == lines
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    target = tmp_path / "store.nq"
    pipeline.export(store, target, "nquads", progress=progress)
    assert target.read_bytes() == buf.getvalue()


def test_display_prints_a_line_per_stage_once_the_command_is_slow(monkeypatch):
    monkeypatch.delenv(PROGRESS_ENV, raising=False)

    def shown(**kw) -> list[str]:
        buf = io.StringIO()
        with ProgressDisplay("render", unit="steps", console=Console(file=buf, force_terminal=False), **kw) as p:
            for done, name in ((0, READING), (1, READING), (1, "camps"), (2, "camps")):
                p(done, 2, name)
        return buf.getvalue().splitlines()

    lines = shown(quiet_for=0)
    assert [line.split(" (")[0] for line in lines] == [f"render: {READING}", "render: camps"]
    assert "1 of 2 steps" in lines[0] and "2 of 2 steps" in lines[1]
    assert shown(quiet_for=3600) == []                   # a quick command prints nothing
    monkeypatch.setenv(PROGRESS_ENV, "off")
    assert shown(quiet_for=0) == []
    monkeypatch.setenv(PROGRESS_ENV, "lines")
    assert len(shown(quiet_for=3600)) == 2


def run(store, *args: str) -> subprocess.CompletedProcess:
    """The command in a real process: stdout and stderr are pipes, not a terminal."""
    env = dict(os.environ, **{PROGRESS_ENV: "lines"})
    return subprocess.run([sys.executable, "-m", "graph", "--store", str(store), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize(("args", "label", "steps"), [
    (("analyze", "--format", "json"), "analyze summary", (READING, "analyses")),
    (("analyze", "camps", "--format", "json"), "analyze camps", (READING, "camps")),
    (("validate", "--format", "json"), "validate",
     ("checking the shapes, batch 1 of 2", "checking the shapes, batch 2 of 2")),
    (("export", "--format", "graphml"), "export", (READING, "camps and writing")),
])
def test_cli_prints_progress_on_stderr_and_keeps_stdout_clean(corpus_store, args, label, steps):
    done = run(corpus_store, *args)
    assert done.returncode == 0, done.stderr
    if args[0] == "export":
        assert ET.fromstring(done.stdout).tag.endswith("graphml")
    else:
        data = json.loads(done.stdout)
        assert data["conforms"] if args[0] == "validate" else data["camps"]
    lines = [line for line in done.stderr.splitlines() if line.startswith(f"{label}: ")]
    assert [line.split(" (")[0] for line in lines] == [f"{label}: {s}" for s in steps], done.stderr
    assert all(f"{n} of {len(steps)} steps" in line for n, line in enumerate(lines, 1))


def test_render_prints_its_stages_then_what_it_wrote(corpus_store, tmp_path):
    done = run(corpus_store, "render", "-o", str(tmp_path / "g.html"))
    assert done.returncode == 0 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines[:-1]] == [f"render: {READING}", "render: camps",
                                                            "render: writing the page"]
    assert lines[-1] == f"wrote {tmp_path / 'g.html'}"
