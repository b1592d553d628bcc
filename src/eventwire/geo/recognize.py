"""Toponym recognition: spaCy entities, repaired with the gazetteer, patterns and actors (issue 5).

spaCy's French model tags "Tell Mozan" as a person and "Hachd al-Chaabi" (an armed group)
as a place. ``recognize`` keeps LOC/GPE/FAC entities, cleans them ("province d'al-Anbar"
becomes "al-Anbar" typed ADM1), adds capitalised names the gazetteer knows and names
in toponym patterns ("les localités de X, de Y", "X, Y", "X à Y"), marks names nested
in organisations as ``in_name``, turns nationality words into country evidence, and drops
whatever overlaps a known actor.

>>> import spacy                                                    # doctest: +SKIP
>>> nlp = spacy.load("fr_core_news_md")  # doctest: +SKIP
>>> doc = nlp("Des obus sur les localités de Tell Mozan et d'Alep.")  # doctest: +SKIP
>>> [m.span.text for m in recognize(doc, language="fr", actor_spans=())]  # doctest: +SKIP
['Tell Mozan', 'Alep']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from eventwire.calendar_words import MONTHS, WEEKDAYS
from eventwire.geo.compass import compass_regions
from eventwire.geo.demonyms import Demonyms
from eventwire.nlp.memo import doc_text
from eventwire.records import Span

MentionKind = Literal["toponym", "demonym"]
Source = Literal["ner", "gazetteer", "pattern"]
Known = Callable[[str], bool]

_PLACE_LABELS = {"fr": {"LOC", "GPE"}, "en": {"GPE", "LOC", "FAC"}}
_OTHER_LABELS = {"ORG", "MISC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"}
_PERSON_LABELS = {"PER", "PERSON"}
# Entities that are no names: a capitalised word inside them ("Monday", "March", "One")
# is never a place, whatever the gazetteer says.
_NOT_NAME_LABELS = {
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
}

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽḤṢṬẒ"
_ART = r"(?:[AaEe][lsnrtdz]|[Aa]sh|[Ee]sh|[Aa]th|[Aa]dh)[-‐]"
# "N'Djamena", "Fada N'Gourma", "N'Zérékoré": a Mande/Sahel N' prefix before a capital.
_N_PREFIX = rf"N['’](?=[{_UP}])"
_WORD = rf"(?:{_ART}|{_N_PREFIX})?[{_UP}](?:[\w‐-]|['’](?=[a-zà-ÿ]))*(?:\.(?:[{_UP}]\.?)+)?"
_NAME_RE = re.compile(rf"(?<![\w-]){_WORD}(?:(?: | (?:[Aa][lsnrtdz]|[Ee][lsnrtdz])[-‐ ]){_WORD})*")
# Romance place names hold a lower-case link: "Mocímboa da Praia", "Santander de Quilichao",
# "Boucle du Mouhoun"; joined only when the whole name is a known place (``_joined``).
_LINKS = frozenset({"da", "de", "do", "dos", "das", "del", "di", "du"})
_LINKED_RE = re.compile(rf"(?<![\w-]){_WORD}(?: (?:{'|'.join(sorted(_LINKS))}) {_WORD})+")


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Trigger nouns before a name, and the GeoNames type they announce (issue 5).
_TRIGGERS: dict[str, str] = {
    "base": "MILB",
    "bases": "MILB",
    "camp": "CAMP",
    "camps": "CAMP",
    "localite": "PPL",
    "localites": "PPL",
    "village": "PPL",
    "villages": "PPL",
    "ville": "PPL",
    "villes": "PPL",
    "town": "PPL",
    "towns": "PPL",
    "city": "PPL",
    "bourgade": "PPL",
    "quartier": "PPL",
    "hameau": "PPL",
    "province": "ADM",
    "provinces": "ADM",
    "gouvernorat": "ADM",
    "gouvernorats": "ADM",
    "governorate": "ADM",
    "region": "ADM",
    "regions": "ADM",
    "wilaya": "ADM",
    "district": "ADM",
    "districts": "ADM",
    "departement": "ADM",
    "etat": "ADM",
    "state": "ADM",
    "county": "ADM",
    "canton": "ADM",
    "prefecture": "ADM",
    "muhafazat": "ADM",
}
_LIST_RE = re.compile(
    r"\b(?P<trigger>localit[ée]s?|villages?|villes?|provinces?|gouvernorats?|r[ée]gions?|"
    r"districts?|wilayas?|towns?|city|cities|governorates?|"
    r"quartiers?|d[ée]partements?)\s+(?P<link>de la |de l'|de l’|des |du |de |d'|d’|of |)",
    re.IGNORECASE,
)
_LIST_SEP = re.compile(
    r"\s*(?:,|\bet\b|\band\b|\bor\b|\bou\b)\s*(?:de la |de l'|de l’|des |du |de |d'|d’|of )?"
)
_LEADING = re.compile(
    r"^(?:(?:le|la|les|the|du|de|des)\s+|[ld]['’]\s*)?"
    r"(?:(?P<trigger>province|gouvernorat|r[ée]gion|ville|district|wilaya|base|camp|"
    r"city|town|village|localit[ée]|governorate|state|county|[ée]tat)\s+"
    r"(?:de la |de l'|de l’|des |du |de |d'|d’|of (?:the )?|)?)?",
    re.IGNORECASE,
)
# A division noun after the name ("Parwan province", "Duk County", "Jonglei state"): not
# part of the name (ANNOTATION.md: span = the name only). "City" stays: "Mexico City".
_TRAILING = re.compile(
    r"\s+(?P<trigger>province|county|state|district|region|governorate|prefecture)$",
    re.IGNORECASE,
)
# A weekday is never part of a place's name (months are: "Mai-Ndombe"); a day number may
# follow it ("Gao mardi 3").
_TRAILING_DAY = re.compile(
    rf"\s+(?:{'|'.join(sorted(WEEKDAYS))})(?:\s+\d{{1,2}})?$",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|to|into|outside|à|a|près de|pres de|dans|vers|depuis|en|au|aux|"
    r"sur|de|d'|d’)\s*)$",
    re.IGNORECASE,
)
_PAIR = re.compile(r"^\s*(?:,|\bin\b|\bà\b|\bnear\b|\bprès de\b|\bpres de\b)\s*$")
# Capitalised common nouns NER keeps calling places.
_STOP = frozenset(
    [
        "etat",
        "etats",
        "resistance",
        "ouest",
        "est",
        "nord",
        "sud",
        "occident",
        "orient",
        "state",
        "states",
        "west",
        "east",
        "north",
        "south",
        "earth",
        "pentagone",
        "pentagon",
        "video",
        "partager",
        "source",
    ]
)
# A ministry's portfolio follows these: "ministre (yéménite) de l'Information", "Ministry of
# Interior".
_PORTFOLIO = re.compile(
    r"(?:\bminist(?:re|ère)s?(?:\s+[\w-]+)?\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+)"
    r"|\bminist(?:er|ry)\s+(?:of\s+(?:the\s+)?|for\s+(?:the\s+)?))$",
    re.IGNORECASE,
)
_US = frozenset({"US", "USA", "U.S.", "E.-U."})
# Capitalised words that head organisation and title names, and calendar words: towns of
# these names exist ("Police", Poland; "March", England; "Union", New Jersey), but in
# news a lone capitalised one is almost never that town. Only gazetteer-found single
# words are checked; NER place entities are kept.
_COMMON = frozenset(
    [
        "school",
        "police",
        "county",
        "house",
        "center",
        "centre",
        "court",
        "council",
        "university",
        "state",
        "national",
        "international",
        "news",
        "times",
        "church",
        "union",
        "royal",
        "federal",
        "general",
        "street",
        "road",
        "hill",
        "bible",
        "army",
        "trade",
        "gate",
        "daily",
        "inc",
        "god",
        "iron",
        "green",
        "law",
        "policy",
        "plant",
        "bureau",
        "free",
        "latin",
        "arab",
        "muslim",
        "christian",
        "college",
        "hospital",
        "department",
        "city",
        "park",
        "lake",
        "river",
        "valley",
        "mount",
        "airport",
        "bank",
        "museum",
        "library",
        "senate",
        "congress",
        "assembly",
        "parliament",
        "ministry",
        "office",
        "post",
        "press",
        "media",
        "city",
        "town",
        "village",
        "district",
        "region",
        "province",
        "island",
        "islands",
        "beach",
        "port",
        "station",
        "square",
        "act",
        "justice",
        "leader",
        "man",
        "time",
        "drug",
        "industry",
        "central",
        "southern",
        "northern",
        "eastern",
        "western",
        "king",
        "queen",
        "prince",
        "pope",
        "sen",
        "det",
        "ave",
        "unite",
        "jesus",
        "god",
        "miss",
        "mass",
        "wash",
        "ore",
        "del",
        "ind",
    ]
) | frozenset(_fold(w) for w in MONTHS | WEEKDAYS)


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym (or demonym) in the text, before resolution.

    ``type_hint`` is the GeoNames type a trigger word announces ("ADM" for provinces,
    "PPL", "MILB", "CAMP"); ``countries`` are the countries a demonym names.
    """

    span: Span
    kind: MentionKind = "toponym"
    role: Literal["event", "in_name", "adjectival"] = "event"
    source: Source = "ner"
    type_hint: str | None = None
    countries: tuple[str, ...] = ()
    #: A locative preposition introduces it ("à Ménaka", "in Kaduna", "the town of X"):
    #: the town rather than its same-name division (issue 16).
    locative: bool = False
    #: Inside an actor's name ("Israeli artillery", "the Myanmar military"): output, but the
    #: actor's country is no evidence of where the article's places lie.
    in_actor: bool = False


