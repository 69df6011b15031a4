"""Every control a user can operate has a name a screen reader can say."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coprod.ui.main_window import MainWindow
from tests.ui.accessibility import unnamed_widgets as unnamed
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def test_no_interactive_widget_without_an_accessible_name(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    for n in range(window.nav.count()):
        window.nav.setCurrentRow(n)
        settle()
    window.sessions.table.selectRow(0)
    window.feedback.table.selectRow(0)
    window.owners.table.selectRow(0)
    window.strategies.table.selectRow(0)
    settle()
    dialogs: list[QWidget] = []
    for page, button, attribute in (
        (window.sessions, window.sessions.new_button, "editor"),
        (window.sessions, window.sessions.loop_button, "loop_dialog"),
        (window.feedback, window.feedback.create_button, "dialog"),
        (window.strategies, window.strategies.edit_button, "editor"),
        (window.owners, window.owners.edit_button, "editor"),
        (window.owners, window.owners.active_button, "dialog"),
    ):
        window.pages.setCurrentWidget(page)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        dialog = getattr(page, attribute)
        dialogs.append(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.reject()
    window.preferences()
    settle()
    assert unnamed(window.prefs) == []
    window.prefs.reject()
    # The File and Tools menus' own windows.
    window.import_tracker()
    window.restore_backup()
    window.show_audit_log()
    settle()
    for dialog in (window.import_wizard, window.restore_dialog, window.audit_dialog):
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.reject()
    assert unnamed(window) == []
    assert len(dialogs) == 6


def test_tab_follows_the_layout_of_the_sessions_page(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.table.selectRow(0)
    settle()
    page.new_button.setFocus()
    seen = [page.new_button]
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    capture = page.capture
    expected = [
        page.new_button,
        page.edit_button,
        page.loop_button,
        page.delete_button,
        page.search_box,
        page.loop_filter,
        page.table,
        capture.text_box,
        capture.themes_box,
        capture.participant_box,
        capture.verbatim,
        capture.save_button,
        capture.recent,
    ]
    assert seen == expected
