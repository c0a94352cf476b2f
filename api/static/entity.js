// Entity page (/entity/{id}): labels, classes, limits, facts in and out, inferred facts, sources.
"use strict";
(function () {
  const {el} = KG;
  const root = document.getElementById("entity");
  const id = decodeURIComponent(location.pathname.replace(/^\/entity\//, ""));

  const line = (src) => src ? el("td", {class: "line", title: `${src.section}\n${src.text}`}, `${src.file}:${src.line}`)
                            : el("td", {class: "line muted"}, "inferred");
  const link = (e) => el("a", {href: KG.entityHref(e.id)}, e.label);
  const rel = (f) => el("span", {class: f.negated ? "chip neg" : "chip"}, f.relation);

  function factTable(title, facts, direction) {
    if (!facts.length) return null;
    return [el("h2", {}, `${title} (${facts.length})`), el("div", {class: "card"}, el("table", {class: "facts"},
      el("thead", {}, el("tr", {}, el("th", {}, direction === "out" ? "relation" : "entity"),
        el("th", {}, direction === "out" ? "entity" : "relation"), el("th", {}, "wording"), el("th", {}, "source"))),
      el("tbody", {}, facts.map((f) => el("tr", {},
        direction === "out" ? [el("td", {}, rel(f)), el("td", {}, link(f.entity))]
                            : [el("td", {}, link(f.entity)), el("td", {}, rel(f))],
        el("td", {class: "muted small"}, f.wording || ""), line(f.source))))))];
  }

  function limits(c) {
    if (!c.limits.length) return null;
    return [el("h2", {}, `Limits (${c.limits.length})`), el("div", {class: "card"}, el("table", {class: "facts"},
      el("thead", {}, el("tr", {}, ["limit", "value", "kind", "of what", "source"].map((h) => el("th", {}, h)))),
      el("tbody", {}, c.limits.map((l) => el("tr", {}, el("td", {}, el("strong", {}, l.label)),
        el("td", {}, l.value !== null ? `${KG.formatNumber(l.value)} ${l.unit}`
                                      : `${KG.formatNumber(l.low)}–${KG.formatNumber(l.high)} ${l.unit}`),
        el("td", {}, l.kind), el("td", {class: "small"}, l.limits || ""), line(l.source))))))];
  }

  function render(c) {
    document.title = `heroku-kg · ${c.label}`;
    const describe = `DESCRIBE <${c.iri}>`;
    KG.fill(root, 
      el("h1", {}, c.label),
      el("div", {}, c.classes.map((t) => el("span", {class: "chip", title: c.classLabels[t] || t}, t))),
      el("p", {class: "muted small"}, el("code", {}, c.iri)),
      c.altLabels.length ? el("p", {}, el("span", {class: "muted"}, "Also called: "), c.altLabels.join(" · ")) : null,
      c.attributes.map((a) => el("p", {}, el("span", {class: "muted"}, `${a.name}: `), a.value)),
      el("p", {}, el("a", {class: "button", href: `/graph?focus=${encodeURIComponent(c.id)}&depth=1`}, "Show in graph"),
        " ", el("a", {class: "button secondary", href: KG.editorHref(describe)}, "Open in SPARQL editor")),
      KG.exportLinks({focus: c.id, depth: 1}),
      limits(c),
      factTable("Facts about it", c.facts_out, "out"),
      factTable("Facts pointing to it", c.facts_in, "in"),
      c.inferred.length ? el("details", {}, el("summary", {}, `Inferred by the reasoner (${c.inferred.length})`),
        el("div", {class: "card"}, el("table", {class: "facts"}, el("tbody", {}, c.inferred.map((f) =>
          el("tr", {}, el("td", {}, rel(f)), el("td", {}, link(f.entity)))))))) : null,
      c.sources.length ? [el("h2", {}, `Mentioned in (${c.sources.length})`), KG.sourceList(c.sources)] : null);
  }

  KG.header("");
  KG.getJSON(`/entities/${encodeURIComponent(id)}`).then(render).catch((e) => {
    const suggestions = (e.body && e.body.suggestions) || [];
    KG.fill(root, el("h1", {}, "Not found"), KG.error(e.message),
      suggestions.length ? el("p", {}, "Did you mean: ", suggestions.map((s) =>
        [el("a", {href: KG.entityHref(s)}, s), " "])) : null);
  });
})();
