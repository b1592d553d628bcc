"""Placeholder until the Events II work lands: fills nothing."""

from __future__ import annotations

from typing import Any

from eventwire.records import Event


def fill_details(event: Event, doc: Any, *, language: str, published: str | None) -> Event:
    """Return ``event`` with date, casualties, attribution and modality filled."""
    return event