@dataclass(frozen=True, slots=True)
class _Entity:
    start: int
    end: int
    label: str


def recognize(
    spacy_doc: Any,
    *,
    language: str,
    actor_spans: Iterable[tuple[int, int]] = (),
    known: Known | None = None,
    prominent: Known | None = None,
    demonyms: Demonyms | None = None,
) -> list[Mention]:
    """Find the toponym and demonym mentions of a spaCy ``Doc``, in text order.

    ``known(name)`` says whether the gazetteer has a plausible place of that name; without
    it only entities and patterns are used. ``prominent(name)``, a stricter test (default:
    ``known``), decides which words inside organisation names are read as places.
    ``actor_spans`` are ``(start, end)`` offsets of actor mentions (not civilians):
    overlapping place readings are dropped.
    """
    text: str = doc_text(spacy_doc)
    known_raw = known or (lambda name: False)
    prominent_raw = prominent or known_raw
    known = _plain(known_raw, prominent_raw)
    prominent = _plain(prominent_raw, prominent_raw)
    entities = [_Entity(e.start_char, e.end_char, e.label_) for e in spacy_doc.ents]
    found: list[Mention] = []
    found += _from_lists(text, known)
    found += [  # "la région du nord-ouest": a region's name, lower case (compass.py)
        Mention(Span.of(text, s, e), source="pattern", type_hint="ADM")
        for s, e in compass_regions(text)
    ]
    found += _from_entities(text, entities, language, known, demonyms)
    found = _joined(spacy_doc, found, known)
    found += _from_names(spacy_doc, entities, known, prominent, found)
    found = _resolve_overlaps(found)
    found += _from_pairs(spacy_doc, entities, found)
    found = _resolve_overlaps(found)
    if demonyms is not None:
        taken = [(m.span.start, m.span.end) for m in found]
        found += find_demonyms(text, language=language, lexicon=demonyms, taken=taken)
    people = _person_words(text, entities, known)
    kept = [
        _in_actor(m, list(actor_spans), prominent)
        for m in found
        if not (m.kind == "toponym" and m.span.text in people)
    ]
    return sorted(
        (with_hint(text, _compound_adjective(text, m)) for m in kept if m is not None),
        key=lambda m: m.span.start,
    )


