"""Locating an event: attached place, list of localities, near/region precision, fallbacks."""

from __future__ import annotations

import pytest

from eventwire.events.location import article_focus, locate, precision_of
from eventwire.records import Place, Span


def _place(
    text: str, name: str, *, code: str | None = "PPL", gid: int | None = 1, role: str = "event"
) -> Place:
    start = text.index(name)
    return Place(
        Span.of(text, start, start + len(name)), gid, name, 1.0, 2.0, "SY", None, code, 0.9, role
    )


def _locate(nlp, text: str, trigger: str, places: list[Place], focus: Place | None = None):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return locate(token, token.sent, text, places, focus)


def test_locate_list_of_localities_after_one_preposition(nlp_fr) -> None:
    text = (
        "Les obus sont tombés sur les localités de Hajin, de Soussa et d'al-Baghouz, selon l'armée."
    )
    places = [_place(text, n, gid=i) for i, n in enumerate(["Hajin", "Soussa", "al-Baghouz"])]
    found = _locate(nlp_fr, text, "tombés", places)
    assert [p.mention.text for p in found.places] == ["Hajin", "Soussa", "al-Baghouz"]
    assert found.precision == 1


@pytest.mark.parametrize(
    ("text", "trigger", "name", "precision"),
    [
        ("Des hommes armés ont attaqué un poste près de Gao.", "attaqué", "Gao", 2),
        ("Gunmen attacked a checkpoint near Kidal on Sunday.", "attacked", "Kidal", 2),
        ("Militants shelled Idlib overnight.", "shelled", "Idlib", 1),
        ("Des combats ont eu lieu à Kobané.", "combats", "Kobané", 1),
    ],
)
def test_locate_attached_place_and_precision(
    nlp_fr, nlp_en, text, trigger, name, precision
) -> None:
    nlp = nlp_fr if any(c in text for c in "éèà") or text.startswith("Des") else nlp_en
    found = _locate(nlp, text, trigger, [_place(text, name)])
    assert (found.places[0].mention.text, found.precision) == (name, precision)


def test_locate_prefers_impact_over_origin(nlp_fr) -> None:
    text = "Depuis Al-Tanf, les rebelles ont tiré des roquettes sur Deir ez-Zor."
    places = [_place(text, "Al-Tanf", gid=1), _place(text, "Deir ez-Zor", gid=2)]
    assert [p.name for p in _locate(nlp_fr, text, "tiré", places).places] == ["Deir ez-Zor"]


def test_locate_region_only_is_precision_3(nlp_en) -> None:
    text = "Troops clashed with rebels in Anbar province."
    found = _locate(nlp_en, text, "clashed", [_place(text, "Anbar", code="ADM1")])
    assert found.precision == 3


def test_locate_ignores_context_places_and_falls_back_to_focus(nlp_en) -> None:
    text = "A bomb exploded at Damascus University."
    focus = Place(Span("Homs", 100, 104), 7, "Homs", 1.0, 2.0, "SY", None, "PPLA", 0.9)
    found = _locate(nlp_en, text, "exploded", [_place(text, "Damascus", role="in_name")], focus)
    assert found.places == (focus,)
    assert found.precision == 2


def test_locate_keeps_unresolved_place(nlp_en) -> None:
    text = "Gunmen attacked the village of Tell Mozan."
    found = _locate(nlp_en, text, "attacked", [_place(text, "Tell Mozan", gid=None, code=None)])
    assert found.places[0].geonameid is None and found.places[0].mention.text == "Tell Mozan"


def test_locate_nothing_without_places(nlp_en) -> None:
    assert _locate(nlp_en, "Gunmen attacked a bus.", "attacked", []) is None


def test_article_focus_most_mentioned_resolved_place() -> None:
    text = "Gao, Kidal, Gao, Tombouctou"
    places = [
        Place(Span.of(text, 0, 3), 1),
        Place(Span.of(text, 5, 10), 2),
        Place(Span.of(text, 12, 15), 1),
        Place(Span.of(text, 17, 27), None),
    ]
    assert article_focus(places).geonameid == 1


@pytest.mark.parametrize(
    ("code", "rank", "expected"), [("PPL", 0, 1), ("PPL", 1, 2), ("ADM2", 0, 3), ("PCLI", 0, 3)]
)
def test_precision_of(code: str, rank: int, expected: int) -> None:
    assert precision_of(Place(Span("x", 0, 1), 1, feature_code=code), rank) == expected


