"""The actor network as one self-contained, offline HTML page (pyvis / vis-network).

:func:`render_html` keeps the best-connected actors, lays them out ahead with
networkx, and writes a page that works without network access: vis-network is
inlined and every remote ``<script src>`` / ``<link href>`` of pyvis's template is
removed. Clicking a relation shows its evidence sentences in a side panel.

Data never becomes markup: node and edge tooltips are plain text (vis-network 9
shows string titles with ``innerText``), the data is embedded as JSON with ``<``,
``>`` and ``&`` escaped, and the evidence panel is built with ``textContent``.
Only the page frame (title, header, legend) is HTML, and it is escaped here.
"""
from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network

from ..atomic import atomic_write
from ..vocab import ACTOR_CLASSES

__all__ = ["render_html", "TYPE_COLOURS", "KIND_COLOURS", "REMOTE_RESOURCE_RE", "SEED"]

SEED = 42

#: Node colour per actor class (local names from graph.vocab.ACTOR_CLASSES); others are grey.
TYPE_COLOURS: dict[str, str] = dict(zip(ACTOR_CLASSES, (
    "#4e79a7", "#76b7b2", "#9c755f", "#f28e2b", "#b07aa1",
    "#edc948", "#bab0ac", "#ff9da7", "#d37295", "#86bcb6",
)))
OTHER_COLOUR = "#cfcfcf"
#: Edge colour per relation kind; structural and neutral edges are also dashed.
KIND_COLOURS = {"alliance": "#2e9e44", "hostility": "#d62728", "structural": "#8c8c8c", "neutral": "#8c8c8c"}
KIND_TEXT = {"alliance": "alliance (green)", "hostility": "hostility (red)",
             "structural": "structural (grey, dashed)", "neutral": "neutral (grey, dashed)"}

#: A ``<script src>`` or ``<link href>`` that points off the machine.
REMOTE_RESOURCE_RE = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)
_REMOTE_TAG_RE = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*/?>", re.IGNORECASE | re.DOTALL)
_EMPTY_HEADING_RE = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)

TOOLTIP_EVIDENCE = 5
#: Above this many drawn nodes the layout uses the vectorised Fruchterman–Reingold below.
NX_LAYOUT_MAX = 400
STABILIZATION_ITERATIONS = 200


def _degrees(edges: list[tuple[Any, Any, Any, dict]]) -> dict[Any, int]:
    neighbours: dict[Any, set] = defaultdict(set)
    for u, v, _, _ in edges:
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    return {n: len(s) for n, s in neighbours.items()}


def _select(G: nx.MultiDiGraph, max_nodes: int, min_weight: int) -> tuple[list, list, dict]:
    """Top ``max_nodes`` actors by degree among edges of weight ≥ ``min_weight``."""
    edges = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
             if (d.get("weight", 1) or 0) >= min_weight]
    degree = _degrees(edges)
    label = lambda n: str(G.nodes[n].get("label", n))  # noqa: E731
    candidates = list(degree) if edges else list(G.nodes)
    ranked = sorted(candidates, key=lambda n: (-degree.get(n, 0), label(n), str(n)))[:max(0, max_nodes)]
    keep = set(ranked)
    kept_edges = [e for e in edges if e[0] in keep and e[1] in keep]
    return ranked, kept_edges, _degrees(kept_edges)


def _layout(nodes: list, edges: list) -> dict[Any, tuple[float, float]]:
    """Seeded force-directed positions, scaled to vis-network pixels.

    networkx ``spring_layout`` up to :data:`NX_LAYOUT_MAX` nodes; above that its
    sparse code path takes seconds (≈4 s at 1,000 nodes), so a vectorised
    Fruchterman–Reingold in float32 gives the rough start (≈0.6 s at 1,000) that
    vis-network's bounded stabilisation then refines.
    """
    if not nodes:
        return {}
    n = len(nodes)
    scale = max(250.0, 90.0 * math.sqrt(n))
    if n <= NX_LAYOUT_MAX:
        H = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_edges_from((u, v) for u, v, _, _ in edges if u != v)
        pos = nx.spring_layout(H, seed=SEED, scale=scale)
        return {k: (float(x), float(y)) for k, (x, y) in pos.items()}
    index = {node: i for i, node in enumerate(nodes)}
    A = np.zeros((n, n), dtype=np.float32)
    for u, v, _, _ in edges:
        if u != v:
            A[index[u], index[v]] = A[index[v], index[u]] = 1.0
    xy = _fruchterman_reingold(A, iterations=max(10, min(50, int(50 * (1000 / n) ** 2))))
    xy -= xy.mean(axis=0)
    xy *= scale / max(float(np.abs(xy).max()), 1e-9)
    return {node: (float(xy[i, 0]), float(xy[i, 1])) for node, i in index.items()}


