"""The lazy table models: consistent for Qt's model tester, spoken for screen readers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coprod.services.engagement import feedback_view as feedback
from coprod.services.engagement import owners_view as owners
from coprod.services.engagement import sessions_view as sessions
from coprod.services.engagement import strategies_view as strategies
from coprod.ui.context import AppContext
from coprod.ui.models.base import Column
from coprod.ui.models.feedback import FeedbackModel
from coprod.ui.models.owners import OwnersModel
from coprod.ui.models.rows import ROW_ROLE, RowsModel
from coprod.ui.models.sessions import SessionsModel
from coprod.ui.models.strategies import StrategiesModel
from coprod.ui.models.table import PAGE, LazyTableModel
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


CASES = [
    (SessionsModel, lambda s: sessions.session_ids(session=s), 20),
    (FeedbackModel, lambda s: feedback.feedback_ids(session=s), 400),
    (StrategiesModel, lambda s: strategies.strategy_ids(session=s), 6),
    (OwnersModel, lambda s: owners.owner_ids(session=s), 18),
]


@pytest.mark.parametrize(("model_cls", "ids", "total"), CASES, ids=[c[0].__name__ for c in CASES])
def test_model_passes_the_model_tester_and_speaks_each_cell(
    qtmodeltester: object,
    ctx: AppContext,
    settle: Settle,
    model_cls: type[LazyTableModel],
    ids: object,
    total: int,
) -> None:
    model = model_cls(ctx)
    model.load(ids)  # type: ignore[arg-type]
    settle()
    assert model.total == total
    assert model.rowCount() == min(total, PAGE)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    for column in range(model.columnCount()):
        spoken = model.index(0, column).data(Qt.ItemDataRole.AccessibleTextRole)
        header = model.headerData(column, Qt.Orientation.Horizontal)
        assert spoken.startswith(f"{header}: ")
        assert spoken != f"{header}: "


def test_rows_arrive_a_page_at_a_time_as_the_view_asks(qtbot: QtBot, ctx: AppContext, settle: Settle) -> None:
    model = FeedbackModel(ctx)
    model.load(lambda s: feedback.feedback_ids(session=s))
    settle()
    assert model.rowCount() == PAGE and model.canFetchMore()
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore()
    assert model.rowCount() == 400 and not model.canFetchMore()
    assert len({model.id_at(n) for n in range(400)}) == 400


def test_a_newer_filter_wins_over_an_older_one_still_running(ctx: AppContext, settle: Settle) -> None:
    model = SessionsModel(ctx)
    model.load(lambda s: sessions.session_ids(session=s))
    model.load(lambda s: sessions.session_ids(session=s, loop=sessions.LoopFilter.OPEN))
    settle()
    assert 0 < model.total < 20
    assert all(not model.row_at(n).loop_closed for n in range(model.rowCount()))


def test_figures_line_up_on_the_right_and_a_row_says_what_it_stands_for() -> None:
    rows = [("Carers", 12), ("Transport", 3)]
    model = RowsModel(
        [Column("Theme", lambda r: r[0]), Column("Items", lambda r: str(r[1]), align_right=True)]
    )
    model.set_rows(rows)
    vertical_centre = Qt.AlignmentFlag.AlignVCenter
    assert model.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignLeft | vertical_centre
    )
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | vertical_centre
    )
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "3"
    assert model.index(1, 1).data(ROW_ROLE) == ("Transport", 3)
    assert model.index(1, 1).data(Qt.ItemDataRole.FontRole) is None  # left to the style
    assert model.index(2, 0).data() is None  # past the last row
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Items"
    assert model.headerData(1, Qt.Orientation.Vertical) == 2
