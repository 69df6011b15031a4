"""Logging a session and capturing what residents said, as an officer at a venue would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import EngagementSession, Feedback, FeedbackTheme, Participant, Theme
from coprod.persistence.database import Database
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle, activate, open_window

SAID = [
    ("The bus to the day centre never comes on time", "Transport"),
    ("Nobody rings back when I leave a message", "Communication"),
    ("I waited six months for an assessment", "Waiting times, Assessment"),
    ("The forms are too long", "Communication"),
    ("My carer changes every week", "Home care"),
    ("There is nothing to do at weekends", "Day opportunities"),
    ("Easy read letters would help me", "Communication, Accessible information"),
    ("The ramp at the library is broken", "Transport, Access"),
    ("I did not know I could get direct payments", "Direct payments"),
    ("Thank you for listening to us today", ""),
]


def _log_session(qtbot: QtBot, window: MainWindow, settle: Settle, title: str) -> None:
    page = window.sessions
    window.nav.setCurrentRow(1)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    settle()
    editor = page.editor
    qtbot.keyClicks(editor.title_box, title)
    qtbot.keyClicks(editor.venue, "Town hall")
    editor.participants.setValue(14)
    editor.adjustment_boxes[next(iter(editor.adjustment_boxes))].click()
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert not editor.isVisible()
    activate(qtbot, window)  # the offscreen platform does not hand focus back by itself


def test_log_a_session_and_capture_ten_items_with_themes(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    _log_session(qtbot, window, settle, "Carers' forum, November")
    page = window.sessions
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    settle()
    pane = page.capture
    assert "Carers' forum, November" in pane.heading.text()
    qtbot.mouseClick(pane.text_box, Qt.MouseButton.LeftButton)  # into the box, then keyboard only

    for n, (text, themes) in enumerate(SAID):
        qtbot.keyClicks(pane.text_box, text)
        if themes:
            qtbot.keyClicks(pane.themes_box, themes)
        if n == 0:
            qtbot.keyClicks(pane.participant_box, "p-007")
            qtbot.keyClick(pane.text_box, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
            assert pane.verbatim.isChecked()
        qtbot.keyClick(pane.text_box, Qt.Key.Key_Return)
        assert pane.text_box.text() == ""  # cleared at once for the next item
    settle()

    assert pane.count == 10
    assert "10" in pane.count_label.text()
    assert page.model.row_at(0).feedback_count == 10  # the list's count followed
    with ctx.workspace.reading() as s:
        items = s.exec(select(Feedback)).all()
        assert sorted(f.text for f in items) == sorted(t for t, _ in SAID)
        first = next(f for f in items if f.text == SAID[0][0])
        assert first.is_verbatim
        assert s.get(Participant, first.participant_id).code == "P-007"
        assert sum(f.is_verbatim for f in items) == 1
        names = set(s.exec(select(Theme.name)).all())
        assert {"Transport", "Communication", "Waiting times", "Direct payments", "Access"} <= names
        assert len(s.exec(select(FeedbackTheme)).all()) == 12
    # New themes are offered by the completer for the next item.
    assert "Accessible information" in pane.theme_names.stringList()


def test_enter_on_an_empty_box_says_what_to_do_and_saves_nothing(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    _log_session(qtbot, window, settle, "Drop-in")
    window.sessions.table.selectRow(0)
    settle()
    pane = window.sessions.capture
    qtbot.keyClicks(pane.themes_box, "Transport")
    qtbot.keyClick(pane.themes_box, Qt.Key.Key_Return)
    settle()
    assert "Type what was said" in pane.message.text()
    with ctx.workspace.reading() as s:
        assert s.exec(select(Feedback)).all() == []


def test_mark_loop_closed_records_the_date(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    _log_session(qtbot, window, settle, "Older people's forum")
    page = window.sessions
    page.table.selectRow(0)
    qtbot.mouseClick(page.loop_button, Qt.MouseButton.LeftButton)
    dialog = page.loop_dialog
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert page.model.row_at(0).loop_closed
    assert "Yes" in page.model.index(0, 6).data()
    with ctx.workspace.reading() as s:
        assert s.exec(select(EngagementSession)).one().feedback_returned_on == ctx.as_of


def test_a_blank_session_title_is_refused_in_the_dialog(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(1)
    qtbot.mouseClick(window.sessions.new_button, Qt.MouseButton.LeftButton)
    settle()
    editor = window.sessions.editor
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert editor.isVisible() and editor.error.text() == "Give a name."
    with ctx.workspace.reading() as s:
        assert s.exec(select(EngagementSession)).all() == []


def test_the_session_editor_saves_every_field(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from datetime import date

    from PySide6.QtCore import QDate

    from coprod.domain.enums import Adjustment, LadderLevel, SessionFormat
    from coprod.services.engagement.capture import create_strategy
    from coprod.services.engagement.sessions_view import session_values

    with ctx.workspace.transaction() as s:
        carers = create_strategy(session=s, name="Carers strategy")
        create_strategy(session=s, name="Housing strategy")
    window.nav.setCurrentRow(1)
    qtbot.mouseClick(window.sessions.new_button, Qt.MouseButton.LeftButton)
    settle()
    editor = window.sessions.editor
    qtbot.keyClicks(editor.title_box, "Young carers' forum")
    editor.held_on.setDate(QDate(2026, 10, 3))
    editor.format.setCurrentIndex(editor.format.findText("Focus group"))
    editor.ladder.setCurrentIndex(editor.ladder.findText("Co-design"))
    qtbot.keyClicks(editor.venue, "Youth centre")
    qtbot.keyClicks(editor.facilitator, "Leila Haddad")
    editor.participants.setValue(12)
    qtbot.keyClicks(editor.targeted, "young carers, care leavers")
    qtbot.keyClicks(editor.reached, "young carers")
    editor.adjustment_boxes[Adjustment.BSL].click()
    editor.adjustment_boxes[Adjustment.EASY_READ].click()
    editor.payments.setValue(240)
    editor.expenses.setValue(35.5)
    qtbot.keyClicks(editor.notes, "Held after school.")
    editor.returned.check.click()
    editor.returned.edit.setDate(QDate(2026, 11, 20))
    editor.strategies.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    with ctx.workspace.reading() as s:
        sid = s.exec(select(EngagementSession.id)).one()
        values = session_values(session=s, session_id=sid)
    assert values == {
        "title": "Young carers' forum",
        "held_on": date(2026, 10, 3),
        "format": SessionFormat.FOCUS_GROUP,
        "venue": "Youth centre",
        "facilitator": "Leila Haddad",
        "participant_count": 12,
        "ladder_level": LadderLevel.CO_DESIGN,
        "groups_targeted": ["young carers", "care leavers"],
        "groups_reached": ["young carers"],
        "adjustments": ["bsl", "easy_read"],
        "payments_pence": 24000,
        "expenses_pence": 3550,
        "notes": "Held after school.",
        "feedback_returned_on": date(2026, 11, 20),
        "version": 1,
        "strategy_ids": [carers],
    }


def test_the_theme_box_completes_the_theme_after_the_last_comma(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from coprod.services.engagement.capture import theme_ids

    with ctx.workspace.transaction() as s:
        theme_ids(session=s, names=["Transport", "Carers' support", "Housing"])
    _log_session(qtbot, window, settle, "Drop-in")
    window.sessions.table.selectRow(0)
    settle()
    box = window.sessions.capture.themes_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(box, "Housing, tra")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert box.completer().currentCompletion() == "Housing, Transport"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert box.text() == "Housing, Transport"
    assert window.sessions.capture.message.text() == ""  # choosing a theme does not save the item


def test_a_new_session_starts_at_its_title_and_is_selected_once_saved(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    from PySide6.QtWidgets import QApplication

    page = window.sessions
    window.nav.setCurrentRow(1)
    settle()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    settle()
    editor = page.editor
    qtbot.waitUntil(editor.isVisible)
    assert QApplication.focusWidget() is editor.title_box
    qtbot.keyClicks(QApplication.focusWidget(), "Drop-in at the library")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    settle()
    assert not editor.isVisible()
    assert [page.model.row_at(r).title for r in page.selected_rows()] == ["Drop-in at the library"]
    assert "Drop-in at the library" in page.capture.heading.text()
    assert page.edit_button.isEnabled()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.editor is not editor and page.editor.title_box.text() == "Drop-in at the library"
    page.editor.reject()


def test_arrow_keys_select_the_only_session(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from datetime import date

    from coprod.services.engagement import capture as engagement

    with ctx.workspace.transaction() as s:
        engagement.create_session(session=s, title="Only one so far", held_on=date(2026, 11, 2))
    window.nav.setCurrentRow(1)
    settle()
    page = window.sessions
    page.refresh()
    settle()
    assert page.model.rowCount() == 1 and page.selected_rows() == []
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected_rows() == [0]
    assert "Only one so far" in page.capture.heading.text()
    page.table.clearSelection()
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    assert page.selected_rows() == [0]


def test_a_date_typed_over_a_colleagues_change_is_said_as_the_field_shows_it(
    qtbot: QtBot, ctx: AppContext, settle: Settle, colleague: Database
) -> None:
    from datetime import date

    from PySide6.QtCore import QDate

    from coprod.services.common import records
    from coprod.services.engagement.capture import create_session

    with ctx.workspace.transaction() as s:
        sid = create_session(session=s, title="Carers' forum", held_on=date(2026, 10, 3))
    window = open_window(qtbot, ctx, settle)
    window.nav.setCurrentRow(1)
    settle()
    window.sessions.table.selectRow(0)
    qtbot.mouseClick(window.sessions.edit_button, Qt.MouseButton.LeftButton)
    settle()
    editor = window.sessions.editor
    editor.held_on.setDate(QDate(2027, 3, 31))
    with colleague.transaction(actor="Priya Raman") as s:
        records.update_fields(s, EngagementSession, sid, {"held_on": date(2026, 10, 10)})
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.conflict_bar.isVisible())
    qtbot.mouseClick(editor.conflict_bar.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.held_on.value() == date(2026, 10, 10))
    assert [n.text() for n in editor.typed_notes.notes.values()] == ["You typed: 31 Mar 2027"]
    editor.reject()
