"""A laptop's side of sync: the outbox every local change goes to, and where it last synced.

The tables are made by migration 0012 and described here with Core, outside the models: they
are bookkeeping of one copy, never exported, merged or synced themselves.

Every ORM flush on a laptop copy (an SQLite file with a `sync_state` row) records one
operation per row written, in the same transaction as the write, from the flush hook of
`coprod.persistence.changes`: its id, table, record, the version it was based on and each
changed field's old and new value. Values are stored as JSON (`encode`) and read back typed
by their column (`decode`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, SQLModel

from coprod.domain.errors import Phrase, RuleViolation
from coprod.domain.merge import UNKNOWN
from coprod.domain.models import AuditEvent, TableBase, takes_out_personal
from coprod.domain.types import UTCDateTime, utcnow
from coprod.persistence.audit import jsonable
from coprod.persistence.changes import Written, written_rows

META = sa.MetaData()

OUTBOX = sa.Table(
    "sync_outbox",
    META,
    sa.Column("n", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("op_id", sa.Uuid(), nullable=False, unique=True),
    sa.Column("table_name", sa.String(64), nullable=False),
    sa.Column("row_id", sa.Uuid(), nullable=False),
    sa.Column("operation", sa.String(16), nullable=False),
    sa.Column("base_version", sa.Integer(), nullable=True),
    sa.Column("changes", sa.JSON(), nullable=False),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
)
STATE = sa.Table(
    "sync_state",
    META,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("server", sa.String(), nullable=False),
    sa.Column("cursor", sa.BigInteger(), nullable=False),
    sa.Column("last_sync_at", UTCDateTime(), nullable=True),
    sa.Column("schema", sa.String(32), nullable=True),
    sa.Column("chain_seq", sa.BigInteger(), nullable=True),
    sa.Column("chain_hash", sa.String(), nullable=True),
)
CHANGE = sa.Table(
    "sync_change",
    META,
    sa.Column("seq", sa.BigInteger(), nullable=False),
    sa.Column("table_name", sa.String(64), primary_key=True),
    sa.Column("row_id", sa.Uuid(), primary_key=True),
    sa.Column("gone", sa.Boolean(), nullable=False),
    sa.Column("changed_by", sa.String(), nullable=True),
)
APPLIED = sa.Table(
    "sync_applied",
    META,
    sa.Column("op_id", sa.Uuid(), primary_key=True),
    sa.Column("login", sa.String(), nullable=True),
    sa.Column("applied_at", UTCDateTime(), nullable=False),
)
CONFLICT = sa.Table(
    "sync_conflict",
    META,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("table_name", sa.String(64), nullable=False),
    sa.Column("row_id", sa.Uuid(), nullable=False),
    sa.Column("field", sa.String(64), nullable=False),
    sa.Column("kept_value", sa.JSON(), nullable=True),
    sa.Column("other_value", sa.JSON(), nullable=True),
    sa.Column("kept_by", sa.String(), nullable=True),
    sa.Column("other_by", sa.String(), nullable=True),
    sa.Column("at", UTCDateTime(), nullable=False),
    sa.Column("settled", sa.Boolean(), nullable=False),
    sa.Column("settled_by", sa.String(), nullable=True),
    sa.Column("settled_at", UTCDateTime(), nullable=True),
)

NOT_SYNCED = frozenset({AuditEvent.__tablename__})  # each copy keeps its own log
_COPY_KEY = "coprod.sync_copy"


def synced_tables() -> list[sa.Table]:
    """The tables a laptop copies, parents before the tables that point at them."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in NOT_SYNCED]


def models() -> dict[str, type[TableBase]]:
    """Each synced table's model class, by table name."""
    found: dict[str, type[TableBase]] = {}
    pending: list[type[TableBase]] = list(TableBase.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        name = getattr(cls, "__tablename__", None)
        if isinstance(name, str) and name not in NOT_SYNCED and name in SQLModel.metadata.tables:
            found[name] = cls
    return found


# ---------------------------------------------------------------- values


def encode(value: Any) -> Any:
    """A column's value as the outbox and the conflict records keep it (JSON)."""
    return jsonable(value)


def decode(column: sa.Column[Any], value: Any) -> Any:
    """`encode`'s JSON back as the column's Python value."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return uuid.UUID(str(value))
    if isinstance(kind, (UTCDateTime, sa.DateTime)):
        return datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return date.fromisoformat(value)
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        return kind.enum_class(value)
    return value


def decode_fields(table: sa.Table, values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: decode(table.c[name], v) for name, v in values.items() if name in table.c}


# ---------------------------------------------------------------- the outbox


def is_copy(conn: Connection) -> bool:
    """Whether this connection's database is a laptop copy of a team server."""
    if conn.dialect.name != "sqlite":
        return False
    known = conn.info.get(_COPY_KEY)
    if known is None:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
        ).first()
        known = has_table is not None and conn.execute(sa.select(STATE.c.id)).first() is not None
        conn.info[_COPY_KEY] = known
    return bool(known)


