// The operator page: reads the JSON API and draws it. Everything shown comes from the API; text
// from feeds is untrusted, so it is only ever set as textContent.
"use strict";

const PAGE_SIZE = 25;
const EVENTS_READ = 1000;
const state = { offset: 0, total: 0, settings: { staleAfterHours: 24, maxFraction: 0.5, purgeAfterDays: 30 } };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || response.status + " " + response.statusText);
  return body;
}

function ago(iso) {
  if (!iso) return "never";
  const hours = (Date.now() - Date.parse(iso)) / 3600000;
  if (hours < 1) return Math.max(0, Math.round(hours * 60)) + " min ago";
  if (hours < 48) return Math.round(hours) + " h ago";
  return Math.round(hours / 24) + " days ago";
}

// 1234567 -> "1,234,567": counts of a large catalog read at a glance
const NUMBER = new Intl.NumberFormat("en-US");
function num(n) {
  return NUMBER.format(n);
}

function day(iso) {
  return iso ? iso.slice(0, 10) : "";
}

function addDays(iso, days) {
  return new Date(Date.parse(iso) + days * 86400000).toISOString();
}

function badge(text, kind) {
  return el("span", { class: "badge " + (kind || text.toLowerCase()) }, text);
}

function latestPerProvider(ingestions) {
  const latest = {};
  for (const run of ingestions) if (!latest[run.providerId]) latest[run.providerId] = run;  // newest first
  return latest;
}

function heldProviders(runs) {
  const run = runs.find(r => !r.dryRun && !r.result.provider);
  const held = {};
  if (run) for (const p of run.result.providers) if (p.held > 0) held[p.providerId] = p.held;
  return held;
}

function renderTotals(stats) {
  const totals = document.getElementById("totals");
  totals.replaceChildren(
    el("span", { id: "total-count" }, el("b", {}, num(stats.total)), " models"),
    el("span", { id: "active-count" }, el("b", {}, num(stats.active)), " active"),
    el("span", { id: "inactive-count" }, el("b", {}, num(stats.inactive)), " inactive"),
    el("span", { class: "hint" }, Object.entries(stats.bySource).map(([k, v]) => k + " " + num(v)).join(" · ")));
}

function renderProviders(stats, latest, held) {
  const staleMs = state.settings.staleAfterHours * 3600000;
  // a provider whose only feeds failed has no models, but its failure is what the operator must see
  const known = new Set(stats.providers.map(p => p.providerId));
  const providers = stats.providers.concat(Object.keys(latest).filter(id => !known.has(id))
    .map(id => ({ providerId: id, total: 0, active: 0, inactive: 0, lastIndexAt: null })))
    .sort((a, b) => a.providerId.localeCompare(b.providerId));
  const rows = providers.map(p => {
    const run = latest[p.providerId];
    const old = p.lastIndexAt && Date.now() - Date.parse(p.lastIndexAt) > staleMs;
    return el("tr", { "data-provider": p.providerId },
      el("td", {}, el("b", {}, p.providerId)),
      el("td", { class: "active" }, num(p.active)),
      el("td", { class: "inactive" }, p.inactive ? badge(num(p.inactive), "inactive") : "0"),
      el("td", { class: "held" }, held[p.providerId] ? badge(num(held[p.providerId]) + " held", "held") : ""),
      el("td", { class: "freshness" }, p.lastIndexAt ? [ago(p.lastIndexAt), " ", old ? badge("older than the stale window", "old") : ""]
        // models added by hand or seen in inference only: there is no feed to be fresh
        : run ? badge("no fresh feed", "old") : el("span", { class: "when", title: "no feed file of this provider was ever read" }, "no feed")),
      el("td", { class: "wrap" }, run ? [badge(run.status, run.status.toLowerCase()), " ", run.fileName,
        run.status === "FAILED" ? el("div", { class: "failed-reason" }, run.error) : ""] : "—"));
  });
  document.querySelector("#providers tbody").replaceChildren(...rows);
  const select = document.querySelector("#filters select[name=provider]");
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "" }, "all"),
    ...stats.providers.map(p => el("option", { value: p.providerId }, p.providerId)));
  select.value = chosen;
}

