"""Small tracker files for import tests, written the way councils' spreadsheets look."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

HEADERS = [
    "Ref",
    "Recommendation",
    "You said",
    "We did",
    "Strategy",
    "Owner",
    "Date raised",
    "Date accepted",
    "Due date",
    "Revised due date",
    "Status",
    "Completed on",
    "Last updated",
    "% complete",
    "Reason",
]

GOOD = [
    [
        "R-1",
        "Weekend respite for carers",
        "No respite at weekends",
        "A pilot runs in two homes",
        "Carers strategy",
        "Jo Bloggs",
        "04/02/2025",
        "10 Feb 2025",
        "2025-06-01",
        "2025-09-01",
        "In progress",
        "",
        "1 Mar 2025",
        "40%",
        "",
    ],
    [
        "R-2",
        "Letters in easy read",
        "Letters are hard to read",
        "Letters were rewritten with residents",
        "Accessible information",
        "Sam Patel",
        "2025-01-10",
        "",
        "2025-03-01",
        "",
        "Completed",
        "20/02/2025",
        "",
        "",
        "",
    ],
    [
        "R-3",
        "Free parking at day centres",
        "Parking costs too much",
        "",
        "Accessible information",
        "sam patel",
        "10/1/25",
        "",
        "",
        "",
        "Rejected",
        "",
        "",
        "",
        "No budget this year",
    ],
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


# Real councils' published layouts, built from their own headings and status words.

SCRUTINY_TITLE = "Adults and Health Scrutiny Committee: recommendation tracker 2025/26"
SCRUTINY_HEADERS = [
    "Reference",
    "Origin",
    "Date",
    "Area",
    "Recommendation",
    "Exec Date",
    "Lead Officer/EM",
    "Action taken",
    "Status",
]
SCRUTINY = [
    [
        "SR (25/26) 01",
        "Adults and Health Scrutiny",
        "12/06/25",
        "Adult Social Care",
        "Offer carers respite at weekends",
        "15/07/25",
        "Jo Bloggs, Director of ASC",
        "• Pilot agreed with two homes\n• 40 carers used it by March",
        "Complete",
    ],
    [
        "SR (25/26) 02",
        "Adults and Health Scrutiny",
        "12/06/25",
        "Adult Social Care",
        "Publish waiting times for assessments",
        "15/07/25",
        "Jo Bloggs, Director of ASC",
        "Monthly figures on the website since September",
        "Ongoing",
    ],
    [
        "SR (25/26) 03",
        "Adults and Health Scrutiny",
        "09/10/25",
        "Commissioning",
        "Review day centre transport",
        "",
        "Cllr A Smith (EM)",
        "Paused while transport is retendered",
        "Paused",
    ],
    [
        "SR (24/25) 07",
        "Health and Wellbeing Board",
        "05/11/24",
        "Public Health",
        "Send letters in easy read",
        "10/12/24",
        "Sam Patel",
        "Letters rewritten with residents",
        "Complete",
    ],
    [
        "SR (25/26) 04",
        "Adults and Health Scrutiny",
        "09/10/25",
        "Commissioning",
        "Add a carers' representative to the board",
        "",
        "Cllr A Smith (EM)",
        "",
        "Completed",
    ],
]
SCRUTINY_KEY = [
    ["Status", "Meaning"],
    ["Complete", "Recommendation implemented"],
    ["Ongoing", "Work under way"],
    ["Paused", "On hold by the executive"],
]

AUDIT_TITLE = "Internal Audit: follow-up of agreed recommendations"
AUDIT_GROUPS = [
    "Rec No",
    "Audit",
    "Report date",
    "Recommendation",
    "Priority",
    "Responsible Officer",
    "Date agreed",
    "Due dates",
    "Due dates",
    "RAG",
    "Latest update",
]
AUDIT_HEADERS = [
    "Rec No",
    "Audit",
    "Report date",
    "Recommendation",
    "Priority",
    "Responsible Officer",
    "Date agreed",
    "Original due date",
    "Revised due date",
    "RAG",
    "Latest update",
]
AUDIT = [
    [
        "AUD/24/03-1",
        "Direct payments",
        "2024-09-12",
        "Reconcile direct payment accounts every quarter",
        "High",
        "Head of Finance (ASC)",
        "2024-10-01",
        "2025-03-31",
        "2025-06-30",
        "B",
        "Quarterly reconciliations in place",
    ],
    [
        "AUD/24/03-2",
        "Direct payments",
        "2024-09-12",
        "Recover unspent balances within 60 days",
        "Medium",
        "Head of Finance (ASC)",
        "2024-10-01",
        "2025-03-31",
        "",
        "G",
        "Process agreed; first recoveries made",
    ],
    [
        "AUD/25/01-1",
        "Safeguarding",
        "2025-04-30",
        "Record the outcome of every referral within 5 days",
        "High",
        "Principal Social Worker",
        "2025-05-14",
        "2025-09-30",
        "2026-01-31",
        "A",
        "Training under way",
    ],
    [
        "AUD/25/01-2",
        "Safeguarding",
        "2025-04-30",
        "Audit a sample of closed cases each month",
        "Low",
        "Principal Social Worker",
        "2025-05-14",
        "2025-12-31",
        "",
        "R",
        "",
    ],
]
AUDIT_KEY = [
    ["Colour", "Meaning"],
    ["Blue", "Complete"],
    ["Green", "On track"],
    ["Amber", "Some slippage"],
    ["Red", "Off track"],
]

ACTION_LOG_HEADERS = [
    "No.",
    "Date",
    "Service area",
    "You said",
    "We will",
    "We did",
    "Lead",
    "Status",
    "Date completed",
]
ACTION_LOG = [
    [
        "1",
        "4 Mar 2025",
        "Home care",
        "Carers never know who is coming",
        "Send a weekly rota to families",
        "Rotas go out every Friday",
        "Home care manager",
        "Done",
        "3/6/25",
    ],
    [
        "2",
        "4 Mar 2025",
        "Home care",
        "Visits are too rushed",
        "Make the shortest visit 30 minutes",
        "New contracts from April",
        "Commissioning lead",
        "In progress",
        "",
    ],
    [
        "3",
        "1 Jul 2025",
        "Day services",
        "The old day centre bus is unreliable",
        "Replace the bus",
        "",
        "Transport lead",
        "Superseded",
        "",
    ],
    [
        "4",
        "1 Jul 2025",
        "Day services",
        "Open on Saturdays",
        "Open day centres on Saturdays",
        "Not affordable this year; we will look again in 2026",
        "Service manager",
        "Not agreed",
        "",
    ],
    [
        "5",
        "1 Jul 2025",
        "Advice",
        "The website is hard to use",
        "Rewrite the adult social care pages",
        "Pages rewritten and tested with residents",
        "Digital team",
        "Achieved",
        "",
    ],
]


def write_council_csv(path: Path, title: str | None, headers: list[str], rows: list[list[Any]]) -> Path:
    """A CSV as a council saves it from Excel: a title line and a blank line above the headings."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        if title:
            writer.writerows([[title], []])
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_council_xlsx(
    path: Path,
    title: str | None,
    headers: list[str],
    rows: list[list[Any]],
    *,
    key: list[list[str]] | None = None,
    key_first: bool = False,
    groups: list[str] | None = None,
) -> Path:
    """A workbook as councils publish it: a merged title, headings over one or two rows (equal
    neighbouring group headings merged, single headings merged down both rows), a key sheet."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    if key and key_first:
        _write_rows(book.add_worksheet("Key"), key)
    sheet = book.add_worksheet("Tracker")
    wrap = book.add_format({"text_wrap": True, "bold": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    top = 0
    if title:
        sheet.merge_range(0, 0, 0, len(headers) - 1, title, wrap)
        top = 2
    if groups:
        c = 0
        while c < len(groups):
            end = c
            while end + 1 < len(groups) and groups[end + 1] == groups[c]:
                end += 1
            if end > c:
                sheet.merge_range(top, c, top, end, groups[c], wrap)
                for i in range(c, end + 1):
                    sheet.write(top + 1, i, headers[i], wrap)
            else:
                sheet.merge_range(top, c, top + 1, c, headers[c], wrap)
            c = end + 1
        top += 2
    else:
        sheet.write_row(top, 0, headers, wrap)
        top += 1
    for r, row in enumerate(rows, start=top):
        if isinstance(row, str):  # a section heading merged across the table
            sheet.merge_range(r, 0, r, len(headers) - 1, row, wrap)
            continue
        for c, value in enumerate(row):
            if re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)):
                sheet.write_datetime(r, c, date.fromisoformat(value), day)  # a real date cell
            elif value not in (None, ""):
                sheet.write_string(r, c, str(value))
    if key and not key_first:
        _write_rows(book.add_worksheet("Key"), key)
    book.close()
    return path


def _write_rows(sheet: Any, rows: list[list[str]]) -> None:
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)


def write_cell_bomb(path: Path) -> Path:
    """A tiny workbook whose one stray cell at XFD1048576 claims every cell Excel allows."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Ref", "Recommendation", "Date raised", "Status"])
    sheet.write(1_048_575, 16_383, "x")
    book.close()
    return path
