"""A sync killed at any moment (kill -9, a real process) leaves both sides consistent, and the
next sync completes it with every change applied exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from coprod.domain.models import AuditEvent, Feedback
from coprod.persistence.database import open_database
from coprod.services.engagement.capture import add_feedback
from tests.command import run
from tests.server.sync_team import Team, content_hash, team_server

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX's")

WRITTEN = 1500


@pytest.fixture
def team(pg_server: str, pg_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_url) as made:
        yield made


def _count(url: str, query: sa.Select[tuple[int]]) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one())
    finally:
        engine.dispose()


def _killed_on_the_way(laptop: Path, server: str) -> int:
    """Start `coprod sync` again and again, each time killing it a little later. Returns how
    many were killed before they finished (starting Python takes most of a second)."""
    command = [sys.executable, "-m", "coprod", "sync", "--db", str(laptop), "--server", server]
    killed = 0
    for step in range(10):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=0.8 + 0.25 * step)  # a sync that finishes sooner is not waited for
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
    return killed


def test_a_sync_killed_again_and_again_completes_once(team: Team, tmp_path: Path) -> None:
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
    feedback_before = _count(team.url, sa.select(sa.func.count()).select_from(Feedback))

    assert _killed_on_the_way(laptop, team.server_as("a")) >= 1  # the push, sometimes after its commit

    finished = run("sync", "--db", str(laptop), "--server", team.server_as("a"))
    assert finished.returncode == 0, finished.stderr
    assert "0 changes waiting" in run("sync", "--status", "--db", str(laptop)).stdout
    assert _count(team.url, sa.select(sa.func.count()).select_from(Feedback)) == feedback_before + WRITTEN
    created = (
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.table_name == "feedback",
            AuditEvent.action == "create",
            AuditEvent.actor == team.logins["a"],
        )
    )
    assert _count(team.url, created) == WRITTEN  # each written once on the server, replays or not
    assert _killed_on_the_way(other, team.server_as("b")) >= 1  # the pull of what the other sent
    assert run("sync", "--db", str(other), "--server", team.server_as("b")).returncode == 0
    assert content_hash(laptop) == content_hash(other) == content_hash(team.url)
