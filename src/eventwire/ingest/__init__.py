"""Read articles from files, directories and stdin; formats detected by content.

``read_paths`` yields :class:`Article` records, or :class:`Rejection` records naming the
file (and line) that could not be read, so that a batch goes on past bad inputs.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

from eventwire.config import DEFAULT_MAX_CHARS
from eventwire.errors import InputError
from eventwire.ingest.clean import check_published, clean_field, clean_text
from eventwire.ingest.decode import decode
from eventwire.ingest.feeds import parse_feed
from eventwire.ingest.files import (
    HEAD_BYTES,
    file_limit,
    is_streamable,
    iter_files,
    line_limit,
    open_input,
    read_whole,
    stream_lines,
)
from eventwire.ingest.html import parse_html
from eventwire.ingest.jsonl import parse_jsonl, parse_line
from eventwire.ingest.text import parse_wire
from eventwire.records import Article, Rejection

__all__ = [
    "Overrides",
    "article_id",
    "clean_text",
    "detect_format",
    "ingestion_day",
    "iter_files",
    "make_article",
    "read_bytes",
    "read_paths",
]

Format = Literal["text", "html", "jsonl", "feed"]
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line; it wins over what plain files carry."""

    published: str | None = None
    source: str | None = None
    language: str | None = None
    #: The ingestion date of inputs that carry none (default: today, UTC); ISO 8601.
    ingested: str | None = None


def article_id(text: str) -> str:
    """Hash of the normalized text (NFC, whitespace collapsed, casefolded): 16 hex digits."""
    normalized = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def detect_format(head: str) -> Format:
    """Guess the format from the first characters of the content, not the file name."""
    start = head.lstrip("\ufeff \t\r\n")[:2000].lower()
    if start.startswith(("<?xml", "<rss", "<feed")):
        if "<rss" in start or "<feed" in start or "<rdf:rdf" in start:
            return "feed"
        return "html"
    tagged = start.startswith("<") and re.search(r"<(body|head|p|div|article)\b", start)
    if start.startswith(("<!doctype html", "<html")) or tagged:
        return "html"
    if start.startswith("{"):
        whole = head.lstrip("\ufeff \t\r\n")
        first, newline, _ = whole.partition("\n")
        if first.strip().endswith("}") or (not newline and first.startswith('{"')):
            return "jsonl"  # a first line longer than the head counts when it opens a JSON key
        lines = [line.strip() for line in start.split("\n")[:-1] or [start] if line.strip()][:5]
        # A broken first line among good ones: still JSONL, so that each line is judged alone.
        objects = sum(line.startswith("{") and line.endswith("}") for line in lines)
        if len(lines) >= 2 and objects * 2 >= len(lines):
            return "jsonl"
    return "text"


#: Database column widths (store/tables.py) that metadata must fit.
_MAX_ID, _MAX_PUBLISHED, _MAX_LANGUAGE = 64, 40, 8


def make_article(
    fields: dict[str, Any], *, origin: str, max_chars: int, ingested: str | None = None
) -> Article:
    """Build an Article from parsed fields; raise InputError when the text is unusable.

    Text and metadata are cleaned (:func:`clean_text`); an id longer than 64 characters
    (a feed's URL guid) is replaced by a stable hash of it. The article's ingestion date is
    the one its fields carry, else ``ingested``, else today (UTC): set here, once (issue 14).
    """
    text = clean_text(str(fields.get("text") or ""))
    if not text.strip():
        raise InputError(origin, "empty article (no text after extraction)")
    if len(text) > max_chars:
        raise InputError(
            origin,
            f"article too long ({len(text):,} characters > limit {max_chars:,}); "
            "raise it with --max-chars",
        )
    meta = {
        name: clean_field(fields.get(name))
        for name in ("id", "title", "language", "published", "source", "url", "ingested")
    }
    meta["ingested"] = meta["ingested"] or clean_field(ingested)
    _check_meta(meta, origin=origin)
    given = meta["id"]
    ident = given if given is not None and len(given) <= _MAX_ID else None
    if ident is None:
        ident = article_id(given) if given is not None else article_id(text)
    return Article(
        id=ident,
        text=text,
        title=meta["title"],
        language=meta["language"],
        published=meta["published"],
        source=meta["source"],
        url=meta["url"],
        origin=origin,
        ingested=ingestion_day(meta["ingested"]),
    )


def _check_meta(meta: dict[str, str | None], *, origin: str) -> None:
    """Raise InputError naming the first field that does not fit its column or is no date."""
    for name, width in (
        ("published", _MAX_PUBLISHED),
        ("ingested", _MAX_PUBLISHED),
        ("language", _MAX_LANGUAGE),
    ):
        value = meta[name]
        if value is not None and len(value) > width:
            raise InputError(
                origin,
                f"field {name!r} is {len(value)} characters long; "
                f"expected at most {width} ({value[:20]!r}...)",
            )
    for name in ("published", "ingested"):
        value = meta[name]
        if value is not None and (problem := check_published(value)):
            raise InputError(origin, f"field {name!r}: {problem}")


