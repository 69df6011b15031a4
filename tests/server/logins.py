"""Logins of a team server for tests: unique names, each dropped with what it was granted."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import make_url

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
    existing = [name for name in logins if _exists(server, name)]
    if not existing:
        return
    quoted = ", ".join(f'"{name}"' for name in existing)
    engine = sa.create_engine(db_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP OWNED BY {quoted}")
    finally:
        engine.dispose()
    admin = admin_engine(server)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {quoted}")
    finally:
        admin.dispose()


def _exists(server: str, name: str) -> bool:
    admin = admin_engine(server)
    try:
        with admin.connect() as conn:
            found = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
            return found is not None
    finally:
        admin.dispose()


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
