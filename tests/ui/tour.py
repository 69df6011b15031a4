"""A walk through every page, view and dialog of the main window, as a user would open them.

Used by the tests that must hold everywhere: sizes that fit a laptop screen, Tab coming back
round, Alt letters that are unique and do what they say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from coprod.i18n import tr
from coprod.ui.main_window import PAGE_KEYS, MainWindow
from coprod.ui.views.recommendation_filters import OPEN
from tests.ui.conftest import Settle

Opener = Callable[[MainWindow, QtBot], None]


def show_page(window: MainWindow, key: str, settle: Settle) -> QWidget:
    window.nav.setCurrentRow(PAGE_KEYS.index(key))
    settle()
    return window.pages.currentWidget()


def pages(window: MainWindow, qtbot: QtBot, settle: Settle) -> Iterator[tuple[str, QWidget]]:
    """Every page, then the review meeting and its summary (views inside the Review page)."""
    for key in PAGE_KEYS:
        yield key, show_page(window, key, settle)
    review = show_page(window, "review", settle)
    if review.model.rowCount():
        qtbot.mouseClick(review.start_button, Qt.MouseButton.LeftButton)
        settle()
        yield "review meeting", review.meeting


def _click(attribute: str, button: str, *, select: bool = False) -> Opener:
    def open_it(window: MainWindow, qtbot: QtBot) -> None:
        page = getattr(window, attribute)
        if attribute == "recommendations":  # open ones: a closed one cannot be moved on
            page.filters.status.setCurrentIndex(page.filters.status.findData(OPEN))
            qtbot.waitUntil(lambda: page.model.rowCount() > 0 and window.ctx.runner.pending == 0)
        if select:
            page.table.selectRow(0)
        holder, _, key = button.partition(".")
        widget = getattr(page, holder)[key] if key else getattr(page, holder)
        qtbot.waitUntil(widget.isEnabled)
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    return open_it


def _shortcut(keys: str) -> Opener:
    def open_it(window: MainWindow, qtbot: QtBot) -> None:
        for action in window.findChildren(type(window.undo_action)):
            if action.shortcut().toString() == keys:
                action.trigger()
                return
        raise AssertionError(f"no action on {keys}")

    return open_it


def _menu(text: str) -> Opener:
    def open_it(window: MainWindow, qtbot: QtBot) -> None:
        for action in window.findChildren(type(window.undo_action)):
            if action.text() == text:
                action.trigger()
                return
        raise AssertionError(f"no menu item {text}")

    return open_it


# (name, page shown first, how the user opens it)
DIALOGS: list[tuple[str, str, Opener]] = [
    ("new session", "sessions", _click("sessions", "new_button")),
    ("edit session", "sessions", _click("sessions", "edit_button", select=True)),
    ("close the loop", "sessions", _click("sessions", "loop_button", select=True)),
    ("new recommendation", "feedback", _click("feedback", "create_button", select=True)),
    ("add update", "recommendations", _click("recommendations", "buttons.update", select=True)),
    ("change status", "recommendations", _click("recommendations", "buttons.status", select=True)),
    ("revise target", "recommendations", _click("recommendations", "buttons.target", select=True)),
    ("reassign owner", "recommendations", _click("recommendations", "buttons.owner", select=True)),
    ("edit details", "recommendations", _click("recommendations", "buttons.details", select=True)),
    ("new strategy", "strategies", _click("strategies", "new_button")),
    ("edit strategy", "strategies", _click("strategies", "edit_button", select=True)),
    ("new owner", "owners", _click("owners", "new_button")),
    ("edit owner", "owners", _click("owners", "edit_button", select=True)),
    ("preferences", "dashboard", _shortcut("Ctrl+,")),
    ("import", "dashboard", _shortcut("Ctrl+I")),
    ("audit log", "dashboard", _shortcut("Ctrl+Shift+L")),
    ("restore", "dashboard", _menu(tr("menu.restore"))),
]


def open_dialog(window: MainWindow, qtbot: QtBot, settle: Settle, name: str) -> QDialog:
    """Open the named dialog the way a user would and return it once it is on screen."""
    _name, page, opener = next(d for d in DIALOGS if d[0] == name)
    show_page(window, page, settle)
    opener(window, qtbot)
    settle()
    shown: list[QDialog] = []

    def found() -> bool:
        shown[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        return bool(shown)

    qtbot.waitUntil(found, timeout=5000)
    dialog = shown[0]
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def close_dialog(dialog: QDialog, settle: Settle) -> None:
    dialog.reject()
    settle()


# Dialogs about the database file itself: a team server has no file to restore.
FILE_ONLY = {"restore"}


def dialog_params() -> list[object]:
    """The dialogs' names for `parametrize`, the file-only ones left out of the server run."""
    return [pytest.param(d[0], marks=pytest.mark.sqlite_only) if d[0] in FILE_ONLY else d[0] for d in DIALOGS]
