// Check page: a design editor, example designs, and the findings with their source lines and SPARQL.
"use strict";
(function () {
  const {el} = KG;
  const form = document.getElementById("check-form");
  const editor = document.getElementById("design");
  const result = document.getElementById("check-result");
  const examples = document.getElementById("check-examples");

  // a source line, linked to the page of the fact's subject (and object, when it is an entity)
  function factItem(fact) {
    const src = fact.source;
    const subject = el("a", {href: KG.entityHref(KG.idOf(fact.subject))}, fact.subject_label);
    const object = fact.kind === "statement"
      ? el("a", {href: KG.entityHref(KG.idOf(fact.object))}, fact.object_label) : el("span", {}, fact.object_label);
    return el("li", {class: "source fact"},
      el("div", {class: "fact-words"}, subject, " ", el("span", {class: "chip" + (fact.negated ? " neg" : "")},
        fact.kind === "restriction" ? "restriction" : fact.relation), " ", fact.kind === "limit" ? null : object),
      src ? [el("span", {class: "where"}, `${src.file}:${src.line}`), el("span", {class: "text"}, src.text)] : null);
  }

  function sparqlBlock(query) {
    if (!query) return null;
    return el("details", {class: "sparql"},
      el("summary", {}, "SPARQL behind this · ", el("a", {href: KG.editorHref(query)}, "open in editor")),
      el("pre", {}, query));
  }

  function findingCard(f) {
    return el("li", {class: `finding ${f.severity}`},
      el("div", {}, el("span", {class: `severity ${f.severity}`}, f.severity), " ",
        el("span", {class: "chip"}, f.rule), " ", el("span", {class: "message"}, f.message)),
      f.parts.length ? el("div", {class: "muted small"}, "in the design: ", f.parts.join(", ")) : null,
      f.facts.length ? el("ul", {class: "sources"}, f.facts.map(factItem)) : null,
      f.suggestions ? el("div", {class: "muted small"}, "close names: ", f.suggestions.map((s, i) =>
        [i ? ", " : "", el("a", {href: KG.entityHref(s)}, s)])) : null,
      sparqlBlock(f.sparql));
  }

  function figureCard(g) {
    return el("li", {class: "finding figure"},
      el("div", {}, el("span", {class: "severity figure"}, "figure"), " ", el("strong", {}, g.name), ": ",
        KG.formatNumber(g.value), " ", el("span", {class: "muted"}, `(${g.formula})`)),
      el("ul", {class: "sources"}, g.facts.map(factItem)), sparqlBlock(g.sparql));
  }

  function render(data) {
    const parts = [el("p", {class: "answer-text", id: "check-summary"}, `${data.design}: ${data.summary}`)];
    if (data.findings.length) parts.push(el("ul", {class: "findings", id: "findings"}, data.findings.map(findingCard)));
    if (data.figures.length) {
      parts.push(el("h2", {}, "Derived figures"), el("ul", {class: "findings"}, data.figures.map(figureCard)));
    }
    parts.push(el("details", {class: "rules"}, el("summary", {}, `Rules checked (${data.rules.length})`),
      el("ul", {}, data.rules.map((r) => el("li", {}, el("strong", {}, r.rule), ": ", r.checks)))));
    const linked = data.links.filter((l) => l.id);
    if (linked.length) {
      parts.push(el("details", {class: "rules"}, el("summary", {}, `Names linked to the graph (${linked.length})`),
        el("ul", {}, linked.map((l) => el("li", {}, `${l.path}: ${l.name} → `,
          el("a", {href: KG.entityHref(l.id)}, l.label))))));
    }
    KG.fill(result, el("div", {class: "card"}, parts));
  }

  async function check() {
    const text = editor.value;
    const json = /^\s*[{[]/.test(text);
    KG.fill(result, el("p", {class: "muted"}, "Checking…"));
    try {
      render(await KG.getJSON("/check", {method: "POST", body: text,
        headers: {Accept: "application/json", "Content-Type": json ? "application/json" : "application/yaml"}}));
    } catch (error) {
      KG.fill(result, KG.error(error.message));
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); check(); });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); check(); }
  });
  KG.header("/check");
  KG.getJSON("/check/examples").then((data) => {
    KG.fill(examples, "Examples: ", data.designs.map((d) =>
      el("button", {type: "button", "data-example": d.name, onclick: () => { editor.value = d.text; check(); }}, d.name)));
    if (!editor.value && data.designs.length) editor.value = data.designs[0].text;
  }).catch(() => {});
})();
