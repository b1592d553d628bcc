"""The HTTP API and the analyst's map page (``eventwire serve``).

``create_app(ServeSettings(db="events.db"))`` builds the FastAPI app; nothing runs at import.
The package imports none of its modules at import time: ``api`` imports ``read``, ``live`` and
the others, which import ``eventwire.serve`` for their siblings, and an eager import here
closed that loop (serve → api → read → serve, issue 19).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.serve.settings import ServeSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["ServeSettings", "create_app"]


def create_app(settings: ServeSettings) -> FastAPI:
    """Build the app over the database ``settings.db`` (:func:`eventwire.serve.api.create_app`)."""
    from eventwire.serve.api import create_app as _create_app

    return _create_app(settings)