function renderHeld(held) {
  const entries = Object.entries(held);
  document.getElementById("held-section").hidden = entries.length === 0;
  document.getElementById("held").replaceChildren(...entries.map(([provider, count]) =>
    el("li", {}, badge(num(count) + " held", "held"), " ", el("b", {}, provider), " ",
      el("button", { class: "force", type: "button", "data-provider": provider, onclick: () => force(provider) },
        "Force deactivation"))));
}

// Provider sync: each provider's last fetch (GET /api/fetches) in its own column, beside its last file;
// a provider only ever fetched (skipped, or failing before any file) gets a row of its own.
function renderFetches(fetches) {
  const latest = latestPerProvider(fetches.filter(f => f.status !== "RUNNING"));
  const tbody = document.querySelector("#providers tbody");
  for (const [provider, f] of Object.entries(latest)) {
    let row = tbody.querySelector("tr[data-provider='" + CSS.escape(provider) + "']");
    if (!row) {
      row = el("tr", { "data-provider": provider }, el("td", {}, el("b", {}, provider)),
        el("td", {}, "0"), el("td", {}, "0"), el("td", {}), el("td", {}, badge("no fresh feed", "old")), el("td", {}, "—"));
      tbody.append(row);
    }
    const what = f.status === "OK" ? num(f.models) + " models" : f.status === "SKIPPED" ? f.error : "";
    row.append(el("td", { class: "wrap last-fetch" }, badge(f.status, f.status.toLowerCase()), " ", ago(f.finishedAt || f.startedAt),
      what ? " · " + what : "", f.status === "FAILED" ? el("div", { class: "failed-reason" }, f.error) : ""));
  }
  for (const row of tbody.querySelectorAll("tr")) {
    if (!row.querySelector("td.last-fetch")) row.append(el("td", { class: "last-fetch" }, "—"));
  }
}

async function force(provider) {
  const token = window.prompt("API token (GHOST_API_TOKEN) to deactivate the held models of " + provider + ":");
  if (token === null) return;
  try {
    const run = await api("/api/maintenance/mark-stale?force=true&provider=" + encodeURIComponent(provider),
      { method: "POST", headers: { "Authorization": "Bearer " + token } });
    window.alert(provider + ": " + run.deactivated + " models deactivated");
  } catch (e) {
    window.alert("Not done: " + e.message);
  }
  refresh();
}

function renderWarnings(ghosts, inactive) {
  const ghostItems = ghosts.models.map(m => el("li", { "data-model": m.providerId + "/" + m.modelId },
    el("b", {}, m.providerId + "/" + m.modelId), " ",
    el("span", { class: "when" }, "last inference " + ago(m.lastInferenceAt) + ", last in the feed " +
      (m.lastIndexedAt ? ago(m.lastIndexedAt) : "never"))));
  document.getElementById("ghosts").replaceChildren(...(ghostItems.length ? ghostItems : [el("li", { class: "when none" }, "none")]));
  const inactiveItems = inactive.models.map(m => el("li", { "data-model": m.providerId + "/" + m.modelId },
    el("b", {}, m.providerId + "/" + m.modelId), " ",
    el("span", { class: "when" }, m.source === "MANUAL" ? "inactive since " + day(m.deactivatedAt) + ", never purged (MANUAL)"
      : "inactive since " + day(m.deactivatedAt) + ", purge due " + day(addDays(m.deactivatedAt, state.settings.purgeAfterDays)))));
  document.getElementById("inactive").replaceChildren(...(inactiveItems.length ? inactiveItems : [el("li", { class: "when none" }, "none")]));
}

