"""A team server gone back in time: what this laptop wrote since its backup is sent again.

A server restored from an older backup has forgotten the changes laptops sent it after that
backup, and hands out again change numbers a laptop has already read past. Left alone, the
laptop would never send those changes again (its outbox forgot them once the server had
them), nor read the server's new changes numbered below its cursor.

A laptop notices at its next sync: the last event it saw in the server's audit log, which is
append-only and hash-chained, is gone or different (`server.has_event`). It then, in one
laptop transaction,

- queues again every record it wrote itself (its own audit log says which; records it only
  received are their writers' to send) that the server has lost or holds in another state,
  with the records they point to that the server lacks:
  - a record the server has never heard of is created again, whole;
  - one the server holds as it was before the laptop's change (an older version, written
    earlier) is brought up to the laptop's, field by field;
  - one somebody changed on the server since the restore is merged like any other push: a
    field both hold differently goes to the laptop's value, the change the server receives
    last, and the server's value is kept in `sync_conflict` for a manager to settle;
- sets its cursor back to the beginning, so the pull reads every change again;
- names the people whose erasure the server lost (by code): the laptop keeps them erased, and
  the server needs someone allowed to erase them again.

The operations go through the outbox and the usual push, so a kill at any moment leaves the
copy to finish the job at its next sync. A record the server deleted (it keeps a grave) or
that the login may no longer see is left as the server has it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from coprod.domain.models import AuditEvent, Erasure
from coprod.domain.types import utcnow
from coprod.persistence.server import sync as server
from coprod.persistence.sync import (
    OUTBOX,
    SyncState,
    encode,
    field_change,
    pending_fields,
    synced_tables,
    write_state,
)
from coprod.services.sync.push import ROW_BOOKKEEPING


def went_back(remote: Connection, state: SyncState) -> bool:
    """Whether the server no longer holds the history this copy last saw there."""
    return state.chain is not None and not server.has_event(remote, state.chain)


@dataclass(frozen=True)
class SentAgain:
    records: int  # records this laptop wrote, queued to be sent again
    erasures: tuple[str, ...]  # codes of people erased since the backup, which the server lost


def send_again(session: Session, remote: Connection, state: SyncState) -> SentAgain:
    """Queue again what the server lost of this laptop's work, and read everything again
    from the start (see the module's docstring)."""
    laptop = session.connection()
    tables = {t.name: t for t in synced_tables()}
    columns = server.readable_columns(remote, list(tables.values()))
    mine = _written_here(session, set(tables))
    waiting = pending_fields(laptop)
    rows, lacking = _compare(laptop, remote, tables, columns, mine)
    ops: list[dict[str, Any]] = []
    for table in tables.values():  # parents first
        for row_id, (ours, theirs) in rows.get(table.name, {}).items():
            key = (table.name, row_id)
            readable = [c for c in columns[table.name] if c not in ROW_BOOKKEEPING]
            if row_id in lacking.get(table.name, set()):
                laptop.execute(
                    sa.delete(OUTBOX).where(OUTBOX.c.table_name == table.name, OUTBOX.c.row_id == row_id)
                )
                ops.append(_create(table.name, row_id, ours, readable))
            elif theirs is not None and key not in waiting:
                op = _update(table.name, row_id, ours, theirs, readable)
                if op is not None:
                    ops.append(op)
    if ops:
        laptop.execute(sa.insert(OUTBOX), ops)
    write_state(laptop, SyncState(state.server, 0, state.last_sync_at, state.schema, None))
    return SentAgain(len(ops), _erasures_lost(laptop, remote, tables[Erasure.__tablename__]))


def _erasures_lost(laptop: Connection, remote: Connection, register: sa.Table) -> tuple[str, ...]:
    """The erasures this laptop holds that the server has never heard of: made after its
    backup, whoever made them. The laptop keeps those people erased (the register is applied
    again after every sync that brings rows back); the server needs the erasure made again
    by someone allowed to, so their codes are said."""
    rows = {r.id: r.code for r in laptop.execute(sa.select(register.c.id, register.c.code))}
    lost = set(rows) - server.known_rows(remote, register.name, sorted(rows))
    return tuple(sorted({rows[i] for i in lost}))


def _written_here(session: Session, tables: set[str]) -> dict[str, set[uuid.UUID]]:
    """The records this copy's own audit log says were written here, by table."""
    query = (
        select(AuditEvent.table_name, AuditEvent.row_id)
        .where(col(AuditEvent.row_id).is_not(None), col(AuditEvent.table_name).in_(tables))
        .distinct()
    )
    out: dict[str, set[uuid.UUID]] = {}
    for name, row_id in session.exec(query):
        try:
            out.setdefault(name, set()).add(uuid.UUID(str(row_id)))
        except ValueError:
            continue  # not one record's id (a bulk event)
    return out


Rows = dict[str, dict[uuid.UUID, tuple[dict[str, Any], dict[str, Any] | None]]]


def _compare(
    laptop: Connection,
    remote: Connection,
    tables: dict[str, sa.Table],
    columns: dict[str, list[str]],
    wanted: dict[str, set[uuid.UUID]],
) -> tuple[Rows, dict[str, set[uuid.UUID]]]:
    """Each wanted record as the laptop and the server hold it, and those the server has never
    heard of, with the records they point to that the server lacks too (children first, so a
    parent found missing is looked at in turn)."""
    rows: Rows = {}
    lacking: dict[str, set[uuid.UUID]] = {}
    for table in reversed(list(tables.values())):
        ids = sorted(wanted.get(table.name, set()) - set(rows.get(table.name, {})))
        if not ids or table.name not in columns:
            continue
        ours = _by_id(laptop, table, ids)
        theirs = {r["id"]: r for r in server.rows_by_id(remote, table, columns[table.name], list(ours))}
        unheard = set(ours) - set(theirs)
        if unheard:
            unheard -= server.known_rows(remote, table.name, sorted(unheard))
        lacking[table.name] = unheard
        rows[table.name] = {i: (row, theirs.get(i)) for i, row in ours.items()}
        for i in unheard:
            for fk in table.foreign_keys:
                target = ours[i].get(fk.parent.name)
                if target is not None and fk.column.table.name in tables:
                    wanted.setdefault(fk.column.table.name, set()).add(target)
    return rows, lacking


def _by_id(conn: Connection, table: sa.Table, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for i in range(0, len(ids), server.CHUNK):
        query = sa.select(table).where(table.c.id.in_(ids[i : i + server.CHUNK]))
        out.update({r.id: dict(r._mapping) for r in conn.execute(query)})
    return out


def _op(
    table: str, row_id: uuid.UUID, kind: str, base: int | None, changes: dict[str, list[Any]]
) -> dict[str, Any]:
    return {
        "op_id": uuid.uuid4(),
        "table_name": table,
        "row_id": row_id,
        "operation": kind,
        "base_version": base,
        "changes": changes,
        "made_at": utcnow(),
    }


def _create(table: str, row_id: uuid.UUID, ours: dict[str, Any], readable: list[str]) -> dict[str, Any]:
    changes = {c: [None, encode(ours.get(c))] for c in readable if ours.get(c) is not None}
    changes["created_at"] = [None, encode(ours.get("created_at"))]
    return _op(table, row_id, "create", None, changes)


def _update(
    table: str, row_id: uuid.UUID, ours: dict[str, Any], theirs: dict[str, Any], readable: list[str]
) -> dict[str, Any] | None:
    """The laptop's fields the server holds otherwise. Where the server's record is the one the
    laptop changed (older in version and time), the server's values are the shared ones and
    the laptop's are simply taken; otherwise nobody knows what they shared, and a field both
    changed is a conflict."""
    differ = [c for c in readable if encode(ours.get(c)) != encode(theirs.get(c))]
    if not differ:
        return None
    older = _older(theirs, ours)
    changes = {
        c: field_change(table, c, theirs.get(c), ours.get(c)) if older else [encode(ours.get(c))]
        for c in differ
    }
    return _op(table, row_id, "update", int(theirs.get("version") or 1), changes)


def _older(theirs: dict[str, Any], ours: dict[str, Any]) -> bool:
    versions = (theirs.get("version"), ours.get("version"))
    times = (theirs.get("updated_at"), ours.get("updated_at"))
    if None in versions or None in times:
        return False
    return bool(versions[0] < versions[1] and times[0] < times[1])  # type: ignore[operator]
