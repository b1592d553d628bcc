"""What step 2 of role assignment reads: the typed event, its sentence and its place's country,
and the actor kinds it treats alike (issue 15)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.events.triggers import Trigger
from eventwire.records import Document

# "jihadistes", "rebels", "separatists": a named group when one was mentioned before
UNNAMED = frozenset({"terrorists", "separatists"})
ARMED_GENERIC = frozenset(
    {"unidentified_armed_group"}
)  # "the gunmen", "les assaillants": the group told before


@dataclass(frozen=True, slots=True)
class RoleContext:
    """What :func:`assign_roles` reads: the typed event, its sentence and its place's country."""

    doc: Document
    sent: Any
    primary: Trigger
    triggers: Sequence[Trigger]
    sub_type: str
    event_type: str
    domain: str
    country: str | None


def trigger_offset(ctx: RoleContext) -> int:
    """The offset of the event's trigger head, where the nearest actors are measured from."""
    return int(ctx.doc.nlp[ctx.primary.head].idx)
