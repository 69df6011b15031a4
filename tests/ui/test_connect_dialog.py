"""File > Connect to team server, as an officer uses it: fill the form, test, connect, and see
the server and the user in the status bar; a problem is one sentence in the dialog."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from coprod.ui.dialogs.connect import RECENT_SERVERS, ConnectDialog
from coprod.ui.main_window import MainWindow
from tests.postgres import server_address
from tests.privacy.keys import MemoryKeyring, memory_keyring
from tests.ui.accessibility import unnamed_widgets
from tests.ui.conftest import Settle
from tests.ui.test_mnemonics import _check_window

SERVER = server_address()


@pytest.fixture
def store() -> Iterator[MemoryKeyring]:
    with memory_keyring() as memory:
        yield memory


def _open(window: MainWindow, qtbot: QtBot) -> ConnectDialog:
    window.connect_action.trigger()
    dialog = window.connect_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _fill(dialog: ConnectDialog, qtbot: QtBot, *, server: str, database: str, password: str = "") -> None:
    for edit, text in ((dialog.server, server), (dialog.database_name, database), (dialog.user, "postgres")):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    # The test server has no TLS: lowered as an IT team would for a test server.
    dialog.security.setCurrentIndex(dialog.security.findData("disable"))


def _said(dialog: ConnectDialog, qtbot: QtBot, words: str) -> None:
    qtbot.waitUntil(lambda: words in dialog.status.text(), timeout=20000)


def test_every_control_is_named_and_reached_by_its_alt_letter(
    qtbot: QtBot, window: MainWindow, store: MemoryKeyring
) -> None:
    dialog = _open(window, qtbot)
    assert unnamed_widgets(dialog) == []
    assert dialog.server.hasFocus()
    _check_window(qtbot, dialog, "connect dialog")


def test_tls_is_checked_by_default_and_lowering_it_says_so(
    qtbot: QtBot, window: MainWindow, store: MemoryKeyring
) -> None:
    dialog = _open(window, qtbot)
    assert dialog.security.currentData() == "verify-full"
    assert not dialog.warning.isVisible()
    assert not dialog.connect_button.isEnabled()  # nothing to connect to yet
    dialog.security.setFocus()
    qtbot.keyClick(dialog.security, Qt.Key.Key_Down)
    assert dialog.security.currentData() == "require"
    assert dialog.warning.isVisible() and dialog.warning.text().startswith("Warning: less safe.")


def test_a_test_connection_says_what_it_found(
    qtbot: QtBot, window: MainWindow, store: MemoryKeyring, pg_url: str
) -> None:
    dialog = _open(window, qtbot)
    _fill(dialog, qtbot, server=SERVER, database=make_url(pg_url).database or "")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    _said(dialog, qtbot, f"Connected to {SERVER} as postgres (PostgreSQL ")
    assert "coprod is not set up" in dialog.status.text()
    assert dialog.isVisible()

    dialog.database_name.clear()
    qtbot.keyClicks(dialog.database_name, "no_such_coprod_db")
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    _said(dialog, qtbot, f"The team server {SERVER} has no database called no_such_coprod_db")


def test_a_server_that_is_not_there_leaves_the_open_database_as_it_was(
    qtbot: QtBot, window: MainWindow, store: MemoryKeyring, settle: Settle
) -> None:
    before = window.ctx.workspace
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog = _open(window, qtbot)
    _fill(dialog, qtbot, server=f"127.0.0.1:{port}", database="coprod")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter connects
    _said(dialog, qtbot, f"could not reach the team server 127.0.0.1:{port}")
    settle()
    assert dialog.isVisible() and window.ctx.workspace is before
    assert "Traceback" not in dialog.status.text()

    dialog.server.clear()
    qtbot.keyClicks(dialog.server, "db.council.local:port")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert "name:port" in dialog.status.text()


def test_connecting_shows_the_server_and_the_user_and_remembers_the_login(
    qtbot: QtBot, window: MainWindow, store: MemoryKeyring, settle: Settle, pg_url: str
) -> None:
    database = make_url(pg_url).database or ""
    dialog = _open(window, qtbot)
    _fill(dialog, qtbot, server=SERVER, database=database, password="kept-safe")
    qtbot.mouseClick(dialog.remember, Qt.MouseButton.LeftButton)
    assert dialog.remember.isChecked()
    with qtbot.waitSignal(dialog.sig_connected, timeout=60000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    settle()
    assert not dialog.isVisible()
    assert window.ctx.workspace.path is None
    assert window.db_label.text() == f"Team server {SERVER} · signed in as postgres"
    assert window.windowTitle() == f"{database} on {SERVER} - coprod"
    assert "kept-safe" not in window.windowTitle() + window.db_label.text()
    # The password in the credential store; the login, without it, among the recent servers.
    assert list(store.kept.values()) == ["kept-safe"]
    recent = RECENT_SERVERS.get()
    assert len(recent) == 1 and "kept-safe" not in recent[0] and database in recent[0]

    again = _open(window, qtbot)
    assert again.recent.isVisible()
    shown = (again.server.text(), again.database_name.text(), again.user.text())
    assert shown == (SERVER, database, "postgres")
    assert again.password.text() == "kept-safe" and again.remember.isChecked()
    assert again.security.currentData() == "disable"
    again.reject()
    QApplication.processEvents()
