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
from pathlib import Path
from typing import Any, Literal

from eventwire.config import DEFAULT_MAX_CHARS
from eventwire.errors import InputError
from eventwire.ingest.decode import decode
from eventwire.ingest.feeds import parse_feed
from eventwire.ingest.html import parse_html
from eventwire.ingest.jsonl import parse_jsonl
from eventwire.ingest.text import parse_wire
from eventwire.records import Article, Rejection

__all__ = ["Overrides", "article_id", "detect_format", "read_paths", "read_bytes", "make_article"]

Format = Literal["text", "html", "jsonl", "feed"]
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line; it wins over what plain files carry."""

    published: str | None = None
    source: str | None = None
    language: str | None = None


def article_id(text: str) -> str:
    """Hash of the normalized text (NFC, whitespace collapsed, casefolded): 16 hex digits."""
    normalized = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def detect_format(head: str) -> Format:
    """Guess the format from the first characters of the content, not the file name."""
    start = head.lstrip("\ufeff \t\r\n")[:2000].lower()
    if start.startswith("<?xml") or start.startswith("<rss") or start.startswith("<feed"):
        if "<rss" in start or "<feed" in start or "<rdf:rdf" in start:
            return "feed"
        return "html"
    if start.startswith("<!doctype html") or start.startswith("<html") or (
        start.startswith("<") and re.search(r"<(body|head|p|div|article)\b", start)
    ):
        return "html"
    if start.startswith("{"):
        first_line = start.split("\n", 1)[0].strip()
        if first_line.endswith("}"):
            return "jsonl"
    return "text"


def make_article(fields: dict[str, Any], *, origin: str, max_chars: int) -> Article:
    """Build an Article from parsed fields; raise InputError when the text is unusable."""
    text = str(fields.get("text") or "")
    if not text.strip():
        raise InputError(origin, "empty article (no text after extraction)")
    if len(text) > max_chars:
        raise InputError(
            origin,
            f"article too long ({len(text):,} characters > limit {max_chars:,}); "
            "raise it with --max-chars",
        )
    return Article(
        id=str(fields.get("id") or article_id(text)),
        text=text,
        title=fields.get("title") or None,
        language=fields.get("language") or None,
        published=fields.get("published") or None,
        source=fields.get("source") or None,
        url=fields.get("url") or None,
        origin=origin,
    )


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
    kind = detect_format(content[:4000])
    for item in _parse(kind, content, data, origin=origin):
        if isinstance(item, InputError):
            yield Rejection(item.origin, item.problem)
            continue
        fields, item_origin = item
        try:
            article = make_article(fields, origin=item_origin, max_chars=max_chars)
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


def iter_files(paths: Sequence[str | Path]) -> Iterator[Path | Literal["-"]]:
    """Expand directories recursively (sorted, hidden files skipped); ``-`` is stdin."""
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def read_paths(
    paths: Sequence[str | Path],
    *,
    overrides: Overrides = Overrides(),
    max_chars: int = DEFAULT_MAX_CHARS,
    max_file_bytes: int | None = None,
) -> Iterator[Article | Rejection]:
    """Yield every article found under ``paths``; unreadable inputs become Rejections.

    ``eventwire run examples/`` reads this way.
    """
    limit = max_file_bytes if max_file_bytes is not None else max(max_chars * 4, 64 * 2**20)
    for path in iter_files(paths):
        origin = "<stdin>" if path == "-" else str(path)
        try:
            data = _read(path, limit=limit)
        except InputError as err:
            yield Rejection(err.origin, err.problem)
            continue
        yield from read_bytes(data, origin=origin, overrides=overrides, max_chars=max_chars)


def _read(path: Path | Literal["-"], *, limit: int) -> bytes:
    origin = "<stdin>" if path == "-" else str(path)
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(origin, "no such file") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory") from None
    except PermissionError:
        raise InputError(origin, "permission denied") from None
    except OSError as err:
        raise InputError(origin, f"cannot read ({err.strerror})") from None
    if len(data) > limit:
        raise InputError(origin, f"file larger than {limit:,} bytes; split it or raise --max-chars")
    return data


def articles_only(items: Iterable[Article | Rejection]) -> Iterator[Article]:
    """Drop rejections (for callers that report them elsewhere)."""
    return (item for item in items if isinstance(item, Article))
