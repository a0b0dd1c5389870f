// kg view: the explorer's own glue around the renderer (Neo4j's NVL widget from neo4j-viz).
// Every text from the graph goes into the page through textContent, never as markup.
const data = JSON.parse(document.getElementById("kg-data").textContent);
const $ = (id) => document.getElementById(id);
const nodes = data.nodes, edges = data.edges, labels = data.labels, types = data.types;
const adjacency = nodes.map(() => []);
edges.forEach((e, j) => { adjacency[e.s].push(j); if (e.t !== e.s) adjacency[e.t].push(j); });
const maxDegree = nodes.reduce((m, n) => Math.max(m, n.degree), 1);
const state = {
  hiddenLabels: new Set(), hiddenTypes: new Set(), minDegree: 0, minConfidence: 0,
  focus: null, selected: null,
};
const view = (window.kgView = { ready: false, drawnMs: null, shown: { nodes: 0, relationships: 0 } });

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (k === "style") node.style.cssText = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

// --- the renderer's model: the anywidget interface the NVL widget reads and writes ---------
const listeners = {};
const traits = {
  nodes: [], relationships: [], width: "100%", height: "100%", theme: "light",
  options: { layout: "forceDirected", nvlOptions: { disableWebGL: true }, showLayoutButton: true, showSearchButton: false, selectionMode: "single" },
  selected: { nodeIds: [], relationshipIds: [] }, last_event: null, legend: { visible: false }, _css: "",
};
const model = {
  get: (k) => traits[k],
  set: (k, v) => { traits[k] = v; (listeners["change:" + k] || []).slice().forEach((f) => f()); },
  on: (e, f) => { (listeners[e] = listeners[e] || []).push(f); },
  off: (e, f) => { listeners[e] = (listeners[e] || []).filter((g) => g !== f); },
  save_changes: () => {}, send: () => {},
};

// --- what is shown ---------------------------------------------------------------------------
function edgePasses(e) {
  if (state.hiddenTypes.has(e.type)) return false;
  return state.minConfidence <= 0 || (e.confidence ?? 1) >= state.minConfidence;
}
function nodePasses(i) {
  const n = nodes[i];
  return !state.hiddenLabels.has(n.label) && n.degree >= state.minDegree;
}
function visible() {
  let keep = nodes.map((_, i) => nodePasses(i));
  if (state.focus) {
    const reach = new Set([state.focus.node]);
    let frontier = [state.focus.node];
    for (let h = 0; h < state.focus.hops; h++) {
      const next = [];
      for (const i of frontier) for (const j of adjacency[i]) {
        const e = edges[j]; if (!edgePasses(e)) continue;
        const o = e.s === i ? e.t : e.s;
        if (keep[o] && !reach.has(o)) { reach.add(o); next.push(o); }
      }
      frontier = next;
    }
    keep = keep.map((k, i) => reach.has(i) && (k || i === state.focus.node));
  }
  const shownEdges = [];
  edges.forEach((e, j) => { if (keep[e.s] && keep[e.t] && edgePasses(e)) shownEdges.push(j); });
  return { keep, shownEdges };
}
function nodeSize(n) {
  const base = labels[n.label].diameter / 2;
  return base * (0.5 + 0.5 * Math.sqrt(n.degree / maxDegree));
}
// The renderer fits the first drawing itself; after a change, press its own "Zoom to fit"
// once the layout has moved the new nodes apart.
let fitTimers = [], drawnOnce = false;
function fitSoon() {
  fitTimers.forEach(clearTimeout);
  const fit = () => { const b = $("kg-canvas").querySelector("button[aria-label='Zoom to fit']"); if (b) b.click(); };
  fitTimers = [600, 1500, 3000].map((ms) => setTimeout(fit, ms));
}
function redraw() {
  if (drawnOnce) fitSoon();
  drawnOnce = true;
  const { keep, shownEdges } = visible();
  const shownNodes = [];
  keep.forEach((k, i) => {
    if (!k) return;
    const n = nodes[i], style = labels[n.label];
    shownNodes.push({ id: String(i), caption: n.caption, color: style.color, size: nodeSize(n), properties: {} });
  });
  const rels = shownEdges.map((j) => {
    const e = edges[j], style = types[e.type];
    return { id: "e" + j, from: String(e.s), to: String(e.t), caption: style.name, color: style.color, width: style.width, properties: {} };
  });
  view.shown = { nodes: shownNodes.length, relationships: rels.length };
  model.set("nodes", shownNodes);
  model.set("relationships", rels);
  const count = $("kg-count");
  count.textContent = `Showing ${shownNodes.length.toLocaleString("en")} of ${nodes.length.toLocaleString("en")} nodes, ` +
    `${rels.length.toLocaleString("en")} of ${edges.length.toLocaleString("en")} relationships`;
  count.dataset.nodes = shownNodes.length; count.dataset.relationships = rels.length;
  $("kg-whole").disabled = !state.focus;
  $("kg-focus-note").textContent = state.focus ? `Around ${nodes[state.focus.node].caption} (${state.focus.hops} hop${state.focus.hops > 1 ? "s" : ""})` : "";
}

