"""`coprod server init`, `add-user`, `users` and `change-user`, and what a refused command says."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from tests.command import Ran, run
from tests.server.logins import PASSWORD, connected, drop_logins, login_url, unique_login

CARE = "Adult Social Care"


@pytest.fixture
def logins(pg_server: str, pg_url: str) -> Iterator[list[str]]:
    """Names for this test's logins, dropped after it."""
    made: list[str] = []
    yield made
    drop_logins(pg_server, pg_url, made)


def with_password(monkeypatch: pytest.MonkeyPatch, *argv: str) -> Ran:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return run(*argv, "--password-stdin")


def test_init_add_user_and_list_users(
    pg_url: str, logins: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, officer = unique_login("admin"), unique_login("officer")
    logins += [admin, officer]
    first = with_password(monkeypatch, "server", "init", "--db", pg_url, "--admin", admin)
    assert first.returncode == 0, first.stderr
    assert "ready as a team server" in first.stdout
    assert f"Admin login {admin} created" in first.stdout
    again = run("server", "init", "--db", pg_url)  # idempotent
    assert again.returncode == 0, again.stderr

    # the admin, not the owner, adds the officer
    as_admin = login_url(pg_url, admin)
    added = with_password(
        monkeypatch, "server", "add-user", officer, "--role", "officer", "--team", CARE, "--db", as_admin
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == f"{officer} can now log in as officer in {CARE}."

    listed = run("server", "users", "--db", as_admin)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["login", "role", "team"]
    assert any(line.split()[:2] == [admin, "admin"] and line.rstrip().endswith("-") for line in lines)
    assert any(line.split()[:2] == [officer, "officer"] and line.rstrip().endswith(CARE) for line in lines)

    # the new login can connect and is in its group
    with connected(login_url(pg_url, officer)) as conn:
        assert conn.exec_driver_sql("SELECT coprod_team()").scalar() == CARE


def test_change_a_users_role_and_team_and_disable_them(
    pg_url: str, logins: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = unique_login("officer")
    logins.append(officer)
    assert run("server", "init", "--db", pg_url).returncode == 0
    assert (
        with_password(
            monkeypatch, "server", "add-user", officer, "--role", "officer", "--team", CARE, "--db", pg_url
        ).returncode
        == 0
    )

    promoted = run("server", "change-user", officer, "--role", "manager", "--team", "Housing", "--db", pg_url)
    assert promoted.returncode == 0, promoted.stderr
    assert promoted.stdout.strip() == f"{officer} is now manager in Housing."
    with connected(login_url(pg_url, officer)) as conn:
        groups = (
            conn.exec_driver_sql(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
            )
            .scalars()
            .all()
        )
    assert groups == ["coprod_manager"]

    disabled = run("server", "change-user", officer, "--disable", "--db", pg_url)
    assert disabled.returncode == 0, disabled.stderr
    assert "can no longer log in" in disabled.stdout
    assert f"{officer} (disabled)" in run("server", "users", "--db", pg_url).stdout
    with (
        pytest.raises(sa.exc.OperationalError, match="not permitted to log in"),
        connected(login_url(pg_url, officer)),
    ):
        pass


def test_mistakes_are_one_sentence(
    pg_url: str, tmp_path: Path, logins: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("server", "init", "--db", pg_url).returncode == 0
    wrong_role = run("server", "add-user", "someone", "--role", "boss", "--db", pg_url)
    assert wrong_role.returncode == 2
    assert wrong_role.stderr.strip() == (
        'coprod: There is no role "boss"; use one of officer, manager, viewer, ig_lead, admin.'
    )
    officer = unique_login("officer")
    logins.append(officer)
    assert (
        with_password(
            monkeypatch, "server", "add-user", officer, "--role", "officer", "--db", pg_url
        ).returncode
        == 0
    )
    twice = with_password(monkeypatch, "server", "add-user", officer, "--role", "officer", "--db", pg_url)
    assert twice.returncode == 2
    assert "already exists" in twice.stderr and "Traceback" not in twice.stderr
    missing = run("server", "change-user", "nobody_here", "--role", "viewer", "--db", pg_url)
    assert missing.returncode == 2 and "is not a login of this team server" in missing.stderr
    no_password = run("server", "add-user", unique_login("x"), "--role", "viewer", "--db", pg_url)
    assert no_password.returncode == 2 and "--password-stdin" in no_password.stderr

    on_a_file = run("server", "init", "--db", str(tmp_path / "mine.db"))
    assert on_a_file.returncode == 2
    assert "is not a PostgreSQL server database" in on_a_file.stderr


def test_a_refused_command_says_so_in_one_sentence(
    pg_url: str, logins: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer, officer = unique_login("viewer"), unique_login("officer")
    logins += [viewer, officer]
    assert run("demo", "--db", pg_url).returncode == 0
    assert run("server", "init", "--db", pg_url, "--team", CARE).returncode == 0
    for login, role in ((viewer, "viewer"), (officer, "officer")):
        ran = with_password(
            monkeypatch, "server", "add-user", login, "--role", role, "--team", "Housing", "--db", pg_url
        )
        assert ran.returncode == 0, ran.stderr

    as_viewer = login_url(pg_url, viewer)
    lag = run("lag", "--db", as_viewer, "--format", "json")
    assert lag.returncode == 0, lag.stderr  # a board member reads the figures
    refused = run("settings", "set", "contact_phone", "01632 960000", "--db", as_viewer)
    assert refused.returncode == 2
    assert refused.stderr == "coprod: Your role (viewer) cannot change team settings.\n"

    users = run("server", "users", "--db", login_url(pg_url, officer))
    assert users.returncode == 2
    assert users.stderr == "coprod: Your role (officer) cannot see logins and teams.\n"


def test_the_audit_log_names_the_database_login(
    pg_url: str, logins: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod.persistence.database import open_database
    from coprod.services.team.settings import set_setting

    manager = unique_login("manager")
    logins.append(manager)
    assert run("server", "init", "--db", pg_url).returncode == 0
    added = with_password(
        monkeypatch, "server", "add-user", manager, "--role", "manager", "--team", CARE, "--db", pg_url
    )
    assert added.returncode == 0, added.stderr
    as_manager = login_url(pg_url, manager)
    changed = run("settings", "set", "contact_phone", "01632 960000", "--db", as_manager)
    assert changed.returncode == 0, changed.stderr
    # a name given by the caller (an import's "by") does not replace the login
    db = open_database(as_manager)
    try:
        with db.transaction(actor="someone else") as session:
            set_setting(session=session, key="council_name", value="Northtown Council")
    finally:
        db.close()
    with connected(pg_url) as conn:
        actors = (
            conn.exec_driver_sql(
                "SELECT DISTINCT actor FROM audit_event WHERE table_name = 'setting' AND row_id NOT IN"
                " (SELECT id::text FROM setting WHERE key = 'server_id')"  # made by init, as the owner
            )
            .scalars()
            .all()
        )
    assert actors == [manager]


def test_init_rolled_back_to_break_a_deadlock_is_run_again(
    pg_url: str, logins: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another command changing roles at the same moment (adding or dropping a login) can meet
    `server init` in a deadlock, which PostgreSQL breaks by rolling one of them back."""
    from coprod.persistence.server import install

    real, calls = install.install, []

    def first_time_deadlocked(conn: sa.Connection, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise sa.exc.OperationalError("GRANT", {}, psycopg.errors.DeadlockDetected("deadlock detected"))
        real(conn, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(install, "install", first_time_deadlocked)
    admin = unique_login("admin")
    logins.append(admin)

    ran = with_password(monkeypatch, "server", "init", "--db", pg_url, "--admin", admin)

    assert ran.returncode == 0, ran.stderr
    assert len(calls) == 2 and f"Admin login {admin} created" in ran.stdout
