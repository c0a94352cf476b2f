// Home page: the ask box, answers with their source lines, and the SPARQL behind them.
"use strict";
(function () {
  const {el} = KG;
  const form = document.getElementById("ask-form");
  const input = document.getElementById("question");
  const result = document.getElementById("result");

  function answerItem(a) {
    const isEntity = a.iri && a.iri.includes("/e/");
    if (typeof a.value === "number") {  // "250,000 objects", and the entity the limit is about
      const words = a.label.replace(/^[$\d.,]+\s*/, "");
      const shown = a.label.startsWith("$") ? `$${KG.formatNumber(a.value)}${words ? " " + words : ""}`
                                            : `${KG.formatNumber(a.value)} ${words}`;
      return el("li", {class: "answer"}, el("div", {}, el("span", {class: "value"}, shown.trim()),
        isEntity ? [" · ", el("a", {href: KG.entityHref(KG.idOf(a.iri)), class: "small"}, "about this")] : null),
        KG.sourceList(a.sources));
    }
    const name = isEntity ? el("a", {href: KG.entityHref(KG.idOf(a.iri))}, a.label) : el("span", {}, a.label);
    const extra = typeof a.value === "boolean" ? el("span", {class: "value"}, a.value ? " — yes" : " — no") : null;
    return el("li", {class: "answer"}, el("div", {}, name, extra), KG.sourceList(a.sources));
  }

  function render(data) {
    const parts = [el("p", {class: "answer-text"}, data.answer_text)];
    if (data.answers.length) parts.push(el("ul", {class: "answers"}, data.answers.map(answerItem)));
    if (data.suggestions && data.suggestions.length) {
      parts.push(el("p", {class: "muted"}, "Close names in the graph: ",
        data.suggestions.map((s) => el("button", {class: "secondary", type: "button",
          onclick: () => { input.value = `What is ${s}?`; ask(); }}, s))));
    }
    if (data.sparql) {
      parts.push(el("details", {class: "sparql"},
        el("summary", {}, "SPARQL behind this answer · ", el("a", {href: KG.editorHref(data.sparql),
          id: "open-in-editor"}, "open in editor")),
        el("pre", {}, data.sparql)));
    }
    parts.push(el("p", {class: "muted small"}, `Read as a ${data.interpretation.type} question · confidence `,
      Math.round(data.confidence * 100), "%"));
    KG.fill(result, el("div", {class: "card"}, parts));
  }

  async function ask() {
    const q = input.value.trim();
    if (!q) return;
    history.replaceState(null, "", `/?q=${encodeURIComponent(q)}`);
    KG.fill(result, el("p", {class: "muted"}, "Looking it up…"));
    try {
      render(await KG.getJSON(`/ask?q=${encodeURIComponent(q)}`));
    } catch (e) {
      KG.fill(result, KG.error(e.message));
    }
  }

  // Examples from the graph itself: its best-connected names, so they fit whatever notes were built.
  async function examples() {
    const box = document.getElementById("examples");
    try {
      const top = await KG.getJSON("/entities?limit=6");
      const names = top.results.filter((r) => r.type !== "Concept").map((r) => r.label).slice(0, 3);
      const questions = names.map((n) => `What is ${n}?`);
      if (names[0]) questions.push(`What does ${names[0]} require?`);
      KG.fill(box, ...questions.map((q) => el("button", {type: "button",
        onclick: () => { input.value = q; ask(); }}, q)));
    } catch (e) { KG.fill(box); }
  }

  KG.header("/");
  form.addEventListener("submit", (ev) => { ev.preventDefault(); ask(); });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; ask(); }
  examples();
})();