def refuse_bulk_on_copy(conn: Connection, what: Phrase) -> None:
    """Bulk writes (a tracker import, a merge, demo data) go round the outbox, so a laptop copy
    would keep them and never send them: refuse them there, in one sentence."""
    if is_copy(conn):
        raise RuleViolation("sync.bulk_on_laptop", what=what)


def field_change(table: str, field: str, old: Any, new: Any) -> list[Any]:
    """One field's change as an operation keeps it: [old, new], or only [new] when the new
    value takes a person's data out (`takes_out_personal`), so that what it replaced is
    never written to the outbox. The server takes such a change whatever it holds."""
    return [encode(new)] if takes_out_personal(table, field, new) else [encode(old), encode(new)]


def take_out_pending(conn: Connection, table: str, row_id: uuid.UUID, blanks: Mapping[str, Any]) -> None:
    """An erasure on a laptop copy: the record's operations still waiting to be sent carry
    `blanks` instead of what the person said or was called, new and old (a record created
    here and never sent reaches the server without it)."""
    if not is_copy(conn):
        return
    query = sa.select(OUTBOX.c.n, OUTBOX.c.changes).where(
        OUTBOX.c.table_name == table, OUTBOX.c.row_id == row_id
    )
    for n, changes in conn.execute(query).all():
        if changes and blanks.keys() & changes.keys():
            kept = {k: ([encode(blanks[k])] if k in blanks else v) for k, v in changes.items()}
            conn.execute(sa.update(OUTBOX).where(OUTBOX.c.n == n).values(changes=kept))


def take_out_conflicts(
    conn: Connection, table: str, row_ids: list[uuid.UUID], blanks: Mapping[str, Any]
) -> None:
    """An erasure on a team server: a conflict kept over these records' personal fields (two
    people's versions of what somebody said) keeps the blanks instead of either value, and is
    settled. A login the server has not been given the right to yet (`coprod server init`
    after an upgrade grants it) leaves them for the owner's next erasure or init."""
    if conn.dialect.name == "postgresql":
        may = "SELECT has_column_privilege('sync_conflict', 'other_value', 'UPDATE')"
        if not conn.exec_driver_sql(may).scalar():
            return
        by = conn.exec_driver_sql("SELECT session_user").scalar()
    else:
        by = None
    for field, blank in blanks.items():
        for ids in batches(row_ids, 500):
            conn.execute(
                sa.update(CONFLICT)
                .where(CONFLICT.c.table_name == table, CONFLICT.c.row_id.in_(ids), CONFLICT.c.field == field)
                .values(
                    kept_value=encode(blank),
                    other_value=encode(blank),
                    settled=True,
                    settled_by=sa.func.coalesce(CONFLICT.c.settled_by, by),
                    settled_at=sa.func.coalesce(CONFLICT.c.settled_at, utcnow()),
                )
            )