// --- filters and legend ------------------------------------------------------------------
function checkbox(id, text, swatch, count, hidden) {
  const input = el("input", { type: "checkbox", id });
  input.checked = true;
  input.addEventListener("change", () => { input.checked ? hidden.delete(Number(input.value)) : hidden.add(Number(input.value)); redraw(); });
  return [input, el("label", { class: "kg-check", for: id }, input, swatch, text, el("span", { class: "kg-n" }, count))];
}
const labelCounts = labels.map(() => 0), typeCounts = types.map(() => 0);
nodes.forEach((n) => labelCounts[n.label]++); edges.forEach((e) => typeCounts[e.type]++);
labels.forEach((l, i) => {
  const [input, row] = checkbox("kg-label-" + l.name, l.name, el("span", { class: "kg-swatch", style: `background:${l.color};border-color:${l.border}` }), labelCounts[i], state.hiddenLabels);
  input.value = i; $("kg-labels").append(row);
});
types.forEach((t, i) => {
  const line = el("span", { class: "kg-line", style: `border-top:${Math.max(1, t.width)}px solid ${t.color}` });
  const [input, row] = checkbox("kg-type-" + t.name, t.name, line, typeCounts[i], state.hiddenTypes);
  input.value = i; row.title = t.meaning; $("kg-types").append(row);
});
$("kg-min-degree").addEventListener("input", (ev) => { state.minDegree = Number(ev.target.value) || 0; redraw(); });
$("kg-min-confidence").addEventListener("input", (ev) => { state.minConfidence = Number(ev.target.value) || 0; redraw(); });

// --- focus, selection, side panel ---------------------------------------------------------
function focusOn(i, hops) { state.focus = { node: i, hops }; redraw(); select(i); }
$("kg-focus-1").addEventListener("click", () => state.selected !== null && focusOn(state.selected, 1));
$("kg-focus-2").addEventListener("click", () => state.selected !== null && focusOn(state.selected, 2));
$("kg-whole").addEventListener("click", () => { state.focus = null; redraw(); });
$("kg-panel-close").addEventListener("click", () => { $("kg-panel").hidden = true; });

