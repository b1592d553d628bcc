// The Leaflet map: offline country borders (or online tiles), clustered event markers.

import { admin1Layer } from "./admin1.js";

const L = window.L;

/** Colors per ACLED event type; other types get a stable color from their name. */
export const TYPE_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2471a3",
  "Riots": "#d4ac0d",
  "Strategic developments": "#17a589",
};

export function typeColor(type) {
  if (TYPE_COLORS[type]) return TYPE_COLORS[type];
  let h = 0;
  for (const ch of type || "") h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h} 55% 42%)`;
}

/** Marker radius in pixels: grows with the square root of the death toll. */
export const radius = (fatalities) => 6 + 3 * Math.sqrt(Math.max(0, fatalities || 0));

export async function createMap(el, config) {
  const map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1, maxZoom: 18 }).setView([30, 20], 2);
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 18, attribution: config.tiles_attribution || "" }).addTo(map);
  }
  // The offline basemap is drawn while the events load, not before (issue 17: first paint
  // <= 1 s): `basemap` settles once it is drawn.
  const basemap = config.tiles ? Promise.resolve() : offlineBasemap(el, map);
  const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon });
  map.addLayer(clusters);
  return { map, clusters, byId: new Map(), basemap };
}

async function offlineBasemap(el, map) {
  el.classList.add("offline");
  const topo = await fetch("/static/vendor/world-atlas/countries-110m.json").then((r) => r.json());
  const land = window.topojson.feature(topo, topo.objects.countries);
  L.geoJSON(land, {
    pane: "tilePane", interactive: false,  // under the admin-1 lines (admin1.js)
    style: { color: "#8a8f98", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map);
  map.attributionControl.addAttribution("Borders: Natural Earth · Towns: GeoNames");
  placeLabels(map);
  admin1Layer(map);
}

/** The most frequent event type among a cluster's markers (ties: the first name in order). */
export function dominantType(markers) {
  const counts = new Map();
  for (const m of markers) counts.set(m.options.eventType, (counts.get(m.options.eventType) ?? 0) + 1);
  let best = null;
  for (const [type, n] of counts) {
    if (best === null || n > counts.get(best) || (n === counts.get(best) && String(type) < String(best))) best = type;
  }
  return best;
}

/** Bubble diameter in pixels for a cluster of `n` events (the size legend uses it too). */
export const clusterSize = (n) => Math.round(24 + 10 * Math.log10(Math.max(1, n)));

/** A cluster bubble coloured by its dominant event type, its size growing with its count. */
function clusterIcon(cluster) {
  const n = cluster.getChildCount();
  const type = dominantType(cluster.getAllChildMarkers());
  const size = clusterSize(n);
  const el = document.createElement("div");
  el.className = "ew-cluster";
  el.style.background = typeColor(type);
  el.style.width = el.style.height = `${size}px`;
  el.dataset.dominant = type ?? "";
  el.dataset.count = String(n);
  el.title = `${n} events, mostly ${type}`;
  el.textContent = String(n);
  return L.divIcon({ html: el, className: "ew-cluster-icon", iconSize: L.point(size, size) });
}

/** Names of the largest towns in view (zoom 4 and closer), so the offline map says where it is. */
function placeLabels(map) {
  const layer = L.layerGroup().addTo(map);
  let asked = 0;
  const refresh = async () => {
    const ask = ++asked;
    if (map.getZoom() < 4) { layer.clearLayers(); return; }
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(3);
    const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].join(",");
    const limit = Math.min(60, 8 * (map.getZoom() - 2));
    const body = await fetch(`/api/places?bbox=${bbox}&limit=${limit}`).then((r) => r.json()).catch(() => null);
    if (ask !== asked || !body?.places) return;
    layer.clearLayers();
    const placed = [];  // largest first: a smaller town whose name would overlap one shown is left out
    for (const p of body.places) {
      const at = map.latLngToContainerPoint([p.lat, p.lon]);
      const width = 7 * p.name.length + 10;
      if (placed.some((q) => Math.abs(q.y - at.y) < 14 && at.x < q.x + q.width && q.x < at.x + width)) continue;
      placed.push({ x: at.x, y: at.y, width });
      const label = document.createElement("span");
      label.textContent = p.name;
      label.dataset.population = String(p.population);
      const icon = L.divIcon({ html: label, className: "ew-place-label", iconSize: null, iconAnchor: [-4, 8] });
      L.marker([p.lat, p.lon], { icon, interactive: false, keyboard: false }).addTo(layer);
      L.circleMarker([p.lat, p.lon], { radius: 2, color: "#555", weight: 1, fillOpacity: 1, interactive: false }).addTo(layer);
    }
  };
  map.on("moveend", refresh);
  refresh();
}

/** Replace the markers with one per located row (an /api/markers row); `onPick(id)` on click. */
export function showMarkers(view, rows, onPick) {
  view.clusters.clearLayers();
  view.byId.clear();
  const markers = [];
  for (const p of rows) {
    if (p.latitude === null || p.longitude === null) continue;
    const m = L.circleMarker([p.latitude, p.longitude], {
      radius: radius(p.fatalities),
      color: "#222", weight: 1, fillColor: typeColor(p.event_type), fillOpacity: 0.85,
      className: "ew-marker", eventType: p.event_type,
    });
    // Built when first shown, not for each of 2,500 markers at every refresh (issue 17).
    m.bindTooltip(() => tooltip(p), { direction: "top" });
    m.on("click", () => onPick(p.id));
    view.byId.set(p.id, m);
    markers.push(m);
  }
  view.clusters.addLayers(markers);
  return markers.length;
}

/** Show event `id`'s marker; `coveredRight` pixels of the map's right side are hidden (by
 *  the evidence view), so the marker is centred in the part that stays visible.
 *
 *  Zooms in just past the deepest cluster holding the marker (``__parent._zoom``, the
 *  markercluster 1.5 tree); ``zoomToShowLayer``/``getVisibleParent`` are not used: they
 *  look for an ``_icon``, which circle markers never have. */
export function focusEvent(view, id, { coveredRight = 0 } = {}) {
  const m = view.byId.get(id);
  if (!m) return;
  const map = view.map;
  const unclustered = Math.round(m.__parent?._zoom ?? map.getZoom()) + 1;
  const zoom = Math.max(map.getZoom(), Math.min(unclustered, 7));  // 7: the region stays in view
  const shift = coveredRight > 0 && map.getSize().x - coveredRight > 80 ? coveredRight / 2 : 0;
  map.setView(map.unproject(map.project(m.getLatLng(), zoom).add([shift, 0]), zoom), zoom, { animate: false });
  // The cluster group adds the marker itself once it splits the cluster (animated).
  const open = () => m.openTooltip();
  if (map.hasLayer(m)) { open(); return; }
  m.once("add", open);
  setTimeout(() => m.off("add", open), 1000);
  // Events at one point (a village placed at its neighbour's point, issue 16) never split by
  // zooming: fan that cluster out so the marker itself shows.
  setTimeout(() => {
    if (map.hasLayer(m)) return;
    const parent = view.clusters.getVisibleParent(m);
    if (parent && parent !== m && typeof parent.spiderfy === "function") parent.spiderfy();
  }, 300);
}

export function fitAll(view) {
  const b = view.clusters.getBounds();
  // Not animated: a zoom animation still running would undo a focusEvent made meanwhile.
  if (b.isValid()) view.map.fitBounds(b.pad(0.3), { maxZoom: 7, animate: false });
}

/** A marker's tooltip as DOM nodes: every value is text, never HTML (issue 17). */
function tooltip(p) {
  const tip = document.createElement("div");
  tip.className = "ew-tip";
  tip.append(`${p.event_date ?? "undated"} · ${p.event_type}`, document.createElement("br"),
    `${p.location_name ?? ""}${p.fatalities ? ` · ${p.fatalities} killed` : ""}`);
  return tip;
}
