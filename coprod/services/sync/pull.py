"""Bringing the team server's changes to a laptop: a whole copy first, then what changed since.

Rows are read as the laptop's login, so the server's row-level security and column grants
decide what reaches the laptop. They are written to the laptop with Core, not the ORM: what
comes from the server is not a local change and must not go back in the outbox. A field
the laptop changed and has not sent yet keeps the laptop's value until the next push,
where the server applies the per-field rule.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlmodel import Session

from coprod.persistence import audit
from coprod.persistence.server import sync as server
from coprod.persistence.sync import pending_fields, synced_tables
from coprod.services.sync import keys

BATCH = 5000
NOTE = "synced from the team server"  # the laptop's audit log: one event per table and sync
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Pulled:
    rows: int  # rows written or deleted on the laptop
    cursor: int  # the server's change number the laptop has now read up to
    tables: frozenset[str] = frozenset()  # the tables that changed


def _upsert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    stmt = sqlite_insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.id], set_={c: stmt.excluded[c] for c in columns if c != "id"}
    )
    for i in range(0, len(rows), server.CHUNK):
        conn.execute(stmt, rows[i : i + server.CHUNK])


def write_rows(
    laptop: Connection,
    table: sa.Table,
    rows: list[dict[str, Any]],
    waiting: dict[tuple[str, uuid.UUID], set[str]],
) -> int:
    """Write the server's rows into the laptop's table; fields waiting to be sent stay."""
    keys.step_aside(laptop, table, rows)
    plain = [r for r in rows if (table.name, r["id"]) not in waiting]
    if plain:
        _upsert(laptop, table, plain)
    for row in rows:
        held = waiting.get((table.name, row["id"]))
        if held is None or "*" in held:
            continue  # deleted outright here: the deletion is on its way to the server
        values = {k: v for k, v in row.items() if k not in held and k != "id"}
        if values:
            laptop.execute(sa.update(table).where(table.c.id == row["id"]).values(**values))
    return len(rows)


def pull_changes(
    session: Session,
    remote: Connection,
    cursor: int,
    *,
    progress: Progress,
    check: Callable[[], None],
    only_different: bool = False,
) -> Pulled:
    """Read every change after `cursor`, in batches, into the laptop (in its transaction).

    With `only_different` (everything checked again after a restore), a row the laptop already
    holds in the same version, written at the same moment, is not read again."""
    laptop = session.connection()
    counts: dict[str, int] = {}
    tables = {t.name: t for t in synced_tables()}
    columns = server.readable_columns(remote, list(tables.values()))
    waiting = pending_fields(laptop)
    total = server.count_after(remote, cursor)
    done = written = 0
    progress(0, total)
    while True:
        check()
        changes = server.changes_after(remote, cursor, limit=BATCH)
        if not changes:
            break
        wanted: dict[str, list[uuid.UUID]] = {}
        graves: dict[str, list[uuid.UUID]] = {}
        for change in changes:
            if change.table in columns:
                (graves if change.gone else wanted).setdefault(change.table, []).append(change.row_id)
        for name, table in tables.items():  # parents first
            ids = wanted.get(name)
            if ids and only_different:
                same = server.row_versions(laptop, table, ids)
                other = server.row_versions(remote, table, ids)
                ids = [i for i in ids if i not in other or other[i] != same.get(i)]
            if ids:
                rows = server.rows_by_id(remote, table, columns[name], ids)
                if rows:
                    written += write_rows(laptop, table, rows, waiting)
                    counts[name] = counts.get(name, 0) + len(rows)
        for name in reversed(list(tables)):  # children first
            ids = graves.get(name)
            if ids:
                table = tables[name]
                for i in range(0, len(ids), server.CHUNK):
                    written += laptop.execute(
                        sa.delete(table).where(table.c.id.in_(ids[i : i + server.CHUNK]))
                    ).rowcount
        cursor = changes[-1].seq
        done += len(changes)
        progress(done, max(total, done))
    for name, count in counts.items():
        if count:
            audit.record_bulk(session, name, count, note=NOTE)
    return Pulled(written, cursor, frozenset(counts))


def copy_all(
    session: Session, remote: Connection, *, progress: Progress, check: Callable[[], None]
) -> Pulled:
    """Replace the laptop's records with every row the login may see, as of one moment.

    `remote` must be in a REPEATABLE READ transaction: the rows and the cursor then describe
    the same instant, and every later change has a higher number than the cursor."""
    laptop = session.connection()
    cursor = server.head(remote)
    tables = synced_tables()
    columns = server.readable_columns(remote, tables)
    for table in reversed(tables):
        laptop.execute(sa.delete(table))  # what a new file starts with (default rules) comes from the server
    total = server.count_after(remote, 0)
    done = 0
    progress(0, total)
    for table in tables:
        if table.name not in columns:
            continue
        check()
        selected = [table.c[c] for c in columns[table.name]]
        result = remote.execution_options(stream_results=True, yield_per=BATCH).execute(
            sa.select(*selected).order_by(table.c.id)
        )
        count = 0
        for part in result.partitions(BATCH):
            rows = [dict(r._mapping) for r in part]
            laptop.execute(sa.insert(table), rows)
            count += len(rows)
            done += len(rows)
            progress(done, max(total, done))
        if count:
            audit.record_bulk(session, table.name, count, note=NOTE)
    return Pulled(done, cursor)
