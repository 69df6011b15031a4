"""The dashboard's risk heat map: counts per cell in words, a table alternative, and a click
that lists the risks in the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coprod.ui.main_window import MainWindow
from tests.ui.accessibility import unnamed_widgets
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _open_heat_map(qtbot: QtBot, window: MainWindow, settle: Settle):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    settle()
    tabs = window.dashboard.tabs
    index = tabs.indexOf(window.dashboard.risk_map)
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    heat = window.dashboard.risk_map
    qtbot.waitUntil(lambda: sum(heat.cells.values()) == 15, timeout=10000)
    return heat


def test_cells_show_count_band_and_score_in_words(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    heat = _open_heat_map(qtbot, window, settle)
    four_four = heat.buttons[(4, 4)]
    count = heat.cells[(4, 4)]
    assert count >= 1
    assert four_four.text() == f"{count}\nHigh 16"
    assert four_four.accessibleName() == f"Likelihood 4, impact 4: {count} risks, score 16, High"
    assert heat.buttons[(1, 1)].text() == "0\nLow 1"
    assert "15 open risks" in heat.summary.text()
    assert unnamed_widgets(heat) == []


def test_the_table_alternative_holds_the_same_figures(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    heat = _open_heat_map(qtbot, window, settle)
    heat.as_table.setFocus()
    qtbot.keyClick(heat.as_table, Qt.Key.Key_Space)
    qtbot.waitUntil(heat.table.isVisible, timeout=2000)
    assert heat.model.rowCount() == 5
    assert heat.model.index(0, 0).data() == "5"  # likelihood 5 at the top, as on the grid
    assert heat.model.index(1, 4).data() == f"{heat.cells[(4, 4)]} (High 16)"


def test_choosing_a_cell_lists_its_risks(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    heat = _open_heat_map(qtbot, window, settle)
    count = heat.cells[(4, 4)]
    qtbot.mouseClick(heat.buttons[(4, 4)], Qt.MouseButton.LeftButton)
    settle()
    page = window.risks
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.rowCount() == count, timeout=10000)
    assert {page.model.row_at(r).current for r in range(count)} == {(4, 4)}
    assert page.cell_label.text() == "Only likelihood 4, impact 4."
    qtbot.mouseClick(page.clear_cell, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 15, timeout=5000)
