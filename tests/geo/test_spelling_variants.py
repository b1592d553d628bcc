"""Spelling variants of conflict-zone towns resolve to the town in a French sentence (issue 16).

``fixtures/spelling_variants.tsv`` lists French, English and transliterated spellings
(Kobané/Kobani/Ayn al-Arab, Taëz/Taiz/Ta'izz ...) with the town's point; each is put in
"Des affrontements ont eu lieu mardi à X, <pays>." and counts when the resolved place lies
within 50 km. ``python tests/geo/test_spelling_variants.py`` prints the share and the misses.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventwire.geo.features import haversine_km
from eventwire.geo.stage import GeoStage
from eventwire.records import Article, Document

FIXTURE = Path(__file__).parent / "fixtures" / "spelling_variants.tsv"
TOLERANCE_KM = 50.0
#: Issue 16's target; measured 0.987 with the town rows of regions.v2 (0.930 when written).
FLOOR = 0.95


def variants() -> list[dict[str, str]]:
    lines = [
        ln for ln in FIXTURE.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def misses(stage: GeoStage, nlp: object) -> tuple[int, list[str]]:
    rows = variants()
    wrong = []
    for row in rows:
        text = f"Des affrontements ont eu lieu mardi à {row['spelling']}, {row['country']}."
        doc = Document(article=Article(id="v", text=text, language="fr"), nlp=nlp(text))  # type: ignore[operator]
        start = text.index(row["spelling"])
        place = next((p for p in stage(doc).places if p.mention.start == start), None)
        if (
            place is None
            or place.geonameid is None
            or place.lat is None
            or place.lon is None
            or (
                haversine_km(place.lat, place.lon, float(row["lat"]), float(row["lon"]))
                > TOLERANCE_KM
            )
        ):
            wrong.append(f"{row['spelling']} -> {None if place is None else place.name}")
    return len(rows), wrong


def test_spelling_variant_list_is_long_enough():
    rows = variants()
    assert len(rows) >= 150
    assert len({r["country"] for r in rows}) >= 8


@pytest.mark.slow
def test_spelling_variants_resolve_to_the_town(default_gazetteer, nlp_fr):
    total, wrong = misses(GeoStage(default_gazetteer), nlp_fr)
    assert 1 - len(wrong) / total >= FLOOR, wrong


if __name__ == "__main__":
    import spacy

    from eventwire.geo.gazetteer import open_default

    total, wrong = misses(GeoStage(open_default()), spacy.load("fr_core_news_md"))
    print(f"{total - len(wrong)}/{total} = {1 - len(wrong) / total:.3f}")
    print("\n".join(wrong))
