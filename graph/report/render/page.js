// actorgraph page: reads the model embedded as JSON (#ag-data), draws it with vis-network on a
// frozen layout (no physics), and wires the controls. Every string from the data is shown
// with textContent or as a vis tooltip string (which vis shows with innerText): never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ag-data").textContent);
  var KIND_ORDER = data.kinds.map(function (k) { return k.kind; });
  var kindStyle = {}; data.kinds.forEach(function (k) { kindStyle[k.kind] = k; });
  var campById = {}; data.camps.forEach(function (c) { campById[c.id] = c; });
  var nodeById = {}, edgeById = {}, incident = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; incident[n.id] = []; });
  data.edges.forEach(function (e) {
    edgeById[e.id] = e; incident[e.from].push(e); if (e.to !== e.from) { incident[e.to].push(e); }
  });
  var overviewSet = new Set(data.overview);
  var LABEL_TOP = 17, EDGE_FONT = 6;

  var state = {
    kinds: {}, camps: {}, lo: 0, hi: Math.max(0, data.dates.length - 1),
    expandedCamps: new Set(), expandedActors: new Set(), revealed: new Set(), focus: null, depth: 1,
    ready: false, readyAt: null, selectedEdge: null, selectedNode: null
  };
  KIND_ORDER.forEach(function (k) { state.kinds[k] = true; });

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clearEl(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }
  function campOf(n) { return n.camp >= 0 ? campById[n.camp] : null; }
  function campName(n) { var c = campOf(n); return c ? c.name : "unaligned"; }
  function campColour(n) { var c = campOf(n); return c ? c.colour : data.unaligned.colour; }
  function plural(k, word) { return k + " " + word + (k === 1 ? "" : "s"); }
  function other(e, id) { return e.from === id ? e.to : e.from; }
  function safeUrl(u) {
    if (typeof u !== "string" || !/^https?:\/\//i.test(u.trim())) { return null; }
    try { var p = new URL(u.trim()); return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null; }
    catch (err) { return null; }
  }

  // ---------------------------------------------------------------- what is visible
  function dateNarrowed() { return data.dates.length > 0 && (state.lo > 0 || state.hi < data.dates.length - 1); }
  function kindNarrowed() { return KIND_ORDER.some(function (k) { return !state.kinds[k]; }); }
  function edgePasses(e) {
    if (!state.kinds[e.kind]) { return false; }
    if (dateNarrowed()) {
      var lo = data.dates[state.lo], hi = data.dates[state.hi];
      return e.dates.some(function (d) { return d >= lo && d <= hi; });
    }
    return true;
  }
  function campOn(n) { return state.camps[n.camp] !== false; }

  function candidates() {
    var set = new Set();
    if (state.focus) {
      set.add(state.focus);
      var frontier = [state.focus];
      for (var d = 0; d < state.depth; d++) {
        var next = [];
        frontier.forEach(function (id) {
          incident[id].forEach(function (e) {
            var o = other(e, id);
            if (edgePasses(e) && campOn(nodeById[o]) && !set.has(o)) { set.add(o); next.push(o); }
          });
        });
        frontier = next;
      }
      return set;
    }
    data.nodes.forEach(function (n) {
      if (overviewSet.has(n.id) || state.expandedCamps.has(n.camp) || state.revealed.has(n.id)) { set.add(n.id); }
    });
    state.expandedActors.forEach(function (id) {
      set.add(id);
      incident[id].forEach(function (e) { if (edgePasses(e)) { set.add(other(e, id)); } });
    });
    var out = new Set();
    set.forEach(function (id) { if (campOn(nodeById[id]) || state.revealed.has(id)) { out.add(id); } });
    return out;
  }

  function computeVisible() {
    var nodes = candidates(), narrowed = dateNarrowed() || kindNarrowed();
    if (narrowed) {   // actors with no relation left under the kind and date filters leave the view
      nodes.forEach(function (id) {
        if (id !== state.focus && !state.revealed.has(id) && !incident[id].some(edgePasses)) { nodes.delete(id); }
      });
    }
    var edges = [];
    data.edges.forEach(function (e) { if (nodes.has(e.from) && nodes.has(e.to) && edgePasses(e)) { edges.push(e.id); } });
    return { nodes: nodes, edges: edges };
  }

  // ---------------------------------------------------------------- vis items
  function nodeTip(n) {
    var lines = [n.label, n.type + " \u00b7 " + campName(n) + (n.minted ? " \u00b7 not in the knowledge base" : "")];
    if (n.aliases.length) { lines.push("also: " + n.aliases.slice(0, 6).join(", ")); }
    lines.push(plural(incident[n.id].length, "relation") + " \u00b7 click for details");
    return lines.join("\n");
  }
  function edgeTip(e) {
    var a = nodeById[e.from].label, b = nodeById[e.to].label;
    var span = e.first_date ? (e.first_date === e.last_date ? e.first_date : e.first_date + " \u2013 " + e.last_date) : "undated";
    return a + " \u2014 " + e.relation + " \u2192 " + b + "\n" + e.kind + " \u00b7 " + plural(e.weight, "statement") +
      " \u00b7 " + span + (e.curated ? " \u00b7 curated" : "") + "\nclick to read the evidence";
  }
  var FOCUS_LABELS = 60;   // a focused view this small names every actor
  var labelAll = false;
  function fontSize(n) { return n.level >= 1 || labelAll ? LABEL_TOP : 3 + 7 * n.level; }
  function visNode(n) {
    var c = campColour(n), border = n.camp >= 0 ? "#333333" : data.unaligned.border;
    var item = {
      id: n.id, label: n.label, x: n.x * XS, y: n.y, shape: n.shape, size: 5 + 15 * Math.sqrt(n.score),
      color: { background: c, border: border, highlight: { background: c, border: "#000000" },
               hover: { background: c, border: "#000000" } },
      borderWidth: n.level >= 1 ? 2 : 1, font: { size: fontSize(n) }, title: nodeTip(n)
    };
    if (n.minted) { item.shapeProperties = { borderDashes: [3, 2] }; }
    return item;
  }
  var pairIndex = {};
  (function () {
    var seen = {};
    data.edges.forEach(function (e) {
      var key = e.from < e.to ? e.from + "|" + e.to : e.to + "|" + e.from;
      pairIndex[e.id] = seen[key] || 0; seen[key] = (seen[key] || 0) + 1;
    });
  })();
  function visEdge(e) {
    var s = kindStyle[e.kind], k = pairIndex[e.id];
    return {
      id: e.id, from: e.from, to: e.to, label: e.relation, title: edgeTip(e), dashes: s.dashes,
      color: { color: s.colour, highlight: s.colour, hover: s.colour, opacity: 0.85 },
      width: 1 + Math.min(5, Math.log2(e.weight)), font: { size: EDGE_FONT },
      arrows: { to: { enabled: !e.symmetric, scaleFactor: 0.5 } },
      smooth: k === 0 ? false : { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(k / 2) }
    };
  }

  var nodesDS = new vis.DataSet(), edgesDS = new vis.DataSet();
  function sync() {
    var v = computeVisible();
    var wantE = new Set(v.edges);
    var dropE = edgesDS.getIds().filter(function (id) { return !wantE.has(id); });
    edgesDS.remove(dropE);
    var dropN = nodesDS.getIds().filter(function (id) { return !v.nodes.has(id); });
    nodesDS.remove(dropN);
    var all = !!state.focus && v.nodes.size <= FOCUS_LABELS;
    if (all !== labelAll) {
      labelAll = all;
      nodesDS.update(nodesDS.getIds().map(function (id) { return { id: id, font: { size: fontSize(nodeById[id]) } }; }));
    }
    var addN = []; v.nodes.forEach(function (id) { if (!nodesDS.get(id)) { addN.push(visNode(nodeById[id])); } });
    nodesDS.add(addN);
    var addE = v.edges.filter(function (id) { return !edgesDS.get(id); }).map(function (id) { return visEdge(edgeById[id]); });
    edgesDS.add(addE);
    updateStats();
    updateLegendCounts();
  }

  // ---------------------------------------------------------------- the network
  var container = $("ag-canvas");
  // the layout fills a 3:2 box; stretch it horizontally or vertically to the canvas's own shape
  var XS = (function () {
    var w = container.clientWidth || 1200, h = container.clientHeight || 800, xs = [], ys = [];
    data.nodes.forEach(function (n) { xs.push(n.x); ys.push(n.y); });
    if (xs.length < 2) { return 1; }
    var bw = Math.max.apply(null, xs) - Math.min.apply(null, xs), bh = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    if (bw <= 0 || bh <= 0) { return 1; }
    return Math.max(0.5, Math.min(2.5, ((w - 180) / (h - 110)) / (bw / bh)));
  })();
  var options = {
    autoResize: true, physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 42 },
    nodes: { font: { face: "system-ui, sans-serif", color: "#111111", strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { enabled: true, drawThreshold: 9, maxVisible: 20 } } },
    edges: { font: { face: "system-ui, sans-serif", color: "#333333", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
             scaling: { label: { enabled: true, drawThreshold: 9, maxVisible: 14 } },
             selectionWidth: 2, hoverWidth: 1, smooth: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.nodes.length > 400,
                   hideEdgesOnZoom: data.nodes.length > 2000, multiselect: false }
  };

  function fit(ids) {
    ids = ids || nodesDS.getIds();
    if (!ids.length) { network.moveTo({ position: { x: 0, y: 0 }, scale: 1, animation: false }); return; }
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    ids.forEach(function (id) {
      var n = nodeById[id], x = n.x * XS;
      if (x < minX) { minX = x; } if (x > maxX) { maxX = x; }
      if (n.y < minY) { minY = n.y; } if (n.y > maxY) { maxY = n.y; }
    });
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = Math.min(w / (maxX - minX + 180), h / (maxY - minY + 110));
    scale = Math.max(0.05, Math.min(scale, 2.0));
    network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale: scale, animation: false });
  }

  // ---------------------------------------------------------------- header: stats
  function updateStats() {
    var shownN = nodesDS.length, shownE = edgesDS.length, total = data.nodes.length, totalE = data.edges.length;
    var parts = ["Showing " + shownN + " of " + plural(total, "actor") + " and " + shownE + " of " + plural(totalE, "relation") + "."];
    if (state.focus) {
      parts.push("Focused on " + nodeById[state.focus].label + " and its neighbours to depth " + state.depth + " (Reset to leave).");
    } else if (shownN < total) {
      var why = [];
      if (data.overview.length < total) {
        why.push("the first view holds each camp\u2019s most central members (budget " + data.budget + " actors)");
      }
      if (dateNarrowed() || kindNarrowed()) { why.push("the kind and date filters hide some relations"); }
      if (Object.keys(state.camps).some(function (k) { return state.camps[k] === false; })) { why.push("some camps are switched off"); }
      parts.push((total - shownN) + " not shown: " + why.join("; ") +
        ". To see them: \u201cshow all\u201d beside a camp, \u201cShow neighbours\u201d on a selected actor, or find one by name.");
    }
    if (data.network.actors > total) {
      parts.push("The network has " + plural(data.network.actors, "actor") + "; this page holds " + total +
        (data.narrowed.length ? " (" + data.narrowed.join("; ") + ")" : "") + ".");
    }
    $("ag-stats").textContent = parts.join(" ");
  }

  // ---------------------------------------------------------------- legend and toggles
  var campRows = {};
  function campRow(id, name, colour, size, number) {
    var row = el("div", "ag-camp");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.id = "ag-camp-" + (id < 0 ? "u" : id);
    box.setAttribute("data-camp", String(id));
    box.addEventListener("change", function () { setCamp(id, box.checked); });
    var sw = el("span", "ag-swatch"); sw.style.background = colour;
    var lab = el("label", null, name); lab.htmlFor = box.id;
    lab.title = (number === undefined ? "" : "camp " + number + " (render --camp " + number + "): ") + name;
    var count = el("span", "ag-muted", "");
    var more = el("button", null, "show all"); more.type = "button";
    more.addEventListener("click", function () { expandCamp(id); });
    row.appendChild(box); row.appendChild(sw); row.appendChild(lab); row.appendChild(count); row.appendChild(more);
    $("ag-camps").appendChild(row);
    campRows[id] = { count: count, more: more, size: size };
  }
  data.camps.forEach(function (c) { campRow(c.id, c.name, c.colour, c.size, c.number); });
  if (data.unaligned.size) { campRow(-1, data.unaligned.name, data.unaligned.colour, data.unaligned.size); }
  function updateLegendCounts() {
    var shown = {};
    nodesDS.getIds().forEach(function (id) { var c = nodeById[id].camp; shown[c] = (shown[c] || 0) + 1; });
    Object.keys(campRows).forEach(function (k) {
      var r = campRows[k], s = shown[k] || 0;
      r.count.textContent = s < r.size ? s + "/" + r.size : String(r.size);
      r.more.style.visibility = s < r.size && !state.focus ? "visible" : "hidden";
    });
  }
  var SHAPE_GLYPH = { dot: "\u25cf", square: "\u25a0", diamond: "\u25c6", triangle: "\u25b2", triangleDown: "\u25bc",
                      star: "\u2605", hexagon: "\u2b22" };
  (function () {
    var byShape = {};
    data.types.forEach(function (t) { (byShape[t.shape] = byShape[t.shape] || []).push(t.type); });
    var text = Object.keys(byShape).map(function (s) { return (SHAPE_GLYPH[s] || s) + " " + byShape[s].join(", "); });
    $("ag-shapes").textContent = "Shape: " + text.join(" \u00b7 ") + ". Size: centrality. Dashed outline: not in the knowledge base.";
  })();
  data.kinds.forEach(function (k) {
    if (!k.count) { return; }
    var lab = el("label", "ag-kind");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.id = "ag-kind-" + k.kind;
    box.addEventListener("change", function () { setKind(k.kind, box.checked); });
    var line = el("span", "ag-line" + (k.dashes ? (k.dashes[0] <= 2 ? " dotted" : " dashed") : ""));
    line.style.borderTopColor = k.colour;
    lab.appendChild(box); lab.appendChild(line); lab.appendChild(document.createTextNode(k.text + " (" + k.count + ")"));
    $("ag-kinds").appendChild(lab);
  });

  // dates
  var from = $("ag-date-from"), to = $("ag-date-to");
  if (!data.dates.length) { $("ag-dates").style.display = "none"; }
  from.max = to.max = String(Math.max(0, data.dates.length - 1)); from.value = "0"; to.value = to.max;
  function dateText() {
    $("ag-date-text").textContent = data.dates.length ? data.dates[state.lo] + " \u2013 " + data.dates[state.hi] +
      (dateNarrowed() ? " (undated relations hidden)" : "") : "";
  }
  function onDates() {
    var a = +from.value, b = +to.value;
    if (a > b) { if (this === from) { to.value = String(a); b = a; } else { from.value = String(b); a = b; } }
    setDateRange(a, b);
  }
  from.addEventListener("input", onDates); to.addEventListener("input", onDates);
  dateText();

  // ---------------------------------------------------------------- actions
  function setKind(kind, on) { state.kinds[kind] = !!on; var b = $("ag-kind-" + kind); if (b) { b.checked = !!on; } sync(); }
  function setCamp(id, on) { state.camps[id] = !!on; var b = $("ag-camp-" + (id < 0 ? "u" : id)); if (b) { b.checked = !!on; } sync(); }
  function setDateRange(a, b) {
    var last = Math.max(0, data.dates.length - 1);
    state.lo = Math.max(0, Math.min(a, last)); state.hi = Math.max(state.lo, Math.min(b, last));
    from.value = String(state.lo); to.value = String(state.hi); dateText(); sync();
  }
  function setDates(loDate, hiDate) {     // by ISO date strings (inclusive)
    var a = 0, b = data.dates.length - 1;
    while (a < data.dates.length && loDate && data.dates[a] < loDate) { a++; }
    while (b >= 0 && hiDate && data.dates[b] > hiDate) { b--; }
    setDateRange(a, b);
  }
  function expandCamp(id) { state.expandedCamps.add(id); state.camps[id] = true; sync(); }
  function expandActor(id) { state.revealed.add(id); state.expandedActors.add(id); sync(); }
  function reveal(id) {
    var n = nodeById[id];
    if (state.focus && !computeVisible().nodes.has(id)) { state.focus = null; }
    if (state.camps[n.camp] === false) { setCamp(n.camp, true); }
    state.revealed.add(id); sync();
  }
  function focusOn(id, depth) {
    state.focus = id; state.depth = Math.max(1, depth | 0); sync(); fit(); select(id);
  }
  function select(id) { if (nodesDS.get(id)) { network.selectNodes([id]); } }
  function reset() {
    KIND_ORDER.forEach(function (k) { state.kinds[k] = true; var b = $("ag-kind-" + k); if (b) { b.checked = true; } });
    state.camps = {}; document.querySelectorAll("#ag-camps input").forEach(function (b) { b.checked = true; });
    state.lo = 0; state.hi = Math.max(0, data.dates.length - 1); from.value = "0"; to.value = String(state.hi); dateText();
    state.expandedCamps.clear(); state.expandedActors.clear(); state.revealed.clear(); state.focus = null;
    $("ag-search").value = ""; $("ag-search-status").textContent = "";
    sync(); network.unselectAll(); fit(); hint();
  }
  function findActor(term) {
    var t = String(term || "").trim().toLowerCase();
    if (!t) { return null; }
    var best = null, bestTier = 9;
    data.nodes.forEach(function (n) {         // nodes come in order of centrality: first hit of a tier wins
      var names = [n.label].concat(n.aliases), tier = 9;
      names.forEach(function (s) {
        var l = s.toLowerCase();
        var k = l === t ? 0 : l.indexOf(t) === 0 ? 1 : l.indexOf(t) > 0 ? 2 : 9;
        if (k < tier) { tier = k; }
      });
      if (tier < bestTier) { best = n; bestTier = tier; }
    });
    return best;
  }
  function search(term) {
    var n = findActor(term), status = $("ag-search-status");
    if (!n) { status.textContent = "No actor matches \u201c" + String(term) + "\u201d."; return null; }
    status.textContent = "";
    reveal(n.id);
    network.selectNodes([n.id]);
    network.moveTo({ position: { x: n.x * XS, y: n.y }, scale: Math.max(network.getScale(), 1.5), animation: false });
    showNode(n.id);
    return n.id;
  }
  function exportPNG(download) {
    var src = container.querySelector("canvas");
    var c = document.createElement("canvas"); c.width = src.width; c.height = src.height;
    var ctx = c.getContext("2d"); ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, c.width, c.height); ctx.drawImage(src, 0, 0);
    var url = c.toDataURL("image/png");
    if (download !== false) {
      var a = el("a"); a.href = url; a.download = (document.title || "actorgraph").replace(/[^\w.-]+/g, "_") + ".png";
      document.body.appendChild(a); a.click(); a.remove();
    }
    return url;
  }

  $("ag-search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search($("ag-search").value); });
  $("ag-reset").addEventListener("click", reset);
  $("ag-export").addEventListener("click", function () { exportPNG(true); });
  (function () {
    var list = $("ag-names"), seen = new Set();
    data.nodes.slice(0, 5000).forEach(function (n) {
      [n.label].concat(n.aliases).forEach(function (s) {
        if (seen.has(s)) { return; } seen.add(s);
        var o = document.createElement("option"); o.value = s; list.appendChild(o);
      });
    });
  })();

  // ---------------------------------------------------------------- panels
  var panel = $("ag-panel");
  function hint() {
    clearEl(panel);
    panel.appendChild(el("p", "ag-hint", "Click a relation (a line) to read the sentences behind it, or an actor to see its ties. " +
      "Scroll to zoom: more names appear as you zoom in."));
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    state.selectedEdge = id; state.selectedNode = null;
    clearEl(panel);
    var a = nodeById[e.from].label, b = nodeById[e.to].label;
    panel.appendChild(el("h3", null, a + " \u2014 " + e.relation + " \u2192 " + b));
    var meta = e.kind + " \u00b7 " + plural(e.weight, "statement");
    if (typeof e.confidence === "number") { meta += " \u00b7 max confidence " + e.confidence.toFixed(2); }
    if (e.first_date) { meta += " \u00b7 " + (e.first_date === e.last_date ? e.first_date : e.first_date + " \u2013 " + e.last_date); }
    if (e.curated) { meta += " \u00b7 curated fact"; }
    panel.appendChild(el("div", "meta", meta));
    var list = el("ol", "evidence"), nsrc = 0;
    e.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("div", "sentence", ev.sentence || "(no sentence)"));
      ev.sources.forEach(function (s) {
        nsrc++;
        var div = el("div", "source"), url = safeUrl(s.url), name = s.title || (url ? url : s.source) || "source";
        if (url) {
          var link = el("a", null, name); link.href = url; link.target = "_blank"; link.rel = "noopener noreferrer";
          div.appendChild(link);
        } else { div.appendChild(document.createTextNode(name)); }
        var rest = [s.date, typeof s.confidence === "number" ? "confidence " + s.confidence.toFixed(2) : null]
          .filter(Boolean).join(" \u00b7 ");
        if (rest) { div.appendChild(document.createTextNode(" \u00b7 " + rest)); }
        li.appendChild(div);
      });
      list.appendChild(li);
    });
    panel.appendChild(list);
    if (nsrc < e.weight && e.evidence.length) {
      panel.appendChild(el("div", "ag-hint", plural(e.evidence.length, "distinct sentence") + " from " + nsrc + " of " +
        plural(e.weight, "statement") + " (repeats are listed once; the network keeps a sample of each relation\u2019s evidence)."));
    }
    if (!e.evidence.length && e.curated) { panel.appendChild(el("div", "ag-hint", "A curated background fact: no extracted evidence.")); }
  }
  function showNode(id) {
    var n = nodeById[id];
    if (!n) { return; }
    state.selectedNode = id; state.selectedEdge = null;
    clearEl(panel);
    panel.appendChild(el("h3", null, n.label));
    panel.appendChild(el("div", "meta", n.type + " \u00b7 camp: " + campName(n) + (n.minted ? " \u00b7 not in the knowledge base" : "")));
    if (n.aliases.length) { panel.appendChild(el("div", "meta", "Also known as: " + n.aliases.join(", "))); }
    panel.appendChild(el("div", "source", n.iri));
    var actions = el("div", "ag-actions");
    var depth = el("select"); [1, 2, 3].forEach(function (d) { var o = el("option", null, "depth " + d); o.value = String(d); depth.appendChild(o); });
    var fb = el("button", null, "Focus"); fb.type = "button";
    fb.addEventListener("click", function () { focusOn(id, +depth.value); });
    var hidden = incident[id].filter(function (e) { return !nodesDS.get(other(e, id)); }).length;
    var nb = el("button", null, "Show neighbours" + (hidden ? " (" + hidden + " hidden)" : "")); nb.type = "button";
    nb.addEventListener("click", function () { expandActor(id); showNode(id); });
    actions.appendChild(fb); actions.appendChild(depth); actions.appendChild(nb);
    panel.appendChild(actions);
    KIND_ORDER.forEach(function (kind) {
      var ties = incident[id].filter(function (e) { return e.kind === kind; })
        .sort(function (p, q) { return q.weight - p.weight || nodeById[other(p, id)].rank - nodeById[other(q, id)].rank; });
      if (!ties.length) { return; }
      panel.appendChild(el("h4", null, kindStyle[kind].text + " (" + ties.length + ")"));
      var ul = el("ul");
      ties.slice(0, 10).forEach(function (e) {
        var li = el("li"), arrow = e.symmetric ? " \u2194 " : (e.from === id ? " \u2192 " : " \u2190 ");
        var link = el("a", "rel", e.relation + arrow + nodeById[other(e, id)].label + " (" + e.weight + ")");
        link.addEventListener("click", function () { reveal(other(e, id)); network.selectEdges([e.id]); showEdge(e.id); });
        li.appendChild(link); ul.appendChild(li);
      });
      if (ties.length > 10) { ul.appendChild(el("li", "ag-hint", (ties.length - 10) + " more")); }
      panel.appendChild(ul);
    });
  }

  sync();
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, options);
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  network.on("hoverEdge", function (p) { edgesDS.update({ id: p.edge, font: { size: Math.max(EDGE_FONT, 12 / network.getScale()) } }); });
  network.on("blurEdge", function (p) { if (edgesDS.get(p.edge)) { edgesDS.update({ id: p.edge, font: { size: EDGE_FONT } }); } });

  window.actorgraph = {
    data: data, network: network, nodes: nodesDS, edges: edgesDS, state: state,
    search: search, findActor: findActor, setKind: setKind, setCamp: setCamp, setDateRange: setDateRange,
    setDates: setDates, focus: focusOn, reset: reset, expandCamp: expandCamp, expandActor: expandActor,
    exportPNG: exportPNG, showEdge: showEdge, showNode: showNode, fit: fit,
    counts: function () { return { nodes: nodesDS.length, edges: edgesDS.length }; },
    ready: false
  };
  fit();
  network.once("afterDrawing", function () {
    window.actorgraph.ready = true; window.actorgraph.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  });
  network.redraw();
})();
