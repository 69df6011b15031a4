"""Applying a laptop's operations on the team server, field by field, each operation once.

Operations already applied (their ids are in `sync_applied`) are skipped, so a push replayed
after a kill writes nothing twice. The rest are squashed per record (the first old value and
the last new value of each field) and written through the ORM, so the server's audit log,
versions and row-level security see them as any other edit.

Each field follows the per-field rule of `coprod.domain.merge`: what only the laptop changed
is taken, what only the server changed is kept, and a field both changed since the laptop's
copy goes to this push, the change the server receives last; the server's value is kept in
`sync_conflict`. A deletion always wins: a record deleted on either side stays deleted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from coprod.domain.enums import AuditAction
from coprod.domain.merge import merge_fields
from coprod.domain.models import TableBase
from coprod.persistence.audit import record, value_digest
from coprod.persistence.dialect import serialise_writers
from coprod.persistence.server import sync as server
from coprod.persistence.sync import Operation, decode_fields, encode, models, synced_tables

CHAIN = "audit_event chain"  # the lock the audit chain and the change numbers share
DELETED = "deleted_at"


@dataclass
class Squashed:
    """All of one record's pending operations as one: first old value, last new value."""

    table: str
    row_id: uuid.UUID
    kind: str  # "create", "update" or "delete"
    old: dict[str, Any] = field(default_factory=dict)
    new: dict[str, Any] = field(default_factory=dict)
    first: int = 0


@dataclass
class PushOutcome:
    applied: int = 0  # operations newly applied
    replayed: int = 0  # operations the server had applied already
    conflicts: list[server.FieldConflict] = field(default_factory=list)
    dropped: int = 0  # changes to records the server no longer has


def squash(ops: list[Operation]) -> list[Squashed]:
    groups: dict[tuple[str, uuid.UUID], Squashed] = {}
    for i, op in enumerate(ops):
        key = (op.table, op.row_id)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Squashed(op.table, op.row_id, op.operation, first=i)
        elif op.operation == "delete":
            group.kind = "nothing" if group.kind == "create" else "delete"
            continue
        if group.kind not in ("create", "update"):
            continue
        for name, (old, new) in op.changes.items():
            group.old.setdefault(name, old)
            group.new[name] = new
    return [g for g in groups.values() if g.kind != "nothing"]


def _ordered(groups: list[Squashed]) -> list[Squashed]:
    """Parents created before their children, children deleted before their parents."""
    rank = {t.name: i for i, t in enumerate(synced_tables())}

    def key(g: Squashed) -> tuple[int, int, int]:
        if g.kind == "create":
            return (0, rank.get(g.table, 0), g.first)
        if g.kind == "update":
            return (1, 0, g.first)
        return (2, -rank.get(g.table, 0), g.first)

    return sorted(groups, key=key)


class _Applier:
    def __init__(self, session: Session, login: str | None) -> None:
        self.session = session
        self.login = login
        self.models = models()
        self.tables = SQLModel.metadata.tables
        self.found: dict[tuple[str, uuid.UUID], TableBase] = {}
        self.outcome = PushOutcome()

    def load(self, groups: list[Squashed]) -> None:
        wanted: dict[str, list[uuid.UUID]] = {}
        for g in groups:
            wanted.setdefault(g.table, []).append(g.row_id)
        for table, ids in wanted.items():
            model = self.models[table]
            for i in range(0, len(ids), server.CHUNK):
                query = select(model).where(model.id.in_(ids[i : i + server.CHUNK]))  # type: ignore[attr-defined]
                for obj in self.session.exec(query):
                    self.found[(table, obj.id)] = obj

    def apply(self, g: Squashed) -> None:
        table = self.tables[g.table]
        obj = self.found.get((g.table, g.row_id))
        if g.kind == "delete":
            if obj is not None:
                self.session.delete(obj)
            return
        theirs = decode_fields(table, g.new)
        if obj is None and g.kind == "create":
            created = self.models[g.table](id=g.row_id, **theirs)
            self.session.add(created)
            self.found[(g.table, g.row_id)] = created
            return
        if obj is None:
            self.outcome.dropped += 1  # deleted outright on the server (or out of this login's sight)
            return
        base = decode_fields(table, g.old) if g.kind == "update" else {}
        theirs.pop("created_at", None)
        ours = {name: getattr(obj, name) for name in theirs}
        merged = merge_fields(base, ours, theirs)
        values = dict(merged.take)
        clashes: dict[str, tuple[Any, Any]] = {}
        for name, (mine, other) in merged.conflicts.items():
            if name == DELETED:  # a deletion wins, and the first one stands
                values[name] = mine if mine is not None else other
            else:
                values[name] = other  # the change the server received last
                clashes[name] = (mine, other)
        for name, value in values.items():
            setattr(obj, name, value)
        if clashes:
            self._conflicts(g, clashes)

    def _conflicts(self, g: Squashed, clashes: dict[str, tuple[Any, Any]]) -> None:
        other_by = server.last_writer(self.session.connection(), g.table, g.row_id)
        for name, (mine, other) in clashes.items():
            self.outcome.conflicts.append(
                server.FieldConflict(
                    g.table, g.row_id, name, encode(other), encode(mine), self.login, other_by
                )
            )
        row_id = str(g.row_id)
        record(
            self.session,
            AuditAction.MERGE_CONFLICT,
            table_name=g.table,
            row_id=row_id,
            changes={
                "kept": "incoming",
                "sync": self.login,
                "fields": {
                    k: [value_digest(g.table, row_id, k, a), value_digest(g.table, row_id, k, b)]
                    for k, (a, b) in clashes.items()
                },
            },
        )


def _flush_point(g: Squashed) -> tuple[str, ...]:
    return ("update",) if g.kind == "update" else (g.kind, g.table)


def apply_operations(session: Session, ops: list[Operation], *, login: str | None) -> PushOutcome:
    """Apply `ops` (oldest first) in the session's transaction; the caller commits."""
    conn = session.connection()
    serialise_writers(conn, CHAIN)
    done = server.applied(conn, [op.op_id for op in ops])
    fresh = [op for op in ops if op.op_id not in done]
    applier = _Applier(session, login)
    applier.outcome.replayed = len(ops) - len(fresh)
    groups = _ordered(squash(fresh))
    applier.load(groups)
    point: tuple[str, ...] | None = None
    for g in groups:
        if point is not None and _flush_point(g) != point:
            session.flush()  # rows reach the server in the order foreign keys need
        point = _flush_point(g)
        applier.apply(g)
    session.flush()
    server.record_conflicts(conn, applier.outcome.conflicts)
    server.mark_applied(conn, [op.op_id for op in fresh], login)
    applier.outcome.applied = len(fresh)
    return applier.outcome


def current_login(session: Session) -> str | None:
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    return str(conn.execute(sa.text("SELECT current_user")).scalar_one())
