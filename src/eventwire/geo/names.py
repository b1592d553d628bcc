"""Name keys: one normalizer for place names, used at index time and at query time (issue 4).

``name_key`` folds the spelling differences that French, English and German transliterations
of Arabic (and other) place names make, so that "al-Soussa", "As Sūsah" and "Soussa" share a
key. It is deliberately lossy: a key may match several places; ranking picks among them.

>>> name_key("Deir ez-Zor") == name_key("Dayr az Zawr")
True
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NAME_KEY_VERSION", "fold", "name_key"]

#: Stored in every gazetteer; a file built with other keys must be rebuilt (keys would differ).
NAME_KEY_VERSION = "names.v1"

# Apostrophe-like marks: Arabic ʿayn/hamza transliterations and quotes.
_MARKS = dict.fromkeys(map(ord, "ʿʾ‘’'`´ʼʻ′‛\"“”«»"), None)
# Letters NFKD does not decompose.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ŀ": "l",
        "ŧ": "t",
    }
)
_NON_WORD = re.compile(r"[\W_]+")
# Combining marks (Latin diacritics, Arabic harakat, ...) left by NFKD decomposition.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0f71-\u0f84\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
# Arabic definite article and its sun-letter assimilations, as separate tokens.
_ARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "an",
        "ath",
        "adh",
        "ed",
        "er",
        "es",
        "et",
        "ez",
        "en",
        "esh",
        "ul",
        "il",
        "l",
    ]
)
# Generic words (French/English) around a proper name: dropped at either end of the name.
_GENERIC_PREFIXES = (
    ("gouvernorat", "de"),
    ("gouvernorat", "du"),
    ("gouvernorat", "d"),
    ("gouvernorat",),
    ("governorate", "of"),
    ("province", "of"),
    ("province", "de"),
    ("province", "du"),
    ("province", "d"),
    ("region", "de"),
    ("region", "du"),
    ("region", "d"),
    ("region", "of"),
    ("ville", "de"),
    ("ville", "d"),
    ("city", "of"),
    ("district", "of"),
    ("district", "de"),
    ("muhafazat",),
    ("mouhafazat",),
    ("wilaya", "de"),
    ("wilayat",),
    ("camp", "de"),
)
_GLUED_ARTICLE = re.compile(r"^[ae](?=(dd|tt|rr|zz)\w{2,}$)")
_GENERIC_HEADS = frozenset(p[0] for p in _GENERIC_PREFIXES)
_GENERIC_SUFFIXES = frozenset(
    ["governorate", "gouvernorat", "province", "city", "district", "region", "municipality"]
)
_TELL = frozenset({"tell", "tall", "tal", "tel", "til"})
# Transliteration equivalences, applied left to right in one scan; ``name_key`` repeats
# the scan until nothing changes, so overlapping rules ("aou") still settle.
_SUBSTITUTIONS = {
    "sch": "sh",
    "ch": "sh",
    "dj": "j",
    "gh": "g",
    "ph": "f",
    "ck": "k",
    "q": "k",
    "ou": "u",
    "aw": "u",
    "au": "u",
    "ei": "i",
    "ey": "i",
    "ay": "i",
    "ai": "i",
    "ee": "i",
    "y": "i",
    "o": "u",
    "w": "u",
}
_SUBSTITUTE = re.compile("|".join(_SUBSTITUTIONS))
# French elided article before a name ("l'Irak"), removed before marks are dropped.
_ELISION = re.compile(r"^\s*[lL]\s*['’ʼ]\s*(?=\w)")
_DOUBLES = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """Casefold, strip diacritics and marks, collapse punctuation and spaces.

    ``fold`` is what an "exact" match compares: ``fold("Ménaka") == fold("MENAKA")``.
    """
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name))
        name = name.casefold().translate(_LETTERS)
        if not name.isascii():  # NFKD again: casefold may yield decomposable letters
            name = _COMBINING.sub("", unicodedata.normalize("NFKD", name))
    else:
        name = name.casefold()
    return " ".join(_NON_WORD.sub(" ", name.translate(_MARKS)).split())


def _strip_generic(tokens: list[str]) -> list[str]:
    if tokens and tokens[0] not in _GENERIC_HEADS and tokens[-1] not in _GENERIC_SUFFIXES:
        return tokens
    for prefix in _GENERIC_PREFIXES:
        n = len(prefix)
        if len(tokens) > n and tuple(tokens[:n]) == prefix:
            tokens = tokens[n:]
            break
    if len(tokens) > 1 and tokens[-1] in _GENERIC_SUFFIXES:
        tokens = tokens[:-1]
    return tokens


def _token_key(token: str) -> str:
    if token.isascii():
        if token in _TELL:
            return "tal"
        token = _DOUBLES.sub(r"\1", _SUBSTITUTE.sub(_substitute, token))
        if len(token) > 3:  # final -a/-e/-ah/-eh/-h, keeping at least three letters
            token = token[: max(3, len(token.rstrip("aeh")))]
        return token
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    return token


def _substitute(match: re.Match[str]) -> str:
    return _SUBSTITUTIONS[match.group()]


def _pass(text: str) -> str:
    tokens = text.split()
    tokens = _strip_generic(tokens)
    kept = [t for t in tokens if t not in _ARTICLES]
    tokens = kept or tokens
    # An article glued to its noun by a doubled sun letter ("Deir Ezzor"); never the first
    # word, so that Arras and Essen stay whole.
    tokens = tokens[:1] + [_GLUED_ARTICLE.sub("", t) for t in tokens[1:]]
    return " ".join(_token_key(t) for t in tokens)


def name_key(name: str) -> str:
    """Return the lookup key of a place name; idempotent and total (never raises).

    >>> name_key("al-Soussa") == name_key("As Sūsah")
    True
    >>> name_key("Hassaké") == name_key("Al Ḩasakah")
    True
    """
    text = fold(_ELISION.sub("", name))
    # Repeat until stable: every rule shortens the text or maps letters one way only,
    # so this ends, and the result is a fixed point (name_key(name_key(x)) == name_key(x)).
    for _ in range(len(text) + 2):
        nxt = _pass(text)
        if nxt == text:
            break
        text = nxt
    return text