def _region(text: str, name: str, *, gid: int, admin1: str | None = None) -> Place:
    start = text.index(name)
    code = "ADM1" if admin1 else "PCLI"
    return Place(
        Span.of(text, start, start + len(name)), gid, name, 1.0, 2.0, "SY", admin1, code, 0.9
    )


def test_locate_region_in_brackets_only_situates_the_struck_place(nlp_fr) -> None:
    text = "Des hommes armés ont attaqué le village de Kafr Alpha (Nord-Ouest) dimanche."
    places = [_place(text, "Kafr Alpha", gid=1), _region(text, "Nord-Ouest", gid=2, admin1="07")]
    found = _locate(nlp_fr, text, "attaqué", places)
    assert [p.mention.text for p in found.places] == ["Kafr Alpha"]


def test_locate_enumeration_of_struck_places_without_the_unit_holding_them(nlp_fr) -> None:
    text = "Des roquettes sont tombées sur Kafr Alpha, Tell Beta et Hameau Gamma, en Syrie."
    names = ["Kafr Alpha", "Tell Beta", "Hameau Gamma"]
    places = [_place(text, n, gid=i) for i, n in enumerate(names, start=1)]
    found = _locate(nlp_fr, text, "tombées", [*places, _region(text, "Syrie", gid=9)])
    assert [p.mention.text for p in found.places] == names


def _unresolved(text: str, name: str) -> Place:
    start = text.index(name)
    return Place(Span.of(text, start, start + len(name)))


def test_locate_headline_country_refined_by_the_town_the_lead_names(nlp_fr) -> None:
    text = (
        "Des affrontements au Pays Alpha\nLes combats ont eu lieu mardi à Bourg Beta, dit l'armée."
    )
    places = [_region(text, "Pays Alpha", gid=9), _place(text, "Bourg Beta", gid=2)]
    found = _locate(nlp_fr, text, "affrontements", places)
    assert [p.mention.text for p in found.places] == ["Bourg Beta"]
    assert found.precision == 2


def test_locate_country_kept_when_the_town_is_another_paragraph_away(nlp_en) -> None:
    text = (
        "Officials said.\nFighting broke out in Alphaland on Monday, the army said.\n"
        "Separately, aid reached Beta Town."
    )
    places = [_region(text, "Alphaland", gid=9), _place(text, "Beta Town", gid=2)]
    assert [p.mention.text for p in _locate(nlp_en, text, "Fighting", places).places] == [
        "Alphaland"
    ]


def test_locate_country_kept_when_the_line_names_villages_it_could_not_resolve(nlp_en) -> None:
    text = "Gunmen abducted 20 people from Kafr Alpha in Alphaland. Beta Town held a vigil."
    places = [
        _unresolved(text, "Kafr Alpha"),
        _region(text, "Alphaland", gid=9),
        _place(text, "Beta Town", gid=2),
    ]
    found = _locate(nlp_en, text, "abducted", places)
    assert "Beta Town" not in [p.mention.text for p in found.places]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the ministry sits in Nablus: the wounded were elsewhere (the focus)
        ("The health ministry in Nablus said six people had been wounded.", "wounded", "Homs"),
        ("Officials in Kabul said a bomb killed four people in Herat.", "killed", "Herat"),
        # gunmen in Kabul are no speakers: they fired there
        ("Gunmen in Kabul opened fire on a bus, killing four people.", "killing", "Kabul"),
    ],
)
def test_locate_a_speakers_seat_is_no_event_place(nlp_en, text, trigger, expected) -> None:
    focus = Place(Span("Homs", 100, 104), 7, "Homs", 1.0, 2.0, "SY", None, "PPLA", 0.9)
    names = [n for n in ("Nablus", "Kabul", "Herat") if n in text]
    places = [_place(text, n, gid=i) for i, n in enumerate(names)]
    doc = nlp_en(text)
    token = next(t for t in doc if t.text == trigger)
    found = locate(token, token.sent, text, places, focus, speech=frozenset({"say"}))
    assert found.places[0].mention.text == expected


