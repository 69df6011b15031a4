"""Bulk inserts straight to the SQLite driver, for imports of thousands of rows at once.

SQLAlchemy's per-value type processing costs more than SQLite's own work at this size, so
values are converted once per column kind (UUIDs to hex, dates to ISO text, the shared
timestamp once) and handed to `executemany`. Only for tables coprod defines itself, and
only inside the caller's transaction.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from coprod.domain.types import UTCDateTime

Convert = Callable[[Any], Any]
_V7 = (0x7 << 76) | (0b10 << 62)  # version 7, RFC 4122 variant


class IdMaker:
    """Time-ordered (version 7) UUIDs as the 32 hex digits SQLite stores.

    Ids that increase in the order rows are written go on the end of each index instead of
    at random places in it, which makes a large import several times cheaper for SQLite.
    They are still unique across devices: 48 bits of time and 62 random bits.
    """

    def __init__(self) -> None:
        self._ms = int(time.time() * 1000)
        self._n = 0
        # Seeded from the operating system once; drawing 62 bits per id from it is cheap.
        self._bits = random.Random(int.from_bytes(os.urandom(32), "big")).getrandbits

    def __call__(self) -> str:
        n = self._n
        self._n = n + 1
        return f"{ordered_id(self._ms, n, self._bits(62)):032x}"


def ordered_id(ms: int, n: int, random_bits: int) -> int:
    """The `n`th of a run of version 7 UUIDs (as an integer) starting at `ms` milliseconds
    after 1970: 4,096 to a millisecond, in increasing order, each with 62 of `random_bits`."""
    return ((ms + (n >> 12)) << 80) | _V7 | ((n & 0xFFF) << 64) | (random_bits & _RANDOM_62)


_RANDOM_62 = (1 << 62) - 1


StoredId = str  # an id as SQLite stores it and this module writes it: 32 hex digits


def _uuid(value: Any) -> Any:
    return value if isinstance(value, str) else value.hex


_hex = attrgetter("hex")

_PROBE = datetime(2026, 1, 2, 3, 4, 5, 60708, tzinfo=UTC)


def _stored_utc(value: datetime) -> str:
    """An aware time as UTCDateTime stores it in SQLite: naive UTC, "2026-01-02 03:04:05.060708"."""
    text = value.isoformat(" ", "microseconds")
    if text.endswith("+00:00"):  # already UTC (the usual case): the text without its offset
        return text[:-6]
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return value.astimezone(UTC).isoformat(" ", "microseconds")[:-6]


def converter(
    column: sa.Column[Any], dialect: sa.Dialect, known: dict[Any, Any] | None = None
) -> Convert | None:
    """How `column`'s values go to the driver, or None when they go as they are. Times already
    converted are looked up in `known`, which the columns of one insert share: rows made
    together share their created and updated instants."""
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return _uuid
    if isinstance(kind, sa.Date) and not isinstance(kind, sa.DateTime):
        return date.isoformat
    process = kind.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    if isinstance(kind, UTCDateTime):
        fast = process(_PROBE) == _stored_utc(_PROBE)  # SQLite's text form, made directly
        convert = _stored_utc if fast else process
        seen: dict[Any, Any] = {} if known is None else known

        def stamp(value: Any) -> Any:
            text = seen.get(value)
            if text is None:
                text = seen[value] = convert(value)
            return text

        return stamp
    return process


def _converted(conv: Convert | None, values: Sequence[Any]) -> Sequence[Any]:
    if conv is None:
        return values
    if conv is _uuid:
        try:  # ids as UUIDs, the usual case: one C-level pass
            return list(map(_hex, values))
        except AttributeError:  # some are text already, or missing
            pass
    return [None if v is None else conv(v) for v in values]


def column_names(table: sa.Table) -> list[str]:
    """The order `insert_many` expects each row's values in."""
    return [c.name for c in table.columns]


