"""`coprod check`, second part: every stored value has its column's type.

SQLite stores whatever it is given ("lots" in a whole-number column) unless asked; the
integrity check does not look at values, so this check does (and `check.broken_links`
looks at every link's target).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import coprod.domain.models  # noqa: F401  (every table on the metadata the type check walks)
from coprod.domain.types import UTCDateTime
from coprod.i18n import ntr


def _kinds(column: sa.Column[object]) -> str:
    """The storage classes a column's values may have, as an SQL list ("" for anything)."""
    allowed = _storage(column)
    return ", ".join(f"'{k}'" for k in allowed) if allowed else ""


def _storage(column: sa.Column[object]) -> tuple[str, ...] | None:
    """The SQLite storage classes a column's values may have (None: anything)."""
    kind = column.type
    if isinstance(kind, (sa.Boolean, sa.Integer)):
        return ("integer",)
    if isinstance(kind, (sa.Uuid, UTCDateTime, sa.Date, sa.Enum, sa.String)) or (
        isinstance(kind, sa.types.TypeDecorator) and isinstance(kind.impl_instance, sa.String)
    ):
        return ("text",)
    return None


def wrong_types(conn: Connection) -> list[str]:
    """One line per column holding values of the wrong type; [] if none (or not SQLite)."""
    if conn.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    present = sa.inspect(conn)
    tables = set(present.get_table_names())
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in tables:
            continue  # a file not yet upgraded: check what it has
        stored = {c["name"] for c in present.get_columns(table.name)}
        wrong = {
            column.name: f'(typeof("{column.name}") NOT IN ({kinds}) AND "{column.name}" IS NOT NULL)'
            for column in table.columns
            if column.name in stored and (kinds := _kinds(column))
        }
        if not wrong:
            continue
        # One pass over the table looks for any wrong value, testing each value without
        # summing (three times faster than a sum per column); only if it finds one does a
        # count per column say where.
        anywhere = " OR ".join(wrong.values())
        if not conn.execute(text(f'SELECT 1 FROM "{table.name}" WHERE {anywhere} LIMIT 1')).first():
            continue
        sums = ", ".join(f"coalesce(sum({test}), 0)" for test in wrong.values())
        found = conn.execute(text(f'SELECT {sums} FROM "{table.name}"')).one()
        for name, count in zip(wrong, found, strict=True):
            if count:
                problems.append(ntr("check.wrong_type", count, table=table.name, field=name))
    return problems
