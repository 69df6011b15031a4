"""Change records: what one command wrote, and how to take it back or make it again.

`recorded(session, work)` runs a service call and returns its result with a `ChangeRecord`
built by the flush hook (`coprod.persistence.changes`): every row written, with the old
and new values of the fields that changed. `revert` puts a record's old values back
(created rows are tombstoned, as every service deletes; hard-deleted rows come back) and
`reapply` makes it again. Both go through the ORM, so the audit log sees each step, and both
refuse, changing nothing, when a row no longer holds what the record left in it: someone
(another page, another laptop) has changed it since, and their work is not overwritten.
Nor is a row the record made taken back while someone else's rows point to it: a theme or a
participant's code made on first use stays for them (`TableBase.made_on_first_use`), and
anything else refuses, so that their items never lose their session or owner.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import Session

from coprod.domain.errors import CoprodError
from coprod.domain.models import TableBase
from coprod.domain.types import utcnow
from coprod.persistence import changes as hook
from coprod.persistence.changes import Operation, Written

T = TypeVar("T")
Keys = frozenset[tuple[str, uuid.UUID]]


class ChangedSince(CoprodError):
    """A row holds other values than the record left in it: someone changed it since."""


class RecordGone(CoprodError, LookupError):
    """A row the record names is no longer in the database."""


@dataclass(frozen=True)
class RowChange:
    """One row's part in a change: `fields` holds (name, old value, new value) triples."""

    table: str
    row_id: uuid.UUID
    operation: Operation
    fields: tuple[tuple[str, Any, Any], ...]

    def old(self) -> dict[str, Any]:
        return {name: old for name, old, _new in self.fields}

    def new(self) -> dict[str, Any]:
        return {name: new for name, _old, new in self.fields}


@dataclass(frozen=True)
class ChangeRecord:
    """What one command wrote, in the order it wrote it."""

    rows: tuple[RowChange, ...] = ()
    journal: frozenset[str] = frozenset()
    """Tables written alongside that undo never takes back (the audit log)."""

    @property
    def tables(self) -> frozenset[str]:
        """The tables written: what a page showing any of them should reload."""
        return frozenset(row.table for row in self.rows) | self.journal

    @property
    def empty(self) -> bool:
        return not self.rows

    def keys(self) -> Keys:
        """Every (table, id) the record wrote."""
        return frozenset((r.table, r.row_id) for r in self.rows)

    def ids(self, table: str, operation: Operation | None = None) -> list[uuid.UUID]:
        return [r.row_id for r in self.rows if r.table == table and operation in (None, r.operation)]

    def __add__(self, other: ChangeRecord) -> ChangeRecord:
        return replace(merge(self.rows + other.rows), journal=self.journal | other.journal)


def merge(rows: Iterable[RowChange | Written]) -> ChangeRecord:
    """One entry per row, in first-written order: the oldest old value and the newest new one."""
    order: list[tuple[str, uuid.UUID]] = []
    ops: dict[tuple[str, uuid.UUID], list[Operation]] = {}
    fields: dict[tuple[str, uuid.UUID], dict[str, list[Any]]] = {}
    journal: set[str] = set()
    for row in rows:
        if row.table == hook.JOURNAL:
            journal.add(row.table)
            continue
        key = (row.table, row.row_id)
        if key not in ops:
            order.append(key)
            ops[key], fields[key] = [], {}
        ops[key].append(row.operation)
        pairs = row.fields.items() if isinstance(row, Written) else ((n, (o, v)) for n, o, v in row.fields)
        for name, (old, new) in pairs:
            if name in fields[key]:
                fields[key][name][1] = new
            else:
                fields[key][name] = [old, new]
    out: list[RowChange] = []
    for key in order:
        first, last = ops[key][0], ops[key][-1]
        if first == "create" and last == "delete":
            continue  # made and removed again within the command: nothing to undo
        operation: Operation = "delete" if last == "delete" else first
        kept = tuple(
            (name, old, new)
            for name, (old, new) in fields[key].items()
            if operation != "update" or not _same(old, new)
        )
        if operation == "update" and not kept:
            continue
        out.append(RowChange(key[0], key[1], operation, kept))
    return ChangeRecord(tuple(out), frozenset(journal))


def recorded(session: Session, work: Callable[[Session], T]) -> tuple[T, ChangeRecord]:
    """Run `work(session)` and record what it wrote (flushed, not yet committed)."""
    log = hook.start(session)
    try:
        result = work(session)
        session.flush()
    finally:
        hook.stop(session)
    return result, merge(log)


# -- taking back and making again --------------------------------------------------------


@cache
def _models() -> dict[str, type[TableBase]]:
    found: dict[str, type[TableBase]] = {}
    pending: list[type[TableBase]] = [TableBase]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if hasattr(cls, "__table__"):
            found[cls.__tablename__] = cls  # type: ignore[index]
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.timestamp()  # the same instant, whatever zone it was written in
    return value


def _same(a: Any, b: Any) -> bool:
    return bool(_plain(a) == _plain(b))


