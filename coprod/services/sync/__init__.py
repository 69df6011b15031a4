"""Sync: a laptop keeps its own copy of the team server's data, works offline, and syncs.

    make_copy(path, server)        a new laptop copy of what the login may see (`--first`)
    sync(laptop, server)           push what waits in the outbox, then pull what changed
                                   (first sending again what a server restored from an
                                   older backup lost: `restored`)
    sync_status(laptop)            when it last synced, and how many changes wait

Both long calls take a TaskState (progress and cancel), so the app can run them on a worker.
Every step is a transaction on each side: a push is committed on the server before the
laptop forgets the operations (a replay after a kill is recognised by their ids and writes
nothing), and the pull writes the rows and moves the cursor in one laptop transaction. A
kill at any moment leaves both sides consistent, and the next sync carries on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import col, func, select

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError, DatabaseProblem
from coprod.domain.models import AuditEvent
from coprod.domain.types import utcnow
from coprod.i18n import ntr, tr
from coprod.persistence import migrate
from coprod.persistence.database import Database, display_url, open_database, without_password
from coprod.persistence.dialect import defer_foreign_keys
from coprod.persistence.repositories import settings
from coprod.persistence.server.sync import chain_end
from coprod.persistence.sync import SyncState, forget, pending, pending_count, read_state, write_state
from coprod.services.common.store import Store
from coprod.services.common.tasks import TaskState
from coprod.services.sync.pull import copy_all, pull_changes
from coprod.services.sync.push import apply_operations, current_login
from coprod.services.sync.restored import SentAgain, send_again, went_back

__all__ = ["SyncReport", "SyncStatus", "make_copy", "sync", "sync_status"]

PUSH_BATCH = 5000


@dataclass(frozen=True)
class SyncReport:
    server: str
    sent: int  # operations the server applied in this sync
    received: int  # rows the laptop wrote or removed
    conflicts: int  # fields both sides changed; the other value is kept on the server
    at: datetime
    moved_from: str | None = None  # the address the copy synced with until this sync, if another
    # The server had gone back to an older copy (restored from a backup): None if not, else
    # how many records this laptop had written that were queued to be sent again.
    sent_again: int | None = None
    kept_here: int = 0  # records the restored server lost that it refused from this login
    erasures_lost: tuple[str, ...] = ()  # codes of people whose erasure the restore undid there

    def went_back(self) -> str | None:
        """The sentences saying the server had been restored, what was sent again, and whose
        erasure must be made again there; None if it had not been."""
        if self.sent_again is None:
            return None
        said = [tr("sync.went_back")]
        if self.sent_again:
            said.append(ntr("sync.sent_again", self.sent_again))
        if self.kept_here:
            said.append(ntr("sync.kept_here", self.kept_here))
        if not (self.sent_again or self.kept_here or self.erasures_lost):
            said.append(tr("sync.lost_nothing"))
        if self.erasures_lost:
            codes = ", ".join(self.erasures_lost)
            said.append(ntr("sync.erasures_lost", len(self.erasures_lost), codes=codes))
        return " ".join(said)


@dataclass(frozen=True)
class SyncStatus:
    server: str  # how to reach the server: its URL with options, never a password
    last_sync_at: datetime | None
    waiting: int

    @property
    def label(self) -> str:
        """The server as people write it (`postgresql://sam@db/coprod`)."""
        return display_url(self.server)


def _server(target: str) -> Database:
    """The team server, checked to hold the schema this coprod knows, never migrated from here."""
    try:
        db = open_database(target, create=False, migrate_schema=False)
    except DatabaseProblem as exc:
        if exc.code == "db.newer":
            raise CoprodError("sync.update_coprod", server=display_url(_url(target))) from exc
        raise
    if db.engine.dialect.name != "postgresql":
        db.close()
        raise CoprodError("sync.not_a_server", server=db.label)
    with db.engine.connect() as conn:
        revision = migrate.current_revision(conn)
    if revision != migrate.head_revision():
        db.close()
        raise CoprodError("sync.server_outdated", server=db.label)
    return db


def _url(target: str) -> str:
    from coprod.persistence.database import resolve

    return resolve(target)[0]


def _state(task: TaskState | None) -> TaskState:
    return task if task is not None else TaskState()


def make_copy(path: str | Path, server_url: str, *, task: TaskState | None = None) -> SyncReport:
    """Make a new laptop copy at `path` of every record the server's login may see."""
    if "://" in str(path):
        raise CoprodError("sync.copy_to_file", path=display_url(str(path)))
    path = Path(path)
    task = _state(task)
    if path.exists():
        raise CoprodError("sync.first_exists", path=str(path))
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    remote_db = _server(server_url)
    try:
        laptop_db = open_database(partial, create=True)
        try:
            with remote_db.reading() as remote, laptop_db.transaction() as session:
                conn = remote.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                defer_foreign_keys(session)
                copied = copy_all(session, conn, progress=task.set_progress, check=task.check)
                at = utcnow()
                write_state(
                    session.connection(),
                    SyncState(
                        without_password(server_url),
                        copied.cursor,
                        at,
                        migrate.head_revision(),
                        chain_end(conn),
                    ),
                )
        finally:
            laptop_db.close()
    finally:
        remote_db.close()
    os.replace(partial, path)
    return SyncReport(remote_db.label, 0, copied.rows, 0, at)


