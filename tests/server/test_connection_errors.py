"""Not reaching the team server, or not being let in, is one plain sentence naming the server:
each cause met for real, against the test server or a socket on this computer."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from coprod.domain.errors import DatabaseProblem
from coprod.persistence.database import open_database
from tests.postgres import admin_engine, server_address
from tests.privacy.keys import MemoryKeyring, memory_keyring
from tests.server.standin import password_server


def _url(server: str, **parts: object) -> str:
    query = parts.pop("query", {})
    url = make_url(server).set(drivername="postgresql", **parts)  # type: ignore[arg-type]
    return url.update_query_dict(query).render_as_string(hide_password=False)  # type: ignore[arg-type]


def _problem(url: str) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as caught:
        open_database(url, create=False, migrate_schema=False)  # nothing is ever made on the server
    text = str(caught.value)
    assert "Traceback" not in text and "psycopg" not in text and "FATAL" not in text
    return caught.value


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def store() -> Iterator[MemoryKeyring]:
    with memory_keyring() as memory:
        yield memory


@pytest.fixture
def role(pg_server: str) -> Iterator[tuple[str, str]]:
    """A login role of this test's own with a password: (name, password); dropped after."""
    name, password = f"coprod_conn_{uuid.uuid4().hex[:10]}", uuid.uuid4().hex
    engine = admin_engine(pg_server)
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
    try:
        yield name, password
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')


def _asks_for_passwords(server: str) -> bool:
    """Whether the test server makes TCP logins from this computer give a password."""
    with admin_engine(server).connect() as conn:
        rules = conn.execute(
            sa.text(
                "SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host' "
                "AND 'all' = ANY(database) AND address IN ('127.0.0.1', 'all') ORDER BY line_number"
            )
        ).scalars()
        first = next(iter(rules), "trust")
    return first in ("scram-sha-256", "md5", "password")


def test_a_server_that_is_not_there_cannot_be_reached(pg_server: str) -> None:
    port = _free_port()
    problem = _problem(_url(pg_server, port=port))
    assert problem.code == "server.unreachable"
    assert f"could not reach the team server 127.0.0.1:{port}" in str(problem)


def test_a_database_the_server_does_not_have_is_named(pg_server: str) -> None:
    name = f"coprod_missing_{uuid.uuid4().hex[:8]}"
    problem = _problem(_url(pg_server, database=name))
    assert problem.code == "server.no_database"
    assert f"The team server {server_address()} has no database called {name}" in str(problem)


def test_a_user_the_server_does_not_know_is_named(pg_server: str) -> None:
    name = f"coprod_nobody_{uuid.uuid4().hex[:8]}"
    problem = _problem(_url(pg_server, username=name))
    assert problem.code == "server.unknown_user"
    assert f"has no user called {name}" in str(problem)


def test_a_wrong_password_is_said_plainly(pg_server: str, pg_url: str, role: tuple[str, str]) -> None:
    name, password = role
    # The right password lets the role in on the test server...
    right = _url(pg_url, username=name, password=password)
    open_database(right, create=False, migrate_schema=False).close()
    if _asks_for_passwords(pg_server):
        problem = _problem(_url(pg_server, username=name, password="not-" + password))
    else:  # ...which lets every login from this computer in: a server that checks refuses it
        heard: list[str] = []
        with password_server(heard=heard) as port:
            problem = _problem(_url(pg_server, username=name, password="not-" + password, port=port))
        assert heard == ["not-" + password]
    assert problem.code == "server.wrong_password"
    assert f"did not accept the password for {name}" in str(problem)


def test_no_password_where_one_is_asked_for(pg_server: str, store: MemoryKeyring) -> None:
    with password_server(heard=[]) as port:
        problem = _problem(_url(pg_server, port=port))
    assert problem.code in ("server.password_needed", "server.wrong_password")
    assert "password for postgres" in str(problem)


def test_tls_checked_against_a_server_without_tls_connects_to_nothing(pg_server: str) -> None:
    problem = _problem(_url(pg_server, query={"sslmode": "verify-full"}))
    assert problem.code == "server.tls_unavailable"
    assert "does not offer an encrypted connection" in str(problem)


def test_a_server_by_name_is_checked_with_tls_unless_the_url_says_otherwise(pg_url: str) -> None:
    # The name a council's server goes by, reached at the test server's address: TLS is asked
    # for without the URL saying so, and this server has none.
    named = {"hostaddr": "127.0.0.1"}
    problem = _problem(_url(pg_url, host="db.team.test", query=named))
    assert problem.code == "server.tls_unavailable"
    assert f"db.team.test:{server_address().rpartition(':')[2]}" in str(problem)
    url = _url(pg_url, host="db.team.test", query={**named, "sslmode": "disable"})
    open_database(url, create=False, migrate_schema=False).close()


def test_a_server_that_never_answers_times_out(pg_server: str) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        port = silent.getsockname()[1]
        started = time.monotonic()
        problem = _problem(_url(pg_server, port=port, query={"connect_timeout": "2"}))
    assert time.monotonic() - started < 10
    assert problem.code == "server.timeout"
    assert f"127.0.0.1:{port} did not answer within 2 seconds" in str(problem)
