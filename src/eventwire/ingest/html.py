"""HTML pages: main text, title, publication date and outlet, via trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.errors import InputError


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None


def parse_html(html: str, *, origin: str) -> HtmlArticle:
    """Extract the main text and metadata of an HTML page (scripts and boilerplate dropped)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, fast=True
        )
    except (ValueError, TypeError, AttributeError, AssertionError) as err:
        # AssertionError: htmldate (inside trafilatura) drops a parentless <iframe> with
        # lxml's drop_tree(), which asserts; found by tests/ingest/test_properties.py.
        raise InputError(origin, f"unparsable HTML ({err})") from None
    # as_dict=False (the default) gives a Document; the dict branch of the stub cannot happen.
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise InputError(origin, "HTML page has no main text")
    text = (doc.text or "").strip()
    title = (doc.title or "").strip()
    if title and text.startswith(title):  # trafilatura keeps the <h1>; the title is metadata
        text = text[len(title) :].lstrip()
    return HtmlArticle(
        text=text,
        title=doc.title or None,
        published=doc.date or None,
        source=doc.sitename or None,
        url=doc.url or None,
    )
