"""Import and export steps: a 10,000-row tracker in (CSV and XLSX), the whole database out."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.bench import Bench, step

ROWS = 10_000
STATUSES = ["Proposed", "Agreed", "In progress", "On hold", "Completed", "Not taken forward"]


def tracker_rows(n: int = ROWS, seed: int = 1) -> list[list[object]]:
    """A council tracker as it arrives: every column filled in the ways people fill it in."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    rows: list[list[object]] = []
    for i in range(n):
        raised = start + timedelta(days=rng.randint(0, 600))
        status = rng.choice(STATUSES)
        target = raised + timedelta(days=rng.choice([60, 90, 180]))
        revised = target + timedelta(days=60) if rng.random() < 0.3 else None
        done = raised + timedelta(days=rng.randint(20, 300)) if status == "Completed" else None
        last = raised + timedelta(days=rng.randint(0, 200))
        topic = rng.choice(["respite", "transport", "letters", "day centres", "direct payments"])
        rows.append(
            [
                f"T-{i + 1:05d}",
                f"Recommendation {i + 1}: improve {topic}",
                f"Residents at session {i % 400} told us {topic} was hard to arrange (item {i + 1})",
                f"We changed how {topic} works after item {i + 1}" if status != "Proposed" else "",
                f"Strategy {i % 12}",
                f"Officer {i % 60}",
                f"Session {i % 400}",
                (start + timedelta(days=i % 400)).strftime("%d/%m/%Y"),
                raised.strftime("%d/%m/%Y"),
                (raised + timedelta(days=7)).isoformat(),
                target.isoformat(),
                revised.isoformat() if revised else "",
                status,
                done.isoformat() if done else "",
                last.strftime("%-d %b %Y"),
                f"{rng.randint(0, 90)}%",
                "No budget" if status == "Not taken forward" else "",
            ]
        )
    return rows


HEADERS = [
    "Ref",
    "Recommendation",
    "You said",
    "We did",
    "Workstream",
    "Lead",
    "Event",
    "Event date",
    "Date raised",
    "Agreed on",
    "Due date",
    "New due date",
    "Status",
    "Completion date",
    "Last updated",
    "% complete",
    "Reason",
]


def write_files(folder: Path) -> tuple[Path, Path]:
    import xlsxwriter

    rows = tracker_rows()
    csv_path = folder / "tracker-10000.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    xlsx_path = folder / "tracker-10000.xlsx"
    book = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
    sheet = book.add_worksheet()
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if c in (7, 8, 9, 10, 11, 13) and value:
                sheet.write_datetime(r, c, _as_date(str(value)), day)  # real date cells
            elif value != "":
                sheet.write(r, c, value)
    book.close()
    return csv_path, xlsx_path


def _as_date(text: str) -> date:
    if "/" in text:
        d, m, y = text.split("/")
        return date(int(y), int(m), int(d))
    return date.fromisoformat(text)


REPEAT = 3


@step("import setup: write 10,000-row tracker files, empty databases (not timed against a target)")
def prepare(bench: Bench) -> str:
    import python_calamine  # noqa: F401  (loaded here so the timed steps measure the import alone)

    from coprod.persistence.database import open_database
    from coprod.services.data import importing  # noqa: F401

    csv_path, xlsx_path = write_files(bench.workdir)
    fresh: dict[str, list[Path]] = {}
    for kind in ("csv", "xlsx"):
        fresh[kind] = [bench.new_database(f"import-{kind}-{n}") for n in range(REPEAT)]
        for path in fresh[kind]:
            open_database(path).close()
    bench.extra.update(csv=csv_path, xlsx=xlsx_path, fresh=fresh)
    return "files written"


def _import(bench: Bench, kind: str) -> str:
    from coprod.persistence.database import open_database
    from coprod.services.data.importing import import_tracker

    fresh: dict[str, list[Path]] = bench.extra["fresh"]  # type: ignore[assignment]
    db = open_database(fresh[kind].pop())  # each run into an empty database, as a first import is
    try:
        report = import_tracker(db, bench.extra[kind], today=bench.as_of)  # type: ignore[arg-type]
    finally:
        db.close()
    assert report.ok and report.created == ROWS, report.problems[:3]
    return f"{report.created:,} recommendations in one transaction; median of {REPEAT} (target < 1.5 s)"


@step("import 10,000-row tracker (CSV)", repeat=REPEAT)
def import_csv(bench: Bench) -> str:
    return _import(bench, "csv")


@step("import 10,000-row tracker (XLSX)", repeat=REPEAT)
def import_xlsx(bench: Bench) -> str:
    return _import(bench, "xlsx")


@step("export every recommendation to XLSX")
def export_xlsx(bench: Bench) -> str:
    from coprod.persistence.database import open_database
    from coprod.services.data.export import export_tracker

    db = open_database(bench.db_path, create=False)
    try:
        result = export_tracker(db, bench.workdir / "export.xlsx")
    finally:
        db.close()
    return f"{result.rows:,} rows (target < 10 s at scale 250)"
