"""Opening a database, for the GUI and the command line, and the backups kept beside it.

`open_workspace` gives the GUI the `Workspace` it holds (never the persistence layer's
`Database`); `resolve` is the persistence layer's own, offered here so that a front end needs
no door but the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coprod.persistence.backup import describe_backup, list_backups
from coprod.persistence.database import resolve
from coprod.services.workspace import Workspace, open_workspace

__all__ = ["BackupInfo", "Workspace", "backups_of", "open_workspace", "resolve"]


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup of a database: its file, when it was taken (UTC, if its name says) and why
    ('daily', 'pre-import'...)."""

    path: Path
    taken_at: datetime | None
    reason: str


def backups_of(db_path: Path | None) -> list[BackupInfo]:
    """The backups kept for the database at `db_path`, oldest first (none for a database that
    is not a file)."""
    if db_path is None:
        return []
    return [BackupInfo(b, *describe_backup(b, db_path)) for b in list_backups(db_path)]
