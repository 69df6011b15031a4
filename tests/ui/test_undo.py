"""Undo and redo go back through the services: the database follows, and so do the lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import EngagementSession, Feedback
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from coprod.ui.views.sessions import SessionsPage
from tests.ui.conftest import Settle, activate


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _capture(qtbot: QtBot, window: MainWindow, settle: Settle, text: str, themes: str = "") -> SessionsPage:
    """On the Sessions page, type what was said (and its themes) beside the first session, and
    save it with Enter."""
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.table.selectRow(0)
    settle()
    pane = page.capture
    qtbot.mouseClick(pane.text_box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(pane.text_box, text)
    if themes:
        qtbot.keyClicks(pane.themes_box, themes)
    qtbot.keyClick(pane.text_box, Qt.Key.Key_Return)
    settle()
    return page


def _live_feedback(ctx: AppContext) -> int:
    with ctx.workspace.reading() as s:
        return len(s.exec(select(Feedback).where(Feedback.deleted_at.is_(None))).all())


def test_undo_and_redo_a_captured_item_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    before = _live_feedback(ctx)
    page = _capture(qtbot, window, settle, "The lift at the leisure centre is always broken")
    assert _live_feedback(ctx) == before + 1
    assert page.model.row_at(0).feedback_count == 21
    assert window.undo_action.isEnabled()
    assert "capture feedback" in window.undo_action.text()

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert _live_feedback(ctx) == before
    assert page.model.row_at(0).feedback_count == 20

    qtbot.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    settle()
    assert _live_feedback(ctx) == before + 1
    assert page.model.row_at(0).feedback_count == 21


def test_undo_an_edit_puts_the_old_values_back(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.table.selectRow(0)
    old_title = page.model.row_at(0).title
    session_id = page.model.row_at(0).id
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle()
    editor = page.editor
    assert editor.title_box.text() == old_title  # every field comes back into the editor
    editor.title_box.clear()
    qtbot.keyClicks(editor.title_box, "Carers' forum (renamed)")
    editor.participants.setValue(99)
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    activate(qtbot, window)
    assert page.model.row_at(0).title == "Carers' forum (renamed)"

    window.undo_action.trigger()
    settle()
    with ctx.workspace.reading() as s:
        es = s.get(EngagementSession, session_id)
        assert (es.title, es.participant_count) == (old_title, page.model.row_at(0).participant_count)
    assert page.model.row_at(0).title == old_title


def test_deleting_a_session_can_be_undone(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.table.selectRow(0)
    gone = page.model.row_at(0).id
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.model.total == 19 and page.model.row_of(gone) == -1
    window.undo_action.trigger()
    settle()
    assert page.model.total == 20 and page.model.row_of(gone) == 0


def test_deleting_feedback_with_the_delete_key_can_be_undone(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(2)
    settle()
    page = window.feedback
    # The Delete key is a shortcut of the focused list: the window must be active and the
    # list focused, with the row selected, before the key is pressed.
    activate(qtbot, window)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    page.table.selectRow(0)
    gone = page.model.row_at(0).id
    qtbot.waitUntil(lambda: page.selected_ids() == [gone])
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    settle()
    assert _live_feedback(ctx) == 399 and page.model.row_of(gone) == -1
    window.undo_action.trigger()
    settle()
    assert _live_feedback(ctx) == 400 and page.model.row_of(gone) == 0


def test_undo_of_a_record_removed_meanwhile_says_so_plainly(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    page = _capture(qtbot, window, settle, "Said once, then removed elsewhere")
    with ctx.workspace.transaction() as s:  # meanwhile, the item disappears for good
        s.delete(s.exec(select(Feedback).where(Feedback.text == "Said once, then removed elsewhere")).one())
    window.undo_action.trigger()
    settle()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].text().startswith("Cannot undo capture feedback: the record has been changed or removed")
    boxes[0].close()
    assert not window.undo_action.isEnabled()
    assert page.model.row_at(0).feedback_count == 20


def test_undoing_a_capture_leaves_its_new_theme_to_the_item_another_laptop_tagged_with_it(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from coprod.services.engagement.capture import add_feedback

    page = _capture(qtbot, window, settle, "Minibus comes too early", themes="Minibus pick-ups")
    session_id = page.model.row_at(0).id
    with ctx.workspace.transaction() as s:  # meanwhile, a colleague's item uses the same theme
        add_feedback(session=s, session_id=session_id, text="Minibus never came", themes=["minibus pick-ups"])
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()

    window.nav.setCurrentRow(2)
    settle()
    feedback = window.feedback
    offered = [feedback.theme_filter.itemText(n) for n in range(feedback.theme_filter.count())]
    assert "Minibus pick-ups" in offered
    feedback.theme_filter.setCurrentIndex(offered.index("Minibus pick-ups"))
    settle()
    assert [feedback.model.row_at(n).text for n in range(feedback.model.rowCount())] == ["Minibus never came"]


COLLECTED_AFTER_UNDO_STEPS = """
import gc, sys, weakref
from sqlmodel import select
from coprod.domain.models import EngagementSession
from coprod.persistence.database import open_database
from coprod.services.engagement.capture import add_feedback
from coprod.ui.application import make_app
from coprod.ui.context import AppContext
from coprod.ui.operations.run import committed
app = make_app()
contexts = []
for n in range(2):  # a database opened, worked in and closed, then again
    database = open_database(sys.argv[1])
    ctx = AppContext.create(database)
    with database.reading() as s:
        first = s.exec(select(EngagementSession.id)).first()
    _, record = ctx.workspace.command(lambda s: add_feedback(session=s, session_id=first, text=f"Said {n}"))
    committed(ctx, record, undo="Capture feedback")
    assert ctx.undo_stack.count() == 1
    database.close()
    contexts.append(weakref.ref(ctx))
    del ctx
gc.collect()
print("collected" if not any(ref() for ref in contexts) else "kept")
"""


def test_a_closed_databases_undo_steps_are_collected_without_a_crash(demo_path: Path) -> None:
    """The undo stack owns its steps and the context owns the stack: a step holding its
    context made a cycle, and Python's collector, clearing it, had the stack delete steps
    already freed: the process crashed (a test run in one process ended with a crash once its
    tests had passed). Run in a process of its own, as a crash ends it."""
    done = subprocess.run(
        [sys.executable, "-c", COLLECTED_AFTER_UNDO_STEPS, str(demo_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"ended with {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.strip().endswith("collected")
