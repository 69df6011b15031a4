"""Dates typed the way officers write them: understood, shown back, refused in one sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Recommendation
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle, activate
from tests.ui.tour import close_dialog, open_dialog

NOT_A_DATE = "is not a date; type it as 31/03/2027, 31 Mar 2027 or 2027-03-31."


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _form(qtbot: QtBot) -> tuple[QWidget, DateField, QLineEdit]:
    form = QWidget()
    qtbot.addWidget(form)
    field = DateField(form, date(2027, 2, 27))
    field.setAccessibleName("Target date")
    after = QLineEdit(form)
    layout = QVBoxLayout(form)
    layout.addWidget(field)
    layout.addWidget(after)
    form.show()
    qtbot.waitExposed(form)
    activate(qtbot, form)
    return form, field, after


def _type_over(qtbot: QtBot, field: DateField, text: str) -> None:
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


@pytest.mark.parametrize("typed", ["31/3/27", "31/03/2027", "31 Mar 2027", "31 March 2027", "2027-03-31"])
def test_a_date_typed_the_usual_ways_is_understood_and_shown_back(qtbot: QtBot, typed: str) -> None:
    _form_widget, field, after = _form(qtbot)
    _type_over(qtbot, field, typed)
    assert QApplication.focusWidget() is after  # Tab left the field, nothing spilled over
    assert field.line.text() == "31 Mar 2027"
    assert field.value() == date(2027, 3, 31)
    assert not field.problem.isVisible()


def test_an_early_day_of_the_month_is_shown_without_a_leading_zero(qtbot: QtBot) -> None:
    _form_widget, field, _after = _form(qtbot)
    _type_over(qtbot, field, "9/7/25")
    assert field.line.text() == "9 Jul 2025"  # as every list and report writes it
    assert field.value() == date(2025, 7, 9)


def test_an_impossible_date_is_refused_in_one_sentence(qtbot: QtBot) -> None:
    _form_widget, field, _after = _form(qtbot)
    _type_over(qtbot, field, "31/02/2027")
    assert field.problem.isVisible()
    assert field.problem.text() == f"'31/02/2027' {NOT_A_DATE}"
    assert field.line.text() == "31/02/2027"  # what was typed stays, to be put right


def test_the_calendar_opens_from_the_button_and_from_the_keyboard(qtbot: QtBot) -> None:
    _form_widget, field, _after = _form(qtbot)
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: field.calendar is not None and field.calendar.isVisible())
    qtbot.keyClick(field.calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: field.calendar is None or not field.calendar.isVisible())

    field.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: field.calendar is not None and field.calendar.isVisible())
    calendar = field.calendar
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.value() == date(2027, 2, 28))
    assert field.line.text() == "28 Feb 2027"


def _new_recommendation_dialog(qtbot: QtBot, window: MainWindow, settle: Settle):  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(2)
    settle()
    page = window.feedback
    page.table.selectionModel().select(
        page.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    settle()
    return page.dialog


def test_typing_a_target_date_over_another_saves_the_date_typed(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    dialog = _new_recommendation_dialog(qtbot, window, settle)
    qtbot.keyClicks(dialog.title_box, "Timetable the minibus")
    target = dialog.target.edit
    target.setDate(date(2027, 2, 27))
    _type_over(qtbot, target, "31 Mar 2027")
    assert target.line.text() == "31 Mar 2027"
    assert QApplication.focusWidget() is dialog.measure  # Tab went on to the next field
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert not dialog.isVisible()
    with ctx.workspace.reading() as s:
        rec = s.exec(select(Recommendation).where(Recommendation.title == "Timetable the minibus")).one()
        assert rec.target_date == date(2027, 3, 31)


def test_an_impossible_target_date_saves_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    dialog = _new_recommendation_dialog(qtbot, window, settle)
    qtbot.keyClicks(dialog.title_box, "Timetable the minibus")
    _type_over(qtbot, dialog.target.edit, "30/2/27")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert dialog.isVisible()
    assert dialog.error.text() == f"'30/2/27' {NOT_A_DATE}"
    with ctx.workspace.reading() as s:
        made = s.exec(select(Recommendation).where(Recommendation.title == "Timetable the minibus")).first()
        assert made is None


def test_tab_leaves_the_feedback_date_filters(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    window.nav.setCurrentRow(2)
    settle()
    page = window.feedback
    page.date_from.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.date_to.line
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.not_linked
    _type_over(qtbot, page.date_from, "1/1/26")
    settle()
    assert page.date_from.line.text() == "1 Jan 2026"
    assert page.current_filter().held_from == date(2026, 1, 1)


def test_alt_letter_of_an_optional_date_goes_to_the_date_and_typing_sets_it(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    dialog = open_dialog(window, qtbot, settle, "new strategy")
    start = dialog.start
    start.check.setChecked(False)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # "&Starts:"
    assert QApplication.focusWidget() is start.edit.line
    qtbot.keyClick(start.edit.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(start.edit.line, "1/4/26")
    qtbot.keyClick(start.edit.line, Qt.Key.Key_Tab)
    assert start.check.isChecked()
    assert start.value() == date(2026, 4, 1)
    close_dialog(dialog, settle)
