"""Which database engine the suite runs on: SQLite files (the default) or a PostgreSQL server.

`COPROD_TEST_ENGINE=postgresql` (with COPROD_TEST_POSTGRES naming the server, see
tests/postgres.py) runs the suite a second time on the server: the fixtures that hand a test a
database (`db`, `db_path`, `memory_db`, `team_database`, `demo_db_file`) then hand it a
database of its own on the server, made from one migrated in this run, and `copy_database`
copies a server database as `shutil.copy` copies a file. Tests about the SQLite file itself
(its bytes, locks, backups, encryption, replacement on disk) carry the `sqlite_only` marker
and are left out of that run: the server has no file to damage, lock or replace.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url  # noqa: F401  (conftest reads template names with it)

from tests import postgres

ENGINE_ENV = "COPROD_TEST_ENGINE"


def on_server() -> bool:
    """Whether this run hands tests PostgreSQL databases rather than SQLite files."""
    return os.environ.get(ENGINE_ENV, "sqlite") == "postgresql"


class ServerDatabases:
    """The databases of a run on the server: the migrated template, and every copy made."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.template: str | None = None
        self.made: list[str] = []

    def new(self, *, template: str | None = None) -> str:
        if template is None and self.template is not None:  # every test's database: made ahead
            url = postgres.copy_of(self.server, postgres.database_url(self.server, self.template))
        else:
            url = postgres.create_database(self.server, template=template or self.template)
        self.made.append(url)
        return url

    def copy(self, source: str) -> str:
        return self.new(template=make_url(source).database)

    def refill(self, url: str, source: str) -> None:
        """Make the database at `url` a copy of `source`, under the same name: open handles
        on it reconnect to the copy (their pools must have been disposed)."""
        postgres.drop_database(self.server, url)
        made = postgres.created(self.server, make_url(url).database, make_url(source).database)
        postgres.admin(self.server, made)

    def drop_all(self) -> None:
        for url in self.made:
            postgres.drop_database(self.server, url)
        self.made.clear()


servers: ServerDatabases | None = None


def copy_database(source: Path | str, dest: Path) -> Path | str:
    """A copy of the database `source` to change freely: the file copied to `dest`, or on the
    server a new database made from it (`dest` then only names the test's folder)."""
    if servers is not None and isinstance(source, str) and "://" in source:
        return servers.copy(source)
    shutil.copy(source, dest)
    return dest


class _Raw:
    """`sqlite3.Connection.execute` over either engine: SQL with `?` marks, rows as tuples."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> sa.CursorResult[Any]:
        if self.conn.dialect.name != "sqlite":
            sql = sql.replace("%", "%%").replace("?", "%s")
        return self.conn.exec_driver_sql(sql, params)


@contextmanager
def raw_connection(target: Path | str) -> Iterator[_Raw]:
    """Plain SQL on the database at `target` (a file or a server URL), committed at the end,
    as a test does with `sqlite3.connect(path)` to look underneath coprod."""
    url = target if isinstance(target, str) and "://" in target else f"sqlite:///{target}"
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            yield _Raw(conn)
    finally:
        engine.dispose()


def shown(target: Path | str) -> str:
    """How coprod names the database at `target` to people: the file, or the server's URL as
    people write it (no driver, no password)."""
    from coprod.persistence.database import display_url

    return display_url(target) if isinstance(target, str) and "://" in target else str(target)