# "Iran-backed", "Saudi-led", "Kenya-based": an adjective (ANNOTATION.md), not a place.
_COMPOUND_ADJECTIVE = re.compile(
    r"[-‐](?:backed|led|allied|based|funded|sponsored|aligned|supported|linked|brokered)\b"
)


def _compound_adjective(text: str, mention: Mention) -> Mention:
    """A toponym in an "X-backed" compound: output as adjectival, no evidence of where."""
    if mention.kind != "toponym" or not _COMPOUND_ADJECTIVE.match(text, mention.span.end):
        return mention
    return replace(mention, role="adjectival", in_actor=True)


def _in_actor(
    mention: Mention, actors: Sequence[tuple[int, int]], prominent: Known
) -> Mention | None:
    """A mention inside an actor's name: a country or a big town is still named ("the Myanmar
    military", "Mali's army", "Moscow's forces") but never where an event happened
    (``in_name``), and so is a demonym ("Israeli artillery"); neither is evidence of where
    the article's places lie. Anything else is no place ("Hachd al-Chaabi")."""
    if not _overlaps_any(mention.span.start, mention.span.end, actors):
        return mention
    if mention.kind == "demonym":
        return replace(mention, in_actor=True)
    if prominent(mention.span.text):
        return replace(mention, role="in_name", in_actor=True)
    return None


