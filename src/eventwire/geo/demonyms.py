"""Demonyms: words of nationality ("syrien", "Iraqi", "syro-irakiennes") and the countries named.

A demonym is not a toponym, but it is evidence of which countries an article is about
(issue 5). The lexicon is ``data/demonyms.v1.tsv``; French bases are inflected by rule.

>>> lex = load_demonyms()
>>> lex.countries("syro-irakiennes", language="fr")
('SY', 'IQ')
>>> lex.countries("Iraqis", language="en")
('IQ',)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.errors import InputError

VERSION = "demonyms.v1"
_RESOURCE = "demonyms.v1.tsv"


@dataclass(frozen=True, slots=True)
class Demonyms:
    """Lookup tables: ``(language, folded form) -> country code``, for words and prefixes."""

    forms: Mapping[tuple[str, str], str]
    prefixes: Mapping[tuple[str, str], str]

    def countries(self, word: str, *, language: str) -> tuple[str, ...]:
        """Countries named by ``word`` (a compound names several), or ``()``."""
        key = _fold(word)
        whole = self.forms.get((language, key))
        if whole is not None:
            return (whole,)
        parts = key.replace("–", "-").split("-")
        if len(parts) < 2:
            return ()
        out: list[str] = []
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            code = (
                self.forms.get((language, part))
                if last
                else (self.prefixes.get((language, part)) or self.forms.get((language, part)))
            )
            if code is None:
                return ()
            if code not in out:
                out.append(code)
        return tuple(out)


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")


def _inflect(base: str, language: str) -> set[str]:
    if language == "en":
        return {base, base + "s"}
    forms = {base, base + "e", base + "s", base + "es"}
    if base.endswith("n"):
        forms |= {base + "ne", base + "nes"}
    if base.endswith("s"):
        forms.discard(base + "s")
    return forms


def parse_demonyms(text: str, *, origin: str = _RESOURCE) -> Demonyms:
    """Parse the TSV lexicon (``country, language, forms``); ``#`` starts a comment line."""
    forms: dict[tuple[str, str], str] = {}
    prefixes: dict[tuple[str, str], str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or len(fields[0]) != 2:
            raise InputError(f"{origin}:{number}", "expected 'CC<TAB>language<TAB>forms'")
        code, language, words = fields
        for word in filter(None, (w.strip() for w in words.split(","))):
            if language.endswith("-prefix"):
                prefixes[(language.removesuffix("-prefix"), _fold(word))] = code
            else:
                for form in _inflect(word, language):
                    forms.setdefault((language, _fold(form)), code)
    return Demonyms(forms, prefixes)


def load_demonyms(path: Path | None = None) -> Demonyms:
    """Read the bundled lexicon (or ``path``)."""
    if path is not None:
        return parse_demonyms(path.read_text(encoding="utf-8"), origin=str(path))
    text = resources.files("eventwire.data").joinpath(_RESOURCE).read_text(encoding="utf-8")
    return parse_demonyms(text)
