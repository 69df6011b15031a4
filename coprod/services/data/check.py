"""`coprod check`: is the file healthy, is its schema current, and what does it hold."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, func, inspect, select, text
from sqlmodel import SQLModel

from coprod.persistence import migrate
from coprod.persistence.database import Database
from coprod.persistence.errors import translated
from coprod.services.data.check_values import value_problems
from coprod.services.privacy.chain import ChainReport, verify_chain
from coprod.services.recommendations.completions import Undated, undated_completions

# What a user counts; link tables and the log are reported too, but last.
COUNTED = (
    "strategy",
    "owner",
    "engagement_session",
    "participant",
    "feedback",
    "theme",
    "recommendation",
    "recommendation_update",
    "status_change",
    "target_change",
    "review",
    "lesson",
    "risk",
    "risk_review",
    "audit_event",
)


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str]
    revision: str | None
    head: str
    counts: dict[str, int] = field(default_factory=dict)
    undated_completions: list[Undated] = field(default_factory=list)
    audit: ChainReport | None = None  # None: the schema predates the chain

    @property
    def ok(self) -> bool:
        chain_ok = self.audit is None or self.audit.ok
        return self.integrity == ["ok"] and self.revision == self.head and chain_ok


def run_check(db: Database, *, full: bool = False) -> CheckReport:
    """SQLite's `PRAGMA quick_check` (what it recommends for routine checks: everything but
    that each index matches its table), or with `full` the slower `integrity_check`; then the
    migration state and live record counts."""
    pragma = "integrity_check" if full else "quick_check"
    with translated(db.path), db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            integrity = [row[0] for row in conn.execute(text(f"PRAGMA {pragma}"))]
        else:
            integrity = ["ok"]
        if values := value_problems(conn):
            integrity = [line for line in integrity if line != "ok"] + values
        revision = migrate.current_revision(conn)
        counts = {}
        tables = SQLModel.metadata.tables
        present = set(inspect(conn).get_table_names())  # a file not yet upgraded lacks newer tables
        for name in COUNTED:
            if name not in present:
                continue
            table = tables[name]
            query = select(func.count()).select_from(table)
            if name != "audit_event":
                query = query.where(table.c.deleted_at.is_(None))
            counts[name] = conn.execute(query).scalar_one()
        audit = _audit_chain(conn, revision)
    return CheckReport(
        integrity=integrity,
        revision=revision,
        head=migrate.head_revision(),
        counts=counts,
        undated_completions=_undated(db, revision),
        audit=audit,
    )


def _audit_chain(conn: Connection, revision: str | None) -> ChainReport | None:
    """The audit log's hash chain and append-only triggers, once the schema has the chain."""
    if revision != migrate.head_revision():
        return None
    return verify_chain(conn)


def _undated(db: Database, revision: str | None) -> list[Undated]:
    """Completions imported without a date, so the officer can add them (listed, never a failure)."""
    if revision != migrate.head_revision():
        return []  # an old schema cannot be read with today's models
    with db.reading() as session:
        return undated_completions(session)
