"""A new user on an empty database: the first steps, as buttons, and Help > Getting started."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coprod.ui.main_window import MainWindow
from tests.ui.accessibility import unnamed_widgets
from tests.ui.conftest import Settle


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_an_empty_database_opens_on_the_first_steps(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    assert window.pages.currentWidget() is window.welcome
    assert window.welcome.isVisible() and window.nav.currentRow() == -1
    assert QApplication.focusWidget() is window.welcome.buttons["strategies"]
    assert [b.accessibleName() for b in window.welcome.buttons.values()] == [
        "1. Add strategies",
        "2. Add owners",
        "3. Import an existing tracker",
        "4. Log a session",
    ]
    assert unnamed_widgets(window.welcome) == []
    assert _menu_texts(window, "Help") == ["Getting started", "About coprod"]

    qtbot.keyClick(window.welcome.buttons["strategies"], Qt.Key.Key_Space)
    settle()
    assert window.pages.currentWidget() is window.strategies
    assert window.nav.currentItem().text() == "Strategies"
    qtbot.waitUntil(lambda: window.strategies.editor.isVisible())
    window.strategies.editor.reject()


@pytest.mark.parametrize(("step", "page"), [("owners", "owners"), ("session", "sessions")])
def test_each_first_step_opens_its_form(
    qtbot: QtBot, window: MainWindow, settle: Settle, step: str, page: str
) -> None:
    qtbot.mouseClick(window.welcome.buttons[step], Qt.MouseButton.LeftButton)
    settle()
    shown = getattr(window, page)
    assert window.pages.currentWidget() is shown
    editor = shown.editor
    qtbot.waitUntil(editor.isVisible)
    if step == "session":
        assert QApplication.focusWidget() is editor.title_box
    editor.reject()


def test_import_is_a_first_step(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    qtbot.mouseClick(window.welcome.buttons["import"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.import_wizard.isVisible())
    window.import_wizard.reject()


def test_getting_started_is_in_help_whatever_the_database(
    qtbot: QtBot, demo_path: Path, window: MainWindow, settle: Settle
) -> None:
    window.nav.setCurrentRow(3)
    settle()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&Getting started").trigger()
    assert window.pages.currentWidget() is window.welcome
    window.nav.setCurrentRow(1)
    assert window.pages.currentWidget() is window.sessions


def test_a_database_with_records_opens_where_the_user_left_off(
    qtbot: QtBot, demo_path: Path, settle: Settle
) -> None:
    from coprod.persistence.database import open_database
    from coprod.ui.context import AppContext
    from tests.conftest import AS_OF

    db = open_database(demo_path)
    ctx = AppContext.create(db, as_of=AS_OF)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: ctx.runner.pending == 0)
    qtbot.wait(50)
    assert win.pages.currentWidget() is win.sessions
    ctx.runner.wait()
    db.close()
