"""render_html: a self-contained page, checked as text and in real headless Chromium."""
from __future__ import annotations

import importlib.util
import json
import random
import re
import struct
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.report.render import render_html
from graph.vocab import relation

ROOT = Path(__file__).resolve().parents[1]
REMOTE = [re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", re.I),
          re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(https?:)?//", re.I)]
HOSTILE = 'Red Brigade said <script>window.pwned=1</script><b class="injected">&amp; more</b>.'


def _load_screenshot_script():
    spec = importlib.util.spec_from_file_location("ag_screenshot", ROOT / "scripts" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


screenshot_script = _load_screenshot_script()


def add(G: nx.MultiDiGraph, s: str, rel: str, o: str, weight: int = 1, sentences=(), dates=()) -> None:
    r = relation(rel)
    for n in (s, o):
        if n not in G:
            G.add_node(n, label=n.split("/")[-1].replace("_", " "), type="ArmedGroup", minted=False)
    evidence = [{"sentence": text, "document": f"https://w3id.org/actorgraph/id/doc/{i}",
                 "title": f"Dispatch {i}", "date": d, "confidence": 0.8}
                for i, (text, d) in enumerate(zip(sentences, dates or ["2020-01-01"] * len(sentences)))]
    G.add_edge(s, o, key=rel, relation=rel, label=r.label, polarity=r.polarity, kind=r.kind,
               symmetric=r.symmetric, weight=weight, confidence=0.8 if evidence else None,
               first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
               evidence=evidence, curated=False)


@pytest.fixture
def small() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    add(G, "ex/Red_Brigade", "backedBy", "ex/Northland", 2,
        ["Northland armed the Red Brigade.", "The Northland-backed Red Brigade fired."],
        ["2019-12-30", "2020-01-05"])
    add(G, "ex/Southland", "attacks", "ex/Red_Brigade", 1, [HOSTILE], ["2020-01-03"])
    add(G, "ex/Blue_Front", "alliedWith", "ex/Red_Brigade", 1, ["Blue Front allied with Red Brigade."])
    add(G, "ex/Jane_Doe", "leaderOf", "ex/Northland", 1, ["Jane Doe leads Northland."])
    add(G, "ex/Jane_Doe", "meetsWith", "ex/Southland", 1, ["Jane Doe met Southland."])
    add(G, "ex/Red_Brigade", "threatens", "ex/Northland", 1, ["Red Brigade warned Northland."])
    G.nodes["ex/Northland"].update(type="State")
    G.nodes["ex/Jane_Doe"].update(type="Person", minted=True, label="Jane href Doe")
    return G


def _embedded(page: str, name: str) -> list[dict]:
    m = re.search(name + r" = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert m, f"no {name} data set in the page"
    return json.loads(m.group(1))


# ---------------------------------------------------------------------------
# The file
# ---------------------------------------------------------------------------

def test_page_is_self_contained(small, tmp_path):
    out = render_html(small, tmp_path / "g.html", title="Militias & patrons <2020>")
    page = out.read_text(encoding="utf-8")
    for rx in REMOTE:
        assert not rx.search(page), rx.search(page).group(0)
    assert "bootstrap" not in page.lower()
    assert "<title>Militias &amp; patrons &lt;2020&gt;</title>" in page
    assert "new vis.Network(" in page and len(page) > 300_000          # vis-network inlined
    assert "<script>window.pwned" not in page                          # data is escaped JSON
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]          # no temp file left


def test_nodes_and_edges_carry_styles_and_evidence(small, tmp_path):
    page = render_html(small, tmp_path / "g.html").read_text(encoding="utf-8")
    nodes, edges = _embedded(page, "nodes"), _embedded(page, "edges")
    assert len(nodes) == 5 and len(edges) == 6
    by_id = {n["id"]: n for n in nodes}
    assert by_id["ex/Northland"]["color"] != by_id["ex/Red_Brigade"]["color"]        # by type
    assert by_id["ex/Red_Brigade"]["size"] > by_id["ex/Blue_Front"]["size"]           # by degree
    assert "href" not in by_id["ex/Jane_Doe"]["title"]          # would switch pyvis to innerHTML popups
    assert all(isinstance(n["x"], float) for n in nodes)        # layout computed ahead
    by_rel = {e["relation"]: e for e in edges}
    assert by_rel["backedBy"]["color"] != by_rel["attacks"]["color"]
    assert by_rel["leaderOf"]["dashes"] and by_rel["meetsWith"]["dashes"]
    assert not by_rel["backedBy"]["dashes"]
    assert by_rel["alliedWith"]["arrows"]["to"]["enabled"] is False                 # symmetric
    assert by_rel["backedBy"]["label"] == "backedBy"
    title = by_rel["backedBy"]["title"]
    assert "weight 2" in title and "2019-12-30 – 2020-01-05" in title
    assert "Northland armed the Red Brigade." in title and "Dispatch 0" in title
    assert [e["sentence"] for e in by_rel["backedBy"]["evidence"]][1] == "The Northland-backed Red Brigade fired."
    # parallel edges between the same pair are curved apart
    assert by_rel["backedBy"]["smooth"] is False and by_rel["threatens"]["smooth"]["enabled"] is True


def test_caps_and_says_what_was_left_out(small, tmp_path):
    # degrees: Red Brigade 3; Jane Doe, Northland, Southland 2 (ties by label); Blue Front 1
    page = render_html(small, tmp_path / "g.html", max_nodes=3).read_text(encoding="utf-8")
    assert {n["id"] for n in _embedded(page, "nodes")} == {"ex/Red_Brigade", "ex/Jane_Doe", "ex/Northland"}
    assert sorted(e["relation"] for e in _embedded(page, "edges")) == ["backedBy", "leaderOf", "threatens"]
    assert "3 of 5 actors, 3 of 6 relations shown. 2 actors left out" in page
    page = render_html(small, tmp_path / "g.html", min_weight=2).read_text(encoding="utf-8")
    assert [e["relation"] for e in _embedded(page, "edges")] == ["backedBy"]


def test_empty_graph_and_bad_arguments(tmp_path):
    page = render_html(nx.MultiDiGraph(), tmp_path / "sub" / "empty.html").read_text(encoding="utf-8")
    assert _embedded(page, "nodes") == [] and "0 of 0 actors" in page
    with pytest.raises(ValueError, match=".html"):
        render_html(nx.MultiDiGraph(), tmp_path / "graph.png")
    with pytest.raises(ValueError, match="max_nodes"):
        render_html(nx.MultiDiGraph(), tmp_path / "g.html", max_nodes=0)


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = screenshot_script.browser_available()
    if reason:
        pytest.skip(reason)
    driver = screenshot_script.chrome_driver(tmp_path_factory.mktemp("chromium-profile"), width=1400, height=900)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _open(driver, path: Path, bound: float) -> None:
    driver.get(path.resolve().as_uri())
    driver.get_log("browser")  # drop anything logged before the page
    assert screenshot_script.wait_ready(driver, bound), \
        f"the page did not settle within {bound} s (stabilisation never finished)"


def _severe(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_page_draws_and_shows_evidence_on_click(small, tmp_path, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    out = render_html(small, tmp_path / "g.html")
    driver = browser
    driver.get(out.resolve().as_uri())
    assert screenshot_script.wait_ready(driver, 30)
    assert driver.title == "actorgraph"
    assert driver.execute_script("return network.body.data.nodes.length") == 5
    assert driver.execute_script("return network.body.data.edges.length") == 6
    assert driver.execute_script("return network.physics.options.enabled") is False
    assert _severe(driver) == []

    # a real mouse click on the middle of the (straight) attacks edge
    edge_id = driver.execute_script(
        "return edges.get().filter(function (e) { return e.relation === 'attacks'; })[0].id")
    x, y = driver.execute_script("""
        var e = edges.get(arguments[0]); var p = network.getPositions([e.from, e.to]);
        var m = network.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        var r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
        return [m.x - r.width / 2, m.y - r.height / 2];""", edge_id)
    canvas = driver.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, int(x), int(y)).click().perform()
    time.sleep(0.3)
    assert driver.execute_script("return network.getSelectedEdges()") == [edge_id]
    panel = driver.find_element(By.ID, "evidence-panel").text
    assert "Southland — attacks → Red Brigade" in panel
    assert HOSTILE in panel                                            # shown as text, literally
    assert "Dispatch 0" in panel and "2020-01-03" in panel
    assert driver.execute_script("return document.querySelectorAll('.injected').length") == 0
    assert driver.execute_script("return window.pwned === undefined") is True

    # selecting another edge programmatically goes through the same click handler
    driver.execute_script("""
        var id = edges.get().filter(function (e) { return e.relation === 'backedBy'; })[0].id;
        network.selectEdges([id]);
        network.body.emitter.emit('click', {nodes: [], edges: [id], pointer: {DOM: {x: 0, y: 0}}});""")
    panel = driver.find_element(By.ID, "evidence-panel").text
    assert "The Northland-backed Red Brigade fired." in panel and "Northland armed the Red Brigade." in panel
    assert panel.index("Northland armed") < panel.index("Northland-backed")   # sorted by date

    png = tmp_path / "page.png"
    assert driver.save_screenshot(str(png))
    _assert_png(png, min_bytes=20_000)
    assert _severe(driver) == []


def _assert_png(path: Path, min_bytes: int) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 500
    assert len(data) > min_bytes, "the screenshot is nearly blank"
    return width, height


def _big_graph(n: int = 1000, m: int = 2500) -> nx.MultiDiGraph:
    rng = random.Random(7)
    names = ["backedBy", "alliedWith", "attacks", "condemns", "memberOf", "meetsWith"]
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"a{i}", label=f"Actor {i}", type=rng.choice(["State", "ArmedGroup", "Person"]), minted=False)
    for i in range(1, n):  # connected: everyone is tied to an earlier actor
        add(G, f"a{i}", rng.choice(names), f"a{rng.randrange(i)}", 1, [f"Sentence {i}."], ["2020-01-01"])
    for _ in range(m - (n - 1)):
        u, v = rng.sample(range(n), 2)
        add(G, f"a{u}", rng.choice(names), f"a{v}", rng.randint(1, 4), [f"Sentence {u}-{v}."], ["2021-05-05"])
    return G


def out_edges(path: Path) -> int:
    return len(_embedded(path.read_text(encoding="utf-8"), "edges"))


def test_thousand_nodes_settle(tmp_path, browser):
    out = render_html(_big_graph(), tmp_path / "big.html", max_nodes=1000)
    _open(browser, out, bound=90)
    assert browser.execute_script("return network.body.data.nodes.length") == 1000
    assert browser.execute_script("return network.body.data.edges.length") == out_edges(out)
    assert browser.execute_script("return window.actorgraph.stabilized") is True
    assert browser.execute_script("return network.physics.options.enabled") is False
    assert _severe(browser) == []


def test_screenshot_script(small, tmp_path):
    reason = screenshot_script.browser_available()
    if reason:
        pytest.skip(reason)
    html = render_html(small, tmp_path / "g.html")
    png = tmp_path / "shot" / "g.png"
    assert screenshot_script.main([str(html), str(png), "--width", "1000", "--height", "700", "--wait", "20"]) == 0
    assert _assert_png(png, min_bytes=10_000) == (1000, 700)
    assert screenshot_script.main([str(tmp_path / "missing.html"), str(png)]) == 1


def test_physics_is_bounded_or_off(small, tmp_path):
    def options(page: str) -> dict:
        return json.loads(re.search(r"var options = (\{.*?\});\s*\n", page, re.S).group(1))

    physics = options(render_html(small, tmp_path / "a.html").read_text(encoding="utf-8"))["physics"]
    assert physics["enabled"] is True and physics["stabilization"]["iterations"] == 200
    physics = options(render_html(small, tmp_path / "b.html", physics=False).read_text(encoding="utf-8"))["physics"]
    assert physics["enabled"] is False
