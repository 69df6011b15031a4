"""`coprod check`, second part: every stored value has its column's type.

SQLite stores whatever it is given ("lots" in a whole-number column) unless asked; the
integrity check does not look at values, so this check does (and `check.broken_links`
looks at every link's target). The type each column must hold is read from the file's own
schema, as the migrations declared it, so the check needs no models (it runs while they load)
and reads a file not yet upgraded as it stands.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Connection

from coprod.i18n import ntr
from coprod.persistence import migrate

# The storage class each declared type allows (SQLite's typeof), by the type's name without
# its length: what SQLAlchemy declares for the models' types (Boolean and Integer as whole
# numbers; UUIDs, timestamps, dates, enums and strings as text). JSON and anything else may
# hold any class. tests/services/test_check_values.py holds this to the models.
_ALLOWED = {
    "INTEGER": "integer",
    "BIGINT": "integer",
    "SMALLINT": "integer",
    "BOOLEAN": "integer",
    "CHAR": "text",
    "VARCHAR": "text",
    "TEXT": "text",
    "DATETIME": "text",
    "DATE": "text",
}


def allowed_class(declared: str) -> str | None:
    """The storage class a column declared `declared` (e.g. "VARCHAR(32)") may hold; None: any."""
    return _ALLOWED.get(declared.split("(", 1)[0].strip().upper())


def checked_tables(conn: Connection) -> list[str]:
    """The file's tables that hold coprod's records (not search indexes, sync queues or logins)."""
    names = sa.inspect(conn).get_table_names()
    return [n for n in names if n != "alembic_version" and migrate.include_name(n, "table", None)]


def wrong_types(conn: Connection) -> list[str]:
    """One line per column holding values of the wrong type; [] if none (or not SQLite)."""
    if conn.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    for table in checked_tables(conn):
        declared = conn.exec_driver_sql(f'SELECT name, type FROM pragma_table_info("{table}")').all()
        wrong = {
            name: f'(typeof("{name}") != \'{kind}\' AND "{name}" IS NOT NULL)'
            for name, kind_declared in declared
            if (kind := allowed_class(kind_declared))
        }
        if not wrong:
            continue
        # One pass over the table looks for any wrong value, testing each value without
        # summing (three times faster than a sum per column); only if it finds one does a
        # count per column say where.
        anywhere = " OR ".join(wrong.values())
        if not conn.execute(text(f'SELECT 1 FROM "{table}" WHERE {anywhere} LIMIT 1')).first():
            continue
        sums = ", ".join(f"coalesce(sum({test}), 0)" for test in wrong.values())
        found = conn.execute(text(f'SELECT {sums} FROM "{table}"')).one()
        for name, count in zip(wrong, found, strict=True):
            if count:
                problems.append(ntr("check.wrong_type", count, table=table, field=name))
    return problems
