"""The main window: pages, menus and shortcuts, the status bar, files, and what persists."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coprod.persistence.backup import backup_dir_for
from coprod.persistence.repositories.settings import get_team_rules
from coprod.ui.context import AppContext
from coprod.ui.main_window import PAGE_KEYS, MainWindow
from tests import engines
from tests.ui.conftest import Settle, activate


def _problem_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_navigation_lists_every_page_in_order(window: MainWindow) -> None:
    names = [window.nav.item(n).text() for n in range(window.nav.count())]
    assert names == [
        "Dashboard",
        "Sessions",
        "Feedback",
        "Recommendations",
        "Strategies",
        "Owners",
        "Review",
        "Lessons",
        "Reports",
        "Risks",
        # Conflicts are listed only on a team server (or a laptop copy of one): a file has none.
        *(["Conflicts"] if engines.on_server() else []),
    ]
    # and the welcome page, not in the list
    assert window.pages.count() == len(PAGE_KEYS) + 1 + (1 if engines.on_server() else 0)


@pytest.mark.sqlite_only  # a server is named by its host and login (tests/ui/test_connect_dialog.py)
def test_status_bar_names_the_file_and_the_as_of_date(window: MainWindow, db_path: Path) -> None:
    assert str(db_path) in window.db_label.text()
    assert "26 November 2026" in window.as_of_label.text()


def test_opening_a_file_that_is_not_a_database_says_so_and_keeps_the_current_one(
    qtbot: QtBot,
    window: MainWindow,
    ctx: AppContext,
    settle: Settle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(notes), ""))
    current = ctx.workspace
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    settle()
    boxes = _problem_boxes()
    assert len(boxes) == 1
    text = boxes[0].text()
    assert "is not a coprod database" in text and "still open" in text and "Traceback" not in text
    boxes[0].close()
    assert ctx.workspace is current


@pytest.mark.sqlite_only  # backups and recent files are files
def test_open_another_database_and_find_it_under_recent(
    qtbot: QtBot,
    window: MainWindow,
    ctx: AppContext,
    settle: Settle,
    demo_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo_path), ""))
    window.nav.setCurrentRow(1)
    settle()
    assert window.sessions.model.total == 0
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert ctx.workspace.path == demo_path
    assert window.sessions.model.total == 20  # the page reloaded from the new file
    assert str(demo_path) in window.db_label.text()
    window.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in window.recent_menu.actions()]
    assert any(str(demo_path) in e for e in entries)


@pytest.mark.sqlite_only  # backups and recent files are files
def test_back_up_now_writes_a_copy_beside_the_database(
    qtbot: QtBot, window: MainWindow, db_path: Path, settle: Settle
) -> None:
    window.backup_action.trigger()
    settle()
    copies = list(backup_dir_for(db_path).glob("*-manual.db"))
    assert len(copies) == 1
    assert "Backup saved" in window.statusBar().currentMessage()


def test_preferences_change_the_team_rules_for_everyone(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.preferences()
    settle()
    dialog = window.prefs
    dialog.stall.setValue(45)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    with ctx.workspace.reading() as s:
        assert get_team_rules(session=s).stall_threshold_days == 45


def test_the_page_and_column_widths_come_back_next_time(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(2)
    settle()
    window.feedback.table.horizontalHeader().resizeSection(1, 333)
    window.recommendations.table.horizontalHeader().resizeSection(1, 444)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.nav.currentRow() == 2
    assert again.feedback.table.horizontalHeader().sectionSize(1) == 333
    assert again.recommendations.table.horizontalHeader().sectionSize(1) == 444


def test_keyboard_focus_can_reach_the_pages_and_back(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.pages.currentIndex() == window.nav.currentRow()


@pytest.fixture
def demo_window(qtbot: QtBot, demo_path: Path, settle: Settle, ctx: AppContext) -> MainWindow:
    from coprod.services.workspace import open_workspace

    old = ctx.workspace
    ctx.workspace = open_workspace(demo_path)
    old.close()
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    activate(qtbot, win)
    settle()
    return win


def test_a_dashboard_figure_opens_the_recommendations_behind_it(
    demo_window: MainWindow, settle: Settle
) -> None:
    window = demo_window
    window.dashboard.sig_filter_requested.emit({"overdue": True})
    settle()
    settle()
    page = window.recommendations
    assert window.pages.currentWidget() is page
    assert window.nav.currentItem().text() == "Recommendations"
    shown = [page.model.lag_for(page.model.id_at(n)) for n in range(page.model.rowCount())]
    assert shown and all(lag.overdue for lag in shown)


def test_the_review_queue_opens_one_recommendation_on_its_page(
    demo_window: MainWindow, settle: Settle
) -> None:
    window = demo_window
    window.show_page(window.recommendations)
    settle()
    settle()
    page = window.recommendations
    wanted = page.model.id_at(page.model.rowCount() - 1)
    window.show_page(window.review)
    settle()
    window.review.sig_open_recommendation.emit(wanted)
    settle()
    settle()
    assert window.pages.currentWidget() is page
    assert page.current_id() == wanted


def test_opening_a_recommendation_before_its_page_ever_loaded(
    demo_window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from sqlmodel import select

    from coprod.domain.models import Recommendation

    with ctx.workspace.reading() as s:
        wanted = s.exec(select(Recommendation.id).order_by(Recommendation.reference.desc())).first()
    demo_window.lessons.sig_open_recommendation.emit(wanted)
    settle()
    settle()
    assert demo_window.pages.currentWidget() is demo_window.recommendations
    assert demo_window.recommendations.current_id() == wanted


@pytest.mark.sqlite_only  # backups and recent files are files
def test_restore_from_a_backup_through_the_file_menu(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, db_path: Path, settle: Settle
) -> None:
    window.backup_action.trigger()  # an empty database, saved
    settle()
    copy = next(backup_dir_for(db_path).glob("*-manual.db"))
    window.nav.setCurrentRow(1)
    settle()
    qtbot.mouseClick(window.sessions.new_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.keyClicks(window.sessions.editor.title_box, "Made after the backup")
    window.sessions.editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settle()
    assert window.sessions.model.total == 1
    window.restore_action.trigger()
    window.restore_dialog.start(copy)
    settle()
    settle()
    assert window.sessions.model.total == 0  # the page shows the restored file
    assert str(db_path) in window.db_label.text()
    assert not window.undo_action.isEnabled()


def test_export_and_the_audit_log_from_the_menus(
    qtbot: QtBot,
    window: MainWindow,
    ctx: AppContext,
    settle: Settle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coprod.services.engagement.capture import create_session

    with ctx.workspace.transaction() as s:
        create_session(session=s, title="Carers' forum", held_on=ctx.as_of)
    out = tmp_path / "tracker.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    export = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Export…")
    export.trigger()
    settle()
    assert out.exists()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_L, ctrl_shift)
    settle()
    from coprod.ui.views.audit_log import AuditLogView

    assert window.audit_dialog.isVisible()
    log = window.audit_dialog.findChild(AuditLogView)
    assert any(row.table_name == "engagement_session" for row in log.rows)  # the session just made
    window.audit_dialog.close()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.import_wizard.isVisible()
    window.import_wizard.reject()


def test_a_new_recommendation_gets_the_next_reference_with_the_teams_prefix(
    qtbot: QtBot, demo_window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from sqlmodel import select

    from coprod.domain.models import Recommendation

    window = demo_window
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    next(a for a in file_menu.actions() if a.text() == "New re&commendation…").trigger()
    settle()
    page = window.recommendations
    assert window.pages.currentWidget() is page
    dialog = page.new_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "New recommendation" and not dialog.said.isVisible()
    assert dialog.reference.text() == "R-0041"
    assert QApplication.focusWidget() is dialog.title_box
    qtbot.keyClicks(dialog.title_box, "Publish respite availability weekly")
    qtbot.keyClick(dialog.title_box, Qt.Key.Key_Return)
    settle()
    settle()
    assert not dialog.isVisible()
    assert page.detail is not None and page.detail.reference == "R-0041"  # selected in the list

    activate(qtbot, window)  # the offscreen platform does not hand focus back by itself
    qtbot.keyClick(page.table, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    settle()
    prefs = window.prefs
    assert prefs.prefix.text() == "R-" and prefs.prefix.accessibleName().startswith("Reference prefix")
    prefs.prefix.selectAll()
    qtbot.keyClicks(prefs.prefix, "ASC-")
    qtbot.mouseClick(prefs.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    activate(qtbot, window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    settle()
    dialog = page.new_dialog
    assert dialog.reference.text() == "ASC-0001"
    qtbot.keyClicks(dialog.title_box, "Easy read respite guide")
    dialog.reference.clear()  # left blank: the next free one all the same
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle()
    with ctx.workspace.reading() as s:
        made = {r.title: r.reference for r in s.exec(select(Recommendation))}
    assert made["Publish respite availability weekly"] == "R-0041"
    assert made["Easy read respite guide"] == "ASC-0001"
    with ctx.workspace.reading() as s:
        assert get_team_rules(session=s).reference_prefix == "ASC-"


def test_preferences_refuse_an_email_residents_could_not_write_to(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    from coprod.services.team.settings import get_organisation

    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    settle()
    prefs = window.prefs
    prefs.email.selectAll()
    qtbot.keyClicks(prefs.email, "yoursay.council.gov.uk")
    qtbot.mouseClick(prefs.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert prefs.isVisible() and "'yoursay.council.gov.uk' is not an email address" in prefs.error.text()
    prefs.email.selectAll()
    qtbot.keyClicks(prefs.email, "yoursay@council.gov.uk")
    qtbot.mouseClick(prefs.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    assert not prefs.isVisible()
    with ctx.workspace.reading() as s:
        assert get_organisation(session=s).contact_email == "yoursay@council.gov.uk"