def sync(laptop: Store, server_url: str | None = None, *, task: TaskState | None = None) -> SyncReport:
    """Send the laptop's waiting changes to its server, then bring back what changed there."""
    task = _state(task)
    with laptop.reading() as session:
        state = read_state(session.connection())
    if state is None:
        raise CoprodError("sync.not_a_copy", path=laptop.label)
    target = server_url or state.server
    remote_db = _server(target)
    try:
        moved_from = None
        if remote_db.label != display_url(state.server):
            _require_same_server(laptop, remote_db, display_url(state.server))
            moved_from = display_url(state.server)
        sent_again = _after_restore(laptop, remote_db, state, task)
        sent, conflicts = _push(laptop, remote_db, task)
        retentions = _retention_runs(laptop)
        with laptop.transaction() as session, remote_db.reading() as remote:
            defer_foreign_keys(session)
            current = read_state(session.connection()) or state
            pulled = pull_changes(
                session,
                remote.connection(),
                current.cursor,
                progress=task.set_progress,
                check=task.check,
                only_different=sent_again is not None,
            )
            at = utcnow()
            # An address given (a moved server's, or the same with other options) is kept.
            server = without_password(server_url) if server_url else current.server
            mark = chain_end(remote.connection())
            write_state(
                session.connection(), SyncState(server, pulled.cursor, at, migrate.head_revision(), mark)
            )
    finally:
        remote_db.close()
    # A retention run on the server anonymised rows: their old text must go from this file too.
    purged = "erasure" in pulled.tables or _retention_runs(laptop) > retentions
    _reapply_erasures(laptop, scrub=purged)
    return SyncReport(
        remote_db.label,
        sent,
        pulled.rows,
        conflicts,
        at,
        moved_from,
        sent_again.records if sent_again is not None else None,
        sent_again.kept_here if sent_again is not None else 0,
        sent_again.erasures if sent_again is not None else (),
    )


def _after_restore(laptop: Store, remote_db: Database, state: SyncState, task: TaskState) -> SentAgain | None:
    """If the server went back in time since this copy last synced (`state`), send it again
    what it lost that the laptop holds, and check everything again (`restored`); None if not."""
    if state.chain is None:
        return None
    with remote_db.reading() as remote:
        if not went_back(remote.connection(), state):
            return None
    return send_again(laptop, remote_db, task)


def _require_same_server(laptop: Store, remote_db: Database, server: str) -> None:
    """A copy syncs with another address only if the server there is its own, moved: it holds
    the identity the copy received from its server. Otherwise nothing is sent or received."""
    with laptop.reading() as session:
        mine = settings.get_value(session=session, key=settings.SERVER_ID)
    with remote_db.reading() as session:
        theirs = settings.get_value(session=session, key=settings.SERVER_ID)
    if mine is None:
        raise CoprodError(
            "sync.other_server_unproven", path=laptop.label, server=server, given=remote_db.label
        )
    if mine != theirs:
        raise CoprodError("sync.other_server", path=laptop.label, server=server, given=remote_db.label)


def _push(laptop: Store, remote_db: Database, task: TaskState) -> tuple[int, int]:
    sent = conflicts = 0
    after = 0
    while True:
        task.check()
        with laptop.reading() as session:
            ops = pending(session.connection(), after=after, limit=PUSH_BATCH)
        if not ops:
            return sent, conflicts
        with remote_db.transaction() as remote:
            outcome = apply_operations(remote, ops, login=current_login(remote))
        with laptop.transaction() as session:
            forget(session.connection(), [op.op_id for op in ops])
        sent += outcome.applied
        conflicts += len(outcome.conflicts)
        after = ops[-1].n


def _retention_runs(laptop: Store) -> int:
    """How many retention runs the laptop's copy of the audit log records."""
    with laptop.reading() as session:
        query = (
            select(func.count())
            .select_from(AuditEvent)
            .where(col(AuditEvent.action) == AuditAction.RETENTION)
        )
        return int(session.exec(query).one())


def _reapply_erasures(laptop: Store, *, scrub: bool) -> None:
    """Erasures on the server reach the laptop as blanked rows; anything typed here about an
    erased person before the sync is blanked too. When an erasure arrived, the file is
    rebuilt so the text it replaced survives nowhere in it (as `erase_participant` does)."""
    from coprod.services.privacy.erasure import reapply_register, securely

    reapply_register(laptop)
    if scrub:
        with securely(laptop, lambda: True):
            pass


def sync_status(laptop: Store) -> SyncStatus:
    with laptop.reading() as session:
        conn = session.connection()
        state = read_state(conn)
        if state is None:
            raise CoprodError("sync.not_a_copy", path=laptop.label)
        return SyncStatus(state.server, state.last_sync_at, pending_count(conn))
