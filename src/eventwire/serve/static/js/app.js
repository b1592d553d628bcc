// The analyst's page: filters → map, list and timeline; a click opens the evidence view.
import { allMarkers, getJSON, postExtract, query } from "./api.js";
import { fillLegend, renderHighlighted, spansOfEvent, spansOfResult } from "./highlight.js";
import { startLive } from "./live.js";
import { clusterSize, createMap, fitAll, focusEvent, radius, showMarkers, typeColor, TYPE_COLORS } from "./map.js";
import { renderReports } from "./reports.js";
import { createTimeline } from "./timeline.js";
import { createTable } from "./table.js";
import { drawWeekly } from "./weekly.js";

const $ = (id) => document.getElementById(id);
const state = {
  filters: {}, brush: null, cursor: null, view: null, timeline: null, lastFocus: null, generation: 0, openId: null,
};
/** ACLED geo_precision, as the evidence view states it. */
const PRECISION = { 1: "the place itself", 2: "near the place, or part of it", 3: "a region: somewhere in it" };
/** Form fields that live in the address bar, with `from`/`to` (the brush wins), `bbox` and `event`. */
const FIELDS = ["event_type", "country", "source", "modality", "actor", "q", "from", "to", "min_fatalities"];

/** Current filters (form + brush + optional map bbox) as API query params. */
function params({ withDates = true } = {}) {
  const f = new FormData($("filters"));
  const p = {};
  for (const name of ["event_type", "country", "source", "actor", "q", "min_fatalities"]) {
    const v = String(f.get(name) ?? "").trim();
    if (v) p[name] = v;
  }
  const modality = f.get("modality");
  if (modality === "*") p.include_unrealized = true;
  else if (modality) p.modality = modality;
  if (withDates) {
    const from = state.brush?.from || f.get("from");
    const to = state.brush?.to || f.get("to");
    if (from) p.from = from;
    if (to) p.to = to;
  }
  if ($("f-inview").checked && state.view) {
    const b = state.view.map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(4);
    p.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
              clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].join(",");
  }
  return p;
}

function fillSelect(select, values, keep) {
  const first = select.options[0];
  // A value from a shared link that this database lacks (?country=KE) stays chosen: 0 events, not all.
  const all = keep && !values.includes(keep) ? [...values, keep] : values;
  select.replaceChildren(first, ...all.map((v) => new Option(v, v)));
  select.value = keep ?? "";
}

/** The page's state as a query string: every filter, the dates, the map box, the open event. */
function urlQuery() {
  const f = new FormData($("filters"));
  const u = new URLSearchParams();
  for (const name of FIELDS) {
    const v = String(f.get(name) ?? "").trim();
    if (v) u.set(name, v);
  }
  if (state.brush) { u.set("from", state.brush.from); u.set("to", state.brush.to); }
  const p = params();
  if (p.bbox) u.set("bbox", p.bbox);
  if (state.openId) u.set("event", state.openId);
  return u.toString();
}

/** Record the state in history (push: a step back/forward can return to; replace: a map move). */
function saveUrl({ replace = false } = {}) {
  const qs = urlQuery();
  if (qs === location.search.slice(1)) return;
  history[replace ? "replaceState" : "pushState"](null, "", qs ? `?${qs}` : location.pathname);
}

/** Put a query string's state into the form; return the event id it opens (or null). */
function restoreUrl(search) {
  const u = new URLSearchParams(search);
  const form = $("filters");
  for (const name of FIELDS) {
    const input = form.elements.namedItem(name);
    const v = u.get(name) ?? "";
    if (input.tagName === "SELECT" && v && ![...input.options].some((o) => o.value === v)) input.add(new Option(v, v));
    input.value = v;
  }
  clearBrush();
  const box = (u.get("bbox") ?? "").split(",").map(Number);
  const boxed = box.length === 4 && box.every(Number.isFinite);
  $("f-inview").checked = boxed;
  if (boxed) state.view.map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { animate: false });
  return { id: u.get("event"), boxed };
}

function clearBrush() {
  state.brush = null;
  state.timeline?.clear();
  $("brush-label").textContent = "";
  $("clear-brush").hidden = true;
}

/** Point the download links at every event the current filters match. */
function setDownloads(p) {
  $("dl-csv").href = `/api/export?${query({ ...p, format: "csv" })}`;
  $("dl-geojson").href = `/api/export?${query({ ...p, format: "geojson" })}`;
  $("dl-parquet").href = `/api/export?${query({ ...p, format: "parquet" })}`;
}

