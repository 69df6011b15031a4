"""What a unit of work wrote, row by row, kept in memory for undo.

A listener on the same flush the audit log watches: when a session carries a `Written` list
under `LOG_KEY` in its `info`, every flushed insert, update and delete is appended to it
with the changed fields' old and new values. Nothing is stored in the database; the audit
log is left to say who changed what, this list only says how to put it back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from coprod.domain.models import AuditEvent, TableBase

JOURNAL = AuditEvent.__tablename__  # written with every change, named but never taken back

LOG_KEY = "coprod.written"
# Bookkeeping every write moves; putting them back would only hide when the undo happened.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "version"})

Operation = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class Written:
    """One row as one flush wrote it: `fields` maps a column to (old value, new value)."""

    table: str
    row_id: uuid.UUID
    operation: Operation
    fields: dict[str, tuple[Any, Any]]


def start(session: Session) -> list[Written]:
    """Begin collecting what `session` writes; returns the list the flushes fill."""
    log: list[Written] = []
    session.info[LOG_KEY] = log
    return log


def stop(session: Session) -> None:
    session.info.pop(LOG_KEY, None)


def _columns(obj: TableBase) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in BOOKKEEPING]


def _created(obj: TableBase) -> dict[str, tuple[Any, Any]]:
    return {key: (None, getattr(obj, key)) for key in _columns(obj)}


def _updated(obj: TableBase) -> dict[str, tuple[Any, Any]]:
    state = inspect(obj)
    out: dict[str, tuple[Any, Any]] = {}
    for key in _columns(obj):
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old != new:
            out[key] = (old, new)
    return out


def _deleted(obj: TableBase) -> dict[str, tuple[Any, Any]]:
    held = inspect(obj).dict
    return {key: (held.get(key), None) for key in _columns(obj)}


def written_rows(session: OrmSession) -> Iterator[tuple[TableBase, Written]]:
    """Each row the flush being finished wrote, with its old and new values (used after_flush:
    the session still lists what it held before the flush, with each attribute's history)."""
    for objects, operation, fields in (
        (session.new, "create", _created),
        (session.dirty, "update", _updated),
        (session.deleted, "delete", _deleted),
    ):
        for obj in list(objects):
            if not isinstance(obj, TableBase):
                continue
            values = {} if isinstance(obj, AuditEvent) else fields(obj)  # the log is never undone
            if operation == "update" and not values and not isinstance(obj, AuditEvent):
                continue
            yield obj, Written(obj.__tablename__, obj.id, operation, values)  # type: ignore[arg-type]


@event.listens_for(Session, "after_flush")
def _collect(session: OrmSession, flush_context: Any) -> None:
    log: list[Written] | None = session.info.get(LOG_KEY)
    if log is None:
        return
    log.extend(written for _obj, written in written_rows(session))
