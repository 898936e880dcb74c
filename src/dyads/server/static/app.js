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
  });
  cy.on("tap", "node", (event) => { window.location.href = `/entities/${encodeURIComponent(event.target.id())}`; });
  container.dataset.drawn = String(data.nodes.length);
  window.dyadsGraph = cy;
}

document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("timeline-chart");
  if (canvas && window.Chart) drawTimeline(canvas);
  const graph = document.getElementById("graph");
  if (graph && window.cytoscape) drawGraph(graph);
});
