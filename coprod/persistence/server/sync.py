"""A team server's side of sync: change numbers to read from, operations already applied, and
the record of fields two people changed.

Every row of a synced table has an entry in `sync_change` (migration 0012's trigger keeps it:
a new number each time the row is written, and `gone` once it is deleted outright). Numbers
are handed out one writing transaction at a time, so everything below the highest number a
reader can see has committed: reading "after my cursor" never skips a change that commits
later. Rows are read as the login reading them, so row-level security and column grants
decide what a laptop receives.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from coprod.domain.types import utcnow
from coprod.persistence.sync import APPLIED, CHANGE, CONFLICT, ChainMark

CHUNK = 1000
# The audit log's chain, as every role may read it (grants.CHAIN_HEAD): append-only, hashed.
_CHAIN = sa.table("audit_event", sa.column("seq", sa.BigInteger()), sa.column("hash", sa.String()))


@dataclass(frozen=True)
class Change:
    seq: int
    table: str
    row_id: uuid.UUID
    gone: bool


def changes_after(conn: Connection, cursor: int, *, limit: int) -> list[Change]:
    """The next `limit` rows written (or deleted) after change number `cursor`, in order."""
    query = (
        sa.select(CHANGE.c.seq, CHANGE.c.table_name, CHANGE.c.row_id, CHANGE.c.gone)
        .where(CHANGE.c.seq > cursor)
        .order_by(CHANGE.c.seq)
        .limit(limit)
    )
    return [Change(int(r.seq), r.table_name, r.row_id, bool(r.gone)) for r in conn.execute(query)]


def count_after(conn: Connection, cursor: int) -> int:
    query = sa.select(sa.func.count()).select_from(CHANGE).where(CHANGE.c.seq > cursor)
    return int(conn.execute(query).scalar_one())


def head(conn: Connection) -> int:
    """The highest change number this transaction can see (0 when there is none)."""
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(CHANGE.c.seq), 0))).scalar_one())


def chain_end(conn: Connection) -> ChainMark | None:
    """The newest event of the server's audit log (None while the log is empty)."""
    query = sa.select(_CHAIN.c.seq, _CHAIN.c.hash).where(_CHAIN.c.seq.is_not(None))
    row = conn.execute(query.order_by(_CHAIN.c.seq.desc()).limit(1)).first()
    return ChainMark(int(row.seq), str(row.hash)) if row is not None else None


def has_event(conn: Connection, mark: ChainMark) -> bool:
    """Whether the server's audit log still holds this event, unchanged. It is append-only,
    so it always does, unless the server went back in time (restored from an older backup)."""
    query = sa.select(_CHAIN.c.hash).where(_CHAIN.c.seq == mark.seq)
    return conn.execute(query).scalar_one_or_none() == mark.hash


def known_rows(conn: Connection, table: str, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these rows the server has a change number for: rows it has, has deleted, or
    that this login may not see. A row it has none for, it has never heard of."""
    found: set[uuid.UUID] = set()
    for i in range(0, len(ids), CHUNK):
        query = sa.select(CHANGE.c.row_id).where(
            CHANGE.c.table_name == table, CHANGE.c.row_id.in_(ids[i : i + CHUNK])
        )
        found.update(conn.execute(query).scalars())
    return found


def last_writer(conn: Connection, table: str, row_id: uuid.UUID) -> str | None:
    """The login that wrote this row last."""
    query = sa.select(CHANGE.c.changed_by).where(CHANGE.c.table_name == table, CHANGE.c.row_id == row_id)
    return conn.execute(query).scalar_one_or_none()


def readable_columns(conn: Connection, tables: Sequence[sa.Table]) -> dict[str, list[str]]:
    """For each table, the columns this login may read (a viewer never sees who a person is)."""
    pairs = [(t.name, c.name) for t in tables for c in t.columns]
    if conn.dialect.name != "postgresql":
        return {t.name: [c.name for c in t.columns] for t in tables}
    query = sa.text(
        "SELECT t, c, has_column_privilege(t, c, 'SELECT') AS ok FROM unnest(:ts, :cs) AS x(t, c)"
    ).bindparams(
        sa.bindparam("ts", [p[0] for p in pairs], type_=sa.ARRAY(sa.String())),
        sa.bindparam("cs", [p[1] for p in pairs], type_=sa.ARRAY(sa.String())),
    )
    out: dict[str, list[str]] = {t.name: [] for t in tables}
    for t, c, ok in conn.execute(query):
        if ok:
            out[t].append(c)
    return {t: cols for t, cols in out.items() if "id" in cols}


def rows_by_id(
    conn: Connection, table: sa.Table, columns: list[str], ids: list[uuid.UUID]
) -> list[dict[str, Any]]:
    """The rows of `table` with these ids that this login may see."""
    selected = [table.c[c] for c in columns]
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), CHUNK):
        query = sa.select(*selected).where(table.c.id.in_(ids[i : i + CHUNK]))
        out.extend(dict(r._mapping) for r in conn.execute(query))
    return out


def row_versions(conn: Connection, table: sa.Table, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[Any, Any]]:
    """Each row's (version, updated_at), by id, of those this login may see: two copies of a
    row with the same pair hold the same write."""
    out: dict[uuid.UUID, tuple[Any, Any]] = {}
    for i in range(0, len(ids), CHUNK):
        query = sa.select(table.c.id, table.c.version, table.c.updated_at).where(
            table.c.id.in_(ids[i : i + CHUNK])
        )
        out.update({r.id: (r.version, r.updated_at) for r in conn.execute(query)})
    return out


def applied(conn: Connection, op_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these operations the server applied already (a push replayed after a kill)."""
    ids = list(op_ids)
    found: set[uuid.UUID] = set()
    for i in range(0, len(ids), CHUNK):
        query = sa.select(APPLIED.c.op_id).where(APPLIED.c.op_id.in_(ids[i : i + CHUNK]))
        found.update(conn.execute(query).scalars())
    return found


def mark_applied(conn: Connection, op_ids: Iterable[uuid.UUID], login: str | None) -> None:
    now = utcnow()
    rows = [{"op_id": op_id, "login": login, "applied_at": now} for op_id in op_ids]
    if rows:
        conn.execute(sa.insert(APPLIED), rows)


@dataclass(frozen=True)
class FieldConflict:
    """A field two people changed since their common version: `kept` won, `other` was kept here."""

    table: str
    row_id: uuid.UUID
    field: str
    kept: Any
    other: Any
    kept_by: str | None
    other_by: str | None


def record_conflicts(conn: Connection, conflicts: Sequence[FieldConflict]) -> None:
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "table_name": c.table,
            "row_id": c.row_id,
            "field": c.field,
            "kept_value": c.kept,
            "other_value": c.other,
            "kept_by": c.kept_by,
            "other_by": c.other_by,
            "at": now,
            "settled": False,
            "settled_by": None,
            "settled_at": None,
        }
        for c in conflicts
    ]
    if rows:
        conn.execute(sa.insert(CONFLICT), rows)


def unsettled_conflicts(conn: Connection) -> list[dict[str, Any]]:
    query = sa.select(CONFLICT).where(CONFLICT.c.settled.is_(False)).order_by(CONFLICT.c.at)
    return [dict(r._mapping) for r in conn.execute(query)]
