"""Load spaCy pipelines once per process and per language; nothing loads at import time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventwire.errors import ModelError


class Models:
    """Lazily loaded spaCy pipelines keyed by language code.

    >>> models = Models({"fr": "fr_core_news_md"})   # nothing loaded yet
    >>> models.languages
    ('fr',)
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = dict(names)
        self._loaded: dict[str, Any] = {}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._names)

    def name(self, language: str) -> str:
        return self._names[language]

    def get(self, language: str) -> Any:
        """Return the spaCy ``Language`` for ``language``, loading it on first use."""
        if language not in self._loaded:
            self._loaded[language] = load_model(self._names[language])
        return self._loaded[language]


def load_model(name: str) -> Any:
    """Load an installed spaCy pipeline package; ModelError says how to install it."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"spaCy model {name!r} is not installed ({str(err).splitlines()[0]}); "
            f"install it with pip (e.g. `pip install {name.replace('_', '-')}`)"
        ) from None
