"""Language identification with lingua, restricted to a fixed set plus "other"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Languages lingua may answer; anything it cannot place among them is reported as "und".
_CANDIDATES = (
    "FRENCH",
    "ENGLISH",
    "GERMAN",
    "SPANISH",
    "ITALIAN",
    "PORTUGUESE",
    "DUTCH",
    "ARABIC",
    "PERSIAN",
    "RUSSIAN",
    "UKRAINIAN",
    "TURKISH",
    "CHINESE",
    "SWAHILI",
)
_SAMPLE_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Detection:
    """A detected language: ISO 639-1 code ("und" when unknown) and lingua's confidence."""

    language: str
    confidence: float


class LanguageDetector:
    """Wraps a lingua detector; build it with :func:`load_detector` (it loads models)."""

    def __init__(self, detector: Any) -> None:
        self._detector = detector

    def detect(self, text: str) -> Detection:
        """Detect the language of ``text`` from its first few thousand characters."""
        sample = text[:_SAMPLE_CHARS]
        if sum(ch.isalpha() for ch in sample) < 3:
            return Detection("und", 0.0)
        values = self._detector.compute_language_confidence_values(sample)
        if not values:
            return Detection("und", 0.0)
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        return Detection(code, float(best.value))


def load_detector() -> LanguageDetector:
    """Build the lingua detector (loads its language models; do it once per process)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _CANDIDATES]
    detector = LanguageDetectorBuilder.from_languages(*languages).build()
    return LanguageDetector(detector)