def _check(row: TableBase, expected: dict[str, Any]) -> None:
    for name, value in expected.items():
        if not _same(getattr(row, name), value):
            raise ChangedSince("changes.changed_since")


def _get(session: Session, change: RowChange) -> TableBase | None:
    return session.get(_models()[change.table], change.row_id)


def _put(session: Session, row: TableBase, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)


def _insert(session: Session, mine: Keys, change: RowChange, values: dict[str, Any]) -> None:
    """Put a row back with `values`, once the rows it belongs to are known to be live."""
    _parents_live(session, mine, change.table, values.get)
    session.add(_models()[change.table](id=change.row_id, **values))


@cache
def _pointers() -> dict[str, tuple[tuple[sa.Table, sa.Column[Any]], ...]]:
    """For each table, the tables and columns whose foreign keys point to it."""
    found: dict[str, list[tuple[sa.Table, sa.Column[Any]]]] = {}
    for model in _models().values():
        table: sa.Table = model.__table__  # type: ignore[attr-defined]
        for key in table.foreign_keys:
            found.setdefault(key.column.table.name, []).append((table, key.parent))
    return {name: tuple(pairs) for name, pairs in found.items()}


def _pointed_to(session: Session, change: RowChange) -> bool:
    """Whether a live row still points to the row `change` names. The record's own rows that
    point to it were written after it, so `revert` has already taken them back."""
    connection = session.connection()
    for table, column in _pointers().get(change.table, ()):
        query = sa.select(table.c.id).where(column == change.row_id, table.c.deleted_at.is_(None)).limit(1)
        if connection.execute(query).first() is not None:
            return True
    return False


def _parents_live(session: Session, mine: Keys, table: str, value: Callable[[str], Any]) -> None:
    """A row brought back must not belong to a row deleted since (an item to a deleted
    session): RecordGone, and nothing is brought back. Parents the record itself writes
    (`mine`) are left to their own step. `value(column)` is what the row holds."""
    for key in _models()[table].__table__.foreign_keys:  # type: ignore[attr-defined]
        parent_table, parent_id = key.column.table.name, value(key.parent.name)
        if parent_id is None or (parent_table, parent_id) in mine:
            continue
        parent = session.get(_models()[parent_table], parent_id)
        if parent is None or parent.deleted_at is not None:
            raise RecordGone("changes.gone")


def _bring_back(session: Session, mine: Keys, row: TableBase, table: str, values: dict[str, Any]) -> None:
    """Put `values` in `row`; one that brings a deleted row back checks its parents first."""
    if row.deleted_at is not None and "deleted_at" in values and values["deleted_at"] is None:
        _parents_live(session, mine, table, lambda name: values.get(name, getattr(row, name)))
    _put(session, row, values)


def _kept_for_others(row: TableBase, change: RowChange) -> bool:
    """A row made on first use that an undo left alive, because others' rows point to it."""
    return (
        type(row).made_on_first_use
        and row.deleted_at is None
        and (change.operation == "create" or change.old().get("deleted_at") is not None)
        and change.new().get("deleted_at") is None
    )


def revert(session: Session, record: ChangeRecord) -> None:
    """Take `record` back: old values return, created rows are tombstoned, deleted ones return."""
    mine = record.keys()
    for change in reversed(record.rows):
        row = _get(session, change)
        if change.operation == "delete":
            if row is not None:
                raise ChangedSince("changes.changed_since")
            _insert(session, mine, change, change.old())
        elif row is None:
            raise RecordGone("changes.gone")
        else:
            _check(row, change.new())
            values = change.old() if change.operation == "update" else {"deleted_at": utcnow()}
            tombstones = row.deleted_at is None and values.get("deleted_at") is not None
            if tombstones and _pointed_to(session, change):
                if not type(row).made_on_first_use:
                    raise ChangedSince("changes.changed_since")
                del values["deleted_at"]  # others' items use it now: it stays for them
            _bring_back(session, mine, row, change.table, values)
        session.flush()  # in order: a parent comes back before its children need it


def reapply(session: Session, record: ChangeRecord) -> None:
    """Make `record` again after `revert`: the same rows, with the same ids, come back."""
    mine = record.keys()
    for change in record.rows:
        row = _get(session, change)
        if change.operation == "create":
            if row is None:
                _insert(session, mine, change, change.new())
            else:
                if row.deleted_at is None and not _kept_for_others(row, change):
                    raise ChangedSince("changes.changed_since")
                _check(row, {k: v for k, v in change.new().items() if k != "deleted_at"})
                _bring_back(session, mine, row, change.table, {"deleted_at": change.new().get("deleted_at")})
        elif row is None:
            raise RecordGone("changes.gone")
        else:
            old = change.old()
            if _kept_for_others(row, change):
                del old["deleted_at"]
            _check(row, old)
            if change.operation == "update":
                _bring_back(session, mine, row, change.table, change.new())
            else:
                session.delete(row)
        session.flush()
