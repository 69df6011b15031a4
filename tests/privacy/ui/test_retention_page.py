"""The Retention tab: the lead changes the schedule, sees what is due and anonymises it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Participant
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from coprod.ui.views.privacy import show_personal_data
from tests.privacy.people import CODE, plant
from tests.ui.conftest import Settle


def test_change_schedule_see_due_and_anonymise(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    plant(ctx.workspace)  # their session was on 5 Jan 2026
    dialog = show_personal_data(window, ctx)
    qtbot.waitExposed(dialog)
    settle()
    page = dialog.retention
    dialog.tabs.setCurrentWidget(page)
    assert page.identity_days.value() == 730 and page.now_list.count() == 0
    assert not page.apply_button.isEnabled()

    page.identity_days.setValue(30)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.now_label.text() == "Due now: 1 record"
    assert page.now_list.item(0).text().startswith(f"Identity: {CODE}, due 4 Feb 2026")

    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle()
    assert "1 record " in page.notice.text()
    assert page.now_list.count() == 0
    with ctx.workspace.reading() as s:
        p = s.exec(select(Participant).where(Participant.code == CODE)).one()
    assert (p.name, p.contact) == (None, None)


def test_the_schedule_is_typed_and_shown_with_its_thousands(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    """Six years of feedback reads "2,190 days", as counts read everywhere else; the lead can
    still type the number plainly."""
    dialog = show_personal_data(window, ctx)
    qtbot.waitExposed(dialog)
    settle()
    page = dialog.retention
    dialog.tabs.setCurrentWidget(page)
    assert page.feedback_days.text() == "2,190 days"
    box = page.feedback_days
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "1500")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.value() == 1500 and box.text() == "1,500 days"
