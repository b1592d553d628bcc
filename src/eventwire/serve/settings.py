"""What ``eventwire serve`` needs, built by the CLI (or a test) and handed to ``create_app``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.config import Settings

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

#: Largest request body /api/extract accepts (bytes); larger ones get 413.
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class ServeSettings:
    """Options of the API server; the defaults bind to loopback with CORS off.

    ``pipeline_factory`` builds the extraction pipeline on the first /api/extract call
    (default: :func:`eventwire.pipeline.load_pipeline` with ``pipeline``).
    """

    db: str | Path
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    tiles: str | None = None
    tiles_attribution: str | None = None
    preload: bool = False
    pipeline: Settings = field(default_factory=Settings)
    pipeline_factory: Callable[[Settings], Pipeline] | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    cors_origins: tuple[str, ...] = ()
