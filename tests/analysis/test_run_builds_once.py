"""`run` prints the overview and writes the page from one network build."""
from __future__ import annotations

from graph import pipeline
from graph.pipeline import _network
from graph.network import build

from test_analysis import make_dataset  # tests/ is on sys.path (rootdir of this package)


def test_analyze_and_render_builds_the_network_once(tmp_path, monkeypatch):
    calls = []

    def counting(*args, **kwargs):
        calls.append(kwargs)
        return build.build_network(*args, **kwargs)

    monkeypatch.setattr(_network, "build_network", counting)
    result, path = pipeline.analyze_and_render(make_dataset(), tmp_path / "graph.html", top=3)
    assert len(calls) == 1
    assert path.is_file() and "Red Brigade" in path.read_text(encoding="utf-8")
    assert [set(c["members"]) for c in result.camps][0] >= {"Northland", "Red Brigade"}
