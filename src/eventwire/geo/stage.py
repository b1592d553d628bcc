"""The geo stage: toponym mentions of ``doc.nlp`` resolved to GeoNames places (issue 5).

Runs after the actor stage so that known armed groups ("Hachd al-Chaabi") are never read
as places; demonyms count as country evidence but are not places.

>>> stage = GeoStage(Gazetteer.open(path))                         # doctest: +SKIP
>>> [p.name for p in stage(doc).places if p.resolved][:2]          # doctest: +SKIP
['Al-Tanf', 'Syria']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from eventwire.geo.demonyms import Demonyms, load_demonyms
from eventwire.geo.fallback import borrow_points
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.layer import PlaceLayer, load_layers
from eventwire.geo.outlets import Outlets, load_outlets
from eventwire.geo.recognize import recognize
from eventwire.geo.resolve import Lookup, Weights, demonym_places, load_weights, resolve
from eventwire.geo.title import title_countries
from eventwire.records import Document
from eventwire.stage import Stage

# A lookup cache shared by the documents of one pipe() call is cleared this often.
_CACHE_DOCS = 500


class GeoStage(Stage):
    """Assign ``doc.places``: every toponym mention, resolved or abstained."""

    name: ClassVar[str] = "geo"
    requires: ClassVar[tuple[str, ...]] = ("nlp", "actors")
    assigns: ClassVar[tuple[str, ...]] = ("places",)

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        weights: Weights | None = None,
        demonyms: Demonyms | None = None,
        layers: Sequence[PlaceLayer] | None = None,
        outlets: Outlets | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.weights = weights
        self.demonyms = demonyms
        self.layers = layers
        self.outlets = outlets

    def _loaded(self) -> tuple[Weights, Demonyms]:
        # The bundled files are read on first use, not in the constructor.
        if self.weights is None:
            self.weights = load_weights()
        if self.demonyms is None:
            self.demonyms = load_demonyms()
        return self.weights, self.demonyms

    def _lookup(self) -> Lookup:
        # Regions and user places (issue 16) are read on first use, like the weights.
        if self.layers is None:
            self.layers = load_layers()
        return Lookup(self.gazetteer, layers=self.layers)

    def __call__(self, doc: Document) -> Document:
        return self._process(doc, self._lookup())

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        lookup = self._lookup()
        for n, doc in enumerate(docs, start=1):
            yield self._process(doc, lookup)
            if n % _CACHE_DOCS == 0:
                lookup = self._lookup()

    def _process(self, doc: Document, lookup: Lookup) -> Document:
        if doc.nlp is None:
            return doc.evolve(places=())
        weights, demonyms = self._loaded()
        actor_spans = [
            (a.mention.start, a.mention.end) for a in doc.actors if a.kind != "civilians"
        ]
        mentions = recognize(
            doc.nlp,
            language=doc.article.language or "en",
            actor_spans=actor_spans,
            known=lookup.known,
            prominent=lookup.prominent,
            demonyms=demonyms,
        )
        outlets = self._outlets()
        # A news outlet is never a place ("a déclaré à Xinhua"): dropped before it can pull
        # the article's country evidence abroad (issue 16).
        mentions = [
            m for m in mentions if m.kind != "toponym" or not outlets.is_outlet(m.span.text)
        ]
        outlet = outlets.country(doc.article.source)
        prior = (outlet,) if outlet else ()
        # The actors' countries ("Lebanese soldiers", "FAMa") as they stand before any place
        # is read: the actor stage takes them from its dictionary and demonyms (issue 16).
        actor_countries = [
            a.country_code for a in doc.actors if a.country_code and a.kind != "civilians"
        ]
        # The title is not read for places, but the countries it names count likewise.
        actor_countries += title_countries(
            doc.article.title,
            lookup.candidates,
            demonyms,
            language=doc.article.language or "en",
        )
        places = resolve(
            mentions,
            self.gazetteer,
            weights=weights,
            lookup=lookup,
            prior=prior,
            actor_countries=actor_countries,
        )
        places = borrow_points(places, doc.article.text, prior=prior)
        # Demonyms are output as the country they name, role "adjectival" (issue 16): a map of
        # the countries involved needs them; no event is located at them.
        places = sorted([*places, *demonym_places(mentions, lookup)], key=lambda p: p.mention.start)
        return doc.evolve(places=tuple(places))

    def _outlets(self) -> Outlets:
        if self.outlets is None:
            self.outlets = load_outlets()
        return self.outlets
