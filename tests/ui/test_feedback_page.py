"""Finding what residents said and turning three items into a tracked recommendation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Recommendation, RecommendationFeedback
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _open_feedback(window: MainWindow, settle: Settle) -> None:
    window.nav.setCurrentRow(2)
    settle()


def _search(qtbot: QtBot, window: MainWindow, settle: Settle, words: str) -> None:
    page = window.feedback
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, words)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    settle()


def test_search_finds_every_item_with_the_words_and_only_those(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    _open_feedback(window, settle)
    page = window.feedback
    everything = page.model.total
    assert everything == 400
    _search(qtbot, window, settle, "occupational therapist")
    found = page.model.total
    assert 0 < found < everything
    while page.model.canFetchMore():
        page.model.fetchMore()
        settle()
    texts = [page.model.row_at(n).text.lower() for n in range(page.model.rowCount())]
    assert all("occupational" in t and "therapist" in t for t in texts)
    assert f"{found}" in page.count_label.text()


def test_filters_narrow_the_list(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    _open_feedback(window, settle)
    page = window.feedback
    everything = page.model.total
    page.not_linked.click()
    settle()
    not_linked = page.model.total
    assert 0 < not_linked < everything
    assert all(page.model.row_at(n).linked == 0 for n in range(page.model.rowCount()))
    page.not_linked.click()
    page.theme_filter.setCurrentIndex(1)
    settle()
    theme = page.theme_filter.currentText()
    assert 0 < page.model.total < everything
    assert all(theme in page.model.row_at(n).themes for n in range(page.model.rowCount()))
    page.theme_filter.setCurrentIndex(0)
    page.session_filter.setCurrentIndex(1)
    settle()
    assert page.model.total == 20


def test_create_a_recommendation_from_three_selected_items(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    _open_feedback(window, settle)
    page = window.feedback
    page.not_linked.click()
    settle()
    picked = [page.model.row_at(n) for n in (0, 1, 3)]
    selection = page.table.selectionModel()
    for n in (0, 1, 3):
        selection.select(
            page.model.index(n, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    settle()
    dialog = page.dialog
    assert dialog.said.count() == 3
    assert dialog.source.currentData() == picked[0].session_id  # pre-filled from the feedback
    qtbot.keyClicks(dialog.title_box, "Run the day centre minibus on a timetable")
    assert dialog.reference.text() == "R-0041"  # the next free one, which the officer may change
    dialog.reference.selectAll()
    qtbot.keyClicks(dialog.reference, "R-900")
    dialog.strategy.setCurrentIndex(1)
    dialog.owner.setCurrentIndex(2)
    strategy_id, owner_id = dialog.strategy.currentData(), dialog.owner.currentData()
    assert dialog.target.check.isChecked()  # the team's default target is offered
    target = dialog.target.value()
    assert target == ctx.as_of + timedelta(days=90)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert not dialog.isVisible()

    with ctx.workspace.reading() as s:
        rec = s.exec(select(Recommendation).where(Recommendation.reference == "R-900")).one()
        assert rec.title == "Run the day centre minibus on a timetable"
        assert (rec.strategy_id, rec.owner_id, rec.target_date) == (strategy_id, owner_id, target)
        assert rec.source_session_id == picked[0].session_id
        linked = set(
            s.exec(
                select(RecommendationFeedback.feedback_id).where(
                    RecommendationFeedback.recommendation_id == rec.id
                )
            )
        )
        assert linked == {p.id for p in picked}
    # The list follows: the three items are linked now, so "not yet linked" drops them.
    shown = {page.model.row_at(n).id for n in range(page.model.rowCount())}
    assert not shown & {p.id for p in picked}

    window.undo_action.trigger()  # the recommendation goes, and the feedback is unlinked again
    settle()
    with ctx.workspace.reading() as s:
        assert s.get(Recommendation, rec.id).deleted_at is not None
    shown = {page.model.row_at(n).id for n in range(page.model.rowCount())}
    assert {p.id for p in picked} <= shown


def test_a_rule_violation_shows_its_message_and_saves_nothing(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    _open_feedback(window, settle)
    page = window.feedback
    page.table.selectRow(0)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    settle()
    dialog = page.dialog
    qtbot.keyClicks(dialog.title_box, "Sooner assessments")
    dialog.target.edit.setDate(dialog.raised_on.date().addDays(-30))  # before it was raised
    with ctx.workspace.reading() as s:
        before = len(s.exec(select(Recommendation)).all())
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert dialog.isVisible()
    assert "before the date it was raised" in dialog.error.text()
    with ctx.workspace.reading() as s:
        assert len(s.exec(select(Recommendation)).all()) == before


@pytest.fixture
def long_window(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The window on a file with 2,500 feedback items (the list fetches them 200 at a time)."""
    from datetime import date

    from coprod.domain.models import Feedback
    from coprod.domain.types import utcnow
    from coprod.persistence.database import open_database
    from coprod.services.engagement import capture as engagement
    from tests.conftest import AS_OF

    db = open_database(tmp_path / "long.db")
    with db.transaction() as s:
        sid = engagement.create_session(session=s, title="Big survey", held_on=date(2026, 6, 1))
        s.flush()
        # The rows `add_feedback` makes, saved in one flush rather than one each (seconds saved).
        s.add_all(
            Feedback(session_id=sid, text=f"Answer number {n:05d}", recorded_at=utcnow()) for n in range(2500)
        )
    ctx = AppContext.create(db, as_of=AS_OF)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(2)
    qtbot.waitUntil(lambda: window.feedback.model.total == 2500, timeout=20000)
    yield window
    ctx.runner.wait()
    db.close()


def test_ctrl_end_reaches_the_last_item_of_a_long_list(qtbot: QtBot, long_window: MainWindow) -> None:
    page = long_window.feedback
    assert page.model.rowCount() < 2500
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == 2499, timeout=20000)
    qtbot.waitUntil(lambda: long_window.ctx.runner.pending == 0, timeout=10000)
    assert page.model.rowCount() == 2500
    texts = {page.model.row_at(n).text for n in range(2500)}
    assert len(texts) == 2500  # every item once, none twice
    assert page.selected_rows() == [2499]
    assert page.current_row().id == page.model.id_at(2499)


def test_a_row_chosen_while_the_list_reloads_stays_chosen(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    """A reload already on its way (a change elsewhere, a filter just set) must not take away
    the row the officer clicked before it arrived."""
    _open_feedback(window, settle)
    page = window.feedback
    page.refresh()  # the reload is read on the worker; its rows arrive through the event loop
    qtbot.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.table.visualRect(page.model.index(2, 0)).center(),
    )
    chosen = page.model.row_at(2).id
    assert page.selected_ids() == [chosen]
    settle()
    assert page.selected_ids() == [chosen]
