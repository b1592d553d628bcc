"""Alert rules: each condition, and the errors of a badly written rule."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.watch.rules import Near, Rule, Subject, load_rules

MENAKA = Subject(
    event_type="Battles",
    sub_event_type="Armed clash",
    country="ML",
    lat=15.69,
    lon=2.77,
    fatalities=6,
    actors=("JNIM", "Military Forces of Mali", "l'armée malienne"),
    report="new",
)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (Rule("any"), True),
        (Rule("c", countries=("ML", "BF")), True),
        (Rule("c", countries=("NE",)), False),
        (Rule("t", event_types=("Battles",)), True),
        (Rule("t", event_types=("Protests",)), False),
        (Rule("s", sub_event_types=("Attack",)), False),
        (Rule("f", min_fatalities=6), True),
        (Rule("f", min_fatalities=7), False),
        (Rule("a", actor="jnim"), True),
        (Rule("a", actor="armée malienne"), True),
        (Rule("a", actor="ISWAP"), False),
        (Rule("n", within=Near(15.0, 2.5, 100)), True),  # Ménaka is about 82 km away
        (Rule("n", within=Near(15.0, 2.5, 50)), False),
        (Rule("r", report="new"), True),
        (Rule("r", report="known"), False),
    ],
)
def test_rule_matches_each_condition(rule: Rule, expected: bool) -> None:
    assert rule.matches(MENAKA) is expected


def test_rule_without_place_never_matches_within() -> None:
    assert not Rule("n", within=Near(15, 2.5, 1000)).matches(replace(MENAKA, lat=None, lon=None))


def test_rules_load_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "alerts:\n  - name: sahel\n    country: [ml, BF]\n    min_fatalities: 5\n"
        "    within: {lat: 14.5, lon: -4.2, km: 300}\n    report: new\n"
        "    to: [stdout, 'file:a.jsonl']\n",
        encoding="utf-8",
    )
    assert load_rules(path) == (
        Rule(
            "sahel",
            countries=("ML", "BF"),
            min_fatalities=5,
            within=Near(14.5, -4.2, 300.0),
            report="new",
            to=("stdout", "file:a.jsonl"),
        ),
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("alerts: {name: x}", "rules.yaml: expected a list of rules under 'alerts:'"),
        ("alerts: [{country: ML}]", "rules.yaml: alerts[0]: missing 'name'"),
        ("alerts: [{name: x, countrys: ML}]", "rules.yaml: alerts[0] (x): unknown key 'countrys'"),
        (
            "alerts: [{name: x, min_fatalities: -1}]",
            "rules.yaml: alerts[0] (x): min_fatalities -1 is not a whole number >= 0",
        ),
        (
            "alerts: [{name: x, within: {lat: 1, lon: 2}}]",
            "rules.yaml: alerts[0] (x): within must be {lat: ..., lon: ..., km: ...}",
        ),
        (
            "alerts: [{name: x, within: {lat: 91, lon: 2, km: 5}}]",
            "rules.yaml: alerts[0] (x): within (91.0, 2.0, 5.0 km) is out of range",
        ),
        (
            "alerts: [{name: x, report: old}]",
            "rules.yaml: alerts[0] (x): report 'old'; expected new, known or any",
        ),
        (
            "alerts: [{name: x, to: 'mailto:a@b'}]",
            "rules.yaml: alerts[0] (x): alert target 'mailto:a@b'",
        ),
        (
            "alerts: [{name: x}, {name: x}]",
            "rules.yaml: alerts[1]: duplicate name 'x'; names must be unique",
        ),
    ],
)
def test_rules_errors_name_file_and_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, error: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules("rules.yaml")
    assert str(caught.value).startswith(error)
