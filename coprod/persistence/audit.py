"""Every ORM insert, update and delete writes an AuditEvent in the same flush.

The hook sits on Session's `before_flush`, so it is impossible to change a record through
the ORM without the log knowing; bulk Core inserts call `record_bulk` themselves.

An event names the fields that changed and a hash of each new value, salted with the record,
never the value itself: the log must not become a second copy of what residents said or who
they are (an erased person would live on in it). Every event is chained to the one before by
`seq`, `prev_hash` and `hash`, so `coprod check` can tell a forged or removed event.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.models import PERSONAL_FIELDS, AuditEvent, TableBase
from coprod.domain.types import utcnow
from coprod.persistence.chain_hash import aware, event_hash, jsonable
from coprod.persistence.dialect import serialise_writers
from coprod.persistence.identity import current_actor, device_id
from coprod.persistence.server.refusals import LOGIN_KEY, ROLE_KEY

_SKIP_FIELDS = frozenset({"id", "created_at", "updated_at", "version"})
WITHHELD = "(personal data withheld)"


def writer_of(session: OrmSession) -> str:
    """Who is writing: on a server, the database login of anyone in a coprod role (its
    policies accept no other name); the owner's maintenance, and a file of one's own, take
    who the caller says, or else the login or the operating system user."""
    given = session.info.get("actor")
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return str(given or current_actor())
    if given and conn.info.get(ROLE_KEY) is None:
        return str(given)
    login = conn.info.get(LOGIN_KEY)  # noted when the connection was made
    if login is None:
        login = conn.info[LOGIN_KEY] = conn.exec_driver_sql("SELECT current_user").scalar()
    return str(login)


def _event(session: OrmSession, action: AuditAction, obj: TableBase, changes: dict[str, Any]) -> AuditEvent:
    return AuditEvent(
        actor=writer_of(session),
        device_id=device_id(),
        action=action,
        table_name=obj.__tablename__,  # type: ignore[arg-type]
        row_id=str(obj.id),
        changes=changes,
    )


def shown_value(table: str, field: str, value: Any) -> Any:
    """A value as it may be shown on screen (never written to the log): personal fields withheld."""
    return WITHHELD if (table, field) in PERSONAL_FIELDS and value is not None else jsonable(value)


def value_digest(table: str, row_id: str | None, field: str, value: Any) -> str | None:
    """What the log keeps of a new value: a hash salted with the record and field, or None.

    The salt stops one hash being matched across records or against a list of common names;
    someone who already holds the value can still confirm it was the one recorded.
    """
    if value is None:
        return None
    body = json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True, default=str)
    salted = f"{table}\x1f{row_id or ''}\x1f{field}\x1f{body}".encode()
    return "sha256:" + hashlib.sha256(salted).hexdigest()[:32]


def field_changes(table: str, row_id: str | None, values: dict[str, Any]) -> dict[str, str | None]:
    """The audit form of changed fields: each field with the digest of its new value."""
    return {k: value_digest(table, row_id, k, v) for k, v in values.items()}


def _created(obj: TableBase) -> dict[str, Any]:
    table = obj.__tablename__
    row_id = str(obj.id)
    out = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in _SKIP_FIELDS:
            continue
        value = getattr(obj, attr.key)
        if value is not None:
            out[attr.key] = value_digest(table, row_id, attr.key, value)  # type: ignore[arg-type]
    return out


def _changed(obj: TableBase) -> dict[str, Any]:
    table = obj.__tablename__
    row_id = str(obj.id)
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
        out[attr.key] = value_digest(table, row_id, attr.key, new)  # type: ignore[arg-type]
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
        if "deleted_at" in changes and _was_live(obj):
            # A tombstone: say it was deleted, never repeat what it held.
            events.append(_event(session, AuditAction.DELETE, obj, {}))
        else:
            events.append(_event(session, AuditAction.UPDATE, obj, changes))
    for obj in list(session.deleted):
        if isinstance(obj, TableBase) and not isinstance(obj, AuditEvent):
            events.append(_event(session, AuditAction.DELETE, obj, {}))
    session.add_all(events)
    chain_new_events(session)


def _was_live(obj: TableBase) -> bool:
    hist = inspect(obj).attrs["deleted_at"].history
    return not hist.deleted or hist.deleted[0] is None


# ---------------------------------------------------------------- the chain


def _chain_head(session: OrmSession) -> tuple[int, str | None]:
    """The last event's place and hash, read on the session's connection (no autoflush)."""
    table = AuditEvent.__table__  # type: ignore[attr-defined]
    query = (
        select(table.c.seq, table.c.hash)
        .where(table.c.seq.is_not(None))
        .order_by(table.c.seq.desc())
        .limit(1)
    )
    row = session.connection().execute(query).first()
    return (int(row[0]), row[1]) if row else (0, None)


def _take_write_lock(session: OrmSession) -> None:
    """Hold the write lock before reading the chain's head, so no other writer can take the
    same place between the read and the insert (a write that touches no row still locks)."""
    serialise_writers(session.connection(), "audit_event chain")


def _link(row: dict[str, Any], seq: int, prev: str | None) -> str:
    row["seq"], row["prev_hash"] = seq, prev
    row["hash"] = event_hash(row)
    return str(row["hash"])


def _as_row(e: AuditEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at,
        "actor": e.actor,
        "device_id": e.device_id,
        "action": e.action,
        "table_name": e.table_name,
        "row_id": e.row_id,
        "changes": e.changes,
        "merged_from": e.merged_from,
    }


def chain_new_events(session: OrmSession) -> None:
    """Give every event about to be flushed its place in the chain."""
    pending = [o for o in session.new if isinstance(o, AuditEvent) and o.hash is None]
    if not pending:
        return
    _take_write_lock(session)
    seq, prev = _chain_head(session)
    pending.sort(key=lambda e: (aware(e.at) or utcnow(), str(e.id)))
    for e in pending:
        if e.at is None:
            e.at = utcnow()
        seq += 1
        row = _as_row(e)
        prev = _link(row, seq, prev)
        e.seq, e.prev_hash, e.hash = row["seq"], row["prev_hash"], row["hash"]


def chain_rows(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Chain events about to be inserted with Core (a bulk note, a merged copy's history).

    Pending ORM objects are flushed first so their events take their places before these.
    An incoming event from a copy made before events left out values is converted the way
    the migration converted this file's own: field names and hashes only.
    """
    session.flush()
    _take_write_lock(session)
    seq, prev = _chain_head(session)
    for row in rows:
        row["changes"] = scrubbed_changes(row)
        seq += 1
        prev = _link(row, seq, prev)


