"""RSS and Atom feed files, one article per entry, via feedparser."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from eventwire.errors import InputError


def parse_feed(data: bytes, *, origin: str) -> Iterator[dict[str, Any] | InputError]:
    """Yield article fields for each feed entry with text; InputError for unusable entries."""
    import feedparser

    try:
        feed = feedparser.parse(_safe_charrefs(data))
    except (
        ValueError,
        UnicodeError,
        OverflowError,
        RecursionError,
    ) as err:  # feedparser's loose parser
        yield InputError(origin, f"unparsable feed ({err.__class__.__name__}: {str(err)[:100]})")
        return
    if not feed.entries:
        reason = str(getattr(feed, "bozo_exception", "")) or "no entries"
        yield InputError(origin, f"feed has no readable entries ({reason})")
        return
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        html = _entry_html(entry)
        text = _html_to_text(html).strip()
        if not text:
            yield InputError(f"{origin}:entry {number}", "feed entry has no text")
            continue
        yield {
            "text": text,
            "title": entry.get("title") or None,
            "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            "source": outlet,
            "url": entry.get("link") or None,
            "id": entry.get("id") or None,
        }


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed, for a watcher that follows its link (``eventwire watch``)."""

    key: str  # the entry's id (guid), else its link, else its title
    link: str | None  # absolute: relative links are resolved against the feed's URL
    title: str | None
    published: str | None  # ISO 8601, UTC
    text: str  # the summary or content, as text ("" when the entry has none)
    outlet: str | None  # the feed's title


def parse_entries(
    data: bytes, *, origin: str, base_url: str | None = None
) -> tuple[FeedEntry, ...]:
    """The entries of an RSS or Atom document; InputError when it is no feed at all.

    >>> parse_entries(b"<rss><channel><item><link>/a</link></item></channel></rss>",
    ...               origin="f", base_url="https://x.org/rss")[0].link
    'https://x.org/a'
    """
    import feedparser

    try:
        feed = feedparser.parse(_safe_charrefs(data))
    except (ValueError, UnicodeError, OverflowError, RecursionError) as err:
        problem = f"unparsable feed ({err.__class__.__name__}: {str(err)[:100]})"
        raise InputError(origin, problem) from None
    if not feed.get("version") and not feed.entries:
        reason = str(getattr(feed, "bozo_exception", "")) or "no RSS or Atom root element"
        raise InputError(origin, f"not an RSS/Atom feed ({reason[:150]})")
    outlet = feed.feed.get("title") or None
    entries = []
    for entry in feed.entries:
        link = entry.get("link") or None
        if link is not None and base_url is not None:
            link = urljoin(base_url, link)
        key = entry.get("id") or link or entry.get("title")
        if not key:
            continue  # nothing identifies it: it could never be marked as seen
        entries.append(
            FeedEntry(
                key=str(key),
                link=link,
                title=entry.get("title") or None,
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                text=_html_to_text(_entry_html(entry)).strip(),
                outlet=outlet,
            )
        )
    return tuple(entries)


_CHARREF = re.compile(rb"&#(x[0-9a-fA-F]+|[0-9]+);")


def _safe_charrefs(data: bytes) -> bytes:
    """Replace character references to surrogates or beyond U+10FFFF with U+FFFD.

    feedparser's loose parser raises on ``&#xD800;`` and ``&#99999999;`` (found by the
    bad-input corpus, issue 10).
    """

    def fix(match: re.Match[bytes]) -> bytes:
        ref = match.group(1)
        code = int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
            return b"&#xFFFD;"
        return match.group(0)

    return _CHARREF.sub(fix, data) if b"&#" in data else data


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return "\n".join(str(c.get("value", "")) for c in contents)
    return str(entry.get("summary") or entry.get("description") or "")


def _html_to_text(html: str) -> str:
    if "<" not in html:
        return html
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//iframe"):
        bad.drop_tree()
    paragraphs = [p.text_content().strip() for p in root.xpath("//p")]
    if paragraphs:
        return "\n\n".join(p for p in paragraphs if p)
    return str(root.text_content())


def _iso(parsed: time.struct_time | None) -> str | None:
    if parsed is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
