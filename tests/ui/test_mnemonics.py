"""Alt+letter in every window: each letter used once, and it reaches the control it labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenuBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle
from tests.ui.tour import close_dialog, dialog_params, open_dialog, pages, show_page

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _declared(window: QWidget) -> list[tuple[str, QObject, str]]:
    """(letter, the object Qt sends the Alt+letter to, the text) for everything on screen."""
    out: list[tuple[str, QObject, str]] = []

    def add(text: str, receiver: QObject) -> None:
        letter = _letter(text)
        if letter:
            out.append((letter, receiver, text))

    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(widget.text(), widget)
        elif isinstance(widget, QGroupBox):
            add(widget.title(), widget)
        elif isinstance(widget, QTabBar):
            for n in range(widget.count()):
                if widget.isTabVisible(n):
                    add(widget.tabText(n), widget)
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                add(action.text(), widget)
    return out


class ShortcutSpy(QObject):
    """Records where Qt sends a mnemonic and stops it there, so nothing is actually done."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[tuple[QObject, bool]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Shortcut:
            self.hits.append((watched, bool(event.isAmbiguous())))  # type: ignore[attr-defined]
            return not isinstance(watched, QLabel)  # a label only moves the focus: let it
        return False


def _check_window(qtbot: QtBot, window: QWidget, where: str) -> None:
    declared = _declared(window)
    by_letter: dict[str, list[str]] = {}
    for letter, _receiver, text in declared:
        by_letter.setdefault(letter, []).append(text)
    clashes = {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}
    assert not clashes, f"{where}: Alt letters used twice: {clashes}"

    for letter, receiver, text in declared:
        if isinstance(receiver, QLabel):
            buddy = receiver.buddy()
            assert buddy is not None, f"{where}: '{text}' has an Alt letter but no field to go to"
        if not receiver.isEnabled() or (isinstance(receiver, QLabel) and not receiver.buddy().isEnabled()):
            continue
        spy = ShortcutSpy()
        QApplication.instance().installEventFilter(spy)
        try:
            target = QApplication.focusWidget() or window
            qtbot.keyClick(target, letter, Qt.KeyboardModifier.AltModifier)
        finally:
            QApplication.instance().removeEventFilter(spy)
        assert spy.hits == [(receiver, False)], f"{where}: Alt+{letter.upper()} ('{text}') went to {spy.hits}"
        if isinstance(receiver, QLabel):
            buddy, focus = receiver.buddy(), QApplication.focusWidget()
            assert focus is buddy or buddy.isAncestorOf(focus), (
                f"{where}: Alt+{letter.upper()} ('{text}') put the cursor in {focus}, not in its field"
            )


def _check_names(window: QWidget, where: str) -> None:
    named = [
        w.accessibleName()
        for w in window.findChildren(QWidget)
        if w.isVisible() and "&" in w.accessibleName()
    ]
    assert not named, f"{where}: accessible names read out an '&': {named}"


def test_every_page_has_unique_alt_letters_that_work(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    for name, _page in pages(window, qtbot, settle):
        window.activateWindow()
        _check_window(qtbot, window, name)
        _check_names(window, name)


@pytest.mark.parametrize("name", dialog_params())
def test_every_dialog_has_unique_alt_letters_that_work(
    qtbot: QtBot, window: MainWindow, settle: Settle, name: str
) -> None:
    dialog = open_dialog(window, qtbot, settle, name)
    assert not isinstance(dialog, QMainWindow)
    _check_window(qtbot, dialog, name)
    _check_names(dialog, name)
    close_dialog(dialog, settle)


def test_the_review_meeting_keeps_its_letters_unique_whatever_the_decision(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    review = show_page(window, "review", settle)
    qtbot.mouseClick(review.start_button, Qt.MouseButton.LeftButton)
    settle()
    form = review.meeting.form
    qtbot.mouseClick(form.add_lesson, Qt.MouseButton.LeftButton)  # the lesson fields too
    for decision, button in form.buttons.items():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda button=button: button.isChecked())
        _check_window(qtbot, window, f"review meeting, {decision.value}")
