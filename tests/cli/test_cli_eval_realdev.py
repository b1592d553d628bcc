"""``eventwire eval events --gold evaluation/realdev/gold`` (issue 14's "done when"): the real
development set scored, each figure beside its target, met or not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import build_app

REALDEV = Path(__file__).resolve().parents[2] / "evaluation" / "realdev" / "gold"


@pytest.mark.slow
def test_eval_events_on_a_folder_of_real_annotations_prints_the_targets_table(
    tmp_path: Path,
) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("rn-fr-0001.yaml", "rn-en-0001.yaml"):  # two annotated published articles
        shutil.copy(REALDEV / name, gold / name)
    done = CliRunner().invoke(build_app(), ["eval", "events", "--gold", str(gold)])
    assert done.exit_code == 0, done.output
    out = " ".join(done.output.split())
    assert "2 annotated published articles" in out
    for target in ("≥ 0.80 (#14)", "≥ 0.85 (#15)", "≥ 0.85 (#16)", "≤ 0.10 (#14)"):
        assert target in out
    marks = out.count("✔") + out.count("✘")
    assert marks >= 10  # every targeted figure is judged, met or not
