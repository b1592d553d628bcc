"""CASE 2021 task 2 scoring on hand-made labels, and reading the shared test file."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import build_app
from eventwire.errors import EvaluationError
from eventwire.evaluate.case2021 import (
    NO_EVENT,
    Snippet,
    accuracy,
    case_label,
    case_labels,
    confusions,
    half,
    per_label,
    predicted_label,
    read_case_tsv,
    split_halves,
    weighted_f1,
)
from eventwire.events.taxonomy import load_taxonomy

SPLIT_MD = Path(__file__).resolve().parents[2] / "evaluation" / "case2021" / "SPLIT.md"

GOLD = ["ARMED_CLASH", "ARMED_CLASH", "ARREST", "DIPLO", "NATURAL_DISASTER"]
PRED = ["ARMED_CLASH", "ARREST", "ARREST", NO_EVENT, "ARMED_CLASH"]
LABELS = case_labels(load_taxonomy())
CASE_TSV = ("events", "case2021-task2-test-labeled.tsv")


def test_per_label_hand_computed():
    scores = per_label(GOLD, PRED, LABELS)
    # ARMED_CLASH: predicted twice (one right, one on a disaster), gold twice.
    assert scores["ARMED_CLASH"] == pytest.approx((0.5, 0.5, 0.5, 2))
    # ARREST: predicted twice, one right; gold once.
    assert scores["ARREST"] == pytest.approx((0.5, 1.0, 2 / 3, 1))
    assert scores["AIR_STRIKE"] == (0.0, 0.0, 0.0, 0)


def test_weighted_f1_weights_by_acled_support_only():
    assert weighted_f1(GOLD, PRED, LABELS) == pytest.approx((0.5 * 2 + (2 / 3) * 1) / 3)


def test_accuracy_counts_non_acled_with_no_event_as_right():
    assert accuracy(GOLD, PRED, LABELS) == pytest.approx(3 / 5)


def test_confusions_lists_wrong_pairs_most_frequent_first():
    assert confusions(GOLD + ["ARMED_CLASH"], PRED + ["ARREST"], LABELS) == [
        ("ARMED_CLASH", "ARREST", 2),
        ("NATURAL_DISASTER", "ARMED_CLASH", 1),
    ]


@pytest.mark.parametrize(
    ("sub_type", "label"),
    [
        ("Air/drone strike", "AIR_STRIKE"),
        ("Arrests", "ARREST"),
        ("peaceful protest", "PEACE_PROTEST"),
        ("Remote explosive/landmine/IED", "REM_EXPLOS"),
        (None, NO_EVENT),
        ("Earthquake", NO_EVENT),
    ],
)
def test_case_label_maps_acled_sub_types(sub_type, label):
    assert case_label(sub_type, LABELS) == label


def test_there_are_25_acled_labels():
    assert len(set(LABELS.acled)) == 25
    assert LABELS.acled[:2] == ("ARMED_CLASH", "GOV_REGAINS_TERIT")  # the taxonomy's order
    assert LABELS.non_acled == {
        "ORG_CRIME",
        "NATURAL_DISASTER",
        "MAN_MADE_DISASTER",
        "DIPLO",
        "ATTRIB",
    }


def test_predicted_label_takes_most_confident_event_that_happened():
    events = [
        {"sub_event_type": "Armed clash", "modality": "asserted", "confidence": 0.4},
        {"sub_event_type": "Air/drone strike", "modality": "planned", "confidence": 0.9},
        {"sub_event_type": "Arrests", "modality": "claimed", "confidence": 0.7},
    ]
    assert predicted_label(events, LABELS) == "ARREST"
    assert predicted_label(events[1:2], LABELS) == NO_EVENT
    assert predicted_label([], LABELS) == NO_EVENT


def test_read_case_tsv_reads_the_shared_file(shared_data):
    snippets = read_case_tsv(shared_data.joinpath(*CASE_TSV), LABELS)
    assert len(snippets) == 1019
    assert snippets[0].label == "AIR_STRIKE" and snippets[0].text.startswith("The US warplanes")
    assert len(read_case_tsv(shared_data.joinpath(*CASE_TSV), LABELS, limit=7)) == 7


def test_read_case_tsv_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tA clash.\tARMED_CLASH\n2\tHello.\tGREETING\n")
    with pytest.raises(EvaluationError, match=r"bad.tsv:3: unknown label 'GREETING'"):
        read_case_tsv(path, LABELS)


@pytest.mark.slow
def test_eval_case2021_cli_prints_weighted_f1(tmp_path):
    tsv = tmp_path / "case.tsv"
    tsv.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tPolice arrested twelve opposition activists in the capital on Monday.\tARREST\n"
        "2\tA magnitude 6 earthquake shook the coastal region, damaging hundreds of homes."
        "\tNATURAL_DISASTER\n"
    )
    out = tmp_path / "case.json"
    result = CliRunner().invoke(
        build_app(), ["eval", "case2021", "--tsv", str(tsv), "--output-json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "CASE 2021 task 2, dev half: 1 snippets, weighted F1 (25 ACLED labels)" in result.output
    assert "CASE 2021 task 2, test half: 1 snippets" in result.output
    report = json.loads(out.read_text())
    assert [report["dev"]["snippets"], report["test"]["snippets"]] == [1, 1]
    assert report["test"]["per_label"]["ARREST"]["support"] == 1  # id "1" is in the test half
    assert report["dev"]["per_label"]["ARREST"]["support"] == 0


def test_half_is_the_parity_of_the_first_sha256_byte_of_the_id():
    # sha256("1") starts 0x6b (odd), sha256("2") starts 0xd4 (even), sha256("ab") 0xfb (odd).
    assert [half("1"), half("2"), half("ab")] == ["test", "dev", "test"]


def test_split_halves_keeps_file_order_and_every_snippet():
    snippets = [Snippet(str(i), "", "ARREST") for i in range(1, 9)]
    halves = split_halves(snippets)
    assert sorted(halves["dev"] + halves["test"], key=lambda s: int(s.id)) == snippets
    assert [s.id for s in halves["test"]] == [s.id for s in snippets if half(s.id) == "test"]


_SPLIT_ROW = re.compile(r"^\| (dev|test) \| (\d+) \| (\d+) \| `([0-9a-f]{64})` \|$", re.MULTILINE)


def test_written_split_matches_the_shared_file(shared_data):
    written = {
        m[1]: (int(m[2]), int(m[3]), m[4]) for m in _SPLIT_ROW.finditer(SPLIT_MD.read_text())
    }
    halves = split_halves(read_case_tsv(shared_data.joinpath(*CASE_TSV), LABELS))
    found = {
        name: (
            len(part),
            sum(s.label in LABELS.acled for s in part),
            hashlib.sha256("\n".join(s.id for s in part).encode()).hexdigest(),
        )
        for name, part in halves.items()
    }
    assert found == written
