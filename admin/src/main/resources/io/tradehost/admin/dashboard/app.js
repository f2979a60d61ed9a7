// The tradehost dashboard: reads the admin API with the bearer token (kept in this tab's
// sessionStorage only), follows the live event stream over fetch (EventSource cannot send a
// header), and sends operator actions after a confirmation that asks for the reason.
"use strict";

const KEEP = 600;
const state = { token: sessionStorage.getItem("tradehost.token"), equity: [[], []], marks: {}, charts: {} };

const $ = (id) => document.getElementById(id);

function headers(json) {
  const h = { "Authorization": "Bearer " + state.token };
  if (json) h["Content-Type"] = "application/json";
  return h;
}

async function api(path) {
  const r = await fetch("/api/v1/" + path, { headers: headers(false), cache: "no-store" });
  if (r.status === 401) { logout("the host refused the token"); throw new Error("unauthorised"); }
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
}

function logout(message) {
  sessionStorage.removeItem("tradehost.token");
  state.token = null;
  $("main").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "-" : String(text);
  row.appendChild(td);
}

function fillTable(id, items, columns) {
  const body = $(id).querySelector("tbody");
  body.replaceChildren();
  for (const item of items) {
    const tr = document.createElement("tr");
    columns.forEach((c) => cell(tr, typeof c === "function" ? c(item) : item[c]));
    body.appendChild(tr);
  }
}

function prependRow(id, values, keep, key) {
  const body = $(id).querySelector("tbody");
  const tr = document.createElement("tr");
  if (key) tr.dataset.key = key;
  values.forEach((v) => cell(tr, v));
  body.insertBefore(tr, body.firstChild);
  while (body.rows.length > keep) body.deleteRow(body.rows.length - 1);
}

const time = (iso) => (iso || "").replace("T", " ").replace(/\.\d+Z$|Z$/, "");

function badge(id, value) {
  const el = $(id);
  el.textContent = value;
  el.className = "badge " + value;
}

function chart(target, label, data) {
  const width = Math.max(300, target.clientWidth || 600);
  return new uPlot({ width: width, height: 180, series: [{}, { label: label, stroke: "#2a62c9", width: 1.5 }],
    scales: { x: { time: true } }, axes: [{}, { size: 90 }], legend: { show: false } }, data, target);
}

function addPoint(series, t, value) {
  series[0].push(t); series[1].push(value);
  if (series[0].length > KEEP) { series[0].shift(); series[1].shift(); }
}

function drawMarks() {
  for (const [symbol, series] of Object.entries(state.marks)) {
    if (!state.charts[symbol]) {
      const box = document.createElement("div");
      box.className = "mark-chart";
      const title = document.createElement("h3");
      title.textContent = symbol;
      box.appendChild(title);
      $("marks-charts").appendChild(box);
      state.charts[symbol] = chart(box, symbol, series);
    } else {
      state.charts[symbol].setData(series);
    }
  }
}

function onStatus(s) {
  badge("trading-state", s.tradingState);
  badge("health", s.health);
  $("equity-value").textContent = s.equity;
  $("cash-value").textContent = s.cash;
  addPoint(state.equity, s.t, Number(s.equity));
  state.equityChart.setData(state.equity);
  for (const [symbol, price] of Object.entries(s.marks)) {
    if (!state.marks[symbol]) state.marks[symbol] = [[], []];
    addPoint(state.marks[symbol], s.t, Number(price));
  }
  drawMarks();
}

async function refreshState() {
  const s = await api("state");
  $("run").textContent = s.runId + " on " + s.venue;
  badge("trading-state", s.tradingState);
  fillTable("reasons", s.reasons, ["code", "effect", "source", "clearing", "message"]);
  const select = $("close-symbol");
  if (select.options.length === 0) {
    Object.keys(s.symbols).forEach((sym) => { const o = document.createElement("option"); o.textContent = sym; select.appendChild(o); });
  }
  const h = await (await fetch("/health", { cache: "no-store" })).json();
  badge("health", h.status);
  fillTable("components", h.components, ["component", "status", "error"]);
}

