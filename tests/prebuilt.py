"""Databases filled once per run and copied into each test's own.

Filling a database through the services (audit log, outbox, checks) can take longer than the
test that reads it. A fixture that only needs the same known records in every test builds
them once per run with `build_once` and hands each test's `db` a copy with `copy_into`: a
page-by-page copy of the file, or on the server run the test's database made again as a copy
(`CREATE DATABASE ... TEMPLATE`). What `build_once`'s `fill` returned (ids, names) describes
every copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from coprod.persistence.database import Database, open_database
from tests import engines, postgres

T = TypeVar("T")
Built = tuple[Path | str, T]


def build_once(
    tmp_path_factory: pytest.TempPathFactory,
    servers: engines.ServerDatabases | None,
    name: str,
    fill: Callable[[Database], T],
) -> Iterator[Built[T]]:
    """The body of a session fixture: a database filled by `fill`, and what `fill` returned."""
    if servers is not None:
        url = postgres.create_database(servers.server, template=servers.template)
        db = open_database(url)
        try:
            made = fill(db)
        finally:
            db.close()
        yield url, made
        postgres.drop_database(servers.server, url)
        return
    path = tmp_path_factory.mktemp(name) / f"{name}.db"
    db = open_database(path)
    try:
        made = fill(db)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    yield path, made


def copy_into(db: Database, built: Built[T]) -> T:
    """Make the test's `db` (new, unused) a copy of the built database; what describes it."""
    path, made = built
    if isinstance(path, str):
        assert engines.servers is not None
        db.engine.dispose()
        engines.servers.refill(db.url, path)
        return made
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with db.engine.connect() as conn:
            target = conn.connection.driver_connection
            assert isinstance(target, sqlite3.Connection)
            source.backup(target)
    finally:
        source.close()
    return made
