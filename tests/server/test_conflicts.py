"""Conflicts two laptops' syncs left on the team server: listed in plain words, settled by a manager."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent, Recommendation
from coprod.persistence.database import open_database
from coprod.persistence.sync import SyncState, read_state, write_state
from coprod.services.sync import make_copy, sync
from coprod.services.team.server import add_user
from tests.command import run
from tests.server.logins import PASSWORD, unique_login
from tests.server.sync_team import CARE, Team, conflict_rows, retitle, team_server


@pytest.fixture
def team(pg_server: str, pg_migrated_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_migrated_url) as made:
        made.logins["m"] = unique_login("manager")  # dropped with the officers at the end
        db = open_database(pg_migrated_url)
        try:
            add_user(db, login=made.logins["m"], role="manager", team=CARE, password=PASSWORD)
        finally:
            db.close()
        yield made


def _sync(team: Team, who: str, path: Path) -> None:
    db = open_database(path, create=False)
    try:
        sync(db, team.server_as(who))
    finally:
        db.close()


def conflicted(team: Team, tmp_path: Path) -> tuple[Path, Path]:
    """Officer a retitles R-001 offline, officer b too; a syncs first, so b's title is in force."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    make_copy(a, team.server_as("a"))
    make_copy(b, team.server_as("b"))
    retitle(a, team.ids["rec"], "Book respite online")
    retitle(b, team.ids["rec"], "Respite booking by phone")
    _sync(team, "a", a)
    _sync(team, "b", b)
    return a, b


def _record(url: str | Path, rec: uuid.UUID) -> Recommendation:
    db = open_database(url, create=False, migrate_schema=False)
    try:
        with db.reading() as s:
            found = s.get(Recommendation, rec)
            assert found is not None
            return found
    finally:
        db.close()


def test_the_list_names_the_record_the_field_both_values_and_who(team: Team, tmp_path: Path) -> None:
    conflicted(team, tmp_path)
    ran = run("conflicts", "--db", team.server_as("m"))
    assert ran.returncode == 0, ran.stderr
    assert "1 conflict to settle:" in ran.stdout
    assert "R-001 Respite booking by phone: title" in ran.stdout
    assert f"now: Respite booking by phone (by {team.logins['b']}," in ran.stdout
    assert f"set aside: Book respite online (by {team.logins['a']})" in ran.stdout


def test_a_manager_keeps_the_other_value_as_an_audited_edit(team: Team, tmp_path: Path) -> None:
    a, b = conflicted(team, tmp_path)
    before = _record(team.url, team.ids["rec"])
    [row] = conflict_rows(team.url)

    ran = run("conflicts", "settle", str(row["id"]), "--keep", "theirs", "--db", team.server_as("m"))

    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == (
        "Settled: the title of R-001 Respite booking by phone is now Book respite online."
    )
    after = _record(team.url, team.ids["rec"])
    assert after.title == "Book respite online" and after.version == before.version + 1
    [row] = conflict_rows(team.url)
    assert row["settled"] is True and row["settled_by"] == team.logins["m"] and row["settled_at"] is not None
    db = open_database(team.url, create=False)
    try:
        with db.reading() as s:
            edits = s.exec(
                select(AuditEvent).where(
                    AuditEvent.row_id == str(team.ids["rec"]), AuditEvent.action == AuditAction.UPDATE
                )
            ).all()
            assert any("title" in (e.changes or {}) and e.actor == team.logins["m"] for e in edits)
    finally:
        db.close()
    assert run("conflicts", "--db", team.server_as("m")).stdout.strip() == "No conflicts to settle."
    for who, laptop in (("a", a), ("b", b)):  # both laptops take the settled value
        _sync(team, who, laptop)
        assert _record(laptop, team.ids["rec"]).title == "Book respite online"


def test_keeping_the_value_now_settles_without_an_edit(team: Team, tmp_path: Path) -> None:
    conflicted(team, tmp_path)
    before = _record(team.url, team.ids["rec"])
    [row] = conflict_rows(team.url)
    ran = run("conflicts", "settle", str(row["id"]), "--keep", "ours", "--db", team.server_as("m"))
    assert ran.returncode == 0, ran.stderr
    assert "stays Respite booking by phone." in ran.stdout
    after = _record(team.url, team.ids["rec"])
    assert (after.title, after.version) == (before.title, before.version)
    again = run("conflicts", "settle", str(row["id"]), "--keep", "ours", "--db", team.server_as("m"))
    assert again.returncode == 2 and "may have been settled already" in again.stderr


def test_an_officer_may_list_but_not_settle(team: Team, tmp_path: Path) -> None:
    conflicted(team, tmp_path)
    [row] = conflict_rows(team.url)
    assert "1 conflict to settle:" in run("conflicts", "--db", team.server_as("a")).stdout
    ran = run("conflicts", "settle", str(row["id"]), "--keep", "theirs", "--db", team.server_as("a"))
    assert ran.returncode == 2
    assert ran.stderr.strip() == (
        "coprod: Only a manager can settle a conflict: "
        "ask a manager of your team to choose which value to keep."
    )
    assert _record(team.url, team.ids["rec"]).title == "Respite booking by phone"
    assert conflict_rows(team.url)[0]["settled"] is False


def test_a_laptop_lists_its_servers_conflicts(team: Team, tmp_path: Path) -> None:
    a, _b = conflicted(team, tmp_path)
    ran = run("conflicts", "--db", str(a))
    assert ran.returncode == 0, ran.stderr
    assert "R-001 Respite booking by phone: title" in ran.stdout


def test_a_laptop_away_from_its_server_says_so_in_one_sentence(team: Team, tmp_path: Path) -> None:
    a = tmp_path / "a.db"
    make_copy(a, team.server_as("a"))
    db = open_database(a, create=False)
    try:
        with db.transaction() as s:
            state = read_state(s.connection())
            assert state is not None
            away = SyncState(
                "postgresql://sam@127.0.0.1:9/coprod", state.cursor, state.last_sync_at, state.schema
            )
            write_state(s.connection(), away)
    finally:
        db.close()
    ran = run("conflicts", "--db", str(a))
    assert ran.returncode == 2
    assert ran.stderr.strip() == (
        "coprod: The team server postgresql://sam@127.0.0.1:9/coprod cannot be reached from here just now, "
        "so its conflicts cannot be shown or settled."
    )


def test_a_file_that_is_no_copy_has_no_conflicts(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    open_database(plain).close()
    ran = run("conflicts", "--db", str(plain))
    assert ran.returncode == 2 and "neither a team server nor a laptop copy" in ran.stderr
