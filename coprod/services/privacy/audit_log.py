"""Reading the audit log: filter by record, table, date and actor; export what is shown as CSV."""

from __future__ import annotations

import csv
import json
import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.models import AuditEvent
from coprod.i18n import tr
from coprod.services.common.store import Store
from coprod.services.data.on_record import record_export

LIMIT = 5000
HEADINGS = ("When (UTC)", "Actor", "Device", "Action", "Table", "Record", "Changes")


@dataclass(frozen=True, slots=True)
class AuditFilter:
    record: str | None = None  # a record's id, or the start of one
    table: str | None = None
    start: date | None = None
    end: date | None = None  # inclusive
    actor: str | None = None
    action: AuditAction | None = None


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    actor: str
    device_id: str
    action: AuditAction
    table_name: str
    row_id: str | None
    changes: dict[str, Any]
    merged_from: str | None = None  # the file another copy's event came in with

    @property
    def changes_text(self) -> str:
        return json.dumps(self.changes, ensure_ascii=False, sort_keys=True) if self.changes else ""

    def cells(self) -> tuple[str, ...]:
        actor = self.actor
        if self.merged_from:
            actor = tr("audit.merged_actor", actor=self.actor, file=self.merged_from)
        return (
            self.at.strftime("%Y-%m-%d %H:%M:%S"),
            actor,
            self.device_id,
            self.action.value,
            self.table_name,
            self.row_id or "",
            self.changes_text,
        )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def query_audit(*, session: Session, where: AuditFilter, limit: int = LIMIT) -> tuple[list[AuditRow], int]:
    """The newest matching events (at most `limit`) and how many match in all."""
    conditions: list[Any] = []
    if where.record:
        wanted = where.record.strip().lower()
        if len(wanted.replace("-", "")) == 32:
            with suppress(ValueError):
                wanted = str(uuid.UUID(wanted))  # the log keeps ids in their dashed form
        conditions.append(col(AuditEvent.row_id).startswith(wanted))
    if where.table:
        conditions.append(AuditEvent.table_name == where.table)
    if where.start:
        conditions.append(AuditEvent.at >= _day_start(where.start))
    if where.end:
        conditions.append(AuditEvent.at < _day_start(where.end + timedelta(days=1)))
    if where.actor:
        conditions.append(AuditEvent.actor == where.actor)
    if where.action:
        conditions.append(AuditEvent.action == where.action)
    total = session.execute(select(func.count()).select_from(AuditEvent).where(*conditions)).scalar_one()
    query = select(AuditEvent).where(*conditions).order_by(col(AuditEvent.at).desc()).limit(limit)
    rows = [
        AuditRow(
            e.at,
            e.actor,
            e.device_id,
            AuditAction(e.action),
            e.table_name,
            e.row_id,
            e.changes or {},
            e.merged_from,
        )
        for e in session.execute(query).scalars()
    ]
    return rows, total


def filter_choices(*, session: Session) -> tuple[list[str], list[str]]:
    """The table names and actors present in the log, for the filter lists."""
    tables = sorted(session.execute(select(col(AuditEvent.table_name)).distinct()).scalars())
    actors = sorted(session.execute(select(col(AuditEvent.actor)).distinct()).scalars())
    return tables, actors


def export_audit_csv(*, session: Session, rows: list[AuditRow], path: str | Path) -> Path:
    """Write `rows` to a CSV file and log that the log was exported."""
    path = Path(path)
    # The event first (it takes the write lock): a log that cannot record this keeps no file.
    record_export(
        session, AuditAction.EXPORT, table_name="audit_event", changes={"file": path.name, "rows": len(rows)}
    )
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(HEADINGS)
            out.writerows(r.cells() for r in rows)
    except OSError as exc:
        raise CoprodError("export.cannot_write", path=str(path), reason=exc.strerror or str(exc)) from exc
    return path


def export_audit_log(db: Store, *, rows: list[AuditRow], path: str | Path) -> Path:
    """`export_audit_csv` in its own transaction: what the Audit log page's Export runs."""
    with db.transaction() as session:
        return export_audit_csv(session=session, rows=rows, path=path)
