"""Saving a record someone else saved since it was opened: stopped, with who and when.

An editor keeps the `version` of the record it opened and hands it to the service that
saves it (`expected_version`). If the row has moved on, nothing is written and the user is
told who changed it and at what time, from the audit log's latest event on the record.

The check at the start of a save reads the row in the saving transaction; the ORM's own
"AND version = ..." on the UPDATE catches a save that lands between that read and the write
(`StaleDataError`), which `saving` turns into the same sentence.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.errors import EditConflict
from coprod.domain.models import AuditEvent, TableBase

_EDITS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)


def latest_change(session: Session, table: str, row_id: uuid.UUID) -> tuple[str, datetime] | None:
    """Who made the newest change the audit log holds for a record, and when (UTC)."""
    query = (
        select(AuditEvent.actor, AuditEvent.at)  # type: ignore[call-overload]
        .where(
            AuditEvent.table_name == table,
            AuditEvent.row_id == str(row_id),
            AuditEvent.action.in_(_EDITS),  # type: ignore[attr-defined]
        )
        .order_by(AuditEvent.seq.desc())  # type: ignore[union-attr]
        .limit(1)
    )
    row = session.connection().execute(query).first()
    return (str(row[0]), row[1]) if row else None


def conflict(
    session: Session, table: str, row_id: uuid.UUID, version: int, *, today: date | None = None
) -> EditConflict:
    """The error for a record at `version` that the user opened at another one."""
    found = latest_change(session, table, row_id)
    if found is None:
        return EditConflict("conflict.changed", version=version)
    actor, at = found
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()
    time = local.strftime("%H:%M")
    if local.date() == (today or datetime.now().astimezone().date()):
        return EditConflict("conflict.changed_by", version=version, actor=actor, time=time)
    return EditConflict("conflict.changed_by_on", version=version, actor=actor, time=time, date=local.date())


def current_version(session: Session, model: type[TableBase], row_id: uuid.UUID) -> int | None:
    """The row's version as committed now, read past the session's identity map."""
    query = select(model.version).where(model.id == row_id)  # type: ignore[call-overload]
    found = session.connection().execute(query).scalar_one_or_none()
    return int(found) if found is not None else None


def check_version(session: Session, row: TableBase, expected_version: int | None) -> None:
    """Refuse, writing nothing, if `row` is no longer at the version the user opened.

    None (the command line, older callers) means the caller did not open the record first.
    """
    if expected_version is None or row.version == expected_version:
        return
    raise conflict(session, str(row.__tablename__), row.id, row.version)


@contextmanager
def saving(session: Session, row: TableBase) -> Iterator[None]:
    """Flush the edit of `row`; another connection's save in between becomes an EditConflict."""
    model, row_id = type(row), row.id  # the failed flush expires the row: known beforehand
    try:
        yield
        session.flush()
    except StaleDataError:
        # This transaction is spent: read who won on a fresh one.
        with Session(session.get_bind()) as fresh:
            version = current_version(fresh, model, row_id) or 0
            error = conflict(fresh, str(model.__tablename__), row_id, version)
        raise error from None
