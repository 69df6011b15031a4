"""A database already at the newest schema, copied into every new database a test opens.

Running the Alembic chain costs about a second a database on a busy machine (each DDL
statement is a synchronous commit), far more than most tests spend on what they test. So
the suite migrates one empty file per run and, while a test runs, `migrate.upgrade_to_head`
on an empty database copies that file's pages into it with SQLite's backup API instead.
Every way a database is made in the test process goes through it: the fixtures, tests that
call `open_database` themselves, the window's "New database", `coprod init` run in process.

The copy is the output of the real migrations, made in the same run, so what a test sees is
what the chain would have built. A database that already has tables (an older file being
upgraded) still runs the real migrations, and tests marked `real_migrations` run the whole
chain from empty.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from coprod.persistence import migrate
from coprod.persistence.database import make_engine

Upgrade = Callable[[Connection], None]


def make_template(folder: Path) -> Path:
    """Migrate an empty file to head once; its name carries the revision it was made at."""
    path = folder / f"schema-{migrate.head_revision()}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    # A rollback journal, not WAL: the copy takes the template's header, and each database
    # switches itself to WAL after the copy, as after a migration.
    engine = make_engine(f"sqlite:///{partial}")
    try:
        with engine.begin() as conn:
            migrate.upgrade_to_head(conn)
    finally:
        engine.dispose()
    partial.rename(path)
    return path


class TemplateUpgrade:
    """Stands in for `migrate.upgrade_to_head` while the tests run."""

    def __init__(self, template: Path, real: Upgrade) -> None:
        self.template = template
        self.real = real
        self.enabled = True

    def __call__(self, connection: Connection) -> None:
        if not self.enabled or connection.dialect.name != "sqlite" or inspect(connection).get_table_names():
            self.real(connection)
            return
        target = connection.connection.driver_connection
        assert isinstance(target, sqlite3.Connection) and not target.in_transaction
        source = sqlite3.connect(f"file:{self.template}?mode=ro", uri=True)
        try:
            source.backup(target)
        finally:
            source.close()