def _fruchterman_reingold(A: np.ndarray, iterations: int, seed: int = SEED) -> np.ndarray:
    """Dense Fruchterman–Reingold (as in networkx), vectorised in float32. O(n²) memory."""
    n = A.shape[0]
    pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    t, dt = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        d2 = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        force = k * k / d2 - A * np.sqrt(d2) / k          # repulsion − attraction, over distance
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=1), np.float32(0.01))
        pos += disp * (np.float32(t) / length)[:, None]
        t -= dt
    return pos


def _text_safe(text: str) -> str:
    # pyvis switches node tooltips to an innerHTML popup when a title contains "href": never let it.
    return text.replace("href", "hr\u200bef")


def _date_span(d: dict) -> str:
    a, b = d.get("first_date"), d.get("last_date")
    if not a:
        return "undated"
    return a if a == b else f"{a} – {b}"


def _node_title(G: nx.MultiDiGraph, n: Any, degree: int) -> str:
    a = G.nodes[n]
    lines = [str(a.get("label", n)),
             f"{a.get('type', 'Actor')}{' · minted (not in the knowledge base)' if a.get('minted') else ''}",
             f"{degree} counterpart{'s' if degree != 1 else ''} shown", str(n)]
    return _text_safe("\n".join(lines))


def _edge_title(src: str, dst: str, d: dict) -> str:
    conf = d.get("confidence")
    lines = [f"{src} {d.get('relation', '')} {dst}",
             f"{d.get('kind', 'neutral')} · weight {d.get('weight', 1)}"
             + (f" · confidence {conf:.2f}" if isinstance(conf, (int, float)) else "")
             + f" · {_date_span(d)}" + (" · curated" if d.get("curated") else "")]
    for ev in (d.get("evidence") or [])[:TOOLTIP_EVIDENCE]:
        source = " — ".join(x for x in (ev.get("title"), ev.get("date")) if x)
        lines.append(f"• {ev.get('sentence') or '(no sentence)'}" + (f"  [{source}]" if source else ""))
    more = (d.get("weight", 0) or 0) - min(TOOLTIP_EVIDENCE, len(d.get("evidence") or []))
    if more > 0:
        lines.append(f"… {more} more (click the relation)")
    return "\n".join(lines)


def _vis_nodes(G: nx.MultiDiGraph, nodes: list, degree: dict, pos: dict) -> list[dict]:
    out = []
    for n in nodes:
        a = G.nodes[n]
        typ = str(a.get("type", "Actor"))
        deg = degree.get(n, 0)
        node = {
            "id": str(n), "label": str(a.get("label", n)), "title": _node_title(G, n, deg),
            "color": TYPE_COLOURS.get(typ, OTHER_COLOUR), "size": round(min(45.0, 9 + 4 * math.sqrt(deg)), 1),
            "shape": "dot", "type": typ, "minted": bool(a.get("minted")), "degree": deg,
            "x": round(pos[n][0], 1), "y": round(pos[n][1], 1),
        }
        if node["minted"]:
            node["shapeProperties"] = {"borderDashes": [4, 3]}
            node["borderWidth"] = 2
        out.append(node)
    return out


