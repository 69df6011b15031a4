"""One undo for every change: steps taken through the widgets go back and come again, an undo
that would overwrite someone else's change is refused, and a failed one leaves the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import EngagementSession, Feedback, Owner, OwnerChange, Strategy
from coprod.persistence.database import open_database
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle, activate


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _save(qtbot: QtBot, dialog: object) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _undo(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()


def _redo(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, shift_ctrl)
    settle()


def _problem_box() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_deactivating_an_owner_is_undone_and_redone(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(5)
    settle()
    page = window.owners
    row = max(range(page.model.rowCount()), key=lambda n: page.model.row_at(n).open_recommendations)
    leaving = page.model.row_at(row)
    page.table.selectRow(row)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    settle()
    page.dialog.reassign.setCurrentIndex(0)
    _save(qtbot, page.dialog)
    settle()
    activate(qtbot, window)
    assert window.undo_action.text().replace("&", "") == f"Undo deactivate {leaving.name}"

    def state() -> tuple[bool, int]:
        with ctx.workspace.reading() as s:
            moves = s.exec(
                select(OwnerChange).where(
                    OwnerChange.from_owner_id == leaving.id, OwnerChange.deleted_at.is_(None)
                )
            ).all()
            return s.get(Owner, leaving.id).active, len(moves)

    assert state() == (False, leaving.open_recommendations)
    _undo(qtbot, window, settle)
    assert state() == (True, 0)
    assert page.model.row_at(row).active is True  # the list follows
    _redo(qtbot, window, settle)
    assert state() == (False, leaving.open_recommendations)
    assert page.model.row_at(row).active is False


def test_editing_a_strategy_is_undone_and_redone(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(4)
    settle()
    page = window.strategies
    page.table.selectRow(0)
    first = page.model.row_at(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle()
    page.editor.name.clear()
    qtbot.keyClicks(page.editor.name, "Carers strategy (refreshed)")
    _save(qtbot, page.editor)
    settle()
    activate(qtbot, window)

    def name() -> str:
        with ctx.workspace.reading() as s:
            return s.get(Strategy, first.id).name

    assert name() == "Carers strategy (refreshed)"
    assert window.undo_action.text().replace("&", "") == "Undo edit strategy Carers strategy (refreshed)"
    _undo(qtbot, window, settle)
    assert name() == first.name
    assert page.model.row_at(page.model.row_of(first.id)).name == first.name  # the list follows
    _redo(qtbot, window, settle)
    assert name() == "Carers strategy (refreshed)"


def test_an_undo_that_would_overwrite_a_later_change_is_refused(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle, db_path: Path
) -> None:
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.table.selectRow(0)
    session_id = page.model.row_at(0).id
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle()
    page.editor.title_box.clear()
    qtbot.keyClicks(page.editor.title_box, "Carers' forum (renamed)")
    _save(qtbot, page.editor)
    settle()
    activate(qtbot, window)

    other = open_database(db_path)  # another laptop on the shared file renames it again
    try:
        with other.transaction() as s:
            es = s.get(EngagementSession, session_id)
            es.title = "Carers' forum, spring"
            s.add(es)
    finally:
        other.close()

    window.undo_action.trigger()
    settle()
    box = _problem_box()
    assert box.text().startswith(
        "Cannot undo edit session Carers' forum (renamed): the record has changed since"
    )
    box.close()
    with ctx.workspace.reading() as s:
        assert s.get(EngagementSession, session_id).title == "Carers' forum, spring"  # their work stays
    # The refused step stays where it was: nothing to redo, and it can be tried again.
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert page.model.row_at(page.model.row_of(session_id)).title == "Carers' forum, spring"


def test_a_failed_undo_takes_off_that_step_only(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.table.selectRow(0)
    settle()
    pane = page.capture

    def live() -> int:
        with ctx.workspace.reading() as s:
            return len(s.exec(select(Feedback).where(Feedback.deleted_at.is_(None))).all())

    before = live()
    for text in ("The lift is broken again", "Said once, then removed elsewhere"):
        qtbot.mouseClick(pane.text_box, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(pane.text_box, text)
        qtbot.keyClick(pane.text_box, Qt.Key.Key_Return)
        settle()
    assert live() == before + 2 and ctx.undo_stack.count() == 2
    with ctx.workspace.transaction() as s:  # meanwhile, the second item disappears for good
        s.delete(s.exec(select(Feedback).where(Feedback.text == "Said once, then removed elsewhere")).one())

    window.undo_action.trigger()
    settle()
    box = _problem_box()
    assert box.text().startswith("Cannot undo capture feedback: the record has been changed or removed")
    assert "taken off the undo list" in box.text()
    box.close()
    assert ctx.undo_stack.count() == 1 and window.undo_action.isEnabled()  # the first step stays
    window.undo_action.trigger()
    settle()
    assert live() == before
    assert not window.undo_action.isEnabled() and window.redo_action.isEnabled()
