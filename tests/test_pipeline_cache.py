"""The one per-process pipeline cache: one build per settings and factory, freed on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.pipeline import Pipeline
from eventwire.pipeline_cache import cached_pipeline
from tests.batch.counting import BUILDS_ENV, counting_pipeline


def _other_factory(settings: Settings) -> Pipeline:
    return Pipeline([], batch_size=settings.batch_size)


def test_pipeline_cache_builds_once_per_settings_and_factory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "builds.txt"
    monkeypatch.setenv(BUILDS_ENV, str(log))
    cached_pipeline.cache_clear()
    first = cached_pipeline(Settings(batch_size=3), counting_pipeline)
    assert cached_pipeline(Settings(batch_size=3), counting_pipeline) is first  # equal settings
    assert cached_pipeline(Settings(batch_size=5), counting_pipeline) is not first
    assert cached_pipeline(Settings(batch_size=3), _other_factory) is not first
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2  # batch sizes 3 and 5
    cached_pipeline.cache_clear()
    assert cached_pipeline(Settings(batch_size=3), counting_pipeline) is not first
    cached_pipeline.cache_clear()
