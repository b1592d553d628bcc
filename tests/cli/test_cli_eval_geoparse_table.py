"""``eventwire eval geoparse``'s table: the shared geoparsing columns, in percent, unwrapped."""

from __future__ import annotations

import pytest

from eventwire.cli.eval_geoparse import print_table

ROW = {
    "corpus": "lgl",
    "docs": 3,
    "gold_ids": 4,
    "gold_ids_missing": 1,
    "e2e": {
        "gold": 8,
        "precision": 0.5,
        "recall": 0.25,
        "f1": 1 / 3,
        "acc161_all": 0.75,
        "acc161_recognised": None,
        "acc161_all_km": 0.8,
    },
    "resolve": {"acc161_all": 0.9, "acc161_all_km": 1.0},
}


def test_cli_eval_geoparse_table_prints_one_row_per_corpus(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_table([ROW], split="heldout")
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if "lgl" in line)
    cells = [cell.strip() for cell in row.strip("│ ").split("│")]
    assert cells == [
        "lgl",
        "3",
        "8",
        "50.0",
        "25.0",
        "33.3",
        "75.0",
        "–",
        "90.0",
        "80.0",
        "100.0",
        "1/4",
    ]


def test_cli_eval_geoparse_table_heads_stay_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_table([ROW], split="heldout")
    out = capsys.readouterr().out
    for head in ("acc@161 all gold (e2e)", "all gold, distance only", "gold spans, distance only"):
        assert head in out
