"""The ACLED/PLOVER/CAMEO mapping table."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.events.taxonomy import load_taxonomy

ACLED = {
    "Battles": [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}


def test_taxonomy_has_acled_types_and_subtypes_exactly() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.version == "acled.v1"
    assert set(taxonomy.event_types) == set(ACLED)
    assert {name: sub.event_type for name, sub in taxonomy.sub_types.items()} == {
        sub: event_type for event_type, subs in ACLED.items() for sub in subs
    }


def test_taxonomy_maps_every_subtype_to_plover() -> None:
    taxonomy = load_taxonomy()
    assert all(sub.plover for sub in taxonomy.sub_types.values())
    assert taxonomy["Shelling/artillery/missile attack"].cameo == "194"
    assert taxonomy["Peaceful protest"].plover == "PROTEST"


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("ART_MISS_ATTACK", "Shelling/artillery/missile attack"),
        ("ABDUCT_DISSAP", "Abduction/forced disappearance"),
        ("DIPLO", None),
        ("ORG_CRIME", None),
    ],
)
def test_taxonomy_case2021_labels(label: str, name: str | None) -> None:
    sub = load_taxonomy().by_case2021(label)
    assert (None if sub is None else sub.name) == name


def test_taxonomy_rejects_unknown_event_type(tmp_path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: x\nevent_types: [Battles]\nsub_event_types:\n  - {name: A, event_type: Riots}\n"
    )
    with pytest.raises(
        InputError, match="bad.yaml: sub_event_types\\[0\\]: unknown event_type 'Riots'"
    ):
        load_taxonomy(path)