async function refreshStats() {
  const stats = await getJSON("/api/stats", params({ withDates: false }));
  fillSelect($("f-type"), stats.facets.event_types, $("f-type").value);
  fillSelect($("f-country"), stats.facets.countries, $("f-country").value);
  fillSelect($("f-source"), stats.facets.sources, $("f-source").value);
  const unit = state.timeline.set(stats.by_day);
  $("timeline-bin").textContent = `(events per ${unit})`;
  drawTypeLegend(stats.facets.event_types);
}

/** What marker and bubble sizes mean: killed per event, events per bubble. */
function drawSizeLegend() {
  const NS = "http://www.w3.org/2000/svg";
  const circle = (killed) => {
    const r = radius(killed);
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", String(2 * r + 2));
    svg.setAttribute("height", String(2 * r + 2));
    const c = document.createElementNS(NS, "circle");
    for (const [k, v] of [["cx", r + 1], ["cy", r + 1], ["r", r], ["fill", "#bbb"], ["stroke", "#222"]]) c.setAttribute(k, String(v));
    svg.append(c);
    const span = document.createElement("span");
    span.className = "size-killed";
    span.append(svg, ` ${killed}`);
    return span;
  };
  const bubble = (n) => {
    const b = document.createElement("span");
    b.className = "ew-cluster";
    b.style.width = b.style.height = `${clusterSize(n)}px`;
    b.textContent = String(n);
    return b;
  };
  $("legend-sizes").replaceChildren("Marker size: killed", circle(0), circle(5), circle(25),
    " · Bubbles: events, coloured by their most frequent type", bubble(2), bubble(20), bubble(200));
}

function drawTypeLegend(types) {
  const known = [...new Set([...Object.keys(TYPE_COLORS), ...types])].filter((t) => types.includes(t));
  $("legend-types").replaceChildren(...known.map((t) => {
    const s = document.createElement("span");
    const dot = document.createElement("i");
    dot.style.background = typeColor(t);
    s.append(dot, t);
    return s;
  }));
}

async function refreshEvents({ refit = false } = {}) {
  const p = params();
  const generation = ++state.generation;  // a newer refresh (filter, map move) wins
  // Markers, counts and the list's first page are asked for at once. The markers and the
  // list are shown as soon as they come; the counts fill in when theirs does, so a paint
  // never waits for the slowest answer (issue 17: first paint <= 1 s, round trip <= 300 ms).
  const counted = getJSON("/api/stats", p);
  $("counts").textContent = "counting…";
  const [{ rows, truncated }, firstPage] = await Promise.all(
    [allMarkers(p), getJSON("/api/events", { ...p, limit: 100 })]);
  if (generation !== state.generation) return;
  setDownloads(p);
  state.table.set(rows);
  $("table-count").textContent = `(${rows.length}${truncated ? ", the first 2,500" : ""})`;
  const placed = showMarkers(state.view, rows, openEvidence);
  if (refit) fitAll(state.view);
  document.body.dataset.markers = String(placed);
  state.cursor = null;
  $("event-list").replaceChildren();
  showPage(firstPage);
  // Tells a watcher (a browser test, a screen reader script) which refresh the page shows.
  document.body.dataset.shown = String(generation);
  showCounts(await counted, { placed, truncated }, generation);
}

/** The counts line and the weekly chart of refresh `generation`, unless a newer one came. */
function showCounts(stats, { placed, truncated }, generation) {
  if (generation !== state.generation) return;
  state.byWeek = stats.by_week;
  if ($("weekly-wrap").open) drawWeekly($("weekly"), stats.by_week);
  // Real-world events: each counted once, however many outlets reported it (issue 17).
  $("counts").textContent = `${stats.events} events (${stats.reports} reports) · ${stats.articles} articles · ` +
    `${stats.fatalities} killed` +
    ` · ${placed} on the map${truncated ? " (first 2,500)" : ""}`;
  document.body.dataset.counted = String(generation);
}

async function loadList(p = params(), generation = state.generation) {
  const page = await getJSON("/api/events", { ...p, limit: 100, cursor: state.cursor });
  if (generation === state.generation) showPage(page);
}

/** Append a page of the event list and offer the next one. */
function showPage(page) {
  $("event-list").append(...page.events.map(listItem));
  state.cursor = page.next_cursor;
  $("more").hidden = !state.cursor;
  $("list-count").textContent = `(${$("event-list").children.length}${state.cursor ? "+" : ""})`;
}

