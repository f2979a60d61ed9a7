// The fleet page: every host of this host's fleet as the registry holds it, refreshed every few
// seconds, with a link to each host's own dashboard. Reads /api/v1/fleet with this tab's token.
"use strict";

const REFRESH_MS = 3000;
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("tradehost.token");

function showLogin(message) {
  sessionStorage.removeItem("tradehost.token");
  token = null;
  $("main").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "-" : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

// a registry row is data, not markup: only an http(s) address becomes a link
function link(row, address) {
  const td = document.createElement("td");
  let url = null;
  try { url = address ? new URL(address) : null; } catch (e) { url = null; }
  if (url && (url.protocol === "http:" || url.protocol === "https:")) {
    const a = document.createElement("a");
    a.href = url.origin + "/";
    a.textContent = url.host;
    a.rel = "noopener noreferrer";
    td.appendChild(a);
  } else {
    td.textContent = "-";
  }
  row.appendChild(td);
}

function render(hosts) {
  const body = $("fleet").querySelector("tbody");
  body.replaceChildren();
  for (const h of hosts) {
    const tr = document.createElement("tr");
    tr.dataset.host = h.account + "/" + h.host;
    cell(tr, h.account);
    cell(tr, h.host);
    cell(tr, h.role);
    cell(tr, h.state, "badge " + h.state);
    cell(tr, h.equity);
    cell(tr, h.holdsLease ? "held (token " + h.leaseToken + ")" : "-");
    cell(tr, h.heartbeatAgeSeconds.toFixed(1) + " s ago");
    link(tr, h.adminUrl);
    body.appendChild(tr);
  }
  $("fleet-count").textContent = hosts.length + " host(s)";
}

async function refresh() {
  try {
    const r = await fetch("/api/v1/fleet", { headers: { "Authorization": "Bearer " + token }, cache: "no-store" });
    if (r.status === 401) { showLogin("the host refused the token"); return; }
    const body = await r.json();
    if (!r.ok) throw new Error(body.message || ("HTTP " + r.status));
    render(body.hosts);
    $("fleet-error").textContent = "";
    $("link").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    $("fleet-error").textContent = String(e.message || e);
    $("link").textContent = "offline";
  }
  if (token) setTimeout(refresh, REFRESH_MS);
}

$("login").addEventListener("submit", (e) => {
  e.preventDefault();
  token = $("token-input").value;
  sessionStorage.setItem("tradehost.token", token);
  $("login").hidden = true;
  $("main").hidden = false;
  refresh();
});

if (token) { $("main").hidden = false; refresh(); } else { showLogin(""); }
