"""Every ORM insert, update and delete writes an AuditEvent in the same flush.

The hook sits on Session's `before_flush`, so it is impossible to change a record through
the ORM without the log knowing; bulk Core inserts call `record_bulk` themselves.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.models import PERSONAL_FIELDS, AuditEvent, TableBase
from coprod.domain.types import utcnow
from coprod.persistence.identity import current_actor, device_id

_SKIP_FIELDS = frozenset({"id", "created_at", "updated_at"})
WITHHELD = "(personal data withheld)"


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _actor(session: OrmSession) -> str:
    return str(session.info.get("actor") or current_actor())


def _event(session: OrmSession, action: AuditAction, obj: TableBase, changes: dict[str, Any]) -> AuditEvent:
    return AuditEvent(
        actor=_actor(session),
        device_id=device_id(),
        action=action,
        table_name=obj.__tablename__,  # type: ignore[arg-type]
        row_id=str(obj.id),
        changes=changes,
    )


def _value(table: str, field: str, value: Any) -> Any:
    return WITHHELD if (table, field) in PERSONAL_FIELDS and value is not None else jsonable(value)


def _created(obj: TableBase) -> dict[str, Any]:
    table = obj.__tablename__
    out = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in _SKIP_FIELDS:
            continue
        value = getattr(obj, attr.key)
        if value is not None:
            out[attr.key] = [None, _value(table, attr.key, value)]  # type: ignore[arg-type]
    return out


def _changed(obj: TableBase) -> dict[str, Any]:
    table = obj.__tablename__
    state = inspect(obj)
    out = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIP_FIELDS:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old == new:
            continue
        out[attr.key] = [_value(table, attr.key, old), _value(table, attr.key, new)]  # type: ignore[arg-type]
    return out


@event.listens_for(Session, "before_flush")
def _audit_before_flush(session: OrmSession, flush_context: Any, instances: Any) -> None:
    if session.info.get("audit") is False:
        return
    now = utcnow()
    events: list[AuditEvent] = []
    for obj in list(session.new):
        if isinstance(obj, TableBase) and not isinstance(obj, AuditEvent):
            events.append(_event(session, AuditAction.CREATE, obj, _created(obj)))
    for obj in list(session.dirty):
        if not isinstance(obj, TableBase) or isinstance(obj, AuditEvent):
            continue
        changes = _changed(obj)
        if not changes:
            continue
        obj.updated_at = now
        if "deleted_at" in changes and changes["deleted_at"][0] is None:
            # A tombstone: say it was deleted, never repeat what it held.
            events.append(_event(session, AuditAction.DELETE, obj, {}))
        else:
            events.append(_event(session, AuditAction.UPDATE, obj, changes))
    for obj in list(session.deleted):
        if isinstance(obj, TableBase) and not isinstance(obj, AuditEvent):
            events.append(_event(session, AuditAction.DELETE, obj, {}))
    session.add_all(events)


def record(
    session: Session,
    action: AuditAction,
    *,
    table_name: str,
    row_id: str | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    """Log an action the ORM cannot see: a view, an export, a bulk insert, a merge conflict."""
    session.add(
        AuditEvent(
            actor=_actor(session),
            device_id=device_id(),
            action=action,
            table_name=table_name,
            row_id=row_id,
            changes=jsonable(changes or {}),
        )
    )


def record_bulk(session: Session, table_name: str, count: int, *, note: str) -> None:
    """One event for a bulk Core insert (demo data, imports), written in the same transaction."""
    session.execute(
        insert(AuditEvent).values(
            id=uuid.uuid4(),
            created_at=utcnow(),
            updated_at=utcnow(),
            at=utcnow(),
            actor=_actor(session),
            device_id=device_id(),
            action=AuditAction.BULK_CREATE,
            table_name=table_name,
            row_id=None,
            changes={"count": count, "note": note},
        )
    )
