"""The actor dictionary: canonical names, kinds and aliases, and finding actor mentions in text.

Aliases are matched with regular expressions over an accent- and case-folded copy of the
text that keeps every offset (one character in, one character out), so a mention found in
the folded text is a :class:`Span` of the original. Unknown groups fall back to the NER span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, cast

import yaml

from eventwire.errors import InputError
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
_KINDS = frozenset(
    {
        "person",
        "organization",
        "armed_group",
        "state_force",
        "government",
        "media",
        "civilians",
        "other",
    }
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_QUOTES = "\u2019\u02bc\u2018`\u00b4"
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


@dataclass(frozen=True)
class ActorDictionary:
    """Entries plus the compiled patterns that find them.

    Built by :func:`load_actor_dictionary`.
    """

    version: str
    entries: Mapping[str, ActorEntry]
    countries: tuple[Country, ...]
    # (pattern, case_sensitive, alias key -> entry id); national-force patterns have no
    # alias table and name their kind and country in groups ``k<kind>`` and ``c<code>``.
    patterns: tuple[tuple[re.Pattern[str], bool, Mapping[str, str] | None], ...]
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
        for pattern, case_sensitive, aliases in self.patterns:
            for match in pattern.finditer(folded_case if case_sensitive else folded):
                if aliases is not None:
                    key = aliases[_alias_key(match.group(), lower=not case_sensitive)]
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


def fold(text: str, *, lower: bool = True) -> str:
    """Strip accents (and case) one character at a time, so offsets stay valid.

    >>> fold("État–islamique")
    'etat-islamique'
    """
    # Each distinct character is folded once: an article has a few dozen of them.
    table = {char: _fold_char(char, lower=lower) for char in set(text)}
    return "".join([table[char] for char in text])


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


def load_actor_dictionary(paths: Sequence[Path] = ()) -> ActorDictionary:
    """Read the packaged ``actors.v2.yaml`` and merge user files over it (same id replaces).

    >>> load_actor_dictionary().entries["pmf"].name
    'Popular Mobilization Forces'
    """
    origin = f"eventwire/data/{_PACKAGED}"
    source = resources.files("eventwire") / "data" / _PACKAGED
    base = _read(source.read_text(encoding="utf-8"), origin)
    version = str(base.get("version"))
    entries = _entries(base, origin)
    countries = _countries(base.get("countries") or (), origin)
    forces = base.get("forces") or {}
    for path in paths:
        try:
            raw = _read(Path(path).read_text(encoding="utf-8"), str(path))
        except OSError as err:
            raise InputError(str(path), f"cannot read actor dictionary ({err.strerror})") from err
        entries.update(_entries(raw, str(path)))
        countries += _countries(raw.get("countries") or (), str(path))
        version = f"{version}+{raw.get('version', Path(path).stem)}"
    return ActorDictionary(
        version=version,
        entries=entries,
        countries=countries,
        patterns=_compile(list(entries.values()), countries, forces),
        country_names=_country_names(countries),
        definite=frozenset(str(c) for c in base.get("definite_article") or ()),
        demonyms=_demonyms(countries),
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


def _read(text: str, origin: str) -> dict[str, Any]:
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise InputError(origin, "expected a mapping with 'version' and 'groups'")
    return raw


def _entries(raw: Mapping[str, Any], origin: str) -> dict[str, ActorEntry]:
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


def _countries(rows: Iterable[Any], origin: str) -> tuple[Country, ...]:
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != 5:
            raise InputError(
                origin, f"countries[{i}]: expected [code, name, [fr], [en adj], [fr adj]]"
            )
        code, name, names_fr, dem_en, dem_fr = row
        out.append(Country(str(code), str(name), tuple(names_fr), tuple(dem_en), tuple(dem_fr)))
    return tuple(out)


def _fr_demonym_regex(stem: str) -> str:
    """A French demonym with its endings; a combining form ("américano-") opens a compound whose
    first country leads ("frappes américano-britanniques": ACLED codes the leading state)."""
    if stem.endswith("-"):
        return _alias_regex(stem) + r"-\w+"
    return _alias_regex(stem) + r"(?:ne|e|ue)?s?"


def _demonyms(countries: Iterable[Country]) -> dict[str, str]:
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


def _country_names(countries: Iterable[Country]) -> dict[str, Country]:
    names: dict[str, Country] = {}
    for country in countries:
        for name in (country.name, *country.names_fr):
            names[fold(name)] = country
    for alias, code in (("us", "US"), ("u.s.", "US"), ("uk", "GB"), ("america", "US")):
        match = next((c for c in countries if c.code == code), None)
        if match is not None:
            names.setdefault(alias, match)
    return names


def _alias_regex(alias: str) -> str:
    """A folded alias as a regex: any run of spaces or hyphens matches any other."""
    parts = re.split(r"[\s\-]+", fold(alias, lower=not _is_acronym(alias)).strip())
    return r"[\s\-]+".join(re.escape(p).replace("'", "'?") for p in parts if p)


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("/", "")
    return len(letters) <= 5 and letters.isupper()


def _compile(
    entries: Sequence[ActorEntry], countries: Sequence[Country], forces: Mapping[str, Any]
) -> tuple[tuple[re.Pattern[str], bool, Mapping[str, str] | None], ...]:
    """Case-sensitive acronyms, everything else folded, then the national-force patterns.

    Alias patterns hold no groups (hundreds of groups make every match slow): the matched
    text's alias key finds its entry. Aliases come longest first, across entries: a regex
    alternation takes the first alternative that matches, and "État islamique au Sahel"
    (ISGS) must win over "État islamique" (IS).
    """
    out: list[tuple[re.Pattern[str], bool, Mapping[str, str] | None]] = []
    for case_sensitive in (True, False):
        aliases: dict[str, str] = {}
        regexes: dict[str, str] = {}
        for entry in entries:
            for alias in entry.aliases:
                if _is_acronym(alias) == case_sensitive:
                    aliases.setdefault(_alias_key(alias, lower=not case_sensitive), entry.id)
                    regexes.setdefault(_alias_regex(alias), alias)
        if regexes:
            body = "|".join(sorted(regexes, key=lambda r: (-len(regexes[r]), r)))
            flags = 0 if case_sensitive else re.IGNORECASE
            out.append(
                (re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags), case_sensitive, aliases)
            )
    for body in _force_patterns(countries, forces):
        out.append((re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), False, None))
    return tuple(out)


def _alias_key(text: str, *, lower: bool) -> str:
    """What an alias and a text it matched share.

    Folded, apostrophes out, one space between words.
    """
    return " ".join(w for w in re.split(r"[\s\-]+", fold(text, lower=lower).replace("'", "")) if w)


def _longest_first(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, the longest first."""
    return "|".join(_alias_regex(w) for w in sorted(words, key=len, reverse=True))


