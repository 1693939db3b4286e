/* hubspoke map: search, filters, neighbourhood highlight, side panel, PNG export.
 * Every text from the data reaches the page through textContent or DOM nodes, never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("map-data").textContent);
  var details = data.details;
  var relations = data.relations;
  var classStyle = new Map();
  data.classes.forEach(function (c) { classStyle.set(c.cls, c); });

  var DIM_NODE = { background: "#eceef0", border: "#d3d7db",
                   highlight: { background: "#eceef0", border: "#d3d7db" },
                   hover: { background: "#eceef0", border: "#d3d7db" } };
  var DIM_FONT = { color: "rgba(0,0,0,0)", strokeColor: "rgba(0,0,0,0)" };  // dimmed: no label
  var DIM_EDGE = { color: "#e6e8eb", highlight: "#e6e8eb", hover: "#c8ccd1", opacity: 1 };
  var LIT_EDGE = { color: "#4a5058", highlight: "#1b1b1b", hover: "#1b1b1b", opacity: 1 };

  // ------------------------------------------------------------------ small DOM helpers
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function truncate(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }

  /* A small canvas showing a class's colour and shape, as the map draws it. */
  function swatch(cls, px) {
    var style = classStyle.get(cls) || { colour: "#999999", shape: "dot" };
    var size = px || 16;
    var canvas = document.createElement("canvas");
    var ratio = window.devicePixelRatio || 1;
    canvas.width = size * ratio; canvas.height = size * ratio;
    canvas.style.width = size + "px"; canvas.style.height = size + "px";
    canvas.setAttribute("aria-hidden", "true");
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    var c = size / 2, r = size / 2 - 2;
    ctx.beginPath();
    switch (style.shape) {
      case "square": ctx.rect(c - r * 0.85, c - r * 0.85, r * 1.7, r * 1.7); break;
      case "diamond": ctx.moveTo(c, c - r); ctx.lineTo(c + r, c); ctx.lineTo(c, c + r); ctx.lineTo(c - r, c); break;
      case "triangle": ctx.moveTo(c, c - r); ctx.lineTo(c + r, c + r * 0.8); ctx.lineTo(c - r, c + r * 0.8); break;
      case "triangleDown": ctx.moveTo(c, c + r); ctx.lineTo(c + r, c - r * 0.8); ctx.lineTo(c - r, c - r * 0.8); break;
      case "hexagon":
        for (var i = 0; i < 6; i++) {
          var a = Math.PI / 3 * i;
          ctx[i ? "lineTo" : "moveTo"](c + r * Math.cos(a), c + r * Math.sin(a));
        }
        break;
      case "star":
        for (var k = 0; k < 10; k++) {
          var rr = k % 2 ? r * 0.45 : r, b = -Math.PI / 2 + Math.PI / 5 * k;
          ctx[k ? "lineTo" : "moveTo"](c + rr * Math.cos(b), c + rr * Math.sin(b));
        }
        break;
      default: ctx.arc(c, c, r, 0, 2 * Math.PI);
    }
    ctx.closePath();
    ctx.fillStyle = style.colour; ctx.fill();
    ctx.lineWidth = 1.2; ctx.strokeStyle = "rgba(0,0,0,0.55)"; ctx.stroke();
    return canvas;
  }

  // ------------------------------------------------------------------ the network
  function nodeTooltip(id) {
    var d = details[id];
    var box = el("div", null, "tip");
    box.appendChild(el("strong", d.label));
    box.appendChild(el("span", d.count !== undefined
      ? d.count.toLocaleString("en-GB") + " nodes" : d.class_label, "tip-class"));
    if (d.text) { box.appendChild(el("div", truncate(d.text, 280), "tip-text")); }
    return box;
  }
  function relationText(edgeId) { return (relations[edgeId] || []).join("; "); }
  function edgeTooltip(edge) {
    var box = el("div", null, "tip");
    var arrow = data.directed ? " \u2192 " : " \u2014 ";
    box.appendChild(el("strong", relationText(edge.id) || "linked"));
    box.appendChild(el("div", details[edge.from].label + arrow + details[edge.to].label));
    return box;
  }

  var baseNode = new Map();
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    baseNode.set(n.id, { color: n.color, font: n.font || {} });
    var copy = Object.assign({}, n);
    copy.title = nodeTooltip(n.id);
    return copy;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = edgeTooltip(e);
    return copy;
  }));

  var adjacency = new Map();
  data.nodes.forEach(function (n) { adjacency.set(n.id, []); });
  data.edges.forEach(function (e) {
    adjacency.get(e.from).push({ other: e.to, edge: e.id, way: data.directed ? "out" : "both" });
    if (e.to !== e.from) {
      adjacency.get(e.to).push({ other: e.from, edge: e.id, way: data.directed ? "in" : "both" });
    }
  });

  var filters = { cls: "", topics: "", phase: "", section: "" };
  function passes(id) {
    var d = details[id];
    if (filters.cls && d.cls !== filters.cls) { return false; }
    if (filters.topics && (d.topics || []).indexOf(filters.topics) < 0) { return false; }
    if (filters.phase && (d.phase || []).indexOf(filters.phase) < 0) { return false; }
    if (filters.section && d.section !== filters.section) { return false; }
    return true;
  }
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return passes(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return passes(e.from) && passes(e.to); } });

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);

  // a white background, so that the saved PNG is not transparent
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  // ------------------------------------------------------------------ highlight
  var selected = null;
  var dimmed = false;

  function highlight(id, scale) {
    var hood = new Set([id]);
    adjacency.get(id).forEach(function (link) { hood.add(link.other); });
    var nodeUpdates = [];
    details.forEach(function (_, nid) {
      var base = baseNode.get(nid);
      if (hood.has(nid)) {
        var readable = Math.min(400, 12 / (scale || network.getScale()));
        var size = Math.max(base.font.size || 11, nid === id ? readable * 1.25 : readable);
        nodeUpdates.push({ id: nid, color: base.color, font: { size: size, color: "#1b1b1b", strokeColor: "#ffffff" } });
      } else {
        nodeUpdates.push({ id: nid, color: DIM_NODE, font: DIM_FONT });
      }
    });
    nodes.update(nodeUpdates);
    edges.update(data.edges.map(function (e) {
      var lit = e.from === id || e.to === id;
      return { id: e.id, color: lit ? LIT_EDGE : DIM_EDGE, width: lit ? Math.max(e.width || 1, 1.8) : (e.width || 1) };
    }));
    dimmed = true;
  }

  function unhighlight() {
    if (!dimmed) { return; }
    nodes.update(data.nodes.map(function (n) {
      var base = baseNode.get(n.id);
      return { id: n.id, color: base.color, font: Object.assign({ color: "#1b1b1b", strokeColor: "#ffffff" }, base.font) };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: data.options.edges.color, width: e.width || 1 };
    }));
    dimmed = false;
  }

  // ------------------------------------------------------------------ side panel
  var panelTitle = document.getElementById("panel-title");
  var panelBody = document.getElementById("panel-body");
  var panelHint = panelBody.firstElementChild ? panelBody.firstElementChild.cloneNode(true) : null;

  function addRow(list, term, value) {
    if (!value) { return; }
    list.appendChild(el("dt", term));
    list.appendChild(el("dd", Array.isArray(value) ? value.join("; ") : value));
  }

  function showPanel(id) {
    var d = details[id];
    clear(panelBody);
    panelTitle.textContent = d.label;
    var classLine = el("p", null, "class-line");
    classLine.appendChild(swatch(d.cls, 14));
    classLine.appendChild(el("span", d.count !== undefined
      ? "group of " + d.count.toLocaleString("en-GB") + " nodes" + (d.class_label && data.grouped !== "class" ? " (mostly " + d.class_label + ")" : "")
      : (d.class_label || d.cls || "no class") + (d.cls ? " (" + d.cls + ")" : "")));
    panelBody.appendChild(classLine);
    if (d.text) {
      panelBody.appendChild(el("h3", "Verbatim text"));
      panelBody.appendChild(el("blockquote", d.text));
    }
    var facts = el("dl");
    addRow(facts, "Document", d.document);
    addRow(facts, "Section", d.section);
    addRow(facts, "Lines", d.lines);
    addRow(facts, "Topics", d.topics);
    addRow(facts, "Phase", d.phase);
    addRow(facts, "Also called", d.aliases);
    if (d.sensitivity && d.sensitivity !== "public") { addRow(facts, "Sensitivity", d.sensitivity); }
    addRow(facts, "Identifier", d.iri);
    if (d.internal) { addRow(facts, "Links inside", d.internal.toLocaleString("en-GB")); }
    if (facts.childNodes.length) {
      panelBody.appendChild(el("h3", d.document || d.section || d.lines ? "Source" : "About"));
      panelBody.appendChild(facts);
    }
    var links = adjacency.get(id).slice().sort(function (a, b) {
      return details[a.other].label.localeCompare(details[b.other].label);
    });
    panelBody.appendChild(el("h3", "Linked to (" + links.length + ")"));
    if (!links.length) { panelBody.appendChild(el("p", "Nothing in this map.", "hint")); }
    var list = el("ul", null, "neighbours");
    links.forEach(function (link) {
      var other = details[link.other];
      var item = el("li");
      var button = el("button");
      button.type = "button";
      button.dataset.node = String(link.other);
      button.appendChild(swatch(other.cls, 12));
      var text = el("span", other.label, "text");
      var arrow = link.way === "out" ? "\u2192 " : link.way === "in" ? "\u2190 " : "";
      text.appendChild(el("span", arrow + relationText(link.edge) + " \u00b7 " + (other.class_label || ""), "relation"));
      button.appendChild(text);
      button.addEventListener("click", function () { selectNode(link.other, { moveFocus: true }); });
      item.appendChild(button);
      list.appendChild(item);
    });
    panelBody.appendChild(list);
    if (d.members && d.members.length) {
      panelBody.appendChild(el("h3", d.members.length < d.count
        ? "First " + d.members.length + " of " + d.count.toLocaleString("en-GB") + " members" : "Members"));
      var members = el("ul", null, "members");
      d.members.forEach(function (m) { members.appendChild(el("li", m)); });
      panelBody.appendChild(members);
    }
  }

  function emptyPanel() {
    clear(panelBody);
    panelTitle.textContent = "Details";
    if (panelHint) { panelBody.appendChild(panelHint.cloneNode(true)); }
  }

  // ------------------------------------------------------------------ selection
  var status = document.getElementById("status");
  function say(text) { status.textContent = text; }

  function anyFilter() { return Object.keys(filters).some(function (k) { return filters[k]; }); }

  function setFilters(values) {
    Object.keys(filters).forEach(function (key) {
      filters[key] = values[key] || "";
      var select = document.querySelector("select[data-filter='" + key + "']");
      if (select) { select.value = filters[key]; }
    });
    nodesView.refresh();
    edgesView.refresh();
  }

  function selectNode(id, opts) {
    opts = opts || {};
    if (!passes(id)) {
      setFilters({});
      say("Filters cleared to show " + details[id].label + ".");
    } else {
      say("Selected " + details[id].label + ".");
    }
    selected = id;
    var scale = opts.centre !== false ? Math.max(network.getScale(), 0.85) : network.getScale();
    network.selectNodes([id]);
    highlight(id, scale);
    showPanel(id);
    if (opts.centre !== false) {
      network.focus(id, { scale: scale,
                          animation: opts.animate === false ? false : { duration: 350, easingFunction: "easeInOutQuad" } });
    }
    if (opts.moveFocus) { panelTitle.focus(); }
  }

  function clearSelection() {
    selected = null;
    network.unselectAll();
    unhighlight();
    emptyPanel();
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      selectNode(params.nodes[0], { centre: false });
    } else if (!params.edges.length) {
      clearSelection();
      say("");
    }
  });
  network.on("hoverEdge", function (params) { edges.update({ id: params.edge, label: relationText(params.edge) }); });
  network.on("blurEdge", function (params) { edges.update({ id: params.edge, label: "" }); });

  // ------------------------------------------------------------------ filters
  var filterValues = {
    cls: data.classes.map(function (c) { return { value: c.cls, text: c.label + " (" + c.count + ")" }; }),
    topics: data.filters.topics.map(function (t) { return { value: t, text: t }; }),
    phase: data.filters.phase.map(function (p) { return { value: p, text: p }; }),
    section: data.filters.section.map(function (s) { return { value: s, text: truncate(s, 70) }; })
  };
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (select) {
    var key = select.dataset.filter;
    var values = filterValues[key] || [];
    if (values.length < (key === "cls" ? 2 : 1)) {
      select.parentNode.hidden = true;
      return;
    }
    values.forEach(function (v) {
      var option = el("option", v.text);
      option.value = v.value;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      filters[key] = select.value;
      nodesView.refresh();
      edgesView.refresh();
      if (selected !== null && !passes(selected)) { clearSelection(); }
      else if (selected !== null) { highlight(selected); }
      var shown = nodesView.length;
      say(anyFilter() ? "Showing " + shown + " of " + nodes.length + " nodes." : "Showing all " + nodes.length + " nodes.");
    });
  });

  var fieldset = document.querySelector("fieldset.filters");
  if (!fieldset.querySelector(".filter:not([hidden])")) { fieldset.hidden = true; }

  // ------------------------------------------------------------------ legend
  var legend = document.getElementById("legend");
  data.classes.forEach(function (c) {
    var item = el("li");
    item.appendChild(swatch(c.cls, 16));
    item.appendChild(el("span", c.label));
    item.appendChild(el("span", c.count.toLocaleString("en-GB"), "count"));
    legend.appendChild(item);
  });

  // ------------------------------------------------------------------ search
  var search = document.getElementById("search");
  var suggestions = document.getElementById("suggestions");
  var entries = details.map(function (d, id) {
    var names = [d.label].concat(d.aliases || []);
    return { id: id, names: names, keys: names.map(function (n) { return n.toLowerCase(); }),
             cls: (d.class_label || "").toLowerCase(), members: (d.members || []).map(function (m) { return m.toLowerCase(); }) };
  });
  var current = [];
  var active = -1;

  function rank(entry, q) {
    var best = 9, via = null;
    entry.keys.forEach(function (key, i) {
      var score = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(q) > 0 ? 2 : 9;
      if (score < best) { best = score; via = i ? entry.names[i] : null; }
    });
    if (best === 9 && entry.cls.indexOf(q) >= 0) { best = 3; }
    if (best === 9 && entry.members.some(function (m) { return m.indexOf(q) >= 0; })) { best = 4; }
    return { score: best, via: via };
  }

  function matches(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return []; }
    var found = [];
    entries.forEach(function (entry) {
      var r = rank(entry, q);
      if (r.score < 9) { found.push({ id: entry.id, score: r.score, via: r.via }); }
    });
    found.sort(function (a, b) {
      return a.score - b.score || details[a.id].label.localeCompare(details[b.id].label);
    });
    return found.slice(0, 12);
  }

  function setActive(index) {
    active = index;
    Array.prototype.forEach.call(suggestions.children, function (li, i) {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && suggestions.children[index]) {
      search.setAttribute("aria-activedescendant", suggestions.children[index].id);
      suggestions.children[index].scrollIntoView({ block: "nearest" });
    } else {
      search.removeAttribute("aria-activedescendant");
    }
  }

  function closeSuggestions() {
    suggestions.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function showSuggestions() {
    current = matches(search.value);
    clear(suggestions);
    current.forEach(function (match, i) {
      var d = details[match.id];
      var li = el("li", d.label);
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.appendChild(el("span", (match.via ? match.via + " \u00b7 " : "") + (d.class_label || ""), "sub"));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      suggestions.appendChild(li);
    });
    if (current.length) {
      suggestions.hidden = false;
      search.setAttribute("aria-expanded", "true");
    } else {
      closeSuggestions();
    }
    active = -1;
  }

  function choose(index) {
    var match = current[index];
    if (!match) { return; }
    search.value = details[match.id].label;
    closeSuggestions();
    selectNode(match.id);
  }

  search.addEventListener("input", showSuggestions);
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (suggestions.hidden) { showSuggestions(); }
      setActive(Math.min(active + 1, current.length - 1));
      event.preventDefault();
    } else if (event.key === "ArrowUp") {
      setActive(Math.max(active - 1, 0));
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (suggestions.hidden || !current.length) { current = matches(search.value); }
      if (current.length) { choose(active >= 0 ? active : 0); }
      else { say("Nothing in this map matches \u201c" + search.value.trim() + "\u201d."); }
      event.preventDefault();
    } else if (event.key === "Escape") {
      closeSuggestions();
    }
  });
  search.addEventListener("blur", function () { window.setTimeout(closeSuggestions, 120); });

  // ------------------------------------------------------------------ buttons
  function reset() {
    search.value = "";
    closeSuggestions();
    setFilters({});
    clearSelection();
    network.fit({ animation: false });
    say("Showing all " + nodes.length + " nodes.");
  }
  document.getElementById("reset").addEventListener("click", reset);
  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  });
  document.getElementById("save-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var link = document.createElement("a");
    link.href = canvas.toDataURL("image/png");
    link.download = (data.name || "map") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
    say("Saved the current view as " + link.download + ".");
  });

  // ------------------------------------------------------------------ start
  network.fit({ animation: false });
  /* Labels smaller than 9 px on screen are not drawn: enlarge the hubs' labels so that they
   * stay readable at the overview; the others appear as one zooms in. */
  (function () {
    var hubSize = Math.min(400, Math.max(12, 13 / network.getScale()));
    var hubFonts = data.hubs.map(function (id) {
      var base = baseNode.get(id);
      base.font = Object.assign({}, base.font, { size: Math.max(base.font.size || 0, hubSize) });
      return { id: id, font: base.font };
    });
    nodes.update(hubFonts);
  })();
  network.once("afterDrawing", function () { document.body.dataset.ready = "true"; });
  if (data.focus !== null && data.focus !== undefined) {
    selectNode(data.focus, { animate: false });
  }

  /* For tests and for the curious: the map's state, read-only in spirit. */
  window.hubspokeMap = {
    network: network,
    nodes: nodes,
    edges: edges,
    nodeCount: function () { return Object.keys(network.getPositions()).length; },
    visibleNodeCount: function () { return nodesView.length; },
    totalNodes: function () { return nodes.length; },
    drawnIds: function () { return Object.keys(network.getPositions()).map(Number); },
    detailsOf: function (id) { return details[id]; },
    selected: function () { return selected === null ? null : details[selected]; },
    select: function (id) { selectNode(id, { animate: false }); },
    find: function (text) { return matches(text).map(function (m) { return m.id; }); },
    reset: reset
  };
})();
