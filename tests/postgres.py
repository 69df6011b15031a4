"""A PostgreSQL server for the tests that need one: its URL comes from COPROD_TEST_POSTGRES.

`.ci/run` starts a throwaway server on 127.0.0.1 and sets the variable (README: "Tests on
PostgreSQL"). The URL names a superuser and its maintenance database, for example
`postgresql://postgres@127.0.0.1:55432/postgres`; each test gets a database of its own,
made from it and dropped afterwards. Without the variable these tests are skipped, except
in CI, where a missing server fails the run.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

SERVER_ENV = "COPROD_TEST_POSTGRES"


def server_url() -> str | None:
    return os.environ.get(SERVER_ENV) or None


def require_server() -> str:
    """The server's URL, or skip (fail in CI) where there is none."""
    url = server_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: set {SERVER_ENV} (see .ci/run)")
        pytest.skip(f"no PostgreSQL server: set {SERVER_ENV} to run this test (README)")
    return url


def database_url(server: str, name: str) -> str:
    """`server` with its database replaced by `name` (psycopg 3 as the driver)."""
    return (
        make_url(server)
        .set(drivername="postgresql+psycopg", database=name)
        .render_as_string(hide_password=False)
    )


@functools.cache
def admin_engine(server: str) -> sa.Engine:
    """The test process's autocommit engine on the maintenance database (CREATE/DROP DATABASE
    need one), kept for the whole run: its connections are used again rather than each made
    anew (a new server connection costs about 5 ms of the server's time and 2 ms of ours, and
    the tests ask for hundreds). Not to be disposed."""
    return sa.create_engine(
        database_url(server, make_url(server).database or "postgres"),
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=True,
    )


def admin(server: str, *statements: str) -> None:
    """Run `statements` in turn on the maintenance database, each committed on its own."""
    with admin_engine(server).connect() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)


def created(server: str, name: str | None, template: str | None = None) -> str:
    """The statement that makes database `name` on `server`, empty or a copy of `template`.

    From PostgreSQL 15 the copy is made file by file (`STRATEGY FILE_COPY`, as before 15)
    rather than written block by block through the write-ahead log, 15's default: on the test
    server, its files in memory (.ci/postgres), 15 ms a copy rather than 40 ms, and a run makes
    hundreds of copies."""
    if template is None:
        return f'CREATE DATABASE "{name}"'
    strategy = " STRATEGY FILE_COPY" if _version(server) >= 150000 else ""
    return f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}'


@functools.cache
def _version(server: str) -> int:
    with admin_engine(server).connect() as conn:
        return int(conn.exec_driver_sql("SHOW server_version_num").scalar_one())


def create_database(server: str, *, template: str | None = None, prefix: str = "coprod_test") -> str:
    """A new empty database (or a copy of `template`); its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin(server, created(server, name, template))
    return database_url(server, name)


def _dropped(name: str | None) -> str:
    return f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'


def drop_database(server: str, url: str) -> None:
    admin(server, _dropped(make_url(url).database))


@contextmanager
def fresh_database(server: str, *, template: str | None = None) -> Iterator[str]:
    """A database for one test, dropped (with any connection left to it) when it ends."""
    url = create_database(server, template=template)
    try:
        yield url
    finally:
        drop_database(server, url)


_migrated: dict[str, str] = {}  # server URL -> URL of a database migrated once in this process


def _migrated_template(server: str) -> str:
    """The database the real migrations brought to the newest schema once in this run (made
    at the first call); `drop_migrated` removes it at the end."""
    from coprod.persistence.database import open_database

    template = _migrated.get(server)
    if template is None:
        template = create_database(server, prefix="coprod_test_schema")
        _migrated[server] = template
        open_database(template).close()
    return template


def migrated_database(server: str) -> str:
    """A new database at the newest schema, a copy (`CREATE DATABASE ... TEMPLATE`) of the one
    the real migrations built once in this run, as the server run makes every test's database
    (tests/engines.py); its URL."""
    return copy_of(server, _migrated_template(server))


class _MadeAhead:
    """Copies of one template, each made while the test before it runs.

    The server takes a tenth of a second or more to copy a database (its 9 MB, most of it the
    system catalogues), and a test process would wait for it at the start of every server test.
    A thread of its own makes the next copy as soon as one is taken."""

    def __init__(self, server: str, template: str) -> None:
        self.server, self.template = server, make_url(template).database
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copies")
        self._next: Future[str] | None = None

    def take(self) -> str:
        made = (self._next or self._thread.submit(self._make)).result()
        self._next = self._thread.submit(self._make)
        return made

    def _make(self) -> str:
        return create_database(self.server, template=self.template)

    def close(self) -> None:
        if self._next is not None:
            drop_database(self.server, self._next.result())
        self._thread.shutdown()


_ahead: dict[tuple[str, str], _MadeAhead] = {}


def copy_of(server: str, template: str, *, name: str | None = None) -> str:
    """A new copy of `template` (a database kept until the end of the run: the migrated one, or
    one that `keep_until_the_end` keeps), made ahead (`_MadeAhead`); with `name`, under that
    name (a database of that name already there is dropped first). Its URL."""
    ahead = _ahead.get((server, template))
    if ahead is None:
        ahead = _ahead[server, template] = _MadeAhead(server, template)
    made = ahead.take()
    if name is None:
        return made
    admin(server, _dropped(name), f'ALTER DATABASE "{make_url(made).database}" RENAME TO "{name}"')
    return database_url(server, name)


_kept: list[tuple[str, str]] = []  # (server URL, database URL) to drop at the end of the run


def keep_until_the_end(server: str, url: str) -> None:
    """Leave the database at `url` until `drop_migrated` (a template built once in a process)."""
    _kept.append((server, url))


def drop_migrated() -> None:
    while _ahead:
        _ahead.popitem()[1].close()
    while _kept:
        drop_database(*_kept.pop())
    while _migrated:
        server, template = _migrated.popitem()
        drop_database(server, template)


@pytest.fixture
def pg_server() -> str:
    """The superuser URL of the test server (see the module's docstring)."""
    return require_server()


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """The URL of an empty database of this test's own on the test server."""
    with fresh_database(pg_server) as url:
        yield url


@pytest.fixture
def pg_migrated_url(pg_server: str) -> Iterator[str]:
    """The URL of a database of this test's own already at the newest schema (see
    `migrated_database`), for tests about what is done with a database rather than making one."""
    url = migrated_database(pg_server)
    try:
        yield url
    finally:
        drop_database(pg_server, url)


def server_address() -> str:
    """`host:port` of the test server, as coprod names a server to people (127.0.0.1:55432)."""
    url = make_url(server_url() or "postgresql://127.0.0.1:5432/postgres")
    return f"{url.host}:{url.port or 5432}"