def scrubbed_changes(row: dict[str, Any]) -> dict[str, Any]:
    """An event's changes with any [old, new] pair (the old form) replaced by a digest."""
    changes = row.get("changes") or {}
    if not isinstance(changes, dict):
        return {}
    action = row.get("action")
    action = action.value if isinstance(action, Enum) else action
    table, row_id = row.get("table_name") or "", row.get("row_id")
    if action == AuditAction.MERGE_CONFLICT.value and isinstance(changes.get("fields"), dict):
        fields = {
            k: [x if _is_digest(x) else value_digest(table, row_id, k, x) for x in v]
            if isinstance(v, list)
            else v
            for k, v in changes["fields"].items()
        }
        return {**changes, "fields": fields}
    if action not in (AuditAction.CREATE.value, AuditAction.UPDATE.value):
        return changes
    return {
        k: value_digest(table, row_id, k, v[-1]) if isinstance(v, list) and len(v) == 2 else v
        for k, v in changes.items()
    }


def _is_digest(value: Any) -> bool:
    return value is None or (isinstance(value, str) and (value.startswith("sha256:") or value == "withheld"))


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
            actor=writer_of(session),
            device_id=device_id(),
            action=action,
            table_name=table_name,
            row_id=row_id,
            changes=jsonable(changes or {}),
        )
    )


def record_bulk(session: Session, table_name: str, count: int, *, note: str) -> None:
    """One event for a bulk Core insert (demo data, imports), written in the same transaction."""
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "at": utcnow(),
        "actor": writer_of(session),
        "device_id": device_id(),
        "action": AuditAction.BULK_CREATE,
        "table_name": table_name,
        "row_id": None,
        "changes": {"count": count, "note": note},
        "merged_from": None,
    }
    chain_rows(session, [row])
    session.execute(insert(AuditEvent).values(**row))
