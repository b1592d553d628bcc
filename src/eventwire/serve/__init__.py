"""The HTTP API and the analyst's map page (``eventwire serve``).

``create_app(ServeSettings(db="events.db"))`` builds the FastAPI app; nothing runs at import.
"""

from __future__ import annotations

from eventwire.serve.api import create_app
from eventwire.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