async function loadModels() {
  const form = new FormData(document.getElementById("filters"));
  const query = new URLSearchParams({ limit: PAGE_SIZE, offset: state.offset });
  for (const [key, value] of form) if (value) query.set(key, value);
  // every keystroke asks again: only the latest question's answer may fill the table
  const asked = state.modelsAsked = (state.modelsAsked || 0) + 1;
  const page = await api("/api/models?" + query);
  if (asked !== state.modelsAsked) return;
  state.total = page.total;
  document.querySelector("#models tbody").replaceChildren(...page.models.map(m =>
    el("tr", { class: m.isActive ? "" : "is-inactive" },
      el("td", {}, m.providerId), el("td", { class: "wrap" }, m.modelId), el("td", { class: "wrap" }, m.name || ""),
      el("td", {}, m.source), el("td", {}, m.isActive ? badge("active") : badge("inactive")),
      el("td", {}, ago(m.lastSeenAt)))));
  const last = Math.min(state.offset + PAGE_SIZE, page.total);
  document.getElementById("page").textContent = page.total ? num(state.offset + 1) + "–" + num(last) + " of " + num(page.total) : "no models";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
  decorateModelRows(page.models);
}

function renderEvents(events) {
  const days = [];
  for (let i = 13; i >= 0; i--) days.push(new Date(Date.now() - i * 86400000).toISOString().slice(0, 10));
  const counts = Object.fromEntries(days.map(d => [d, {}]));
  for (const e of events) {
    const c = counts[day(e.at)];
    if (c) c[e.kind] = (c[e.kind] || 0) + 1;
  }
  const totals = days.map(d => Object.values(counts[d]).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  // each day a stacked bar of its events by kind, its total above it and its date below; a legend
  // names the kinds: the chart reads without hovering
  document.getElementById("chart").replaceChildren(...days.map((d, i) => el("div", { class: "day", title: d + ": " +
      (Object.entries(counts[d]).map(([k, v]) => num(v) + " " + k).join(", ") || "nothing") },
    el("span", { class: "date" }, d.slice(5)),
    ...Object.entries(counts[d]).map(([kind, n]) => el("div", { class: "bar " + kind, style: "height:" + (n * 80 / max) + "px" })),
    el("span", { class: "count" }, totals[i] ? num(totals[i]) : ""))));
  const kinds = [...new Set(events.map(e => e.kind))].sort();
  document.getElementById("chart-legend").replaceChildren(...(kinds.length
    ? kinds.map(kind => el("span", {}, el("i", { class: "swatch " + kind }), kind.toLowerCase()))
    : [el("span", { class: "when" }, "no lifecycle event in the last 14 days")]),
    // the page reads the latest EVENTS_READ events: say so when there were more
    events.length >= EVENTS_READ ? el("span", { class: "when" }, "(the latest " + num(EVENTS_READ) + " events)") : "");
  document.getElementById("events").replaceChildren(...events.slice(0, 100).map(e => el("li", {},
    el("span", { class: "kind " + e.kind }, e.kind), " ", el("span", { class: "when" }, ago(e.at)), " ",
    e.providerId + "/" + e.modelId, e.detail && e.detail.reason ? el("span", { class: "when" }, " — " + e.detail.reason) : "")));
}

async function refresh() {
  try {
    state.settings = await api("/api/settings");
    document.getElementById("stale-window").textContent = state.settings.staleAfterHours + " h";
    document.getElementById("max-fraction").textContent = Math.round(state.settings.maxFraction * 100) + "%";
    document.getElementById("purge-days").textContent = state.settings.purgeAfterDays;
    const [stats, ingestions, runs, ghosts, inactive, events] = await Promise.all([
      api("/api/stats"), api("/api/ingestions?limit=1000"), api("/api/maintenance/runs?job=mark-stale&limit=50"),
      api("/api/models?ghost=true&limit=100"), api("/api/models?active=false&limit=100"), api("/api/events?limit=" + EVENTS_READ)]);
    const held = heldProviders(runs);
    renderTotals(stats);
    renderProviders(stats, latestPerProvider(ingestions), held);
    renderFetches(await api("/api/fetches?limit=1000"));
    renderHeld(held);
    renderWarnings(ghosts, inactive);
    renderEvents(events);
    await loadModels();
    document.getElementById("error").textContent = "";
    document.body.dataset.loaded = "true";
  } catch (e) {
    document.getElementById("error").textContent = "Could not load: " + e.message;
  }
}

// --- history, retirement and changes (model_version, retiresAt/deprecated, CHANGED events) ---

function retiringText(m) {
  if (m.retiresAt) {
    return (Date.parse(m.retiresAt) <= Date.now() ? "retired " : "retires ") + day(m.retiresAt) + (m.deprecated ? ", deprecated" : "");
  }
  return m.deprecated ? "deprecated" : "";
}

function perMillion(price) {
  return price === undefined || price === null ? "—" : "$" + Number((Number(price) * 1e6).toPrecision(6));
}

function pricingText(pricing) {
  return pricing ? perMillion(pricing.prompt) + " / " + perMillion(pricing.completion) : "—";
}

function changeText(field, change) {
  const show = v => v === null || v === undefined ? "none"
    : field === "pricing" ? pricingText(v) + " per 1M" : field === "retiresAt" ? day(v) : String(v);
  return field + " " + show(change.from) + " → " + show(change.to);
}

/** The models table's rows open the model's history, and say when a model is retiring. */
function decorateModelRows(models) {
  const rows = document.querySelectorAll("#models tbody tr");
  models.forEach((m, i) => {
    const row = rows[i];
    if (!row) return;
    row.classList.add("clickable");
    row.dataset.model = m.providerId + "/" + m.modelId;
    row.title = "show the history of " + m.providerId + "/" + m.modelId;
    row.addEventListener("click", () => showHistory(m.providerId, m.modelId));
    const text = retiringText(m);
    if (text) row.cells[4].append(" ", badge(text, "retiring"));
  });
}

async function showHistory(provider, model) {
  try {
    const history = await api("/api/model/history?provider=" + encodeURIComponent(provider) + "&model=" + encodeURIComponent(model));
    document.getElementById("history-model").textContent = provider + "/" + model;
    document.querySelector("#history tbody").replaceChildren(...history.versions.map(v => el("tr", { class: v.validTo ? "" : "current" },
      el("td", {}, v.validFrom.slice(0, 19).replace("T", " ")), el("td", {}, v.validTo ? v.validTo.slice(0, 19).replace("T", " ") : "current"),
      el("td", { class: "wrap" }, v.name || ""), el("td", {}, v.contextWindow ?? "—"), el("td", {}, v.maxOutputTokens ?? "—"),
      el("td", {}, pricingText(v.pricing)), el("td", {}, v.retiresAt ? day(v.retiresAt) : "—"), el("td", {}, v.deprecated ? "yes" : ""))));
    const section = document.getElementById("history-section");
    section.hidden = false;
    section.scrollIntoView({ block: "nearest" });
  } catch (e) {
    document.getElementById("error").textContent = "Could not load the history: " + e.message;
  }
}

async function refreshHistory() {
  try {
    const [retiring, changes] = await Promise.all([api("/api/models?retiring=true&limit=100"), api("/api/events?kind=CHANGED&limit=50")]);
    const items = retiring.models.map(m => el("li", { "data-model": m.providerId + "/" + m.modelId },
      el("b", {}, m.providerId + "/" + m.modelId), " ", badge(retiringText(m), "retiring")));
    document.getElementById("retiring").replaceChildren(...(items.length ? items : [el("li", { class: "when none" }, "none")]));
    const changed = changes.map(e => el("li", { "data-model": e.providerId + "/" + e.modelId },
      el("span", { class: "kind CHANGED" }, "CHANGED"), " ", el("span", { class: "when" }, ago(e.at)), " ",
      el("b", {}, e.providerId + "/" + e.modelId), " ",
      el("span", { class: "changes" }, Object.entries((e.detail && e.detail.changes) || {}).map(([f, c]) => changeText(f, c)).join("; "))));
    document.getElementById("changes").replaceChildren(...(changed.length ? changed : [el("li", { class: "when none" }, "no changes yet")]));
    document.body.dataset.historyLoaded = "true";
  } catch (e) {
    document.getElementById("error").textContent = "Could not load: " + e.message;
  }
}

document.getElementById("history-close").addEventListener("click", () => { document.getElementById("history-section").hidden = true; });
refreshHistory();
setInterval(refreshHistory, 30000);

for (const event of ["input", "change"]) {
  document.getElementById("filters").addEventListener(event, () => { state.offset = 0; loadModels(); });
}
document.getElementById("filters").addEventListener("submit", e => e.preventDefault());
document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadModels(); });
document.getElementById("next").addEventListener("click", () => { state.offset += PAGE_SIZE; loadModels(); });
refresh();
setInterval(refresh, 30000);

