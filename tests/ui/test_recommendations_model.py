"""The recommendations table model over the scale-1 demo database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from coprod.domain.enums import Rag, Status
from coprod.i18n import label
from coprod.persistence.database import open_database
from coprod.ui.context import AppContext
from coprod.ui.models.recommendation_rows import SORT_KEYS, RecColumn, RowFilter
from coprod.ui.models.recommendations import BATCH, RecommendationsModel
from tests.conftest import AS_OF
from tests.engines import copy_database


@pytest.fixture
def demo_ctx(demo_db_file: Path, tmp_path: Path, qapp: object) -> Iterator[AppContext]:
    path = tmp_path / "demo.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    db = open_database(path)
    ctx = AppContext.create(db, as_of=AS_OF)
    yield ctx
    ctx.runner.wait()
    db.close()


@pytest.fixture
def model(qtbot, demo_ctx: AppContext) -> RecommendationsModel:
    m = RecommendationsModel(demo_ctx)
    with qtbot.waitSignal(m.sig_loaded, timeout=10000):
        m.reload()
    return m


def _column(model: RecommendationsModel, column: int) -> list[str]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, model: RecommendationsModel) -> None:
    assert model.total > 0
    qtmodeltester.check(model, force_py=True)


def test_rows_arrive_in_batches(model: RecommendationsModel) -> None:
    assert model.rowCount() == min(BATCH, model.total)
    _column(model, RecColumn.TITLE)
    assert model.rowCount() == model.total


def test_rag_shows_an_icon_and_a_word_and_cells_read_aloud(model: RecommendationsModel) -> None:
    index = model.index(0, RecColumn.RAG)
    assert index.data() in {label(r) for r in Rag}
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == f"RAG: {index.data()}"
    assert model.headerData(RecColumn.LAG, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)


def test_filter_by_status_and_overdue(qtbot, model: RecommendationsModel) -> None:
    with qtbot.waitSignal(model.sig_loaded):
        model.set_filter(RowFilter(status=Status.IN_PROGRESS))
    statuses = set(_column(model, RecColumn.STATUS))
    assert statuses == {"In progress"} and 0 < model.matching < model.total
    with qtbot.waitSignal(model.sig_loaded):
        model.set_filter(RowFilter(overdue=True))
    assert model.matching > 0
    assert all(model.lag_for(model.id_at(r)).overdue for r in range(model.rowCount()))


def test_text_search_matches_every_word(qtbot, model: RecommendationsModel) -> None:
    title = model.index(0, RecColumn.TITLE).data()
    word = max(title.split(), key=len)
    with qtbot.waitSignal(model.sig_loaded):
        model.set_filter(RowFilter(text=word.upper()))
    titles = _column(model, RecColumn.TITLE)
    assert title in titles and model.matching < model.total


@pytest.mark.parametrize("column", range(RecColumn.COUNT))
def test_every_column_sorts_both_ways(qtbot, model: RecommendationsModel, column: int) -> None:
    key = SORT_KEYS[column]
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        if (column, order) != (RecColumn.REFERENCE, Qt.SortOrder.AscendingOrder):  # already so
            with qtbot.waitSignal(model.sig_loaded):
                model.sort(column, order)
        keys = [key(model.lag_for(model.id_at(r))) for r in range(len(_column(model, 0)))]
        assert len(keys) == model.total
        filled = [k for k in keys if not (isinstance(k, tuple) and k[0] is True)]
        wanted = sorted(filled, reverse=order == Qt.SortOrder.DescendingOrder)
        assert keys[: len(filled)] == wanted and len(set(map(repr, keys))) > 1


def test_lag_sorts_worst_first_with_empty_values_last(qtbot, model: RecommendationsModel) -> None:
    with qtbot.waitSignal(model.sig_loaded):
        model.sort(RecColumn.LAG, Qt.SortOrder.DescendingOrder)
    lags = [model.lag_for(model.id_at(r)).lag_days for r in range(len(_column(model, 0)))]
    filled = [v for v in lags if v is not None]
    assert filled == sorted(filled, reverse=True)
    assert lags[: len(filled)] == filled  # no gaps before the last number


def test_any_open_status_filter_and_opening_one_recommendation(qtbot, demo_ctx: AppContext) -> None:
    from coprod.ui.views.recommendations import RecommendationsPage

    page = RecommendationsPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 40, timeout=10000)
    combo = page.filters.status
    combo.setFocus()
    combo.setCurrentIndex(combo.findText("Any open status"))

    def shown() -> list:
        return [page.model.lag_for(page.model.id_at(r)) for r in range(page.model.rowCount())]

    qtbot.waitUntil(lambda: page.model.row_filter.open_only and all(x.is_open for x in shown()))
    assert shown()
    from coprod.services.figures.lag import recommendation_lags

    with demo_ctx.workspace.reading() as session:
        every = recommendation_lags(session=session, as_of=AS_OF)
    assert page.model.matching == sum(1 for x in every if x.is_open)
    done = next(x for x in every if x.status is Status.IMPLEMENTED)
    page.open_recommendation(done.id)
    qtbot.waitUntil(lambda: page.current_id() == done.id, timeout=5000)
    assert combo.currentText() == "Any" and not page.model.row_filter.open_only
    qtbot.waitUntil(lambda: done.title in page.detail_view.toPlainText())


def test_numbers_line_up_on_the_right_and_words_on_the_left(model: RecommendationsModel) -> None:
    def alignment(column: int) -> object:
        return model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole)

    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert alignment(RecColumn.LAG) == alignment(RecColumn.SINCE_UPDATE) == right
    assert alignment(RecColumn.TITLE) is None  # the style's own: left, read from the start
    assert model.index(0, RecColumn.TITLE).data(Qt.ItemDataRole.DecorationRole) is None  # the RAG's only
    assert model.index(0, RecColumn.TITLE).data(Qt.ItemDataRole.UserRole) == str(model.id_at(0))
