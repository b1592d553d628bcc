"""A watched source's country is its outlet's: the geo stage counts it as evidence (issue 18)."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.geo.outlets import load_outlets
from eventwire.pipeline import build_stages


def test_extra_outlet_rows_win_and_are_case_folded():
    outlets = load_outlets().extended([("Gazette de Kidal", "ml"), ("Radio Okapi", "ML")])
    assert outlets.country("gazette de kidal") == "ML"
    assert outlets.country("Radio Okapi") == "ML"  # the analyst's row wins
    assert load_outlets().country("Gazette de Kidal") is None


def test_the_pipeline_geo_stage_reads_settings_outlets():
    stages = build_stages(Settings(outlet_countries=(("Gazette de Kidal", "ML"),)))
    (geo,) = [s for s in stages if s.name == "geo"]
    assert geo.outlets.country("Gazette de Kidal") == "ML"
