// Graph page: Cytoscape.js (bundled) over /export?format=cytoscape, with search, class filter,
// focus + depth, and a side panel with the selected node's facts and source lines.
"use strict";
(function () {
  const {el} = KG;
  const params = new URLSearchParams(location.search);
  const state = {focus: params.get("focus") || "", depth: params.get("depth") || "1",
                 inferred: params.get("inferred") === "true", types: null, classes: []};
  const HIDDEN_BY_DEFAULT = new Set(["Phrase", "Entity"]);  // phrases and untyped names: many, and noisy
  const status = document.getElementById("status");
  const panel = document.getElementById("panel");
  const EMPTY_PANEL = panel.textContent.trim();

  const cy = cytoscape({
    container: document.getElementById("cy"),
    minZoom: 0.05,
    style: [
      {selector: "node", style: {
        "background-color": "data(color)", "label": "data(short)", "font-size": 11, "color": "#1d2330",
        "text-valign": "bottom", "text-margin-y": 3, "width": "mapData(degree, 0, 30, 14, 46)",
        "height": "mapData(degree, 0, 30, 14, 46)", "text-wrap": "ellipsis", "text-max-width": 140,
        "text-background-color": "#fbfbfd", "text-background-opacity": 0.8, "text-background-padding": 1,
        "border-width": 1, "border-color": "#ffffff"}},
      {selector: "node[kind = 'limit']", style: {"shape": "round-rectangle", "width": 12, "height": 12}},
      {selector: "node.focus", style: {"border-width": 4, "border-color": "#231b3d"}},
      {selector: "node:selected", style: {"border-width": 4, "border-color": "#5a3fc0"}},
      {selector: "edge", style: {
        "width": 1.2, "line-color": "#b7bdc9", "target-arrow-color": "#b7bdc9", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "arrow-scale": 0.8, "font-size": 9, "color": "#5b6475",
        "text-rotation": "autorotate", "text-background-color": "#fbfbfd", "text-background-opacity": 0.9}},
      {selector: "edge.labelled, edge:selected", style: {"label": "data(label)"}},
      {selector: "edge[?negated]", style: {"line-color": "#e57373", "target-arrow-color": "#e57373", "color": "#c62828"}},
      {selector: "edge[?inferred]", style: {"line-style": "dashed"}},
      {selector: ".faded", style: {"opacity": 0.15}},
    ],
  });
  window.kgCy = cy;  // for the end-to-end test and the console

  function query() {
    const q = {format: "cytoscape"};
    if (state.focus) { q.focus = state.focus; q.depth = state.depth; }
    if (state.types) q.types = state.types.join(",");
    if (state.inferred) q.inferred = "true";
    return q;
  }

  function syncUrl() {
    const q = new URLSearchParams();
    if (state.focus) { q.set("focus", state.focus); q.set("depth", state.depth); }
    if (state.inferred) q.set("inferred", "true");
    history.replaceState(null, "", `/graph${q.toString() ? "?" + q : ""}`);
  }

  async function draw() {
    syncUrl();
    status.textContent = "Loading…";
    document.getElementById("focus-label").textContent = state.focusLabel || state.focus || "whole graph";
    const q = query();
    let data;
    try {
      data = await KG.getJSON(`/export?${new URLSearchParams(q)}`);
    } catch (e) {
      KG.fill(status, KG.error(e.message));
      return;
    }
    const nodes = data.elements.nodes.map((n) => {
      n.data.short = n.data.label.length > 36 ? n.data.label.slice(0, 34) + "…" : n.data.label;
      return n;
    });
    cy.elements().remove();
    cy.add({nodes, edges: data.elements.edges});
    if (data.elements.edges.length <= 30) cy.edges().addClass("labelled");
    const focusNode = cy.nodes().filter((n) => n.data("entity_id") === KG.idOf(state.focusIri || ""));
    focusNode.addClass("focus");
    cy.style().selector("node").style("font-size", nodes.length > 60 ? 9 : 11).update();
    cy.layout(layoutFor(nodes.length, focusNode)).run();
    status.textContent = `${nodes.length} nodes · ${data.elements.edges.length} edges`;
    KG.fill(document.getElementById("downloads"), KG.exportLinks(Object.fromEntries(
      Object.entries(q).filter(([k]) => k !== "format"))));
  }

  // A focus graph in rings around its centre (hops outward); a small graph force-directed; a big one by degree.
  function layoutFor(count, focusNode) {
    if (focusNode.nonempty() && count > 25) {
      const dist = new Map();
      cy.elements().bfs({roots: focusNode, directed: false, visit: (v, e, u, i, depth) => { dist.set(v.id(), depth); }});
      return {name: "concentric", concentric: (n) => 10 - (dist.get(n.id()) || 0), levelWidth: () => 1,
              minNodeSpacing: 18, animate: false, padding: 20};
    }
    if (count <= 600) {
      return {name: "cose", animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, numIter: 1200,
              randomize: true, fit: true, padding: 30};
    }
    return {name: "concentric", concentric: (n) => n.degree(), levelWidth: () => 4, animate: false, padding: 20};
  }

  function classList() {
    const list = document.getElementById("classes");
    KG.fill(list, ...state.classes.map((c) => el("li", {},
      el("label", {}, el("input", {type: "checkbox", value: c.name, checked: !HIDDEN_BY_DEFAULT.has(c.name) || !!state.focus,
                                   onchange: onClassChange}),
        " ", el("span", {class: "dot", style: `background:${c.color}`}), c.label,
        el("span", {class: "count"}, c.count)))));
    onClassChange(null);
  }

  function onClassChange(ev) {
    const boxes = [...document.querySelectorAll("#classes input")];
    const checked = boxes.filter((b) => b.checked).map((b) => b.value);
    state.types = checked.length === boxes.length ? null : checked;
    if (ev) draw();
  }

  function factRow(f, arrow) {
    const other = el("a", {href: "#", onclick: (e) => { e.preventDefault(); focusOn(f.entity.id, f.entity.label); }},
      f.entity.label);
    return el("div", {class: "fact"},
      arrow === "out" ? [el("span", {class: f.negated ? "chip neg" : "chip"}, f.relation), " ", other]
                      : [other, " ", el("span", {class: f.negated ? "chip neg" : "chip"}, f.relation), " this"],
      f.source ? el("div", {class: "source"}, el("span", {class: "where"}, `line ${f.source.line}`),
        el("span", {class: "text"}, f.source.text)) : null);
  }

  async function showEntity(id) {
    KG.fill(panel, el("p", {class: "muted"}, "Loading…"));
    try {
      const c = await KG.getJSON(`/entities/${encodeURIComponent(id)}`);
      KG.fill(panel, 
        el("h3", {}, c.label),
        el("div", {}, c.classes.map((t) => el("span", {class: "chip"}, t))),
        c.altLabels.length ? el("p", {class: "small muted"}, "Also: ", c.altLabels.join(", ")) : null,
        el("p", {class: "small"}, el("a", {href: KG.entityHref(c.id)}, "Open entity page"), " · ",
          el("a", {href: "#", onclick: (e) => { e.preventDefault(); focusOn(c.id, c.label); }}, "Focus here")),
        c.limits.length ? el("h4", {}, "Limits") : null,
        c.limits.map((l) => el("div", {class: "fact"}, el("strong", {}, l.label), l.limits ? ` (${l.limits})` : "",
          l.source ? el("div", {class: "source"}, el("span", {class: "where"}, `line ${l.source.line}`),
            el("span", {class: "text"}, l.source.text)) : null)),
        el("h4", {}, `Facts (${c.facts_out.length + c.facts_in.length})`),
        c.facts_out.map((f) => factRow(f, "out")), c.facts_in.map((f) => factRow(f, "in")));
    } catch (e) {
      KG.fill(panel, KG.error(e.message));
    }
  }

  function showLimit(d) {
    KG.fill(panel, el("h3", {}, d.label), el("span", {class: "chip"}, `limit · ${d.limit_kind}`),
      el("p", {}, d.limits || ""), el("p", {class: "small"},
        d.value !== undefined ? `value ${KG.formatNumber(d.value)} ${d.unit}` : "",
        d.low !== undefined ? `range ${KG.formatNumber(d.low)}–${KG.formatNumber(d.high)} ${d.unit}` : ""),
      el("p", {class: "small muted"}, `source ${d.sources}`));
  }

  // Focus by id (a label may name two entities); the label is what the page shows.
  function focusOn(id, label) {
    state.focus = id;
    state.focusLabel = label || id;
    state.focusIri = id;
    classList();
    draw();
    showEntity(id);
  }

  cy.on("tap", "node", (ev) => {
    const d = ev.target.data();
    cy.elements().removeClass("faded");
    cy.elements().not(ev.target.closedNeighborhood()).addClass("faded");
    if (d.kind === "limit") showLimit(d); else showEntity(d.entity_id);
  });
  cy.on("tap", (ev) => { if (ev.target === cy) cy.elements().removeClass("faded"); });

  // Search with suggestions from /entities (the ranking of `kg entities`). Each answer is shown only if it is
  // still the latest one asked, and Enter focuses the best match of what is typed now, not of an older list.
  const search = document.getElementById("search");
  const suggest = document.getElementById("suggest");
  let timer = null;
  let asked = 0;

  async function hitsFor(text) {
    const ticket = ++asked;
    const found = await KG.getJSON(`/entities?search=${encodeURIComponent(text)}&limit=8`);
    return ticket === asked ? found.results : null;
  }

  function pick(h) {
    suggest.classList.add("hidden");
    search.value = h.label;
    focusOn(h.id, h.label);
  }

  function showSuggestions(hits) {
    KG.fill(suggest, ...hits.map((h) => el("li", {role: "option", onclick: () => pick(h)},
      el("span", {class: "dot", style: `background:${colorOf(h.type)}`}), h.label,
      el("span", {class: "count"}, ` ${h.type}`))));
    suggest.classList.toggle("hidden", hits.length === 0);
  }

  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = search.value.trim();
      if (!text) { asked++; suggest.classList.add("hidden"); return; }
      try {
        const hits = await hitsFor(text);
        if (hits) showSuggestions(hits);
      } catch (e) { KG.fill(status, KG.error(e.message)); }
    }, 150);
  });
  search.addEventListener("keydown", async (ev) => {
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    clearTimeout(timer);
    const text = search.value.trim();
    if (!text) return;
    try {
      const hits = await hitsFor(text);
      if (hits && hits.length) pick(hits[0]);
      else if (hits) KG.fill(status, KG.error(`no entity matches "${text}"`));
    } catch (e) { KG.fill(status, KG.error(e.message)); }
  });
  const colorOf = (type) => (state.classes.find((c) => c.name === type) || {color: "#999"}).color;

  document.getElementById("depth").value = state.depth;
  document.getElementById("depth").addEventListener("change", (ev) => { state.depth = ev.target.value; draw(); });
  document.getElementById("inferred").checked = state.inferred;
  document.getElementById("inferred").addEventListener("change", (ev) => { state.inferred = ev.target.checked; draw(); });
  // "All": the whole graph, with nothing of the last focus left (search, suggestions, panel, fading).
  document.getElementById("clear-focus").addEventListener("click", () => {
    state.focus = ""; state.focusIri = ""; state.focusLabel = "";
    asked++; clearTimeout(timer);
    search.value = "";
    suggest.classList.add("hidden");
    KG.fill(panel, el("p", {class: "panel-empty"}, EMPTY_PANEL));
    cy.elements().removeClass("faded");
    classList(); draw();
  });

  KG.header("/graph");
  (async function start() {
    try {
      state.classes = (await KG.getJSON("/classes")).classes;
    } catch (e) { KG.fill(status, KG.error(e.message)); return; }
    if (window.matchMedia("(max-width: 720px)").matches) document.getElementById("class-box").open = false;
    if (!state.focus) {  // the whole graph is a hairball: start on the best-connected entity
      try {
        const top = (await KG.getJSON("/entities?limit=1")).results[0];
        if (top) state.focus = top.id;
      } catch (e) { /* then the whole graph */ }
    }
    if (state.focus) {
      try {
        const hit = (await KG.getJSON(`/entities/${encodeURIComponent(state.focus)}`));
        state.focusIri = hit.iri;
        state.focusLabel = hit.label;
        showEntity(hit.id);
      } catch (e) { /* an unknown focus: the export reports it */ }
    }
    classList();
    draw();
  })();
})();
