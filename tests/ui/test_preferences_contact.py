"""The council's contact details are set once in Preferences and reach every report for residents."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from coprod.persistence.repositories.settings import get_organisation
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle, activate


def test_officer_sets_the_council_contact_by_keyboard(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.preferences()
    settle()
    dialog = window.prefs
    activate(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.phone
    qtbot.keyClicks(dialog.phone, "01632 960000")
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.address
    qtbot.keyClicks(dialog.address, "14 Elm Road")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.address, "Northtown NT1 1AA")
    assert dialog.email.accessibleName() == "Email"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    with ctx.workspace.reading() as s:
        org = get_organisation(session=s)
    assert org.contact_phone == "01632 960000"
    assert org.contact_address == "14 Elm Road\nNorthtown NT1 1AA" and org.has_contact
    window.preferences()  # shown again to edit, and the team rules are untouched
    settle()
    assert window.prefs.phone.text() == "01632 960000" and window.prefs.stall.value() == 60
    window.prefs.reject()
