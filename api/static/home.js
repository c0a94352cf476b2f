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
    const said = data.answers.length ? data.answer_text : data.answer_text.split(" The notes come closest")[0];
    const parts = [el("p", {class: "answer-text"}, said)];
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
    if (data.evidence && data.evidence.length) {
      const title = data.answers.length ? "Where the notes say it" : "The notes come closest here";
      parts.push(el("div", {class: "evidence"}, el("p", {class: "muted small"}, title), KG.sourceList(data.evidence)));
    }
    const kind = data.interpretation.type;  // "an entity question", "a list question"
    parts.push(el("p", {class: "muted small"}, `Read as ${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind} question · confidence `,
      el("span", {id: "confidence"}, `${Math.round(data.confidence * 100)}%`)));
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

  // Examples the served notes answer with high confidence (the server asks them to find out).
  async function examples() {
    const box = document.getElementById("examples");
    try {
      const found = await KG.getJSON("/ask/examples");
      KG.fill(box, ...found.questions.map((e) => el("button", {type: "button",
        onclick: () => { input.value = e.question; ask(); }}, e.question)));
    } catch (e) { KG.fill(box); }
  }

  KG.header("/");
  form.addEventListener("submit", (ev) => { ev.preventDefault(); ask(); });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; ask(); }
  examples();
})();
