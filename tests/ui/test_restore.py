"""File -> Restore: pick a backup, restore it, and the app works on the restored data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Recommendation
from coprod.persistence.database import Database, open_database
from coprod.services.data import backup
from coprod.services.data.importing import import_tracker
from coprod.ui.context import AppContext
from coprod.ui.dialogs.restore import RestoreDialog
from tests.conftest import AS_OF
from tests.trackers import GOOD, write_csv

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


@pytest.fixture
def ctx(db_path: Path, qtbot: QtBot, tmp_path: Path) -> Iterator[AppContext]:
    db = open_database(db_path)
    import_tracker(db, write_csv(tmp_path / "a.csv", GOOD[:1]), today=AS_OF)
    backup.take(db, "manual")
    import_tracker(db, write_csv(tmp_path / "b.csv", GOOD[1:]), today=AS_OF)
    context = AppContext.create(db, as_of=AS_OF)
    yield context
    context.runner.wait()
    context.workspace.close()


def _refs(db: Database) -> list[str | None]:
    with db.reading() as s:
        return sorted(s.exec(select(Recommendation.reference)).all())


def test_restore_a_chosen_backup(ctx: AppContext, qtbot: QtBot, qtmodeltester: object) -> None:
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    whys = [dialog.model.data(dialog.model.index(r, 1)) for r in range(dialog.model.rowCount())]
    # newest first; the copy before the second import was the same as the one made by hand
    assert whys == ["Made by hand", "Before an import"]
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)  # to "Before an import", and back
    qtbot.keyClick(dialog.view, Qt.Key.Key_Up)
    with qtbot.waitSignal(ctx.bus.sig_database_replaced, timeout=10000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert _refs(ctx.workspace) == ["R-1"]
    assert "Restored from" in dialog.status_label.text()
    whys = [dialog.model.data(dialog.model.index(r, 1)) for r in range(dialog.model.rowCount())]
    assert whys[0] == "Before a restore"  # and the restore can itself be undone


def test_a_damaged_file_is_refused_with_a_plain_message(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(damaged), ""))
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    before = _refs(ctx.workspace)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "damaged" in dialog.status_label.text()
    assert _refs(ctx.workspace) == before == ["R-1", "R-2", "R-3"]


def test_restore_is_refused_while_another_coprod_has_the_file_open(ctx: AppContext, qtbot: QtBot) -> None:
    import getpass

    from tests.holders import held_open

    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert ctx.workspace.path is not None
    with held_open(ctx.workspace.path, "coprod import"):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    message = dialog.status_label.text()
    assert "coprod import" in message and getpass.getuser() in message
    assert _refs(ctx.workspace) == ["R-1", "R-2", "R-3"]  # nothing replaced, and the window still works
    assert dialog.restore_button.isEnabled()
