/* hubspoke map: groups that open, highlights that fade the rest, search over names and
 * sentences, focus and paths, a shareable address, PNG/SVG export, drawers on phones.
 * Every text from the data reaches the page through textContent or DOM nodes, never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("map-data").textContent);
  var details = data.details, groups = data.groups, links = data.links, said = data.statements;
  var N = details.length;
  var kindInfo = new Map();
  data.kinds.forEach(function (k) { kindInfo.set(k.kind, k); });
  var groupAt = new Map();  // group node id -> group index
  groups.forEach(function (g, i) { groupAt.set(g.node, i); });
  var SVG_NS = "http://www.w3.org/2000/svg";
  var DIM = { background: "#eceef0", border: "#c9ced4",
              highlight: { background: "#eceef0", border: "#c9ced4" },
              hover: { background: "#eceef0", border: "#9aa1a9" } };
  var EDGE = data.options.edges.color;
  var DIM_EDGE = { color: "#e6e8eb", highlight: "#e6e8eb", hover: "#b8bec5", inherit: false };
  var LIT_EDGE = { color: "#3d434a", highlight: "#1b1b1b", hover: "#1b1b1b", inherit: false };
  var PATH_EDGE = { color: "#b35900", highlight: "#b35900", hover: "#b35900", inherit: false };

  // ------------------------------------------------------------------ small helpers
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function truncate(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }
  function plural(n, word) { return n.toLocaleString("en-GB") + " " + word + (n === 1 ? "" : "s"); }
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/['\u2019\u2018`\u02bc]/g, "").toLowerCase().replace(/\s+/g, " ");
  }
  function isGroup(id) { return id >= N; }
  function info(id) {
    if (!isGroup(id)) { return details[id]; }
    var g = groups[groupAt.get(id)];
    return { label: g.label, kind: g.kind, class_label: "group of " + g.count, isGroup: true, group: groupAt.get(id) };
  }
  function kindLabel(kind) { return (kindInfo.get(kind) || { label: kind }).label; }

  function shapePath(ctx, shape, c, r) {
    ctx.beginPath();
    var i, a;
    switch (shape) {
      case "square": ctx.rect(c - r * 0.85, c - r * 0.85, r * 1.7, r * 1.7); break;
      case "diamond": ctx.moveTo(c, c - r); ctx.lineTo(c + r, c); ctx.lineTo(c, c + r); ctx.lineTo(c - r, c); break;
      case "triangle": ctx.moveTo(c, c - r); ctx.lineTo(c + r, c + r * 0.8); ctx.lineTo(c - r, c + r * 0.8); break;
      case "triangleDown": ctx.moveTo(c, c + r); ctx.lineTo(c + r, c - r * 0.8); ctx.lineTo(c - r, c - r * 0.8); break;
      case "hexagon":
        for (i = 0; i < 6; i++) { a = Math.PI / 3 * i; ctx[i ? "lineTo" : "moveTo"](c + r * Math.cos(a), c + r * Math.sin(a)); }
        break;
      case "star":
        for (i = 0; i < 10; i++) {
          var rr = i % 2 ? r * 0.45 : r; a = -Math.PI / 2 + Math.PI / 5 * i;
          ctx[i ? "lineTo" : "moveTo"](c + rr * Math.cos(a), c + rr * Math.sin(a));
        }
        break;
      default: ctx.arc(c, c, r, 0, 2 * Math.PI);
    }
    ctx.closePath();
  }
  function drawSwatch(ctx, x, y, size, colour, shape, dashed) {
    ctx.save();
    ctx.translate(x, y);
    shapePath(ctx, shape, size / 2, size / 2 - 2);
    ctx.fillStyle = colour; ctx.fill();
    ctx.lineWidth = 1.2; ctx.strokeStyle = "rgba(0,0,0,0.6)";
    if (dashed) { ctx.setLineDash([3, 2]); }
    ctx.stroke();
    ctx.restore();
  }
  /* A small canvas showing a colour and shape, as the map draws them. */
  function swatch(colour, shape, px, dashed) {
    var size = px || 16, ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.width = size * ratio; canvas.height = size * ratio;
    canvas.style.width = size + "px"; canvas.style.height = size + "px";
    canvas.setAttribute("aria-hidden", "true");
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    drawSwatch(ctx, 0, 0, size, colour, shape, dashed);
    return canvas;
  }
  function nodeSwatch(id, px) {
    var n = data.nodes[id];
    return swatch(n.color.background, n.shape, px, info(id).kind === "agency");
  }

  // ------------------------------------------------------------------ state
  var state = { expanded: new Set(), hidden: new Set(), selected: null, depth: 1, path: null,
                filters: { kind: "", topics: "", phase: "", section: "" } };

  function rep(id) {
    var g = details[id].group;
    return g !== undefined && !state.expanded.has(g) ? groups[g].node : id;
  }
  function shown(id) {
    if (isGroup(id)) {
      var gi = groupAt.get(id);
      return !state.expanded.has(gi) && !state.hidden.has(groups[gi].kind);
    }
    var d = details[id];
    if (state.hidden.has(d.kind)) { return false; }
    return d.group === undefined || state.expanded.has(d.group);
  }

  // ------------------------------------------------------------------ the network
  /* On a screen taller than wide, a wide layout is turned a quarter so that it fills it. */
  (function () {
    var box = document.getElementById("network");
    if (!data.nodes.length || box.clientWidth >= box.clientHeight * 0.8) { return; }
    var xs = data.nodes.map(function (n) { return n.x; }), ys = data.nodes.map(function (n) { return n.y; });
    var wide = Math.max.apply(null, xs) - Math.min.apply(null, xs), tall = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    if (wide < tall * 1.25) { return; }
    data.nodes.forEach(function (n) { var x = n.x; n.x = -n.y; n.y = x; });
  })();
  var shortLabel = [];
  data.nodes.forEach(function (n) { shortLabel[n.id] = n.label; n.label = ""; });
  /* Both sets are filled once the network exists, with its drawing held back (see quietly),
   * so that opening a large map draws it once rather than after every step. */
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return shown(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return shown(e.from) && shown(e.to); } });
  var adjacency = new Map();   // displayed node -> [{other, edge, way}]
  var memberAdjacency = null;  // member -> [{other, raw, way}] for paths

  function relationWords(raw) {
    return raw.map(function (r) { return data.edges[r][3].map(function (l) { return links[l].label; }).join("; "); });
  }
  function edgeText(edge) {
    var words = relationWords(edge.raw);
    if (words.length === 1) { return words[0]; }
    var counts = new Map();
    words.forEach(function (w) { counts.set(w, (counts.get(w) || 0) + 1); });
    var parts = [];
    counts.forEach(function (n, w) { parts.push(w + " (" + n + ")"); });
    return plural(words.length, "link") + ": " + parts.join("; ");
  }

  function buildEdges() {
    var merged = new Map();
    data.edges.forEach(function (e, i) {
      var a = rep(e[0]), b = rep(e[1]);
      if (a === b) { return; }
      if (!data.directed && a > b) { var t = a; a = b; b = t; }
      var key = a + ">" + b;
      var m = merged.get(key);
      if (!m) { m = { id: key, from: a, to: b, raw: [] }; merged.set(key, m); }
      m.raw.push(i);
    });
    var list = [];
    adjacency = new Map();
    merged.forEach(function (m) {
      m.width = m.raw.length === 1 ? data.edges[m.raw[0]][2] : Math.min(6, 1 + Math.log2(m.raw.length));
      list.push(m);
      if (!adjacency.has(m.from)) { adjacency.set(m.from, []); }
      if (!adjacency.has(m.to)) { adjacency.set(m.to, []); }
      adjacency.get(m.from).push({ other: m.to, edge: m.id, way: data.directed ? "out" : "both" });
      adjacency.get(m.to).push({ other: m.from, edge: m.id, way: data.directed ? "in" : "both" });
    });
    edges.clear();
    edges.add(list);
    styled.edges = new Map();
  }
  function neighbours(id) { return (adjacency.get(id) || []).filter(function (l) { return shown(l.other); }); }

  var container = document.getElementById("network");
  data.options.interaction.dragNodes = false;
  data.options.edges.arrows = { to: { enabled: data.directed, scaleFactor: 0.55 } };
  data.options.nodes.scaling = { label: { enabled: false, drawThreshold: 4, maxVisible: 40 } };
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  network.on("beforeDrawing", function (ctx) {  // a white background, so that images are not transparent
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  /* vis-network draws the whole map again, synchronously, after every change to its data when
   * physics is off: opening a group (edges cleared and added, nodes shown, colours and labels
   * set) would draw it six times. quietly(fn) holds drawing back while fn changes the data and
   * draws once at the end; calls nest. It uses the "_blockRedraw" and "_allowRedraw" events of
   * vis-network's own emitter (9.1.2, vendored), which it emits around its stabilisation. */
  var holding = 0;
  function hold() { if (holding++ === 0) { network.body.emitter.emit("_blockRedraw"); } }
  function release() { if (--holding === 0) { network.body.emitter.emit("_allowRedraw"); network.redraw(); } }
  function quietly(fn) {
    hold();
    try { return fn(); } finally { release(); }
  }

  // ------------------------------------------------------------------ highlight and labels
  var styled = { nodes: new Map(), edges: new Map() };  // what each item looks like now
  var lit = null, litEdges = null, pathEdges = null;

  function matchesFilters(id) {
    var f = state.filters;
    if (isGroup(id)) {
      return groups[groupAt.get(id)].members.some(function (m) { return matchesFilters(m); });
    }
    var d = details[id];
    if (f.kind && d.kind !== f.kind) { return false; }
    if (f.topics && (d.topics || []).indexOf(f.topics) < 0) { return false; }
    if (f.phase && (d.phase || []).indexOf(f.phase) < 0) { return false; }
    if (f.section && d.section !== f.section) { return false; }
    return true;
  }
  function anyFilter() { var f = state.filters; return !!(f.kind || f.topics || f.phase || f.section); }

  function neighbourhood(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var step = 0; step < depth; step++) {
      var next = [];
      frontier.forEach(function (n) {
        neighbours(n).forEach(function (l) { if (!seen.has(l.other)) { seen.add(l.other); next.push(l.other); } });
      });
      frontier = next;
    }
    return seen;
  }

  function computeLit() {
    lit = null; litEdges = null; pathEdges = null;
    if (state.path && state.path.nodes) {
      lit = new Set(state.path.nodes);
      pathEdges = new Set(state.path.edges);
      litEdges = pathEdges;
      return;
    }
    if (state.selected !== null && shown(state.selected)) {
      lit = neighbourhood(state.selected, state.depth);
    }
    if (anyFilter()) {
      var matching = new Set();
      nodesView.getIds().forEach(function (id) { if (matchesFilters(id)) { matching.add(id); } });
      if (lit) {
        var both = new Set();
        lit.forEach(function (id) { if (matching.has(id) || id === state.selected) { both.add(id); } });
        lit = both;
      } else {
        lit = matching;
      }
    }
    if (lit) {
      litEdges = new Set();
      edgesView.get().forEach(function (e) { if (lit.has(e.from) && lit.has(e.to)) { litEdges.add(e.id); } });
    }
  }

  function render() { quietly(renderNow); }
  function renderNow() {
    computeLit();
    var updates = [];
    nodesView.getIds().forEach(function (id) {
      var faded = lit !== null && !lit.has(id);
      var key = faded ? "f" : "n";
      if ((styled.nodes.get(id) || "n") === key) { return; }
      styled.nodes.set(id, key);
      updates.push({ id: id, color: faded ? DIM : data.nodes[id].color });
    });
    if (updates.length) { nodes.update(updates); }
    var edgeUpdates = [];
    edgesView.get().forEach(function (e) {
      var key = pathEdges && pathEdges.has(e.id) ? "p" : litEdges === null ? "n" : litEdges.has(e.id) ? "l" : "f";
      if ((styled.edges.get(e.id) || "n") === key) { return; }
      styled.edges.set(e.id, key);
      edgeUpdates.push({ id: e.id, color: key === "p" ? PATH_EDGE : key === "l" ? LIT_EDGE : key === "f" ? DIM_EDGE : EDGE,
                         width: key === "p" ? 4 : key === "l" ? Math.max(e.width || 1, 2) : e.width });
    });
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    placeLabels();
    writeHash();
  }

  /* Labels are drawn at a readable size on screen, the most important first, below their
   * node or else above it; a label that would overlap a node or a label already placed is
   * left out until the reader zooms in. */
  var labelled = new Map();  // id -> "size/vadjust" of the label drawn
  var MAX_LABELS = 400;
  /* Draws again only if a label or the arrowheads change. */
  function placeLabels() {
    var updates = labelChanges(), arrows = arrowsWanted() !== arrowsDrawn;
    if (!updates.length && !arrows) { return; }
    quietly(function () {
      if (updates.length) { nodes.update(updates); }
      if (arrows) { syncArrows(); }
    });
  }
  function labelChanges() {
    var scale = network.getScale(), view = network.getViewPosition();
    var width = container.clientWidth, height = container.clientHeight;
    var visible = nodesView.getIds();
    var cell = 64, grid = new Map(), chosen = new Map();
    function cells(b) {
      var out = [];
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) { out.push(gx + "," + gy); }
      }
      return out;
    }
    function put(b) { cells(b).forEach(function (k) { if (!grid.has(k)) { grid.set(k, []); } grid.get(k).push(b); }); }
    function clashes(b, owner, labelsOnly) {
      var keys = cells(b);
      for (var c = 0; c < keys.length; c++) {
        var list = grid.get(keys[c]) || [];
        for (var j = 0; j < list.length; j++) {
          var o = list[j];
          if (labelsOnly && o[5] === "disc") { continue; }
          if (o[4] !== owner && !(b[2] < o[0] || b[0] > o[2] || b[3] < o[1] || b[1] > o[3])) { return true; }
        }
      }
      return false;
    }
    var screen = new Map();
    visible.forEach(function (id) {
      var n = data.nodes[id];
      var sx = (n.x - view.x) * scale + width / 2, sy = (n.y - view.y) * scale + height / 2, r = n.size * scale;
      screen.set(id, [sx, sy, r]);
      if (sx > -60 && sx < width + 60 && sy > -60 && sy < height + 60) { put([sx - r, sy - r, sx + r, sy + r, id, "disc"]); }
    });
    /* the selected node and what it is linked to, or else the best-linked nodes, are
     * labelled even over a small node's disc (never over another label) */
    var strong = new Set();
    if (state.selected !== null && lit !== null) { lit.forEach(function (id) { strong.add(id); }); }
    else {
      visible.slice().sort(function (a, b) { return data.nodes[b].size - data.nodes[a].size || a - b; })
        .slice(0, Math.max(6, Math.round(visible.length / 6))).forEach(function (id) { strong.add(id); });
    }
    var ids = visible.filter(function (id) { return lit === null || lit.has(id); });
    ids.sort(function (a, b) {
      var pa = (a === state.selected ? 1000 : 0) + (isGroup(a) ? 100 : 0) + data.nodes[a].size;
      var pb = (b === state.selected ? 1000 : 0) + (isGroup(b) ? 100 : 0) + data.nodes[b].size;
      return pb - pa || a - b;
    });
    for (var i = 0; i < ids.length && chosen.size < MAX_LABELS; i++) {
      var id = ids[i], p = screen.get(id), sx = p[0], sy = p[1], r = p[2];
      if (sx < -80 || sx > width + 80 || sy < -40 || sy > height + 40) { continue; }
      var px = isGroup(id) || id === state.selected ? 14 : 12.5;
      var lines = shortLabel[id].split("\n");
      /* vis-network draws a label about 0.6 of its font size below the node's edge */
      var w = Math.max.apply(null, lines.map(function (l) { return l.length; })) * px * 0.58 + 6;
      var h = lines.length * px + 3;
      var below = [sx - w / 2, sy + r + 0.6 * px - 1, sx + w / 2, sy + r + 0.6 * px + h, id];
      var above = [sx - w / 2, sy - r - 4 - h, sx + w / 2, sy - r - 2, id];
      var vadjust = null;
      var inside = function (b) { return b[0] >= 0 && b[2] <= width && b[1] >= 0 && b[3] <= height; };
      if ((below[0] < 0 || below[2] > width) && id !== state.selected) { continue; }  // would be cut off
      var only = strong.has(id);
      if (!clashes(below, id, only) && (inside(below) || !inside(above) || clashes(above, id, only))) { put(below); vadjust = 0; }
      else if (!clashes(above, id, only)) { put(above); vadjust = -(2 * r + 0.6 * px + 4 + lines.length * px) / scale; }
      else if (id === state.selected) { put(below); vadjust = 0; }
      if (vadjust === null) { continue; }
      var size = Math.min(400, px / scale);
      chosen.set(id, { size: size, vadjust: vadjust });
    }
    var updates = [];
    labelled.forEach(function (_, id) {
      if (!chosen.has(id)) { updates.push({ id: id, label: "" }); }
    });
    chosen.forEach(function (label, id) {
      var before = labelled.get(id);
      if (before === undefined || Math.abs(before.size - label.size) > 0.01 * label.size || Math.abs(before.vadjust - label.vadjust) > 0.5) {
        updates.push({ id: id, label: shortLabel[id], font: { size: label.size, vadjust: label.vadjust } });
      }
    });
    labelled = chosen;
    placedAt = { scale: scale, x: view.x, y: view.y };
    return updates;
  }
  var placedAt = { scale: 0, x: 0, y: 0 };
  /* Arrowheads take most of the time of drawing thousands of links, and at the zoom that shows
   * such a map whole they are less than a pixel long: when more than ARROW_LINKS links are
   * shown, arrowheads are drawn from the zoom at which they are about 3 px long. */
  var ARROW_LINKS = 1500, ARROW_SCALE = 0.3, arrowsDrawn = data.directed;
  function arrowsWanted() {
    return data.directed && (edgesView.length <= ARROW_LINKS || network.getScale() >= ARROW_SCALE);
  }
  function syncArrows() {
    var wanted = arrowsWanted();
    if (wanted !== arrowsDrawn) {
      arrowsDrawn = wanted;
      network.setOptions({ edges: { arrows: { to: { enabled: wanted } } } });
    }
  }
  /* whatever moved or zoomed the map (an animation, a focus, a resize), place labels again */
  network.on("afterDrawing", function () {
    var view = network.getViewPosition(), scale = network.getScale();
    if (Math.abs(scale - placedAt.scale) > 1e-6 * scale || Math.abs(view.x - placedAt.x) > 0.5 || Math.abs(view.y - placedAt.y) > 0.5) {
      placeLabelsSoon();
    }
  });
  var labelTimer = null;
  function placeLabelsSoon() {
    window.clearTimeout(labelTimer);
    labelTimer = window.setTimeout(placeLabels, 90);
  }
  network.on("zoom", placeLabelsSoon);
  network.on("dragEnd", placeLabelsSoon);
  network.on("animationFinished", placeLabels);
  network.on("resize", placeLabelsSoon);

  // ------------------------------------------------------------------ tooltip
  var tip = document.getElementById("tip");
  function showTip(box, pointer) {
    clear(tip);
    tip.appendChild(box);
    tip.hidden = false;
    var x = Math.min(pointer.x + 14, container.clientWidth - tip.offsetWidth - 4);
    var y = Math.min(pointer.y + 14, container.clientHeight - tip.offsetHeight - 4);
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (params) {
    var d = info(params.node), box = el("div");
    box.appendChild(el("strong", d.label));
    box.appendChild(el("span", d.isGroup ? "group: " + groups[d.group].count + " (click to open)" : kindLabel(d.kind), "tip-class"));
    if (d.text) { box.appendChild(el("div", truncate(d.text, 240), "tip-text")); }
    else if (d.description) { box.appendChild(el("div", truncate(d.description, 200), "tip-text")); }
    showTip(box, params.pointer.DOM);
  });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (params) {
    var e = edges.get(params.edge);
    if (!e) { return; }
    pointed = { edge: e.id, text: truncate(edgeText(e), 60) };
    var box = el("div");
    box.appendChild(el("strong", info(e.from).label + " " + edgeText(e) + " " + info(e.to).label));
    var first = sourcesOf(e.raw)[0];
    box.appendChild(el("div", first !== undefined ? "\u201c" + truncate(said[first].text, 200) + "\u201d" : "No sentence in the sources states this link.", "tip-text"));
    showTip(box, params.pointer.DOM);
  });
  network.on("blurEdge", function (params) {
    if (pointed && pointed.edge === params.edge) { pointed = null; }
    hideTip();
  });
  /* The words of the link under the pointer are drawn on it, at a readable size whatever the
   * zoom. They are drawn here, not given to vis-network as the link's label: a change to a
   * link's data makes vis-network go over every node and link again, which takes longer than
   * a frame on a large map. (vis-network draws again when the pointer enters or leaves a link.) */
  var pointed = null;  // { edge: id, text: its words }
  network.on("afterDrawing", function (ctx) {
    var e = pointed && edges.get(pointed.edge);
    if (!e || !shown(e.from) || !shown(e.to)) { return; }
    var a = data.nodes[e.from], b = data.nodes[e.to], x = (a.x + b.x) / 2, y = (a.y + b.y) / 2;
    var m = ctx.getTransform(), ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.font = (13 * ratio) + "px " + data.options.nodes.font.face;
    ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.lineJoin = "round";
    ctx.lineWidth = 4 * ratio; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#222222";
    ctx.strokeText(pointed.text, m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f);
    ctx.fillText(pointed.text, m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f);
    ctx.restore();
  });
  function sourcesOf(raw) {
    var found = [];
    raw.forEach(function (r) { data.edges[r][3].forEach(function (l) { (links[l].sources || []).forEach(function (s) { if (found.indexOf(s) < 0) { found.push(s); } }); }); });
    return found;
  }

  // ------------------------------------------------------------------ side panel
  var panel = document.getElementById("panel");
  var panelTitle = document.getElementById("panel-title");
  var panelBody = document.getElementById("panel-body");
  var panelHint = panelBody.firstElementChild ? panelBody.firstElementChild.cloneNode(true) : null;

  function sourceLine(s) {
    var parts = [];
    if (s.document) { parts.push(s.document); }
    if (s.section) { parts.push("section " + s.section); }
    if (s.lines) { parts.push((s.lines.indexOf("-") > 0 ? "lines " : "line ") + s.lines); }
    if (s.cites) { parts.push("quoting " + s.cites); }
    return parts.join(", ");
  }
  function statementCard(index) {
    var s = said[index], box = el("figure", null, "said");
    box.appendChild(el("blockquote", s.text));
    box.appendChild(el("figcaption", (s.class_label ? s.class_label + " \u00b7 " : "") + sourceLine(s)));
    return box;
  }
  function nodeButton(id, before, after) {
    var button = el("button", null, "node-link");
    button.type = "button";
    button.dataset.node = String(id);
    button.appendChild(nodeSwatch(id, 12));
    var text = el("span", null, "text");
    if (before) { text.appendChild(el("span", before + " ", "relation")); }
    text.appendChild(el("span", info(id).label, "name"));
    if (after) { text.appendChild(el("span", after, "sub")); }
    button.appendChild(text);
    button.addEventListener("click", function () { selectNode(id, { moveFocus: true }); });
    return button;
  }
  function linkItem(link, fromId) {
    var e = edges.get(link.edge), item = el("li");
    var words = [];
    e.raw.forEach(function (r) {
      var raw = data.edges[r], forward = rep(raw[0]) === fromId || (!data.directed && raw[0] === fromId);
      raw[3].forEach(function (l) {
        var w = forward ? links[l].label : (links[l].inverse || links[l].label);
        if (words.indexOf(w) < 0) { words.push(w); }
      });
    });
    var phrase = e.raw.length > 1 ? plural(e.raw.length, "link") + ": " + words.join("; ") : words.join("; ");
    item.appendChild(nodeButton(link.other, phrase, kindLabel(info(link.other).kind)));
    var sources = sourcesOf(e.raw);
    if (sources.length) {
      var more = el("details", null, "sources");
      more.appendChild(el("summary", sources.length === 1 ? "The sentence it comes from" : "The " + sources.length + " sentences it comes from"));
      sources.slice(0, 12).forEach(function (s) { more.appendChild(statementCard(s)); });
      item.appendChild(more);
    } else {
      item.appendChild(el("p", "The sources do not state this link in a sentence of their own.", "hint"));
    }
    return item;
  }

  function focusControls(id) {
    var box = el("div", null, "focus-controls");
    box.appendChild(el("span", "Showing links up to " + plural(state.depth, "step") + " away", "depth"));
    var less = el("button", "\u2212"), more = el("button", "+");
    less.type = more.type = "button";
    less.id = "depth-less"; more.id = "depth-more";
    less.setAttribute("aria-label", "Show fewer steps around it");
    more.setAttribute("aria-label", "Show more steps around it");
    less.disabled = state.depth <= 1; more.disabled = state.depth >= 6;
    less.addEventListener("click", function () { setDepth(state.depth - 1); });
    more.addEventListener("click", function () { setDepth(state.depth + 1); });
    box.appendChild(less); box.appendChild(more);
    var connect = el("button", "How is it connected to\u2026", "connect");
    connect.type = "button";
    connect.addEventListener("click", function () {
      pathFrom.value = info(id).label; pathFromId = id;
      document.getElementById("connect").open = true;
      openDrawer("controls");
      pathTo.focus();
    });
    box.appendChild(connect);
    return box;
  }

  function showPanel(id) {
    var d = info(id);
    clear(panelBody);
    panelTitle.textContent = d.label;
    var classLine = el("p", null, "class-line");
    classLine.appendChild(nodeSwatch(id, 14));
    classLine.appendChild(el("span", d.isGroup ? "A group of " + groups[d.group].count + ": " + kindLabel(d.kind) + " and more"
      : kindLabel(d.kind) + (d.class_label && d.class_label !== kindLabel(d.kind) ? " (" + d.class_label + ")" : "") + (d.sector ? " \u00b7 " + d.sector : "")));
    panelBody.appendChild(classLine);
    if (d.isGroup) {
      var open = el("button", "Open this group", "primary");
      open.type = "button"; open.id = "open-group";
      open.addEventListener("click", function () { expand(d.group, true); });
      panelBody.appendChild(open);
    } else {
      if (d.aliases) { panelBody.appendChild(el("p", "Also called " + d.aliases.join("; "), "aliases")); }
      if (d.description) { panelBody.appendChild(el("p", d.description, "description")); }
      if (d.text) {
        panelBody.appendChild(el("h3", "What it says"));
        panelBody.appendChild(el("blockquote", d.text, "verbatim"));
        panelBody.appendChild(el("p", sourceLine(d), "source-line"));
      }
      if (d.group !== undefined) {
        var close = el("button", "Close its group (" + groups[d.group].label + ")", "quiet");
        close.type = "button";
        close.addEventListener("click", function () { collapse(d.group); });
        panelBody.appendChild(close);
      }
    }
    panelBody.appendChild(focusControls(id));
    var mine = neighbours(id).slice().sort(function (a, b) { return info(a.other).label.localeCompare(info(b.other).label); });
    panelBody.appendChild(el("h3", "Linked to (" + mine.length + ")"));
    if (!mine.length) { panelBody.appendChild(el("p", "Nothing in this map.", "hint")); }
    var list = el("ul", null, "neighbours");
    mine.forEach(function (link) { list.appendChild(linkItem(link, id)); });
    panelBody.appendChild(list);
    if (!d.isGroup && d.statements && d.statements.length) {
      panelBody.appendChild(el("h3", "What the sources say of it (" + d.statements.length + ")"));
      d.statements.slice(0, 30).forEach(function (s) { panelBody.appendChild(statementCard(s)); });
    }
    if (d.isGroup) {
      panelBody.appendChild(el("h3", "In this group"));
      var members = el("ul", null, "neighbours");
      groups[d.group].members.forEach(function (m) {
        var li = el("li");
        li.appendChild(nodeButton(m, null, details[m].text ? truncate(details[m].text, 90) : kindLabel(details[m].kind)));
        members.appendChild(li);
      });
      panelBody.appendChild(members);
    }
    var tech = el("details", null, "technical");
    tech.appendChild(el("summary", "Technical details"));
    var facts = el("dl");
    function row(term, value) {
      if (!value || (Array.isArray(value) && !value.length)) { return; }
      facts.appendChild(el("dt", term));
      facts.appendChild(el("dd", Array.isArray(value) ? value.join("; ") : value));
    }
    row("Identifier", d.iri);
    row("Class", d.cls);
    row("Topics", d.topics);
    row("Phase", d.phase);
    row("Section", d.section);
    if (facts.childNodes.length) { tech.appendChild(facts); panelBody.appendChild(tech); }
  }

  function showPathPanel() {
    var p = state.path;
    clear(panelBody);
    panelTitle.textContent = "How " + info(p.from).label + " and " + info(p.to).label + " are connected";
    if (!p.nodes) {
      panelBody.appendChild(el("p", "Nothing in this map connects them.", "hint"));
      return;
    }
    panelBody.appendChild(el("p", plural(p.nodes.length - 1, "step") + ", shortest first found.", "hint"));
    var list = el("ol", null, "path-steps");
    p.steps.forEach(function (step) {
      var li = el("li");
      li.appendChild(nodeButton(step.from, null, null));
      li.appendChild(el("p", step.words, "relation step-words"));
      if (step.sources.length) {
        var more = el("details", null, "sources");
        more.appendChild(el("summary", "The sentence it comes from"));
        step.sources.slice(0, 6).forEach(function (s) { more.appendChild(statementCard(s)); });
        li.appendChild(more);
      }
      list.appendChild(li);
    });
    var last = el("li");
    last.appendChild(nodeButton(p.to, null, null));
    list.appendChild(last);
    panelBody.appendChild(list);
    var clearPath = el("button", "Clear the path", "quiet");
    clearPath.type = "button";
    clearPath.addEventListener("click", function () { state.path = null; refreshPanel(); render(); });
    panelBody.appendChild(clearPath);
  }

  function emptyPanel() {
    clear(panelBody);
    panelTitle.textContent = "Details";
    if (panelHint) { panelBody.appendChild(panelHint.cloneNode(true)); }
  }
  function refreshPanel() {
    if (state.path) { showPathPanel(); }
    else if (state.selected !== null && shown(state.selected)) { showPanel(state.selected); }
    else { emptyPanel(); }
  }

  // ------------------------------------------------------------------ groups
  function expand(gi, keepSelection) {
    if (state.expanded.has(gi)) { return; }
    state.expanded.add(gi);
    if (state.selected === groups[gi].node) { state.selected = null; network.unselectAll(); }
    regroup();
    say("Opened " + groups[gi].label + ": " + groups[gi].count + ".");
    if (keepSelection) { refreshPanel(); }
  }
  function collapse(gi) {
    if (!state.expanded.has(gi)) { return; }
    state.expanded.delete(gi);
    if (state.selected !== null && !isGroup(state.selected) && details[state.selected].group === gi) {
      state.selected = groups[gi].node;
    }
    regroup();
    refreshPanel();
    say("Closed " + groups[gi].label + ".");
  }
  function regroup() {
    quietly(function () {
      buildEdges();
      nodesView.refresh();
      edgesView.refresh();
      labelled.forEach(function (_, id) { if (!shown(id)) { labelled.delete(id); } });
      render();
      updateGroupButtons();
    });
  }
  var openAll = document.getElementById("open-all");
  function updateGroupButtons() {
    if (!groups.length) { openAll.hidden = true; return; }
    var all = state.expanded.size === groups.length;
    openAll.textContent = all ? "Close all groups" : "Open all groups";
  }
  openAll.addEventListener("click", function () {
    if (state.expanded.size === groups.length) { state.expanded.clear(); }
    else { groups.forEach(function (_, i) { state.expanded.add(i); }); }
    if (state.selected !== null && !shown(state.selected)) { state.selected = isGroup(state.selected) ? null : rep(state.selected); }
    regroup();
    refreshPanel();
  });

  // ------------------------------------------------------------------ selection, focus, path
  var status = document.getElementById("status");
  function say(text) { status.textContent = text; }

  function selectNode(id, opts) { quietly(function () { selectNodeNow(id, opts); }); }
  function selectNodeNow(id, opts) {
    opts = opts || {};
    if (!isGroup(id) && details[id].group !== undefined && !state.expanded.has(details[id].group)) {
      state.expanded.add(details[id].group);
      regroup();
    }
    if (state.hidden.has(info(id).kind)) { state.hidden.delete(info(id).kind); syncLegend(); regroup(); }
    state.selected = id;
    state.path = null;
    network.selectNodes([id]);
    render();
    showPanel(id);
    say("Selected " + info(id).label + ".");
    if (opts.centre !== false) {
      var scale = Math.max(network.getScale(), 0.8);
      network.focus(id, { scale: scale, animation: opts.animate === false ? false : { duration: 350, easingFunction: "easeInOutQuad" } });
    }
    if (opts.openPanel !== false) { openDrawer("panel"); }
    if (opts.moveFocus) { panelTitle.focus(); }
  }
  function clearSelection() {
    state.selected = null;
    state.path = null;
    network.unselectAll();
    render();
    emptyPanel();
  }
  function setDepth(depth) {
    state.depth = Math.max(1, Math.min(6, depth));
    render();
    refreshPanel();
    say("Showing links up to " + plural(state.depth, "step") + " away.");
    var again = document.getElementById(depth > 1 ? "depth-more" : "depth-less");
    if (again) { again.focus(); }
  }

  function buildMemberAdjacency() {
    memberAdjacency = new Map();
    data.edges.forEach(function (e, i) {
      if (!memberAdjacency.has(e[0])) { memberAdjacency.set(e[0], []); }
      if (!memberAdjacency.has(e[1])) { memberAdjacency.set(e[1], []); }
      memberAdjacency.get(e[0]).push({ other: e[1], raw: i, forward: true });
      memberAdjacency.get(e[1]).push({ other: e[0], raw: i, forward: false });
    });
  }
  function findPath(from, to) {
    if (!memberAdjacency) { buildMemberAdjacency(); }
    var start = isGroup(from) ? groups[groupAt.get(from)].members : [from];
    var goal = isGroup(to) ? new Set(groups[groupAt.get(to)].members) : new Set([to]);
    var back = new Map(), queue = start.slice();
    start.forEach(function (s) { back.set(s, null); });
    while (queue.length) {
      var n = queue.shift();
      if (goal.has(n)) {
        var chain = [], step = n;
        while (step !== null) { chain.unshift(step); step = back.get(step) ? back.get(step).node : null; }
        var steps = [];
        for (var i = 1; i < chain.length; i++) {
          var via = back.get(chain[i]);
          var wordsOf = data.edges[via.raw][3].map(function (l) { return via.forward ? links[l].label : (links[l].inverse || links[l].label); });
          steps.push({ from: chain[i - 1], to: chain[i], raw: via.raw, words: wordsOf.join("; "), sources: sourcesOf([via.raw]) });
        }
        return { nodes: chain, steps: steps };
      }
      (memberAdjacency.get(n) || []).forEach(function (l) {
        if (!back.has(l.other) && !state.hidden.has(details[l.other].kind)) {
          back.set(l.other, { node: n, raw: l.raw, forward: l.forward });
          queue.push(l.other);
        }
      });
    }
    return null;
  }
  function showPath(from, to) { quietly(function () { showPathNow(from, to); }); }
  function showPathNow(from, to) {
    var found = findPath(from, to);
    state.path = { from: from, to: to };
    if (found) {
      var changed = false;
      found.nodes.forEach(function (n) {
        var g = details[n].group;
        if (g !== undefined && !state.expanded.has(g)) { state.expanded.add(g); changed = true; }
      });
      if (changed) { regroup(); }
      state.path = { from: found.nodes[0], to: found.nodes[found.nodes.length - 1], nodes: found.nodes, steps: found.steps,
                     edges: found.steps.map(function (s) { return edgeBetween(s.from, s.to); }) };
      network.selectNodes([]);
      render();
      network.fit({ nodes: found.nodes, animation: { duration: 350, easingFunction: "easeInOutQuad" } });
      say("Path found: " + plural(found.nodes.length - 1, "step") + ".");
    } else {
      render();
      say("Nothing in this map connects " + info(from).label + " and " + info(to).label + ".");
    }
    showPathPanel();
    openDrawer("panel");
  }
  function edgeBetween(a, b) {
    var one = edges.get(a + ">" + b) || edges.get(b + ">" + a);
    return one ? one.id : null;
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (isGroup(id)) { expand(groupAt.get(id)); state.selected = null; refreshPanel(); showGroupOpened(groupAt.get(id)); }
      else { selectNode(id, { centre: false }); }
    } else if (!params.edges.length) {
      clearSelection();
      say("");
    }
  });
  function showGroupOpened(gi) {
    panelTitle.textContent = groups[gi].label;
    clear(panelBody);
    panelBody.appendChild(el("p", "Opened: " + groups[gi].count + " now drawn one by one. Click one to see what it says.", "hint"));
    var close = el("button", "Close this group", "quiet");
    close.type = "button";
    close.addEventListener("click", function () { collapse(gi); emptyPanel(); });
    panelBody.appendChild(close);
  }

  // ------------------------------------------------------------------ filters (fade, never delete)
  var filterValues = {
    kind: data.kinds.map(function (k) { return { value: k.kind, text: k.label + " (" + k.count + ")" }; }),
    topics: data.filters.topics.map(function (t) { return { value: t, text: t }; }),
    section: data.filters.section.map(function (s) { return { value: s, text: truncate(s, 70) }; })
  };
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (select) {
    var key = select.dataset.filter, values = filterValues[key] || [];
    if (values.length < (key === "kind" ? 2 : 1)) { select.parentNode.hidden = true; return; }
    values.forEach(function (v) { var option = el("option", v.text); option.value = v.value; select.appendChild(option); });
    select.addEventListener("change", function () { setFilter(key, select.value); });
  });
  var phaseBox = document.getElementById("phase-control");
  if (data.filters.phase.length) {
    ["", ].concat(data.filters.phase).forEach(function (p) {
      var b = el("button", p || "All phases");
      b.type = "button";
      b.dataset.phase = p;
      b.setAttribute("aria-pressed", p === "" ? "true" : "false");
      b.addEventListener("click", function () { setFilter("phase", p); });
      phaseBox.appendChild(b);
    });
  } else {
    phaseBox.parentNode.hidden = true;
  }
  function syncFilters() {
    Object.keys(state.filters).forEach(function (key) {
      var select = document.querySelector("select[data-filter='" + key + "']");
      if (select) { select.value = state.filters[key]; }
    });
    Array.prototype.forEach.call(phaseBox.querySelectorAll("button"), function (b) {
      b.setAttribute("aria-pressed", b.dataset.phase === state.filters.phase ? "true" : "false");
    });
  }
  function setFilter(key, value) {
    state.filters[key] = value;
    state.path = null;
    syncFilters();
    render();
    var count = lit ? lit.size : nodesView.length;
    say(anyFilter() ? "Highlighted " + count + " of " + nodesView.length + " shown; the rest is faded." : "Nothing highlighted.");
  }
  var fieldset = document.querySelector("fieldset.filters");
  if (!fieldset.querySelector(".filter:not([hidden])")) { fieldset.hidden = true; }

  // ------------------------------------------------------------------ legend (toggles what it names)
  var legend = document.getElementById("legend");
  var legendButtons = new Map();
  data.kinds.forEach(function (k) {
    var item = el("li"), button = el("button", null, "legend-toggle");
    button.type = "button";
    button.setAttribute("aria-pressed", "true");
    button.title = "Show or hide: " + k.label;
    var neutral = (k.kind === "organisation" || k.kind === "agency") && data.sectors.length ? data.noSectorColour : k.colour;
    button.appendChild(swatch(neutral, k.shape, 16, k.kind === "agency"));
    button.appendChild(el("span", k.label + (k.kind === "agency" ? " (dashed outline)" : ""), "name"));
    button.appendChild(el("span", k.count.toLocaleString("en-GB"), "count"));
    button.addEventListener("click", function () {
      if (state.hidden.has(k.kind)) { state.hidden.delete(k.kind); } else { state.hidden.add(k.kind); }
      syncLegend();
      regroup();
      if (state.selected !== null && !shown(state.selected)) { clearSelection(); }
      say((state.hidden.has(k.kind) ? "Hidden: " : "Shown again: ") + k.label + ".");
    });
    legendButtons.set(k.kind, button);
    item.appendChild(button);
    legend.appendChild(item);
  });
  function syncLegend() {
    legendButtons.forEach(function (button, kind) { button.setAttribute("aria-pressed", state.hidden.has(kind) ? "false" : "true"); });
  }
  var sectorList = document.getElementById("sectors");
  if (data.sectors.length) {
    data.sectors.forEach(function (s) {
      var item = el("li");
      item.appendChild(swatch(s.colour, "dot", 14));
      item.appendChild(el("span", s.label, "name"));
      item.appendChild(el("span", s.count.toLocaleString("en-GB"), "count"));
      sectorList.appendChild(item);
    });
  } else {
    document.getElementById("sector-legend").hidden = true;
  }

  // ------------------------------------------------------------------ search (names, acronyms, sentences)
  var index = null;
  function buildIndex() {
    index = details.map(function (d, id) {
      var names = [d.label].concat(d.aliases || []);
      return { id: id, names: names, keys: names.map(fold), own: fold((d.text || "") + " " + (d.description || "")),
               said: (d.statements || []).map(function (s) { return fold(said[s].text); }), kind: fold(kindLabel(d.kind) + " " + (d.class_label || "")) };
    });
    groups.forEach(function (g) { index.push({ id: g.node, names: [g.label], keys: [fold(g.label)], own: "", said: [], kind: "" }); });
  }
  function snippet(text, q) {
    var at = fold(text).indexOf(q);
    if (at < 0) { return truncate(text, 90); }
    var start = Math.max(0, at - 35);
    return (start ? "\u2026" : "") + text.slice(start, start + 100) + (start + 100 < text.length ? "\u2026" : "");
  }
  function matches(text, limit) {
    var q = fold(text).trim();
    if (!q) { return []; }
    if (!index) { buildIndex(); }
    var found = [];
    index.forEach(function (entry) {
      var best = 9, via = null, note = null;
      entry.keys.forEach(function (key, i) {
        var score = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(q) > 0 ? 2 : 9;
        if (score < best) { best = score; via = i ? entry.names[i] : null; }
      });
      if (best === 9 && entry.own.indexOf(q) >= 0) {
        best = 3;
        var d = details[entry.id];
        note = snippet(d.text && fold(d.text).indexOf(q) >= 0 ? d.text : (d.description || ""), q);
      }
      if (best === 9) {
        for (var s = 0; s < entry.said.length; s++) {
          if (entry.said[s].indexOf(q) >= 0) { best = 4; note = snippet(said[details[entry.id].statements[s]].text, q); break; }
        }
      }
      if (best === 9 && entry.kind.indexOf(q) >= 0) { best = 5; }
      if (best < 9) { found.push({ id: entry.id, score: best, via: via, note: note }); }
    });
    found.sort(function (a, b) { return a.score - b.score || info(a.id).label.localeCompare(info(b.id).label); });
    return found.slice(0, limit || 12);
  }

  /* A combobox: a text box whose matches show in a list below it. */
  function combobox(input, list, onChoose) {
    var current = [], active = -1;
    function setActive(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
      if (i >= 0 && list.children[i]) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      } else { input.removeAttribute("aria-activedescendant"); }
    }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
    function show() {
      current = matches(input.value, 15);
      clear(list);
      current.forEach(function (m, i) {
        var li = el("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.appendChild(nodeSwatch(m.id, 12));
        var text = el("span", null, "text");
        text.appendChild(el("span", info(m.id).label, "name"));
        text.appendChild(el("span", (m.via ? m.via + " \u00b7 " : "") + (isGroup(m.id) ? "group" : kindLabel(details[m.id].kind)), "sub"));
        if (m.note) { text.appendChild(el("span", "\u201c" + m.note + "\u201d", "note")); }
        li.appendChild(text);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (current.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } else { close(); }
      active = -1;
      return current;
    }
    function choose(i) {
      var m = current[i];
      if (!m) { return; }
      input.value = info(m.id).label;
      close();
      onChoose(m.id);
    }
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { if (list.hidden) { show(); } setActive(Math.min(active + 1, current.length - 1)); event.preventDefault(); }
      else if (event.key === "ArrowUp") { setActive(Math.max(active - 1, 0)); event.preventDefault(); }
      else if (event.key === "Enter") {
        if (list.hidden || !current.length) { show(); }
        if (current.length) { choose(active >= 0 ? active : 0); }
        else { say("Nothing in this map matches \u201c" + input.value.trim() + "\u201d."); }
        event.preventDefault();
      } else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    return { show: show, close: close };
  }
  var search = document.getElementById("search");
  combobox(search, document.getElementById("suggestions"), function (id) {
    if (isGroup(id)) { expand(groupAt.get(id)); showGroupOpened(groupAt.get(id)); openDrawer("panel"); }
    else { selectNode(id); }
  });
  var pathFrom = document.getElementById("path-from"), pathTo = document.getElementById("path-to");
  var pathFromId = null, pathToId = null;
  combobox(pathFrom, document.getElementById("path-from-list"), function (id) { pathFromId = id; });
  combobox(pathTo, document.getElementById("path-to-list"), function (id) { pathToId = id; });
  document.getElementById("path-go").addEventListener("click", function () {
    if (pathFromId === null || pathToId === null) { say("Choose two nodes from the lists first."); return; }
    showPath(pathFromId, pathToId);
  });

  // ------------------------------------------------------------------ drawers (narrow screens)
  var drawers = { controls: document.getElementById("controls"), panel: panel };
  function narrow(which) {
    return window.matchMedia(which === "panel" ? "(max-width: 74.99rem)" : "(max-width: 43.99rem)").matches;
  }
  function openDrawer(which) {
    if (!narrow(which)) { return; }
    Object.keys(drawers).forEach(function (k) {
      if (k !== which && narrow(k)) { drawers[k].classList.remove("open"); syncDrawerButton(k); }
    });
    drawers[which].classList.add("open");
    syncDrawerButton(which);
  }
  function closeDrawer(which) { drawers[which].classList.remove("open"); syncDrawerButton(which); }
  function syncDrawerButton(which) {
    var button = document.getElementById("toggle-" + which);
    if (button) { button.setAttribute("aria-expanded", drawers[which].classList.contains("open") ? "true" : "false"); }
  }
  Object.keys(drawers).forEach(function (which) {
    var button = document.getElementById("toggle-" + which);
    button.addEventListener("click", function () {
      if (drawers[which].classList.contains("open")) { closeDrawer(which); } else { openDrawer(which); }
    });
    drawers[which].querySelector(".drawer-close").addEventListener("click", function () { closeDrawer(which); button.focus(); });
  });

  // ------------------------------------------------------------------ keyboard zoom and pan
  function zoomBy(factor) {
    network.moveTo({ scale: Math.min(6, Math.max(0.02, network.getScale() * factor)), animation: { duration: 150, easingFunction: "linear" } });
  }
  function panBy(dx, dy) {
    var p = network.getViewPosition(), s = network.getScale();
    network.moveTo({ position: { x: p.x + dx / s, y: p.y + dy / s }, animation: false });
    placeLabelsSoon();
  }
  container.addEventListener("keydown", function (event) {
    var step = 80, handled = true;
    switch (event.key) {
      case "ArrowLeft": panBy(-step, 0); break;
      case "ArrowRight": panBy(step, 0); break;
      case "ArrowUp": panBy(0, -step); break;
      case "ArrowDown": panBy(0, step); break;
      case "+": case "=": zoomBy(1.25); break;
      case "-": case "_": zoomBy(0.8); break;
      case "0": fit(); break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(0.8); });
  /* Fit the map to the screen with room for the labels at its edges. */
  function fit(animate) {
    network.fit({ animation: false });
    var scale = network.getScale() * 0.82, position = network.getViewPosition();
    network.moveTo({ position: position, scale: scale, animation: animate === false ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
    if (animate === false) { placeLabels(); }
  }
  document.getElementById("fit").addEventListener("click", function () { fit(); });

  // ------------------------------------------------------------------ shareable address
  function keyOf(id) {
    if (isGroup(id)) { return "group:" + groups[groupAt.get(id)].label; }
    return details[id].iri || "node:" + id;
  }
  var byKey = null;
  function idOf(key) {
    if (!byKey) {
      byKey = new Map();
      details.forEach(function (d, id) { byKey.set(keyOf(id), id); });
      groups.forEach(function (g) { byKey.set(keyOf(g.node), g.node); });
    }
    return byKey.has(key) ? byKey.get(key) : null;
  }
  var restoring = false;
  function hashText() {
    var parts = [];
    function add(name, value) { if (value !== "" && value !== null && value !== undefined) { parts.push(name + "=" + encodeURIComponent(value)); } }
    if (state.path) { add("path", keyOf(state.path.from) + " " + keyOf(state.path.to)); }
    else if (state.selected !== null) { add("node", keyOf(state.selected)); }
    if (state.depth !== 1) { add("depth", state.depth); }
    Object.keys(state.filters).forEach(function (k) { add(k, state.filters[k]); });
    if (state.expanded.size) { add("open", Array.from(state.expanded).sort(function (a, b) { return a - b; }).map(function (g) { return groups[g].label; }).join("|")); }
    if (state.hidden.size) { add("hide", Array.from(state.hidden).sort().join(" ")); }
    return parts.join("&");
  }
  function writeHash() {
    if (restoring) { return; }
    var text = hashText();
    if (decodeURIComponent(location.hash.slice(1)) === decodeURIComponent(text)) { return; }
    try { history.replaceState(null, "", text ? "#" + text : location.pathname + location.search); }
    catch (err) { location.hash = text; }
  }
  function readHash() { quietly(function () { readHashNow(); }); }
  function readHashNow() {
    var values = {};
    location.hash.slice(1).split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) { values[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1)); }
    });
    restoring = true;
    state.expanded = new Set();
    (values.open || "").split("|").forEach(function (label) {
      groups.forEach(function (g, i) { if (label && g.label === label) { state.expanded.add(i); } });
    });
    state.hidden = new Set((values.hide || "").split(" ").filter(function (k) { return kindInfo.has(k); }));
    Object.keys(state.filters).forEach(function (k) { state.filters[k] = values[k] || ""; });
    state.depth = Math.max(1, Math.min(6, parseInt(values.depth, 10) || 1));
    state.selected = null; state.path = null;
    syncLegend(); syncFilters();
    regroup();
    restoring = false;
    if (values.path) {
      var ends = values.path.split(" ").map(idOf);
      if (ends.length === 2 && ends[0] !== null && ends[1] !== null) { showPath(ends[0], ends[1]); return; }
    }
    if (values.node && idOf(values.node) !== null) { selectNode(idOf(values.node), { animate: false, openPanel: false }); return; }
    render();
    refreshPanel();
  }
  window.addEventListener("hashchange", function () { if (decodeURIComponent(location.hash.slice(1)) !== decodeURIComponent(hashText())) { readHash(); } });
  document.getElementById("copy-link").addEventListener("click", function () {
    writeHash();
    var address = location.href, box = document.getElementById("share-address");
    box.value = address;
    box.hidden = false;
    box.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (err) { copied = false; }
    say(copied ? "Link to this view copied." : "Copy the link from the box below the button.");
  });

  // ------------------------------------------------------------------ export: PNG and SVG
  function legendEntries() {
    var list = [];
    data.kinds.forEach(function (k) {
      if (state.hidden.has(k.kind)) { return; }
      var bySector = (k.kind === "organisation" || k.kind === "agency") && data.sectors.length;
      list.push({ colour: bySector ? data.noSectorColour : k.colour, shape: k.shape, label: k.label + (bySector ? " (colour: its sector)" : ""), dashed: k.kind === "agency" });
    });
    data.sectors.forEach(function (s) { list.push({ colour: s.colour, shape: "dot", label: "sector: " + s.label }); });
    return list;
  }
  function footerText() {
    var today = new Date().toISOString().slice(0, 10);
    return data.source + (data.built ? " Data of " + data.built + "." : "") + " Picture saved " + today + ".";
  }
  function wrap(ctx, text, width) {
    var words = text.split(" "), lines = [], line = "";
    words.forEach(function (w) {
      var next = line ? line + " " + w : w;
      if (ctx.measureText(next).width > width && line) { lines.push(line); line = w; } else { line = next; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  function exportCanvas() {
    var source = container.querySelector("canvas");
    var ratio = source.width / Math.max(1, container.clientWidth);
    var pad = 16 * ratio, legendWidth = 250 * ratio, font = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    var entries = legendEntries();
    var out = document.createElement("canvas");
    var ctx = out.getContext("2d");
    ctx.font = (12 * ratio) + "px " + font;
    var footer = wrap(ctx, footerText(), source.width + legendWidth - pad);
    var titleHeight = 40 * ratio, legendHeight = (entries.length * 22 + 30) * ratio;
    out.width = Math.round(source.width + legendWidth + pad * 3);
    out.height = Math.round(titleHeight + Math.max(source.height, legendHeight) + footer.length * 16 * ratio + pad * 3);
    ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = "#1b1b1b"; ctx.textBaseline = "top";
    ctx.font = "bold " + (20 * ratio) + "px " + font;
    ctx.fillText(data.title, pad, pad);
    ctx.drawImage(source, pad, pad + titleHeight);
    ctx.strokeStyle = "#d5d9de"; ctx.lineWidth = ratio; ctx.strokeRect(pad, pad + titleHeight, source.width, source.height);
    var lx = pad * 2 + source.width, ly = pad + titleHeight;
    ctx.font = "bold " + (14 * ratio) + "px " + font;
    ctx.fillText("Legend", lx, ly);
    ctx.font = (12.5 * ratio) + "px " + font;
    entries.forEach(function (entry, i) {
      var y = ly + (26 + i * 22) * ratio;
      drawSwatch(ctx, lx, y, 16 * ratio, entry.colour, entry.shape, entry.dashed);
      ctx.fillStyle = "#1b1b1b";
      ctx.fillText(truncate(entry.label, 34), lx + 22 * ratio, y + 1.5 * ratio);
    });
    ctx.font = (12 * ratio) + "px " + font;
    ctx.fillStyle = "#4a4f55";
    footer.forEach(function (line, i) { ctx.fillText(line, pad, pad * 2 + titleHeight + Math.max(source.height, legendHeight) + i * 16 * ratio); });
    return { canvas: out, legend: entries.map(function (e) { return e.label; }) };
  }
  function download(href, name) {
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  document.getElementById("save-png").addEventListener("click", function () {
    var picture = exportCanvas();
    lastExport = { kind: "png", legend: picture.legend, width: picture.canvas.width, height: picture.canvas.height };
    download(picture.canvas.toDataURL("image/png"), (data.name || "map") + ".png");
    say("Saved the current view, with its title, legend and source, as " + (data.name || "map") + ".png.");
  });
  function svgElement(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }
  function svgShape(shape, x, y, r, colour, border, dashed) {
    var attrs = { fill: colour, stroke: border, "stroke-width": 1.2 };
    if (dashed) { attrs["stroke-dasharray"] = "3 2"; }
    if (shape === "dot") { attrs.cx = x; attrs.cy = y; attrs.r = r; return svgElement("circle", attrs); }
    var points = [], i, a;
    if (shape === "square") { points = [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]]; }
    else if (shape === "diamond") { points = [[0, -1], [1, 0], [0, 1], [-1, 0]]; }
    else if (shape === "triangle") { points = [[0, -1], [1, 0.8], [-1, 0.8]]; }
    else if (shape === "triangleDown") { points = [[0, 1], [1, -0.8], [-1, -0.8]]; }
    else if (shape === "hexagon") { for (i = 0; i < 6; i++) { a = Math.PI / 3 * i; points.push([Math.cos(a), Math.sin(a)]); } }
    else { for (i = 0; i < 10; i++) { var rr = i % 2 ? 0.45 : 1; a = -Math.PI / 2 + Math.PI / 5 * i; points.push([rr * Math.cos(a), rr * Math.sin(a)]); } }
    attrs.points = points.map(function (p) { return (x + p[0] * r).toFixed(1) + "," + (y + p[1] * r).toFixed(1); }).join(" ");
    return svgElement("polygon", attrs);
  }
  function exportSvg() {
    var width = container.clientWidth, height = container.clientHeight, legendWidth = 260, top = 44;
    var entries = legendEntries();
    var footer = footerText();
    var total = { w: width + legendWidth + 32, h: top + Math.max(height, entries.length * 22 + 30) + 60 };
    var svg = svgElement("svg", { xmlns: SVG_NS, width: total.w, height: total.h, viewBox: "0 0 " + total.w + " " + total.h,
                                  "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" });
    svg.appendChild(svgElement("title", {}, data.title));
    svg.appendChild(svgElement("rect", { x: 0, y: 0, width: total.w, height: total.h, fill: "#ffffff" }));
    svg.appendChild(svgElement("text", { x: 16, y: 28, "font-size": 20, "font-weight": "bold", fill: "#1b1b1b" }, data.title));
    var map = svgElement("g", { transform: "translate(16," + top + ")" });
    map.appendChild(svgElement("rect", { x: 0, y: 0, width: width, height: height, fill: "none", stroke: "#d5d9de" }));
    var scale = network.getScale(), view = network.getViewPosition();
    function screen(n) { return { x: (n.x - view.x) * scale + width / 2, y: (n.y - view.y) * scale + height / 2 }; }
    edgesView.get().forEach(function (e) {
      var a = screen(data.nodes[e.from]), b = screen(data.nodes[e.to]);
      var key = styled.edges.get(e.id) || "n", colour = key === "p" ? PATH_EDGE.color : key === "l" ? LIT_EDGE.color : key === "f" ? DIM_EDGE.color : EDGE.color;
      map.appendChild(svgElement("line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), stroke: colour, "stroke-width": e.width || 1 }));
    });
    nodesView.getIds().forEach(function (id) {
      var n = data.nodes[id], p = screen(n), faded = lit !== null && !lit.has(id);
      if (p.x < -50 || p.x > width + 50 || p.y < -50 || p.y > height + 50) { return; }
      var colour = faded ? DIM.background : n.color.background, border = faded ? DIM.border : n.color.border;
      map.appendChild(svgShape(n.shape, p.x, p.y, Math.max(2, n.size * scale), colour, border, info(id).kind === "agency"));
      if (labelled.has(id)) {
        var shift = labelled.get(id).vadjust * scale;
        shortLabel[id].split("\n").forEach(function (line, i) {
          map.appendChild(svgElement("text", { x: p.x.toFixed(1), y: (p.y + n.size * scale + 13 + i * 14 + shift).toFixed(1), "text-anchor": "middle", "font-size": 12,
                                                fill: "#1b1b1b", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" }, line));
        });
      }
    });
    svg.appendChild(map);
    var legendGroup = svgElement("g", { transform: "translate(" + (width + 32) + "," + top + ")" });
    legendGroup.appendChild(svgElement("text", { x: 0, y: 14, "font-size": 14, "font-weight": "bold", fill: "#1b1b1b" }, "Legend"));
    entries.forEach(function (entry, i) {
      var y = 30 + i * 22;
      legendGroup.appendChild(svgShape(entry.shape, 8, y + 8, 7, entry.colour, "#444444", entry.dashed));
      legendGroup.appendChild(svgElement("text", { x: 22, y: y + 12, "font-size": 12.5, fill: "#1b1b1b" }, entry.label));
    });
    svg.appendChild(legendGroup);
    svg.appendChild(svgElement("text", { x: 16, y: total.h - 24, "font-size": 11, fill: "#4a4f55" }, footer));
    return { text: new XMLSerializer().serializeToString(svg), legend: entries.map(function (e) { return e.label; }) };
  }
  document.getElementById("save-svg").addEventListener("click", function () {
    var picture = exportSvg();
    lastExport = { kind: "svg", legend: picture.legend };
    download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(picture.text), (data.name || "map") + ".svg");
    say("Saved the current view as " + (data.name || "map") + ".svg.");
  });
  var lastExport = null;

  // ------------------------------------------------------------------ reset and start
  function reset() { quietly(function () { resetNow(); }); }
  function resetNow() {
    search.value = "";
    state.filters = { kind: "", topics: "", phase: "", section: "" };
    state.hidden.clear();
    state.expanded.clear();
    state.depth = 1;
    syncFilters(); syncLegend();
    state.selected = null; state.path = null;
    network.unselectAll();
    regroup();
    emptyPanel();
    fit(false);
    say("Back to the map as it opened.");
  }
  document.getElementById("reset").addEventListener("click", reset);

  network.once("afterDrawing", function () { document.body.dataset.ready = "true"; });
  /* Building the network asked for a frame to draw in; the map is drawn once, in the frame after
   * that one, with everything in place. */
  hold();
  window.requestAnimationFrame(release);
  quietly(function () {
    nodes.add(data.nodes);
    buildEdges();
    updateGroupButtons();
    fit(false);
    if (location.hash.length > 1) { readHash(); }
    else if (data.focus !== null && data.focus !== undefined) { selectNode(data.focus, { animate: false, openPanel: false }); }
    else { render(); }
  });

  /* For tests and for the curious: the map's state, read-only in spirit. */
  window.hubspokeMap = {
    network: network,
    nodes: nodes,
    edges: edges,
    nodeCount: function () { return nodesView.length; },
    visibleNodeCount: function () { return nodesView.length; },
    totalNodes: function () { return N; },
    drawnIds: function () { return nodesView.getIds(); },
    detailsOf: function (id) { return info(id); },
    selected: function () { return state.selected === null ? null : info(state.selected); },
    select: function (id) { selectNode(id, { animate: false }); },
    find: function (text) { return matches(text, 50).map(function (m) { return m.id; }); },
    results: function (text) { return matches(text, 50); },
    faded: function () { return nodesView.getIds().filter(function (id) { return lit !== null && !lit.has(id); }); },
    litEdges: function () { return litEdges === null ? null : Array.from(litEdges); },
    labelled: function () { return Array.from(labelled.keys()); },
    pointedLink: function () { return pointed && pointed.text; },
    arrowheads: function () {  // whether vis-network draws the links' arrowheads now
      var id = edgesView.getIds()[0];
      return id !== undefined && network.body.edges[id].options.arrows.to.enabled;
    },
    groups: function () { return groups.map(function (g, i) { return { label: g.label, node: g.node, members: g.members, open: state.expanded.has(i) }; }); },
    expand: function (i) { expand(i); },
    path: function () { return state.path; },
    connect: function (a, b) { showPath(a, b); },
    lastExport: function () { return lastExport; },
    exportSvg: function () { return exportSvg().text; },
    hash: hashText,
    reset: reset
  };
})();