function nodeLink(i) {
  return el("button", { class: "kg-link", type: "button", onclick: () => select(i) }, nodes[i].caption || nodes[i].key);
}
function urlLink(url) {
  const text = String(url);
  return /^https?:\/\//i.test(text) ? el("a", { href: text, target: "_blank", rel: "noopener noreferrer" }, text) : text;
}
function highlighted(text, sentences) {
  // The abstract as text nodes, with each evidence sentence found in it wrapped in <mark>.
  const spans = [];
  for (const s of sentences) {
    if (!s) continue;
    let at = text.indexOf(s);
    while (at >= 0) { spans.push([at, at + s.length]); at = text.indexOf(s, at + s.length); }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const out = el("div", { class: "kg-abstract" });
  let pos = 0;
  for (const [a, b] of spans) {
    if (a < pos) continue;
    out.append(text.slice(pos, a), el("mark", {}, text.slice(a, b)));
    pos = b;
  }
  out.append(text.slice(pos));
  return out;
}
function entry(dl, name, value) { if (value !== undefined && value !== null && value !== "") dl.append(el("dt", {}, name), el("dd", {}, value)); }
function list(items) { const ul = el("ul"); items.forEach((x) => ul.append(el("li", {}, x))); return ul; }

function showNode(i) {
  const n = nodes[i], p = n.props, style = labels[n.label], body = $("kg-panel-body");
  body.replaceChildren();
  body.append(el("span", { class: "kg-badge", style: `background:${style.color};color:${style.text}` }, style.name));
  body.append(el("h2", { id: "kg-panel-title" }, n.caption || n.key));
  const dl = el("dl");
  const outgoing = adjacency[i].map((j) => edges[j]);
  if (style.name === "Paper") {
    entry(dl, "Year", p.year);
    entry(dl, "Authors", Array.isArray(p.authors) ? p.authors.join(", ") : p.authors);
    const evidence = outgoing.filter((e) => e.s === i).map((e) => e.evidence);
    if (p.abstract) { dl.append(el("dt", {}, "Abstract")); dl.append(el("dd", {}, highlighted(String(p.abstract), evidence))); }
    const links = ["url", "doi", "arxiv_id"].filter((k) => p[k]).map((k) => urlLink(p[k]));
    if (links.length) entry(dl, "Links", list(links));
    types.forEach((t, ti) => {
      const targets = adjacency[i].filter((j) => edges[j].type === ti && edges[j].s === i).map((j) => nodeLink(edges[j].t));
      if (targets.length) entry(dl, t.name, list(targets));
    });
  } else {
    if (Array.isArray(p.aliases) && p.aliases.length) entry(dl, "Aliases", p.aliases.join(", "));
    if (p.url) entry(dl, "URL", urlLink(p.url));
    const papers = new Set();
    types.forEach((t, ti) => {
      const from = adjacency[i].filter((j) => edges[j].type === ti && edges[j].t === i).map((j) => edges[j].s);
      from.forEach((s) => papers.add(s));
      if (from.length) entry(dl, `Papers (${t.name})`, list(from.map(nodeLink)));
    });
    if (style.name !== "Repository") {
      const repos = new Set();
      papers.forEach((s) => adjacency[s].forEach((j) => { const e = edges[j]; if (e.s === s && labels[nodes[e.t].label].name === "Repository") repos.add(e.t); }));
      if (repos.size) entry(dl, "Repositories", list([...repos].map(nodeLink)));
    }
  }
  entry(dl, "Links in the graph", n.degree);
  entry(dl, "Id", p.id);
  body.append(dl);
  $("kg-panel").hidden = false;
}
function showEdge(j) {
  const e = edges[j], t = types[e.type], body = $("kg-panel-body");
  body.replaceChildren(el("span", { class: "kg-badge", style: `background:${t.color}` }, t.name));
  body.append(el("h2", { id: "kg-panel-title" }, `${nodes[e.s].caption} → ${nodes[e.t].caption}`));
  const dl = el("dl");
  entry(dl, "From", nodeLink(e.s)); entry(dl, "To", nodeLink(e.t));
  entry(dl, "Evidence", e.evidence); entry(dl, "Rule", e.rule);
  entry(dl, "Confidence", e.confidence !== undefined ? e.confidence.toFixed(2) : undefined);
  if (e.introduced !== undefined) entry(dl, "Introduced", String(e.introduced));
  entry(dl, "Meaning", t.meaning);
  body.append(dl);
  $("kg-panel").hidden = false;
}
function select(i) {
  state.selected = i;
  $("kg-focus-1").disabled = $("kg-focus-2").disabled = false;
  model.set("selected", { nodeIds: [String(i)], relationshipIds: [] });
  showNode(i);
}
model.on("change:last_event", () => {
  const ev = traits.last_event;
  if (!ev) return;
  if (ev.type === "node_click" || ev.type === "node_double_click") {
    const i = Number(ev.id); state.selected = i; $("kg-focus-1").disabled = $("kg-focus-2").disabled = false; showNode(i);
    if (ev.type === "node_double_click") focusOn(i, 1);
  } else if (ev.type === "relationship_click") showEdge(Number(String(ev.id).slice(1)));
});

// --- search: case-insensitive prefix of a title, name, alias, url or id (or of a word in it) ---
const names = nodes.map((n) => {
  const p = n.props, all = [n.caption, p.title, p.name, p.url, p.id].concat(Array.isArray(p.aliases) ? p.aliases : []);
  return [...new Set(all.filter((x) => typeof x === "string" && x).map((x) => x.toLowerCase()))];
});
function search(q) {
  q = q.trim().toLowerCase();
  if (!q) return [];
  const exact = [], whole = [], word = [];
  names.forEach((ns, i) => {
    if (ns.includes(q)) exact.push(i);
    else if (ns.some((s) => s.startsWith(q))) whole.push(i);
    else if (ns.some((s) => s.split(/[\s\-_:/.,()]+/).some((w) => w.startsWith(q)))) word.push(i);
  });
  const rank = (a, b) => nodes[b].degree - nodes[a].degree;
  return exact.sort(rank).concat(whole.sort(rank), word.sort(rank)).slice(0, 50);
}
function showResults() {
  const found = search($("kg-search").value);
  $("kg-results").replaceChildren(...found.map((i) => el("li", {}, el("button", { type: "button", onclick: () => focusOn(i, 1) },
    el("span", { class: "kg-swatch", style: `background:${labels[nodes[i].label].color};border-color:${labels[nodes[i].label].border}` }), nodes[i].caption || nodes[i].key))));
  return found;
}
$("kg-search").addEventListener("input", showResults);
$("kg-search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") { const found = showResults(); if (found.length) focusOn(found[0], 1); } });
view.search = search;

