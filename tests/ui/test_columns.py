"""Columns at a laptop's width: the lag and the text people read first, headers whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from coprod.ui.columns import header_width
from coprod.ui.main_window import MainWindow
from coprod.ui.models.recommendation_rows import RecColumn
from tests.ui.conftest import Settle
from tests.ui.tour import show_page

LAPTOP = (1366, 728)


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _shown_whole(table: QTableView, section: int) -> bool:
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(section)
    return left >= 0 and left + header.sectionSize(section) <= table.viewport().width()


def test_the_lag_columns_are_in_view_at_1366_without_scrolling(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.resize(*LAPTOP)
    page = show_page(window, "recommendations", settle)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    table = page.table
    c = RecColumn
    for section in (c.REFERENCE, c.TITLE, c.LAG, c.SINCE_UPDATE, c.TARGET):
        assert _shown_whole(table, section), table.model().headerData(section, Qt.Orientation.Horizontal)
    # The title gives way first: elided in the cell, whole in its tooltip.
    index = page.model.index(0, RecColumn.TITLE)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == page.model.data(index)


@pytest.mark.parametrize("key", ["sessions", "feedback", "recommendations", "strategies", "owners"])
def test_no_header_is_cut_short(qtbot: QtBot, window: MainWindow, settle: Settle, key: str) -> None:
    window.resize(*LAPTOP)
    table = show_page(window, key, settle).table
    header = table.horizontalHeader()
    for section in range(header.count()):
        text = table.model().headerData(section, Qt.Orientation.Horizontal)
        assert header.sectionSize(section) >= header_width(table, section) - 1, text


@pytest.mark.parametrize(("key", "reading"), [("strategies", 0), ("owners", 0), ("feedback", 1)])
def test_the_text_people_read_gets_the_room_not_the_last_column(
    qtbot: QtBot, window: MainWindow, settle: Settle, key: str, reading: int
) -> None:
    window.resize(*LAPTOP)
    page = show_page(window, key, settle)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    table, header = page.table, page.table.horizontalHeader()
    last = header.logicalIndex(header.count() - 1)
    widest = max(
        table.fontMetrics().horizontalAdvance(page.model.data(page.model.index(row, reading)))
        for row in range(page.model.rowCount())
    )
    if key != "feedback":  # names fit whole; what was said is long and gets the most room
        assert header.sectionSize(reading) >= widest
    assert header.sectionSize(reading) == max(header.sectionSize(s) for s in range(header.count()))
    assert header.sectionSize(last) <= max(header_width(table, last), table.sizeHintForColumn(last)) * 2


@pytest.mark.parametrize("key", ["sessions", "feedback", "recommendations", "strategies", "owners"])
def test_a_header_dragged_narrow_still_shows_its_whole_text_as_a_tooltip(
    qtbot: QtBot, window: MainWindow, settle: Settle, key: str
) -> None:
    table = show_page(window, key, settle).table
    model = table.model()
    for section in range(model.columnCount()):
        text = model.headerData(section, Qt.Orientation.Horizontal)
        assert model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == text
