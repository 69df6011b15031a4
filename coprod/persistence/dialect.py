"""The few SQL pieces that differ between SQLite and a shared server database.

Everything else in the repositories is portable SQLAlchemy; these helpers are the only
place that asks which database is underneath.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from coprod.domain.models import Feedback

_WORD = re.compile(r"\w+", re.UNICODE)
PREFIX_FROM = 4


def words(text: str | None) -> list[str]:
    """The words of a search box, without FTS operators or punctuation a user did not mean."""
    return _WORD.findall(text or "")


def is_sqlite(session: Session) -> bool:
    bind = session.get_bind()
    return bind.dialect.name == "sqlite"


def fts5_query(text: str) -> str:
    """Every word must appear, in any form the stemmer joins ("coming" finds "come").

    Words of four letters or more also match as a prefix, so a half-typed word finds
    something. Shorter ones do not: with the porter stemmer "bus"* would become "bu"* and
    find "but".
    """
    return " ".join(f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words(text))


def feedback_matches(session: Session, text: str) -> ColumnElement[bool]:
    """A WHERE clause: feedback whose text contains every word of `text`.

    SQLite uses the FTS5 table `feedback_fts` (kept in step by triggers, reading the text
    from feedback by rowid); other databases
    fall back to case-insensitive LIKE, which is slower but gives the same answers.
    """
    found = words(text)
    if not found:
        return sa.true()
    if is_sqlite(session):
        # The index reads feedback's text by rowid (external content): map its rowids to ids.
        fts = sa.table("feedback_fts", sa.column("rowid"))
        stored = sa.table("feedback", sa.column("id"), sa.column("rowid")).alias("indexed")
        matching = sa.select(fts.c.rowid).where(
            sa.text("feedback_fts MATCH :fts_query").bindparams(fts_query=fts5_query(text))
        )
        return col(Feedback.id).in_(sa.select(stored.c.id).where(stored.c.rowid.in_(matching)))
    return sa.and_(*(col(Feedback.text).ilike(f"%{w}%") for w in found))


def group_concat(session: Session, column: ColumnElement[str], separator: str = ", ") -> ColumnElement[str]:
    """Join the values of `column` within a group into one string."""
    if is_sqlite(session):
        return sa.func.group_concat(column, separator)
    return sa.func.string_agg(column, separator)


def defer_foreign_keys(session: Session) -> None:
    """Check foreign keys when the transaction commits rather than row by row, for writes that
    bring rows in an order of their own (a merge: an owner escalates to an owner further on).

    SQLite switches `defer_foreign_keys` off again outside a transaction, and the Python driver
    opens its transaction only before the first write, so the transaction is opened first.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    if not conn.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
        conn.exec_driver_sql("BEGIN")
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
