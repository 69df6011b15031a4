"""Schema changes happen only here, through Alembic, applied automatically on open.

Alembic (with Mako and its script machinery) takes a noticeable share of start-up, yet it is
needed only when a file's schema must change. Opening a file therefore learns the chain of
revisions by reading the `revision` lines of the migration scripts, and the file's revision
from its `alembic_version` table; Alembic itself is imported only to upgrade (or by tools
that ask for its configuration).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Full-text search lives in FTS5 virtual tables that SQLAlchemy metadata does not describe;
# `team_member` belongs to a team server's logins, managed in SQL (coprod.persistence.server).
# `sync_*` tables are a laptop's outbox and a server's change numbers (coprod.persistence.sync).
_UNMODELLED_PREFIXES = ("feedback_fts", "team_member", "sync_")
# PostgreSQL's search index is over an expression, which metadata does not describe either.
_UNMODELLED_INDEXES = ("ix_feedback_text_search",)

_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    if type_ == "table" and name is not None:
        return not name.startswith(_UNMODELLED_PREFIXES)
    if type_ == "index" and name is not None:
        return name not in _UNMODELLED_INDEXES
    return True


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _literal(value: str) -> str | None:
    value = value.strip()
    if value == "None":
        return None
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    raise ValueError(f"a migration's revision must be a plain string, not {value}")


@lru_cache(maxsize=1)
def _chain() -> dict[str, str | None]:
    """Every shipped revision and the one it follows, read from the scripts' source."""
    chain: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict((name, value) for name, value in _ASSIGNED.findall(script.read_text(encoding="utf-8")))
        if "revision" in found:
            revision = _literal(found["revision"])
            if revision is not None:
                chain[revision] = _literal(found.get("down_revision", "None"))
    return chain


def head_revision() -> str:
    chain = _chain()
    followed = {down for down in chain.values() if down is not None}
    heads = [rev for rev in chain if rev not in followed]
    assert len(heads) == 1, f"coprod ships one chain of migrations, not {heads}"
    return heads[0]


def known_revisions() -> set[str]:
    return set(_chain())


def current_revision(connection: Connection) -> str | None:
    """The file's revision, as Alembic records it (None for a file Alembic never touched)."""
    if connection.dialect.name == "sqlite":
        found = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        present = found is not None
    else:
        from sqlalchemy import inspect

        present = inspect(connection).has_table("alembic_version")
    if not present:
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise RuntimeError(f"the database has more than one schema head: {rows}")
    return rows[0] if rows else None


def upgrade_to_head(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