function listItem(ev) {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.className = "event-item";
  b.dataset.id = ev.id;
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.style.background = typeColor(ev.event_type);
  badge.textContent = ev.sub_event_type || ev.event_type;
  const meta = document.createElement("span");
  meta.className = "meta";
  const range = ev.fatalities_min !== ev.fatalities_max ? ` (${ev.fatalities_min}–${ev.fatalities_max} reported)` : "";
  meta.textContent = [ev.event_date ?? "undated", ev.location_name ?? "no place", ev.country_code,
    ev.fatalities ? `${ev.fatalities} killed${range}` : null,
    ev.reports > 1 ? `${ev.reports} reports` : null, ev.modality !== "asserted" ? ev.modality : null]
    .filter(Boolean).join(" · ");
  const what = document.createElement("span");
  what.className = "what";
  what.textContent = [ev.actor1_name, `“${ev.trigger_text ?? ""}”`, ev.actor2_name].filter(Boolean).join(" ");
  b.append(badge, meta, what);
  b.addEventListener("click", () => openEvidence(ev.id));
  li.append(b);
  return li;
}

function dt(dl, term, value) {
  if (value === null || value === undefined || value === "") return;
  const t = document.createElement("dt");
  t.textContent = term;
  const d = document.createElement("dd");
  d.textContent = value;
  dl.append(t, d);
}

async function openEvidence(id, { save = true } = {}) {
  state.lastFocus = document.activeElement;
  state.openId = id;
  if (save) saveUrl();
  const data = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  const ev = data.event;
  const panel = $("evidence");
  // Beside the map, above the type legend and the timeline, which stay in sight.
  const below = document.querySelector(".main").getBoundingClientRect().bottom - $("legend-types").getBoundingClientRect().top;
  panel.style.setProperty("--ev-bottom", `${Math.max(0, Math.round(below))}px`);
  panel.hidden = false;
  panel.dataset.eventId = id;
  $("ev-title").textContent = `${ev.event_type} — ${ev.sub_event_type}`;
  const toll = data.group_toll;  // a copy of a strike split per place: the group's casualties
  renderHighlighted($("ev-text"), data.article.text, [...spansOfEvent(ev), ...(toll ? spansOfEvent(toll) : [])]);
  const dl = $("ev-record");
  dl.replaceChildren();
  const loc = ev.location;
  dt(dl, "Date", ev.date ? `${ev.date} (${ev.date_precision ?? "?"}${ev.date_from_publication ? ", from publication" : ""})` : "unknown");
  dt(dl, "Where", loc ? `${loc.name ?? loc.text}${loc.country_code ? `, ${loc.country_code}` : ""}` +
    (loc.lat !== null ? ` (${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)})` : " (unresolved)") : "unknown");
  dt(dl, "Precision", ev.geo_precision ? `${PRECISION[ev.geo_precision] ?? "?"} (ACLED ${ev.geo_precision})` : null);
  dt(dl, "GeoNames id", loc?.geonameid);
  dt(dl, "Actor 1", ev.actor1 && `${ev.actor1.name} (${ev.actor1.kind})`);
  dt(dl, "Actor 2", ev.actor2 && `${ev.actor2.name} (${ev.actor2.kind})`);
  const ofGroup = (n) => `${n} (the whole strike, counted once at ${toll.place ?? "its first place"})`;
  dt(dl, "Killed", toll?.fatalities != null ? ofGroup(toll.fatalities) : ev.fatalities);
  dt(dl, "Injured", toll?.injured != null ? ofGroup(toll.injured) : ev.injured);
  dt(dl, "Modality", ev.modality);
  dt(dl, "According to", ev.attribution.map((a) => a.name).join(" ← "));
  dt(dl, "Confidence", ev.confidence);
  dt(dl, "Article", [data.article.title, data.article.source, data.article.published].filter(Boolean).join(" · "));
  renderReports($("ev-cluster"), data.cluster, id, (other) => openEvidence(other));
  $("ev-siblings").replaceChildren(...data.siblings.map((s) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `${s.sub_event_type} · ${s.trigger_text ?? ""} · ${s.location_name ?? "no place"}`;
    if (s.id === id) { b.disabled = true; b.setAttribute("aria-current", "true"); }
    b.addEventListener("click", () => openEvidence(s.id));
    li.append(b);
    return li;
  }));
  const mapBox = $("map").getBoundingClientRect();
  focusEvent(state.view, id, { coveredRight: Math.max(0, mapBox.right - panel.getBoundingClientRect().left) });
  $("ev-close").focus();
  panel.querySelector(".ev-trigger")?.scrollIntoView({ block: "center" });
}

function closeEvidence({ save = true } = {}) {
  $("evidence").hidden = true;
  state.openId = null;
  if (save) saveUrl();
  state.lastFocus?.focus?.();
}

