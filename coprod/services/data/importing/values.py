"""Turning spreadsheet cells into dates, statuses and percentages.

Each parser returns the value or raises ValueError with an i18n code; the caller turns that
into "row N: column: message". Cells from XLSX may already be dates or numbers.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from coprod.domain.enums import Status
from coprod.services.data.importing.columns import normalise


class CellError(ValueError):
    """A cell that cannot be read; `code` and `params` select the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_STATUS_WORDS: dict[Status, tuple[str, ...]] = {
    Status.PROPOSED: ("proposed", "new", "not started"),
    Status.ACCEPTED: ("accepted", "agreed", "open"),
    Status.IN_PROGRESS: (
        "in progress",
        "ongoing",
        "started",
        "on track",
        "underway",
        "under way",
        "partially implemented",
        "partially complete",
    ),
    Status.ON_HOLD: ("on hold", "paused", "deferred"),
    Status.IMPLEMENTED: (
        "implemented",
        "complete",
        "completed",
        "done",
        "achieved",
        "closed",
        "fully implemented",
    ),
    Status.NOT_TAKEN_FORWARD: (
        "not taken forward",
        "rejected",
        "declined",
        "not agreed",
        "not accepted",
        "superseded",
    ),
}
_STATUS: dict[str, Status] = {normalise(w): s for s, words in _STATUS_WORDS.items() for w in words}
_STATUS.update({normalise(s.value): s for s in Status})
SUPERSEDED = normalise("superseded")

# RAG colours mean different things in different councils' keys: never guess which.
_RAG = {
    "green": "green",
    "g": "green",
    "amber": "amber",
    "a": "amber",
    "red": "red",
    "r": "red",
    "blue": "blue",
    "b": "blue",
}
RAG_MEANINGS: dict[str, dict[str, Status]] = {
    # "Green = achieved": the colour says how far the outcome was reached.
    "outcome": {
        "blue": Status.IMPLEMENTED,
        "green": Status.IMPLEMENTED,
        "amber": Status.IN_PROGRESS,
        "red": Status.ACCEPTED,
    },
    # "Green = on track": the colour says how the work is going; blue is complete.
    "progress": {
        "blue": Status.IMPLEMENTED,
        "green": Status.IN_PROGRESS,
        "amber": Status.IN_PROGRESS,
        "red": Status.IN_PROGRESS,
    },
}


def is_rag(cell: object) -> bool:
    return normalise(text(cell) or "") in _RAG


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            # English, then Welsh (a Welsh window writes "9 Gorff 2025": coprod.i18n.dates)
            ("jan", "january", "ion", "ionawr"),
            ("feb", "february", "chwef", "chwefror"),
            ("mar", "march", "maw", "mawrth"),
            ("apr", "april", "ebr", "ebrill"),
            ("may", "mai"),
            ("jun", "june", "meh", "mehefin"),
            ("jul", "july", "gorff", "gorffennaf"),
            ("aug", "august", "awst"),
            ("sep", "sept", "september", "medi"),
            ("oct", "october", "hyd", "hydref"),
            ("nov", "november", "tach", "tachwedd"),
            ("dec", "december", "rhag", "rhagfyr"),
        ],
        start=1,
    )
    for name in names
}
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 25569, 73051  # 1970 to 2099: numbers outside are not dates
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2}|\d{4})$", re.IGNORECASE)


def text(cell: object) -> str | None:
    """A cell as trimmed text; empty cells are None. Whole numbers lose a spurious '.0'."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    value = str(cell).strip()
    return value or None


def _year(raw: str) -> int:
    year = int(raw)
    # Two-digit years in trackers are this century: '25' is 2025.
    return year + 2000 if len(raw) == 2 else year


EARLIEST_YEAR, LATEST_YEAR = 1990, 2100  # a tracker's dates fall between; others are typing slips


def parse_date(cell: object) -> date | None:
    """ISO, UK day-first (04/03/2025, 4/3/25), '4 March 2025', '4 Mar 2025' or a real date cell;
    a date before 1990 or after 2100 is refused as a slip (year 1, or Excel's day 0 in 1900)."""
    found = _parse_date(cell)
    if found is not None and not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
        shown = cell.isoformat() if isinstance(cell, (date, datetime)) else str(cell).strip()
        raise CellError("import.implausible_date", value=shown, earliest=EARLIEST_YEAR, latest=LATEST_YEAR)
    return found


def _parse_date(cell: object) -> date | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and _SERIAL_MIN <= cell <= _SERIAL_MAX:
        # A date cell that lost its date format shows Excel's day number (45720 is 4 March 2025).
        return _EXCEL_EPOCH + timedelta(days=int(cell))
    raw = str(cell).strip()
    if not raw:
        return None
    try:
        if len(raw) == 10 and raw[4] == "-":
            return date.fromisoformat(raw)
        if len(raw) > 10 and raw[4] == "-" and raw[10] in "T ":
            return datetime.fromisoformat(raw).date()
        match = _DAY_FIRST.match(raw)
        if match:
            day, month, year = match.groups()
            return date(_year(year), int(month), int(day))
        match = _WORDY.match(raw)
        if match and match.group(2).lower() in _MONTHS:
            return date(_year(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        pass
    raise CellError("import.bad_date", value=raw)


def parse_status(cell: object, rag_means: str | None = None) -> Status | None:
    """A status word in any case; a RAG colour only when `rag_means` says what colours mean."""
    raw = text(cell)
    if raw is None:
        return None
    key = normalise(raw)
    if key in _RAG:
        if rag_means not in RAG_MEANINGS:
            raise CellError("import.rag_needs_meaning", value=raw)
        return RAG_MEANINGS[rag_means][_RAG[key]]
    found = _STATUS.get(key)
    if found is None:
        raise CellError("import.bad_status", value=raw)
    return found


def parse_progress(cell: object) -> int | None:
    """0-100; '40%' and '40' are the same. An Excel percentage cell holds 0.4 for 40%."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        raise CellError("import.bad_progress", value=str(cell))
    if isinstance(cell, (int, float)):
        number = float(cell)
        if 0 < number < 1:
            number *= 100
    else:
        raw = str(cell).strip().rstrip("%").strip()
        if not raw:
            return None
        try:
            number = float(raw)
        except ValueError:
            raise CellError("import.bad_progress", value=str(cell).strip()) from None
        if 0 < number < 1 and "%" not in str(cell):
            number *= 100  # 0.5 is how Excel shows 50% when the cell lost its % format
    if not 0 <= number <= 100:
        raise CellError("import.bad_progress", value=text(cell) or "")
    return round(number)
