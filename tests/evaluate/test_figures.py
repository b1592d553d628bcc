"""docs/figures.md is rendered from a figures dict, deterministically, each figure beside its
target."""

from __future__ import annotations

import copy
import json

import pytest

from eventwire.evaluate.events import Tally
from eventwire.evaluate.figures import render_figures
from eventwire.evaluate.geocalib import Reliability
from eventwire.evaluate.geoscore import GeoTally


def _events(tp: int, fp: int, fn: int) -> dict:
    tally = Tally(tp=tp, fp=fp, fn=fn, tp_all=tp, fp_all=fp, fn_all=fn, matched=tp, articles=3)
    tally.correct["date"] = tp
    return tally.figures()


def _geo(gold: int, tp: int, correct: int, correct_km: int) -> dict:
    return GeoTally(gold, tp + 1, tp, gold, tp, correct, correct_km).figures()


# Gold spans: 0.95 right 3 times of 4, 0.15 wrong once -> ECE 4/5 * 0.2 + 1/5 * 0.15 = 0.19.
_RELIABLE = Reliability.of([(0.95, True)] * 3 + [(0.95, False), (0.15, False)]).figures()
_E2E = Reliability.of([(0.95, True), (0.95, True)]).figures()  # ECE 0.05


def _corpus(name: str, correct: int) -> dict:
    return {
        "reliability": {"resolve": _RELIABLE, "e2e": _E2E},
        "corpus": name,
        "docs": 5,
        "excluded": 0,
        "gold_ids": 4,
        "gold_ids_missing": 1,
        "e2e": _geo(10, 8, correct, correct + 1),
        "resolve": _geo(10, 10, 9, 9),
    }


FIGURES = {
    "limits": [],
    "realdev": {
        "articles": 3,
        "events": {"fr": _events(4, 1, 1), "all": _events(4, 1, 1)},
        "geo": {"fr": _geo(10, 8, 7, 7), "all": _geo(10, 8, 7, 7)},
        "geo_gold_spans": None,
        "located": {"located": 4, "happened": 5, "share": 0.8},
        "quiet": {"quiet": 1, "no_event_articles": 1, "share": 1.0},
    },
    "devset": {"all": _events(9, 0, 1)},
    "case2021": {
        "dev": {"snippets": 545, "weighted_f1": 0.7, "accuracy": 0.6},
        "test": {"snippets": 474, "weighted_f1": 0.76, "accuracy": 0.65},
    },
    "geoparse": [_corpus("lgl", 6), _corpus("tr-news", 7), _corpus("geowebnews", 8)],
    "geoparse_pooled": _geo(30, 24, 21, 24),
    "calibration": {"resolve": _RELIABLE, "e2e": _E2E},
    "attribution": {
        s: {
            "texts": 84,
            "exact_precision": 0.5,
            "exact_recall": 0.7,
            "exact_f1": 0.6,
            "overlap_f1": 0.66,
        }
        for s in ("dev", "test")
    },
    "dedup": {
        "precision": 1.0,
        "recall": 0.8,
        "f1": 0.889,
        "purity": 1.0,
        "gold_mentions": 26,
        "clusters": 15,
        "real_pairs_all": {"articles": 300, "precision": 0.95, "f1": 0.8, "bad_merges": 0},
    },
}


def test_render_is_a_pure_function_of_the_figures():
    text = render_figures(FIGURES)
    reordered = json.loads(json.dumps(dict(reversed(list(FIGURES.items())))))
    assert render_figures(reordered) == text
    assert render_figures(copy.deepcopy(FIGURES)) == text


@pytest.mark.parametrize(
    "line",
    [
        "| figure | measured (all) | target | fr |",
        "| events that happened: precision | 0.800 | ≥ 0.80 (#14) ✔ | 0.800 |",
        (
            "| real reports among all 300 realnews articles: article-pair precision | 0.950 "
            "| reported | – |"
        ),
        "| events that happened: recall | 0.800 | ≥ 0.80 (#14) ✔ | 0.800 |",
        "| non-events extracted as events that happened | – | ≤ 0.10 (#14) | – |",
        "| events that happened with coordinates | 0.800 | ≥ 0.95 (#16) ✘ | – |",
        "| acc@161 given the gold spans (resolver alone) | – | reported | – |",
        "| acc@161 over all gold toponyms (a miss is wrong) | 0.700 | ≥ 0.85 (#16) ✘ | 0.700 |",
        (
            "| test half (474 snippets): weighted F1 | 0.760 | ≥ 0.75 (#14) ✔ | 0.839 (shared-task "
            "winners, fine-tuned transformers; whole file) |"
        ),
        # (0.6 + 0.7 + 0.8) / 3 is 0.6999…98 in floating point: judged as printed, it meets 0.70.
        "| acc@161 over all gold, mean of LGL, TR-News, GeoWebNews | 0.700 | ≥ 0.70 (#16) ✔ | – |",
        "| pairwise F1 | 0.889 | ≥ 0.90 (#17) ✘ | – |",
        "| test (84 texts): source F1, exact span | 0.600 | ≥ 0.65 (#15) ✘ | – |",
        "| lgl | 5 | 10 | 0.889 | 0.800 | 0.842 | 0.600 | 0.750 | 0.900 | 0.700 | 0.900 | 0.827 |",
        "Every evaluation ran on all of its data.",
        "| [0.9, 1.0] | 4 | 0.950 | 0.750 | 2 | 0.950 | 1.000 |",
        "| [0.1, 0.2) | 1 | 0.150 | 0.000 | 0 | – | – |",
        "| ECE, gold spans, LGL+TR-News+GeoWebNews | 0.190 | ≤ 0.05 (#16) ✘ | – |",
        "| ECE, gold spans / end to end, tr-news | 0.190 / 0.050 | reported | – |",
    ],
)
def test_render_puts_each_figure_beside_its_target(line):
    assert line in render_figures(FIGURES).splitlines()


def test_render_says_what_was_limited_and_what_did_not_run():
    text = render_figures({**FIGURES, "realdev": None, "limits": ["at most 5 snippets"]})
    assert "**Limited in this run:** at most 5 snippets." in text
    assert "No annotation files in `evaluation/realdev/gold/`." in text


@pytest.mark.slow
def test_eval_all_writes_the_file_its_figures_render_to(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli.main import build_app

    md, js = tmp_path / "figures.md", tmp_path / "figures.json"
    args = ["eval", "all", "--limit", "2", "--output", str(md), "--output-json", str(js)]
    result = CliRunner().invoke(build_app(), args)
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert text == render_figures(json.loads(js.read_text()))
    assert "**Limited in this run:** at most 2 snippets of CASE 2021" in text
    assert "| test half (1 snippets): weighted F1 |" in text  # ids 1 and 2: one per half
