"""A laptop copy follows its team server to a new address, and never syncs with another server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from coprod.persistence.database import open_database
from coprod.persistence.repositories import settings
from coprod.services.engagement.capture import add_feedback
from coprod.services.team.server import init_server
from tests.command import run
from tests.postgres import drop_database, migrated_database
from tests.server.logins import PASSWORD
from tests.server.sync_team import Team, laptop_state, team_server


@pytest.fixture
def team(pg_server: str, pg_migrated_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_migrated_url) as made:
        yield made


def _elsewhere(url: str) -> str:
    """The same server by another name: as after the council moves it to a new address."""
    parsed = make_url(url)
    assert parsed.host == "127.0.0.1"
    return parsed.set(host="localhost").render_as_string(hide_password=False)


def _copy_with_a_change_waiting(team: Team, laptop: Path) -> None:
    ran = run("sync", "--first", "--db", str(laptop), "--server", team.server_as("a"))
    assert ran.returncode == 0, ran.stderr
    db = open_database(laptop, create=False)
    try:
        with db.transaction() as s:
            add_feedback(session=s, session_id=team.ids["session"], text="Said at the venue", themes=[])
    finally:
        db.close()


def _on_server(url: str, text: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.exec_driver_sql("SELECT count(*) FROM feedback WHERE text = %s", (text,)).scalar_one()
            )
    finally:
        engine.dispose()


def _server_id(url: str) -> str | None:
    db = open_database(url, create=False, migrate_schema=False)
    try:
        with db.reading() as s:
            return settings.get_value(session=s, key=settings.SERVER_ID)
    finally:
        db.close()


def test_init_gives_a_server_its_identity_once(team: Team) -> None:
    made = _server_id(team.url)
    assert made is not None
    init_server(team.url)  # again, as after each upgrade
    assert _server_id(team.url) == made


def test_a_laptop_follows_its_server_to_a_new_address(team: Team, tmp_path: Path) -> None:
    laptop = tmp_path / "a.db"
    _copy_with_a_change_waiting(team, laptop)
    moved = _elsewhere(team.server_as("a"))

    ran = run("sync", "--db", str(laptop), "--server", moved)
    assert ran.returncode == 0, ran.stderr
    first = ran.stdout.splitlines()[0]
    assert first.startswith("This copy now syncs with postgresql://") and "@localhost:" in first
    assert "the same team server, which was at postgresql://" in first and "@127.0.0.1:" in first
    assert "1 change sent" in ran.stdout
    assert _on_server(team.url, "Said at the venue") == 1

    status = run("sync", "--db", str(laptop), "--status")  # from now on, the new address
    assert "@localhost:" in status.stdout and "@127.0.0.1:" not in status.stdout
    again = run("sync", "--db", str(laptop))
    assert again.returncode == 0, again.stderr
    assert "This copy now syncs" not in again.stdout


def test_another_team_server_is_refused_and_nothing_is_sent(
    team: Team, pg_server: str, tmp_path: Path
) -> None:
    laptop = tmp_path / "a.db"
    _copy_with_a_change_waiting(team, laptop)
    other_url = migrated_database(pg_server)
    try:
        with team_server(pg_server, other_url) as other:
            ran = run("sync", "--db", str(laptop), "--server", other.server_as("a"))
            assert ran.returncode == 2
            assert len(ran.stderr.strip().splitlines()) == 1
            assert "is another team server: nothing was sent or received" in ran.stderr
            assert _on_server(other.url, "Said at the venue") == 0
    finally:
        drop_database(pg_server, other_url)
    assert "1 change waiting to be sent" in run("sync", "--db", str(laptop), "--status").stdout


def test_a_copy_that_never_received_its_servers_identity_says_what_to_do(team: Team, tmp_path: Path) -> None:
    engine = sa.create_engine(team.url)
    try:
        with engine.begin() as conn:  # a server set up before servers had an identity
            conn.exec_driver_sql("DELETE FROM setting WHERE key = 'server_id'")
    finally:
        engine.dispose()
    laptop = tmp_path / "a.db"
    _copy_with_a_change_waiting(team, laptop)

    ran = run("sync", "--db", str(laptop), "--server", _elsewhere(team.server_as("a")))
    assert ran.returncode == 2
    assert "cannot tell whether" in ran.stderr and 'run "coprod server init" on it' in ran.stderr
    assert _on_server(team.url, "Said at the venue") == 0


def test_a_copy_keeps_how_it_reaches_its_server_but_never_the_password(team: Team, tmp_path: Path) -> None:
    laptop = tmp_path / "a.db"
    given = team.server_as("a") + "?sslmode=disable"  # a test server without TLS, as IT set it up
    assert run("sync", "--first", "--db", str(laptop), "--server", given).returncode == 0
    state = laptop_state(laptop)
    assert state.server.endswith("?sslmode=disable")  # later syncs connect so
    assert make_url(state.server).password is None and PASSWORD not in state.server
    status = run("sync", "--db", str(laptop), "--status").stdout
    assert "sslmode" not in status and f"@127.0.0.1:{make_url(given).port}/" in status
    assert run("sync", "--db", str(laptop)).returncode == 0