// --- start ------------------------------------------------------------------------------
$("kg-title").textContent = data.title;
document.title = data.title;
if (data.omitted.nodes > 0) {
  const parts = Object.entries(data.omitted.byLabel).map(([k, v]) => `${v.toLocaleString("en")} ${k}`);
  const note = $("kg-omitted");
  note.textContent = `This file holds ${nodes.length.toLocaleString("en")} of the graph's ${data.total.nodes.toLocaleString("en")} nodes ` +
    `(the most-linked${data.start !== null ? " around the start node" : ""}); left out: ${parts.join(", ")} and ` +
    `${data.omitted.relationships.toLocaleString("en")} relationships.`;
  note.hidden = false;
}
if (data.start !== null && data.start !== undefined) state.focus = { node: data.start, hops: data.startHops || 1 };
redraw();
window.__kgRenderer.render({ model, el: $("kg-canvas") });
if (data.start !== null && data.start !== undefined) select(data.start);

// Drawn: the first frame whose canvases hold coloured pixels (recorded for tests and reports).
const probe = document.createElement("canvas"); probe.width = probe.height = 64;
const ctx = probe.getContext("2d", { willReadFrequently: true });
function drawn() {
  const canvases = $("kg-canvas").querySelectorAll("canvas");
  if (!canvases.length) return false;
  ctx.clearRect(0, 0, 64, 64);
  canvases.forEach((c) => { if (c.width && c.height) ctx.drawImage(c, 0, 0, 64, 64); });
  const px = ctx.getImageData(0, 0, 64, 64).data;
  for (let k = 0; k < px.length; k += 4) {
    const hi = Math.max(px[k], px[k + 1], px[k + 2]), lo = Math.min(px[k], px[k + 1], px[k + 2]);
    if (px[k + 3] > 0 && hi - lo > 40) return true;
  }
  return false;
}
(function wait() {
  if (view.shown.nodes === 0 || drawn()) { view.drawnMs = performance.now(); view.ready = true; return; }
  requestAnimationFrame(wait);
})();
