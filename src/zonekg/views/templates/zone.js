// zonekg's graph page. Every text from the graph reaches the page through textContent or
// vis-network's plain-text labels: nothing here parses source text as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("zonekg-data").textContent);
  var lang = "zh";
  var SHAPE_SYMBOL = { star: "\u2605", square: "\u25a0", triangle: "\u25b2", triangleDown: "\u25bc",
    diamond: "\u25c6", hexagon: "\u2b22", dot: "\u25cf", box: "\u25ac", ellipse: "\u2b2d" };
  var MOD_GROUP = {};
  data.modalities.forEach(function (m) { MOD_GROUP[m.id] = m; });
  var CLASS = {};
  data.classes.forEach(function (c) { CLASS[c.id] = c; });
  var hiddenClasses = new Set();
  var hiddenMods = new Set();
  var big = data.nodes.length > 1500;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function both(zh, en) { return zh === en || !en ? zh : zh + " / " + en; }
  function modName(m) { var d = MOD_GROUP[m]; return d ? both(d.zh, d.en) : m; }
  function modClass(m) { var d = MOD_GROUP[m]; return d ? d.group : ""; }

  // Tooltip and details: type, key values, modality, evidence sentences.
  function evidenceBlock(box, list) {
    list.forEach(function (ev) {
      var div = el("div", "ev " + modClass(ev.m));
      if (ev.m) { div.appendChild(el("span", "m", modName(ev.m))); div.appendChild(document.createTextNode(" ")); }
      div.appendChild(el("span", "q", "\u201c" + ev.q + "\u201d"));
      if (ev.s && ev.s !== ev.q) {
        div.appendChild(el("div", "k", (lang === "zh" ? "第 " + ev.i + " 句:" : "sentence " + ev.i + ": ") + ev.s));
      }
      if (ev.d) { div.appendChild(el("div", "k", (lang === "zh" ? "推导(原文未直说):" : "derived, not stated: ") + ev.d)); }
      box.appendChild(div);
    });
  }
  function nodeTip(n) {
    var box = el("div", "tip");
    box.appendChild(el("div", "t", both(n.zh, n.en)));
    if (n.alt && n.alt.length) { box.appendChild(el("div", "k", (lang === "zh" ? "别名:" : "also: ") + n.alt.join("、"))); }
    box.appendChild(el("div", "k", (lang === "zh" ? "类型:" : "type: ") + both(n.typeZh, n.typeEn) + " (" + n.cls + ")"));
    box.appendChild(el("div", "k", n.iri));
    (n.defn || []).forEach(function (d) { box.appendChild(el("div", "", d)); });
    n.attrs.forEach(function (a) {
      var row = el("div", "");
      row.appendChild(el("span", "k", (lang === "zh" ? a[0] : a[1]) + ": "));
      row.appendChild(document.createTextNode(a[2].join("; ")));
      box.appendChild(row);
    });
    if (n.mods.length) {
      box.appendChild(el("div", "k", (lang === "zh" ? "情态:" : "modality: ") + n.mods.map(modName).join(", ")));
    }
    evidenceBlock(box, n.ev);
    return box;
  }
  function edgeTip(e) {
    var box = el("div", "tip");
    var from = nodes.get(e.from), to = nodes.get(e.to);
    box.appendChild(el("div", "t", from[lang] + " \u2192 " + both(e.zh, e.en) + " \u2192 " + to[lang]));
    box.appendChild(el("div", "k", e.prop));
    if (e.mods.length) {
      box.appendChild(el("div", "k", (lang === "zh" ? "情态:" : "modality: ") + e.mods.map(modName).join(", ")));
    }
    if (e.src > 1) {  // corroboration: how many sources state it
      box.appendChild(el("div", "k", lang === "zh" ? "印证:" + e.src + " 个来源陈述此关系" : "stated by " + e.src + " sources"));
    }
    evidenceBlock(box, e.ev);
    return box;
  }

  // Labels by tier: the zone and its bodies (tier 0) and the hubs (tier 1) are readable on the
  // first screen; vis-network draws no label smaller than LABEL_MIN_PX on screen (drawThreshold),
  // so the others (tier 2) and the relations' labels appear as one zooms in, and the first screen
  // is not a knot of overlapping text.  Sizes are set from the first screen's scale (see fitAll):
  // TIER_PX[t] is the on-screen size of a tier-t label at that scale.
  var LABEL_MIN_PX = 10;
  var TIER_PX = [17, 13, 8];
  var EDGE_PX = 7;
  var WRAP_PX = [260, 120, 90];
  var fontScale = 1;
  function tierGroups() {  // one vis-network group per tier: resizing every label is one setOptions
    var groups = {};
    TIER_PX.forEach(function (px, t) {
      // Long names wrap at WRAP_PX on the first screen instead of running into their neighbours'.
      groups["tier" + t] = { font: { size: px / fontScale }, widthConstraint: { maximum: WRAP_PX[t] / fontScale } };
    });
    return groups;
  }
  function nodeFont(colour) { return { color: colour, strokeWidth: 3, strokeColor: "#ffffff" }; }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    n.label = n[lang];
    n.group = "tier" + (n.tier === undefined ? 2 : n.tier);
    n.font = nodeFont("#222");
    n.baseColor = n.color;
    return n;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    e.label = e[lang];
    e.baseColor = e.color;
    e.arrows = "to";
    return e;
  }));
  function retitle() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, title: nodeTip(n) }; }));
    edges.update(edges.get().map(function (e) { return { id: e.id, title: edgeTip(e) }; }));
  }
  retitle();

  function nodeVisible(n) {
    if (hiddenClasses.has(n.cls)) { return false; }
    return !(n.mods.length && n.mods.every(function (m) { return hiddenMods.has(m); }));
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      if (e.mods.length && e.mods.every(function (m) { return hiddenMods.has(m); })) { return false; }
      return nodeVisible(nodes.get(e.from)) && nodeVisible(nodes.get(e.to));
    }
  });

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    physics: false,
    groups: tierGroups(),
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false,
      multiselect: false },
    nodes: { font: { size: 14, face: "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif" },
      borderWidthSelected: 3, scaling: { label: { enabled: false, drawThreshold: LABEL_MIN_PX, maxVisible: 22 } } },
    // Edge labels: horizontal, wrapped at 120 px, with a white halo; drawn from 8 px up like node labels.
    edges: { width: 1.2, smooth: false, font: { size: 11, color: "#555", strokeWidth: 4, strokeColor: "#fff",
      align: "horizontal", face: "Noto Sans CJK SC, Noto Sans SC, sans-serif" }, widthConstraint: { maximum: 120 },
      scaling: { label: { enabled: false, drawThreshold: LABEL_MIN_PX, maxVisible: 16 } },
      arrows: { to: { enabled: true, scaleFactor: 0.5 } }, selectionWidth: 1.5 }
  });
  function fitAll() {
    // fit() frames the nodes' boxes; zoom out a little more so that outer labels are not cut off.
    network.fit({ maxZoomLevel: 1, animation: false });
    network.moveTo({ scale: network.getScale() * 0.94, animation: false });
  }
  function sizeLabels() {
    // Label sizes for this window: what is drawn at the first screen's scale is set by TIER_PX.
    fontScale = network.getScale();
    network.setOptions({ groups: tierGroups(), edges: { font: { size: EDGE_PX / fontScale } } });
  }
  var highlighted = false;
  var moved = false;  // by the reader: then a resize keeps their view
  fitAll();
  sizeLabels();
  network.on("zoom", function () { moved = true; });
  network.on("dragEnd", function () { moved = true; });
  network.on("resize", function () { if (!moved) { fitAll(); sizeLabels(); } });
  var state = { drawn: false, drawnAt: null };
  network.once("afterDrawing", function () {
    state.drawn = true;
    state.drawnAt = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });

  // Counts, legend and filters.
  function updateCount() {
    var text = lang === "zh"
      ? "显示 " + nodeView.length + " / " + nodes.length + " 个节点、" + edgeView.length + " / " + edges.length + " 条关系"
      : nodeView.length + " / " + nodes.length + " nodes, " + edgeView.length + " / " + edges.length + " relations shown";
    document.getElementById("count").textContent = text;
    document.body.setAttribute("data-visible-nodes", String(nodeView.length));
  }
  function refresh() { clearHighlight(); nodeView.refresh(); edgeView.refresh(); updateCount(); }

  // Classes, grouped by category: one row per category (its checkbox switches all its classes),
  // and ▸ opens the classes themselves.  Short enough to sit above the fold with the modalities.
  var clsBox = document.getElementById("cls-filter");
  var categories = [];
  data.classes.forEach(function (c) {
    var cat = categories.length && categories[categories.length - 1].id === c.category ? categories[categories.length - 1] : null;
    if (!cat) {
      cat = { id: c.category, zh: c.category_zh || c.category, en: c.category_en || c.category, members: [], color: c.color, shape: c.shape };
      categories.push(cat);
    }
    cat.members.push(c);
  });
  function syncCategory(cat) {
    var on = cat.members.filter(function (c) { return !hiddenClasses.has(c.id); }).length;
    cat.box.checked = on > 0;
    cat.box.indeterminate = on > 0 && on < cat.members.length;
  }
  categories.forEach(function (cat) {
    var row = el("div", "row");
    var toggle = el("button", "toggle", "\u25b8");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("data-toggle", cat.id);
    var label = el("label", "row");
    label.style.flex = "1";
    cat.box = el("input");
    cat.box.type = "checkbox";
    cat.box.checked = true;
    cat.box.setAttribute("data-cat", cat.id);
    var sym = el("span", "sym", SHAPE_SYMBOL[cat.shape] || "\u25cf");
    sym.style.color = cat.color;
    var name = el("span", "", lang === "zh" ? cat.zh : cat.en);
    name.setAttribute("data-zh", cat.zh);
    name.setAttribute("data-en", cat.en);
    var total = cat.members.reduce(function (a, c) { return a + c.count; }, 0);
    label.appendChild(cat.box); label.appendChild(sym); label.appendChild(name); label.appendChild(el("span", "n", total));
    row.appendChild(toggle); row.appendChild(label);
    clsBox.appendChild(row);
    var list = el("div", "classes");
    list.hidden = true;
    toggle.addEventListener("click", function () {
      list.hidden = !list.hidden;
      toggle.textContent = list.hidden ? "\u25b8" : "\u25be";
      toggle.setAttribute("aria-expanded", String(!list.hidden));
    });
    cat.box.addEventListener("change", function () {
      cat.members.forEach(function (c) {
        if (cat.box.checked) { hiddenClasses.delete(c.id); } else { hiddenClasses.add(c.id); }
      });
      list.querySelectorAll("input[data-cls]").forEach(function (b) { b.checked = cat.box.checked; });
      refresh();
    });
    cat.members.forEach(function (c) {
      var crow = el("label", "row");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.setAttribute("data-cls", c.id);
      box.addEventListener("change", function () {
        if (box.checked) { hiddenClasses.delete(c.id); } else { hiddenClasses.add(c.id); }
        syncCategory(cat);
        refresh();
      });
      var csym = el("span", "sym", SHAPE_SYMBOL[c.shape] || "\u25cf");
      csym.style.color = c.color;
      var cname = el("span", "", lang === "zh" ? c.zh : c.en);
      cname.setAttribute("data-zh", c.zh);
      cname.setAttribute("data-en", c.en);
      cname.title = c.id;
      crow.appendChild(box); crow.appendChild(csym); crow.appendChild(cname); crow.appendChild(el("span", "n", c.count));
      list.appendChild(crow);
    });
    clsBox.appendChild(list);
  });
  function setAllClasses(on) {
    data.classes.forEach(function (c) { if (on) { hiddenClasses.delete(c.id); } else { hiddenClasses.add(c.id); } });
    clsBox.querySelectorAll("input[data-cls]").forEach(function (b) { b.checked = on; });
    categories.forEach(syncCategory);
    refresh();
  }
  document.getElementById("cls-all").addEventListener("click", function () { setAllClasses(true); });
  document.getElementById("cls-none").addEventListener("click", function () { setAllClasses(false); });

  var modBox = document.getElementById("mod-filter");
  if (!data.modalities.length) { document.getElementById("mod-box").hidden = true; }
  var groups = [];
  data.modalities.forEach(function (m) { if (groups.indexOf(m.group) < 0) { groups.push(m.group); } });
  groups.forEach(function (g) {
    var members = data.modalities.filter(function (m) { return m.group === g; });
    var head = el("label", "row");
    var gbox = el("input");
    gbox.type = "checkbox";
    gbox.checked = true;
    gbox.setAttribute("data-group", g);
    var line = el("span", "swatch-line " + g);
    var gname = el("strong", "", lang === "zh" ? members[0].group_zh : members[0].group_en);
    gname.setAttribute("data-zh", members[0].group_zh);
    gname.setAttribute("data-en", members[0].group_en);
    head.appendChild(gbox); head.appendChild(line); head.appendChild(gname);
    modBox.appendChild(head);
    var boxes = [];
    members.forEach(function (m) {
      if (members.length === 1 && m.id === g) { boxes.push(gbox); gbox.setAttribute("data-mod", m.id); return; }
      var row = el("label", "row sub");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.setAttribute("data-mod", m.id);
      var name = el("span", "", lang === "zh" ? m.zh : m.en);
      name.setAttribute("data-zh", m.zh);
      name.setAttribute("data-en", m.en);
      row.appendChild(box); row.appendChild(name);
      modBox.appendChild(row);
      boxes.push(box);
      box.addEventListener("change", function () {
        if (box.checked) { hiddenMods.delete(m.id); } else { hiddenMods.add(m.id); }
        gbox.checked = boxes.every(function (b) { return b.checked; });
        refresh();
      });
    });
    gbox.addEventListener("change", function () {
      boxes.forEach(function (b) {
        b.checked = gbox.checked;
        var id = b.getAttribute("data-mod");
        if (gbox.checked) { hiddenMods.delete(id); } else { hiddenMods.add(id); }
      });
      refresh();
    });
  });

  // Neighbourhood highlight.
  function highlight(id) {
    var keep = new Set(network.getConnectedNodes(id).concat([id]));
    var keepEdges = new Set(network.getConnectedEdges(id));
    nodes.update(nodeView.get().map(function (n) {
      return keep.has(n.id)
        ? { id: n.id, color: n.baseColor, font: nodeFont("#222") }
        : { id: n.id, color: { background: "#ececec", border: "#dddddd" }, font: nodeFont("#c8c8c8") };
    }));
    edges.update(edgeView.get().map(function (e) {
      return keepEdges.has(e.id)
        ? { id: e.id, color: e.baseColor, font: { color: "#555" } }
        : { id: e.id, color: "#eeeeee", font: { color: "rgba(0,0,0,0)" } };
    }));
    highlighted = true;
  }
  function clearHighlight() {
    if (!highlighted) { return; }
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: n.baseColor, font: nodeFont("#222") }; }));
    edges.update(edges.get().map(function (e) { return { id: e.id, color: e.baseColor, font: { color: "#555" } }; }));
    highlighted = false;
  }
  var details = document.getElementById("details");
  function showDetails(id) {
    details.textContent = "";
    details.hidden = id === null;
    if (id === null) { return; }
    var close = el("button", "", "\u00d7");
    close.type = "button";
    close.id = "details-close";
    close.title = lang === "zh" ? "关闭" : "close";
    close.addEventListener("click", function () { clearHighlight(); network.unselectAll(); showDetails(null); });
    details.appendChild(close);
    details.appendChild(nodeTip(nodes.get(id)));
    var rel = el("div", "tip");
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = edges.get(eid);
      if (e) { rel.appendChild(el("hr")); rel.appendChild(edgeTip(e)); }
    });
    details.appendChild(rel);
  }
  function select(id) {
    network.selectNodes([id]);
    highlight(id);
    showDetails(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); } else { clearHighlight(); network.unselectAll(); showDetails(null); }
  });

  // Search by Chinese or English label (or alias): exact first, then prefix, then substring.
  var names = document.getElementById("names");
  var seen = new Set();
  nodes.get().forEach(function (n) {
    [n.zh, n.en].concat(n.alt || []).forEach(function (s) {
      if (s && !seen.has(s)) { seen.add(s); var o = el("option"); o.value = s; names.appendChild(o); }
    });
  });
  function find(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) { return []; }
    var scored = [];
    nodes.get().forEach(function (n) {
      var best = 9;
      [n.zh, n.en].concat(n.alt || []).forEach(function (s) {
        var t = String(s).toLowerCase();
        if (t === q) { best = Math.min(best, 0); } else if (t.indexOf(q) === 0) { best = Math.min(best, 1); }
        else if (t.indexOf(q) >= 0) { best = Math.min(best, 2); }
      });
      if (best < 9) { scored.push([best, n[lang].length, n.id]); }
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return scored.map(function (s) { return s[2]; });
  }
  var status = document.getElementById("search-status");
  function search(query) {
    var found = find(query);
    if (!found.length) {
      status.textContent = lang === "zh" ? "未找到" : "not found";
      return null;
    }
    var id = found[0];
    var n = nodes.get(id);
    var note = found.length > 1 ? (lang === "zh" ? "(共 " + found.length + " 个)" : " (of " + found.length + ")") : "";
    if (!nodeView.get(id)) {
      status.textContent = n[lang] + (lang === "zh" ? " —— 已被筛选隐藏" : " \u2014 hidden by a filter");
      return id;
    }
    status.textContent = n[lang] + note;
    network.focus(id, { scale: fontScale * 1.8, animation: false });  // every name readable, not huge
    select(id);
    return id;
  }
  var input = document.getElementById("search");
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { search(input.value); } });
  document.getElementById("search-go").addEventListener("click", function () { search(input.value); });
  document.getElementById("reset").addEventListener("click", function () {
    hiddenClasses.clear(); hiddenMods.clear();
    document.querySelectorAll("#filters input[type=checkbox]").forEach(function (b) { b.checked = true; });
    categories.forEach(syncCategory);
    refresh(); network.unselectAll(); showDetails(null); fitAll();
  });

  // Chinese / English.
  function setLang(to) {
    lang = to;
    document.documentElement.lang = to;
    document.body.setAttribute("data-lang", to);
    document.querySelectorAll("[data-zh][data-en]").forEach(function (e) { e.textContent = e.getAttribute("data-" + to); });
    document.getElementById("title").textContent = data.title[to];
    nodes.update(nodes.get().map(function (n) { return { id: n.id, label: n[to] }; }));
    edges.update(edges.get().map(function (e) { return { id: e.id, label: e[to] }; }));
    retitle();
    updateCount();
  }
  document.getElementById("lang").addEventListener("click", function () { setLang(lang === "zh" ? "en" : "zh"); });

  updateCount();
  if (data.centre) { network.selectNodes([data.centre]); }  // its card opens on a click, not over the graph
  // Whether a node's label is drawn at the current zoom (for the tests and for curious readers).
  function labelShown(id) {
    var n = network.body.nodes[id];
    return Boolean(n && n.labelModule.fontOptions.size * network.getScale() >= LABEL_MIN_PX - 1);
  }
  window.zonekg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    labelShown: labelShown, fitAll: fitAll,
    state: state, search: search, find: find, setLang: setLang, nodeTip: function (id) { return nodeTip(nodes.get(id)); } };
}());
