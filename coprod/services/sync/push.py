"""Applying a laptop's operations on the team server, field by field, each operation once.

Operations already applied (their ids are in `sync_applied`) are skipped, so a push replayed
after a kill writes nothing twice. The rest are squashed per record (the first old value and
the last new value of each field) and written in batches, each with the audit event and the
version step any other edit gets; row-level security judges them as the login's own.

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
from sqlmodel import Session, SQLModel

from coprod.domain.enums import AuditAction
from coprod.domain.merge import UNKNOWN, merge_fields
from coprod.domain.models import AuditEvent, takes_out_personal
from coprod.domain.types import utcnow
from coprod.persistence.audit import chain_rows, field_changes, value_digest, writer_of
from coprod.persistence.dialect import serialise_writers
from coprod.persistence.identity import device_id
from coprod.persistence.server import sync as server
from coprod.persistence.sync import Operation, decode_fields, encode, synced_tables
from coprod.services.sync import keys

CHAIN = "audit_event chain"  # the lock the audit chain and the change numbers share
DELETED = "deleted_at"
ROW_BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "version"})


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
    """Writes with Core, statements grouped by table and fields (executemany): a laptop back
    from weeks offline sends thousands of operations. Each write gets the audit event and the
    version step the ORM's hook would have given it."""

    def __init__(self, session: Session, login: str | None) -> None:
        self.session = session
        self.conn = session.connection()
        self.login = login
        self.tables = SQLModel.metadata.tables
        self.found: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
        self.outcome = PushOutcome()
        self.now = utcnow()
        self.actor = writer_of(session)
        self.device = device_id()
        self.events: list[dict[str, Any]] = []
        self.inserts: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        self.updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        self.deletes: dict[str, list[uuid.UUID]] = {}
        self.untouched: dict[str, list[uuid.UUID]] = {}
        self.held: dict[str, dict[tuple[Any, ...], uuid.UUID]] = {}  # unique values the server has
        self.claimed: dict[str, set[tuple[Any, ...]]] = {}  # ...and those this push has given

    def load(self, groups: list[Squashed]) -> None:
        wanted: dict[str, list[uuid.UUID]] = {}
        created: dict[str, list[dict[str, Any]]] = {}
        for g in groups:
            wanted.setdefault(g.table, []).append(g.row_id)
            if g.kind == "create" and keys.key_columns(g.table):
                created.setdefault(g.table, []).append(decode_fields(self.tables[g.table], g.new))
        for name, rows in created.items():
            self.held[name] = keys.holders(self.conn, self.tables[name], rows)
        for name, ids in wanted.items():
            table = self.tables[name]
            for i in range(0, len(ids), server.CHUNK):
                query = sa.select(table).where(table.c.id.in_(ids[i : i + server.CHUNK]))
                for row in self.conn.execute(query):
                    self.found[(name, row.id)] = dict(row._mapping)

    def apply(self, g: Squashed) -> None:
        table = self.tables[g.table]
        mine = self.found.get((g.table, g.row_id))
        if g.kind == "delete":
            if mine is not None:
                self.deletes.setdefault(g.table, []).append(g.row_id)
                self._event(AuditAction.DELETE, g, {})
            return
        theirs = decode_fields(table, g.new)
        if mine is None and g.kind == "create":
            self._insert(table, g, theirs)
            return
        if mine is None:
            self.outcome.dropped += 1  # deleted outright on the server (or out of this login's sight)
            return
        # An old value nobody knows (UNKNOWN) is left out of the base: the merge then counts the
        # field as changed on both sides wherever the two differ.
        known = {k: v for k, v in g.old.items() if v is not UNKNOWN}
        base = decode_fields(table, known) if g.kind == "update" else {}
        theirs.pop("created_at", None)
        merged = merge_fields(base, {name: mine.get(name) for name in theirs}, theirs)
        values = dict(merged.take)
        clashes: dict[str, tuple[Any, Any]] = {}
        for name, (ours, other) in merged.conflicts.items():
            if name == DELETED:  # a deletion wins, and the first one stands
                values[name] = ours if ours is not None else other
            elif takes_out_personal(g.table, name, ours):
                values[name] = ours  # erased or cleared here: it stays so, and theirs is not kept
            elif takes_out_personal(g.table, name, other):
                values[name] = other  # erased or cleared there: the same, the other way round
            else:
                values[name] = other  # the change the server received last
                clashes[name] = (ours, other)
        values = {k: v for k, v in values.items() if mine.get(k) != v}
        if clashes:
            self._conflicts(g, clashes)
        if not values:
            # Nothing to write, yet the laptop's copy of the row moved on (its version, or an
            # edit the server already had): the row gets a new change number, so the laptop
            # takes the server's row back on its next pull.
            self.untouched.setdefault(g.table, []).append(g.row_id)
            return
        bound = {
            "_id": g.row_id,
            **{f"v_{k}": v for k, v in values.items()},
        }  # a bind may not take a column's name
        self.updates.setdefault((g.table, tuple(sorted(values))), []).append(bound)
        mine.update(values)
        if values.get(DELETED) is not None and len(values) == 1:
            self._event(AuditAction.DELETE, g, {})  # a tombstone says only that it was deleted
        else:
            self._event(AuditAction.UPDATE, g, field_changes(g.table, str(g.row_id), values))

    def _insert(self, table: sa.Table, g: Squashed, values: dict[str, Any]) -> None:
        if not self._unique(table, g, values):
            return
        row: dict[str, Any] = {c.name: None for c in table.columns if c.name not in ROW_BOOKKEEPING}
        row.update(values)
        row.update(
            id=g.row_id, updated_at=self.now, version=1, created_at=values.get("created_at") or self.now
        )
        self.inserts.setdefault((g.table, tuple(sorted(row))), []).append(row)
        self.found[(g.table, g.row_id)] = dict(row)
        shown = {k: v for k, v in values.items() if v is not None and k not in ROW_BOOKKEEPING}
        self._event(AuditAction.CREATE, g, field_changes(g.table, str(g.row_id), shown))

    def _unique(self, table: sa.Table, g: Squashed, values: dict[str, Any]) -> bool:
        """Whether to insert the new row: a unique value another record holds is renamed in
        `values` (recorded as a conflict); a link or rule the server has already is not
        inserted again (a rule's value is applied to the server's, field by field)."""
        columns = keys.key_columns(table.name)
        key = tuple(values.get(c) for c in columns)
        if not columns or None in key:
            return True
        claimed = self.claimed.setdefault(table.name, set())
        holder = self.held.get(table.name, {}).get(key)
        if holder is None and key not in claimed:
            claimed.add(key)
            return True
        if table.name in keys.SAME:
            if holder is not None and table.name == "setting":
                row = self.conn.execute(sa.select(table).where(table.c.id == holder)).one()
                self.found[(table.name, holder)] = dict(row._mapping)
                new = {k: v for k, v in g.new.items() if k != "created_at"}
                self.apply(Squashed(table.name, holder, "update", new=new, first=g.first))
            else:
                self.outcome.dropped += 1
            return False
        name = keys.RENAMED[table.name]
        given = keys.free_name(self.conn, table, str(key[0]), {str(k[0]) for k in claimed})
        values[name] = given
        claimed.add((given,))
        other_by = server.last_writer(self.conn, table.name, holder) if holder is not None else self.login
        self.outcome.conflicts.append(
            server.FieldConflict(table.name, g.row_id, name, given, encode(key[0]), self.login, other_by)
        )
        return True

    def _event(self, action: AuditAction, g: Squashed, changes: dict[str, Any]) -> None:
        self.events.append(
            {
                "id": uuid.uuid4(),
                "created_at": self.now,
                "updated_at": self.now,
                "at": self.now,
                "actor": self.actor,
                "device_id": self.device,
                "action": action,
                "table_name": g.table,
                "row_id": str(g.row_id),
                "changes": changes,
                "merged_from": None,
            }
        )

    def _conflicts(self, g: Squashed, clashes: dict[str, tuple[Any, Any]]) -> None:
        other_by = server.last_writer(self.conn, g.table, g.row_id)
        for name, (ours, theirs) in clashes.items():
            self.outcome.conflicts.append(
                server.FieldConflict(
                    g.table, g.row_id, name, encode(theirs), encode(ours), self.login, other_by
                )
            )
        row_id = str(g.row_id)
        fields = {
            k: [value_digest(g.table, row_id, k, a), value_digest(g.table, row_id, k, b)]
            for k, (a, b) in clashes.items()
        }
        self._event(AuditAction.MERGE_CONFLICT, g, {"kept": "incoming", "sync": self.login, "fields": fields})

    def write(self, phase: str) -> None:
        """Send what `apply` gathered for one phase: rows reach the server in the order their
        foreign keys need (parents created first, children deleted first)."""
        if phase == "create":
            for (name, _keys), rows in self.inserts.items():
                self.conn.execute(sa.insert(self.tables[name]), rows)
            self.inserts.clear()
        elif phase == "update":
            for (name, keys), rows in self.updates.items():
                table = self.tables[name]
                values: dict[str, Any] = {k: sa.bindparam(f"v_{k}") for k in keys}
                values.update(version=table.c.version + 1, updated_at=self.now)
                stmt = sa.update(table).where(table.c.id == sa.bindparam("_id")).values(values)
                self.conn.execute(stmt, rows)
            self.updates.clear()
        else:
            for name, ids in self.deletes.items():
                table = self.tables[name]
                for i in range(0, len(ids), server.CHUNK):
                    self.conn.execute(sa.delete(table).where(table.c.id.in_(ids[i : i + server.CHUNK])))
            self.deletes.clear()

    def renumber_untouched(self) -> None:
        for name, ids in self.untouched.items():
            table = self.tables[name]
            for i in range(0, len(ids), server.CHUNK):
                chunk = ids[i : i + server.CHUNK]
                self.conn.execute(
                    sa.update(table).where(table.c.id.in_(chunk)).values(version=table.c.version)
                )


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
    point: tuple[str, str] | None = None
    for g in groups:
        here = (g.kind, g.table if g.kind != "update" else "")
        if point is not None and here != point:
            applier.write(point[0])
        point = here
        applier.apply(g)
    if point is not None:
        applier.write(point[0])
    applier.renumber_untouched()
    if applier.events:
        chain_rows(session, applier.events)
        conn.execute(sa.insert(AuditEvent), applier.events)
    server.record_conflicts(conn, applier.outcome.conflicts)
    server.mark_applied(conn, [op.op_id for op in fresh], login)
    applier.outcome.applied = len(fresh)
    return applier.outcome


def current_login(session: Session) -> str | None:
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    return str(conn.execute(sa.text("SELECT current_user")).scalar_one())
