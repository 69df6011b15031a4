"""The Risks page on the demo register: filters, detail, recording a review, escalating."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from coprod.ui.views.risks import RisksPage
from tests.ui.accessibility import unnamed_widgets
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, settle: Settle) -> RisksPage:
    widget = RisksPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 15, timeout=10000)
    return widget


def _column(page: RisksPage, header: str) -> list[str]:
    col = next(
        c
        for c in range(page.model.columnCount())
        if page.model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def _search(qtbot: QtBot, page: RisksPage, text: str) -> None:
    page.search.selectAll()
    qtbot.keyClicks(page.search, text)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)


def test_lists_the_register_with_words_for_every_band_and_flag(
    qtbot: QtBot, qtmodeltester, page: RisksPage
) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    assert page.count.text() == "Showing 15 of 15"
    current = _column(page, "Current")
    assert current[0].endswith("(High)") and all("(" in c for c in current)
    assert any("Mitigation late" in f for f in _column(page, "Flags"))
    assert _column(page, "Level").count("Corporate") == 1
    assert unnamed_widgets(page) == []


def test_filters_by_flag_and_search_from_the_keyboard(qtbot: QtBot, page: RisksPage) -> None:
    page.flag.setFocus()
    qtbot.keyClick(page.flag, Qt.Key.Key_Down)  # "Mitigation late"
    qtbot.waitUntil(lambda: page.model.rowCount() < 15)
    assert all("Mitigation late" in f for f in _column(page, "Flags"))
    qtbot.keyClick(page.flag, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: page.model.rowCount() == 15)
    page.level.setFocus()
    for _ in range(3):  # Team, Directorate, Corporate
        qtbot.keyClick(page.level, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _column(page, "Ref") == ["ASC-01"] and page.count.text() == "Showing 1 of 15"
    for _ in range(3):
        qtbot.keyClick(page.level, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: page.model.rowCount() == 15)
    _search(qtbot, page, "liberty")
    assert _column(page, "Ref") == ["ASC-11"]
    assert "Cause: Applications exceed the capacity" in page.detail.toPlainText()
    assert page.mitigation_model.rowCount() >= 1
    assert page.history_model.rowCount() == 3


def test_the_mitigating_recommendations_are_headed_as_recommendations(qtbot: QtBot, page: RisksPage) -> None:
    _search(qtbot, page, "liberty")
    qtbot.waitUntil(lambda: page.mitigation_model.rowCount() >= 1)
    model = page.mitigation_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Ref", "Recommendation", "Status"]
    titles = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert titles and "Deprivation of Liberty backlog" not in titles  # the risk is not repeated there


def test_recording_a_review_adds_to_the_history_and_shows_the_trend(
    qtbot: QtBot, page: RisksPage, settle: Settle
) -> None:
    _search(qtbot, page, "ASC-14")
    assert _column(page, "Current") == ["8 (Medium)"]
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    dialog = page.review_dialog
    assert dialog is not None and dialog.isVisible()
    for spin in (dialog.likelihood, dialog.impact):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, "5")
    qtbot.keyClicks(dialog.reviewer, "Risk and Assurance Board")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle()
    qtbot.waitUntil(lambda: _column(page, "Current") == ["25 (High)"], timeout=5000)
    assert _column(page, "Trend") == ["▲ Rising"]
    assert page.history_model.rowCount() == 4
    assert page.history_model.index(0, 4).data() == "Risk and Assurance Board"
    page.ctx.undo_stack.undo()  # Ctrl+Z in the window
    settle()
    qtbot.waitUntil(lambda: _column(page, "Current") == ["8 (Medium)"], timeout=5000)
    assert page.history_model.rowCount() == 3


def test_escalating_needs_a_reason_then_records_who_and_moves_the_level(
    qtbot: QtBot, page: RisksPage, settle: Settle
) -> None:
    _search(qtbot, page, "ASC-02")
    assert _column(page, "Level") == ["Directorate"] and "Must be escalated" in _column(page, "Flags")[0]
    qtbot.mouseClick(page.escalate_button, Qt.MouseButton.LeftButton)
    dialog = page.escalate_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.by, "Amara Okafor")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=5000)
    assert "why the risk is being escalated" in dialog.problem.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "Enquiries started late three months running")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle()
    qtbot.waitUntil(lambda: _column(page, "Level") == ["Corporate"], timeout=5000)
    assert _column(page, "Status") == ["Escalated"]
    assert "Must be escalated" not in _column(page, "Flags")[0]
    assert "by Amara Okafor at score 15: Enquiries started late" in page.detail.toPlainText()
    assert not page.escalate_button.isEnabled()  # corporate is the top level


def test_the_window_lists_risks_last_with_ctrl_0(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.pages.currentWidget() is window.risks
    qtbot.waitUntil(lambda: window.risks.model.rowCount() == 15, timeout=10000)


def test_review_page_lists_risks_past_their_review_date_and_opens_one(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    settle()
    due = window.review.risks_due
    qtbot.waitUntil(lambda: due.model.rowCount() == 2, timeout=10000)
    assert due.heading.text() == "Risks past their review date: 2"
    refs = [due.model.index(r, 0).data() for r in range(2)]
    assert sorted(refs) == ["ASC-06", "ASC-10"]
    assert all(int(due.model.index(r, 4).data()) > 0 for r in range(2))
    due.table.setFocus()
    due.table.selectRow(0)
    qtbot.keyClick(due.table, Qt.Key.Key_Return)
    settle()
    assert window.pages.currentWidget() is window.risks
    qtbot.waitUntil(lambda: window.risks.model.rowCount() == 1, timeout=10000)
    assert window.risks.model.row_at(0).reference == refs[0]
    assert "Review overdue" in window.risks.detail.toPlainText()


def test_reports_page_previews_the_risk_register(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    settle()
    page = window.reports
    page.kind.setFocus()
    while page.kind.currentData() != "risks":
        qtbot.keyClick(page.kind, Qt.Key.Key_Down)
    page.format.setFocus()
    while page.format.currentData() != ".html":
        qtbot.keyClick(page.format, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    text = page.html_view.toPlainText()
    assert "Risk register" in text and "ASC-01 Waiting times for Care Act assessments" in text


def test_a_new_risk_needs_its_effect_then_takes_mitigating_recommendations(
    qtbot: QtBot, page: RisksPage, settle: Settle
) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.new_dialog
    assert dialog is not None and dialog.isVisible()
    assert unnamed_widgets(dialog) == []
    qtbot.keyClicks(dialog.reference, "ASC-16")
    qtbot.keyClicks(dialog.title_edit, "Winter pressures on reablement")
    qtbot.keyClicks(dialog.cause, "Hospital discharges peak in winter")
    qtbot.keyClicks(dialog.event_edit, "reablement has no capacity for new people")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=5000)
    assert dialog.problem.text() == "Say what the effect would be before saving." and dialog.isVisible()
    qtbot.keyClicks(dialog.effect, "people go into care homes they did not need")
    qtbot.keyClicks(dialog.owner, "Sofia Costa")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle()
    qtbot.waitUntil(lambda: _column(page, "Ref") == ["ASC-16"], timeout=5000)
    assert _column(page, "Owner") == ["Sofia Costa"] and _column(page, "Current") == ["9 (Medium)"]
    assert page.mitigation_model.rowCount() == 0

    qtbot.mouseClick(page.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.mitigations_dialog is not None and page.mitigations_dialog.isVisible(), timeout=5000
    )
    links = page.mitigations_dialog
    qtbot.keyClicks(links.find_edit, "R-0003")
    shown = [links.list.item(n) for n in range(links.list.count()) if not links.list.item(n).isHidden()]
    assert len(shown) == 1
    links.list.setFocus()
    links.list.setCurrentItem(shown[0])
    qtbot.keyClick(links.list, Qt.Key.Key_Space)
    assert shown[0].checkState() == Qt.CheckState.Checked
    qtbot.mouseClick(links.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not links.isVisible(), timeout=5000)
    settle()
    qtbot.waitUntil(lambda: page.mitigation_model.rowCount() == 1, timeout=5000)
    assert page.mitigation_model.index(0, 0).data() == "R-0003"


def test_editing_a_risk_keeps_its_current_rating_and_can_close_it(
    qtbot: QtBot, page: RisksPage, settle: Settle
) -> None:
    _search(qtbot, page, "ASC-14")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.edit_dialog is not None and page.edit_dialog.isVisible(), timeout=5000)
    dialog = page.edit_dialog
    assert dialog.reference.text() == "ASC-14" and "Personal data" in dialog.cause.toPlainText()
    assert not any(spin.isEnabled() for spin in dialog.ratings["current"])  # changed by a review only
    dialog.controls.selectAll()
    qtbot.keyClicks(dialog.controls, "Secure email only; quarterly audit")
    dialog.status.setFocus()
    while dialog.status.currentData() != "closed":
        qtbot.keyClick(dialog.status, Qt.Key.Key_Down)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle()
    qtbot.waitUntil(lambda: _column(page, "Status") == ["Closed"], timeout=5000)
    assert _column(page, "Current") == ["8 (Medium)"]
    assert "Controls: Secure email only; quarterly audit" in page.detail.toPlainText()
    assert "Status: Closed on 26 November 2026." in page.detail.toPlainText()  # the day it was closed
    assert not page.review_button.isEnabled()
    page.ctx.undo_stack.undo()
    settle()
    qtbot.waitUntil(lambda: _column(page, "Status") == ["Open"], timeout=5000)
    assert "Status: Open." in page.detail.toPlainText()


def _mnemonics(root) -> list[str]:  # type: ignore[no-untyped-def]
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [
        w.text()
        for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton)
        if w.isVisibleTo(root)
    ]
    return [m.group(1).lower() for t in texts for m in [re.search(r"&(\w)", t)] if m]


def test_alt_keys_on_the_page_and_dialogs_are_unique_and_clear_of_the_menus(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    menus = [a.text() for a in window.menuBar().actions()]
    menu_keys = {t[t.index("&") + 1].lower() for t in menus if "&" in t}
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    settle()
    page = window.risks
    qtbot.waitUntil(lambda: page.model.rowCount() == 15, timeout=10000)
    keys = _mnemonics(page)
    assert len(keys) == len(set(keys)) and not set(keys) & menu_keys, keys
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    keys = _mnemonics(page.new_dialog)
    assert len(keys) == len(set(keys)) >= 12, keys
    page.new_dialog.reject()


def test_importing_a_register_lists_row_problems_or_adds_the_risks(
    qtbot: QtBot, page: RisksPage, settle: Settle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    from PySide6.QtWidgets import QFileDialog

    def sheet(name: str, rows: list[list[str]]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([["Risk ID", "Cause", "Event", "Effect", "Likelihood", "Impact"], *rows])
        return path

    bad = sheet("bad.csv", [["ASC-20", "Heat", "care homes overheat", "residents fall ill", "7", "3"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.import_message is not None and page.import_message.isVisible(), timeout=10000
    )
    box = page.import_message
    assert box.text().startswith("Nothing imported: rows with problems: 1 of 1")
    assert box.informativeText().startswith("row 2: Likelihood: '7' is not a whole number from 1 to 5")
    box.accept()
    good = sheet("good.csv", [["ASC-20", "Heat", "care homes overheat", "residents fall ill", "3", "3"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.import_message is not box and page.import_message.isVisible(), timeout=10000)
    assert page.import_message.text() == "Imported 1 new and 0 updated risks from good.csv."
    settle()
    qtbot.waitUntil(lambda: page.model.rowCount() == 16, timeout=5000)
