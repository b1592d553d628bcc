"""PolNeAR reading and source-span scoring."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import build_app
from eventwire.errors import EvaluationError
from eventwire.evaluate.polnear import GoldText, read_ann_sources, read_corpus, score


def test_read_ann_sources_keeps_only_sources() -> None:
    ann = (
        "T1\tSource 89 106\tThe New York Post\nT2\tCue 107 114\treports\n"
        "T5\tSource 10 12;20 25\tdis joint\nE1\tAttribution:T4 Cue:T2 Source:T1\n"
    )
    assert read_ann_sources(ann, origin="a.ann") == ((10, 25), (89, 106))


def test_read_ann_sources_names_the_bad_line() -> None:
    with pytest.raises(EvaluationError, match="a.ann:2"):
        read_ann_sources("T1\tCue 1 2\tx\nT2\n", origin="a.ann")


def test_read_corpus_pairs_texts_with_first_annotator(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "story.txt").write_text("Police said so.\r\n")
    (tmp_path / "dev" / "attributions" / "story_aaaa.ann").write_text("T1\tSource 0 6\tPolice\n")
    (tmp_path / "dev" / "attributions" / "story_bbbb.ann").write_text("T1\tSource 7 11\tsaid\n")
    (gold,) = read_corpus(tmp_path, "dev")
    assert gold.text == "Police said so.\r\n" and gold.sources == ((0, 6),)


def test_read_corpus_rejects_unknown_split(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="train"):
        read_corpus(tmp_path, "train")


def test_score_counts_exact_and_overlapping_spans() -> None:
    gold = GoldText("t", "x" * 50, ((0, 6), (20, 30), (40, 45)))
    scores = score([(gold, ((0, 6), (22, 26), (47, 49)))], split="dev")
    assert (scores.exact.tp_pred, scores.exact.n_pred, scores.exact.n_gold) == (1, 3, 3)
    assert (scores.overlap.tp_pred, scores.overlap.tp_gold) == (2, 2)
    assert scores.overlap.f1 == pytest.approx(2 / 3)


def test_real_dev_texts_score_above_floor(shared_data: Path, nlp_en) -> None:
    from eventwire.evaluate.polnear import evaluate

    scores = evaluate(shared_data / "attribution" / "polnear", nlp_en, split="dev", limit=3)
    assert scores.texts == 3 and scores.exact.n_gold > 10
    assert scores.overlap.f1 > 0.4


def test_cli_prints_table(shared_data: Path) -> None:
    corpus = shared_data / "attribution" / "polnear"
    result = CliRunner().invoke(
        build_app(),
        ["eval", "attribution", "--corpus", str(corpus), "--split", "test", "--limit", "1"],
    )
    assert result.exit_code == 0, result.output
    assert "PolNeAR test" in result.output and "overlap" in result.output


def test_cli_rejects_bad_split(shared_data: Path) -> None:
    corpus = shared_data / "attribution" / "polnear"
    result = CliRunner().invoke(
        build_app(), ["eval", "attribution", "--corpus", str(corpus), "--split", "x"]
    )
    assert result.exit_code == 2
