"""The role frame table (``data/roles.v1.yaml``): which words open an agent, a target, a
frame around a noun trigger, an anaphor (issue 15)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from eventwire.errors import InputError


@dataclass(frozen=True, slots=True)
class Frames:
    """The role frame table (``roles.v1.yaml``), as sets of lower-case words."""

    version: str
    agent_prepositions: frozenset[str]
    target_prepositions: frozenset[str]
    target_verbs: frozenset[str]
    light_verbs: frozenset[str]
    target_frames: frozenset[str]
    target_holdings: frozenset[str]
    victim_families: frozenset[str]
    anaphors: frozenset[str]
    genitive_prepositions: frozenset[str]
    partitive_articles: frozenset[str]
    possessives: frozenset[str]


def load_frames(path: Path | None = None) -> Frames:
    """Read the frame table (the packaged ``roles.v1.yaml`` unless ``path``); a missing list is
    an error here.

    >>> "par" in load_frames().agent_prepositions
    True
    """
    if path is None:
        source = resources.files("eventwire") / "data" / "roles.v1.yaml"
        origin, text = "eventwire/data/roles.v1.yaml", source.read_text(encoding="utf-8")
    else:
        origin, text = str(path), Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "version" not in data:
        raise InputError(origin, "expected a mapping with a 'version'")

    def words(key: str) -> frozenset[str]:
        if key not in data:
            raise InputError(origin, f"the frame list {key!r} is missing")
        return frozenset(str(w).lower() for w in data[key] or ())

    return Frames(
        str(data["version"]),
        words("agent_prepositions"),
        words("target_prepositions"),
        words("target_verbs"),
        words("light_verbs"),
        words("target_frames"),
        words("target_holdings"),
        words("victim_families"),
        words("anaphors"),
        words("genitive_prepositions"),
        words("partitive_articles"),
        words("possessives"),
    )