def _joined(spacy_doc: Any, found: list[Mention], known: Known) -> list[Mention]:
    """One mention for a known name that NER cut in pieces ("Fada" + "N'Gourma")."""
    text: str = doc_text(spacy_doc)
    out = list(found)
    for name in [*_NAME_RE.finditer(text), *_LINKED_RE.finditer(text)]:
        start, end = name.span()
        if _POSSESSIVE.search(name.group()):
            end -= 2
        pieces = [m for m in out if start <= m.span.start and m.span.end <= end]
        if not pieces or any(m.span.end - m.span.start == end - start for m in pieces):
            continue
        rest = [(m.span.start, m.span.end) for m in out if m not in pieces]
        if _overlaps_any(start, end, rest) or not _bare_words_are_names(
            spacy_doc, pieces, start, end
        ):
            continue
        if known(text[start:end]):
            whole = replace(pieces[0], span=Span.of(text, start, end))
            out = [m for m in out if m not in pieces] + [whole]
    return out


def _bare_words_are_names(spacy_doc: Any, pieces: list[Mention], start: int, end: int) -> bool:
    """Whether the words of ``start:end`` outside ``pieces`` are proper nouns ("Addis" of
    "Addis Abeba", not the "En" of a sentence-initial "En Syrie")."""
    covered = [(m.span.start, m.span.end) for m in pieces]
    text = doc_text(spacy_doc)
    words = _words(text, start, end)
    return all(
        _proper_noun(spacy_doc, *w)
        for w in words
        if not _overlaps_any(*w, covered) and text[w[0] : w[1]] not in _LINKS
    )


def _plain(known: Known, prominent: Known) -> Known:
    """``known`` that refuses common capitalised words ("March", "Police") and takes
    acronyms ("HIV", "FAO", "IoT") only when they name a prominent place ("UAE")."""

    def test(name: str) -> bool:
        if _fold(name) in _COMMON:
            return False
        return prominent(name) if _ACRONYM.fullmatch(name) else known(name)

    return test


_ACRONYM = re.compile(r"[A-Z][\w.]*[A-Z][\w.]*")


def _overlaps_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _name_at(text: str, start: int) -> re.Match[str] | None:
    match = _NAME_RE.match(text, start)
    return match if match and match.end() > start else None


