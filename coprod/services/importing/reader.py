"""Reading a tracker file (CSV or XLSX) into a header and numbered rows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.domain.errors import CoprodError

XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    """The first non-blank row is the header; `rows` pairs each data row with its number
    as the spreadsheet shows it (header = row 1 when it is the first line)."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    header_row: int = 1


def _clean(cells: list[Any]) -> list[Any]:
    """Empty and whitespace-only cells become None, so 'missing' has one spelling."""
    return [None if c is None or (c.__class__ is str and not c.strip()) else c for c in cells]


def _header(numbered: list[tuple[int, list[Any]]]) -> tuple[int, list[Any]]:
    """The heading row: trackers often have a title line or two above it, so take the first
    of the opening rows that names at least two known columns; else the first row."""
    from coprod.services.importing.columns import detect_mapping

    for n, cells in numbered[:HEADER_SEARCH_ROWS]:
        if len(detect_mapping(["" if c is None else str(c) for c in cells])) >= 2:
            return n, cells
    return numbered[0]


def _table(raw_rows: list[list[Any]]) -> Table:
    numbered = []
    for n, row in enumerate(raw_rows, start=1):
        cells = _clean(row)
        if any(c is not None for c in cells):
            numbered.append((n, cells))
    if not numbered:
        return Table(headers=[])
    header_row, header = _header(numbered)
    numbered = [(n, cells) for n, cells in numbered if n > header_row]
    headers = ["" if h is None else str(h).replace("\ufeff", "").strip() for h in header]
    width = len(headers)
    rows = [(n, cells[:width] + [None] * (width - len(cells))) for n, cells in numbered]
    return Table(headers=headers, rows=rows, header_row=header_row)


def _delimiter(text: str) -> str:
    """Commas, unless the first line is plainly split by semicolons (Excel in some locales)
    or tabs (a sheet pasted into a text file)."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r", "'\n")


def _unguarded(cell: str) -> str:
    """Export puts an apostrophe before text a spreadsheet would run as a formula; take it off."""
    return cell[1:] if cell.startswith(_NEUTRALISED) else cell


def _read_csv(path: Path) -> list[list[Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the local code page, not UTF-8.
        text = path.read_text(encoding="cp1252")
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    return [[_unguarded(cell) for cell in row] for row in rows]


def _read_xlsx(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheet = book.get_sheet_by_index(0)
    # Calamine gives '' for empty cells; `_table` turns those into None.
    return sheet.to_python(skip_empty_area=False)


def read_table(path: str | Path) -> Table:
    """Read `path`; CSV by default, XLSX (and other spreadsheet formats) by suffix."""
    path = Path(path)
    if path.is_dir():
        raise CoprodError("import.not_a_file", path=str(path))
    if not path.exists():
        raise CoprodError("import.no_file", path=str(path))
    try:
        raw = _read_xlsx(path) if path.suffix.lower() in XLSX_SUFFIXES else _read_csv(path)
    except CoprodError:
        raise
    except OSError as exc:
        raise CoprodError("import.unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    except Exception as exc:  # noqa: BLE001  (calamine and csv raise many kinds for a broken file)
        raise CoprodError("import.unreadable", path=str(path), reason=str(exc).splitlines()[0]) from exc
    return _table(raw)
