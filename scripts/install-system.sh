#!/usr/bin/env bash
# Install the Debian packages eventwire needs, only those missing (idempotent).
#   postgresql            the tests run the store against a real PostgreSQL server
#   chromium              headless browser for the map tests (Playwright drives it)
#   openjdk-17-jre-headless  Java for Apache Spark (pyspark local mode)
#   nodejs, npm           build step that installs Leaflet & co. from the npm registry
#   libgeonames-common    French/Arabic GeoNames city names for the bundled gazetteer (optional)
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)
[ -f /usr/share/locale/fr/LC_MESSAGES/geonames.mo ] || missing+=(libgeonames-common)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing Debian packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