@pytest.mark.parametrize(
    ("nlp_name", "text", "trigger", "expected"),
    [
        ("fr", "La Russie a frappé la région de Kharkiv dans la nuit.", "frappé", "Kharkiv"),
        ("en", "Israel struck Gaza City on Monday, killing ten people.", "struck", "Gaza City"),
        # alone, the subject is the place the act befell
        ("en", "Kidal fell to the rebels on Monday.", "fell", "Kidal"),
    ],
)
def test_locate_the_subject_that_struck_is_no_place(
    nlp_fr, nlp_en, nlp_name, text, trigger, expected
) -> None:
    # all towns: no country holds the other place
    names = [n for n in ("Russie", "Kharkiv", "Israel", "Gaza City", "Kidal") if n in text]
    places = [_place(text, n, gid=i) for i, n in enumerate(names)]
    found = _locate(nlp_fr if nlp_name == "fr" else nlp_en, text, trigger, places)
    assert found.places[0].mention.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "nlp_name"),
    [
        ("Gunmen ambushed a patrol near the border with Chad on Friday.", "ambushed", "en"),
        ("Des hommes armés ont tendu une embuscade à la frontière avec le Tchad.", "tendu", "fr"),
    ],
)
def test_locate_the_country_across_a_border_is_no_event_place(
    nlp_fr, nlp_en, text, trigger, nlp_name
) -> None:
    # the patrol was on this side of the border: the article's focus, never the country across
    nlp = nlp_en if nlp_name == "en" else nlp_fr
    across = _place(text, "Tchad" if nlp_name == "fr" else "Chad", code="PCLI", gid=5)
    focus = Place(Span("Maroua", 300, 306), 7, "Maroua", 1.0, 2.0, "CM", None, "PPLA", 0.9)
    found = _locate(nlp, text, trigger, [across], focus)
    assert found.places == (focus,)
    assert found.precision == 2


def test_locate_keeps_the_country_across_a_border_when_nothing_else_places_it(nlp_en) -> None:
    text = "Gunmen ambushed a patrol near the border with Chad on Friday."
    across = _place(text, "Chad", code="PCLI", gid=5)
    assert _locate(nlp_en, text, "ambushed", [across]).places == (across,)


def test_article_focus_is_never_the_country_across_a_border() -> None:
    text = "near the border with Chad, in Maroua"
    chad = Place(Span.of(text, 21, 25), 5, feature_code="PCLI")
    maroua = Place(Span.of(text, 30, 36), 7, feature_code="PPLA")
    assert article_focus([chad, maroua], text).geonameid == 7
    assert article_focus([chad, maroua]).geonameid == 5  # without the text: the earliest


def _at(text: str, name: str, gid: int, code: str, lat: float, lon: float) -> Place:
    start = text.index(name)
    return Place(Span.of(text, start, start + len(name)), gid, name, lat, lon, "BF", None, code)


@pytest.mark.parametrize(
    ("text", "town", "lat", "expected"),
    [
        # the capital lies south of the country's point: not in its north
        (
            "Gunmen killed ten people in northern Burkina. In Ouaga, officials spoke.",
            "Ouaga",
            12.0,
            3,
        ),
        (
            "Des tireurs ont tué dix civils dans le nord du Burkina. À Ouaga, le ministre a parlé.",
            "Ouaga",
            12.0,
            3,
        ),
        # a town in the north does say where in the north
        (
            "Gunmen killed ten people in northern Burkina. In Djibou, officials spoke.",
            "Djibou",
            14.0,
            2,
        ),
    ],
)
def test_locate_a_compass_part_of_a_country_is_refined_only_on_its_side(
    nlp_fr, nlp_en, text, town, lat, expected
) -> None:
    nlp = nlp_en if text.startswith("Gunmen") else nlp_fr
    country = _at(text, "Burkina", 1, "PCLI", 12.5, -1.5)
    found = _locate(
        nlp,
        text,
        "killed" if nlp is nlp_en else "tué",
        [country, _at(text, town, 2, "PPL", lat, -1.5)],
    )
    assert found.precision == expected
    assert found.places[0].geonameid == (1 if expected == 3 else 2)


@pytest.mark.parametrize(("lat", "expected_gid"), [(14.0, 2), (11.0, 1)])
def test_locate_a_compass_part_of_a_country_is_refined_by_a_division_on_its_side(
    nlp_en, lat, expected_gid
) -> None:
    # "northern Burkina's Soum province": the division says where in the north (precision 3)
    text = "Gunmen killed ten people in northern Burkina's Soum province on Sunday."
    country = _at(text, "Burkina", 1, "PCLI", 12.5, -1.5)
    found = _locate(nlp_en, text, "killed", [country, _at(text, "Soum", 2, "ADM1", lat, -1.5)])
    assert found.places[0].geonameid == expected_gid
    assert found.precision == 3
