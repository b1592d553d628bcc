"""Fitting the resolver weights: the logit on hand-made groups, and the bundled file reproduced."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
from typer.testing import CliRunner

from eventwire.cli.fit_geo import corpus_files, fit_geo_text
from eventwire.cli.main import build_app
from eventwire.evaluate.geofit import Example, accuracy, fit_logit, weights_text
from eventwire.geo.resolve import WEIGHTS_VERSION, Weights, load_weights


def _group(target: int, rows: list[list[float]]) -> Example:
    correct = tuple(i == target for i in range(len(rows)))
    return Example(np.array(rows, dtype=float), target, 1.0, correct)


def test_fit_logit_learns_the_feature_that_marks_the_target():
    # Feature 0 marks the right candidate, feature 1 is noise; the last row is abstention.
    data = [_group(0, [[1, 0], [0, 1], [0, 0]]), _group(1, [[0, 1], [1, 1], [0, 0]])]
    w = fit_logit(data, start=np.zeros(2), steps=200)
    assert w[0] > 2 > abs(w[1])
    assert accuracy(data, w, 0.0) == 1.0


def test_fit_logit_is_deterministic_and_matches_one_group_at_a_time():
    data = [_group(0, [[1, 0.5], [0.2, 1], [0, 0]]), _group(1, [[0.3, 1], [0, 0]])]
    w1 = fit_logit(data, start=np.zeros(2), steps=50)
    # Gradient of one group by hand: rows.T @ (softmax - onehot), averaged over groups.
    grad = np.zeros(2)
    for e in data:
        p = np.exp(e.rows @ np.zeros(2))
        p /= p.sum()
        p[e.target] -= 1
        grad += e.rows.T @ p / 2
    w_first = fit_logit(data, start=np.zeros(2), steps=1, rate=0.1)
    assert np.allclose(w_first, -0.1 * np.sign(grad))  # Adam's first step: rate times the sign
    assert np.array_equal(w1, fit_logit(data, start=np.zeros(2), steps=50))


def test_weights_text_is_read_back_unchanged(tmp_path):
    weights = Weights({"null": 1.234567, "is_country": -0.5}, 0.2, WEIGHTS_VERSION, {"examples": 3})
    path = tmp_path / "w.json"
    path.write_text(weights_text(weights))
    assert weights_text(load_weights(path)) == path.read_text()
    assert load_weights(path).values["null"] == 1.23457


def test_fit_geo_names_the_missing_corpus(tmp_path):
    result = CliRunner().invoke(build_app(), ["fit", "geo", "--corpora", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path}/lgl.xml" in str(result.exception)


@pytest.mark.slow
def test_fit_geo_reproduces_the_bundled_weights_byte_for_byte(shared_data):
    bundled = resources.files("eventwire.data").joinpath("geo-weights.v2.json").read_text()
    assert fit_geo_text(corpus_files(shared_data / "geoparsing")) == bundled
