"""``eval dedup``: alignment, pairwise scores and purity, on hand-made cases and the real set."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate.dedup import GoldMention, evaluate_dir, load_gold, score_clusters
from eventwire.events.dedup import EventCluster

MULTIREPORT = Path(__file__).resolve().parents[2] / "evaluation" / "multireport"


def _mention(mention_id: str, cluster: str) -> GoldMention:
    return GoldMention(mention_id, mention_id.split("#")[0], cluster, "Battles", None, None)


def _cluster(cid: str, *event_ids: str) -> EventCluster:
    return EventCluster(
        cid,
        "Battles",
        "Armed clash",
        event_ids,
        (),
        (),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    )


def test_score_clusters_pairwise_and_purity() -> None:
    gold = [
        _mention("a#0", "E1"),
        _mention("b#0", "E1"),
        _mention("c#0", "E1"),
        _mention("d#0", "E2"),
    ]
    alignment = {"a:0": "a#0", "b:0": "b#0", "c:0": "c#0", "d:0": "d#0"}
    clusters = [_cluster("x", "a:0", "b:0", "d:0"), _cluster("y", "c:0")]
    prf, purity, inverse = score_clusters(clusters, alignment, gold)
    # predicted pairs ab, ad, bd; gold pairs ab, ac, bc; one in common
    assert (prf.true_pairs, prf.predicted_pairs, prf.gold_pairs) == (1, 3, 3)
    assert prf.f1 == pytest.approx(1 / 3)
    assert purity == pytest.approx(3 / 4)  # x: 2 of E1 + y: 1
    assert inverse == pytest.approx(3 / 4)  # E1 spread 2+1 -> 2, E2 -> 1


def test_score_clusters_ignores_unaligned_events() -> None:
    gold = [_mention("a#0", "E1"), _mention("b#0", "E1")]
    clusters = [_cluster("x", "a:0", "b:0", "z:5")]
    prf, _, _ = score_clusters(clusters, {"a:0": "a#0", "b:0": "b#0"}, gold)
    assert (prf.true_pairs, prf.predicted_pairs, prf.gold_pairs) == (1, 1, 1)


def test_load_gold_reads_the_multireport_set() -> None:
    articles, gold = load_gold(MULTIREPORT)
    assert len(articles) == 24
    assert len(gold) == 26
    assert {m.article_id for m in gold} <= {a.id for a in articles}


def test_dedup_on_gold_mentions_meets_target() -> None:
    scores = evaluate_dir(MULTIREPORT, pipeline=None)
    assert scores.pairwise.gold_pairs == 15  # as the set's README counts them
    assert scores.pairwise.f1 >= 0.85
    assert scores.purity >= 0.9


def test_load_gold_names_missing_file(tmp_path: Path) -> None:
    from eventwire.errors import EvaluationError

    with pytest.raises(EvaluationError, match="articles.jsonl: missing"):
        load_gold(tmp_path)


@pytest.mark.slow
def test_dedup_end_to_end_meets_target() -> None:
    from eventwire.pipeline import load_pipeline

    scores = evaluate_dir(MULTIREPORT, pipeline=load_pipeline())
    assert scores.aligned >= 20  # of 26 gold mentions
    assert scores.pairwise.f1 >= 0.85


FREN = MULTIREPORT.parent / "multireport-fren"


def test_fren_set_is_built_and_its_distractors_sit_across_borders_or_days() -> None:
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("fren_build", FREN / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0
    doc = json.loads((FREN / "clusters.json").read_text(encoding="utf-8"))
    by_id = dict(zip(doc["cluster_ids"], doc["clusters"], strict=True))
    # Gisenyi (RW) is across the border from Goma (CD), Kousseri (CM) from N'Djamena (TD).
    assert by_id["D1"][0]["location"]["country_code"] != by_id["E1"][0]["location"]["country_code"]
    assert by_id["D2"][0]["location"]["country_code"] != by_id["E2"][0]["location"]["country_code"]
    assert by_id["D3"][0]["date"] != by_id["E3"][0]["date"]
    articles, _ = load_gold(FREN)
    assert {a.language for a in articles} == {"fr", "en"}


def test_fren_gold_mentions_never_merge_across_a_border() -> None:
    scores = evaluate_dir(FREN, pipeline=None)
    # E1 2 reports, E2 2, E3 3, E4 2, E5 2: 1 + 1 + 3 + 1 + 1 gold pairs.
    assert scores.pairwise.gold_pairs == 7
    assert scores.pairwise.precision == 1.0  # Goma and Gisenyi are 4 km apart, not one event
    assert scores.pairwise.f1 >= 0.9


@pytest.mark.slow
def test_fren_end_to_end_meets_target() -> None:
    from eventwire.pipeline import load_pipeline

    scores = evaluate_dir(FREN, pipeline=load_pipeline())
    assert scores.aligned >= 12  # of 14 gold mentions
    assert scores.pairwise.f1 >= 0.9
