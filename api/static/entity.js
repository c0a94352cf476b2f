// Entity page (/entity/{id}): labels, classes, limits, facts grouped by relation, inferred facts, sources
// (folded).
"use strict";
(function () {
  const {el} = KG;
  const root = document.getElementById("entity");
  const id = decodeURIComponent(location.pathname.replace(/^\/entity\//, ""));

  const line = (src) => src ? el("td", {class: "line", "data-label": "source", title: `${src.section}\n${src.text}`},
                               `${src.file}:${src.line}`)
                            : el("td", {class: "line muted"}, "inferred");
  const link = (e) => el("a", {href: KG.entityHref(e.id)}, e.label);
  const rel = (f) => el("span", {class: f.negated ? "chip neg" : "chip"}, f.relation);
  // A source line folded: "file:line" opens to the line's text.
  const folded = (src) => src ? el("details", {}, el("summary", {}, `${src.file}:${src.line}`),
    el("div", {class: "source"}, el("span", {class: "where"}, src.section || ""), el("span", {class: "text"}, src.text)))
    : el("span", {class: "wording"}, "inferred");

  // One block per relation and direction, in the card's fixed order: "syncs with (2)", "… uses Heroku Connect".
  function group(g, c) {
    const title = g.direction === "out" ? [rel(g), el("span", {class: "count"}, g.facts.length)]
                                        : ["… ", rel(g), ` ${c.label}`, el("span", {class: "count"}, g.facts.length)];
    return el("section", {class: "group", "data-relation": g.relation, "data-direction": g.direction},
      el("h3", {}, title),
      el("ul", {}, g.facts.map((f) => el("li", {}, link(f.entity), folded(f.source)))));
  }

  function facts(c) {
    if (!c.groups.length) return null;
    const count = c.groups.reduce((n, g) => n + g.facts.length, 0);
    return [el("h2", {}, `Facts (${count}) by relation`), el("div", {class: "card groups", id: "fact-groups"},
      c.groups.map((g) => group(g, c)))];
  }

  function limits(c) {
    if (!c.limits.length) return null;
    return [el("h2", {}, `Limits (${c.limits.length})`), el("div", {class: "card"}, el("table", {class: "facts stack"},
      el("thead", {}, el("tr", {}, ["limit", "value", "kind", "of what", "holds in", "source"].map((h) => el("th", {}, h)))),
      el("tbody", {}, c.limits.map((l) => el("tr", {}, el("td", {}, el("strong", {}, l.label)),
        el("td", {"data-label": "value"}, l.value !== null ? `${KG.formatNumber(l.value)} ${l.unit}`
                                      : `${KG.formatNumber(l.low)}–${KG.formatNumber(l.high)} ${l.unit}`),
        el("td", {"data-label": "kind"}, l.kind), el("td", {class: "small", "data-label": "of what"}, l.limits || ""),
        el("td", {class: "small", "data-label": "holds in"}, (l.appliesIn || []).map((w, i) =>
          [i ? ", " : "", link(w)])),
        line(l.source))))))];
  }

  function render(c) {
    document.title = `heroku-kg · ${c.label}`;
    const describe = `DESCRIBE <${c.iri}>`;
    KG.fill(root, 
      el("h1", {}, c.label),
      el("div", {}, c.classes.map((t) => el("span", {class: "chip", title: c.classLabels[t] || t}, t))),
      el("p", {class: "muted small"}, el("code", {class: "iri"}, c.iri)),
      c.altLabels.length ? el("p", {}, el("span", {class: "muted"}, "Also called: "), c.altLabels.join(" · ")) : null,
      c.attributes.map((a) => el("p", {}, el("span", {class: "muted"}, `${a.name}: `), a.value)),
      el("p", {}, el("a", {class: "button", href: `/graph?focus=${encodeURIComponent(c.id)}&depth=1`}, "Show in graph"),
        " ", el("a", {class: "button secondary", href: KG.editorHref(describe)}, "Open in SPARQL editor")),
      KG.exportLinks({focus: c.id, depth: 1}),
      limits(c),
      facts(c),
      c.inferred.length ? el("details", {class: "fold"}, el("summary", {}, `Inferred by the reasoner (${c.inferred.length})`),
        el("div", {class: "card"}, el("table", {class: "facts"}, el("tbody", {}, c.inferred.map((f) =>
          el("tr", {}, el("td", {}, rel(f)), el("td", {}, link(f.entity)))))))) : null,
      c.sources.length ? el("details", {class: "fold"}, el("summary", {}, `Mentioned in (${c.sources.length})`),
        KG.sourceList(c.sources)) : null);
  }

  KG.header("");
  KG.getJSON(`/entities/${encodeURIComponent(id)}`).then(render).catch((e) => {
    const suggestions = (e.body && e.body.suggestions) || [];
    KG.fill(root, el("h1", {}, "Not found"), KG.error(e.message),
      suggestions.length ? el("p", {}, "Did you mean: ", suggestions.map((s) =>
        [el("a", {href: KG.entityHref(s)}, s), " "])) : null);
  });
})();
