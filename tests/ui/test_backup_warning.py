"""Back up now (Ctrl+Shift+B) on a damaged database says so loudly and keeps the good copies."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coprod.persistence.backup import list_backups
from coprod.persistence.database import Database, open_database
from coprod.services.data import backup
from coprod.ui.main_window import MainWindow
from tests.engines import copy_database
from tests.ui.conftest import Settle, activate

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


@pytest.fixture
def db_path(demo_db_file: Path, tmp_path: Path) -> Path:
    """A demo database with one good backup."""
    path = tmp_path / "gr.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    db = open_database(path, create=False)
    backup.take(db, "manual")
    db.close()
    return path


def _damage_one_page(path: Path) -> None:
    """As a failing disk sector would, under the open window."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feedback'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * 8)


def test_backing_up_a_damaged_database_warns_and_prunes_nothing(
    qtbot: QtBot, window: MainWindow, db: Database, db_path: Path, settle: Settle
) -> None:
    good = list_backups(db_path)
    assert len(good) == 1
    _damage_one_page(db_path)
    for _ in range(3):
        qtbot.keyClick(
            window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        settle()
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "damaged" in box.text() and "no backup was kept" in box.text()
        assert box.icon() == QMessageBox.Icon.Warning  # an icon and words, not colour alone
        box.close()
        activate(qtbot, window)
    assert list_backups(db_path) == good
