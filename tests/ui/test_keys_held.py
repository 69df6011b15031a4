"""Each GUI test starts with no key held down, whatever the test before it pressed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle, release_modifiers


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def test_after_a_ctrl_shift_key_click_a_selected_row_is_chosen_alone(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.nav.setCurrentRow(2)
    settle()
    page = window.feedback
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.nav, Qt.Key.Key_Z, ctrl_shift)
    # Qt now believes Shift is still held: a row selected now would extend a selection
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.ShiftModifier
    release_modifiers()  # what every GUI test's set-up does first
    page.table.selectRow(3)
    assert page.selected_ids() == [page.model.row_at(3).id]
