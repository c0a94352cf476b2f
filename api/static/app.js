// Shared helpers of the heroku-kg pages. No framework, no network beyond this server.
"use strict";

const KG = {};

// el("a", {href: "/x", class: "chip"}, "text", child...) -> an element; text is never parsed as HTML.
KG.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "style") node.style.cssText = value;  // CSSOM: a style attribute would break the CSP
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

KG.getJSON = async function (url, options) {
  const response = await fetch(url, Object.assign({headers: {Accept: "application/json"}}, options || {}));
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const error = new Error((body && body.error) || `${response.status} ${response.statusText}`);
    error.body = body;
    throw error;
  }
  return body;
};

KG.entityHref = (id) => `/entity/${encodeURIComponent(id)}`;
KG.idOf = (iri) => (iri || "").split("/").pop();
KG.editorHref = (query) => `/query?query=${encodeURIComponent(query)}`;

KG.sourceItem = function (src) {
  if (!src) return null;
  return KG.el("li", {class: "source", title: src.section},
    KG.el("span", {class: "where"}, `${src.file}:${src.line}`),
    KG.el("span", {class: "text"}, src.text));
};

KG.sourceList = (sources) => KG.el("ul", {class: "sources"}, (sources || []).map(KG.sourceItem));

KG.error = (message) => KG.el("div", {class: "error", role: "alert"}, message);

KG.formatNumber = function (value) {
  if (value === null || value === undefined) return "";
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString("en-US", {maximumFractionDigits: 3}) : String(value);
};

// The header with the page's own link highlighted, and the graph's size from /health.
KG.header = function (active) {
  const links = [["/", "Ask"], ["/query", "SPARQL"], ["/graph", "Graph"], ["/check", "Check"], ["/docs", "API"]];
  const meta = KG.el("div", {class: "meta"});
  const header = KG.el("header", {class: "top"},
    KG.el("a", {class: "brand", href: "/"}, "heroku", KG.el("span", {}, "-kg")),
    KG.el("nav", {}, links.map(([href, text]) =>
      KG.el("a", {href, class: href === active ? "active" : null}, text))),
    meta);
  document.body.prepend(header);
  KG.getJSON("/health").then((h) => {
    meta.textContent = `${KG.formatNumber(h.entities)} entities · ${KG.formatNumber(h.triples)} triples`;
  }).catch(() => { meta.textContent = ""; });
};

KG.exportLinks = function (params) {
  const formats = ["graphml", "gexf", "cytoscape", "d3", "dot", "ttl", "nt", "jsonld", "rdfxml", "nq", "trig"];
  return KG.el("div", {class: "downloads"}, "Download: ", formats.map((f) => {
    const q = new URLSearchParams(Object.assign({}, params || {}, {format: f, download: "true"}));
    return KG.el("a", {href: `/export?${q}`, "data-format": f}, f);
  }));
};

// node.replaceChildren for nested arrays and optional parts (null, false and undefined are left out).
KG.fill = function (node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return node;
};
