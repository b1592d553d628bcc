"""What ``eventwire serve`` needs, built by the CLI (or a test) and handed to ``create_app``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.config import EXTRACT_MAX_CHARS, EXTRACT_QUEUE, EXTRACT_TIMEOUT_S, Settings
from eventwire.serve.guard import is_loopback

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

#: Largest request body /api/extract accepts (bytes); larger ones get 413.
MAX_BODY_BYTES = 1_000_000
#: Answers of /api/stats and /api/markers kept per filter and store version
#: (serve/answer_cache.py).
ANSWER_CACHE_SIZE = 64


@dataclass(frozen=True)
class ServeSettings:
    """Options of the API server; the defaults bind to loopback with CORS off.

    ``pipeline_factory`` builds the extraction pipeline on the first /api/extract call
    (default: :func:`eventwire.pipeline.load_pipeline` with ``pipeline``). ``allowed_hosts``
    are the Host names served besides loopback ones (``"*"``: any). The token, when set,
    guards every write and, on a server bound beyond loopback, every API read too.
    ``answer_cache_size`` answers of ``/api/stats`` and ``/api/markers`` are kept until a
    write changes the store (0: none kept).
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
    allowed_hosts: tuple[str, ...] = ()
    extract_max_chars: int = EXTRACT_MAX_CHARS
    extract_timeout_s: float = EXTRACT_TIMEOUT_S
    extract_queue: int = EXTRACT_QUEUE
    answer_cache_size: int = ANSWER_CACHE_SIZE

    @property
    def public(self) -> bool:
        """True when bound beyond loopback: the token is then required, for reads too."""
        return not is_loopback(self.host)