def _vis_edges(G: nx.MultiDiGraph, edges: list) -> list[dict]:
    out = []
    parallel: dict[frozenset, int] = defaultdict(int)
    for i, (u, v, key, d) in enumerate(edges):
        kind = d.get("kind", "neutral")
        src, dst = str(G.nodes[u].get("label", u)), str(G.nodes[v].get("label", v))
        pair = frozenset((u, v))
        k = parallel[pair]
        parallel[pair] += 1
        smooth: Any = False if k == 0 else {
            "enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW", "roundness": 0.25 * ((k + 1) // 2)}
        weight = int(d.get("weight", 1) or 1)
        out.append({
            "id": f"e{i}", "from": str(u), "to": str(v), "label": str(d.get("relation", key)),
            "title": _edge_title(src, dst, d),
            "color": KIND_COLOURS.get(kind, KIND_COLOURS["neutral"]),
            "dashes": kind not in ("alliance", "hostility"),
            "width": round(1 + min(6.0, math.log2(weight)), 2),
            "arrows": {"to": {"enabled": not d.get("symmetric", False)}},
            "smooth": smooth,
            # data for the evidence panel
            "relation": str(d.get("relation", key)), "kind": kind, "weight": weight,
            "confidence": d.get("confidence"), "first_date": d.get("first_date"),
            "last_date": d.get("last_date"), "curated": bool(d.get("curated")),
            "from_label": src, "to_label": dst,
            "evidence": [{k2: ev.get(k2) for k2 in ("sentence", "title", "date", "confidence", "document")}
                         for ev in (d.get("evidence") or [])],
        })
    return out


def _options(physics: bool) -> dict:
    return {
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3,
                                            "strokeColor": "#ffffff"}, "borderWidth": 1},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#444444", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": False, "selectionWidth": 2, "hoverWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "physics": {
            "enabled": physics, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.2, "springLength": 140,
                          "springConstant": 0.03, "damping": 0.6, "avoidOverlap": 0.3},
            "stabilization": {"enabled": physics, "iterations": STABILIZATION_ITERATIONS,
                              "updateInterval": 25, "fit": True},
            "minVelocity": 1.0, "maxVelocity": 40,
        },
    }


_CSS = """
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
#ag-header { padding: 8px 14px; border-bottom: 1px solid #ddd; background: #fafafa; }
#ag-header h1 { font-size: 20px; margin: 0 0 4px 0; }
#ag-header .ag-stats { font-size: 13px; color: #555; }
#ag-legend { font-size: 12px; margin-top: 6px; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
#ag-legend .dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px;
                  vertical-align: -1px; border: 1px solid #888; }
#ag-legend .dot.minted { border: 2px dashed #444; background: #fff; }
#ag-legend .line { display: inline-block; width: 26px; height: 0; margin-right: 4px; vertical-align: 3px;
                   border-top: 3px solid; }
#ag-legend .line.dashed { border-top-style: dashed; }
.card { width: calc(100% - 372px) !important; float: left; }
#mynetwork { border: none !important; border-right: 1px solid #ddd !important; }
#evidence-panel { float: left; width: 350px; height: 82vh; overflow-y: auto; padding: 10px; font-size: 13px;
                  box-sizing: content-box; }
#evidence-panel h2 { font-size: 15px; margin: 0 0 6px 0; }
#evidence-panel .meta { color: #555; margin-bottom: 8px; }
#evidence-panel ol { padding-left: 20px; margin: 0; }
#evidence-panel li { margin-bottom: 10px; }
#evidence-panel .sentence { font-style: italic; }
#evidence-panel .source { color: #666; font-size: 12px; }
#evidence-panel .hint { color: #777; }
#evidence-panel a.rel { color: #1a5fb4; cursor: pointer; text-decoration: underline; }
div.vis-tooltip { white-space: pre-wrap !important; max-width: 520px; font-family: system-ui, sans-serif !important;
                  font-size: 12px !important; }
"""