def _from_lists(text: str, known: Known) -> list[Mention]:
    """Names after a trigger noun, with their coordinated siblings: "les localités de X, de Y".

    Without "de"/"of" ("the city Council", "county Public Schools") the first name must be
    a known place.
    """
    out: list[Mention] = []
    for trig in _LIST_RE.finditer(text):
        first = _name_at(text, trig.end())
        if not trig.group("link") and (first is None or not known(first.group())):
            continue
        hint = _TRIGGERS.get(_fold(trig.group("trigger")).rstrip("s")) or _TRIGGERS.get(
            _fold(trig.group("trigger"))
        )
        pos = trig.end()
        while (name := _name_at(text, pos)) is not None:
            if name.group() in _US:
                break
            out.append(
                Mention(Span.of(text, name.start(), name.end()), source="pattern", type_hint=hint)
            )
            sep = _LIST_SEP.match(text, name.end())
            if sep is None or sep.end() == name.end():
                break
            pos = sep.end()
    return out


def _from_entities(
    text: str,
    entities: list[_Entity],
    language: str,
    known: Known,
    demonyms: Demonyms | None,
) -> list[Mention]:
    out: list[Mention] = []
    place_labels = _PLACE_LABELS.get(language, {"LOC", "GPE"})
    people = _person_words(text, entities, known)
    for ent in [piece for e in entities for piece in _split_possessive(text, e)]:
        start, end, hint = _clean(text, ent.start, ent.end)
        start = _compass_trimmed(text, start, end, known)
        if start >= end or _not_a_name(text[start:end]):
            continue
        surface = text[start:end]
        if ent.label in place_labels:
            if _place_kept(text, start, surface, hint, language, demonyms):
                out.append(Mention(Span.of(text, start, end), source="ner", type_hint=hint))
        elif ent.label in _OTHER_LABELS:
            if known(surface) and not _is_demonym(surface, language, demonyms):
                out.append(Mention(Span.of(text, start, end), source="gazetteer"))
        elif ent.label in _PERSON_LABELS and _known_not_person(text, start, surface, known, people):
            out.append(Mention(Span.of(text, start, end), source="gazetteer"))
    return out


# "Northern Burkina Faso": a part of a country named by the compass, no place of its own.
_COMPASS_ADJECTIVE = re.compile(
    r"(?:(?:north|south)(?:[- ]?(?:east|west))?ern|eastern|western|central)\s+", re.IGNORECASE
)


def _compass_trimmed(text: str, start: int, end: int, known: Known) -> int:
    """Where the name starts once a compass adjective that the gazetteer does not know as part
    of the name is left out: "Northern Burkina Faso" is Burkina Faso (ACLED codes a part of a
    country at the country, precision 3), "Northern Ireland" and "Central Java" stay."""
    lead = _COMPASS_ADJECTIVE.match(text, start, end)
    if lead is None or lead.end() >= end or known(text[start:end]):
        return start
    return lead.end() if known(text[lead.end() : end]) else start


def _not_a_name(surface: str) -> bool:
    """A stop word, or a lower-case word: "État kurde" trimmed to "kurde" is no name."""
    return _fold(surface) in _STOP or surface[0].islower() and not re.match(_ART, surface)


def _place_kept(
    text: str,
    start: int,
    surface: str,
    hint: str | None,
    language: str,
    demonyms: Demonyms | None,
) -> bool:
    """A place entity that names a place: not a minister's portfolio, not a demonym."""
    if _PORTFOLIO.search(text[max(0, start - 40) : start]):
        return False  # "le ministre yéménite de l'Information", "Minister of the Interior"
    # "la base US", "Américains": evidence, handled by _demonyms
    return not (
        _is_demonym(surface, language, demonyms)
        or (surface in _US and (hint is not None or _us_adjective(text, start, language)))
    )


def _known_not_person(
    text: str, start: int, surface: str, known: Known, people: frozenset[str]
) -> bool:
    """A person-tagged known place name after a locative word, or that no person bears."""
    if not known(surface):
        return False
    before = text[max(0, start - 12) : start]
    return bool(_LOCATIVE.search(before)) or not _person_like(surface, before, people)


