"""Sync steps (with --server only): a new laptop copy of the team's data, a sync of 10,000
changes made offline, a sync with nothing to do, and one after the server went back to a
backup.

    python -m benchmarks.run --server postgresql://postgres@HOST/postgres --scale 50 --only sync

The laptop copy is made as the login of --server, which sees every row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks.bench import Bench, step

if TYPE_CHECKING:
    from coprod.persistence.database import Database

CHANGES = 10_000


def _laptop(bench: Bench) -> Database | None:
    from coprod.persistence.database import Database, open_database

    db = bench.extra.get("laptop")
    if isinstance(db, Database):
        return db
    path = bench.workdir / "laptop.db"
    if not path.exists():
        return None
    db = bench.extra["laptop"] = open_database(path, create=False)
    return db


@step("sync: first copy of the team to a new laptop")
def first_copy(bench: Bench) -> str:
    from coprod.services.sync import make_copy

    if bench.server is None:
        return "needs --server"
    report = make_copy(bench.workdir / "laptop.db", str(bench.db_path))
    return f"{report.received:,} records"


@step("sync: 10,000 edits on the laptop (each with its outbox operation)")
def offline_edits(bench: Bench) -> str:

    from sqlmodel import select

    from coprod.domain.models import Feedback
    from coprod.services.engagement.capture import add_feedback

    db = _laptop(bench)
    if db is None:
        return "needs the first copy"
    with db.transaction() as session:
        items = session.exec(select(Feedback).where(Feedback.deleted_at.is_(None)).limit(CHANGES)).all()  # type: ignore[union-attr]
        for item in items:
            item.text = (item.text or "") + " (checked offline)"
            session.add(item)
        session.flush()
        where = items[0].session_id if items else None
        for i in range(CHANGES - len(items)):
            assert where is not None
            add_feedback(session=session, session_id=where, text=f"Said offline {i}", recorded_at=None)
    return f"{len(items):,} feedback edited, {CHANGES - len(items):,} added"


@step("sync: 10,000 pending changes")
def pending_changes(bench: Bench) -> str:
    from coprod.services.sync import sync

    db = _laptop(bench)
    if db is None:
        return "needs the first copy"
    report = sync(db, str(bench.db_path))
    return f"{report.sent:,} sent, {report.received:,} received"


@step("sync: nothing to do", repeat=5)
def nothing_to_do(bench: Bench) -> str:
    from coprod.services.sync import sync

    db = _laptop(bench)
    if db is None:
        return "needs the first copy"
    report = sync(db, str(bench.db_path))
    return f"{report.sent:,} sent, {report.received:,} received"


@step("sync: after the server went back to a backup (every record compared, all checked again)")
def after_a_restore(bench: Bench) -> str:
    """The laptop is told the server's audit log no longer holds the event it saw last, as after
    a restore; the server in fact lost nothing, so this is what noticing costs: every record
    the laptop holds checked against the server, then every change checked again."""
    from coprod.persistence.sync import ChainMark, SyncState, read_state, write_state
    from coprod.services.sync import sync

    db = _laptop(bench)
    if db is None:
        return "needs the first copy"
    with db.transaction() as session:
        state = read_state(session.connection())
        assert state is not None
        gone = ChainMark(2**62, "a backup's future")
        write_state(
            session.connection(),
            SyncState(state.server, state.cursor, state.last_sync_at, state.schema, gone),
        )
    report = sync(db, str(bench.db_path))
    assert report.sent_again is not None
    return f"{report.sent_again:,} sent again, {report.received:,} written again"
