"""A review meeting run through the widgets over a database with known stalled items."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QWidget
from sqlmodel import select

from coprod.domain.enums import ReviewDecision, Status
from coprod.domain.models import Lesson, OwnerChange, Recommendation, Review
from coprod.persistence.database import Database
from coprod.ui.context import AppContext
from coprod.ui.models.rows import ROW_ROLE
from coprod.ui.views.review import ReviewPage
from tests.prebuilt import Built, copy_into
from tests.review_data import AS_OF, Known
from tests.ui.accessibility import unnamed_widgets


@pytest.fixture
def world(db: Database, review_file: Built[Known]) -> Iterator[tuple[AppContext, Known]]:
    known = copy_into(db, review_file)  # what `build` fills, built once a run
    ctx = AppContext.create(db, as_of=AS_OF)
    yield ctx, known
    ctx.runner.wait()


@pytest.fixture
def page(qtbot, world) -> ReviewPage:  # type: ignore[no-untyped-def]
    ctx, _ = world
    widget = ReviewPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.sig_loaded, timeout=10000):
        widget.show()  # the queue loads when the page is first shown
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def record(qtbot, page: ReviewPage, *, moves: bool) -> None:  # type: ignore[no-untyped-def]
    """Press Ctrl+Enter in the meeting; wait for the next item (or for the refusal)."""
    meeting = page.meeting
    if moves:
        with qtbot.waitSignal(meeting.sig_decision_recorded, timeout=10000):
            qtbot.keyClick(meeting.form.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda: meeting.record_button.isEnabled() or page.stack.currentIndex() == 2, timeout=10000
        )
    else:
        before = meeting.problem.text()
        qtbot.keyClick(meeting.form.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: meeting.problem.text() not in ("", before), timeout=10000)


def choose(qtbot, page: ReviewPage, decision: ReviewDecision) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.meeting.form.buttons[decision], Qt.MouseButton.LeftButton)
    assert page.meeting.form.decision() is decision


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_queue_lists_the_known_items_worst_first_and_filters_by_board(
    qtbot, qtmodeltester, page, world
) -> None:  # type: ignore[no-untyped-def]
    _, k = world
    model = page.model
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["R-A", "R-B", "R-D", "R-C"]
    assert model.index(0, 2).data() == "Stalled, Overdue"
    assert model.index(0, 3).data() == "Off track"  # the RAG in words, never colour alone
    assert model.index(0, 4).data(Qt.ItemDataRole.AccessibleTextRole) == "Days late: 239 days"
    assert model.index(0, 0).data(ROW_ROLE).lag.id == k.a
    with qtbot.waitSignal(page.sig_loaded, timeout=10000):
        page.board.setCurrentIndex(page.board.findText("Adults Committee"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["R-B", "R-D"]
    assert "2" in page.count.text()


def test_a_review_meeting_records_decisions_changes_and_lessons(qtbot, page, world) -> None:  # type: ignore[no-untyped-def]
    ctx, k = world
    meeting, form = page.meeting, page.meeting.form
    type_into(qtbot, page.reviewer, "Cllr Patel")
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is meeting
    assert meeting.heading.text().startswith("Item 1 of 4: R-A")
    assert (
        "239 days late" in meeting.facts.text() and "310 days since the last update" in meeting.facts.text()
    )
    assert meeting.said.item(0).text().startswith("\u201cThe day centre bus leaves")
    assert any("Accepted" in meeting.timeline.item(n).text() for n in range(meeting.timeline.count()))

    # A: stalled for over twice the threshold, so even "continue" needs a lesson.
    choose(qtbot, page, ReviewDecision.CONTINUE)
    assert form.lesson_box.isVisible() and "twice the stall threshold" in form.lesson_note.text()
    record(qtbot, page, moves=False)
    assert "Record the lessons learnt" in meeting.problem.text()
    type_into(qtbot, form.what, "Transport contract lapsed.")
    type_into(qtbot, form.why, "Nobody owned the renewal.")
    type_into(qtbot, form.differently, "Name a contract owner.")
    type_into(qtbot, form.notes, "Owner to report in January.")
    record(qtbot, page, moves=True)

    # B: closing needs a reason and a lesson.
    assert meeting.heading.text().startswith("Item 2 of 4: R-B")
    choose(qtbot, page, ReviewDecision.CLOSE)
    assert form.reason.isVisible() and form.lesson_box.isVisible()
    record(qtbot, page, moves=False)
    assert meeting.problem.text() == "Say why this item is not being taken forward before closing it."
    type_into(qtbot, form.reason, "The advice line was replaced by the council's hub.")
    record(qtbot, page, moves=False)
    assert "closing an item needs a lessons learnt entry" in meeting.problem.text()
    type_into(qtbot, form.what, "Overtaken by the hub.")
    type_into(qtbot, form.why, "Not joined up with housing.")
    type_into(qtbot, form.differently, "Check plans across services first.")
    record(qtbot, page, moves=True)

    # D: escalate to the owner's escalation contact, no lesson needed.
    assert meeting.heading.text().startswith("Item 3 of 4: R-D")
    choose(qtbot, page, ReviewDecision.ESCALATE)
    assert form.escalate_to.text() == "Ann Lead" and not form.lesson_box.isVisible()
    record(qtbot, page, moves=True)

    # C: reassign, chosen from the list by keyboard.
    choose(qtbot, page, ReviewDecision.REASSIGN)
    form.new_owner.setFocus()
    while form.new_owner.currentText() != "Cat Officer":
        qtbot.keyClick(form.new_owner, Qt.Key.Key_Down)
    record(qtbot, page, moves=True)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 2, timeout=10000)

    summary = page.summary.toPlainText()
    assert "Chaired by Cllr Patel" in summary and "Decisions recorded: 4" in summary
    assert "Escalated to Ann Lead." in summary and "Reassigned to Cat Officer." in summary
    assert "Closed: The advice line was replaced" in summary
    copy = next(b for b in page.findChildren(QPushButton) if b.accessibleName() == "Copy")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == summary

    with ctx.workspace.reading() as s:
        reviews = {r.recommendation_id: r for r in s.exec(select(Review))}
        assert {rid: r.decision for rid, r in reviews.items()} == {
            k.a: ReviewDecision.CONTINUE,
            k.b: ReviewDecision.CLOSE,
            k.d: ReviewDecision.ESCALATE,
            k.c: ReviewDecision.REASSIGN,
        }
        assert all(r.reviewer == "Cllr Patel" and r.reviewed_on == AS_OF for r in reviews.values())
        assert reviews[k.a].notes == "Owner to report in January."
        assert s.get(Recommendation, k.a).next_update_due == reviews[k.a].next_update_due is not None
        assert reviews[k.d].escalated_to_id == k.ann
        b = s.get(Recommendation, k.b)
        assert (b.status, b.decision_reason) == (
            Status.NOT_TAKEN_FORWARD,
            "The advice line was replaced by the council's hub.",
        )
        assert s.get(Recommendation, k.c).owner_id == k.cat
        assert s.exec(select(OwnerChange)).one().to_owner_id == k.cat
        lessons = {x.recommendation_id: x for x in s.exec(select(Lesson))}
        assert set(lessons) == {k.a, k.b}
        assert lessons[k.b].review_id == reviews[k.b].id and lessons[k.b].learning_owner_id == k.cat
        assert lessons[k.a].what_happened == "Transport contract lapsed."


def test_summary_saves_as_text(qtbot, page, world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.meeting.sig_item_shown, timeout=10000):
        page.start_meeting(2)  # D: no lesson needed
    choose(qtbot, page, ReviewDecision.ESCALATE)
    record(qtbot, page, moves=True)
    qtbot.mouseClick(page.meeting.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 2, timeout=10000)
    target = tmp_path / "minutes.txt"
    page.save_summary(target)
    text = target.read_text(encoding="utf-8")
    assert "Decisions recorded: 1" in text and "R-D Easy read tenancy letters" in text


def test_the_meeting_steps_through_the_queue_by_keyboard(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    meeting = page.meeting
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    for key, expected in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageDown, 2), (Qt.Key.Key_PageUp, 1)):
        with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000) as shown:
            qtbot.keyClick(meeting.form.notes, key, Qt.KeyboardModifier.ControlModifier)
        assert shown.args == [expected]
    assert meeting.heading.text().startswith("Item 2 of 4: R-B")
    record(qtbot, page, moves=False)  # nothing chosen yet
    assert meeting.problem.text().startswith("Choose a decision first")


def test_escalating_without_a_contact_is_refused_in_the_form(qtbot, page, world) -> None:  # type: ignore[no-untyped-def]
    ctx, _ = world
    with qtbot.waitSignal(page.meeting.sig_item_shown, timeout=10000):
        page.start_meeting(1)  # B: Cat Officer has no escalation contact
    choose(qtbot, page, ReviewDecision.ESCALATE)
    assert "no escalation contact" in page.meeting.form.escalate_to.text()
    record(qtbot, page, moves=False)
    assert "Cat Officer has no escalation contact" in page.meeting.problem.text()
    with ctx.workspace.reading() as s:
        assert s.exec(select(Review)).all() == []


def test_every_interactive_widget_has_an_accessible_name(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.meeting.sig_item_shown, timeout=10000):
        page.start_meeting(0)
    assert unnamed_widgets(page) == []


def test_revising_a_target_a_third_time_asks_for_reason_approver_and_lesson(qtbot, page, world) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication

    from coprod.domain.models import TargetChange

    ctx, k = world
    meeting, form = page.meeting, page.meeting.form
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        page.start_meeting(2)  # D: extended twice already
    assert "after 2 extensions" in meeting.facts.text()
    form.setFocus()
    # Alt+V is "Re&vise target"; the button clicks itself a moment after its mnemonic.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.decision() is ReviewDecision.REVISE_TARGET, timeout=2000)
    assert form.new_target.isVisible() and form.reason.isVisible() and form.approved_by.isVisible()
    assert form.lesson_box.isVisible() and "third extension" in form.lesson_note.text()
    form.new_target.setDate(QDate(2027, 4, 30))
    type_into(qtbot, form.reason, "Tenants' panel postponed")
    record(qtbot, page, moves=False)
    assert meeting.problem.text() == "Say who approved the new target date."
    type_into(qtbot, form.approved_by, "Ann Lead")
    type_into(qtbot, form.what, "Moved three times.")
    type_into(qtbot, form.why, "The panel dates kept changing.")
    type_into(qtbot, form.differently, "Book the panel before setting targets.")
    record(qtbot, page, moves=True)
    with ctx.workspace.reading() as s:
        assert s.get(Recommendation, k.d).revised_target_date == date(2027, 4, 30)
        assert len(s.exec(select(TargetChange).where(TargetChange.recommendation_id == k.d)).all()) == 3
        assert s.exec(select(Lesson)).one().do_differently == "Book the panel before setting targets."


def test_stepping_away_and_back_keeps_the_unrecorded_decision(qtbot, page, world) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    meeting, form = page.meeting, page.meeting.form
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        page.start_meeting(2)  # D: no lesson needed
    form.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.decision() is ReviewDecision.CONTINUE, timeout=2000)
    type_into(qtbot, form.notes, "Owner to bring the new letters in March.")
    for key, expected in ((Qt.Key.Key_N, 3), (Qt.Key.Key_P, 2)):
        with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000) as shown:
            qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert shown.args == [expected]
        if expected == 3:
            assert form.decision() is None and form.notes.toPlainText() == ""  # C starts afresh
    assert meeting.heading.text().startswith("Item 3 of 4: R-D")
    assert form.decision() is ReviewDecision.CONTINUE
    assert form.notes.toPlainText() == "Owner to bring the new letters in March."
    record(qtbot, page, moves=True)
    with world[0].workspace.reading() as s:
        assert s.exec(select(Review)).one().notes == "Owner to bring the new letters in March."


def _answer_unrecorded(qtbot, button_text: str) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox

    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5000)
    box = QApplication.activeModalWidget()
    text = box.text()
    button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return text


def test_finishing_with_unrecorded_decisions_asks_first(qtbot, page, world) -> None:  # type: ignore[no-untyped-def]
    meeting, form = page.meeting, page.meeting.form
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        page.start_meeting(1)  # B
    choose(qtbot, page, ReviewDecision.ESCALATE)
    type_into(qtbot, form.notes, "Chase the housing lead.")
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        qtbot.mouseClick(meeting.next_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(meeting.finish_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000) as shown:
        text = _answer_unrecorded(qtbot, "Go back to record")
    assert "R-B" in text and "not recorded" in text
    assert shown.args == [1] and page.stack.currentWidget() is meeting
    assert form.decision() is ReviewDecision.ESCALATE
    assert form.notes.toPlainText() == "Chase the housing lead."

    qtbot.mouseClick(meeting.finish_button, Qt.MouseButton.LeftButton)
    _answer_unrecorded(qtbot, "Finish without recording")
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 2, timeout=10000)
    assert "Decisions recorded: 0" in page.summary.toPlainText()
    with world[0].workspace.reading() as s:
        assert s.exec(select(Review)).all() == []


def test_the_why_column_says_the_team_default_was_used_when_there_is_no_target(page) -> None:  # type: ignore[no-untyped-def]
    model = page.model
    why = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}
    assert why["R-C"] == "No target (team default used)"


def test_a_recorded_decision_is_undone_and_redone_with_the_undo_stack(qtbot, page, world) -> None:  # type: ignore[no-untyped-def]
    ctx, k = world
    meeting = page.meeting
    type_into(qtbot, page.reviewer, "Cllr Patel")
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(meeting.sig_item_shown, timeout=10000):
        meeting.show_item(2)
    assert meeting.heading.text().startswith("Item 3 of 4: R-D")
    with ctx.workspace.reading() as s:
        before = s.get(Recommendation, k.d).model_dump(exclude={"updated_at", "version"})
    choose(qtbot, page, ReviewDecision.REASSIGN)
    form = meeting.form
    form.new_owner.setCurrentIndex(
        next(
            i
            for i in range(form.new_owner.count())
            if form.new_owner.itemData(i) not in (None, before["owner_id"])
        )
    )
    record(qtbot, page, moves=True)

    def reviews() -> int:
        with ctx.workspace.reading() as s:
            found = s.exec(select(Review).where(Review.recommendation_id == k.d, Review.deleted_at.is_(None)))
            return len(found.all())

    assert reviews() == 1
    with ctx.workspace.reading() as s:
        assert s.get(Recommendation, k.d).owner_id != before["owner_id"]  # handed to someone else
    assert ctx.undo_stack.undoText() == "review decision on R-D"
    ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: reviews() == 0 and ctx.runner.pending == 0, timeout=10000)
    with ctx.workspace.reading() as s:
        assert s.get(Recommendation, k.d).model_dump(exclude={"updated_at", "version"}) == before
    ctx.undo_stack.redo()
    qtbot.waitUntil(lambda: reviews() == 1 and ctx.runner.pending == 0, timeout=10000)
