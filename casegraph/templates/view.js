/* casegraph page: draws the graph and its controls. Every piece of graph text reaches the
   screen through textContent or an input's value, never as HTML. */
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("cg-data").textContent);
  var info = data.info;
  var state = { types: {}, relations: {}, since: "", until: "" };
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // --- filters -----------------------------------------------------------------------------
  function inRange(span) {
    if (!span) return true;
    if (state.since && span[1] < state.since) return false;
    if (state.until && span[0] > state.until) return false;
    return true;
  }
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return state.types[n.t] !== false && inRange(n.d); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return state.relations[e.r] !== false && inRange(e.d) &&
        nodeView.get(e.from) !== null && nodeView.get(e.to) !== null;
    }
  });
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    filterTime();
    byId("cg-count").textContent = nodeView.length + " of " + nodes.length + " nodes, " +
      edgeView.length + " of " + edges.length + " edges";
  }

  // --- legend, which is also the type and relation filter ----------------------------------
  function countBy(items, key) {
    var counts = {};
    items.forEach(function (item) { counts[item[key]] = (counts[item[key]] || 0) + 1; });
    return counts;
  }
  function swatch(colour, shape) {
    var mark = el("span", null, "cg-swatch cg-" + shape);
    mark.style.background = colour;
    return mark;
  }
  function legendEntry(list, key, store, colour, shape, text, count) {
    var item = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { store[key] = box.checked; refresh(); });
    label.appendChild(box);
    label.appendChild(swatch(colour, shape));
    label.appendChild(el("span", text + " (" + count + ")"));
    item.appendChild(label);
    list.appendChild(item);
  }
  function buildLegend() {
    var typeCounts = countBy(data.nodes, "t");
    Object.keys(typeCounts).sort().forEach(function (t) {
      var style = data.types[t] || data.types.other;
      var text = data.types[t] ? style[2] : t;
      legendEntry(byId("cg-types"), t, state.types, style[0], style[1], text, typeCounts[t]);
    });
    var relCounts = countBy(data.edges, "r");
    Object.keys(relCounts).sort().forEach(function (r) {
      legendEntry(byId("cg-relations"), r, state.relations, data.relations[r] || "#999999",
                  "line", r, relCounts[r]);
    });
  }

  // --- details: tooltip and side panel -----------------------------------------------------
  function table(rows) {
    var t = el("table");
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", row[0]));
      tr.appendChild(el("td", row[1]));
      t.appendChild(tr);
    });
    return t;
  }
  function sourceList(item) {
    var list = el("ol", null, "cg-sources");
    item.sources.forEach(function (s) {
      var li = el("li");
      var where = [s.doc, s.date].filter(function (x) { return x; }).join(" · ");
      if (s.start !== null && s.start !== undefined) where += " [" + s.start + "–" + s.end + "]";
      li.appendChild(el("div", where, "cg-where"));
      if (s.text) li.appendChild(el("blockquote", s.text));
      list.appendChild(li);
    });
    if (item.more > 0) list.appendChild(el("li", "… and " + item.more + " more sources"));
    return list;
  }
  function history(panel, item) {
    if (item.history && item.history.length) {
      panel.appendChild(el("h3", "What each bulletin said"));
      var t = el("table", null, "cg-history");
      item.history.forEach(function (row) {
        var tr = el("tr");
        tr.appendChild(el("th", row[0]));
        tr.appendChild(el("td", row[1]));
        tr.appendChild(el("td", row[2], "cg-where"));
        t.appendChild(tr);
      });
      panel.appendChild(t);
    }
    if (item.merged_by && item.merged_by.length) {
      panel.appendChild(el("h3", "Merged because"));
      var list = el("ul");
      item.merged_by.forEach(function (why) { list.appendChild(el("li", why)); });
      panel.appendChild(list);
    }
  }
  function showNode(index) {
    var item = info.nodes[index];
    var panel = byId("cg-panel");
    clear(panel);
    panel.appendChild(el("h2", item.name));
    panel.appendChild(el("p", item.type + " · " + item.id, "cg-kind"));
    panel.appendChild(table(item.attrs));
    history(panel, item);
    panel.appendChild(el("h3", "Sources (" + (item.sources.length + item.more) + ")"));
    panel.appendChild(sourceList(item));
  }
  function showEdge(index) {
    var item = info.edges[index];
    var panel = byId("cg-panel");
    clear(panel);
    panel.appendChild(el("h2", item.relation));
    panel.appendChild(el("p", item.from + " → " + item.to, "cg-kind"));
    panel.appendChild(table(item.attrs));
    history(panel, item);
    panel.appendChild(el("h3", "Sources (" + (item.sources.length + item.more) + ")"));
    panel.appendChild(sourceList(item));
  }
  function showTip(item, at) {
    var tip = byId("cg-tip");
    clear(tip);
    tip.appendChild(el("strong", item.name || item.relation));
    tip.appendChild(el("div", item.type || (item.from + " → " + item.to), "cg-kind"));
    item.attrs.slice(0, 6).forEach(function (row) {
      tip.appendChild(el("div", row[0] + ": " + row[1]));
    });
    var first = item.sources.filter(function (s) { return s.text; })[0];
    if (first) tip.appendChild(el("blockquote", first.text));
    tip.hidden = false;
    var box = byId("cg-graph").getBoundingClientRect();
    tip.style.left = Math.min(box.left + at.x + 14, window.innerWidth - 340) + "px";
    tip.style.top = (box.top + at.y + 14) + "px";
  }
  function hideTip() { byId("cg-tip").hidden = true; }

  // --- search ------------------------------------------------------------------------------
  function buildNames() {
    var list = byId("cg-names");
    var seen = {};
    info.nodes.concat((data.undrawn || []).map(function (row) { return { name: row[0] }; }))
        .slice(0, 5000).forEach(function (item) {
      if (seen[item.name]) return;
      seen[item.name] = true;
      var option = el("option");
      option.value = item.name;
      list.appendChild(option);
    });
  }
  function described(item) {  // tells apart people who share a label
    return [item.type, item.city, item.date].filter(function (x) { return x; }).join(" · ");
  }
  function search(text) {
    var query = text.trim().toLowerCase();
    if (!query) return [];
    var matches = function (name, id) {
      return name.toLowerCase().indexOf(query) >= 0 || id.toLowerCase() === query;
    };
    var hits = [];
    info.nodes.forEach(function (item, i) { if (matches(item.name, item.id)) hits.push(i); });
    var others = (data.undrawn || []).filter(function (row) { return matches(row[0], row[1]); });
    var panel = byId("cg-panel");
    clear(panel);
    var total = hits.length + others.length;
    panel.appendChild(el("h3", total + " match" + (total === 1 ? "" : "es") +
                         (others.length ? " (" + others.length + " not drawn)" : "")));
    var list = el("ul", null, "cg-hits");
    hits.slice(0, 50).forEach(function (i) {
      var li = el("li");
      var button = el("button", info.nodes[i].name + " (" + described(info.nodes[i]) + ")");
      button.type = "button";
      button.addEventListener("click", function () { focusNode(i); });
      li.appendChild(button);
      list.appendChild(li);
    });
    others.slice(0, 50).forEach(function (row) {
      var li = el("li", null, "cg-undrawn");
      li.appendChild(el("span", row[0] + " (" + described({ type: row[2], city: row[3], date: row[4] }) +
                        ") — not drawn on this page; to draw it: "));
      li.appendChild(el("code", "casegraph view OUT --focus '" + row[1] + "'"));
      list.appendChild(li);
    });
    panel.appendChild(list);
    if (hits.length === 1 && others.length === 0) focusNode(hits[0]);
    else network.selectNodes(hits.filter(function (i) { return nodeView.get(i); }));
    return hits.concat(others.map(function (row) { return row[1]; }));
  }
  function focusNode(i) {
    if (!nodeView.get(i)) { state.types[data.nodes[i].t] = true; state.since = ""; state.until = ""; syncControls(); refresh(); }
    network.selectNodes([i]);
    network.focus(i, { scale: 1.2, animation: false });
    showNode(i);
  }

  // --- controls ----------------------------------------------------------------------------
  function syncControls() {
    byId("cg-since").value = state.since;
    byId("cg-until").value = state.until;
    document.querySelectorAll("#cg-legend input").forEach(function (box) { box.checked = true; });
  }
  function wireControls() {
    byId("cg-search").addEventListener("change", function (e) { search(e.target.value); });
    byId("cg-since").addEventListener("change", function (e) { state.since = e.target.value; refresh(); });
    byId("cg-until").addEventListener("change", function (e) { state.until = e.target.value; refresh(); });
    byId("cg-mode").addEventListener("click", function () {
      setMode(byId("cg-time").hidden ? "time" : "network");
    });
    byId("cg-reset").addEventListener("click", function () {
      state.types = {}; state.relations = {}; state.since = ""; state.until = "";
      syncControls(); refresh(); network.unselectAll(); network.fit();
    });
  }

  // --- the time axis: chains laid out by date when the page was written --------------------
  var time = data.timeline;
  var SVG = "http://www.w3.org/2000/svg";
  var timeDrawn = false;
  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function dayX(day) {
    var days = Math.round((Date.parse(day) - Date.parse(time.start)) / 86400000);
    return time.left_px + days * time.day_px;
  }
  function timeCaption() {
    var kinds = Object.keys(time.kinds).map(function (k) { return k + " " + time.kinds[k]; });
    return "x: each case's date (" + (kinds.join(", ") || "none dated") + "; first of onset, " +
      "positive test, diagnosis), " + time.undated + " undated case(s) not drawn · bars: " +
      "exposure → quarantine (green) → confirmation (black) · red lines: close contact";
  }
  function drawAxis(svg, width, height) {
    var span = (Date.parse(time.end) - Date.parse(time.start)) / 86400000;
    var every = span > 120 ? 14 : span > 40 ? 7 : 2;  // a label every few days, a line each day
    for (var d = 0; d <= span; d += 1) {
      var day = new Date(Date.parse(time.start) + d * 86400000).toISOString().slice(0, 10);
      var x = dayX(day);
      if (span <= 120 || d % every === 0) {
        svg.appendChild(svgEl("line", { x1: x, x2: x, y1: 14, y2: height, "class": "cg-tick" }));
      }
      if (d % every === 0) svg.appendChild(svgEl("text", { x: x - 14, y: 12 }, day.slice(5)));
    }
  }
  function drawTime() {
    timeDrawn = true;
    byId("cg-time-caption").textContent = timeCaption();
    var svg = byId("cg-time-svg");
    if (!time.cases.length) { byId("cg-time-caption").textContent = "No dated case to draw."; return; }
    var width = dayX(time.end) + 260;
    var height = time.cases[time.cases.length - 1].y + 30;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    drawAxis(svg, width, height);
    time.links.forEach(function (link) {
      var a = time.cases[link[0]], b = time.cases[link[1]];
      svg.appendChild(svgEl("path", { d: "M" + a.x + " " + a.y + " V" + b.y + " H" + b.x,
                                      "class": "cg-link", "data-from": a.node, "data-to": b.node }));
    });
    time.cases.forEach(function (c) {
      var g = svgEl("g", { "class": "cg-trow", "data-date": c.date, "data-node": c.node });
      var marks = [c.date, c.bar.exposure, c.bar.quarantine, c.bar.confirmation].filter(Boolean).sort();
      if (marks.length > 1) {
        g.appendChild(svgEl("line", { x1: dayX(marks[0]), x2: dayX(marks[marks.length - 1]),
                                      y1: c.y, y2: c.y, "class": "cg-bar" }));
      }
      if (c.bar.quarantine) g.appendChild(svgEl("rect", { x: dayX(c.bar.quarantine) - 3, y: c.y - 3,
        width: 6, height: 6, "class": "cg-quarantine" }));
      if (c.bar.confirmation) g.appendChild(svgEl("rect", { x: dayX(c.bar.confirmation) - 1, y: c.y - 6,
        width: 2, height: 12, "class": "cg-confirmation" }));
      var dot = svgEl("circle", { cx: c.x, cy: c.y, r: 5, "class": "cg-tcase" });
      dot.appendChild(svgEl("title", {}, c.name + " · " + c.kind + " " + c.date));
      dot.addEventListener("click", function () { showNode(c.node); });
      g.appendChild(dot);
      g.appendChild(svgEl("text", { x: c.x + 8, y: c.y + 4 }, c.name));
      svg.appendChild(g);
    });
    drawCurve(width);
    filterTime();
  }
  function drawCurve(width) {
    var svg = byId("cg-curve-svg");
    var most = Math.max.apply(null, time.epicurve.map(function (d) { return d[1]; }).concat([1]));
    svg.setAttribute("width", width);
    svg.setAttribute("height", 108);
    svg.appendChild(svgEl("text", { x: 4, y: 12 }, "cases per day (" + most + " at most)"));
    time.epicurve.forEach(function (d) {
      var h = Math.max(1, Math.round(84 * d[1] / most));
      var bar = svgEl("rect", { x: dayX(d[0]) - time.day_px / 2 + 1, y: 104 - h, width: time.day_px - 2,
                                height: h, "class": "cg-day", "data-date": d[0], "data-count": d[1] });
      bar.appendChild(svgEl("title", {}, d[0] + ": " + d[1]));
      svg.appendChild(bar);
    });
    var scroll = byId("cg-time-scroll");
    scroll.addEventListener("scroll", function () { byId("cg-curve").scrollLeft = scroll.scrollLeft; });
  }
  function filterTime() {
    if (!timeDrawn) return;
    var outside = function (day) { return (state.since && day < state.since) || (state.until && day > state.until); };
    document.querySelectorAll("#cg-time [data-date]").forEach(function (item) {
      item.classList.toggle("cg-out", Boolean(outside(item.getAttribute("data-date"))));
    });
  }
  function setMode(mode) {
    var timeMode = mode === "time";
    if (timeMode && !timeDrawn) drawTime();
    byId("cg-time").hidden = !timeMode;
    byId("cg-graph").hidden = timeMode;
    byId("cg-mode").textContent = timeMode ? "Network" : "Time axis";
    byId("cg-mode").setAttribute("aria-pressed", String(timeMode));
    if (!timeMode) network.redraw();
    return mode;
  }

  // --- the network -------------------------------------------------------------------------
  byId("cg-title").textContent = data.title;
  document.title = data.title;
  if (data.note) { byId("cg-note").textContent = data.note; byId("cg-note").hidden = false; }
  buildLegend();
  buildNames();
  (data.plots || []).forEach(function (plot) {
    var figure = el("figure");
    var image = el("img");
    image.src = plot[1];  // a data: URI of an SVG: the page's policy allows no other image
    image.alt = plot[0];
    figure.appendChild(image);
    figure.appendChild(el("figcaption", plot[0]));
    byId("cg-plots").appendChild(figure);
    byId("cg-plots").hidden = false;
  });
  wireControls();
  var status = byId("cg-status");
  var network = new vis.Network(byId("cg-graph"), { nodes: nodeView, edges: edgeView }, data.options);
  refresh();
  var api = window.casegraphView = {
    ready: false, network: network, nodes: nodes, edges: edges, info: info,
    showNode: showNode, showEdge: showEdge, showTip: showTip, search: search,
    setMode: setMode, timeline: time
  };
  // page.html#node=<id or name> opens with that node selected and its panel shown;
  // #view=time (alone or with &node=…) opens the time axis.
  function fromHash() {
    var params = {};
    window.location.hash.slice(1).split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) params[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1));
    });
    if (params.view) setMode(params.view === "time" ? "time" : "network");
    if (!params.node) return;
    var wanted = params.node;
    var i = info.nodes.findIndex(function (n) { return n.id === wanted; });
    if (i < 0) i = info.nodes.findIndex(function (n) { return n.name === wanted; });
    if (i >= 0) { network.selectNodes([i]); showNode(i); }
  }
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    status.textContent = "";
    fromHash();
    api.layoutMs = Math.round(performance.now() - started);  // script start to settled
    api.ready = true;
  }
  window.addEventListener("hashchange", fromHash);
  if (data.nodes.length === 0) {
    status.textContent = "No nodes to show.";
    api.ready = true;
  } else {
    status.textContent = "Laying out…";
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", settled);
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("hoverNode", function (p) { showTip(info.nodes[p.node], p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(info.edges[p.edge], p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
})();
