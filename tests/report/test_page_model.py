"""The page file and the data it embeds, read as text (no browser)."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import InputError
from graph.report.render import REMOTE_RESOURCE_RE, render_html
from graph.report.render.layout import BOX, layout
from graph.report.render.model import dedupe_evidence, page_model, safe_url
from graph.report.render.page import embed_json, overview
from graph.report.render.select import find_actor, find_camp, narrow

from conftest import ALIASES, CAMP_NAMES, CAMPS, EVIL_URL, HOSTILE, add, embedded


def test_page_is_self_contained_and_data_is_inert(small, tmp_path):
    out = render_html(small, tmp_path / "g.html", title="Militias & patrons <2020>", camps=CAMPS,
                      camp_names=CAMP_NAMES, aliases=ALIASES)
    page = out.read_text(encoding="utf-8")
    assert not REMOTE_RESOURCE_RE.search(page)
    assert "bootstrap" not in page.lower() and "cdn" not in page.lower()
    assert "default-src 'none'" in page                                # the browser may fetch nothing
    assert "<title>Militias &amp; patrons &lt;2020&gt;</title>" in page
    assert "new vis.Network(" in page and len(page) > 400_000          # vis-network inlined
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert page.count("</script>") == 3                                 # vis, data, page script: nothing injected
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]           # no temporary file left behind
    data = embedded(page)
    assert any(HOSTILE == ev["sentence"] for e in data["edges"] for ev in e["evidence"])


def test_nodes_carry_camp_shape_centrality_and_position(small, tmp_path):
    data = embedded(render_html(small, tmp_path / "g.html", camps=CAMPS, camp_names=CAMP_NAMES,
                                aliases=ALIASES).read_text(encoding="utf-8"))
    nodes = {n["iri"]: n for n in data["nodes"]}
    assert len(nodes) == 5 and len(data["edges"]) == 6
    assert [c["name"] for c in data["camps"]] == CAMP_NAMES
    north, south = data["camps"][0], data["camps"][1]
    assert nodes["ex/Red_Brigade"]["camp"] == nodes["ex/Northland"]["camp"] == north["id"]
    assert nodes["ex/Southland"]["camp"] == south["id"] and north["colour"] != south["colour"]
    assert nodes["ex/Jane_Doe"]["camp"] == -1 and data["unaligned"]["size"] == 1
    assert nodes["ex/Northland"]["shape"] == "square" and nodes["ex/Red_Brigade"]["shape"] == "triangle"
    assert nodes["ex/Jane_Doe"]["shape"] == "dot" and nodes["ex/Jane_Doe"]["minted"] is True
    assert nodes["ex/Red_Brigade"]["score"] == 1.0 > nodes["ex/Blue_Front"]["score"]    # most central
    assert nodes["ex/Northland"]["aliases"] == ["NL", "Northern Republic"]
    xs = [n["x"] for n in nodes.values()]
    ys = [n["y"] for n in nodes.values()]
    assert max(xs) - min(xs) == pytest.approx(BOX[0], abs=1) and max(ys) - min(ys) == pytest.approx(BOX[1], abs=1)
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert kinds["alliance"]["colour"] != kinds["hostility"]["colour"]
    assert (kinds["structural"]["colour"], kinds["structural"]["dashes"]) != \
        (kinds["neutral"]["colour"], kinds["neutral"]["dashes"])
    assert data["dates"][0] == "2019-12-30" and data["dates"][-1] == "2022-02-02"


def test_camp_names_default_to_the_most_central_members(small):
    data = page_model(small, camps=CAMPS)
    assert data["camps"][0]["name"] == "Red Brigade · Northland"


def test_evidence_is_deduplicated_with_safe_links(small):
    data = page_model(small, camps=CAMPS)
    by_rel = {e["relation"]: e for e in data["edges"]}
    backed = by_rel["backedBy"]
    assert backed["weight"] == 4
    assert [ev["sentence"] for ev in backed["evidence"]] == [
        "Northland armed the Red Brigade.", "The Northland-backed Red Brigade fired."]
    assert [s["url"] for s in backed["evidence"][0]["sources"]] == ["https://news.example/a", "https://news.example/b"]
    attack = by_rel["attacks"]["evidence"][0]["sources"][0]
    assert attack["url"] is None and attack["title"] == "Dispatch <i>D</i>"           # javascript: dropped
    # the old evidence shape (no url, source, content_hash) still works
    assert dedupe_evidence([{"sentence": "A.", "document": "d1", "title": "T", "date": None, "confidence": 0.5},
                            {"sentence": " A. ", "document": "d1", "title": "T", "date": None, "confidence": 0.5}]) \
        == [{"sentence": "A.", "sources": [{"title": "T", "date": None, "confidence": 0.5, "url": None,
                                              "source": "d1"}]}]


@pytest.mark.parametrize("url,ok", [("https://a.example/x?y=1", True), ("http://a.example", True),
                                    (EVIL_URL, False), (" JavaScript:alert(1)", False), ("data:text/html,x", False),
                                    ("//a.example", False), ("https://a.example/ x", False), (None, False)])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_json_embedding_cannot_close_the_script():
    text = embed_json({"s": "</script><script>x()</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_narrow_by_relation_evidence_camp_and_focus(small):
    assert sorted(d["relation"] for *_, d in narrow(small, relations="hostility").edges(data=True)) == \
        ["attacks", "threatens"]
    assert sorted(d["relation"] for *_, d in narrow(small, relations=["backedBy,leaderOf"]).edges(data=True)) == \
        ["backedBy", "leaderOf"]
    assert [d["relation"] for *_, d in narrow(small, min_weight=2).edges(data=True)] == ["backedBy"]
    assert set(narrow(small, camps=CAMPS, camp=0)) == {"ex/Red_Brigade", "ex/Northland", "ex/Blue_Front"}
    assert set(narrow(small, focus="ex/Blue_Front", depth=1)) == {"ex/Blue_Front", "ex/Red_Brigade"}
    assert set(narrow(small, focus="ex/Blue_Front", depth=2)) == {"ex/Blue_Front", "ex/Red_Brigade", "ex/Northland",
                                                                 "ex/Southland"}
    with pytest.raises(InputError, match="no relation or kind"):
        narrow(small, relations="befriends")
    with pytest.raises(InputError, match="--camp 7"):
        narrow(small, camps=CAMPS, camp=7)


def test_find_camp_by_number_or_name():
    assert find_camp(1, CAMPS, CAMP_NAMES) == 1 and find_camp("0", CAMPS, CAMP_NAMES) == 0
    assert find_camp("north", CAMPS, CAMP_NAMES) == 0
    assert find_camp("southland", CAMPS, None, {"ex/Southland": "Southland"}) == 1        # a member's name
    with pytest.raises(InputError, match="no such camp"):
        find_camp(5, CAMPS, CAMP_NAMES)
    with pytest.raises(InputError, match="no camp"):
        find_camp("east", CAMPS, CAMP_NAMES)


def test_find_actor_by_label_alias_or_iri(small):
    assert find_actor(small, "northern republic", ALIASES) == "ex/Northland"
    assert find_actor(small, "Blue Front") == "ex/Blue_Front"
    assert find_actor(small, "ex/Jane_Doe") == "ex/Jane_Doe"
    with pytest.raises(InputError, match="no actor"):
        find_actor(small, "Atlantis")


def test_focus_and_relations_in_render(small, tmp_path):
    data = embedded(render_html(small, tmp_path / "g.html", focus="NL", depth=1, aliases=ALIASES,
                                relations="alliance,backedBy,leaderOf").read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in data["nodes"]) == ["Jane Doe", "Northland", "Red Brigade"]
    assert data["network"] == {"actors": 5, "relations": 6} and len(data["narrowed"]) == 2


def _camped(n_camps=4, per_camp=60, seed=3) -> tuple[nx.MultiDiGraph, dict]:
    import random
    rng = random.Random(seed)
    G, camps = nx.MultiDiGraph(), {}
    for c in range(n_camps):
        members = [f"c{c}/a{i}" for i in range(per_camp)]
        for i, m in enumerate(members):
            camps[m] = c
            if i:
                add(G, m, "alliedWith", members[rng.randrange(i)], [(f"S {m}.", "2020-01-01", "T", None)])
    for _ in range(n_camps * 10):
        a, b = rng.sample(range(n_camps), 2)
        add(G, f"c{a}/a{rng.randrange(per_camp)}", "attacks", f"c{b}/a{rng.randrange(per_camp)}",
            [("S.", "2021-01-01", "T", None)])
    return G, camps


def test_overview_keeps_each_camps_most_central_members():
    G, camps = _camped()
    data = page_model(G, camps=camps)
    shown = overview(data, 40)
    assert len(shown) == 40
    by_id = {n["id"]: n for n in data["nodes"]}
    per_camp = {}
    for i in shown:
        per_camp.setdefault(by_id[i]["camp"], []).append(by_id[i]["rank"])
    assert sorted(per_camp) == [0, 1, 2, 3] and all(len(r) == 10 for r in per_camp.values())
    for camp, ranks in per_camp.items():            # the most central of each camp, none skipped
        members = sorted(n["rank"] for n in data["nodes"] if n["camp"] == camp)
        assert sorted(ranks) == members[:10]
    assert overview(data, 1000) == [n["id"] for n in data["nodes"]]
    # unaligned actors take at most a third of the budget, however many they are
    many = page_model(G, camps={n: c for n, c in camps.items() if c == 0})
    shown = overview(many, 40)
    assert len(shown) == 40
    assert sum(1 for n in many["nodes"] if n["id"] in set(shown) and n["camp"] < 0) == 13


def test_layout_keeps_camps_apart():
    G, camps = _camped()
    nodes = list(G)
    pos = layout(nodes, [(u, v, 1.0) for u, v in G.edges()], camps, {n: 0.0 for n in nodes})
    import numpy as np
    centre = {c: np.mean([pos[n] for n in nodes if camps[n] == c], axis=0) for c in range(4)}
    spread = {c: np.mean([np.hypot(*(np.array(pos[n]) - centre[c])) for n in nodes if camps[n] == c])
              for c in range(4)}
    gaps = [np.hypot(*(centre[a] - centre[b])) for a in range(4) for b in range(a + 1, 4)]
    assert min(gaps) > 1.5 * max(spread.values())      # camps sit in separate regions


def test_page_limit_keeps_the_best_connected_and_says_so(small, tmp_path):
    data = embedded(render_html(small, tmp_path / "g.html", limit=3).read_text(encoding="utf-8"))
    # degrees: Red Brigade 4, Northland 3, Jane Doe and Southland 2 (ties by IRI), Blue Front 1
    assert {n["label"] for n in data["nodes"]} == {"Red Brigade", "Northland", "Jane Doe"}
    assert data["network"]["actors"] == 5 and "3 best-connected actors" in data["narrowed"][0]


def test_empty_graph_and_bad_arguments(tmp_path):
    data = embedded(render_html(nx.MultiDiGraph(), tmp_path / "sub" / "empty.html").read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["edges"] == []
    with pytest.raises(ValueError, match=".html"):
        render_html(nx.MultiDiGraph(), tmp_path / "graph.png")
    with pytest.raises(ValueError, match="max_nodes"):
        render_html(nx.MultiDiGraph(), tmp_path / "g.html", max_nodes=0)
