"""Fixtures of the reliability tests: the bad-input corpus written once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.badinputs import BadInput, corpus_inputs, write_corpus


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the whole bad-input corpus (written once per session)."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder)
    return folder


@pytest.fixture(scope="session")
def corpus() -> dict[str, BadInput]:
    return {item.name: item for item in corpus_inputs()}
