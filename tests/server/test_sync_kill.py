"""A sync killed at any moment (kill -9, a real process) leaves both sides consistent, and the
next sync completes it with every change applied exactly once.

Each kill lands at a known step, not at a moment guessed from the clock: the test holds a lock
the sync must wait for (a table on the server, or the laptop's file), sees the process waiting
there (or sees what it committed), and only then kills it. So four kills cover the distinct
points a sync can die at: in the push before its commit, after the server committed the push
but before the laptop forgot it, in the pull after the push, and in the pull of what another
laptop sent.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from coprod.domain.models import AuditEvent, Feedback
from coprod.persistence.database import open_database
from coprod.persistence.sync import pending_count
from coprod.services.engagement.capture import add_feedback
from tests.command import run
from tests.postgres import database_url
from tests.server.sync_team import Team, content_hash, team_server

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX's")

WRITTEN = 300  # one push batch and one pull batch (5000 each), as 1500 were: the kill points need no more
PATIENCE_S = 60  # how long a sync may take to reach a step on a busy machine


@pytest.fixture
def team(pg_server: str, pg_migrated_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_migrated_url) as made:
        yield made


FEEDBACK = sa.select(sa.func.count()).select_from(Feedback)


class Probe:
    """Looks at where a sync has got to, over connections kept open between looks (the test
    looks every few milliseconds: a new connection each time would cost more than the sync)."""

    def __init__(self, team: Team) -> None:
        self.team = team
        self.engines: dict[str, sa.Engine] = {}

    def _conn(self, url: str) -> sa.Connection:
        if url not in self.engines:
            self.engines[url] = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        return self.engines[url].connect()

    def count(self, query: sa.Select[tuple[int]]) -> int:
        """A count on the team server, as its owner."""
        with self._conn(self.team.url) as conn:
            return int(conn.execute(query).scalar_one())

    def waiting(self, laptop: Path) -> int:
        """Changes the laptop still has to send."""
        with self._conn(f"sqlite:///{laptop}") as conn:
            return pending_count(conn)

    def blocked(self, who: str) -> Callable[[], bool]:
        """Whether a connection of `who`'s login waits for a lock on the server (asked as the
        superuser, who sees every connection's state)."""
        query = sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = :login AND wait_event_type = 'Lock'"
        ).bindparams(login=self.team.logins[who])

        def blocked() -> bool:
            with self._conn(database_url(self.team.server, "postgres")) as conn:
                return int(conn.execute(query).scalar_one()) > 0

        return blocked

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()


@pytest.fixture
def probe(team: Team) -> Iterator[Probe]:
    looking = Probe(team)
    yield looking
    looking.close()


@contextmanager
def _server_table_locked(url: str, table: str) -> Iterator[None]:
    """No one else may read or write `table` on the server until the block ends."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')  # until rollback
            try:
                yield
            finally:
                conn.rollback()
    finally:
        engine.dispose()


@contextmanager
def _laptop_locked(laptop: Path) -> Iterator[None]:
    """The laptop's file takes no other writer until the block ends (readers carry on: WAL)."""
    conn = sqlite3.connect(laptop, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def _sync_killed_when(laptop: Path, server: str, reached: Callable[[], bool], step: str) -> None:
    """Start `coprod sync` as a real process, wait until it has `reached` the step, kill -9."""
    command = [sys.executable, "-m", "coprod", "sync", "--db", str(laptop), "--server", server]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + PATIENCE_S
        while not reached():
            if proc.poll() is not None:
                said = proc.stderr.read() if proc.stderr else ""
                pytest.fail(f"the sync ended ({proc.returncode}) before {step}: {said}")
            if time.monotonic() > deadline:
                pytest.fail(f"the sync never reached {step} in {PATIENCE_S} s")
            time.sleep(0.02)
        assert proc.poll() is None, f"the sync finished at {step} before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=PATIENCE_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, step


def test_a_sync_killed_at_each_step_completes_once(team: Team, probe: Probe, tmp_path: Path) -> None:
    laptop, other = tmp_path / "a.db", tmp_path / "b.db"
    for who, path in (("a", laptop), ("b", other)):
        assert run("sync", "--first", "--db", str(path), "--server", team.server_as(who)).returncode == 0
    db = open_database(laptop, create=False)
    try:
        with db.transaction() as s:
            for i in range(WRITTEN):
                add_feedback(
                    session=s, session_id=team.ids["session"], text=f"Said offline {i}", themes=["Respite"]
                )
    finally:
        db.close()
    feedback_before = probe.count(FEEDBACK)
    to_send = probe.waiting(laptop)
    assert to_send >= WRITTEN
    server_a = team.server_as("a")
    a_blocked = probe.blocked("a")

    # 1. In the push, before the server commits it: nothing arrives, nothing is forgotten.
    with _server_table_locked(team.url, "feedback"):
        _sync_killed_when(laptop, server_a, a_blocked, "the push waiting for the feedback table")
    assert probe.count(FEEDBACK) == feedback_before
    assert probe.waiting(laptop) == to_send

    # 2. After the server committed the push, before the laptop forgot what it sent.
    pushed = lambda: probe.count(FEEDBACK) == feedback_before + WRITTEN  # noqa: E731
    with _laptop_locked(laptop):
        _sync_killed_when(laptop, server_a, pushed, "the push committed on the server")
    assert probe.waiting(laptop) == to_send  # sent, but the laptop never heard so

    # 3. In the pull that follows the push (replayed, so writing nothing twice).
    in_the_pull = lambda: a_blocked() and probe.waiting(laptop) == 0  # noqa: E731
    with _server_table_locked(team.url, "feedback"):
        _sync_killed_when(laptop, server_a, in_the_pull, "the pull after the push")

    finished = run("sync", "--db", str(laptop), "--server", server_a)
    assert finished.returncode == 0, finished.stderr
    assert "0 changes waiting" in run("sync", "--status", "--db", str(laptop)).stdout
    assert probe.count(FEEDBACK) == feedback_before + WRITTEN
    created = (
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.table_name == "feedback",
            AuditEvent.action == "create",
            AuditEvent.actor == team.logins["a"],
        )
    )
    assert probe.count(created) == WRITTEN  # each written once on the server, replays or not

    # 4. In the pull of what the other laptop sent: the laptop keeps what it had.
    other_had = content_hash(other)
    with _server_table_locked(team.url, "feedback"):
        _sync_killed_when(
            other,
            team.server_as("b"),
            probe.blocked("b"),
            "the pull of the other laptop's changes",
        )
    assert content_hash(other) == other_had
    assert run("sync", "--db", str(other), "--server", team.server_as("b")).returncode == 0
    assert content_hash(laptop) == content_hash(other) == content_hash(team.url)