_INNER_POSSESSIVE = re.compile(r"\w(['’]s)\s+(?=[A-Z])")


def _split_possessive(text: str, ent: _Entity) -> list[_Entity]:
    """ "South Sudan's Jonglei" is two places: the entity split after the possessive."""
    match = _INNER_POSSESSIVE.search(text, ent.start, ent.end)
    if match is None:
        return [ent]
    return [
        _Entity(ent.start, match.start(1), ent.label),
        _Entity(match.end(), ent.end, ent.label),
    ]


def _person_words(text: str, entities: list[_Entity], known: Known) -> frozenset[str]:
    """Words of the article's multi-word person names ("Andrew Jackson": both words).

    NER also tags as persons a place with its compass word ("Northern Mali") and names of
    groups ("the Tigray People's Liberation Front"): their words are no person's.
    """
    out: set[str] = set()
    for e in entities:
        surface = text[e.start : e.end].strip()
        if e.label not in _PERSON_LABELS or " " not in surface or _GROUP_WORD.search(surface):
            continue
        bare = _COMPASS_WORD.sub("", surface)
        if bare != surface and known(bare):
            continue
        out.update(surface.split())
    return frozenset(out)


_GROUP_WORD = re.compile(
    r"\b(?:Front|Liberation|Army|Forces?|Party|Movement|Council|Union|Brigades?|Militia|"
    r"Group|Alliance|Coalition|Committee|Authority|Government|Ministry|Police|Republic|"
    r"Province|Region|State|County|District|Mouvement|Armée|Parti|Conseil)\b"
)
_COMPASS_WORD = re.compile(
    r"^(?:the\s+)?(?:Northern|Southern|Eastern|Western|Central|North-?(?:ern)?|Upper|Lower|"
    r"North-?(?:east|west)(?:ern)?|South-?(?:east|west)(?:ern)?)\s+",
    re.IGNORECASE,
)


def _person_like(surface: str, before: str, people: frozenset[str]) -> bool:
    """A person-tagged name that is one: part of a full person name in the article, or
    after a title ("Mr. Jackson"). NER tags many lone town names (Alexandria, Sioux Falls,
    Tamil Nadu) as persons; these are not person-like."""
    if _TITLE.search(before):
        return True
    return any(word in people for word in surface.split())


_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Mme|M|President|Senator|Governor|Mayor|Judge|Pope|"
    r"King|Queen|Prince|Officer|Coach|Minister|General|Gen|Lt|Sgt|Capt|Col)\.?\s*$"
)


def _clean(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """Trim an entity to its name: last line, no article or trigger noun, no end punctuation."""
    piece = text[start:end]
    if "\n" in piece:
        last = piece.rstrip().rfind("\n")
        start += last + 1
        piece = text[start:end]
    lead = _LEADING.match(piece)
    hint = None
    if lead and lead.end() and lead.end() < len(piece):
        if lead.group("trigger"):
            hint = _TRIGGERS.get(_fold(lead.group("trigger")))
        start += lead.end()
    end, trailing_hint = _trim_end(text, start, end)
    hint = hint or trailing_hint
    while start < end and text[start].isspace():
        start += 1
    if _N_BEFORE.search(text[max(0, start - 3) : start]):
        start -= 2  # NER cut "N’Djamena" after its apostrophe
    return start, end, hint


def _trim_end(text: str, start: int, end: int) -> tuple[int, str | None]:
    """The name's end without end punctuation, possessive, trailing day or trigger noun, and
    the place type that noun hints at."""
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    if end > start and text[end - 1] == "." and not re.search(r"\.\w\.$", text[start:end]):
        end -= 1
    if _POSSESSIVE.search(text[start:end]):
        end -= 2  # "North Kivu's": the place is "North Kivu"
    day = _TRAILING_DAY.search(text[start:end])
    if day and day.start() > 0:  # "Burkina Faso lundi": NER ran the name into the date
        end = start + day.start()
    trail = _TRAILING.search(text[start:end])
    if trail and trail.start() > 0:  # "Parwan province": the name is "Parwan"
        return start + trail.start(), _TRIGGERS.get(_fold(trail.group("trigger")))
    return end, None


def _us_adjective(text: str, start: int, language: str) -> bool:
    """French puts "US" after its noun as an adjective: "la base US", "forces spéciales US"."""
    if language != "fr":
        return False
    before = re.findall(r"[\w’']+", text[max(0, start - 30) : start])
    return (
        bool(before)
        and before[-1].isalpha()
        and before[-1].islower()
        and (_fold(before[-1]) not in _FR_FUNCTION_WORDS)
    )


_FR_FUNCTION_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "de",
        "des",
        "du",
        "en",
        "et",
        "dans",
        "les",
        "la",
        "le",
        "par",
        "pour",
        "vers",
        "sur",
        "avec",
        "entre",
        "contre",
        "chez",
    ]
)


