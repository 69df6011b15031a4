"""Conflicts a sync recorded on the team server, listed in plain words and settled by a manager.

When two people changed one field of one record since their common version, the change the
server received last is in force and the other value is kept in `sync_conflict`. A manager
settles each one with one choice:

    keep="ours"    the value the record holds now stays
    keep="theirs"  the value that was set aside replaces it

Either way the conflict is marked settled with who and when; replacing the value is a normal
audited edit of the record (its version moves on, so every laptop takes it on its next sync).
Only managers may settle: the server refuses the change to `sync_conflict` for anyone else.

A laptop copy has no conflicts of its own: these functions take the open database, and for
a laptop copy they read and settle on the server it syncs with.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel

from coprod.domain.errors import CoprodError, DatabaseProblem
from coprod.domain.types import utcnow
from coprod.i18n import N_, label, tr
from coprod.i18n.dates import day, moment
from coprod.persistence.database import display_url, open_database
from coprod.persistence.sync import CONFLICT, decode, models, read_state
from coprod.services.common.store import Store

__all__ = [
    "FIELD_LABELS",
    "Conflict",
    "Keep",
    "Settled",
    "field_label",
    "on_server",
    "settle",
    "unsettled",
    "value_text",
]

Keep = Literal["theirs", "ours"]
T = TypeVar("T")

# The label people know each field by, where it is not just the column's name.
FIELD_LABELS = {
    "title": N_("conflicts.field.title"),
    "reference": N_("conflicts.field.reference"),
    "description": N_("conflicts.field.description"),
    "you_said": N_("conflicts.field.you_said"),
    "status": N_("conflicts.field.status"),
    "progress": N_("conflicts.field.progress"),
    "owner_id": N_("conflicts.field.owner"),
    "strategy_id": N_("conflicts.field.strategy"),
    "success_measure": N_("conflicts.field.success_measure"),
    "target_date": N_("conflicts.field.target_date"),
    "revised_target_date": N_("conflicts.field.revised_target_date"),
    "decision_reason": N_("conflicts.field.decision_reason"),
    "cqc_statement": N_("conflicts.field.cqc_statement"),
    "name": N_("conflicts.field.name"),
    "text": N_("conflicts.field.text"),
}
_NAMING = ("reference", "title", "name", "code")
# The sentences for a server this computer cannot reach at the moment (no network, no answer).
UNREACHABLE = frozenset({"server.unreachable", "server.timeout", "server.unknown_host"})


@dataclass(frozen=True)
class Conflict:
    """One field two people changed: `kept` is in force, `other` was set aside.

    `record` names the record ("R-001 Online respite booking"; empty if it is gone or out of
    the login's sight), `field` is the column (FIELD_LABELS gives its label). Values are the
    column's own (a date, a status); a link to another record is that record's name.
    """

    id: uuid.UUID
    table: str
    row_id: uuid.UUID
    record: str
    field: str
    kept: Any
    other: Any
    kept_by: str | None
    other_by: str | None
    at: datetime


@dataclass(frozen=True)
class Settled:
    conflict_id: uuid.UUID
    table: str
    record: str
    field: str
    value: Any  # the value the record holds now
    changed: bool  # whether the record was edited (keep="theirs" with a different value)
    by: str | None
    at: datetime


@contextmanager
def on_server(db: Store) -> Iterator[Store]:
    """The team server `db` is, or the one a laptop copy `db` syncs with (opened, then closed)."""
    with db.reading() as session:
        state = read_state(session.connection())
    if state is None:
        if db.database.engine.dialect.name != "postgresql":
            raise CoprodError("conflicts.no_server", path=db.label)
        yield db
        return
    try:
        server = open_database(state.server, create=False, migrate_schema=False)
    except DatabaseProblem as exc:
        if exc.code in UNREACHABLE:
            raise CoprodError("conflicts.unreachable", server=display_url(state.server)) from exc
        raise
    try:
        yield server
    finally:
        server.close()


def _with_server(db: Store, work: Callable[[Store], T]) -> T:
    with on_server(db) as server:
        return work(server)


def unsettled(db: Store) -> list[Conflict]:
    """The conflicts nobody has settled yet, oldest first."""

    def read(server: Store) -> list[Conflict]:
        with server.reading() as session:
            conn = session.connection()
            query = sa.select(CONFLICT).where(CONFLICT.c.settled.is_(False)).order_by(CONFLICT.c.at)
            return [_conflict(conn, row._mapping) for row in conn.execute(query)]

    return _with_server(db, read)


def settle(db: Store, conflict_id: uuid.UUID, *, keep: Keep) -> Settled:
    """Settle one conflict: keep the value in force ("ours") or put back the other ("theirs")."""
    if keep not in ("theirs", "ours"):
        raise CoprodError("conflicts.bad_keep", keep=keep)

    def work(server: Store) -> Settled:
        try:
            with server.transaction(action="settle") as session:
                return _settle(session, conflict_id, keep)
        except DatabaseProblem as exc:
            if exc.code.startswith("db.refused"):
                raise CoprodError("conflicts.managers_only") from exc
            raise

    return _with_server(db, work)


def _settle(session: Session, conflict_id: uuid.UUID, keep: Keep) -> Settled:
    conn = session.connection()
    now = utcnow()
    who = _login(conn)
    # The server's grants decide who may settle: this UPDATE is refused for all but managers.
    marked = conn.execute(
        sa.update(CONFLICT)
        .where(CONFLICT.c.id == conflict_id, CONFLICT.c.settled.is_(False))
        .values(settled=True, settled_by=who, settled_at=now)
    )
    if marked.rowcount == 0:
        raise CoprodError("conflicts.not_found", id=str(conflict_id))
    row = conn.execute(sa.select(CONFLICT).where(CONFLICT.c.id == conflict_id)).one()._mapping
    table = SQLModel.metadata.tables[row["table_name"]]
    chosen = decode(table.c[row["field"]], row["other_value" if keep == "theirs" else "kept_value"])
    model = models().get(table.name)
    record = session.get(model, row["row_id"]) if model is not None else None
    name = _name(conn, table, row["row_id"])  # as it was named when the manager chose
    changed = False
    if record is not None and getattr(record, row["field"]) != chosen:
        setattr(record, row["field"], chosen)
        session.flush()  # audited, and the version moves on, as any edit
        changed = True
    value = getattr(record, row["field"]) if record is not None else chosen
    return Settled(
        conflict_id,
        table.name,
        name,
        row["field"],
        _shown(conn, table.c[row["field"]], value),
        changed,
        who,
        now,
    )


def _login(conn: Connection) -> str | None:
    if conn.dialect.name != "postgresql":
        return None
    return str(conn.execute(sa.text("SELECT current_user")).scalar_one())


def _conflict(conn: Connection, row: Any) -> Conflict:
    table = SQLModel.metadata.tables.get(row["table_name"])
    field = row["field"]
    column = table.c.get(field) if table is not None else None

    def value(raw: Any) -> Any:
        return raw if column is None else _shown(conn, column, decode(column, raw))

    return Conflict(
        id=row["id"],
        table=row["table_name"],
        row_id=row["row_id"],
        record=_name(conn, table, row["row_id"]) if table is not None else "",
        field=field,
        kept=value(row["kept_value"]),
        other=value(row["other_value"]),
        kept_by=row["kept_by"],
        other_by=row["other_by"],
        at=row["at"],
    )


def _name(conn: Connection, table: sa.Table, row_id: uuid.UUID) -> str:
    """How people name a record: its reference and title, or its name."""
    columns = [table.c[c] for c in _NAMING if c in table.c]
    if not columns:
        return ""
    found = conn.execute(sa.select(*columns).where(table.c.id == row_id)).first()
    if found is None:
        return ""
    return " ".join(str(v) for v in found if v not in (None, ""))


def _shown(conn: Connection, column: sa.Column[Any], value: Any) -> Any:
    """A link to another record as that record's name; any other value as it is."""
    if value is None or not column.foreign_keys:
        return value
    target = next(iter(column.foreign_keys)).column.table
    return _name(conn, target, value) or value


# ---------------------------------------------------------------- in words (the app and the CLI)


def field_label(field: str) -> str:
    """The field as people know it ("target date"), for the app and the command line alike."""
    key = FIELD_LABELS.get(field)
    return tr(key) if key is not None else field.replace("_", " ")


def value_text(value: Any) -> str:
    """A field's value as people read it; a blank field says so."""
    if value is None or value == "":
        return tr("conflicts.blank")
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, datetime):
        return moment(value.astimezone())
    if isinstance(value, date):
        return day(value)
    return str(value)
