// The query page of `zonekg serve`: YASGUI (vendored under /vendor/, see vendor/README.md) as the
// editor, set up for this graph: the project's prefixes, completion from the ontology's terms
// (/terms), the named queries as ready tabs (/queries), results as sortable tables whose entities
// open their cards and whose statement ids open the sentence behind them, downloads (CSV, JSON),
// and the server's warnings about terms the graph does not have as written (Zonekg-Warning).
// Every request goes to this page's own origin. Values from the graph reach the page as text:
// YASGUI escapes its cells, and the cards below are written with textContent.
"use strict";

const ZK = "https://w3id.org/zonekg/id/";
const ZO = "https://w3id.org/zonekg/ontology#";
const ACCEPT = { Accept: "application/sparql-results+json" };
let PREFIXES = {};

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

// --- warnings: one message per term, from the Zonekg-Warning header ---------------------------

function showWarnings(header) {
  const list = document.getElementById("term-warnings");
  list.replaceChildren();
  const messages = header ? header.split(", ").map((m) => decodeURIComponent(m)) : [];
  for (const m of messages) list.appendChild(el("li", m));
  document.getElementById("term-notes").hidden = messages.length === 0;
}

// --- completion: the project's prefixes and the ontology's terms --------------------------------

function setUpCompletion(Yasqe, terms) {
  const prefixLines = Object.entries(terms.prefixes).map(([p, ns]) => p + ": <" + ns + ">");
  const labels = {};
  for (const t of terms.terms) labels[curie(t.iri)] = [t.zh, t.en].filter(Boolean).join(" · ");
  // Our prefixes instead of the several thousand YASQE bundles; nothing fetched from prefix.cc.
  Yasqe.registerAutocompleter({ ...Yasqe.Autocompleters.prefixes, name: "prefixes", bulk: true,
                                get: () => prefixLines, persistenceId: null });
  // The ontology's terms instead of Linked Open Vocabularies (a network service).
  const iriCompleter = Yasqe.Autocompleters.property;
  Yasqe.registerAutocompleter({
    name: "zonekg-terms",
    bulk: true,
    autoShow: true,
    persistenceId: null,
    get: () => terms.terms.map((t) => t.iri),
    isValidCompletionPosition: (yasqe) => {
      const token = yasqe.getCompleteToken();
      const text = token.string.trim();
      return text.length > 0 && text[0] !== "?" && text[0] !== "$" && (text.includes(":") || text[0] === "<");
    },
    preProcessToken: iriCompleter.preProcessToken,
    postProcessSuggestion: iriCompleter.postProcessSuggestion,
    postprocessHints: (_yasqe, hints) => hints.map((h) => ({ ...h, displayText: labels[h.text]
      ? h.text + "  " + labels[h.text] : h.text })),
  });
  Yasqe.defaults.autocompleters = ["prefixes", "variables", "zonekg-terms"];
}

// --- entity cards and evidence (the named queries `about` and `statement-evidence`) -----------------

function link(text, hash) {
  return el("a", text, { href: "#" + hash });
}

function cell(name, term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.appendChild(link(curie(term.value), "card=" + encodeURIComponent(term.value)));
  } else if (name === "entity" && /^[\w.-]+$/.test(term.value)) {
    td.appendChild(link(term.value, "card=" + encodeURIComponent(ZK + term.value)));
  } else if (name === "statement" && /^[\w.-]+$/.test(term.value)) {
    td.appendChild(link(term.value, "why=" + encodeURIComponent(term.value)));
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) td.setAttribute("lang", term["xml:lang"]);
  }
  return td;
}

