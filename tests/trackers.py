"""Small tracker files for import tests, written the way councils' spreadsheets look."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

HEADERS = ["Ref", "Recommendation", "You said", "We did", "Strategy", "Owner", "Date raised",
           "Date accepted", "Due date", "Revised due date", "Status", "Completed on", "Last updated",
           "% complete", "Reason"]

GOOD = [
    ["R-1", "Weekend respite for carers", "No respite at weekends", "A pilot runs in two homes",
     "Carers strategy", "Jo Bloggs", "04/02/2025", "10 Feb 2025", "2025-06-01", "2025-09-01",
     "In progress", "", "1 Mar 2025", "40%", ""],
    ["R-2", "Letters in easy read", "Letters are hard to read", "Letters were rewritten with residents",
     "Accessible information", "Sam Patel", "2025-01-10", "", "2025-03-01", "", "Completed",
     "20/02/2025", "", "", ""],
    ["R-3", "Free parking at day centres", "Parking costs too much", "", "Accessible information",
     "sam patel", "10/1/25", "", "", "", "Rejected", "", "", "", "No budget this year"],
]


def write_csv(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if hasattr(value, "isoformat") and not isinstance(value, str):
                sheet.write_datetime(r, c, value, day)
            elif value not in (None, ""):
                sheet.write(r, c, value)
    book.close()
    return path
