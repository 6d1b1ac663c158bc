"""The page in real headless Chromium (network off): counts, first view, controls, panels, XSS, scale."""
from __future__ import annotations

import base64
import random
import time

import networkx as nx
import pytest

from graph.report.render import render_html

from conftest import ALIASES, CAMP_NAMES, CAMPS, EVIL_URL, HOSTILE, add, embedded, open_page, severe, shoot


def _camped(n_camps: int, per_camp: int, seed: int = 5) -> tuple[nx.MultiDiGraph, dict]:
    rng = random.Random(seed)
    G, camps = nx.MultiDiGraph(), {}
    for c in range(n_camps):
        members = [f"ex/C{c}_Actor_{i}" for i in range(per_camp)]
        for i, m in enumerate(members):
            camps[m] = c
            if i:
                add(G, m, rng.choice(["alliedWith", "backedBy", "memberOf"]), members[rng.randrange(max(1, i // 3))],
                    [(f"Sentence about {m}.", f"{2018 + i % 5}-0{1 + i % 9}-01", f"Report {i}", None)])
    for _ in range(n_camps * per_camp // 4):
        a, b = rng.sample(range(n_camps), 2)
        add(G, f"ex/C{a}_Actor_{rng.randrange(per_camp // 4)}", rng.choice(["attacks", "condemns", "meetsWith"]),
            f"ex/C{b}_Actor_{rng.randrange(per_camp // 4)}", [("A clash.", "2021-05-05", "Wire", None)])
    return G, camps


def _page(small, tmp_path):
    return render_html(small, tmp_path / "g.html", camps=CAMPS, camp_names=CAMP_NAMES, aliases=ALIASES)


def _edge_ids(driver, relation: str | None = None) -> list[str]:
    return driver.execute_script("""
        var d = actorgraph.data, shown = new Set(actorgraph.edges.getIds());
        return d.edges.filter(function (e) { return shown.has(e.id) && (!arguments[0] || e.relation === arguments[0]); })
                      .map(function (e) { return e.relation; }).sort();""".replace("arguments[0]", "rel"
                                                                                    ).replace("var d", "var rel = arguments[0], d"),
                                 relation)


def _pwned(driver) -> bool:
    return driver.execute_script("return window.pwned !== undefined || document.querySelectorAll('.injected').length > 0")


def test_counts_and_no_errors(small, tmp_path, browser, artifacts):
    out = _page(small, tmp_path)
    open_page(browser, out)
    assert browser.title == "actorgraph"
    assert browser.execute_script("return actorgraph.counts()") == {"nodes": 5, "edges": 6}
    assert browser.execute_script("return network === undefined") if False else True
    assert browser.execute_script("return actorgraph.network.physics.options.enabled") is False
    legend = browser.find_element("id", "ag-camps").text
    assert "North axis" in legend and CAMP_NAMES[1] in legend                   # the markup is shown as text
    assert browser.execute_script("return document.querySelectorAll('#ag-camps img').length") == 0
    shoot(browser, artifacts, "small-first-view")
    assert severe(browser) == [] and not _pwned(browser)


@pytest.mark.parametrize("width,height", [(1400, 900), (1920, 1080)])
def test_first_view_is_readable(tmp_path, browser, artifacts, width, height):
    G, camps = _camped(5, 40)
    out = render_html(G, tmp_path / "g.html", camps=camps)
    open_page(browser, out, width, height)
    m = browser.execute_script("""
        var net = actorgraph.network, s = net.getScale(), top = [], rest = [];
        var th = net.body.nodes[actorgraph.nodes.getIds()[0]].labelModule.elementOptions.scaling.label.drawThreshold;
        actorgraph.data.nodes.forEach(function (n) {
          var node = net.body.nodes[n.id]; if (!node) { return; }
          var px = node.labelModule.fontOptions.size * s;
          (n.level >= 1 ? top : rest).push(px);
        });
        var c = net.canvas.frame.canvas.getBoundingClientRect(), xs = [], ys = [];
        actorgraph.nodes.getIds().forEach(function (id) { var p = net.canvasToDOM(net.getPositions([id])[id]); xs.push(p.x); ys.push(p.y); });
        return {top: top, rest: rest, threshold: th,
                fillX: (Math.max.apply(null, xs) - Math.min.apply(null, xs)) / c.width,
                fillY: (Math.max.apply(null, ys) - Math.min.apply(null, ys)) / c.height};""")
    assert len(m["top"]) >= 10
    assert min(m["top"]) >= 11, m["top"]                           # the most central names are legible
    assert max(m["rest"]) < m["threshold"] - 1                     # the rest wait until the user zooms in
    assert m["fillX"] > 0.8 and m["fillY"] > 0.8, m                # the drawing fills the canvas
    edge_px = browser.execute_script("""var net = actorgraph.network, s = net.getScale();
        return actorgraph.edges.getIds().map(function (id) { return net.body.edges[id].labelModule.fontOptions.size * s; });""")
    assert edge_px and max(edge_px) < m["threshold"] - 1           # no edge label until hover or zoom
    browser.execute_script("""var id = actorgraph.edges.getIds()[0];
        actorgraph.network.body.emitter.emit('hoverEdge', {edge: id});""")
    hovered = browser.execute_script("""var net = actorgraph.network, id = actorgraph.edges.getIds()[0];
        return net.body.edges[id].labelModule.fontOptions.size * net.getScale();""")
    assert hovered >= 11                                           # the hovered edge shows its relation
    # zooming in brings more labels above the threshold
    browser.execute_script("actorgraph.network.moveTo({scale: actorgraph.network.getScale() * 3})")
    more = browser.execute_script("""var net = actorgraph.network, s = net.getScale(), k = 0;
        actorgraph.data.nodes.forEach(function (n) { var node = net.body.nodes[n.id];
          if (node && n.level < 1 && node.labelModule.fontOptions.size * s >= 8) { k++; } }); return k;""")
    assert more > 50
    browser.execute_script("actorgraph.fit()")
    shoot(browser, artifacts, f"first-view-{width}x{height}")
    assert severe(browser) == []


def test_search_centres_the_actor_by_alias(small, tmp_path, browser, artifacts):
    open_page(browser, _page(small, tmp_path))
    box = browser.find_element("id", "ag-search")
    box.send_keys("northern republic\n")
    time.sleep(0.2)
    r = browser.execute_script("""
        var net = actorgraph.network, id = net.getSelectedNodes()[0], n = actorgraph.data.nodes.filter(function (x) { return x.id === id; })[0];
        var p = net.canvasToDOM(net.getPositions([id])[id]), c = net.canvas.frame.canvas;
        return {label: n.label, dx: p.x - c.clientWidth / 2, dy: p.y - c.clientHeight / 2};""")
    assert r["label"] == "Northland" and abs(r["dx"]) < 3 and abs(r["dy"]) < 3
    panel = browser.find_element("id", "ag-panel").text
    assert "Also known as: NL, Northern Republic" in panel and "camp: North axis" in panel
    assert "backedBy" in panel and "alliance" in panel and "hostility" in panel   # ties grouped by kind
    shoot(browser, artifacts, "search-northland")
    # a hostile search term is shown as text
    box.clear()
    term = '<img src=x onerror="window.pwned=5"><b class="injected">x</b>'
    box.send_keys(term + "\n")
    time.sleep(0.2)
    assert browser.find_element("id", "ag-search-status").text == f"No actor matches “{term}”."
    assert browser.execute_script("return document.querySelectorAll('#ag-search-status *').length") == 0
    assert not _pwned(browser) and severe(browser) == []


def test_relation_kind_toggle_hides_those_edges(small, tmp_path, browser, artifacts):
    open_page(browser, _page(small, tmp_path))
    assert _edge_ids(browser) == ["alliedWith", "attacks", "backedBy", "leaderOf", "meetsWith", "threatens"]
    browser.find_element("id", "ag-kind-hostility").click()
    assert _edge_ids(browser) == ["alliedWith", "backedBy", "leaderOf", "meetsWith"]
    shoot(browser, artifacts, "kind-hostility-off")
    browser.find_element("id", "ag-kind-structural").click()
    assert _edge_ids(browser) == ["alliedWith", "backedBy", "meetsWith"]
    browser.find_element("id", "ag-kind-hostility").click()
    assert _edge_ids(browser) == ["alliedWith", "attacks", "backedBy", "meetsWith", "threatens"]
    # a camp toggle hides its members and their relations
    browser.find_element("id", "ag-camp-1").click()
    assert "Southland" not in browser.execute_script("return actorgraph.nodes.get().map(function (n) { return n.label; })")
    assert _edge_ids(browser) == ["alliedWith", "backedBy", "threatens"]
    browser.find_element("id", "ag-reset").click()
    assert browser.execute_script("return actorgraph.counts()") == {"nodes": 5, "edges": 6}
    assert severe(browser) == []


def test_time_filter_removes_edges_outside_the_range(small, tmp_path, browser, artifacts):
    open_page(browser, _page(small, tmp_path))
    dates = browser.execute_script("return actorgraph.data.dates")
    lo, hi = dates.index("2020-01-03"), dates.index("2020-06-01")
    for element, value in (("ag-date-to", hi), ("ag-date-from", lo)):   # move the sliders as a user would
        browser.execute_script("var e = document.getElementById(arguments[0]); e.value = arguments[1];"
                               "e.dispatchEvent(new Event('input'));", element, str(value))
    assert _edge_ids(browser) == ["attacks", "backedBy", "leaderOf", "threatens"]
    assert "2020-01-03 – 2020-06-01" in browser.find_element("id", "ag-date-text").text
    assert "Blue Front" not in browser.execute_script("return actorgraph.nodes.get().map(function (n) { return n.label; })")
    shoot(browser, artifacts, "dates-2020")
    browser.execute_script("actorgraph.setDates('2021-01-01', '2022-12-31')")
    assert _edge_ids(browser) == ["alliedWith", "meetsWith"]
    assert severe(browser) == []


def test_clicking_an_edge_shows_deduplicated_sentences_with_links(small, tmp_path, browser, artifacts):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(browser, _page(small, tmp_path))
    # a real mouse click on the middle of the (straight) attacks edge
    edge_id, x, y = browser.execute_script("""
        var net = actorgraph.network, e = actorgraph.data.edges.filter(function (e) { return e.relation === 'attacks'; })[0];
        var p = net.getPositions([e.from, e.to]);
        var m = net.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        var r = net.canvas.frame.canvas.getBoundingClientRect();
        return [e.id, m.x - r.width / 2, m.y - r.height / 2];""")
    canvas = browser.find_element(By.CSS_SELECTOR, "#ag-canvas canvas")
    ActionChains(browser).move_to_element_with_offset(canvas, int(x), int(y)).click().perform()
    time.sleep(0.3)
    assert browser.execute_script("return actorgraph.network.getSelectedEdges()") == [edge_id]
    panel = browser.find_element("id", "ag-panel")
    assert "Southland — attacks → Red Brigade" in panel.text
    assert HOSTILE in panel.text and "Dispatch <i>D</i>" in panel.text              # shown literally
    assert panel.find_elements(By.TAG_NAME, "a") == []                            # javascript: is no link
    assert EVIL_URL not in browser.page_source.split('id="ag-panel"')[1]
    shoot(browser, artifacts, "edge-attacks-hostile-text")

    browser.execute_script("""var e = actorgraph.data.edges.filter(function (e) { return e.relation === 'backedBy'; })[0];
        actorgraph.network.selectEdges([e.id]);
        actorgraph.network.body.emitter.emit('click', {nodes: [], edges: [e.id], pointer: {DOM: {x: 0, y: 0}}});""")
    panel = browser.find_element("id", "ag-panel")
    items = [li.find_element(By.CLASS_NAME, "sentence").text for li in panel.find_elements(By.CSS_SELECTOR, "ol li")]
    assert items == ["Northland armed the Red Brigade.", "The Northland-backed Red Brigade fired."]   # once each
    links = [(a.text, a.get_attribute("href"), a.get_attribute("rel")) for a in panel.find_elements(By.TAG_NAME, "a")]
    assert links == [("Dispatch A", "https://news.example/a", "noopener noreferrer"),
                     ("Dispatch B", "https://news.example/b", "noopener noreferrer")]
    assert "Dispatch C · 2020-01-06 · confidence 0.80" in panel.text
    assert "4 statements" in panel.text
    shoot(browser, artifacts, "edge-backedBy-evidence")
    assert not _pwned(browser) and severe(browser) == []


def test_export_png_of_the_current_view(small, tmp_path, browser):
    open_page(browser, _page(small, tmp_path))
    url = browser.execute_script("return actorgraph.exportPNG(false)")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    width = int.from_bytes(png[16:20], "big")
    assert width == browser.execute_script("return actorgraph.network.canvas.frame.canvas.width")


def test_overview_at_scale_then_expand_focus_and_reset(tmp_path, browser, artifacts):
    G, camps = _camped(4, 150)
    out = render_html(G, tmp_path / "big.html", camps=camps, max_nodes=100)
    data = embedded(out.read_text(encoding="utf-8"))
    seconds = open_page(browser, out)
    assert seconds < 10
    assert browser.execute_script("return actorgraph.counts().nodes") == 100
    expected_edges = sum(1 for e in data["edges"] if e["from"] in set(data["overview"]) and e["to"] in set(data["overview"]))
    assert browser.execute_script("return actorgraph.counts().edges") == expected_edges
    stats = browser.find_element("id", "ag-stats").text
    assert "Showing 100 of 600 actors" in stats and "500 not shown" in stats and "show all" in stats
    shoot(browser, artifacts, "overview-600")
    camp0 = sum(1 for n in data["nodes"] if n["camp"] == 0)
    shown0 = sum(1 for n in data["nodes"] if n["camp"] == 0 and n["id"] in set(data["overview"]))
    browser.find_element("css selector", "#ag-camps .ag-camp button").click()           # "show all" of camp 0
    assert browser.execute_script("return actorgraph.counts().nodes") == 100 - shown0 + camp0
    shoot(browser, artifacts, "overview-camp0-expanded")
    # focus on the most central actor, depth 1
    top = data["nodes"][0]
    neighbours = {e["to"] if e["from"] == top["id"] else e["from"] for e in data["edges"] if top["id"] in (e["from"], e["to"])}
    browser.execute_script("actorgraph.focus(arguments[0], 1)", top["id"])
    assert set(browser.execute_script("return actorgraph.nodes.getIds()")) == neighbours | {top["id"]}
    smallest = browser.execute_script("""var net = actorgraph.network, s = net.getScale();
        return Math.min.apply(null, actorgraph.nodes.getIds().map(function (id) {
          return Math.min(net.body.nodes[id].labelModule.fontOptions.size * s, 20); }));""")
    assert smallest >= 11                                          # a small focused view names everyone
    shoot(browser, artifacts, "focus-top-depth1")
    browser.find_element("id", "ag-reset").click()
    assert browser.execute_script("return actorgraph.counts().nodes") == 100
    # "Show neighbours" on an actor brings in exactly its hidden neighbours
    shown = set(data["overview"])
    actor = next(n for n in data["nodes"] if n["id"] in shown and any(
        (e["to"] if e["from"] == n["id"] else e["from"]) not in shown
        for e in data["edges"] if n["id"] in (e["from"], e["to"])))
    hidden = {e["to"] if e["from"] == actor["id"] else e["from"] for e in data["edges"]
              if actor["id"] in (e["from"], e["to"])} - shown
    browser.execute_script("actorgraph.showNode(arguments[0])", actor["id"])
    button = browser.find_element("xpath", "//button[starts-with(text(), 'Show neighbours')]")
    assert f"({len(hidden)} hidden)" in button.text
    button.click()
    assert set(browser.execute_script("return actorgraph.nodes.getIds()")) == shown | hidden
    browser.find_element("id", "ag-reset").click()
    # searching an actor outside the overview brings it in
    hidden = next(n for n in reversed(data["nodes"]) if n["id"] not in set(data["overview"]))
    assert browser.execute_script("return actorgraph.search(arguments[0])", hidden["label"]) == hidden["id"]
    assert browser.execute_script("return actorgraph.counts().nodes") == 101
    assert severe(browser) == []
