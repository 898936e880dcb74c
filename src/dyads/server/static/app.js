// dyads: draws the dyad timeline (Chart.js) and the actor network (Cytoscape) from the
// pages' JSON twins. No inline script anywhere: the Content-Security-Policy forbids it.
"use strict";

const TYPE_COLOURS = {
  CONSULT: "#2b6cb0", AGREE: "#2f855a", COOPERATE: "#38a169", AID: "#d69e2e", REQUEST: "#805ad5",
  REJECT: "#c53030", SUPPORT: "#319795", ACCUSE: "#dd6b20", THREATEN: "#9b2c2c",
};

function dayNumber(date) {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, (m || 7) - 1, d || (m ? 15 : 1)) / 86400000;  // coarse dates sit mid-period
}

function formatDay(value) {
  return new Date(value * 86400000).toISOString().slice(0, 7);
}

async function drawTimeline(canvas) {
  const data = await (await fetch(canvas.dataset.source, {headers: {Accept: "application/json"}})).json();
  const dated = data.events.filter((e) => e.date);
  if (!dated.length) {  // nothing to place on a time axis: no empty chart with 1970 ticks
    canvas.closest(".chart").hidden = true;
    canvas.dataset.drawn = "0";
    return;
  }
  const types = [...new Set(dated.map((e) => e.type))].sort();
  const datasets = types.map((type) => ({
    label: type,
    backgroundColor: TYPE_COLOURS[type] || "#4a5568",
    pointRadius: 7,
    data: dated.filter((e) => e.type === type).map((e) => ({
      x: dayNumber(e.date), y: types.indexOf(type), id: e.id,
      label: `${e.date} ${e.type}/${e.mode || ""}: ${e.actors.map((a) => a.name).join(", ")}`,
    })),
  }));
  const byId = Object.fromEntries(dated.map((e) => [e.id, e]));
  const links = dated.flatMap((e) => e.related.filter((r) => byId[r.event]).map((r) => ({
    type: "line", label: "return visit",
    data: [{x: dayNumber(byId[r.event].date), y: types.indexOf(byId[r.event].type)}, {x: dayNumber(e.date), y: types.indexOf(e.type)}],
    borderColor: "#a0aec0", borderDash: [4, 4], pointRadius: 0, showLine: true,
  })));
  const chart = new Chart(canvas, {
    type: "scatter",
    data: {datasets: [...datasets, ...links]},
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: {ticks: {callback: formatDay}, title: {display: true, text: "date"}},
        y: {min: -0.5, max: types.length - 0.5, ticks: {callback: (v) => types[v] || ""},
          afterBuildTicks: (axis) => { axis.ticks = types.map((_, i) => ({value: i})); }},
      },
      plugins: {
        legend: {labels: {filter: (item) => item.text !== "return visit"}},
        tooltip: {callbacks: {label: (ctx) => ctx.raw.label || "return visit"}},
      },
      onClick: (_event, elements) => {
        const point = elements.length && chart.data.datasets[elements[0].datasetIndex].data[elements[0].index];
        if (point && point.id) document.getElementById(point.id)?.scrollIntoView();
      },
    },
  });
  canvas.dataset.drawn = String(dated.length);
}

async function drawGraph(container) {
  const data = await (await fetch(container.dataset.source, {headers: {Accept: "application/json"}})).json();
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
  const cy = cytoscape({
    container,
    elements: [
      ...data.nodes.map((n) => ({data: {id: n.id, label: n.name, weight: n.weight, kind: n.type}})),
      ...data.edges.map((e) => ({data: {id: `${e.source}->${e.target}`, source: e.source, target: e.target, weight: e.weight}})),
    ],
    style: [
      {selector: "node", style: {label: "data(label)", "font-size": 10, width: "mapData(weight, 1, 50, 12, 48)",
        height: "mapData(weight, 1, 50, 12, 48)", "background-color": "#2b6cb0"}},
      {selector: "node[kind = 'person']", style: {"background-color": "#dd6b20"}},
      {selector: "node[kind = 'organization']", style: {"background-color": "#38a169"}},
      {selector: "edge", style: {width: `mapData(weight, 1, ${maxWeight}, 1, 10)`, "line-color": "#a0aec0", opacity: 0.7}},
    ],
    layout: {name: "cose", animate: false, randomize: false},
    maxZoom: 2,  // fitting a small network must not blow its labels up to headline size
  });
  cy.on("tap", "node", (event) => { window.location.href = `/entities/${encodeURIComponent(event.target.id())}`; });
  container.dataset.drawn = String(data.nodes.length);
  window.dyadsGraph = cy;
}

// An empty filter field means "any": leave it out of the query, as the server reads `since=`
// as a date to parse and `type=` as a type no event has. htmx builds its own request; a plain
// submit (htmx not loaded) goes through the form's formdata event.
function dropEmpty(data) {
  for (const key of [...new Set(data.keys())]) {
    if (data.getAll(key).every((value) => value === "")) data.delete(key);
  }
}

document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb === "get" && event.detail.formData) dropEmpty(event.detail.formData);
});

// A source's text box scrolls (max-height): bring its highlighted evidence into view, without
// scrolling the page itself.
function showEvidence(box) {
  const mark = box.querySelector("mark.evidence");
  if (!mark || box.scrollHeight <= box.clientHeight) return;
  const offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTop += offset - box.clientHeight / 4;
}

document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".source .text")) showEvidence(box);
  for (const form of document.querySelectorAll("form.filters[method=get]")) {
    form.addEventListener("formdata", (event) => dropEmpty(event.formData));
  }
  const canvas = document.getElementById("timeline-chart");
  if (canvas && window.Chart) drawTimeline(canvas);
  const graph = document.getElementById("graph");
  if (graph && window.cytoscape) drawGraph(graph);
});
