"""A watched source's country is its outlet's: the geo stage counts it as evidence (issue 18)."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.geo.outlets import load_outlets
from eventwire.pipeline import build_stages
from eventwire.watch.items import article_of
from eventwire.watch.sources import Source


def test_extra_outlet_rows_win_and_are_case_folded():
    outlets = load_outlets().extended([("Gazette de Kidal", "ml"), ("Radio Okapi", "ML")])
    assert outlets.country("gazette de kidal") == "ML"
    assert outlets.country("Radio Okapi") == "ML"  # the analyst's row wins
    assert load_outlets().country("Gazette de Kidal") is None


def test_the_pipeline_geo_stage_reads_settings_outlets():
    stages = build_stages(Settings(outlet_countries=(("Gazette de Kidal", "ML"),)))
    (geo,) = [s for s in stages if s.name == "geo"]
    assert geo.outlets.country("Gazette de Kidal") == "ML"


def test_an_item_of_a_source_with_a_country_is_credited_to_that_source():
    from eventwire.ingest.feeds import FeedEntry

    entry = FeedEntry(key="k", link=None, title="t", text="Des hommes armés ont attaqué Tessit.", published=None,
                      outlet="Some Aggregator")
    source = Source(name="Gazette de Kidal", url="http://127.0.0.1/feed", country="ML")
    assert article_of(entry, None, source=source, max_chars=10_000).source == "Gazette de Kidal"