def kept_conflicts(
    conn: Connection, table: str, row_ids: list[uuid.UUID], fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The conflicts kept over these records' `fields`, settled or not, as stored."""
    found: list[dict[str, Any]] = []
    for ids in batches(row_ids, 500):
        query = sa.select(CONFLICT).where(
            CONFLICT.c.table_name == table, CONFLICT.c.row_id.in_(ids), CONFLICT.c.field.in_(fields)
        )
        found += [dict(r._mapping) for r in conn.execute(query)]
    return found


def _operation(obj: TableBase, written: Written) -> dict[str, Any]:
    changes = {k: field_change(written.table, k, old, new) for k, (old, new) in written.fields.items()}
    base: int | None = None
    if written.operation == "create":
        changes["created_at"] = [None, encode(obj.created_at)]
    elif written.operation == "update":
        base = max(int(obj.version or 1) - 1, 1)  # each update moves the version on by one
    else:
        base = int(obj.version or 1)
    return {
        "op_id": uuid.uuid4(),
        "table_name": written.table,
        "row_id": written.row_id,
        "operation": written.operation,
        "base_version": base,
        "changes": changes,
        "made_at": utcnow(),
    }


@event.listens_for(Session, "after_flush")
def _to_outbox(session: OrmSession, flush_context: Any) -> None:
    conn = session.connection()
    if not is_copy(conn):
        return
    ops = [
        _operation(obj, written)
        for obj, written in written_rows(session)
        if written.table not in NOT_SYNCED and (written.fields or written.operation == "delete")
    ]
    if ops:
        conn.execute(sa.insert(OUTBOX), ops)


@dataclass(frozen=True)
class Operation:
    """One row written on the laptop: `changes` maps a field to its (old, new) JSON values."""

    n: int
    op_id: uuid.UUID
    table: str
    row_id: uuid.UUID
    operation: str
    base_version: int | None
    changes: dict[str, tuple[Any, Any]]


def pending(conn: Connection, *, after: int = 0, limit: int | None = None) -> list[Operation]:
    """Operations waiting to be sent, oldest first, from after the `n` given."""
    query = sa.select(OUTBOX).where(OUTBOX.c.n > after).order_by(OUTBOX.c.n)
    if limit is not None:
        query = query.limit(limit)
    return [
        Operation(
            r.n,
            r.op_id,
            r.table_name,
            r.row_id,
            r.operation,
            r.base_version,
            {k: _old_new(v) for k, v in (r.changes or {}).items()},
        )
        for r in conn.execute(query)
    ]


def _old_new(stored: list[Any]) -> tuple[Any, Any]:
    """A field's (old, new) values; an operation that does not know the old value (sent again
    to a server restored from a backup, `coprod.services.sync.restored`) keeps the new only."""
    return (stored[0], stored[1]) if len(stored) == 2 else (UNKNOWN, stored[-1])


def pending_count(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(OUTBOX)).scalar_one())


def pending_fields(conn: Connection) -> dict[tuple[str, uuid.UUID], set[str]]:
    """The fields each record has waiting in the outbox ("*" for a record deleted outright)."""
    out: dict[tuple[str, uuid.UUID], set[str]] = {}
    for op in pending(conn):
        fields = out.setdefault((op.table, op.row_id), set())
        fields.update({"*"} if op.operation == "delete" else set(op.changes))
    return out


def forget(conn: Connection, op_ids: Iterable[uuid.UUID]) -> None:
    """Remove operations the server has applied."""
    ids = list(op_ids)
    for i in range(0, len(ids), 500):
        conn.execute(sa.delete(OUTBOX).where(OUTBOX.c.op_id.in_(ids[i : i + 500])))


# ---------------------------------------------------------------- where it syncs


@dataclass(frozen=True)
class ChainMark:
    """One event of the server's audit log (its number and hash): the last a laptop saw."""

    seq: int
    hash: str


@dataclass(frozen=True)
class SyncState:
    server: str
    cursor: int
    last_sync_at: datetime | None
    schema: str | None
    chain: ChainMark | None = None  # None: a new server's empty log, or a copy made before 0015


def read_state(conn: Connection) -> SyncState | None:
    has_table = (
        conn.dialect.name == "sqlite"
        and conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
        ).first()
    )
    if not has_table:
        return None
    row = conn.execute(sa.select(STATE).where(STATE.c.id == 1)).first()
    if row is None:
        return None
    mark = ChainMark(int(row.chain_seq), row.chain_hash) if row.chain_seq is not None else None
    return SyncState(row.server, int(row.cursor), row.last_sync_at, row.schema, mark)


def write_state(conn: Connection, state: SyncState) -> None:
    values = {
        "server": state.server,
        "cursor": state.cursor,
        "last_sync_at": state.last_sync_at,
        "schema": state.schema,
        "chain_seq": state.chain.seq if state.chain else None,
        "chain_hash": state.chain.hash if state.chain else None,
    }
    if conn.execute(sa.update(STATE).where(STATE.c.id == 1).values(**values)).rowcount == 0:
        conn.execute(sa.insert(STATE).values(id=1, **values))
    conn.info[_COPY_KEY] = True


def batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