function setupPaste(config) {
  const dlg = $("paste");
  $("open-paste").addEventListener("click", () => dlg.showModal());
  $("paste-close").addEventListener("click", () => dlg.close());
  // Opened from the URL `eventwire serve` printed, the page holds the token in a cookie.
  $("paste-token-label").hidden = !config.token_required || config.token_sent;
  $("paste-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const raw = $("paste-text").value;
    const body = { [$("paste-kind").value]: raw };
    if ($("paste-lang").value) body.language = $("paste-lang").value;
    if ($("paste-published").value) body.published = $("paste-published").value;
    $("paste-status").textContent = "Extracting… (the first call loads the language models)";
    try {
      const result = await postExtract(body, { store: $("paste-store").checked, token: $("paste-token").value });
      renderHighlighted($("paste-text-out"), result.article.text, spansOfResult(result));
      $("paste-events").replaceChildren(...result.events.map((ev) => {
        const li = document.createElement("li");
        li.textContent = `${ev.event_type} / ${ev.sub_event_type}: “${ev.trigger.text}”` +
          (ev.location ? ` at ${ev.location.name ?? ev.location.text}` : "") + (ev.date ? ` on ${ev.date}` : "") +
          (ev.fatalities !== null ? `, ${ev.fatalities} killed` : "");
        return li;
      }));
      $("paste-status").textContent = `${result.events.length} events, ${result.places.length} places, ` +
        `${result.actors.length} actors (language ${result.article.language})` +
        ($("paste-store").checked ? " — saved" : "");
      if ($("paste-store").checked) await Promise.all([refreshStats(), refreshEvents()]);
    } catch (err) {
      $("paste-status").textContent = `Error ${err.status ?? ""}: ${err.message}`;
    }
  });
}

async function main() {
  const config = await getJSON("/api/config");
  fillLegend($("ev-legend"));
  drawSizeLegend();
  state.view = await createMap($("map"), config);
  state.timeline = createTimeline($("timeline"), (range) => {
    state.brush = range;
    $("brush-label").textContent = range ? `${range.from} → ${range.to}` : "";
    $("clear-brush").hidden = !range;
    saveUrl();
    refreshEvents();
  });
  $("clear-brush").addEventListener("click", () => { clearBrush(); saveUrl(); refreshEvents(); });
  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    clearBrush();  // Apply starts from the form's dates: the brush and its label go (issue 17)
    saveUrl();
    refreshStats();
    refreshEvents({ refit: true });
  });
  $("filters").addEventListener("change", (e) => { if (e.target.tagName === "SELECT") $("filters").requestSubmit(); });
  $("filters").addEventListener("reset", () => setTimeout(() => $("filters").requestSubmit()));
  $("more").addEventListener("click", () => loadList());
  $("ev-close").addEventListener("click", () => closeEvidence());
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("evidence").hidden) closeEvidence(); });
  setupPaste(config);
  state.table = createTable($("event-table"), (id) => { $("table-view").close(); openEvidence(id); });
  $("open-table").addEventListener("click", () => { $("table-view").showModal(); state.table.show(); });
  $("table-close").addEventListener("click", () => $("table-view").close());
  $("weekly-wrap").addEventListener("toggle", () => { if ($("weekly-wrap").open) drawWeekly($("weekly"), state.byWeek ?? {}); });
  // The address bar holds every filter, the map box (?bbox=) and the open event (?event=):
  // a copied link reopens the same view; back and forward step through the changes.
  const { id, boxed } = restoreUrl(location.search);
  state.view.map.on("moveend", () => { if ($("f-inview").checked) { saveUrl({ replace: true }); refreshEvents(); } });
  window.addEventListener("popstate", async () => {
    const back = restoreUrl(location.search);
    await Promise.all([refreshStats(), refreshEvents({ refit: !back.boxed })]);
    if (back.id) await openEvidence(back.id, { save: false });
    else if (!$("evidence").hidden) closeEvidence({ save: false });
  });
  // The menus' counts and the events load side by side: the first paint waits for the slower
  // one, not for both in turn (issue 17: first paint <= 1 s at 100,000 events).
  await Promise.all([refreshStats(), refreshEvents({ refit: !boxed })]);
  if (id) await openEvidence(id, { save: false });
  // Alerts link to #event=ID (eventwire watch); new events stored meanwhile are marked (issue 18).
  const linked = new URLSearchParams(location.hash.slice(1)).get("event");
  if (linked && !id) await openEvidence(linked).catch((err) => console.warn("no such event", linked, err));
  startLive({ onNew: () => Promise.all([refreshStats(), refreshEvents()]),
              every: Number(new URLSearchParams(location.search).get("live_ms")) || 30000 });
  await state.view.basemap;
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  $("counts").textContent = `Could not load: ${err.message ?? err}`;
  console.error(err);
  document.body.dataset.ready = "error";
});
