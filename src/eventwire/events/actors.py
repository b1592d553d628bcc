"""The actor dictionary: canonical names, kinds and aliases, and finding actor mentions in text.

Aliases are matched with regular expressions over an accent- and case-folded copy of the
text that keeps every offset (one character in, one character out), so a mention found in
the folded text is a :class:`Span` of the original. Unknown groups fall back to the NER span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, cast

from eventwire.errors import InputError
from eventwire.events.actor_scan import Scanner, alias_key, compile_scanners
from eventwire.events.actor_tables import (
    ActorEntry,
    Country,
    country_names,
    demonym_forms,
    fold,
    read_countries,
    read_entries,
    read_mapping,
)
from eventwire.records import Actor, ActorKind, Span

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "Country",
    "fold",
    "load_actor_dictionary",
    "ner_actors",
]

_PACKAGED = "actors.v2.yaml"  # v2 (issue 15): ACLED-style names, groups of every realnews country
# Prepositions after which a PER/ORG entity is more likely a misread toponym ("de Tell Mozan").
_LOCATIVE_BEFORE = frozenset(
    {
        "à",
        "a",
        "de",
        "d'",
        "d’",
        "dans",
        "sur",
        "près",
        "vers",
        "in",
        "at",
        "near",
        "from",
        "of",
        "du",
        "des",
    }
)


@dataclass(frozen=True)
class ActorDictionary:
    """Entries plus the compiled scanners that find them.

    Built by :func:`load_actor_dictionary`.
    """

    version: str
    entries: Mapping[str, ActorEntry]
    countries: tuple[Country, ...]
    # acronyms, other aliases (each with its alias key -> entry id), then national forces
    # (no alias table: their groups ``k<kind>`` and ``c<code>`` name kind and country)
    scanners: tuple[Scanner, ...]
    country_names: Mapping[str, Country]  # folded name -> country
    definite: frozenset[str] = frozenset()  # codes written "the ..." ("the United States")
    demonyms: Mapping[str, str] = field(default_factory=dict)  # folded demonym form -> code

    def find(self, text: str) -> list[Actor]:
        """Every non-overlapping actor mention in ``text``, longest first, in text order.

        >>> [a.name for a in load_actor_dictionary().find("des tirs de Daech")]
        ['Islamic State']
        """
        folded_case = fold(text, lower=False)
        folded = fold(text)
        found: list[tuple[int, int, str]] = []
        for scanner in self.scanners:
            case_sensitive, aliases = scanner.case_sensitive, scanner.aliases
            for match in scanner.finditer(folded_case if case_sensitive else folded):
                if aliases is not None:
                    key = aliases[alias_key(match.group(), lower=not case_sensitive)]
                else:
                    key = self._key({k for k, v in match.groupdict().items() if v is not None})
                found.append((match.start(), match.end(), key))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken: list[tuple[int, int]] = []
        actors: list[Actor] = []
        for start, end, key in found:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            actors.append(self._actor(text, start, end, key))
        return sorted(actors, key=lambda a: a.mention.start)

    def country(self, name: str) -> Country | None:
        """The country a name ("les États-Unis", "Syria") denotes, if any."""
        key = fold(name).strip()
        for article in ("les ", "le ", "la ", "l'", "the "):
            key = key.removeprefix(article)
        return self.country_names.get(key)

    def government(self, mention: Span, country: Country) -> Actor:
        """The government actor for a country named as an agent."""
        the_name = self.country_name(country.code, article=True)
        return Actor(mention, f"Government of {the_name}", "government", country.code, None)

    def country_name(self, code: str, *, article: bool = False) -> str | None:
        """English name of a country code, with "the" where ACLED writes it when ``article``."""
        country = next((c for c in self.countries if c.code == code), None)
        if country is None:
            return None
        return f"the {country.name}" if article and code in self.definite else country.name

    def localize(self, actor: Actor, country: str | None) -> Actor:
        """ACLED's name for ``actor`` in an event in ``country`` (a code; None when unknown).

        >>> d = load_actor_dictionary()
        >>> civils = d.find("trois civils")[0]
        >>> d.localize(civils, "ML").name
        'Civilians (Mali)'
        """
        entry = self.entries.get(actor.dictionary_id or "")
        if entry is None or country is None:
            return actor
        target = entry.regional.get(country)
        folded = fold(actor.mention.text).strip()
        if (
            target is not None
            and target in self.entries
            and (not entry.regional_aliases or folded in entry.regional_aliases)
        ):
            entry = self.entries[target]
            actor = Actor(actor.mention, entry.name, entry.kind, entry.country_code, entry.id)
        if entry.national is None or actor.country_code is not None:
            return actor
        name, the_name = self.country_name(country), self.country_name(country, article=True)
        if name is None:
            return actor
        return Actor(
            actor.mention,
            entry.national.format(country=name, the_country=the_name),
            entry.kind,
            country,
            entry.id,
        )

    def adjacent_country(self, text: str, mention: Span) -> str | None:
        """The country of a demonym right after (French) or before (English) a mention.

        >>> d = load_actor_dictionary()
        >>> text = "des civils maliens"
        >>> d.adjacent_country(text, d.find(text)[0].mention)
        'ML'
        """
        after = re.match(r"\s+([\w'-]+)", fold(text[mention.end : mention.end + 40]))
        before = re.search(r"([\w'-]+)\s+$", fold(text[max(0, mention.start - 40) : mention.start]))
        for match in (after, before):
            if match is not None and match.group(1) in self.demonyms:
                return self.demonyms[match.group(1)]
        return None

    def is_generic(self, actor: Actor) -> bool:
        entry = self.entries.get(actor.dictionary_id or "")
        return entry is not None and entry.generic

    def _key(self, groups: set[str]) -> str:
        """``<kind>:<country code>`` from the groups a national-force pattern matched."""
        kind = next(n[1:] for n in groups if n.startswith("k"))
        code = next(n[1:] for n in groups if n.startswith("c"))
        return f"{kind}:{code}"

    def _actor(self, text: str, start: int, end: int, key: str) -> Actor:
        span = Span.of(text, start, end)
        if key in self.entries:
            entry = self.entries[key]
            return Actor(span, entry.name, entry.kind, entry.country_code, entry.id)
        kind, code = key.split(":")
        the_name = self.country_name(code, article=True)
        if kind == "government":
            return Actor(span, f"Government of {the_name}", "government", code, key)
        label = "Police Forces" if kind == "police" else "Military Forces"
        return Actor(span, f"{label} of {the_name}", "state_force", code, key)


def load_actor_dictionary(paths: Sequence[Path] = ()) -> ActorDictionary:
    """Read the packaged ``actors.v2.yaml`` and merge user files over it (same id replaces).

    >>> load_actor_dictionary().entries["pmf"].name
    'Popular Mobilization Forces'
    """
    origin = f"eventwire/data/{_PACKAGED}"
    source = resources.files("eventwire") / "data" / _PACKAGED
    base = read_mapping(source.read_text(encoding="utf-8"), origin)
    version = str(base.get("version"))
    entries = read_entries(base, origin)
    countries = read_countries(base.get("countries") or (), origin)
    forces = base.get("forces") or {}
    for path in paths:
        try:
            raw = read_mapping(Path(path).read_text(encoding="utf-8"), str(path))
        except OSError as err:
            raise InputError(str(path), f"cannot read actor dictionary ({err.strerror})") from err
        entries.update(read_entries(raw, str(path)))
        countries += read_countries(raw.get("countries") or (), str(path))
        version = f"{version}+{raw.get('version', Path(path).stem)}"
    return ActorDictionary(
        version=version,
        entries=entries,
        countries=countries,
        scanners=compile_scanners(list(entries.values()), countries, forces),
        country_names=country_names(countries),
        definite=frozenset(str(c) for c in base.get("definite_article") or ()),
        demonyms=demonym_forms(countries),
    )


def ner_actors(nlp_doc: Any, known: Iterable[Actor], text: str) -> list[Actor]:
    """PER and ORG entities that no dictionary mention covers: person / organization actors.

    Single capitalised words are left to the geoparser, which skips actor spans.
    """
    taken = [(a.mention.start, a.mention.end) for a in known]
    actors = []
    for ent in nlp_doc.ents:
        kind = {"PER": "person", "PERSON": "person", "ORG": "organization"}.get(ent.label_)
        if kind is None or "\n" in ent.text or len(ent.text) < 3:
            continue
        if any(ent.start_char < e and s < ent.end_char for s, e in taken):
            continue
        if ent.start > 0 and nlp_doc[ent.start - 1].lower_ in _LOCATIVE_BEFORE:
            continue
        if len(ent) == 1 and not ent.text.isupper():
            continue  # one capitalised word: as often a misread town ("shelled Nikopol") as a group
        if _dateline(text, ent.start_char, ent.end_char):
            continue
        span = Span.of(text, ent.start_char, ent.end_char)
        actors.append(Actor(span, ent.text, cast(ActorKind, kind), None, None))
    return actors


# What follows a dateline's town: ", Oct 22", ", Mali (AP) —", " (Reuters) -", " — ".
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|[-–—]+\s)")


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether an upper-case name opens its line as a dateline ("YAOUNDE, Oct 22 (Xinhua) —").

    It says where the story was filed; the recognizer often reads it as an organisation.
    """
    line_start = text.rfind("\n", 0, start) + 1
    name = text[start:end]
    if text[line_start:start].strip() or not name.isupper() or len(name) < 4:
        return False
    return bool(_DATELINE_AFTER.match(text, end))
