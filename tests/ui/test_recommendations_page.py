"""The Recommendations page, driven through its widgets as an engagement officer would."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.models import Recommendation, RecommendationUpdate, StatusChange
from coprod.persistence.database import Database
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.changes import Changes
from coprod.ui.combo import combo_index
from coprod.ui.context import AppContext
from coprod.ui.dialogs.recommendation_base import RecommendationDialog
from coprod.ui.models.recommendation_rows import RecColumn
from coprod.ui.views.recommendations import RecommendationsPage
from tests.engines import ServerDatabases
from tests.prebuilt import Built, build_once, copy_into


def _seed(ctx: AppContext) -> uuid.UUID:
    """A session with three things residents said, and a recommendation made from them."""
    return _fill(ctx.workspace.database)


def _fill(db: Database) -> uuid.UUID:
    with db.transaction() as s:
        engagement.create_owner(session=s, name="Sam Patel")
        engagement.create_strategy(session=s, name="Carers strategy")
        sid = engagement.create_session(session=s, title="Carers' forum", held_on=date(2026, 5, 5))
        s.flush()
        fids = [
            engagement.add_feedback(session=s, session_id=sid, text=t, themes=["Respite"])
            for t in ("No respite at weekends", "Cover ends at 6pm", "Nobody told us about sitters")
        ]
        s.flush()
        return recs.create_recommendation(
            session=s,
            title="Expand weekend respite",
            raised_on=date(2026, 5, 10),
            source_session_id=sid,
            feedback_ids=fids,
        )


@pytest.fixture(scope="session")
def seeded_file(
    tmp_path_factory: pytest.TempPathFactory, _server_databases: ServerDatabases | None
) -> Iterator[Built[uuid.UUID]]:
    """What `_seed` writes, written once a run (tests/prebuilt.py)."""
    yield from build_once(tmp_path_factory, _server_databases, "recommendations-page", _fill)


@pytest.fixture
def page(qtbot, ctx: AppContext, db: Database, seeded_file: Built[uuid.UUID]) -> RecommendationsPage:
    copy_into(db, seeded_file)  # as `_seed(ctx)` leaves it
    widget = RecommendationsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1 and widget.detail is not None)
    return widget


def _open(qtbot, page: RecommendationsPage, key: str) -> RecommendationDialog:
    qtbot.mouseClick(page.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_dialog is not None and page.current_dialog.isVisible())
    assert page.current_dialog is not None
    return page.current_dialog


def _save(qtbot, page: RecommendationsPage, dialog: RecommendationDialog) -> None:
    """Save and wait for the dialog to close and the page to show the result."""
    before = page.detail
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_dialog is None or dialog.problem.isVisible())
    assert page.current_dialog is None, dialog.problem.text()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail is not before)


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _cell(page: RecommendationsPage, column: int) -> str:
    return page.model.index(0, column).data()


def test_officer_takes_a_recommendation_from_feedback_to_implemented(
    qtbot, page: RecommendationsPage
) -> None:
    assert "No respite at weekends" in page.detail_view.toPlainText()
    assert "Raised as Proposed" in page.detail_view.toPlainText()

    dialog = _open(qtbot, page, "details")
    qtbot.keyClicks(dialog.reference, "R-001")
    _choose(dialog.strategy, "Carers strategy")
    _save(qtbot, page, dialog)
    assert page.detail.strategy == "Carers strategy" and page.detail.reference == "R-001"

    dialog = _open(qtbot, page, "owner")
    _choose(dialog.owner, "Sam Patel")
    _save(qtbot, page, dialog)
    assert page.detail.owner == "Sam Patel"

    dialog = _open(qtbot, page, "target")
    dialog.new_date.setDate(QDate(2026, 8, 1))
    _save(qtbot, page, dialog)
    assert page.detail.target_date == date(2026, 8, 1)

    for status in ("Accepted", "In progress"):
        dialog = _open(qtbot, page, "status")
        _choose(dialog.status, status)
        _save(qtbot, page, dialog)
    assert page.detail.status is Status.IN_PROGRESS

    dialog = _open(qtbot, page, "update")
    qtbot.keyClicks(dialog.text, "Two providers have agreed to open on Saturdays.")
    dialog.progress.setValue(60)
    qtbot.mouseClick(dialog.public, Qt.MouseButton.LeftButton)
    _save(qtbot, page, dialog)
    assert page.detail.progress == 60

    dialog = _open(qtbot, page, "target")
    assert "1 August 2026" in dialog.original.text()
    dialog.new_date.setDate(QDate(2026, 10, 1))
    qtbot.keyClicks(dialog.reason, "Provider recruitment took longer")
    qtbot.keyClicks(dialog.approved_by, "Head of Commissioning")
    _save(qtbot, page, dialog)

    dialog = _open(qtbot, page, "status")
    _choose(dialog.status, "Implemented")
    dialog.implemented_on.setDate(QDate(2026, 11, 20))
    qtbot.keyClicks(dialog.public_update, "Respite now runs every weekend.")
    _save(qtbot, page, dialog)

    qtbot.waitUntil(lambda: _cell(page, RecColumn.STATUS) == "Implemented")
    assert _cell(page, RecColumn.RAG) == "Complete"
    assert _cell(page, RecColumn.TARGET) == "1 Oct 2026 (was 1 Aug 2026)"
    assert _cell(page, RecColumn.LAG) == str((date(2026, 11, 20) - date(2026, 10, 1)).days)
    text = page.detail_view.toPlainText()
    for expected in (
        "Owner changed from None to Sam Patel",
        "Public update (we did): Two providers have agreed to open on Saturdays.",
        "Target moved from 1 August 2026 to 1 October 2026. Reason: Provider recruitment took longer",
        "Approved by Head of Commissioning",
        "Status changed from In progress to Implemented",
    ):
        assert expected in text
    assert text.index("Status changed from Proposed to Accepted") < text.index("Target moved from")
    assert not page.buttons["update"].isEnabled()  # closed recommendations take no more updates

    page.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: _cell(page, RecColumn.STATUS) == "In progress")
    with page.ctx.workspace.reading() as s:
        rec = s.exec(select(Recommendation)).one()
        assert rec.status is Status.IN_PROGRESS and rec.implemented_on is None
        # the earlier public update stays; only the "we did" saved with the status goes
        assert recs.has_public_update(session=s, recommendation_id=rec.id)
    qtbot.waitUntil(
        lambda: "Status changed from In progress to Implemented" not in page.detail_view.toPlainText()
    )

    page.ctx.undo_stack.redo()
    qtbot.waitUntil(lambda: _cell(page, RecColumn.STATUS) == "Implemented")


def _in_progress(qtbot, page: RecommendationsPage) -> None:
    for status in ("Accepted", "In progress"):
        dialog = _open(qtbot, page, "status")
        _choose(dialog.status, status)
        _save(qtbot, page, dialog)


def test_implemented_without_public_update_is_refused_inside_the_dialog(
    qtbot, page: RecommendationsPage
) -> None:
    _in_progress(qtbot, page)
    dialog = _open(qtbot, page, "status")
    _choose(dialog.status, "Implemented")
    assert dialog.public_update.isVisibleTo(dialog) and not dialog.reason.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible)
    assert "Add a public update" in dialog.problem.text()
    assert dialog.isVisible()
    with page.ctx.workspace.reading() as s:
        assert s.exec(select(Recommendation)).one().status is Status.IN_PROGRESS
        assert len(s.exec(select(StatusChange)).all()) == 3
        assert s.exec(select(RecommendationUpdate)).all() == []
    dialog.reject()


def test_not_taken_forward_needs_a_reason(qtbot, page: RecommendationsPage) -> None:
    dialog = _open(qtbot, page, "status")
    _choose(dialog.status, "Not taken forward")
    assert dialog.reason.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible)
    assert dialog.problem.text() == "Say why it is not being taken forward."
    qtbot.keyClicks(dialog.reason, "The service is being recommissioned")
    _save(qtbot, page, dialog)
    assert page.detail.status is Status.NOT_TAKEN_FORWARD
    assert "Reason not taken forward" in page.detail_view.toPlainText()


def test_revising_a_target_without_reason_or_approver_saves_nothing(qtbot, page: RecommendationsPage) -> None:
    dialog = _open(qtbot, page, "target")
    dialog.new_date.setDate(QDate(2026, 8, 1))
    _save(qtbot, page, dialog)
    dialog = _open(qtbot, page, "target")
    dialog.new_date.setDate(QDate(2026, 12, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible)
    assert dialog.problem.text() == "Give a reason for changing the target date."
    qtbot.keyClicks(dialog.reason, "Waiting for budget")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "approved" in dialog.problem.text())
    with page.ctx.workspace.reading() as s:
        rec = s.exec(select(Recommendation)).one()
        assert (rec.target_date, rec.revised_target_date) == (date(2026, 8, 1), None)
    dialog.reject()


def test_keyboard_shortcut_opens_the_dialog(qtbot, page: RecommendationsPage) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.current_dialog is not None)
    assert page.current_dialog.windowTitle() == "Add an update"
    page.current_dialog.reject()


def _made_by_qt(widget: object) -> bool:
    """Parts Qt builds inside a composite widget (a combo's popup list, a line edit's clear
    button, a table's corner button) take their name from the widget that owns them."""
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QCalendarWidget, QLineEdit

    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QCalendarWidget, QAbstractItemView)):
            return True
        parent = parent.parent()
    return widget.objectName().startswith("qt_")