# Runs right after pyvis's drawGraph(), in the same <script> (so no event can fire before the
# handlers exist): evidence panel, readiness flag, physics switched off once stable.
_JS = r"""
(function () {
  var panel = null;
  var state = { ready: false, stabilized: false, selectedEdge: null };
  window.actorgraph = state;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear() {
    panel = panel || document.getElementById("evidence-panel");
    while (panel.firstChild) { panel.removeChild(panel.firstChild); } }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    state.selectedEdge = id;
    clear();
    panel.appendChild(el("h2", null, e.from_label + " \u2014 " + e.relation + " \u2192 " + e.to_label));
    var meta = e.kind + " \u00b7 " + e.weight + " statement" + (e.weight === 1 ? "" : "s");
    if (typeof e.confidence === "number") { meta += " \u00b7 max confidence " + e.confidence.toFixed(2); }
    if (e.first_date) { meta += " \u00b7 " + (e.first_date === e.last_date ? e.first_date : e.first_date + " \u2013 " + e.last_date); }
    if (e.curated) { meta += " \u00b7 curated fact"; }
    panel.appendChild(el("div", "meta", meta));
    var list = el("ol", "evidence");
    (e.evidence || []).forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("div", "sentence", ev.sentence || "(no sentence)"));
      var src = [ev.title, ev.date].filter(Boolean).join(" \u00b7 ");
      if (typeof ev.confidence === "number") { src += (src ? " \u00b7 " : "") + "confidence " + ev.confidence.toFixed(2); }
      if (src) { li.appendChild(el("div", "source", src)); }
      if (ev.document) { li.appendChild(el("div", "source", ev.document)); }
      list.appendChild(li);
    });
    panel.appendChild(list);
    if ((e.evidence || []).length < e.weight) {
      panel.appendChild(el("div", "hint", "Showing " + (e.evidence || []).length + " of " + e.weight + " statements."));
    }
    if (!(e.evidence || []).length && e.curated) {
      panel.appendChild(el("div", "hint", "A curated background fact: no extracted evidence."));
    }
  }
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    state.selectedEdge = null;
    clear();
    panel.appendChild(el("h2", null, n.label));
    panel.appendChild(el("div", "meta", n.type + (n.minted ? " \u00b7 minted (not in the knowledge base)" : "") + " \u00b7 " + n.id));
    var list = el("ol", "relations");
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = edges.get(eid);
      var li = el("li");
      var a = el("a", "rel", e.from_label + " " + e.relation + " " + e.to_label + " (" + e.weight + ")");
      a.addEventListener("click", function () { network.selectEdges([eid]); showEdge(eid); });
      li.appendChild(a);
      list.appendChild(li);
    });
    panel.appendChild(list);
  }
  state.showEdge = showEdge;
  state.showNode = showNode;
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  function done() {
    if (state.ready) { return; }
    network.setOptions({ physics: { enabled: false } });
    state.stabilized = true;
    state.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (network.physics && network.physics.options && network.physics.options.enabled) {
    network.once("stabilizationIterationsDone", done);
  } else {
    done();
  }
})();
"""


def _legend(types: list[str], kinds: list[str], minted: bool) -> str:
    parts = []
    for t in types:
        parts.append(f'<span><span class="dot" style="background:{TYPE_COLOURS.get(t, OTHER_COLOUR)}">'
                     f'</span>{html.escape(t)}</span>')
    if minted:
        parts.append('<span><span class="dot minted"></span>minted actor</span>')
    for k in kinds:
        dashed = " dashed" if k not in ("alliance", "hostility") else ""
        parts.append(f'<span><span class="line{dashed}" style="border-top-color:{KIND_COLOURS.get(k, "#8c8c8c")}">'
                     f'</span>{html.escape(KIND_TEXT.get(k, k))}</span>')
    parts.append("<span>arrow: subject → object · width: number of statements · "
                 "size: number of counterparts</span>")
    return '<div id="ag-legend">' + "".join(parts) + "</div>"


