"""Fast reads for hot paths over thousands of rows.

SQLAlchemy builds a Row and runs a type processor for every value; for the lag engine's
10,000 recommendations that costs more than the query. `fetch_rows` runs a Core statement on
the SQLite driver directly and returns plain tuples with values as stored (dates as ISO
text, UUIDs as 32 hex digits); `Parsers` turns those into Python values. On any other
database the statement runs normally and the parsers pass values through.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
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
