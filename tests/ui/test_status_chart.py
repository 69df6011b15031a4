"""Status by strategy is readable without colour: each status has its own fill pattern."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCharts import QStackedBarSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coprod.domain.enums import Status
from coprod.i18n import label
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def test_each_status_has_its_own_pattern_in_the_bars_and_the_legend(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.nav.setCurrentRow(0)
    settle()
    qtbot.waitUntil(lambda: window.dashboard.head is not None)
    chart = window.dashboard.panels["status"].view.chart()
    series = next(s for s in chart.series() if isinstance(s, QStackedBarSeries))
    patterns = {bar.label(): bar.brush().style() for bar in series.barSets()}
    assert set(patterns) == {label(s) for s in Status}
    assert len(set(patterns.values())) == len(Status)  # no two statuses look alike in grey
    assert Qt.BrushStyle.NoBrush not in patterns.values()
    markers = chart.legend().markers(series)
    assert {m.label(): m.brush().style() for m in markers} == patterns
