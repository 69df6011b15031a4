"""A window whose file was replaced underneath it (a copy, or a restore that ignored the lock)
says so at the next save instead of writing into a file nobody will see again; what was typed
waits in the queue beside the file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import EngagementSession, Feedback
from coprod.persistence.database import open_database
from coprod.services.engagement.capture import create_session
from coprod.services.engagement.pending import PendingQueue
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.conftest import AS_OF
from tests.ui.conftest import Settle

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def _feedback(path: Path) -> list[str]:
    db = open_database(path, create=False)
    try:
        with db.reading() as s:
            return list(s.exec(select(Feedback.text)).all())
    finally:
        db.close()


def test_capture_after_the_file_was_replaced_says_so_and_keeps_the_words(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle, db_path: Path, tmp_path: Path
) -> None:
    with ctx.workspace.transaction() as s:
        create_session(session=s, title="Carers' forum", held_on=AS_OF)
    with ctx.workspace.database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.db"
    shutil.copy(db_path, copy)
    ctx.bus.sig_database_replaced.emit()  # the pages load the session made above
    settle()
    os.replace(copy, db_path)  # another program puts a different file in its place
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.table.selectRow(0)
    settle()
    pane = page.capture
    qtbot.keyClicks(pane.text_box, "The bus never comes on time")
    qtbot.keyClick(pane.text_box, Qt.Key.Key_Return)
    settle()
    assert "was replaced by another program" in pane.message.text()
    # The words are kept on disk, waiting, not counted as saved and not written into the void.
    waiting = PendingQueue.beside(db_path).entries()
    assert [e.data["text"] for e in waiting] == ["The bus never comes on time"]
    assert pane.count == 0
    assert _feedback(db_path) == []
    with ctx.workspace.reading() as s:
        assert s.exec(select(EngagementSession)).all()
