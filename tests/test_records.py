"""Records serialize to the output contract and stay frozen."""

from __future__ import annotations

import dataclasses

import jsonschema
import pytest

from eventwire.records import Actor, Article, Attribution, Event, Place, Result, Span

TEXT = "Selon Sumaria News, les Hachd ont tiré des missiles sur al-Soussa dimanche."


def _span(word: str) -> Span:
    start = TEXT.index(word)
    return Span.of(TEXT, start, start + len(word))


def _result() -> Result:
    soussa = Place(_span("al-Soussa"), 163345, "As Sūsah", 34.43, 40.92, "SY", "07", "PPL", 0.8)
    unresolved = Place(_span("Hachd"))
    pmf = Actor(_span("Hachd"), "Popular Mobilization Forces", "armed_group", "IQ")
    event = Event(
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        trigger=_span("tiré"),
        sentence=Span.of(TEXT, 0, len(TEXT)),
        actor1=pmf,
        location=soussa,
        attribution=(Attribution("Sumaria News", _span("Sumaria News")),),
        modality="claimed",
        date="2018-11-11",
        date_precision="day",
        date_evidence=_span("dimanche"),
        confidence=1.7,
    )
    return Result(
        Article("x", TEXT, language="fr"),
        places=(soussa, unresolved),
        actors=(pmf,),
        events=(event,),
    )


def test_records_result_validates_against_schema(schema: dict) -> None:
    jsonschema.validate(_result().to_dict(), schema)


def test_records_unresolved_place_is_null_not_zero() -> None:
    place = _result().to_dict()["places"][1]
    assert (place["geonameid"], place["lat"], place["lon"]) == (None, None, None)


def test_records_confidence_is_clamped_to_unit_interval() -> None:
    assert _result().to_dict()["events"][0]["confidence"] == 1.0


def test_records_span_of_cuts_the_text() -> None:
    assert _span("al-Soussa") == Span(
        "al-Soussa", TEXT.index("al-Soussa"), TEXT.index("al-Soussa") + 9
    )


def test_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        _result().article.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("modality", ["denied", "planned", "hypothetical"])
def test_records_unrealized_events_did_not_happen(modality: str) -> None:
    event = dataclasses.replace(_result().events[0], modality=modality)
    assert not event.happened


def test_place_contains_by_country_and_admin1_codes() -> None:
    span = Span("x", 0, 1)
    syria = Place(span, 163843, "Syria", country_code="SY", feature_code="PCLI")
    aleppo_gov = Place(span, 170062, "Aleppo", country_code="SY", admin1="09", feature_code="ADM1")
    aleppo = Place(span, 170063, "Aleppo", country_code="SY", admin1="09", feature_code="PPLA")
    homs = Place(span, 169577, "Homs", country_code="SY", admin1="11", feature_code="PPLA")
    mosul = Place(span, 99072, "Mosul", country_code="IQ", admin1="15", feature_code="PPLA")
    assert syria.contains(aleppo) and syria.contains(homs) and not syria.contains(mosul)
    assert aleppo_gov.contains(aleppo) and not aleppo_gov.contains(homs)
    assert not aleppo.contains(aleppo_gov)  # a town contains nothing
