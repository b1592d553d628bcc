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
