"""Property over real copy (issue 15): every source eventwire names in the real development set
names a speaker: never a date, a weekday, a number, a pronoun or a fragment such as "-t".

The texts are read from ../shared at test time; nothing of them is copied here.
"""

from __future__ import annotations

import re

import pytest

from eventwire.evaluate.realdev import REALDEV, article_records, find_shared, read_texts
from eventwire.events.attribution import is_speaker_name

_WEEKDAYS = re.compile(
    r"^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b",
    re.IGNORECASE,
)


@pytest.mark.slow
def test_real_dev_set_sources_name_speakers(shared) -> None:
    from eventwire.pipeline import load_pipeline

    ids = {p.stem for p in (REALDEV / "gold").glob("*.yaml")}
    rows = read_texts(find_shared() / "data" / "realnews" / "articles.jsonl")
    articles = article_records([rows[i] for i in sorted(ids) if i in rows])
    assert len(articles) > 100
    bad = []
    for result in load_pipeline().extract_many(articles):
        outlet = (result.article.source or "").lower()
        for event in result.events:
            for source in event.attribution:
                name = source.name.strip()
                if (
                    not is_speaker_name(name, pronoun=False)
                    or _WEEKDAYS.match(name)
                    or len(name) < 2
                    or name.lower() == outlet
                    or name.startswith("-")
                ):
                    bad.append((result.article.id, name))
    assert bad == []