// Webhook notifications: the undelivered (PENDING) and the given-up (DEAD) ones, newest first.
// Self-contained: its own loading and refresh, so the rest of the page does not depend on it.
async function refreshNotifications() {
  const list = document.getElementById("notifications");
  try {
    const [pending, dead] = await Promise.all([api("/api/notifications?status=PENDING&limit=50"),
      api("/api/notifications?status=DEAD&limit=50")]);
    const items = dead.concat(pending).map(n => el("li", { "data-id": n.id, class: "notification " + n.status.toLowerCase() },
      badge(n.status, n.status === "DEAD" ? "failed" : "old"), " ", el("b", {}, n.kind), " ",
      (n.payload && n.payload.text) || "", " ",
      el("span", { class: "when" }, "queued " + ago(n.createdAt) + ", " + n.attempts + " attempts" +
        (n.lastError ? " — " + n.lastError : ""))));
    list.replaceChildren(...(items.length ? items : [el("li", { class: "when none" }, "none waiting or dead")]));
  } catch (e) {
    list.replaceChildren(el("li", { class: "when" }, "Could not load notifications: " + e.message));
  }
}
refreshNotifications();
setInterval(refreshNotifications, 30000);

// A link may name a model (the Atom feed's entries do): /?provider=P&model=M opens its history.
const linked = new URLSearchParams(location.search);
if (linked.get("provider") && linked.get("model")) showHistory(linked.get("provider"), linked.get("model"));

