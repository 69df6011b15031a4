"""Fast reads for hot paths over thousands of rows.

SQLAlchemy builds a Row and runs a type processor for every value; for the lag engine's
10,000 recommendations that costs more than the query. `fetch_rows` runs a Core statement on
the SQLite driver directly and returns plain tuples with values as stored (dates as ISO
text, UUIDs as 32 hex digits); `Parsers` turns those into Python values. On any other
database the statement runs normally and the parsers pass values through.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias
from uuid import UUID  # `Parsers.uuid` hides the module inside the class

from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

if TYPE_CHECKING:
    from sqlmodel import Session

# Where rows are read from: an ORM session, or a Core connection (a command that reads
# figures without loading the ORM: Database.reading_rows).
Source: TypeAlias = "Session | Connection"


def connection_of(source: Source) -> Connection:
    """The connection behind `source`. A session's pending changes are sent first: reads here
    go past the ORM, and would not see them otherwise."""
    if isinstance(source, Connection):
        return source
    source.flush()
    return source.connection()


def fetch_rows(
    source: Source, statement: Select[*tuple[Any, ...]], *, text_ids: bool = False
) -> list[tuple[Any, ...]]:
    """All rows of `statement` as tuples. Bind parameters must be plain str, int or float.

    With `text_ids`, PostgreSQL's UUIDs come back as text, as SQLite's do: a Python UUID is
    slow to make and to hash, and a hot path that only matches ids with ids (the lag engine)
    then parses each once, through `Parsers`.
    """
    conn = connection_of(source)
    if conn.dialect.name == "postgresql" and text_ids:
        compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        from psycopg.types.string import TextLoader  # only on a server: SQLite's users never load it

        driver = conn.connection.driver_connection
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            cursor.adapters.register_loader("uuid", TextLoader)
            cursor.execute(str(compiled), compiled.params)
            return cursor.fetchall()
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(statement)]
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    values = compiled.params
    params = [values[name] for name in compiled.positiontup or ()]
    return conn.connection.driver_connection.execute(str(compiled), params).fetchall()  # type: ignore[union-attr]


# Side by side, the reads of one report took 0.45 s less than one after the other at scale 250.
_READERS = 3


def fetch_many(
    source: Source, statements: Sequence[Select[*tuple[Any, ...]]], *, cache_kib: int = 0
) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement, as `fetch_rows` gives them, in the order given.

    On an SQLite file with nothing uncommitted on `source`, the statements run side by side,
    each on a connection of its own: SQLite reads outside Python's lock, so two cores read two
    tables at once. Each sees what was committed when it starts, as separate statements on one
    connection outside a transaction do. Anywhere else (a server, a database in memory, a
    transaction that has written) they run one after the other on `source`. `cache_kib` sizes
    the page cache of the connections opened here, as `larger_page_cache` does for `source`.
    """
    conn = connection_of(source)
    if len(statements) < 2 or not _side_by_side(conn):
        return [fetch_rows(conn, statement) for statement in statements]
    engine = conn.engine

    def read(statement: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        with engine.connect() as own:
            driver = own.connection.driver_connection
            assert driver is not None
            old = driver.execute("PRAGMA cache_size").fetchone()[0] if cache_kib else None
            if cache_kib:
                driver.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
            try:
                return fetch_rows(own, statement)
            finally:
                if old is not None:
                    driver.execute(f"PRAGMA cache_size = {int(old)}")

    with ThreadPoolExecutor(max_workers=min(len(statements), _READERS)) as pool:
        return list(pool.map(read, statements))


def _side_by_side(conn: Connection) -> bool:
    """Whether reads may go to connections of their own: a plain SQLite file (each new
    connection to an encrypted one derives its key again, slower than the reads) with
    nothing uncommitted on `conn`."""
    if conn.dialect.name != "sqlite" or conn.engine.url.database in (None, "", ":memory:"):
        return False
    driver = conn.connection.driver_connection
    return isinstance(driver, sqlite3.Connection) and not driver.in_transaction


def _identity(value: Any) -> Any:
    return value


class Parsers:
    """Turns stored values into Python ones; UUIDs are parsed once per distinct value."""

    def __init__(self, source: Source) -> None:
        self.raw = connection_of(source).dialect.name == "sqlite"
        self.date: Callable[[Any], date] = date.fromisoformat if self.raw else _identity
        self._ids: dict[Any, UUID] = {}

    def uuid(self, value: Any) -> UUID:
        if not self.raw and not isinstance(value, str):
            return value
        return uuid.UUID(value)

    def shared_uuid(self, value: Any) -> UUID | None:
        """For values that repeat (owners, strategies, sessions): parsed once each."""
        if value is None:
            return None
        found = self._ids.get(value)
        if found is None:
            found = self._ids[value] = self.uuid(value)
        return found

    @staticmethod
    def json_list(value: Any) -> list[Any]:
        """A JSON list column: text as SQLite stores it, or already a list from a server."""
        if isinstance(value, str):
            return list(json.loads(value))
        return list(value or [])
