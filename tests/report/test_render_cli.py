"""`actorgraph render` end to end on the sample corpus: options, formats, camps, errors."""
from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import pipeline
from graph.cli import main

from conftest import embedded

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
US = "https://w3id.org/actorgraph/actor/UnitedStates"


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False, env={"COLUMNS": "1000"})
    except TypeError:
        return CliRunner(env={"COLUMNS": "1000"})


def cli(store: Path, *args):
    return _runner().invoke(main, ["--store", str(store)] + [str(a) for a in args])


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    return result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("render-cli") / "store"
    ok(cli(path, "ingest", CORPUS))
    return path


def _data(store: Path, tmp_path: Path, *args) -> dict:
    out = tmp_path / "g.html"
    assert f"wrote {out}" in ok(cli(store, "render", "-o", out, *args))
    return embedded(out.read_text(encoding="utf-8"))


def test_us_and_iran_aligned_actors_are_in_different_colours(store, tmp_path):
    data = _data(store, tmp_path)
    by_label = {n["label"]: n for n in data["nodes"]}
    colour = {c["id"]: c["colour"] for c in data["camps"]}
    us = by_label["United States"]
    assert us["iri"] == US and us["camp"] >= 0 and us["id"] in data["overview"]
    iran_side = [by_label[x] for x in ("Iran", "Kataib Hezbollah", "IRGC") if x in by_label]
    assert len(iran_side) >= 2
    for n in iran_side:
        assert n["id"] in data["overview"]                                # all in the first view
        assert n["camp"] >= 0 and colour[n["camp"]] != colour[us["camp"]], (n["label"], n["camp"], us["camp"])
    assert "Kataib Hezbollah" in data["camps"][0]["name"] or any("Iran" in c["name"] for c in data["camps"])
    assert "KH" in by_label["Kataib Hezbollah"]["aliases"]                 # aliases from the knowledge base


def test_focus_depth_relations_min_evidence_and_camp(store, tmp_path):
    with pipeline.open_store(store, read_only=True) as s:
        G = pipeline.network(s)
    data = _data(store, tmp_path, "--focus", "KH", "--depth", "1")
    kh = next(n for n in G if G.nodes[n]["label"] == "Kataib Hezbollah")
    expected = {kh} | set(G.successors(kh)) | set(G.predecessors(kh))
    assert {n["iri"] for n in data["nodes"]} == expected
    assert "Kataib Hezbollah" not in data["narrowed"][0] and "KH and its neighbours to depth 1" in data["narrowed"]

    data = _data(store, tmp_path, "--relations", "hostility", "--min-evidence", "2")
    assert data["edges"] and {e["kind"] for e in data["edges"]} == {"hostility"}
    assert min(e["weight"] for e in data["edges"]) >= 2
    expected = sum(1 for *_, d in G.edges(data=True) if d["kind"] == "hostility" and d["weight"] >= 2)
    assert len(data["edges"]) == expected

    data = _data(store, tmp_path, "--camp", "0")
    assert len({n["camp"] for n in data["nodes"]}) == 1 and len(data["nodes"]) >= 2
    first = data["camps"][0]["name"].split(" · ")[0]
    assert [n["id"] for n in _data(store, tmp_path, "--camp", first)["nodes"]] == [n["id"] for n in data["nodes"]]

    data = _data(store, tmp_path, "--since", "2024", "--until", "2024-12")
    assert data["dates"] and all(d.startswith("2024") for d in data["dates"])


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_static_pictures(store, tmp_path, fmt):
    out = tmp_path / "pic.html"                       # --format wins over the suffix
    ok(cli(store, "render", "-o", out, "--format", fmt, "--title", "Sample corpus"))
    pic = out.with_suffix("." + fmt)
    assert pic.exists() and not out.exists()
    if fmt == "png":
        data = pic.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1600, 1000)
        assert len(data) > 50_000
    else:
        root = ET.parse(pic).getroot()
        assert root.tag.endswith("svg")
        text = pic.read_text(encoding="utf-8")
        labels = {t.text for t in root.iter() if t.tag.endswith("text")}
        assert {"United States", "Iran", "Kataib Hezbollah", "Sample corpus"} <= labels, labels
        assert "<script" not in text


def test_user_errors_are_one_line(store, tmp_path):
    for args, needle in ((["--focus", "Atlantis"], "Atlantis"), (["--relations", "befriends"], "befriends"),
                         (["--camp", "99"], "--camp 99"), (["-o", tmp_path / "x.pdf"], ".html, .png or .svg")):
        result = cli(store, "render", *args)
        assert result.exit_code == 2, (args, result.stderr, result.exception)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("actorgraph:") and needle in lines[0], lines
