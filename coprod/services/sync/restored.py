"""A team server gone back in time: what it lost that a laptop still holds is sent again.

A server restored from an older backup has forgotten the changes laptops sent it after that
backup, and hands out again change numbers a laptop has already read past. Left alone, the
laptop would never send those changes again (its outbox forgot them once the server had
them), nor read the server's new changes numbered below its cursor.

A laptop notices at its next sync: the last event it saw in the server's audit log, which is
append-only and hash-chained, is gone or different (`server.has_event`). Before anything else
it then

- sends again, table by table (parents first), what the server lost that the laptop holds:
  - every record the server has never heard of, whoever wrote it, whole;
  - every record the server holds in an older version than the laptop's (older in version
    and in time: it lost the later ones), whoever wrote them: the laptop's fields are taken;
  - a record this laptop wrote itself (its own audit log says which) that somebody changed on
    the server since the restore is merged like any push: a field both hold differently goes
    to the laptop's value, the change the server receives last, and the server's is kept in
    `sync_conflict` for a manager to settle. Anyone else's is left as the server has it;
  - a record this laptop removed outright (a theme taken off an item, a link between a
    recommendation and what residents said) that the restore brought back is removed again;
  - a record this login may not write there (another team's, a manager's decision) or whose
    parent the server lacks is kept on the laptop and counted, and the rest go on;
- sets its cursor back to the beginning, so the pull looks at every change again, reading
  the rows the laptop holds in another version (or not at all);
- names the people whose erasure the server lost (by code): the laptop keeps them erased, and
  the server needs someone allowed to erase them again.

What is sent is committed on the server before the laptop's cursor moves; a sync stopped in
between notices again next time and finds nothing left to send.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from coprod.domain.enums import AuditAction
from coprod.domain.merge import UNKNOWN
from coprod.domain.models import AuditEvent, Erasure
from coprod.i18n import tr
from coprod.persistence.database import Database
from coprod.persistence.server import sync as server
from coprod.persistence.sync import (
    Operation,
    SyncState,
    encode,
    field_change,
    pending_fields,
    read_state,
    synced_tables,
    write_state,
)
from coprod.services.common.store import Store
from coprod.services.common.tasks import TaskState
from coprod.services.sync.push import ROW_BOOKKEEPING, apply_operations, current_login

# A write the server refuses for this record alone: no right to it, or a parent it lacks.
_REFUSED = frozenset({"42501", "23503", "23505", "23502", "23514"})


def went_back(remote: Connection, state: SyncState) -> bool:
    """Whether the server no longer holds the history this copy last saw there."""
    return state.chain is not None and not server.has_event(remote, state.chain)


@dataclass(frozen=True)
class SentAgain:
    records: int  # records the server had lost or held older, sent to it again
    kept_here: int  # records it lost that it refused from this login: on the laptop only
    erasures: tuple[str, ...]  # codes of people erased since the backup, which the server lost


@dataclass
class _Plan:
    groups: list[list[Operation]] = field(default_factory=list)  # one per table and kind, in order
    deletes: list[list[Operation]] = field(default_factory=list)  # one per table, parents first
    erasures: tuple[str, ...] = ()


def send_again(laptop: Store, remote_db: Database, task: TaskState) -> SentAgain:
    """Send the server what it lost that this laptop holds, then check everything again from the
    start (see the module's docstring). Cancelled before the server commits, nothing is sent
    and the next sync notices again."""
    task.set_status(tr("sync.status_went_back"))
    with laptop.reading() as session, remote_db.reading() as remote:
        plan = _plan(session, remote.connection(), task)
    sent = kept = 0
    with remote_db.transaction() as remote:
        login = current_login(remote)
        for i, group in enumerate(plan.groups):
            task.check()
            task.set_progress(i, len(plan.groups))
            if _apply(remote, group, login):
                sent += len(group)
                continue
            for op in group:  # one refused among them: each on its own
                if _apply(remote, [op], login):
                    sent += 1
                else:
                    kept += 1
    task.set_status("")
    with laptop.transaction() as session:
        state = read_state(session.connection())
        if state is not None:
            again = SyncState(state.server, 0, state.last_sync_at, state.schema, None)
            write_state(session.connection(), again)
    return SentAgain(sent, kept, plan.erasures)


def _apply(remote: Session, ops: list[Operation], login: str | None) -> bool:
    """Apply `ops` in a savepoint; False, with nothing written, if the server refuses them."""
    try:
        with remote.begin_nested():
            apply_operations(remote, ops, login=login)
    except sa.exc.DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) in _REFUSED:
            return False
        raise
    return True


def _plan(session: Session, remote: Connection, task: TaskState) -> _Plan:
    laptop = session.connection()
    tables = synced_tables()
    columns = server.readable_columns(remote, tables)
    mine = _written_here(session, {t.name for t in tables})
    removed = _written_here(session, {t.name for t in tables}, action=AuditAction.DELETE)
    waiting = pending_fields(laptop)
    plan = _Plan()
    n = 0
    for done, table in enumerate(tables):  # parents first
        task.check()
        task.set_progress(done, len(tables))
        if table.name not in columns:
            continue
        readable = [c for c in columns[table.name] if c not in ROW_BOOKKEEPING]
        ids = list(laptop.execute(sa.select(table.c.id)).scalars())
        # What the server holds of them, by version and time; of the rest, those it has no
        # change number for it never heard of (a grave, or a row out of sight, is left alone).
        other = server.row_versions(remote, table, ids)
        missing = [i for i in ids if i not in other]
        unheard = set(missing) - server.known_rows(remote, table.name, missing)
        own = mine.get(table.name, set())
        creates: list[Operation] = []
        for row in _by_id(laptop, table, sorted(unheard)):
            n += 1
            creates.append(_create(n, table.name, row, readable))
        updates: list[Operation] = []
        # Only rows whose version or time differ can differ at all: the rest hold the same write.
        same = server.row_versions(laptop, table, sorted(other))
        differ = sorted(i for i in other if other[i] != same.get(i))
        theirs = {r["id"]: r for r in server.rows_by_id(remote, table, columns[table.name], differ)}
        for row in _by_id(laptop, table, sorted(set(theirs))):
            if (table.name, row["id"]) in waiting:
                continue  # its waiting change is pushed as usual
            n += 1
            op = _update(n, table.name, row, theirs[row["id"]], readable, mine=row["id"] in own)
            if op is not None:
                updates.append(op)
        # A record this laptop removed outright (a theme taken off an item, a link) that the
        # restore brought back: removed again, unless it holds a grave there already.
        gone = sorted(removed.get(table.name, set()) - set(ids))
        deletes: list[Operation] = []
        for row_id in server.row_versions(remote, table, gone):
            if (table.name, row_id) not in waiting:
                n += 1
                deletes.append(Operation(n, uuid.uuid4(), table.name, row_id, "delete", None, {}))
        plan.groups.extend(g for g in (creates, updates) if g)
        if deletes:
            plan.deletes.append(deletes)
    plan.groups.extend(reversed(plan.deletes))  # children removed before their parents
    register = next(t for t in tables if t.name == Erasure.__tablename__)
    plan.erasures = _erasures_lost(laptop, remote, register)
    return plan


def _written_here(
    session: Session, tables: set[str], *, action: AuditAction | None = None
) -> dict[str, set[uuid.UUID]]:
    """The records this copy's own audit log says were written here (with `action`, only
    those it says were so written), by table."""
    query = (
        select(AuditEvent.table_name, AuditEvent.row_id)
        .where(col(AuditEvent.row_id).is_not(None), col(AuditEvent.table_name).in_(tables))
        .distinct()
    )
    if action is not None:
        query = query.where(AuditEvent.action == action)
    out: dict[str, set[uuid.UUID]] = {}
    for name, row_id in session.exec(query):
        try:
            out.setdefault(name, set()).add(uuid.UUID(str(row_id)))
        except ValueError:
            continue  # not one record's id (a bulk event)
    return out


def _by_id(conn: Connection, table: sa.Table, ids: list[uuid.UUID]) -> Iterator[dict[str, Any]]:
    for i in range(0, len(ids), server.CHUNK):
        query = sa.select(table).where(table.c.id.in_(ids[i : i + server.CHUNK]))
        yield from (dict(r._mapping) for r in conn.execute(query))


def _create(n: int, table: str, ours: dict[str, Any], readable: list[str]) -> Operation:
    changes: dict[str, tuple[Any, Any]] = {
        c: (None, encode(ours.get(c))) for c in readable if ours.get(c) is not None
    }
    changes["created_at"] = (None, encode(ours.get("created_at")))
    return Operation(n, uuid.uuid4(), table, ours["id"], "create", None, changes)


def _update(
    n: int, table: str, ours: dict[str, Any], theirs: dict[str, Any], readable: list[str], *, mine: bool
) -> Operation | None:
    """The laptop's fields the server holds otherwise. Where the server's record is older than
    the laptop's (in version and in time), the server lost the later versions: its values are
    the shared ones and the laptop's are simply taken. Otherwise somebody changed it on the
    server since the restore: a record this laptop wrote (`mine`) is merged with nobody knowing
    what they shared, so a field both changed is a conflict; anyone else's is left as it is."""
    differ = [c for c in readable if encode(ours.get(c)) != encode(theirs.get(c))]
    older = _older(theirs, ours)
    if not differ or not (older or mine):
        return None
    changes: dict[str, tuple[Any, Any]] = {}
    for c in differ:
        stored = field_change(table, c, theirs.get(c), ours.get(c))
        changes[c] = (stored[0], stored[1]) if older and len(stored) == 2 else (UNKNOWN, stored[-1])
    return Operation(n, uuid.uuid4(), table, ours["id"], "update", int(theirs.get("version") or 1), changes)


def _older(theirs: dict[str, Any], ours: dict[str, Any]) -> bool:
    versions = (theirs.get("version"), ours.get("version"))
    times = (theirs.get("updated_at"), ours.get("updated_at"))
    if None in versions or None in times:
        return False
    return bool(versions[0] < versions[1] and times[0] < times[1])  # type: ignore[operator]


def _erasures_lost(laptop: Connection, remote: Connection, register: sa.Table) -> tuple[str, ...]:
    """The erasures this laptop holds that the server has never heard of: made after its
    backup, whoever made them. The laptop keeps those people erased (the register is applied
    again after every sync that brings rows back); the server needs the erasure made again
    by someone allowed to, so their codes are said."""
    rows = {r.id: r.code for r in laptop.execute(sa.select(register.c.id, register.c.code))}
    lost = set(rows) - server.known_rows(remote, register.name, sorted(rows))
    return tuple(sorted({rows[i] for i in lost}))
