"""CSV formula escaping: one function, used by the CLI export and the API's CSV alike."""

from __future__ import annotations

import csv
import io

import pytest

from eventwire.export.acled import COLUMNS
from eventwire.export.cells import spreadsheet_safe
from eventwire.export.writers import write_csv
from eventwire.serve.render import csv_text
from eventwire.store.queries import SUMMARY_COLUMNS

PAYLOADS = [
    "=1+1",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\r=x",
    '=HYPERLINK("http://evil")',
    "\uff1d1+1",
]


@pytest.mark.parametrize("value", PAYLOADS)
def test_cells_formula_text_gets_an_apostrophe(value: str) -> None:
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Alep", "", "a=b", "1-2", 3, -3, 1.5, None, " =x"])
def test_cells_other_values_unchanged(value: object) -> None:
    assert spreadsheet_safe(value) == value


def _cells(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text)))
    return [cell for row in rows[1:] for cell in row]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cells_cli_writer_escapes_every_column(payload: str) -> None:
    out = io.StringIO()
    write_csv([{name: payload for name in COLUMNS}], out)
    assert _cells(out.getvalue()) == ["'" + payload] * len(COLUMNS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cells_api_writer_escapes_every_column(payload: str) -> None:
    assert _cells(csv_text([{name: payload for name in SUMMARY_COLUMNS}])) == ["'" + payload] * len(
        SUMMARY_COLUMNS
    )
