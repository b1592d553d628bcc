"""The one rule every CSV writer applies to a cell: no formulas (CSV injection, issue 17).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK(...)`` sends data away, ``=cmd|...`` ran commands in old Excel); a leading
tab or carriage return hides the same trick. Article text is untrusted, so every text
cell that starts with one of them gets a leading apostrophe, which spreadsheets show as
text (OWASP "CSV Injection"). Full-width look-alikes count too: some Excel locales
read ``＝`` as ``=``. Numbers are left as they are: ``-3`` stays a number.
"""

from __future__ import annotations

from typing import Any

#: Characters that make a spreadsheet read a cell as a formula when they come first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value: Any) -> Any:
    """Return ``value`` unchanged unless it is text a spreadsheet would run as a formula.

    >>> spreadsheet_safe("=HYPERLINK(\\"http://x\\")"), spreadsheet_safe(-3)
    ('\\'=HYPERLINK("http://x")', -3)
    >>> spreadsheet_safe("Alep")
    'Alep'
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
