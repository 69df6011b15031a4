"""`coprod check`, second part: every stored value has its column's type, every link a target.

SQLite stores whatever it is given ("lots" in a whole-number column) unless asked; the
integrity check does not look at values, so these two checks do.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from coprod.domain.types import UTCDateTime
from coprod.i18n import ntr


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


def value_problems(conn: Connection) -> list[str]:
    """One line per column holding values of the wrong type and per broken link; [] if none."""
    if conn.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    present = sa.inspect(conn)
    tables = set(present.get_table_names())
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in tables:
            continue  # a file not yet upgraded: check what it has
        stored = {c["name"] for c in present.get_columns(table.name)}
        checked: list[str] = []
        counts: list[str] = []
        for column in table.columns:
            allowed = _storage(column)
            if allowed is None or column.name not in stored:
                continue
            kinds = ", ".join(f"'{k}'" for k in allowed)
            checked.append(column.name)
            counts.append(
                f'coalesce(sum("{column.name}" IS NOT NULL AND typeof("{column.name}") NOT IN ({kinds})), 0)'
            )
        if not counts:
            continue
        # every column of the table in one pass over it: a table scan costs far more than a test
        found = conn.execute(text(f'SELECT {", ".join(counts)} FROM "{table.name}"')).one()
        for name, count in zip(checked, found, strict=True):
            if count:
                problems.append(ntr("check.wrong_type", count, table=table.name, field=name))
    broken: dict[tuple[str, str], int] = {}
    for row in conn.execute(text("PRAGMA foreign_key_check")):
        key = (str(row[0]), str(row[2]))
        broken[key] = broken.get(key, 0) + 1
    for (table_name, parent), count in sorted(broken.items()):
        problems.append(ntr("check.broken_link", count, table=table_name, parent=parent))
    return problems
