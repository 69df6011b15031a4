"""Quick capture from the keyboard alone, as a meeting clerk types: item, Tab, theme, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import EngagementSession, Feedback, FeedbackTheme, Theme
from coprod.services.engagement.capture import create_session, theme_ids
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.conftest import AS_OF
from tests.ui.conftest import Settle


def _receiver() -> QWidget:
    """Where the keyboard goes now: an open suggestion list takes it, as on a real desktop."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    for char in text:
        qtbot.keyClicks(_receiver(), char)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(_receiver(), key)


def open_capture(qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle) -> None:
    with ctx.workspace.transaction() as s:
        create_session(session=s, title="Carers' forum", held_on=AS_OF)
        theme_ids(session=s, names=["Transport", "Housing"])
    window.sessions.refresh()
    settle()
    window.nav.setCurrentRow(1)
    window.sessions.table.selectRow(0)
    settle()
    qtbot.mouseClick(window.sessions.capture.text_box, Qt.MouseButton.LeftButton)


def test_enter_after_a_suggested_theme_saves_the_item_and_the_next_goes_to_you_said(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    open_capture(qtbot, window, ctx, settle)
    pane = window.sessions.capture

    type_text(qtbot, "The bus never comes on time")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Transport")
    assert pane.themes_box.completer().popup().isVisible()  # "Transport" is offered
    press(qtbot, Qt.Key.Key_Return)
    assert pane.text_box.hasFocus() and pane.text_box.text() == ""
    assert pane.themes_box.text() == ""
    type_text(qtbot, "Staff were kind and listened")
    press(qtbot, Qt.Key.Key_Return)
    settle()

    with ctx.workspace.reading() as s:
        themes = {
            f.text: sorted(
                s.get(Theme, ft.theme_id).name
                for ft in s.exec(select(FeedbackTheme).where(FeedbackTheme.feedback_id == f.id))
            )
            for f in s.exec(select(Feedback))
        }
        names = sorted(s.exec(select(Theme.name)))
        assert s.exec(select(EngagementSession)).one()
    assert themes == {"The bus never comes on time": ["Transport"], "Staff were kind and listened": []}
    assert names == ["Housing", "Transport"]  # nothing merged into a new theme
    assert pane.text_box.hasFocus() and pane.text_box.text() == ""