def _header(title: str, G: nx.MultiDiGraph, shown_nodes: int, shown_edges: int, max_nodes: int,
            min_weight: int, legend: str) -> str:
    left_nodes = G.number_of_nodes() - shown_nodes
    left_edges = G.number_of_edges() - shown_edges
    stats = f"{shown_nodes} of {G.number_of_nodes()} actors, {shown_edges} of {G.number_of_edges()} relations shown."
    notes = []
    if left_nodes > 0:
        notes.append(f"{left_nodes} actor{'s' if left_nodes != 1 else ''} left out "
                     f"(only the {max_nodes} best connected are drawn)")
    if left_edges > 0:
        notes.append(f"{left_edges} relation{'s' if left_edges != 1 else ''} left out"
                     + (f" (weight below {min_weight} or an actor left out)" if min_weight > 1 else ""))
    if notes:
        stats += " " + "; ".join(notes) + "."
    return (f'<div id="ag-header"><h1>{html.escape(title)}</h1>'
            f'<div class="ag-stats" id="ag-stats">{html.escape(stats)}</div>{legend}</div>')


_PANEL = ('<aside id="evidence-panel"><h2>Evidence</h2>'
          '<p class="hint">Click a relation (an edge) to read the sentences that support it, '
          'or an actor to list its relations. Hover for a summary.</p></aside>'
          '<div style="clear:both"></div>')


def _strip_remote(page: str) -> str:
    page = _REMOTE_TAG_RE.sub("", page)
    page = _EMPTY_HEADING_RE.sub("", page)
    if REMOTE_RESOURCE_RE.search(page):
        raise RuntimeError("the pyvis template still references a remote resource; "
                           "update graph/render.py for this pyvis version")
    return page


def _inject(page: str, title: str, header: str) -> str:
    def once(pattern: str, repl: str, text: str) -> str:
        new, n = re.subn(pattern, lambda _: repl, text, count=1, flags=re.IGNORECASE)
        if n != 1:
            raise RuntimeError(f"unexpected pyvis template: no {pattern!r}")
        return new

    page = once(r"<meta charset=\"utf-8\">",
                f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">'
                f"\n<title>{html.escape(title)}</title>\n<style>{_CSS}</style>", page)
    page = once(r"<body>", "<body>\n" + header, page)
    page = once(r"drawGraph\(\);\s*</script>", "drawGraph();\n" + _JS + "</script>", page)
    page = once(r"</body>", _PANEL + "\n</body>", page)
    return page


def _write_atomic(path: Path, text: str) -> None:
    with atomic_write(path) as fh:
        fh.write(text)


def render_html(G: nx.MultiDiGraph, path: str | Path, *, max_nodes: int = 250, title: str = "actorgraph",
                min_weight: int = 1, physics: bool = True) -> Path:
    """Write the network as a self-contained interactive HTML page and return its path.

    Edges with ``weight < min_weight`` are dropped, then the ``max_nodes`` actors with
    the most counterparts are drawn (the page says how many were left out). Nodes are
    coloured by actor type and sized by degree; edges are green (alliance), red
    (hostility) or grey dashed (structural, neutral), labelled with the relation and
    as wide as their number of statements. Hovering shows a summary with up to five
    evidence sentences; clicking an edge lists all its evidence in the side panel.

    Positions come from a seeded networkx spring layout; with ``physics=True`` vis
    refines them for at most 200 iterations and then switches physics off, so large
    graphs settle; ``physics=False`` draws the precomputed layout as is. The file is
    written atomically and needs no network access (vis-network is inlined).
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"{path}: the output file name must end in .html")
    nodes, edges, degree = _select(G, max_nodes, min_weight)
    pos = _layout(nodes, edges)

    net = Network(height="82vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.nodes = _vis_nodes(G, nodes, degree, pos)
    net.edges = _vis_edges(G, edges)
    net.options = _options(physics)

    types = sorted({n["type"] for n in net.nodes},
                   key=lambda t: (ACTOR_CLASSES.index(t) if t in ACTOR_CLASSES else len(ACTOR_CLASSES), t))
    kinds = [k for k in KIND_COLOURS if any(e["kind"] == k for e in net.edges)]
    legend = _legend(types, kinds, any(n["minted"] for n in net.nodes))
    header = _header(title, G, len(net.nodes), len(net.edges), max_nodes, min_weight, legend)

    page = _inject(_strip_remote(net.generate_html()), title, header)
    _write_atomic(path, page)
    return path
