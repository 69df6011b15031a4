"""Connecting to the team server: the login's URL, the password kept in the credential store
(never the computer's own in tests) and used by the command line, and TLS checked by default."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from coprod.domain.errors import RuleViolation
from coprod.persistence.database import open_database, resolve
from coprod.services.team import connection
from coprod.services.team.connection import ServerLogin, parse_server
from tests.command import run
from tests.postgres import server_address
from tests.privacy.keys import MemoryKeyring, memory_keyring
from tests.server.standin import password_server

TEAM = ServerLogin(host="db.council.local", port=None, database="coprod", user="priya")


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    for name in ("PGPASSWORD", "PGSSLMODE", "PGSSLROOTCERT", "PGCONNECT_TIMEOUT", "PGPASSFILE"):
        monkeypatch.delenv(name, raising=False)
    with memory_keyring() as memory:
        yield memory


def _query(target: str) -> dict[str, object]:
    return dict(make_url(resolve(target)[0]).query)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("db.council.local", ("db.council.local", None)),
        (" db.council.local:5433 ", ("db.council.local", 5433)),
        ("[::1]:6543", ("::1", 6543)),
        ("10.1.2.3", ("10.1.2.3", None)),
    ],
)
def test_a_server_is_written_as_name_or_name_and_port(typed: str, expected: tuple[str, int | None]) -> None:
    assert parse_server(typed) == expected


@pytest.mark.parametrize("typed", ["db.council.local:port", "db.council.local:70000", ""])
def test_a_server_written_wrongly_is_refused_in_words(typed: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        parse_server(typed)
    assert "db.council.local:5432" in str(caught.value) or "not a server's name" in str(caught.value)


def test_a_login_is_kept_without_its_password_and_read_back(store: MemoryKeyring) -> None:
    login = ServerLogin(host="db.council.local", port=5433, database="asc", user="priya", sslmode="require")
    assert "secret" in login.url("secret")
    kept = login.remembered()
    assert "secret" not in kept and "priya@db.council.local:5433/asc" in kept
    assert connection.login_from_url(kept) == login
    assert login.server == "db.council.local:5433" and TEAM.server == "db.council.local"
    assert connection.login_from_url("sqlite:////tmp/a.db") is None


def test_a_database_file_is_not_a_server(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.db")
    try:
        assert connection.describe(db) is None
    finally:
        db.close()


def test_the_password_lives_in_the_credential_store_only_when_asked(store: MemoryKeyring) -> None:
    connection.remember_password(TEAM, "s3cret")
    assert store.kept == {("coprod", "priya@db.council.local:5432/coprod"): "s3cret"}
    assert connection.stored_password(TEAM) == "s3cret"
    # The command line finds it for the same login written as a URL, and uses it.
    assert make_url(resolve("postgresql://priya@db.council.local/coprod")[0]).password == "s3cret"
    assert make_url(resolve("postgresql://priya@db.council.local:5432/coprod")[0]).password == "s3cret"
    # ...but not for another user, database or server, and a password in the URL wins.
    for other in ("postgresql://sam@db.council.local/coprod", "postgresql://priya@db.council.local/other"):
        assert make_url(resolve(other)[0]).password is None
    assert make_url(resolve("postgresql://priya:typed@db.council.local/coprod")[0]).password == "typed"
    connection.forget_password(TEAM)
    assert store.kept == {}


def test_tls_is_checked_unless_the_url_or_libpq_says_otherwise(
    store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = _query("postgresql://priya@db.council.local/coprod")
    assert query["sslmode"] == "verify-full"
    assert query["connect_timeout"] == "10"
    assert _query("postgresql://priya@db.council.local/coprod?sslmode=require")["sslmode"] == "require"
    # A server on this computer: its traffic never leaves it, as libpq itself assumes.
    assert "sslmode" not in _query("postgresql://priya@localhost/coprod")
    monkeypatch.setenv("PGSSLMODE", "verify-ca")
    assert "sslmode" not in _query("postgresql://priya@db.council.local/coprod")  # libpq applies it


def test_the_teams_own_certificate_authority_is_used_if_it_put_one_there(
    store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("APPDATA", str(tmp_path))
    assert _query("postgresql://priya@db.council.local/coprod")["sslrootcert"] == "system"
    own = tmp_path / ".postgresql" / "root.crt"
    own.parent.mkdir()
    own.write_text("-----BEGIN CERTIFICATE-----\n")
    assert "sslrootcert" not in _query("postgresql://priya@db.council.local/coprod")


def test_the_command_line_sends_the_remembered_password(store: MemoryKeyring) -> None:
    heard: list[str] = []
    with password_server(heard=heard) as port:
        login = ServerLogin(host="127.0.0.1", port=port, database="coprod", user="priya")
        connection.remember_password(login, "from-the-store")
        ran = run("--db", f"postgresql://priya@127.0.0.1:{port}/coprod", "lag")
    assert heard == ["from-the-store"]
    assert ran.returncode != 0
    assert "did not accept the password for priya" in ran.stderr
    assert "Traceback" not in ran.stderr and ran.stderr.count("\n") <= 2


def test_without_a_remembered_password_libpq_finds_its_own(
    store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", "from-pgpassword")
    heard: list[str] = []
    with password_server(heard=heard) as port:
        run("--db", f"postgresql://priya@127.0.0.1:{port}/coprod", "lag")
    assert heard == ["from-pgpassword"]


def _test_server(pg_url: str) -> ServerLogin:
    """The test server's login, as the IT team would set it up for a test server (no TLS)."""
    login = connection.login_from_url(pg_url)
    assert login is not None
    return replace(login, sslmode="disable")


def test_a_test_connection_looks_and_changes_nothing(pg_url: str, store: MemoryKeyring) -> None:
    login = _test_server(pg_url)
    found = connection.check_server(login, None)
    assert found.version and found.version[0].isdigit()
    assert not found.has_workspace
    assert not connection.check_server(login, None).has_workspace  # still nothing made


def test_connecting_opens_the_workspace_and_keeps_the_password_if_asked(
    pg_url: str, store: MemoryKeyring
) -> None:
    login = _test_server(pg_url)
    opened = connection.open_server(login, "typed-once", remember=True)
    try:
        described = connection.describe(opened.workspace)
        assert described is not None and described.user == "postgres" and described.server == server_address()
        assert "typed-once" not in opened.workspace.label
        assert opened.workspace.label == f"postgresql://postgres@{server_address()}/{login.database}"
    finally:
        opened.workspace.close()
    assert connection.stored_password(login) == "typed-once"
    assert connection.check_server(login, None).has_workspace
    connection.open_server(login, None, remember=False).workspace.close()
    assert connection.stored_password(login) is None