def test_every_interactive_widget_has_an_accessible_name(qtbot, page: RecommendationsPage) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    interactive = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QLineEdit,
        QComboBox,
        QTextEdit,
        QPlainTextEdit,
    )
    widgets = [w for w in page.findChildren(object) if isinstance(w, interactive)]
    for key in ("details", "owner", "target", "status", "update"):
        dialog = _open(qtbot, page, key)
        widgets += [w for w in dialog.findChildren(object) if isinstance(w, interactive)]
        dialog.reject()
        qtbot.waitUntil(lambda: page.current_dialog is None)
    unnamed = [
        f"{type(w).__name__} {w.objectName()} in {type(w.parent()).__name__}"
        for w in widgets
        if not w.accessibleName() and not _made_by_qt(w)
    ]
    assert len(widgets) > 30 and unnamed == []


def test_search_box_and_dashboard_filters(qtbot, page: RecommendationsPage) -> None:
    qtbot.keyClicks(page.search_box, "weekend respite")
    qtbot.waitUntil(lambda: page.model.matching == 1 and page.model.row_filter.text == "weekend respite")
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "housing")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.count_label.text() == "Showing 0 of 1 recommendation"
    page.show_filtered(status=Status.PROPOSED)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.search_box.text() == "" and page.filters.status.currentText() == "Proposed"
    page.show_filtered(overdue=True)
    qtbot.waitUntil(lambda: page.model.row_filter.overdue)
    assert page.filters.overdue.isChecked() and page.filters.status.currentText() == "Any"
    qtbot.mouseClick(page.filters.clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.model.row_filter.overdue and page.model.rowCount() == 1)