def _force_patterns(countries: Sequence[Country], forces: Mapping[str, Any]) -> list[str]:
    """National forces: French "armée syrienne" / "armée du Mali", English "Syrian troops"."""

    def words(lang: str) -> str:
        # the longest alias first, so that the alternation prefers it
        return "|".join(
            f"(?P<k{kind}>{_longest_first(ws.get(lang) or ())})" for kind, ws in forces.items()
        )

    fr_tails, en_heads = [], []
    for c in countries:
        dems = [_fr_demonym_regex(d) for d in c.demonyms_fr]
        names = "|".join(_alias_regex(n) for n in c.names_fr)
        of_name = rf"(?:de\s+la\s+|de\s+l'|du\s+|des\s+|d'|de\s+)(?:{names})"
        fr_tails.append(f"(?P<c{c.code}>{'|'.join(dems)}|{of_name})")
        heads = "|".join(_alias_regex(d) for d in (*c.demonyms_en, c.name))
        en_heads.append(f"(?P<c{c.code}>{heads})")
    if not countries or not forces:
        return []
    # "US-British strikes": the first country leads; only a demonym may follow the hyphen, so
    # that "US-backed forces" stays the proxy, not the sponsor
    partners = _longest_first([d for c in countries for d in c.demonyms_en])
    return [
        rf"(?:{words('fr')})\s+(?:{'|'.join(fr_tails)})",
        rf"(?:{'|'.join(en_heads)})(?:-(?:{partners}))?(?:'s)?\s+(?:{words('en')})",
    ]
