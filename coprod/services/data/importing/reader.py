"""Reading a tracker file (CSV or XLSX) into a header and numbered rows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.domain.errors import CoprodError
from coprod.services.data.importing.encoding import decode

XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    """The first non-blank row is the header; `rows` pairs each data row with its number
    as the spreadsheet shows it (header = row 1 when it is the first line)."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    header_row: int = 1
    sheet: str | None = None  # the sheet read, for a workbook
    sheets: list[str] = field(default_factory=list)  # every sheet of the workbook, in order
    encoding: str | None = None  # how a CSV was decoded
    encoding_guessed: bool = False  # True when the file did not say (no byte-order mark)
    recognised: bool = False  # the heading row names at least two columns coprod knows
    sections: list[tuple[int, str]] = field(default_factory=list)
    """Rows below the headings that are one cell merged across the table ("Completed
    recommendations"): section headings, not recommendations, so not imported but listed."""


def _clean(cells: list[Any]) -> list[Any]:
    """Empty and whitespace-only cells become None, so 'missing' has one spelling."""
    return [None if c is None or (c.__class__ is str and not c.strip()) else c for c in cells]


def _known(cells: list[Any]) -> int:
    from coprod.services.data.importing.columns import detect_mapping

    return len(detect_mapping(["" if c is None else str(c) for c in cells]))


def _header(numbered: list[tuple[int, list[Any]]]) -> tuple[int, list[Any], int]:
    """The heading row and how many rows it spans.

    Trackers often have a title or two above the headings, so take the opening row that
    names the most known columns (at least two). Headings written over two rows (a group
    heading merged across "Original" and "Revised" due dates, say) are read together when
    the row below adds columns.
    """
    opening = numbered[:HEADER_SEARCH_ROWS]
    best = max(range(len(opening)), key=lambda i: (_known(opening[i][1]), -i))
    n, cells = opening[best]
    if _known(cells) < 2:
        return numbered[0][0], numbered[0][1], 0
    if best + 1 < len(opening) and opening[best + 1][0] == n + 1:
        below = opening[best + 1][1]
        joined = [b if b is not None else c for c, b in zip(cells, below, strict=False)]
        joined += cells[len(joined) :]
        if _known(joined) > _known(cells):
            return n + 1, joined, 2
    return n, cells, 1


def _numbered(raw_rows: list[list[Any]]) -> list[tuple[int, list[Any]]]:
    """The rows that hold anything, with their number as the spreadsheet shows it."""
    numbered = []
    for n, row in enumerate(raw_rows, start=1):
        cells = _clean(row)
        if any(c is not None for c in cells):
            numbered.append((n, cells))
    return numbered


def _table(
    raw_rows: list[list[Any]], banners: frozenset[int] = frozenset(), data_rows: list[list[Any]] | None = None
) -> Table:
    """The headings found in `raw_rows`; the rows below them from `data_rows` when given
    (a workbook's cells with merged values carried down their column only)."""
    numbered = _numbered(raw_rows)
    if not numbered:
        return Table(headers=[])
    header_row, header, spans = _header(numbered)
    recognised = spans > 0
    if data_rows is not None:
        numbered = _numbered(data_rows)
    sections = [
        (n, str(next(c for c in cells if c is not None)))
        for n, cells in numbered
        if n > header_row and n in banners
    ]
    numbered = [(n, cells) for n, cells in numbered if n > header_row and n not in banners]
    headers = ["" if h is None else " ".join(str(h).replace("\ufeff", "").split()) for h in header]
    width = len(headers)
    rows = [(n, cells[:width] + [None] * (width - len(cells))) for n, cells in numbered]
    return Table(headers=headers, rows=rows, header_row=header_row, recognised=recognised, sections=sections)


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


def _read_csv(path: Path) -> Table:
    text, encoding, guessed = decode(path.read_bytes())
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    table = _table([[_unguarded(cell) for cell in row] for row in rows])
    table.encoding, table.encoding_guessed = encoding, guessed
    return table


def _sheet_table(sheet: Any) -> Table:
    """A workbook sheet read with its merged cells in mind.

    For finding the headings, a merged area's value fills every cell it covers: a heading
    merged over two columns names both. Below the headings a value is carried only down its
    own column (an area merged down three rows belongs to all three), never into the next
    column, where it would become some other field's value. A row that is one value merged
    across three or more columns with nothing beside it is a banner (a title, a section
    heading), not a recommendation.
    """
    # Calamine gives '' for empty cells; `_table` turns those into None.
    across: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    down = [list(row) for row in across]
    banners = set()
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or []:
        if top >= len(across) or left >= len(across[top]):
            continue
        value = across[top][left]
        beside = [c for i, c in enumerate(across[top]) if not left <= i <= right and c not in ("", None)]
        if top == bottom and right - left >= 2 and not beside and value not in ("", None):
            banners.add(top + 1)
        for r in range(top, min(bottom, len(across) - 1) + 1):
            for c in range(left, min(right, len(across[r]) - 1) + 1):
                across[r][c] = value
            down[r][left] = value
    return _table(across, frozenset(banners), down)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    from python_calamine import CalamineWorkbook

    from coprod.services.data.importing.workbook_guard import WorkbookGuard

    guard = WorkbookGuard(path)  # refuses a workbook bomb before calamine unpacks anything
    try:
        book = CalamineWorkbook.from_path(str(path))
        names: list[str] = list(book.sheet_names)
        every = list(names)
        if sheet is not None:
            chosen = [n for n in names if n.casefold() == sheet.strip().casefold()]
            if not chosen:
                raise CoprodError(
                    "import.no_such_sheet", path=str(path), sheet=sheet, sheets=", ".join(names)
                )
            names = chosen
        first: Table | None = None
        for name in names:
            guard.check_sheet(name)
            table = _sheet_table(book.get_sheet_by_name(name))
            table.sheet, table.sheets = name, every
            if table.recognised:
                return table  # the first sheet with a heading row coprod knows
            first = first or table
        return first or Table(headers=[], sheets=every)
    finally:
        guard.close()


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read `path`; CSV by default, XLSX (and other spreadsheet formats) by suffix.

    In a workbook, `sheet` names the sheet; by default the first sheet whose heading row
    coprod recognises is read (a tracker's second sheet often holds its key).
    """
    path = Path(path)
    if path.is_dir():
        raise CoprodError("import.not_a_file", path=str(path))
    if not path.exists():
        raise CoprodError("import.no_file", path=str(path))
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            return _read_xlsx(path, sheet)
        return _read_csv(path)
    except CoprodError:
        raise
    except OSError as exc:
        raise CoprodError("import.unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    except Exception as exc:  # noqa: BLE001  (calamine and csv raise many kinds for a broken file)
        raise CoprodError("import.unreadable", path=str(path), reason=str(exc).splitlines()[0]) from exc
