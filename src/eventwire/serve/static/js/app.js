// The analyst's page: filters → map, list and timeline; a click opens the evidence view.
import { allFeatures, getJSON, postExtract } from "./api.js";
import { fillLegend, renderHighlighted, spansOfEvent, spansOfResult } from "./highlight.js";
import { createMap, fitAll, focusEvent, showFeatures, typeColor, TYPE_COLORS } from "./map.js";
import { createTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const state = { filters: {}, brush: null, cursor: null, view: null, timeline: null, lastFocus: null, generation: 0 };

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
  select.replaceChildren(first, ...values.map((v) => new Option(v, v)));
  if (values.includes(keep)) select.value = keep;
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
  const [{ features, truncated }, stats] = await Promise.all([allFeatures(p), getJSON("/api/stats", p)]);
  if (generation !== state.generation) return;
  const placed = showFeatures(state.view, features, openEvidence);
  if (refit) fitAll(state.view);
  $("counts").textContent = `${stats.events} events · ${stats.articles} articles · ${stats.fatalities} killed` +
    ` · ${placed} on the map${truncated ? " (first 2,500)" : ""}`;
  document.body.dataset.markers = String(placed);
  state.cursor = null;
  $("event-list").replaceChildren();
  await loadList(p, generation);
  // Tells a watcher (a browser test, a screen reader script) which refresh the page shows.
  if (generation === state.generation) document.body.dataset.shown = String(generation);
}

async function loadList(p = params(), generation = state.generation) {
  const page = await getJSON("/api/events", { ...p, limit: 100, cursor: state.cursor });
  if (generation !== state.generation) return;
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
  meta.textContent = [ev.event_date ?? "undated", ev.location_name ?? "no place", ev.country_code,
    ev.fatalities ? `${ev.fatalities} killed` : null, ev.modality !== "asserted" ? ev.modality : null]
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

async function openEvidence(id) {
  state.lastFocus = document.activeElement;
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

function closeEvidence() {
  $("evidence").hidden = true;
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
  state.view = await createMap($("map"), config);
  state.timeline = createTimeline($("timeline"), (range) => {
    state.brush = range;
    $("brush-label").textContent = range ? `${range.from} → ${range.to}` : "";
    $("clear-brush").hidden = !range;
    refreshEvents();
  });
  $("clear-brush").addEventListener("click", () => { state.timeline.clear(); state.brush = null; $("clear-brush").hidden = true; $("brush-label").textContent = ""; refreshEvents(); });
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); state.brush = null; refreshStats(); refreshEvents({ refit: true }); });
  $("filters").addEventListener("change", (e) => { if (e.target.tagName === "SELECT") $("filters").requestSubmit(); });
  $("filters").addEventListener("reset", () => setTimeout(() => $("filters").requestSubmit()));
  $("more").addEventListener("click", () => loadList());
  $("ev-close").addEventListener("click", closeEvidence);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("evidence").hidden) closeEvidence(); });
  setupPaste(config);
  const initial = new URLSearchParams(location.search);
  for (const [k, v] of initial) { const input = $("filters").elements.namedItem(k); if (input) input.value = v; }
  // ?bbox=minlon,minlat,maxlon,maxlat opens the map on that box, listing only the events in view.
  const box = (initial.get("bbox") ?? "").split(",").map(Number);
  const boxed = box.length === 4 && box.every(Number.isFinite);
  if (boxed) {
    state.view.map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { animate: false });
    $("f-inview").checked = true;
  }
  state.view.map.on("moveend", () => { if ($("f-inview").checked) refreshEvents(); });
  await refreshStats();
  await refreshEvents({ refit: !boxed });
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  $("counts").textContent = `Could not load: ${err.message ?? err}`;
  console.error(err);
  document.body.dataset.ready = "error";
});
