"""The ACLED/PLOVER/CAMEO mapping table."""

from __future__ import annotations

from importlib import resources

import pytest

from eventwire.errors import InputError
from eventwire.events import acled
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


def _packaged_table() -> str:
    return (resources.files("eventwire") / "data" / "taxonomy.v1.yaml").read_text("utf-8")


def test_taxonomy_rejects_a_table_without_a_name_the_rules_use(tmp_path) -> None:
    path = tmp_path / "no-grenade.yaml"
    rows = [line for line in _packaged_table().splitlines() if "{name: Grenade," not in line]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(
        InputError, match="no-grenade.yaml: no event or sub-event type named 'Grenade'"
    ):
        load_taxonomy(path)


def test_taxonomy_load_fails_on_a_misspelt_rule_name(monkeypatch) -> None:
    monkeypatch.setattr(acled, "SUB_EVENT_TYPES", (*acled.SUB_EVENT_TYPES, "Armed clsh"))
    with pytest.raises(
        InputError, match="taxonomy.v1.yaml: no event or sub-event type named 'Armed clsh'"
    ):
        load_taxonomy()


def test_every_rule_name_is_checked_at_load() -> None:
    constants = {v for k, v in vars(acled).items() if k.isupper() and isinstance(v, str)}
    assert constants == set(acled.EVENT_TYPES) | set(acled.SUB_EVENT_TYPES)
    assert len(acled.SUB_EVENT_TYPES) == 25
    assert acled.SHELLING == "Shelling/artillery/missile attack"  # spelt as in the codebook
