"""The keyboard focus can be seen on every control: a ring at least 2 px wide, 3:1 contrast."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from coprod.ui.focus_ring import contrast
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle
from tests.ui.tour import close_dialog, open_dialog, show_page

RING_WIDTH = 2
MOST_PRESSES = 60


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _framed(widget: QWidget) -> QWidget:
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
        return parent
    return widget


def _ring_pixels(image: QImage, window: QWidget, widget: QWidget) -> list[QColor]:
    """The pixels just outside the focused control, across the width a ring must have."""
    shown = _framed(widget)
    top_left = shown.mapTo(window, QPoint(0, 0))
    middle = top_left.y() + shown.height() // 2
    if top_left.x() >= RING_WIDTH + 2:
        xs = [top_left.x() - 2 - n for n in range(RING_WIDTH)]
    else:
        right = top_left.x() + shown.width()
        xs = [right + 1 + n for n in range(RING_WIDTH)]
    return [image.pixelColor(x, middle) for x in xs]


def _check_every_stop(qtbot: QtBot, window: QWidget, where: str) -> int:
    background = window.palette().color(QPalette.ColorRole.Window)
    start = QApplication.focusWidget()
    assert start is not None
    checked = 0
    for _ in range(MOST_PRESSES):
        widget = QApplication.focusWidget()
        qtbot.wait(1)  # what the focus change set in motion (a scroll into view) is drawn
        image = window.grab().toImage()
        for colour in _ring_pixels(image, window, widget):
            ratio = contrast(colour, background)
            assert ratio >= 3, (
                f"{where}: focus on {type(widget).__name__} '{widget.accessibleName()}' "
                f"is marked in {colour.name()}, {ratio:.1f}:1 against the window"
            )
        checked += 1
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            break
    return checked


@pytest.mark.parametrize("key", ["feedback", "recommendations", "reports"])
def test_every_control_on_a_page_shows_a_thick_ring_when_focused(
    qtbot: QtBot, window: MainWindow, settle: Settle, key: str
) -> None:
    show_page(window, key, settle)
    window.nav.setFocus(Qt.FocusReason.TabFocusReason)
    assert _check_every_stop(qtbot, window, key) > 5


def test_every_control_in_a_dialog_shows_a_thick_ring_when_focused(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    dialog = open_dialog(window, qtbot, settle, "new session")
    assert _check_every_stop(qtbot, dialog, "new session") > 10
    close_dialog(dialog, settle)
