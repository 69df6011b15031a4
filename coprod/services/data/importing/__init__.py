"""Importing recommendation trackers (CSV or XLSX) kept in spreadsheets.

All or nothing: every row is checked first; if any is wrong nothing is written, unless the
caller asks to skip invalid rows, which then go to a rejects CSV beside the file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from coprod.domain.enums import Status
from coprod.domain.errors import CoprodError
from coprod.i18n import N_, ntr, tr
from coprod.persistence.dialect import serialise_writers
from coprod.services.common.store import Store
from coprod.services.common.tasks import TaskState
from coprod.services.data.importing.columns import (
    BY_FIELD,
    COLUMNS,
    FIELDS,
    Mapping,
    detect_mapping,
    missing_required,
)
from coprod.services.data.importing.plan import Planned, plan_rows
from coprod.services.data.importing.reader import Table, read_table
from coprod.services.data.importing.rows import Problem, TrackerRow, check_rows
from coprod.services.data.importing.values import is_rag
from coprod.services.data.importing.writer import write

__all__ = [
    "BY_FIELD",
    "COLUMNS",
    "FIELDS",
    "ImportReport",
    "Mapping",
    "Problem",
    "Table",
    "check_file",
    "check_tracker",
    "detect_mapping",
    "import_tracker",
    "needs_rag_meaning",
    "read_table",
    "rejects_path",
]


# What the tracker did not say, by kind of gap.
_MISSING = {
    "undated": N_("import.missing.undated"),
    "no_we_did": N_("import.missing.no_we_did"),
    "no_reason": N_("import.missing.no_reason"),
}


@dataclass
class ImportReport:
    source: Path
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejected_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    rejects_file: Path | None = None
    backup: Path | None = None
    missing_columns: list[str] = field(default_factory=list)
    sheet: str | None = None
    encoding: str | None = None
    encoding_guessed: bool = False
    needs_rag_meaning: bool = False
    sections: list[tuple[int, str]] = field(default_factory=list)  # section-heading rows, not imported
    mapping: Mapping = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)
    """History the tracker lacks, by kind ("undated", "no_we_did", "no_reason"): rows named
    by reference (or row number), imported as they are and listed so they can be completed."""

    def missing_sentences(self, shown: int = 10) -> list[str]:
        out = [tr("import.section_skipped", row=n, text=text) for n, text in self.sections]
        for kind, items in self.missing.items():
            if not items:
                continue
            named = ", ".join(items[:shown])
            if len(items) > shown:
                named = tr("import.missing.more", items=named, more=f"{len(items) - shown:,}")
            out.append(ntr(_MISSING[kind], len(items), items=named))
        return out

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def columns_missing(self) -> bool:
        """A required column is missing: a problem with the file, not with any one row."""
        return bool(self.missing_columns)


def rejects_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}-rejects.csv")


def _column_names(table: Table, mapping: Mapping) -> dict[str, str]:
    names = {}
    for f in FIELDS:
        index = mapping.get(f)
        header = table.headers[index] if index is not None and index < len(table.headers) else ""
        names[f] = header or BY_FIELD[f].heading
    return names


def needs_rag_meaning(table: Table, mapping: Mapping) -> bool:
    """True when the status column holds RAG colours, whose meaning the officer must give."""
    index = mapping.get("status")
    return index is not None and any(is_rag(cells[index]) for _, cells in table.rows if index < len(cells))


def check_file(
    table: Table, mapping: Mapping, *, today: date, rag_means: str | None = None
) -> tuple[list[TrackerRow], list[Problem]]:
    """The checks that need only the file: columns present, cells readable, dates in order."""
    missing = missing_required(mapping)
    if missing:
        return [], [
            Problem(
                table.header_row,
                BY_FIELD[f].heading,
                tr("import.missing_column", heading=BY_FIELD[f].heading),
            )
            for f in missing
        ]
    if not table.rows:
        return [], [Problem(table.header_row + 1, "", tr("import.no_rows"))]
    if rag_means is None and needs_rag_meaning(table, mapping):
        column = _column_names(table, mapping)["status"]
        return [], [Problem(table.header_row, column, tr("import.rag_needs_meaning_file", column=column))]
    return check_rows(table, mapping, today=today, rag_means=rag_means)


def missing_history(planned: list[Planned]) -> dict[str, list[str]]:
    """What the tracker does not record, for rows that will not have it after the import."""
    found: dict[str, list[str]] = {"undated": [], "no_we_did": [], "no_reason": []}
    for p in planned:
        row, rec = p.row, p.existing.rec if p.existing else None
        name = (
            tr("import.row_and_reference", reference=row.reference, row=row.row)
            if row.reference
            else tr("import.row_name", row=row.row)
        )
        if row.status is Status.IMPLEMENTED:
            if row.implemented_on is None and (rec is None or rec.implemented_on is None):
                found["undated"].append(name)
            if not row.we_did and not (p.existing and p.existing.public_texts):
                found["no_we_did"].append(name)
        has_reason = row.closing_reason or (rec and rec.decision_reason)
        if row.status is Status.NOT_TAKEN_FORWARD and not has_reason:
            found["no_reason"].append(name)
    return found


def check_tracker(
    *,
    session: Session,
    table: Table,
    mapping: Mapping,
    today: date,
    checked: tuple[list[TrackerRow], list[Problem]] | None = None,
) -> tuple[list[Planned], list[Problem]]:
    """Check every row against the file and the database; write nothing."""
    rows, problems = checked if checked is not None else check_file(table, mapping, today=today)
    planned, more = plan_rows(session, rows, _column_names(table, mapping), today=today)
    return planned, sorted(problems + more, key=lambda p: p.row)


def _cell(value: Any) -> Any:
    from coprod.services.data.export import csv_safe

    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_safe(value)  # the rejects file is opened in Excel too
    return "" if value is None else value


def write_rejects(path: Path, table: Table, problems: list[Problem]) -> Path:
    by_row: dict[int, list[str]] = {}
    for p in problems:
        by_row.setdefault(p.row, []).append(f"{p.column}: {p.message}" if p.column else p.message)
    cells = dict(table.rows)
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([tr("import.rejects_row"), *table.headers, tr("import.rejects_problems")])
            for number in sorted(by_row):
                out.writerow([number, *[_cell(c) for c in cells.get(number, [])], "; ".join(by_row[number])])
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CoprodError("import.rejects_unwritable", path=str(path), reason=reason) from exc
    return path


LOCK_WAIT_MS = 120_000


def _hold_write_lock(session: Session) -> None:
    """Take the database's write lock before matching rows against what it holds.

    Two imports of the same file at once would otherwise both see an empty database and
    both add every row. The second one waits (up to two minutes) and then finds the first
    one's rows unchanged.
    """
    from coprod.persistence.database import BUSY_TIMEOUT_MS

    conn = session.connection()
    if conn.dialect.name != "sqlite":
        serialise_writers(conn, "import")
        return
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
    try:
        serialise_writers(conn, "import")  # SQLite: the database's one write lock
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


class _NothingWritten(Exception):
    """Raised inside the write transaction to roll it back when a row cannot be imported."""


def _counts(report: ImportReport, planned: list[Planned], problems: list[Problem]) -> None:
    report.missing = missing_history(planned)
    report.problems = problems
    report.rejected_rows = len({p.row for p in problems})
    report.created = sum(1 for p in planned if p.existing is None)
    report.updated = len(planned) - report.created


def import_tracker(
    db: Store,
    source: str | Path,
    *,
    mapping: Mapping | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    today: date | None = None,
    by: str | None = None,
    state: TaskState | None = None,
    table: Table | None = None,
    sheet: str | None = None,
    rag_means: str | None = None,
) -> ImportReport:
    """Check `source` and, unless it has problems (or `dry_run`), import it in ONE transaction.

    With `skip_invalid`, valid rows are imported and rejected rows are written with their
    problems to `<name>-rejects.csv` beside the file. A backup is taken before writing.
    """
    from coprod.services.data.backup import backup_before

    source = Path(source)
    today = today or date.today()
    if state:
        state.set_status(tr("import.status_reading"))
    table = table if table is not None else read_table(source, sheet=sheet)
    if mapping is None:
        mapping = detect_mapping(table.headers, [cells for _, cells in table.rows])
    report = ImportReport(
        source=source,
        rows=len(table.rows),
        missing_columns=missing_required(mapping),
        sheet=table.sheet,
        encoding=table.encoding,
        encoding_guessed=table.encoding_guessed,
        mapping=dict(mapping),
        headers=list(table.headers),
        needs_rag_meaning=rag_means is None and needs_rag_meaning(table, mapping),
        sections=list(table.sections),
    )
    checked = check_file(table, mapping, today=today, rag_means=rag_means)
    if dry_run or (checked[1] and not skip_invalid) or not checked[0]:
        # Nothing will be written: check against the database without opening a write.
        with db.reading() as session:
            planned, problems = check_tracker(
                session=session, table=table, mapping=mapping, today=today, checked=checked
            )
        _counts(report, planned, problems)
        return report
    if state:
        state.check()
        state.set_status(tr("import.status_writing"))
    report.backup = backup_before(db, "pre-import")
    try:
        with db.transaction(actor=by) if by else db.transaction() as session:
            _hold_write_lock(session)
            planned, problems = check_tracker(
                session=session, table=table, mapping=mapping, today=today, checked=checked
            )
            _counts(report, planned, problems)
            if problems and (not skip_invalid or not planned):
                raise _NothingWritten()
            written = write(session, planned, source=source.name, by=by)
            if state:
                state.check()
            if problems:
                # Before the commit: if the rejects cannot be saved, the import does not happen
                # either, so no row is ever lost between the database and the rejects file.
                report.rejects_file = write_rejects(rejects_path(source), table, problems)
    except _NothingWritten:
        return report
    report.created, report.updated, report.unchanged = written.created, written.updated, written.unchanged
    report.written = True
    return report