// Webhook receivers: each configured URL (no credentials or query), ACTIVE or GONE (it answered 410),
// its last delivery and error, and its counts. Self-contained, like the notifications.
async function refreshWebhooks() {
  const body = document.querySelector("#webhooks tbody");
  try {
    const receivers = await api("/api/webhooks");
    const rows = receivers.map(r => el("tr", { "data-url": r.url, class: "webhook " + r.state.toLowerCase() },
      el("td", { class: "url wrap" }, r.url),
      el("td", { class: "state" }, badge(r.state, r.state === "GONE" ? "failed" : "ok")),
      el("td", { class: "last-delivery" }, r.lastDeliveryAt ? ago(r.lastDeliveryAt) : "never"),
      el("td", { class: "delivered" }, num(r.delivered)),
      el("td", { class: "retried" }, num(r.retried)),
      el("td", { class: "dead" }, num(r.dead)),
      el("td", { class: "last-error wrap" }, r.lastError ? el("span", { class: "failed-reason" }, r.lastError + " (" + ago(r.lastErrorAt) + ")") : "")));
    body.replaceChildren(...(rows.length ? rows
      : [el("tr", {}, el("td", { colspan: 7, class: "when" }, "no webhook configured (GHOST_WEBHOOK_URLS)"))]));
    document.body.dataset.webhooksLoaded = "true";
  } catch (e) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 7, class: "when" }, "Could not load webhooks: " + e.message)));
  }
}
refreshWebhooks();
setInterval(refreshWebhooks, 30000);
