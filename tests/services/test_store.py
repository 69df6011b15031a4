"""A service does the same whether the window hands it its Workspace or the command line its
Database: both are a Store."""

from __future__ import annotations

from pathlib import Path

from coprod.persistence.database import Database
from coprod.services.data import backup
from coprod.services.data.export import export_tracker
from coprod.services.data.importing import import_tracker
from coprod.services.workspace import Workspace
from tests.conftest import AS_OF
from tests.trackers import GOOD, write_csv


def test_a_workspace_is_made_once_over_a_database(db: Database) -> None:
    workspace = Workspace.of(db)
    assert workspace.database is db and workspace.path == db.path and workspace.label == db.label
    assert Workspace.of(workspace) is workspace


def test_export_through_a_workspace_writes_what_the_command_line_writes(db: Database, tmp_path: Path) -> None:
    import_tracker(Workspace(db), write_csv(tmp_path / "in.csv", GOOD), today=AS_OF)
    by_window = export_tracker(Workspace(db), tmp_path / "window.csv")
    by_command = export_tracker(db, tmp_path / "command.csv")
    assert by_window.rows == by_command.rows == len(GOOD)
    assert by_window.path.read_bytes() == by_command.path.read_bytes()


def test_a_backup_through_a_workspace_is_the_file_of_the_database(db: Database) -> None:
    taken = backup.take(Workspace(db), "manual")
    if db.path is None:  # a server's backups are the database team's
        assert taken is None
    else:
        assert taken is not None and taken.parent.exists() and taken.stat().st_size > 0
