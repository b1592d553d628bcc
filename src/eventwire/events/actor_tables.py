"""The actor dictionary's records and tables: entries, countries, demonyms, folded text.

:func:`~eventwire.events.actors.load_actor_dictionary` reads the YAML with these functions;
:mod:`~eventwire.events.actor_scan` compiles what finds the entries in text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

import yaml

from eventwire.errors import InputError
from eventwire.records import ActorKind

__all__ = [
    "ActorEntry",
    "Country",
    "country_names",
    "demonym_forms",
    "fold",
    "read_countries",
    "read_entries",
    "read_mapping",
]

_KINDS = frozenset(get_args(ActorKind))
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_QUOTES = "\u2019\u02bc\u2018`\u00b4"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor; ``generic`` marks unnamed groups ("gunmen", "civils").

    ``national`` is the name once a country is known ("Civilians ({country})");
    ``regional`` maps a country code to the entry ACLED codes there instead (the Sahel
    branch of the Islamic State), for every alias or only for ``regional_aliases`` ("FDS").
    """

    id: str
    name: str
    kind: ActorKind
    country_code: str | None
    aliases: tuple[str, ...]
    generic: bool = False
    national: str | None = None
    regional: Mapping[str, str] = field(default_factory=dict)
    regional_aliases: tuple[str, ...] = ()
    display: str = ""  # a short label for people ("Houthis"); ``name`` is the ACLED-style name


@dataclass(frozen=True, slots=True)
class Country:
    """A row of the country table: names and demonyms used to build national actors."""

    code: str
    name: str
    names_fr: tuple[str, ...]
    demonyms_en: tuple[str, ...]
    demonyms_fr: tuple[str, ...]


def fold(text: str, *, lower: bool = True) -> str:
    """Strip accents (and case) one character at a time, so offsets stay valid.

    >>> fold("État–islamique")
    'etat-islamique'
    """
    # Only the distinct non-ASCII characters (and the backtick) need _fold_char: the rest is
    # str.lower, which lowers each of them to one character like _fold_char (only U+0130 would
    # lower to two, and it folds to "i" first).
    if text.isascii():
        folded = text.replace("`", "'")
    else:
        table = {ord(c): _fold_char(c, lower=lower) for c in set(text) if c > "\x7f" or c == "`"}
        folded = text.translate(table)
    return folded.lower() if lower else folded


def _fold_char(char: str, *, lower: bool) -> str:
    if char in _DASHES:
        char = "-"
    elif char in _QUOTES:
        char = "'"
    elif ord(char) > 127:
        base = unicodedata.normalize("NFD", char)[0]
        char = base if base.isascii() and base.isalpha() else char
    if lower:
        low = char.lower()
        char = low if len(low) == 1 else char
    return char


def read_mapping(text: str, origin: str) -> dict[str, Any]:
    """The YAML document of an actor file; InputError naming ``origin`` if it is no mapping."""
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise InputError(origin, "expected a mapping with 'version' and 'groups'")
    return raw


def read_entries(raw: Mapping[str, Any], origin: str) -> dict[str, ActorEntry]:
    """The ``groups`` and ``generic`` rows of an actor file, by id."""
    entries: dict[str, ActorEntry] = {}
    for section, generic in (("groups", False), ("generic", True)):
        for i, row in enumerate(raw.get(section) or ()):
            where = f"{section}[{i}]"
            if not isinstance(row, dict) or not {"id", "name", "kind", "aliases"} <= row.keys():
                raise InputError(origin, f"{where}: expected id, name, kind and aliases")
            if row["kind"] not in _KINDS:
                raise InputError(
                    origin, f"{where}: kind {row['kind']!r} is not one of {sorted(_KINDS)}"
                )
            aliases = tuple(str(a) for a in row["aliases"] or ()) + (str(row["name"]),)
            entries[str(row["id"])] = ActorEntry(
                str(row["id"]),
                str(row["name"]),
                row["kind"],
                row.get("country"),
                aliases,
                generic,
                national=row.get("national"),
                regional={str(k): str(v) for k, v in (row.get("regional") or {}).items()},
                regional_aliases=tuple(fold(str(a)) for a in row.get("regional_aliases") or ()),
                display=str(row.get("display") or row["name"]),
            )
    return entries


def read_countries(rows: Iterable[Any], origin: str) -> tuple[Country, ...]:
    """The ``countries`` rows: ``[code, name, [fr names], [en demonyms], [fr demonyms]]``."""
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != 5:
            raise InputError(
                origin, f"countries[{i}]: expected [code, name, [fr], [en adj], [fr adj]]"
            )
        code, name, names_fr, dem_en, dem_fr = row
        out.append(Country(str(code), str(name), tuple(names_fr), tuple(dem_en), tuple(dem_fr)))
    return tuple(out)


def demonym_forms(countries: Iterable[Country]) -> dict[str, str]:
    """Every folded form of every demonym: "malien(ne)(s)", "Malian" -> ML."""
    out: dict[str, str] = {}
    for country in countries:
        for stem in (d for d in country.demonyms_fr if not d.endswith("-")):
            base = fold(stem)
            for ending in ("", "s", "e", "es", "ne", "nes", "ue", "ues"):
                out.setdefault(base + ending, country.code)
        for word in country.demonyms_en:
            if " " not in word and len(word) > 2:
                out.setdefault(fold(word), country.code)
    return out


def country_names(countries: Iterable[Country]) -> dict[str, Country]:
    """Folded country names, French and English, plus common short forms ("us", "uk")."""
    names: dict[str, Country] = {}
    for country in countries:
        for name in (country.name, *country.names_fr):
            names[fold(name)] = country
    for alias, code in (("us", "US"), ("u.s.", "US"), ("uk", "GB"), ("america", "US")):
        match = next((c for c in countries if c.code == code), None)
        if match is not None:
            names.setdefault(alias, match)
    return names
