"""Text normalization at the ingestion boundary: what may enter ``Article.text``.

Every offset downstream indexes the cleaned text, so cleaning happens once, here, before
an Article exists. The rules are few and idempotent (``clean_text(clean_text(t)) ==
clean_text(t)``):

* CRLF and lone CR become LF;
* C0 and C1 control characters other than TAB and LF are dropped (PostgreSQL refuses NUL
  in text, and terminals interpret the others);
* lone UTF-16 surrogates (``"\\ud800"`` in JSON) become U+FFFD (neither SQLite nor UTF-8
  can encode them);
* a leading byte-order mark is dropped.

Zero-width characters (ZWJ, ZWNJ, ZWSP) and right-to-left marks are kept: they belong to
Arabic and Persian text.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Normalize newlines, drop control characters, replace lone surrogates.

    >>> clean_text("\\ufeffAlep\\r\\nHoms\\x00\\ud800")
    'Alep\\nHoms\\ufffd'
    """
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if "\r" in text:  # after dropping controls, so that "\r\x00\n" becomes one newline
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if text.startswith("\ufeff"):  # last, so that nothing after it can expose another BOM
        text = text.lstrip("\ufeff")
    return text


def clean_field(value: object) -> str | None:
    """Clean a metadata value to one line of text; None when nothing is left.

    >>> clean_field("  Le Monde\\n ")
    'Le Monde'
    """
    if value is None:
        return None
    text = " ".join(clean_text(str(value)).split())
    return text or None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PUBLISHED_FORMS = "ISO 8601, e.g. 2024-02-29 or 2024-02-29T08:30:00Z"


def check_published(value: str) -> str | None:
    """What is wrong with a publication date, or None when it is a real ISO 8601 date.

    Dates of events are resolved against it ("mardi" is the Tuesday before publication),
    so a value that is no date, or no day of the calendar, is refused (issue 17).

    >>> check_published("2024-02-29T08:30:00Z") is None
    True
    >>> for part in check_published("2024-02-30").split("; "):
    ...     print(part)
    '2024-02-30' is not a date (day is out of range for month)
    expected ISO 8601, e.g. 2024-02-29 or 2024-02-29T08:30:00Z
    """
    if not _ISO_DATE.match(value):
        return f"{value!r} is not a date; expected {PUBLISHED_FORMS}"
    try:
        date.fromisoformat(value[:10])
    except ValueError as err:
        return f"{value!r} is not a date ({err}); expected {PUBLISHED_FORMS}"
    if len(value) > 10:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return f"{value!r} has no valid time after the date; expected {PUBLISHED_FORMS}"
    return None
