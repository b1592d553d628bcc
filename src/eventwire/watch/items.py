"""A feed item and its fetched page -> one Article, reusing ingest's HTML and article code.

The page gives the main text, title, date (htmldate inside trafilatura) and outlet; what the
page lacks is taken from the feed entry, then from the sources file.
"""

from __future__ import annotations

from eventwire.errors import InputError
from eventwire.ingest import make_article
from eventwire.ingest.decode import decode
from eventwire.ingest.feeds import FeedEntry
from eventwire.ingest.html import parse_html
from eventwire.records import Article, Rejection
from eventwire.watch.fetch import Fetched
from eventwire.watch.sources import Source

__all__ = ["article_of"]


def article_of(
    entry: FeedEntry, page: Fetched | None, *, source: Source, max_chars: int
) -> Article | Rejection:
    """Build the item's Article from its page (``None``: the entry has no link).

    A page without main text falls back to the entry's own text; an item with neither is
    a Rejection naming the source and the link.
    """
    origin = f"{source.name}: {entry.link or entry.key}"
    fields: dict[str, str | None] = {
        "text": entry.text,
        "title": entry.title,
        "published": entry.published,
        "source": entry.outlet or source.name,
        "url": entry.link,
    }
    problem = None
    if page is not None and page.ok:
        try:
            html = parse_html(decode(page.content, origin=origin), origin=origin)
            fields |= {
                "text": html.text,
                "title": html.title or entry.title,
                "url": page.url,
                "published": html.published or entry.published,
                "source": html.source or fields["source"],
            }
        except InputError as err:
            problem = err.problem
    elif page is not None:
        problem = f"page not fetched ({page.error})"
    if not (fields["text"] or "").strip():
        return Rejection(origin, problem or "item has no link and no text")
    if source.language:
        fields["language"] = source.language
    try:
        return make_article(fields, origin=origin, max_chars=max_chars)
    except InputError as err:
        return Rejection(err.origin, err.problem)