def ingestion_day(value: str | None) -> str:
    """The ingestion date stored with an article: the day of ``value``, else today (UTC).

    >>> ingestion_day("2024-12-01T23:10:00Z")
    '2024-12-01'
    """
    return value[:10] if value is not None else datetime.now(UTC).date().isoformat()


def read_bytes(
    data: bytes,
    *,
    origin: str,
    overrides: Overrides = Overrides(),
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | Rejection]:
    """Yield the articles held in one file's content."""
    try:
        content = decode(data, origin=origin)
    except InputError as err:
        yield Rejection(err.origin, err.problem)
        return
    if not content.strip():
        yield Rejection(origin, "empty file (no text)")
        return
    kind = detect_format(content[:HEAD_BYTES])
    for item in _parse(kind, content, data, origin=origin):
        if isinstance(item, InputError):
            yield Rejection(item.origin, item.problem)
            continue
        fields, item_origin = item
        try:
            article = make_article(
                fields, origin=item_origin, max_chars=max_chars, ingested=overrides.ingested
            )
        except InputError as err:
            yield Rejection(err.origin, err.problem)
            continue
        yield _apply(article, overrides, plain=kind in ("text", "html"))


def _parse(
    kind: Format, content: str, data: bytes, *, origin: str
) -> Iterator[tuple[dict[str, Any], str] | InputError]:
    if kind == "jsonl":
        yield from parse_jsonl(content.split("\n"), origin=origin)
    elif kind == "feed":
        for number, item in enumerate(parse_feed(data, origin=origin), start=1):
            yield item if isinstance(item, InputError) else (item, f"{origin}:entry {number}")
    elif kind == "html":
        try:
            page = parse_html(content, origin=origin)
        except InputError as err:
            yield err
            return
        yield (
            {
                "text": page.text,
                "title": page.title,
                "published": page.published,
                "source": page.source,
                "url": page.url,
            },
            origin,
        )
    else:
        wire = parse_wire(content)
        yield ({"text": wire.body, "title": wire.title, "source": wire.source}, origin)


def _apply(article: Article, overrides: Overrides, *, plain: bool) -> Article:
    changes: dict[str, str] = {}
    for name in ("published", "source", "language"):
        value = getattr(overrides, name)
        if value is not None and (plain or getattr(article, name) is None):
            changes[name] = value
    return replace(article, **changes) if changes else article


def read_paths(
    paths: Sequence[str | Path],
    *,
    overrides: Overrides = Overrides(),
    max_chars: int = DEFAULT_MAX_CHARS,
    max_file_bytes: int | None = None,
) -> Iterator[Article | Rejection]:
    """Yield every article found under ``paths``; unreadable inputs become Rejections.

    Memory stays bounded: files over ``max_file_bytes`` (default :func:`file_limit`) are
    rejected unread, and JSONL files are streamed line by line. ``eventwire run examples/``
    reads this way.
    """
    limit = max_file_bytes if max_file_bytes is not None else file_limit(max_chars)
    for path in iter_files(paths):
        origin = "<stdin>" if path == "-" else str(path)
        try:
            if path == "-":
                data = read_whole(sys.stdin.buffer, origin=origin, limit=limit)
            else:
                with open_input(path, origin=origin) as handle:
                    head = handle.read(HEAD_BYTES)
                    if _is_jsonl(head):
                        handle.seek(0)
                        yield from _read_jsonl(
                            handle, origin=origin, overrides=overrides, max_chars=max_chars
                        )
                        continue
                    handle.seek(0)
                    data = read_whole(handle, origin=origin, limit=limit)
        except InputError as err:
            yield Rejection(err.origin, err.problem)
            continue
        except OSError as err:
            yield Rejection(origin, f"cannot read ({err.strerror or err})")
            continue
        yield from read_bytes(data, origin=origin, overrides=overrides, max_chars=max_chars)


def _is_jsonl(head: bytes) -> bool:
    if not is_streamable(head):
        return False
    text = head.decode("utf-8", errors="replace")
    if len(head) == HEAD_BYTES and "\n" not in text and text.lstrip("\ufeff \t\r").startswith('{"'):
        return True  # a first JSON line longer than the head: stream it, the line cap decides
    return detect_format(text.rsplit("\n", 1)[0] if len(head) == HEAD_BYTES else text) == "jsonl"


def _read_jsonl(
    handle: BinaryIO, *, origin: str, overrides: Overrides, max_chars: int
) -> Iterator[Article | Rejection]:
    """Stream a JSONL file: one line in memory at a time."""
    for number, line in stream_lines(handle, origin=origin, limit=line_limit(max_chars)):
        line_origin = f"{origin}:{number}"
        try:
            if isinstance(line, InputError):
                raise line
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                text = decode(line, origin=line_origin)  # legacy encodings, line by line
            fields = parse_line(clean_text(text), origin=line_origin)
            article = make_article(
                fields, origin=line_origin, max_chars=max_chars, ingested=overrides.ingested
            )
        except InputError as err:
            yield Rejection(err.origin, err.problem)
            continue
        yield _apply(article, overrides, plain=False)


def articles_only(items: Iterable[Article | Rejection]) -> Iterator[Article]:
    """Drop rejections (for callers that report them elsewhere)."""
    return (item for item in items if isinstance(item, Article))