function table(json) {
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

async function showNamed(title, name, params) {
  const section = document.getElementById("answer");
  const body = document.getElementById("answer-body");
  const note = document.getElementById("answer-note");
  section.hidden = false;
  document.getElementById("answer-title").textContent = title;
  note.textContent = "Running…";
  body.replaceChildren();
  const query = new URLSearchParams(params);
  let response;
  try {
    response = await fetch("/run/" + encodeURIComponent(name) + "?" + query.toString(), { headers: ACCEPT });
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
  const rows = json.results.bindings.length;
  note.textContent = rows + (rows === 1 ? " row" : " rows");
  body.appendChild(table(json));
  section.scrollIntoView();
}

function route() {
  const hash = location.hash.slice(1);
  const eq = hash.indexOf("=");
  if (eq < 0) return;
  const key = hash.slice(0, eq);
  const value = decodeURIComponent(hash.slice(eq + 1));
  if (key === "card") showNamed("Entity card: " + curie(value), "about", { entity: "<" + value + ">" });
  if (key === "why") showNamed("Evidence of statement " + value, "statement-evidence", { id: value });
}

// An IRI of this graph in a result opens its card here, not the IRI itself (which is not served).
document.addEventListener("click", (event) => {
  const a = event.target.closest && event.target.closest("#yasgui a.iri, #yasgui a.statement-link");
  if (!a) return;
  const href = a.getAttribute("href") || "";
  if (a.classList.contains("statement-link")) return; // a #why= link: the hash route takes it
  if (href.startsWith("https://w3id.org/zonekg/")) {
    event.preventDefault();
    location.hash = "card=" + encodeURIComponent(href);
  }
}, true);

// The `statement` column holds statement ids: each becomes a link to the sentence behind it.
function linkStatements(yasr) {
  const tableEl = yasr.resultsEl && yasr.resultsEl.querySelector("table");
  if (!tableEl) return;
  const heads = [...tableEl.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  const col = heads.indexOf("statement");
  if (col < 0) return;
  for (const tr of tableEl.querySelectorAll("tbody tr")) {
    const td = tr.cells[col];
    if (!td || td.querySelector("a")) continue;
    const id = td.textContent.trim();
    if (!/^[\w.-]+$/.test(id)) continue;
    const a = link(id, "why=" + encodeURIComponent(id));
    a.classList.add("statement-link");
    td.replaceChildren(a);
  }
}

function watch(tab) {
  const yasqe = tab.getYasqe();
  if (yasqe && !yasqe.zonekgWatched) {
    yasqe.zonekgWatched = true;
    yasqe.on("queryResponse", (_yasqe, response) => {
      showWarnings(response && response.headers ? response.headers.get("Zonekg-Warning") : null);
    });
  }
  const yasr = tab.getYasr();
  if (yasr && !yasr.zonekgWatched) {
    yasr.zonekgWatched = true;
    // Sorting and paging redraw the rows: link them again whenever the table changes.
    let pending = false;
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; linkStatements(yasr); });
    }).observe(yasr.resultsEl, { childList: true, subtree: true });
    linkStatements(yasr);
  }
}

// --- the editor -------------------------------------------------------------------------------------

const START = `PREFIX zo: <https://w3id.org/zonekg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?label WHERE {
  ?entity zo:mentionedIn ?source ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
} LIMIT 20`;

async function start() {
  const status = document.getElementById("desk-status");
  const [terms, queries] = await Promise.all([
    fetch("/terms").then((r) => r.json()),
    fetch("/queries").then((r) => r.json()),
  ]);
  PREFIXES = terms.prefixes;
  const Yasqe = Yasgui.Yasqe;
  setUpCompletion(Yasqe, terms);
  Yasgui.Yasr.plugins.table.defaults.openIriInNewWindow = false;
  const endpoint = location.origin + "/sparql";
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    // Share links (?query=…) open the query in a tab; the page's own #card= and #why= addresses
    // carry no query, so YASGUI leaves them to route() below.
    populateFromUrl: true,
    autofocus: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint }], keys: [] },
    yasqe: { value: START },
    yasr: { prefixes: terms.prefixes },
    tabName: "Your query",
  });
  const names = new Set(Object.keys(yasgui._tabs).map((id) => yasgui.getTab(id).getName()));
  for (const q of queries) {
    if (names.has(q.name)) continue;
    yasgui.addTab(false, { name: q.name, yasqe: { value: q.text }, requestConfig: { endpoint } });
  }
  yasgui.on("tabSelect", (_y, id) => setTimeout(() => watch(yasgui.getTab(id)), 0));
  yasgui.on("queryBefore", (_y, tab) => { watch(tab); showWarnings(null); });
  yasgui.on("queryResponse", (_y, tab) => watch(tab));
  watch(yasgui.getTab());
  window.zonekgDesk = yasgui; // for the browser tests and the console
  status.textContent = queries.length + " named questions, each a tab; your own queries in new tabs.";
}

window.addEventListener("hashchange", route);
start().then(route, (err) => {
  document.getElementById("desk-status").textContent = "The editor did not start: " + err;
});