def insert_many(conn: Connection, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
    """INSERT `rows` (tuples of every column's value, in `column_names` order) into `table`."""
    if rows:
        insert_columns(conn, table, list(zip(*rows, strict=True)))


def insert_columns(conn: Connection, table: sa.Table, columns: Sequence[Sequence[Any]]) -> None:
    """INSERT rows given column by column: `columns[i]` holds every row's value of the i-th
    column in `column_names` order (how a generator that builds many rows most cheaply has them)."""
    if not columns or not columns[0]:
        return
    if len(columns) != len(table.columns) or len({len(c) for c in columns}) != 1:
        raise ValueError(f"{table.name}: one list of equal length for each of its columns")
    dialect = conn.dialect
    names = column_names(table)
    if dialect.name == "postgresql":
        _insert_on_server(conn, table, names, columns)
        return
    if dialect.name != "sqlite":
        rows = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
        conn.execute(sa.insert(table), rows)
        return
    quoted = ", ".join(dialect.identifier_preparer.quote(n) for n in names)
    sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join('?' * len(names))})"
    known: dict[Any, Any] = {}
    # column by column: one tight loop per converter is much faster than one per cell
    converted = [
        _converted(converter(column, dialect, known), values)
        for column, values in zip(table.columns, columns, strict=True)
    ]
    conn.exec_driver_sql(sql, list(zip(*converted, strict=True)))


_SERVER_ROWS = 5_000


def _insert_on_server(
    conn: Connection, table: sa.Table, names: list[str], columns: Sequence[Sequence[Any]]
) -> None:
    """Rows as one array per column, unnested by the server: one short statement per batch,
    each value converted by its column's type once. (COPY would be faster still, but
    PostgreSQL refuses it where row-level security applies, as it does to a team's officers.)"""
    dialect = conn.dialect
    arrays: list[Any] = []
    casts: list[str] = []
    for column, values in zip(table.columns, columns, strict=True):
        impl = column.type.dialect_impl(dialect)
        process = impl.bind_processor(dialect)
        arrays.append(
            list(values) if process is None else [None if v is None else process(v) for v in values]
        )
        casts.append(f"%b::{impl.compile(dialect=dialect)}[]")
    quoted = ", ".join(dialect.identifier_preparer.quote(n) for n in names)
    sql = f"INSERT INTO {table.name} ({quoted}) SELECT * FROM unnest({', '.join(casts)})"
    driver = conn.connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        for i in range(0, len(arrays[0]), _SERVER_ROWS):
            cursor.execute(sql, [values[i : i + _SERVER_ROWS] for values in arrays])


# Feedback's search index is kept in step by a trigger per row; for a large batch, filling
# the index in one statement is three times faster. Trigger and index change in the same
# transaction as the rows, so a crash or an error leaves all three as they were.
FTS_TRIGGER = "feedback_fts_insert"
FTS_BATCH_MIN = 200


def insert_feedback(conn: Connection, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert feedback rows and index their text for search."""
    with feedback_search_filled_after(conn, len(rows)):
        insert_many(conn, table, rows)


@contextmanager
def feedback_search_filled_after(conn: Connection, count: int) -> Iterator[None]:
    """Around the insert of `count` feedback rows: for a large batch on SQLite, index their
    text for search in one statement after the rows are in, instead of row by row."""
    if count < FTS_BATCH_MIN or conn.dialect.name != "sqlite":
        yield
        return
    trigger = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (FTS_TRIGGER,)
    ).scalar()
    if trigger is None:
        yield
        return
    last = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM feedback").scalar_one()
    conn.exec_driver_sql(f"DROP TRIGGER {FTS_TRIGGER}")
    yield
    conn.exec_driver_sql(
        "INSERT INTO feedback_fts (rowid, text) SELECT rowid, text FROM feedback WHERE rowid > ?", (last,)
    )
    conn.exec_driver_sql(trigger)


def as_uuid(hex_id: str | uuid.UUID | None) -> uuid.UUID | None:
    if hex_id is None or isinstance(hex_id, uuid.UUID):
        return hex_id
    return uuid.UUID(hex=hex_id)


@contextmanager
def indexes_built_after(conn: Connection, tables: list[str]) -> Iterator[None]:
    """Drop the plain (non-unique) indexes of `tables` and build them again at the end.

    For filling empty tables with many rows: SQLite then builds each index once from sorted
    values instead of inserting every row at a random place in it, which is several times
    faster and leaves the index pages full. Only inside the caller's transaction, so an
    error or a crash leaves the indexes as they were; unique indexes stay, as they check.
    """
    if conn.dialect.name != "sqlite" or not tables:
        yield
        return
    marks = ", ".join("?" * len(tables))
    found = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks})",
        tuple(tables),
    ).all()
    for name, _sql in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in found:
        conn.exec_driver_sql(sql)
