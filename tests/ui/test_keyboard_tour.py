"""Tab goes round every page and dialog and comes back: no control keeps the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle
from tests.ui.tour import close_dialog, dialog_params, open_dialog, pages

MOST_PRESSES = 150


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    return f"{type(widget).__name__} '{widget.accessibleName()}'"


def _tab_round(qtbot: QtBot, start: QWidget, within: QWidget) -> list[str]:
    """Press Tab from `start` until focus is back on it; return the controls visited."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    visited: list[str] = []
    for _ in range(MOST_PRESSES):
        before = QApplication.focusWidget()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and now is not before, f"Tab stayed on {_describe(before)} after {visited}"
        assert within.isAncestorOf(now) or now is within, f"Tab left for {_describe(now)}"
        if now is start:
            return visited
        visited.append(_describe(now))
    raise AssertionError(f"Tab never came back to {_describe(start)}: {visited}")


def test_tab_goes_round_every_page(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    for name, page in pages(window, qtbot, settle):
        visited = _tab_round(qtbot, window.nav, window)
        assert visited, name
        assert _names_on(page) & set(visited), f"Tab never reached the {name} page"


def _names_on(page: QWidget) -> set[str]:
    return {_describe(w) for w in page.findChildren(QWidget) if w.isVisible()}


@pytest.mark.parametrize("name", dialog_params())
def test_tab_goes_round_every_dialog(qtbot: QtBot, window: MainWindow, settle: Settle, name: str) -> None:
    dialog = open_dialog(window, qtbot, settle, name)
    start = QApplication.focusWidget()
    assert start is not None and dialog.isAncestorOf(start), f"{name} opened without focus inside it"
    _tab_round(qtbot, start, dialog)
    close_dialog(dialog, settle)
