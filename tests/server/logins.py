"""Logins of a team server for tests: unique names, each dropped with what it was granted."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from coprod.persistence.errors import RETRY_STATES
from tests.postgres import admin_engine

PASSWORD = "correct horse battery staple"


def unique_login(role: str) -> str:
    return f"coprod_t{uuid.uuid4().hex[:10]}_{role}"


def login_url(db_url: str, login: str) -> str:
    """`db_url` logged in as `login` (the test server trusts local logins; the password is
    given anyway, as a real server would ask for it)."""
    return make_url(db_url).set(username=login, password=PASSWORD).render_as_string(hide_password=False)


def drop_logins(server: str, db_url: str, logins: list[str]) -> None:
    """Revoke what `logins` hold in `db_url`'s database, then drop them from the server."""
    existing = _existing(server, logins)
    if not existing:
        return
    quoted = ", ".join(f'"{name}"' for name in existing)
    engine = sa.create_engine(db_url, isolation_level="AUTOCOMMIT")
    try:
        # Another test process may be changing roles at the same moment (a `server init`):
        # the server breaks such a deadlock by rolling one side back, to be run again.
        _again_if_deadlocked(engine, f"DROP OWNED BY {quoted}")
        _again_if_deadlocked(admin_engine(server), f"DROP ROLE IF EXISTS {quoted}")
    finally:
        engine.dispose()


def _again_if_deadlocked(engine: sa.Engine, statement: str, tries: int = 3) -> None:
    for attempt in range(1, tries + 1):
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(statement)
            return
        except sa.exc.DBAPIError as exc:
            if attempt == tries or getattr(exc.orig, "sqlstate", None) not in RETRY_STATES:
                raise
            time.sleep(0.1 * attempt)


def _existing(server: str, names: list[str]) -> list[str]:
    """Those of `names` that are logins on the server, in the order given."""
    with admin_engine(server).connect() as conn:
        found = set(
            conn.execute(
                sa.text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)"), {"n": names}
            ).scalars()
        )
    return [name for name in names if name in found]


@contextmanager
def connected(url: str) -> Iterator[sa.Connection]:
    """A plain connection, as anyone with the login could make: no coprod code in between.
    What it did is rolled back at the end."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            yield conn
            conn.rollback()
    finally:
        engine.dispose()
