"""Copies of a live database made with SQLite's online backup API (safe while it is open)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from coprod.domain.types import utcnow


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit in a folder beside the database, so moving the pair keeps them together."""
    return db_path.with_name(f"{db_path.stem}-backups")


def sqlite_backup(source: Path, dest: Path) -> Path:
    """Copy `source` to `dest` page by page; `dest` is written whole or not at all."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(partial)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    partial.replace(dest)
    return dest


def backup_name(db_path: Path, reason: str, when: datetime | None = None) -> Path:
    stamp = (when or utcnow()).strftime("%Y%m%d-%H%M%S-%f")
    return backup_dir_for(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"


def take_backup(db_path: Path, reason: str) -> Path:
    return sqlite_backup(db_path, backup_name(db_path, reason))
