"""The few SQL pieces that differ between SQLite and a shared server database.

Everything else in the repositories is portable SQLAlchemy; these helpers are the only
place that asks which database is underneath.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from coprod.domain.models import Feedback

# Runs of letters and digits: exactly what the index's tokenizer (unicode61) takes as one
# token, so every word searched is a single token, which an index without positions
# (`detail = none`, migration 0013) can look up; an underscore separates words there too.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
PREFIX_FROM = 4


def words(text: str | None) -> list[str]:
    """The words of a search box, without FTS operators or punctuation a user did not mean."""
    return _WORD.findall(text or "")


def is_sqlite(session: Session) -> bool:
    bind = session.get_bind()
    return bind.dialect.name == "sqlite"


# Values bound in one IN (...) at most: PostgreSQL's protocol takes 65,535 parameters in all.
IN_LIST_MOST = 30000


def in_list_size(session: Session) -> int:
    """How many values one `IN (...)` may bind on this database, leaving room for others.
    Old SQLite builds allow 999 parameters in a statement; those since 3.32, 32,766 or more."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return IN_LIST_MOST
    import sqlite3

    driver = conn.connection.driver_connection
    getlimit = getattr(driver, "getlimit", None)
    if getlimit is not None:
        limit = getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    else:  # an encrypted file's driver (sqlcipher3) cannot say: SQLite's default for its version
        version = conn.exec_driver_sql("SELECT sqlite_version()").scalar_one()
        limit = 32766 if tuple(map(int, version.split(".")[:2])) >= (3, 32) else 999
    return max(100, min(limit - 100, IN_LIST_MOST))


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
    from feedback by rowid); PostgreSQL its own full-text search over the GIN index of
    migration 0011 (English stemming, so "coming" finds "come" there too). A search of only
    words too common to index ("the", "and") matches by case-insensitive LIKE instead, as
    the server would otherwise find nothing.
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
    every_word = sa.and_(*(col(Feedback.text).ilike(f"%{w}%") for w in found))
    if session.get_bind().dialect.name != "postgresql":
        return every_word
    query = sa.func.to_tsquery(
        sa.literal_column("'english'::regconfig"), sa.bindparam("ts_query", tsquery(text), unique=True)
    )
    vector = sa.func.to_tsvector(
        sa.literal_column("'english'::regconfig"),
        sa.func.coalesce(col(Feedback.text), sa.literal_column("''")),
    )
    return sa.or_(vector.op("@@")(query), sa.and_(sa.func.numnode(query) == 0, every_word))


def tsquery(text: str) -> str:
    """PostgreSQL's form of `fts5_query`: every word, longer ones also as a prefix."""
    return " & ".join(f"{w}:*" if len(w) >= PREFIX_FROM else w for w in words(text))


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


def serialise_writers(conn: Connection, what: str) -> None:
    """Make writers that do `what` take turns until this transaction ends.

    For work that reads and then writes on what it read (the audit chain's head, an import
    matching rows against the database): two at once would both act on the same state.
    SQLite has one writer at a time: a write that changes nothing takes its lock. PostgreSQL
    lets writers run together, so they queue on an advisory lock named after `what`, released
    at commit or rollback.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = version_num WHERE 0")
    elif conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(what))))


@contextmanager
def larger_page_cache(conn: Connection, kib: int) -> Iterator[None]:
    """SQLite's page cache for this connection at `kib` KiB while a large batch is written,
    then as it was. A server sizes its own cache: nothing to do there."""
    if conn.dialect.name != "sqlite":
        yield
        return
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(old)}")
