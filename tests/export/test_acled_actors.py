"""ACLED's actor and interaction columns in the export (issue 15), read with pandas beside an
ACLED-shaped frame (invented rows, ACLED's column names and meanings)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from eventwire.export.acled import COLUMNS, acled_rows, inter_code, interaction
from eventwire.export.writers import write_csv
from eventwire.store.repository import Store

ACTOR_COLUMNS = [
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
]


@pytest.mark.parametrize(
    ("name", "kind", "actor_country", "event_country", "code"),
    [
        ("Military Forces of Mali", "state_force", "ML", "ML", 1),
        ("Military Forces of Israel", "state_force", "IL", "LB", 8),
        ("JNIM: Group for Support of Islam and Muslims", "armed_group", None, "ML", 2),
        ("Unidentified Armed Group (Niger)", "armed_group", "NE", "NE", 3),
        ("Dozo Communal Militia", "armed_group", None, "ML", 4),
        ("Rioters (Chad)", "other", "TD", "TD", 5),
        ("Protesters (Kenya)", "other", "KE", "KE", 6),
        ("Civilians (Mali)", "civilians", "ML", "ML", 7),
        (None, None, None, "ML", 0),
    ],
)
def test_inter_code_follows_acled_actor_types(
    name, kind, actor_country, event_country, code
) -> None:
    assert inter_code(name, kind, actor_country, event_country) == code


@pytest.mark.parametrize(
    ("a", "b", "code"), [(1, 7, 17), (7, 1, 17), (2, 1, 12), (6, 0, 60), (6, 1, 16)]
)
def test_interaction_lower_type_first(a: int, b: int, code: int) -> None:
    assert interaction(a, b) == code


@pytest.mark.slow
def test_csv_export_loads_beside_an_acled_frame(tmp_path) -> None:
    import eventwire

    result = eventwire.extract(
        "Des hommes armés ont tué trois civils mardi à Ménaka, au Mali.",
        published="2024-03-06",
        source="Invented Wire",
    )
    with Store.open(tmp_path / "e.db") as store:
        store.save(result)
        out = io.StringIO()
        write_csv(acled_rows(store.engine), out)
    ours = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(ours.columns[: len(COLUMNS)]) == list(COLUMNS)
    acled = pd.DataFrame(
        {
            "event_date": ["2024-03-01"],
            "event_type": ["Violence against civilians"],
            "sub_event_type": ["Attack"],
            "actor1": ["Unidentified Armed Group (Mali)"],
            "assoc_actor_1": [None],
            "inter1": [3],
            "actor2": ["Civilians (Mali)"],
            "assoc_actor_2": [None],
            "inter2": [7],
            "interaction": [37],
            "country": ["Mali"],
            "fatalities": [3],
        }
    )
    both = pd.concat([acled[ACTOR_COLUMNS], ours[ACTOR_COLUMNS]], ignore_index=True)
    assert both["inter1"].dtype.kind == "i" and both["interaction"].dtype.kind == "i"
    row = ours.iloc[0]
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == (
        "Unidentified Armed Group (Mali)",
        3,
        "Civilians (Mali)",
        7,
        37,
    )
    joined = ours.merge(acled, on=["actor1", "actor2"], suffixes=("", "_acled"))
    assert len(joined) == len(ours) >= 1
    assert (joined["interaction"] == joined["interaction_acled"]).all()