def _is_demonym(surface: str, language: str, demonyms: Demonyms | None) -> bool:
    return demonyms is not None and bool(demonyms.countries(surface, language=language))


def _from_names(
    spacy_doc: Any,
    entities: list[_Entity],
    known: Known,
    prominent: Known,
    found: list[Mention],
) -> list[Mention]:
    """Capitalised names the gazetteer knows that NER missed; names nested in organisations."""
    text: str = doc_text(spacy_doc)
    taken = [(m.span.start, m.span.end) for m in found]
    out: list[Mention] = []
    for name in _NAME_RE.finditer(text):
        start, end = name.start(), name.end()
        if _POSSESSIVE.search(name.group()):
            end -= 2  # "Alexandria's schools": the place is "Alexandria"
        if _overlaps_any(start, end, taken):
            continue
        inside = [e for e in entities if e.start <= start and end <= e.end]
        label = inside[0].label if inside else None
        if label in _PERSON_LABELS or label in _NOT_NAME_LABELS:
            continue
        if label == "ORG" and not known(text[start:end]):
            out += [
                Mention(Span.of(text, *piece), role="in_name", source="gazetteer")
                for piece in _nested_places(text, _words(text, start, end), prominent)
            ]
            continue
        if label is None and not _proper_noun(spacy_doc, start, end):
            continue
        if known(text[start:end]):
            role: Literal["event", "in_name", "adjectival"] = (
                "in_name" if label == "ORG" else "event"
            )
            out.append(Mention(Span.of(text, start, end), role=role, source="gazetteer"))
    return out


def _nested_places(
    text: str, words: list[tuple[int, int]], prominent: Known
) -> list[tuple[int, int]]:
    """Prominent places inside an organisation's name, longest first: "New York" (not
    "York") in "The New York Times"."""
    out: list[tuple[int, int]] = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            piece = (words[i][0], words[i + size - 1][1])
            if not _overlaps_any(*piece, out) and prominent(text[piece[0] : piece[1]]):
                out.append(piece)
    return sorted(out)


_POSSESSIVE = re.compile(r"\w['’]s$")
_N_BEFORE = re.compile(r"(?<!\w)N['’]$")


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _proper_noun(spacy_doc: Any, start: int, end: int) -> bool:
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if any(tok.pos_ not in ("PROPN", "PUNCT") for tok in span if tok.text[:1].isupper()):
        return False
    return not (span[0].is_sent_start and len(span) == 1 and span[0].is_stop)


