"""Backups: daily on first open, before risky work, on request; and restoring one.

Copies use SQLite's online backup API, so they are consistent even while the database is
open, and each is checked before it counts. Old copies are thinned by age: every copy of the
last day, one a day for two weeks, one a week for two months, one a month for a year; and
never fewer than the newest 14 (or the team's `backups_to_keep`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from coprod.domain.errors import DatabaseProblem, Phrase
from coprod.domain.types import utcnow
from coprod.persistence.backup import (
    Made,
    backup_dir_for,
    backup_name,
    backup_stamp,
    list_backups,
    prune_backups,
    sqlite_backup,
    take_backup,
)
from coprod.persistence.database import open_database
from coprod.persistence.encryption import looks_encrypted
from coprod.persistence.errors import DRIVER_ERRORS, SQLITE_HEADER, translated
from coprod.persistence.permissions import same_mode
from coprod.persistence.presence import sole_use
from coprod.persistence.repositories.settings import get_value, set_value
from coprod.services.common.store import Store

DEFAULT_KEEP = 14
KEEP_KEY = "backups_to_keep"


def backups_to_keep(db: Store) -> int:
    with db.reading() as session:
        raw = get_value(session=session, key=KEEP_KEY)
    try:
        return max(1, int(raw)) if raw is not None else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def set_backups_to_keep(db: Store, keep: int) -> None:
    with db.transaction() as session:
        set_value(session=session, key=KEEP_KEY, value=str(max(1, keep)))


def back_up(db: Store, reason: str) -> Made | None:
    """Back up `db` now and thin out old copies; None for a database that is not a local file.

    Raises DatabaseProblem('backup.source_damaged') if the live database is damaged; nothing
    is pruned then."""
    if db.path is None:
        return None
    with translated(db.path):
        made = take_backup(db.path, reason)
    prune_backups(db.path, backups_to_keep(db), known_good=made.path)
    return made


def take(db: Store, reason: str) -> Path | None:
    """The path of a backup of `db` as it is now (the newest one, if nothing changed since)."""
    made = back_up(db, reason)
    return made.path if made is not None else None


def backup_before(db: Store, reason: str) -> Path | None:
    """A copy taken before an import, merge or restore, so it can be undone."""
    return take(db, reason)


def daily_backup(db: Store) -> Path | None:
    """On the first open of each (UTC) day, copy the database; later opens that day do nothing."""
    if db.path is None or db.read_only or not db.path.exists():
        return None
    today = utcnow().strftime("%Y%m%d")
    if any(backup_stamp(b, db.path).startswith(today) for b in list_backups(db.path)):
        return None
    return take(db, "daily")


def _check_backup(backup: Path) -> None:
    if not backup.is_file():
        raise DatabaseProblem("backup.not_found", path=str(backup))
    with backup.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER and not looks_encrypted(backup):
            raise DatabaseProblem("db.not_sqlite", path=str(backup))
    candidate = open_database(backup, create=False, read_only=True, migrate_schema=False)
    try:
        with translated(backup), candidate.engine.connect() as conn:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
    finally:
        candidate.close()
    if result != ["ok"]:
        raise DatabaseProblem("db.corrupt", path=str(backup))


def restore(db_path: str | Path, backup: str | Path, *, closing: Store | None = None) -> Path | None:
    """Replace the database at `db_path` with `backup`; returns the copy taken of it first.

    Refused while another coprod process has the file open (it would go on writing into the
    replaced file). `closing`, this process's own open copy, is closed only once the restore
    is sure to go ahead. The backup is checked before anything is touched. The current file
    is copied aside (even if damaged), then replaced whole, so a failure part way leaves the
    old file in place.
    """
    db_path, backup = Path(db_path), Path(backup)
    if db_path.is_dir():
        raise DatabaseProblem("db.directory", path=str(db_path))
    if not db_path.parent.is_dir():
        raise DatabaseProblem("db.cannot_create", path=str(db_path), reason=Phrase("db.reason.no_folder"))
    if db_path.exists() and backup.exists() and os.path.samefile(db_path, backup):
        raise DatabaseProblem("backup.is_the_database", path=str(backup), folder=str(backup_dir_for(db_path)))
    _check_backup(backup)
    with sole_use(db_path):
        if closing is not None:
            closing.database.close()  # no connection may hold the old file while it is replaced
        saved = _replace(db_path, backup)
    from coprod.services.privacy.erasure import reapply_after_restore

    reapply_after_restore(db_path)  # people erased since the backup was made are erased again
    return saved


def _replace(db_path: Path, backup: Path) -> Path | None:
    saved: Path | None = None
    if db_path.exists():
        saved = backup_name(db_path, "pre-restore")
        try:
            sqlite_backup(db_path, saved)
        except (*DRIVER_ERRORS, OSError, DatabaseProblem):
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(db_path, saved)  # a damaged file cannot be read page by page
    incoming = db_path.with_name(db_path.name + ".restoring")
    with translated(db_path):
        sqlite_backup(backup, incoming)
        if db_path.exists():
            same_mode(db_path, incoming)
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(incoming, db_path)
    return saved