def test_page_refreshes_when_another_page_changes_a_recommendation(qtbot, page: RecommendationsPage) -> None:
    from coprod.ui.changes import Changes

    with page.ctx.workspace.transaction() as s:
        rid = s.exec(select(Recommendation.id)).one()
        recs.add_update(
            session=s, recommendation_id=rid, text="Spoke to the carers' centre", on=date(2026, 6, 1)
        )
    page.ctx.bus.sig_changed.emit(Changes.of("recommendation_update"), None)
    qtbot.waitUntil(lambda: "Spoke to the carers' centre" in page.detail_view.toPlainText())


def test_tab_moves_from_the_table_to_the_actions_then_the_details(qtbot, page: RecommendationsPage) -> None:
    from PySide6.QtWidgets import QApplication

    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    order = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().accessibleName())
    assert order == [
        "New recommendation",
        "Add update",
        "Change status",
        "Revise target",
        "Reassign owner",
        "Edit details",
        "Recommendation details",
    ]


def test_context_menu_offers_the_actions(qtbot, page: RecommendationsPage) -> None:
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    rect = page.table.visualRect(page.model.index(0, 1))
    where = rect.center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, where, page.table.viewport().mapToGlobal(where)
    )
    QApplication.sendEvent(page.table.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Add update",
        "Change status",
        "Revise target",
        "Reassign owner",
        "Edit details",
    ]
    assert menu.actions()[0].shortcut().toString() == "Ctrl+U"
    menu.close()