def _from_pairs(spacy_doc: Any, entities: list[_Entity], found: list[Mention]) -> list[Mention]:
    """ "X, Y" and "X in/à/près de Y" where Y is a toponym: X is one too."""
    text: str = doc_text(spacy_doc)
    spans = sorted((m.span.start, m.span.end) for m in found if m.kind == "toponym")
    # People, organisations and no-name entities: "on Wednesday near Sake" names no place.
    others = [
        (e.start, e.end) for e in entities if e.label in _PERSON_LABELS | _NOT_NAME_LABELS | {"ORG"}
    ]
    out: list[Mention] = []
    for name in _NAME_RE.finditer(text):
        start, end = name.start(), name.end()
        if _overlaps_any(start, end, spans) or _overlaps_any(start, end, others):
            continue
        if name.group() in _US or not _proper_noun(spacy_doc, start, end):
            continue
        after = [s for s in spans if s[0] >= end and s[0] - end <= 10]
        if after and _PAIR.match(text[end : after[0][0]]):
            out.append(Mention(Span.of(text, start, end), source="pattern"))
    return out


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep one mention per stretch of text: patterns first, then the longest."""
    rank = {"pattern": 0, "ner": 1, "gazetteer": 2}
    ordered = sorted(mentions, key=lambda m: (rank[m.source], m.span.start - m.span.end))
    kept: list[Mention] = []
    for m in ordered:
        if not _overlaps_any(m.span.start, m.span.end, [(k.span.start, k.span.end) for k in kept]):
            kept.append(m)
    return kept


def find_demonyms(
    text: str, *, language: str, lexicon: Demonyms, taken: Sequence[tuple[int, int]] = ()
) -> list[Mention]:
    """Nationality words ("syro-irakiennes", "Iraqi", "la base US") as country evidence.

    Words overlapping a ``taken`` span are skipped.
    """
    out: list[Mention] = []
    looked_up: dict[str, tuple[str, ...]] = {}  # an article repeats its words ("de", "la")
    for word in _WORD_RE.finditer(text):
        start, end = word.span()
        if _overlaps_any(start, end, taken):
            continue
        if word.group() in _US or word.group() + "." in _US:
            end = end + 1 if word.group() + "." in _US else end
            if _us_adjective(text, start, language):
                out.append(Mention(Span.of(text, start, end), kind="demonym", countries=("US",)))
            continue
        if language == "en" and not word.group()[:1].isupper():
            continue
        if word.group() not in looked_up:
            looked_up[word.group()] = lexicon.countries(word.group(), language=language)
        codes = looked_up[word.group()]
        if codes:
            out.append(Mention(Span.of(text, start, end), kind="demonym", countries=codes))
    return out


_WORD_RE = re.compile(r"(?<![\w.-])[^\W\d_]+(?:[-‐.][^\W\d_]+)*")


_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:à|in|at|near|outside|près\s+de|pres\s+de|aux\s+abords\s+de|"
    r"(?:the|la|une?|a)\s+(?:town|city|village|localité|ville|bourgade|commune)\s+(?:of|de|d['’]))"
    r"\s*)$",
    re.IGNORECASE,
)


def with_hint(text: str, mention: Mention) -> Mention:
    """Type hint from a trigger noun among the three words before the mention; and
    ``locative`` when a preposition introduces it ("à Diffa", "in Kaduna", "a village near
    Menaka": the noun names the event's place, the preposition says Menaka is a town), unless
    the hint is a division's ("the province near X" is no sentence that names a town)."""
    if mention.type_hint is not None or mention.kind != "toponym":
        return mention
    before = re.findall(r"[\w’']+", text[max(0, mention.span.start - 40) : mention.span.start])
    hint = next(
        (
            found
            for word in reversed(before[-3:])
            if (found := _TRIGGERS.get(_fold(word).split("'")[-1].split("’")[-1])) is not None
        ),
        None,
    )
    locative = hint != "ADM" and (
        bool(_LOCATIVE_BEFORE.search(text[max(0, mention.span.start - 30) : mention.span.start]))
        or is_dateline_at(text, mention.span.start, mention.span.end)
    )
    return replace(mention, type_hint=hint, locative=locative)


_DATELINE_AFTER = re.compile(r"(?:,\s*[\w .'’-]{2,30})?\s*(?:\(|[-–—]\s|,\s*\d|\s\d)")


def is_dateline_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a dateline, the town the story was filed from:
    "WASHINGTON (AP) —", "GAO, 3 mai"."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    return bool(_DATELINE_AFTER.match(text, end))
