// The query page of `zonekg serve`: lists the named queries, runs them on this server and shows
// the answers as tables.  Every value from the graph is written with textContent (never as HTML),
// and every request goes to this page's own origin.
"use strict";

const PREFIXES = {
  "zo": "https://w3id.org/zonekg/ontology#",
  "zk": "https://w3id.org/zonekg/id/",
  "org": "http://www.w3.org/ns/org#",
  "skos": "http://www.w3.org/2004/02/skos/core#",
  "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
  "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  "xsd": "http://www.w3.org/2001/XMLSchema#",
};
const ENTITY = PREFIXES.zk;
const ACCEPT = { "Accept": "application/sparql-results+json" };

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function curie(iri) {
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns)) return p + ":" + iri.slice(ns.length);
  }
  return iri;
}

function link(text, hash) {
  const a = el("a", text, { href: "#" + hash });
  return a;
}

// A cell: IRIs open the entity card, the `entity` column's ids too, statement ids their evidence.
function cell(name, term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.appendChild(link(curie(term.value), "card=" + encodeURIComponent(term.value)));
  } else if (name === "entity" && /^[\w.-]+$/.test(term.value)) {
    td.appendChild(link(term.value, "card=" + encodeURIComponent(ENTITY + term.value)));
  } else if (name === "statement" && /^[\w.-]+$/.test(term.value)) {
    td.appendChild(link(term.value, "why=" + encodeURIComponent(term.value)));
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) td.setAttribute("lang", term["xml:lang"]);
  }
  return td;
}

function table(json) {
  if (typeof json.boolean === "boolean") return el("p", json.boolean ? "true" : "false");
  const vars = json.head.vars;
  const t = el("table");
  const head = t.appendChild(el("thead")).appendChild(el("tr"));
  for (const v of vars) head.appendChild(el("th", v, { scope: "col" }));
  const body = t.appendChild(el("tbody"));
  for (const row of json.results.bindings) {
    const tr = body.appendChild(el("tr"));
    for (const v of vars) tr.appendChild(cell(v, row[v]));
  }
  return t;
}

async function show(title, request) {
  const body = document.getElementById("answer-body");
  const note = document.getElementById("answer-note");
  document.getElementById("answer-title").textContent = title;
  note.textContent = "Running…";
  body.replaceChildren();
  let response;
  try {
    response = await request();
  } catch (err) {
    note.textContent = "";
    body.appendChild(el("p", "The server did not answer: " + err, { class: "error" }));
    return;
  }
  if (!response.ok) {
    note.textContent = "";
    body.appendChild(el("p", "Error " + response.status + ": " + (await response.text()), { class: "error" }));
    return;
  }
  const json = await response.json();
  const rows = json.results ? json.results.bindings.length : null;
  let text = rows === null ? "" : rows + (rows === 1 ? " row" : " rows");
  if (response.headers.get("Zonekg-Truncated") === "true") {
    text += " — cut at the server's result limit of " + response.headers.get("Zonekg-Result-Limit");
  }
  note.textContent = text;
  body.appendChild(table(json));
  document.getElementById("answer").scrollIntoView();
}

function runNamed(name, params, title) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "") query.append(k, v);
  return show(title, () => fetch("/run/" + encodeURIComponent(name) + "?" + query.toString(), { headers: ACCEPT }));
}

function questionItem(q) {
  const li = el("li", null, { id: "q-" + q.name });
  li.appendChild(el("span", q.name, { class: "question-name" }));
  li.appendChild(el("p", q.en, { class: "question-en" }));
  li.appendChild(el("p", q.zh, { class: "question-zh", lang: "zh" }));
  const form = li.appendChild(el("form", null, { class: "run", "data-query": q.name }));
  for (const [param, help] of Object.entries(q.params)) {
    const label = form.appendChild(el("label", param + " "));
    label.appendChild(el("input", null, { name: param, title: help, placeholder: help }));
  }
  form.appendChild(el("button", "Run", { type: "submit" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = Object.fromEntries(new FormData(form).entries());
    runNamed(q.name, params, q.name + " — " + q.en);
  });
  return li;
}

async function loadCatalogue() {
  const status = document.getElementById("catalogue-status");
  const response = await fetch("/queries");
  const queries = await response.json();
  const list = document.getElementById("queries");
  for (const q of queries) list.appendChild(questionItem(q));
  status.textContent = queries.length + " questions";
}

function route() {
  const hash = location.hash.slice(1);
  const eq = hash.indexOf("=");
  if (eq < 0) return;
  const key = hash.slice(0, eq);
  const value = decodeURIComponent(hash.slice(eq + 1));
  if (key === "card") runNamed("about", { entity: "<" + value + ">" }, "Entity card: " + curie(value));
  if (key === "why") runNamed("statement-evidence", { id: value }, "Evidence of statement " + value);
}

document.getElementById("own-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = document.getElementById("own-query").value;
  show("Your query", () => fetch("/sparql", {
    method: "POST",
    headers: { ...ACCEPT, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ query }).toString(),
  }));
});
window.addEventListener("hashchange", route);
loadCatalogue().then(route);
