"""The Personal data window's Participants page, driven as the lead would use it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from coprod.domain.privacy import ConsentUse, LawfulBasis
from coprod.services.privacy import participants as svc
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from coprod.ui.views.privacy import PersonalDataWindow
from tests.privacy.people import CODE, NAME, plant
from tests.ui.conftest import Settle


def _save(qtbot: QtBot, dialog: object) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _open(qtbot: QtBot, window: MainWindow, settle: Settle) -> PersonalDataWindow:
    (action,) = [
        a
        for a in window.findChildren(type(window.menuBar().actions()[0]))
        if a.shortcut() == QKeySequence("Ctrl+Shift+P")
    ]
    action.trigger()
    settle()
    dialog = window.personal_data_window  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    settle()
    return dialog


def _select(qtbot: QtBot, page: object, settle: Settle, code: str) -> None:
    qtbot.keyClicks(page.search_box, code)  # type: ignore[attr-defined]
    page.refresh()  # type: ignore[attr-defined]
    settle()
    page.table.selectRow(0)  # type: ignore[attr-defined]
    settle()


def test_add_a_participant_record_consent_and_withdraw_it(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    plant(ctx.workspace, published=True)
    dialog = _open(qtbot, window, settle)
    page = dialog.participants
    assert [page.model.row_at(n).code for n in range(page.model.total)] == [CODE, "P-0099"]

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    qtbot.keyClicks(editor.name, "Ada Lovelace")
    qtbot.keyClicks(editor.contact, "ada@example.org")
    editor.basis.setCurrentIndex(editor.basis.findData(LawfulBasis.CONSENT))
    _save(qtbot, editor)
    settle()
    assert not editor.isVisible()
    with ctx.workspace.reading() as s:
        ada = svc.find_participants(session=s, search="Ada")[0]
    assert (ada.code, ada.contact, ada.lawful_basis) == ("P-0003", "ada@example.org", LawfulBasis.CONSENT)
    assert page.model.total == 3

    _select(qtbot, page, settle, "P-0003")
    assert not page.withdraw_button.isEnabled()  # nothing to withdraw yet
    qtbot.mouseClick(page.consent_button, Qt.MouseButton.LeftButton)
    consent = page.editor
    _save(qtbot, consent)  # nothing said about how: refused in place
    settle()
    assert consent.isVisible() and "how consent was given" in consent.error.text()
    qtbot.keyClicks(consent.how, "Signed form at the session")
    qtbot.keyClicks(consent.wording, "You may use my words in reports.")
    _save(qtbot, consent)
    settle()
    assert not consent.isVisible()
    assert "quoting in reports since" in page.model.data(page.model.index(0, 4))

    page.search_box.clear()
    _select(qtbot, page, settle, CODE)
    assert page.withdraw_button.isEnabled()
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    withdraw = page.editor
    assert ConsentUse(withdraw.use.currentData()) == ConsentUse.QUOTE
    _save(qtbot, withdraw)
    settle()
    assert page.notice.isVisible()
    assert "left out of every report" in page.notice.text()
    assert "You said, we did (for residents), as of 1 Feb 2026" in page.notice.text()
    assert "quoting in reports withdrawn" in page.model.data(page.model.index(0, 4))


@pytest.mark.sqlite_only  # reads the file's bytes
def test_the_lead_erases_a_participant(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    plant(ctx.workspace)
    dialog = _open(qtbot, window, settle)
    page = dialog.participants
    _select(qtbot, page, settle, CODE)
    qtbot.mouseClick(page.erase_button, Qt.MouseButton.LeftButton)
    erase = page.editor
    assert "cannot be undone" in erase.question.text()
    _save(qtbot, erase)
    settle()
    assert not erase.isVisible()
    assert f"Erased {CODE}" in page.notice.text()
    row = page.model.row_at(0)
    assert (row.code, row.name, row.contact) == (CODE, None, None)
    assert NAME.encode() not in ctx.workspace.path.read_bytes()
    # asked again (a second request, or a slip): it says so rather than erasing "again"
    page.search_box.clear()
    _select(qtbot, page, settle, CODE)
    qtbot.mouseClick(page.erase_button, Qt.MouseButton.LeftButton)
    _save(qtbot, page.editor)
    settle()
    assert f"{CODE} had already been erased on" in page.notice.text()
    assert f"Erased {CODE}" not in page.notice.text()


def test_the_lead_makes_a_subject_access_file(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle, tmp_path, monkeypatch
) -> None:
    plant(ctx.workspace)
    dialog = _open(qtbot, window, settle)
    page = dialog.participants
    _select(qtbot, page, settle, CODE)
    out = tmp_path / "for-resident.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(page.sar_button, Qt.MouseButton.LeftButton)
    settle()
    assert NAME in out.read_text(encoding="utf-8")
    assert f"Subject access file for {CODE} written to for-resident.json" in page.notice.text()


def test_ctrl_f_finds_a_participant_from_any_tab_of_the_window(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    plant(ctx.workspace, published=True)
    dialog = _open(qtbot, window, settle)
    dialog.tabs.setCurrentWidget(dialog.retention)
    qtbot.keyClicks(dialog.participants.search_box, "earlier words")
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = dialog.participants.search_box
    assert dialog.tabs.currentWidget() is dialog.participants
    assert box.hasFocus() and box.selectedText() == "earlier words"  # typing replaces it
    qtbot.keyClicks(box, CODE)
    page = dialog.participants
    page.refresh()
    settle()
    assert [page.model.row_at(n).code for n in range(page.model.total)] == [CODE]
