"""Bytes to text: BOMs, UTF-8, legacy encodings (Latin-1, Windows-1256); binaries refused."""

from __future__ import annotations

import codecs

from eventwire.errors import InputError
from eventwire.ingest.clean import clean_text

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "zip archive"),
    (b"%PDF", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
)


def decode(data: bytes, *, origin: str) -> str:
    """Decode file content to ``str``; raise InputError for binaries and undecodable bytes.

    >>> decode("Alep".encode("utf-16"), origin="a.txt")
    'Alep'
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(origin, f"binary file ({what}), expected text, HTML, JSONL or a feed")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _clean(data.decode(encoding))
            except UnicodeDecodeError as err:
                raise InputError(origin, f"invalid {encoding} text ({err.reason})") from None
    head = data[:8192]
    if b"\x00" in head:
        unmarked = _utf16_without_bom(data)
        if unmarked is not None:
            return _clean(unmarked)
        if head.count(0) * 100 <= len(head) and _is_utf8(data):  # a few stray NULs in text
            return _clean(data.decode("utf-8"))
        raise InputError(origin, "binary file (NUL bytes), expected text, HTML, JSONL or a feed")
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _clean(_decode_legacy(data))


def _decode_legacy(data: bytes) -> str:
    """Windows-1256 when it yields mostly Arabic letters, else Windows-1252 / Latin-1.

    Written by hand: generic detectors (charset_normalizer) mistake short French Latin-1
    for Central European code pages; our inputs are French, English or Arabic.
    """
    arabic = data.decode("cp1256", errors="replace")
    letters = [c for c in arabic if c.isalpha()]
    if letters and sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters) > 0.5:
        return arabic
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: one byte of most pairs is NUL (Latin script)."""
    head = data[:8192]
    if len(data) % 2 or len(head) < 4:
        return None
    for zeros, encoding in ((head[1::2], "utf-16-le"), (head[0::2], "utf-16-be")):
        if zeros.count(0) >= 0.6 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _clean(text: str) -> str:
    """Normalize the decoded text (see :func:`eventwire.ingest.clean.clean_text`)."""
    return clean_text(text)