def test_undo_refuses_when_someone_changed_it_since(qtbot, page: RecommendationsPage) -> None:
    dialog = _open(qtbot, page, "update")
    qtbot.keyClicks(dialog.text, "Met the providers")
    dialog.progress.setValue(20)
    _save(qtbot, page, dialog)
    with page.ctx.workspace.transaction() as s:
        rid = s.exec(select(Recommendation.id)).one()
        recs.add_update(
            session=s, recommendation_id=rid, text="Contract signed", on=date(2026, 6, 2), progress=50
        )
    page.ctx.undo_stack.undo()
    qtbot.waitUntil(page.problem_label.isVisible)
    assert "has changed since" in page.problem_label.text()
    # the stack still matches the data: the refused step can be tried again, nothing to redo
    assert page.ctx.undo_stack.canUndo() and not page.ctx.undo_stack.canRedo()
    with page.ctx.workspace.reading() as s:
        assert s.exec(select(Recommendation)).one().progress == 50
        assert len(s.exec(select(RecommendationUpdate)).all()) == 2


def test_a_hidden_page_waits_until_shown_to_reload(qtbot, page: RecommendationsPage) -> None:
    from coprod.ui.changes import Changes

    page.hide()
    with page.ctx.workspace.transaction() as s:
        rid = s.exec(select(Recommendation.id)).one()
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2026, 6, 1))
    page.ctx.bus.sig_changed.emit(Changes.of("recommendation", "status_change"), None)
    page.ctx.runner.wait()
    qtbot.wait(50)
    assert _cell(page, RecColumn.STATUS) == "Proposed"
    page.show()
    qtbot.waitUntil(lambda: _cell(page, RecColumn.STATUS) == "Accepted")


def test_saving_details_unchanged_keeps_the_strategy_and_owner(qtbot, page: RecommendationsPage) -> None:
    """The dialogs preselect what is stored even though their lists were read separately."""
    with page.ctx.workspace.transaction() as s:
        rid = s.exec(select(Recommendation.id)).one()
        sid = engagement.create_strategy(session=s, name="Workforce plan")
        oid = engagement.create_owner(session=s, name="Carers Hub")
        rec = s.get(Recommendation, rid)
        rec.strategy_id, rec.owner_id = sid, oid
        s.add(rec)
    page.ctx.bus.sig_changed.emit(Changes.of("recommendation", "strategy", "owner"), None)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.strategy_id == sid)
    dialog = _open(qtbot, page, "details")
    assert dialog.strategy.currentText() == "Workforce plan"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    page.ctx.runner.wait()
    owner_dialog = _open(qtbot, page, "owner")
    assert owner_dialog.owner.currentText() == "Carers Hub"
    owner_dialog.reject()
    with page.ctx.workspace.reading() as s:
        rec = s.get(Recommendation, rid)
        assert (rec.strategy_id, rec.owner_id) == (sid, oid)


def test_dashboard_strategy_filter_survives_ids_read_elsewhere(qtbot, page: RecommendationsPage) -> None:
    with page.ctx.workspace.transaction() as s:
        rid = s.exec(select(Recommendation.id)).one()
        sid = engagement.create_strategy(session=s, name="Workforce plan")
        rec = s.get(Recommendation, rid)
        rec.strategy_id = sid
        s.add(rec)
    page.ctx.bus.sig_changed.emit(Changes.of("recommendation", "strategy"), None)
    qtbot.waitUntil(lambda: combo_index(page.filters.strategy, sid) >= 0)
    page.show_filtered(strategy_id=uuid.UUID(str(sid)))  # an equal id, not the same object
    qtbot.waitUntil(lambda: page.model.row_filter.strategy_id == sid and page.model.rowCount() == 1)
    assert page.filters.strategy.currentText() == "Workforce plan"
