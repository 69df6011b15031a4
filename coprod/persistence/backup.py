"""Copies of a live database made with SQLite's online backup API (safe while it is open)."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from coprod.domain.types import utcnow


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit in a folder beside the database, so moving the pair keeps them together."""
    return db_path.with_name(f"{db_path.stem}-backups")


def sqlite_backup(source: Path, dest: Path) -> Path:
    """Copy `source` to `dest` page by page; `dest` is written whole or not at all."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(partial)
        try:
            # The copy is a new file renamed into place only when complete, so it needs no
            # journal and no fsync per step: one fsync at the end makes it durable.
            out.execute("PRAGMA journal_mode = OFF")
            out.execute("PRAGMA synchronous = OFF")
            src.backup(out, pages=-1)
        finally:
            out.close()
    finally:
        src.close()
    with partial.open("rb+") as fh:
        os.fsync(fh.fileno())
    partial.replace(dest)
    return dest


def backup_name(db_path: Path, reason: str, when: datetime | None = None) -> Path:
    stamp = (when or utcnow()).strftime("%Y%m%d-%H%M%S-%f")
    return backup_dir_for(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"


def take_backup(db_path: Path, reason: str) -> Path:
    return sqlite_backup(db_path, backup_name(db_path, reason))


def list_backups(db_path: Path) -> list[Path]:
    """Backups of `db_path`, oldest first (their names start with a sortable UTC stamp)."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    prefix = f"{db_path.stem}-"
    return sorted(p for p in folder.glob(f"{prefix}*.db") if p.is_file())


def backup_stamp(backup: Path, db_path: Path) -> str:
    """The 'YYYYMMDD-HHMMSS-ffffff' part of a backup's name."""
    return backup.name[len(db_path.stem) + 1 :][:22]


def prune_backups(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; returns what was deleted."""
    backups = list_backups(db_path)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def describe_backup(backup: Path, db_path: Path) -> tuple[datetime | None, str]:
    """When a backup was taken (UTC) and why ('daily', 'pre-import'...), read from its name."""
    rest = backup.stem[len(db_path.stem) + 1 :]
    stamp, _, reason = rest[:22], rest[22:23], rest[23:]
    try:
        when = datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
    except ValueError:
        return None, reason or backup.stem
    return when, reason