async function refreshBooks() {
  const p = await api("positions");
  $("equity-value").textContent = p.equity;
  $("cash-value").textContent = p.cash;
  fillTable("positions", p.positions, ["symbol", "quantity", "averageEntry", "mark", "unrealizedPnl", "realizedPnl", "tradingState"]);
  const o = await api("orders");
  fillTable("open-orders", o.open, ["clientOrderId", "symbol", "side", "quantity",
    (r) => r.limitPrice ?? (r.stopPrice ? "stop " + r.stopPrice + (r.trail ? " (trailing " + r.trail + ")" : "") : ""),
    "filled", (r) => r.heldByHost ? "held by host" : r.status,
    (r) => r.strategy ? r.strategy + (r.tag ? " (" + r.tag + ")" : "") + (r.list ? " list " + r.list : "") : ""]);
}

async function loadAll() {
  const history = await api("history");
  for (const p of history.points) {
    addPoint(state.equity, p.t, Number(p.equity));
    for (const [symbol, price] of Object.entries(p.marks)) {
      if (!state.marks[symbol]) state.marks[symbol] = [[], []];
      addPoint(state.marks[symbol], p.t, Number(price));
    }
  }
  state.equityChart = chart($("equity-chart"), "equity", state.equity);
  drawMarks();
  const fills = await api("fills");
  fillTable("fills", fills.fills.slice().reverse().slice(0, 50), [(f) => time(f.at), "symbol", "side", "quantity", "price", "fee"]);
  const orders = await api("orders");
  fillTable("rejections", orders.rejections.slice().reverse().slice(0, 50), [(r) => time(r.at), "symbol", "stage", "code", "message"]);
  await refreshState();
  await refreshBooks();
}

function handle(name, data) {
  switch (name) {
    case "status": onStatus(data); break;
    case "fill":
      prependRow("fills", [time(data.at), data.symbol, data.side, data.quantity, data.price, data.fee], 50, data.tradeId);
      refreshBooks().catch(() => {});
      break;
    case "rejection": prependRow("rejections", [time(data.at), data.symbol, data.stage, data.code, data.message], 50); break;
    case "state": case "reason": case "operator": refreshState().catch(() => {}); break;
    default: break;
  }
}

async function follow() {
  while (state.token) {
    try {
      const r = await fetch("/api/v1/events", { headers: headers(false), cache: "no-store" });
      if (r.status === 401) { logout("the host refused the token"); return; }
      if (!r.ok || !r.body) throw new Error("HTTP " + r.status);
      $("link").textContent = "live";
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = "message", data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) name = line.slice(7);
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          if (data) handle(name, JSON.parse(data));
        }
      }
    } catch (e) {
      // the host stopped or the stream was dropped: try again shortly
    }
    $("link").textContent = "reconnecting";
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function confirmAction(action, argument) {
  const dialog = $("confirm");
  $("confirm-text").textContent = "Really " + action + (argument ? " " + argument : "") + "? Say why:";
  $("confirm-reason").value = "";
  dialog.returnValue = "";
  dialog.onclose = async () => {
    if (dialog.returnValue !== "ok") return;
    const path = "/api/v1/operator/" + action + (argument ? "/" + encodeURIComponent(argument) : "");
    const r = await fetch(path, { method: "POST", headers: headers(true),
      body: JSON.stringify({ reason: $("confirm-reason").value, actor: "dashboard" }) });
    const body = await r.json();
    $("operator-result").textContent = r.ok ? (body.outcome || body.message) : "refused: " + body.message;
    refreshState().catch(() => {});
  };
  dialog.showModal();
}

function start() {
  $("login").hidden = true;
  $("main").hidden = false;
  loadAll().then(follow).catch((e) => { $("link").textContent = String(e.message || e); });
  setInterval(() => { if (state.token) refreshBooks().catch(() => {}); }, 5000);
}

document.addEventListener("DOMContentLoaded", () => {
  $("login").addEventListener("submit", (e) => {
    e.preventDefault();
    state.token = $("token-input").value.trim();
    sessionStorage.setItem("tradehost.token", state.token);
    start();
  });
  for (const id of ["btn-reduce-only", "btn-halt", "btn-resume"]) {
    $(id).addEventListener("click", () => confirmAction($(id).dataset.action, null));
  }
  $("btn-close").addEventListener("click", () => confirmAction("close", $("close-symbol").value));
  if (state.token) start(); else $("login").hidden = false;
});
