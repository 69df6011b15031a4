"""Values that must be unique, given to two records on two laptops while both were offline.

Two officers offline each take the next free reference (R-0041), or each type a new theme
("Transport"). On the server, the record that arrives second keeps its own id and is renamed
(R-0041-2, Transport-2), and the rename is recorded as a conflict so someone can tidy it; both
records survive. A link (feedback to theme, a team rule's key) made on both laptops is the
same link: the server keeps the one it has.

On a laptop, a row coming from the server may hold a value a local row still holds (the
local one is about to come back renamed, in the same pull): the local row steps aside first.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

CHUNK = 500

# table -> the column two records may not share; the newcomer is renamed
RENAMED: dict[str, str] = {
    "recommendation": "reference",
    "risk": "reference",
    "participant": "code",
    "theme": "name",
    "strategy": "name",
}
# table -> the columns that say two rows are the same thing; the server keeps its own
SAME: dict[str, tuple[str, ...]] = {
    "setting": ("key",),
    "session_strategy": ("session_id", "strategy_id"),
    "feedback_theme": ("feedback_id", "theme_id"),
    "recommendation_feedback": ("recommendation_id", "feedback_id"),
    "risk_mitigation": ("risk_id", "recommendation_id"),
}


def key_columns(table: str) -> tuple[str, ...]:
    if table in RENAMED:
        return (RENAMED[table],)
    return SAME.get(table, ())


def holders(
    conn: Connection, table: sa.Table, rows: Iterable[dict[str, Any]]
) -> dict[tuple[Any, ...], uuid.UUID]:
    """Which existing rows hold the unique values of `rows`: key -> the id holding it."""
    columns = key_columns(table.name)
    keys = {tuple(r.get(c) for c in columns) for r in rows}
    keys = {k for k in keys if None not in k}
    if not keys:
        return {}
    found: dict[tuple[Any, ...], uuid.UUID] = {}
    first = sorted({k[0] for k in keys}, key=str)
    for i in range(0, len(first), CHUNK):
        query = sa.select(table.c.id, *[table.c[c] for c in columns]).where(
            table.c[columns[0]].in_(first[i : i + CHUNK])
        )
        for row in conn.execute(query):
            key = tuple(row[1:])
            if key in keys:
                found[key] = row[0]
    return found


def free_name(conn: Connection, table: sa.Table, value: str, claimed: set[str]) -> str:
    """`value` with the first suffix (-2, -3...) no row holds and this push has not given."""
    column = table.c[RENAMED[table.name]]
    n = 2
    while True:
        candidate = f"{value}-{n}"
        taken = conn.execute(sa.select(table.c.id).where(column == candidate)).first()
        if taken is None and candidate not in claimed:
            return candidate
        n += 1


def step_aside(conn: Connection, table: sa.Table, incoming: list[dict[str, Any]]) -> None:
    """Before the server's rows are written to the laptop: a local row holding the same
    unique value under another id makes way (a renamed record is parked under a temporary
    value its server version will replace; a duplicate link or rule is removed)."""
    columns = key_columns(table.name)
    if not columns or any(c not in incoming[0] for c in columns):
        return
    local = holders(conn, table, incoming)
    clashing = []
    for row in incoming:
        held = local.get(tuple(row.get(c) for c in columns))
        if held is not None and held != row["id"]:
            clashing.append(held)  # even one this pull rewrites: the rows go in any order
    if not clashing:
        return
    if table.name in SAME:
        conn.execute(sa.delete(table).where(table.c.id.in_(clashing)))
        return
    column = table.c[RENAMED[table.name]]
    for held in clashing:
        conn.execute(sa.update(table).where(table.c.id == held).values({column.name: f"~{held}"}))
