"""`coprod check`: is the file healthy, is its schema current, and what does it hold.

Nothing here loads the models: the file's schema gives each column's type, and the audit
chain and undated completions are read through Core, so the command starts quickly.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from coprod.i18n import ntr
from coprod.persistence import migrate
from coprod.persistence.database import Database
from coprod.persistence.errors import translated
from coprod.services.data.check_values import wrong_types

if TYPE_CHECKING:
    from coprod.services.privacy.chain import ChainReport
    from coprod.services.recommendations.undated import Undated

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
    that each index matches its table), or with `full` the slower `integrity_check`; every
    value's type and every link's target; then the migration state and live record counts.

    The three scans of a file each read all of it and take no lock a writer waits for, so
    they run side by side, each on a connection of its own: SQLite works outside Python's
    lock, and a laptop's second core shortens the wait by half. The audit chain, the counts
    and the undated completions are read meanwhile.
    """
    pragma = "integrity_check" if full else "quick_check"
    with translated(db.path), ThreadPoolExecutor(max_workers=3) as pool:
        structure = pool.submit(_scan, db, lambda conn: _integrity(conn, pragma))
        links = pool.submit(_scan, db, broken_links)
        types = pool.submit(_scan, db, wrong_types)
        with db.engine.connect() as conn:
            revision = migrate.current_revision(conn)
            counts = _counts(conn)
            audit = _audit_chain(conn, revision)
            undated = _undated(conn, revision)
        integrity = structure.result()
        if problems := types.result() + links.result():
            integrity = [line for line in integrity if line != "ok"] + problems
    return CheckReport(
        integrity=integrity,
        revision=revision,
        head=migrate.head_revision(),
        counts=counts,
        undated_completions=undated,
        audit=audit,
    )


def _scan(db: Database, check: Callable[[Connection], list[str]]) -> list[str]:
    """One check on a connection of its own (run in a worker thread)."""
    with db.engine.connect() as conn:
        return check(conn)


def _integrity(conn: Connection, pragma: str) -> list[str]:
    if conn.dialect.name != "sqlite":
        return ["ok"]
    return [row[0] for row in conn.execute(text(f"PRAGMA {pragma}"))]


def _counts(conn: Connection) -> dict[str, int]:
    """Live rows per table a user counts (the log counts every row)."""
    counts = {}
    present = set(inspect(conn).get_table_names())  # a file not yet upgraded lacks newer tables
    for name in COUNTED:
        if name not in present:
            continue
        live = "" if name == "audit_event" else " WHERE deleted_at IS NULL"
        counts[name] = int(conn.execute(text(f'SELECT count(*) FROM "{name}"{live}')).scalar_one())
    return counts


def broken_links(conn: Connection) -> list[str]:
    """One line per table and link target with rows pointing at nothing; [] if none (or not SQLite)."""
    if conn.dialect.name != "sqlite":
        return []
    broken: dict[tuple[str, str], int] = {}
    for row in conn.execute(text("PRAGMA foreign_key_check")):
        key = (str(row[0]), str(row[2]))
        broken[key] = broken.get(key, 0) + 1
    return [
        ntr("check.broken_link", count, table=table_name, parent=parent)
        for (table_name, parent), count in sorted(broken.items())
    ]


def _audit_chain(conn: Connection, revision: str | None) -> ChainReport | None:
    """The audit log's hash chain and append-only triggers, once the schema has the chain."""
    if revision != migrate.head_revision():
        return None
    from coprod.services.privacy.chain import verify_chain

    return verify_chain(conn)


def _undated(conn: Connection, revision: str | None) -> list[Undated]:
    """Completions imported without a date, so the officer can add them (listed, never a failure)."""
    if revision != migrate.head_revision():
        return []  # an old schema may lack today's columns
    from coprod.services.recommendations.undated import undated_completions

    return undated_completions(conn)
