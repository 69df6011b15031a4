"""The app on a laptop copy: the Sync button and its status, and the Conflicts page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coprod.domain.errors import CoprodError
from coprod.persistence.database import open_database
from coprod.persistence.sync import SyncState, read_state, write_state
from coprod.services.sync import make_copy
from coprod.services.team.server import add_user
from coprod.ui.main_window import PAGE_KEYS, MainWindow
from tests.server.logins import PASSWORD, unique_login
from tests.server.sync_team import CARE, Backup, Team, backups, laptop_state, retitle, team_server, title_of
from tests.server.test_conflicts import conflicted
from tests.ui.accessibility import unnamed_widgets
from tests.ui.conftest import Settle
from tests.ui.test_mnemonics import _check_window

SLOW = 30000  # a sync talks to the server on a machine shared with other test runs


@pytest.fixture
def team(pg_server: str, pg_migrated_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_migrated_url) as made:
        made.logins["m"] = unique_login("manager")
        db = open_database(pg_migrated_url)
        try:
            add_user(db, login=made.logins["m"], role="manager", team=CARE, password=PASSWORD)
        finally:
            db.close()
        yield made


def _state(path: Path, **changed: object) -> None:
    db = open_database(path, create=False)
    try:
        with db.transaction() as s:
            state = read_state(s.connection())
            assert state is not None
            values = {**state.__dict__, **changed}
            write_state(s.connection(), SyncState(**values))  # type: ignore[arg-type]
    finally:
        db.close()


@pytest.fixture
def db_path(tmp_path: Path, team: Team) -> Path:
    """Officer a's laptop: one change waiting, never synced since the copy was made."""
    path = tmp_path / "laptop.db"
    make_copy(path, team.server_as("a"))
    retitle(path, team.ids["rec"], "Book respite online")
    _state(path, last_sync_at=None)
    return path


def test_sync_sends_the_waiting_change_and_says_when(
    qtbot: QtBot, window: MainWindow, team: Team, settle: Settle
) -> None:
    corner = window.sync_corner
    assert corner.isVisible()
    assert corner.label.text() == "Not synced yet; 1 change waiting to sync"
    assert corner.button.accessibleName() == "Sync with the team server"
    assert corner.action.shortcut().toString() == "Ctrl+Shift+Y"
    assert window.nav.item(len(PAGE_KEYS)).text() == "Conflicts"

    qtbot.mouseClick(corner.button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "0 changes waiting to sync" in corner.label.text(), timeout=SLOW)
    assert corner.label.text().startswith("Last synced ")
    assert window.statusBar().currentMessage() == "Synced."
    assert title_of(team.server_as("a"), team.ids["rec"]) == "Book respite online"


def _sent_then_lost(qtbot: QtBot, window: MainWindow, backup: Backup) -> None:
    """Last night's backup; today the waiting retitle is synced; then the backup is put back."""
    corner = window.sync_corner
    backup.take()
    qtbot.mouseClick(corner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "0 changes waiting to sync" in corner.label.text(), timeout=SLOW)
    backup.restore()


def test_after_the_server_is_restored_from_a_backup_the_sync_sends_the_lost_change_again(
    qtbot: QtBot, window: MainWindow, team: Team
) -> None:
    corner = window.sync_corner
    with backups(team) as backup:
        _sent_then_lost(qtbot, window, backup)
        assert title_of(team.url, team.ids["rec"]) == "Online respite booking"

        qtbot.mouseClick(corner.button, Qt.MouseButton.LeftButton)

        qtbot.waitUntil(
            lambda: corner.restored_box is not None and corner.restored_box.isVisible(), timeout=SLOW
        )
    box = corner.restored_box
    assert box is not None and box.windowTitle() == "Team server restored from a backup"
    assert box.text() == (
        "The team server had gone back to an older copy of its data (restored from a backup), so "
        "this laptop checked everything against it again. 1 record it had lost, or held in an older "
        "state, was sent to it again from this laptop."
    )
    assert window.statusBar().currentMessage() == "Synced. The team server had been restored from a backup."
    assert title_of(team.url, team.ids["rec"]) == "Book respite online"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_the_timers_sync_after_a_restore_leaves_the_keyboard_where_the_officer_is_typing(
    qtbot: QtBot, window: MainWindow, team: Team, qapp: QApplication
) -> None:
    corner = window.sync_corner
    with backups(team) as backup:
        _sent_then_lost(qtbot, window, backup)
        window.show_page(window.sessions)
        field = window.sessions.search_box
        field.setFocus()
        qtbot.keyClicks(field, "Carers")
        qtbot.waitUntil(lambda: qapp.focusWidget() is field)

        corner.auto_sync()  # the five-minute timer
        told = lambda: corner.restored_box is not None and corner.restored_box.isVisible()  # noqa: E731
        qtbot.waitUntil(told, timeout=SLOW)
        qtbot.wait(100)  # whatever the platform does with a new window has been done

    assert corner.restored_box is not None
    assert corner.restored_box.windowModality() == Qt.WindowModality.NonModal
    assert qapp.focusWidget() is field and qapp.activeWindow() is window
    QTest.keyClicks(qapp.focusWidget(), " forum")  # typed on, into the field
    assert field.text() == "Carers forum"
    assert title_of(team.url, team.ids["rec"]) == "Book respite online"


def test_a_pull_refreshes_the_pages(qtbot: QtBot, window: MainWindow, team: Team, tmp_path: Path) -> None:
    other = tmp_path / "b.db"
    make_copy(other, team.server_as("b"))
    retitle(other, team.ids["other"], "Carers card for young carers")
    from coprod.services.sync import sync

    db = open_database(other, create=False)
    try:
        sync(db)
    finally:
        db.close()
    window.show_page(window.recommendations)
    model = window.recommendations.model

    def titles() -> str:
        return " | ".join(
            str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())
        )

    qtbot.waitUntil(lambda: "Carers card" in titles(), timeout=SLOW)

    window.sync_corner.action.trigger()

    qtbot.waitUntil(lambda: "Carers card for young carers" in titles(), timeout=SLOW)


def test_a_server_out_of_reach_is_said_once_and_quietly(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    """The automatic sync finds no server: one quiet line, not a box, and not again next time."""
    corner = window.sync_corner
    with window.ctx.workspace.transaction() as s:
        state = read_state(s.connection())
        assert state is not None
        away = SyncState("postgresql://sam@127.0.0.1:9/coprod", state.cursor, None, state.schema)
        write_state(s.connection(), away)
    corner.refresh()
    settle()
    corner.auto_sync()
    qtbot.waitUntil(lambda: not corner.running, timeout=SLOW)
    assert window.statusBar().currentMessage() == ("Team server out of reach; trying again later.")
    window.statusBar().clearMessage()
    corner.auto_sync()
    qtbot.waitUntil(lambda: not corner.running, timeout=SLOW)
    settle()
    assert window.statusBar().currentMessage() == ""
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]


def test_an_out_of_date_laptop_shows_that_one_sentence(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod.ui.operations import sync as operations

    def newer(*_args: object, **_kw: object) -> None:
        raise CoprodError("sync.update_coprod", server="postgresql://sam@db/coprod")

    monkeypatch.setattr(operations, "sync", newer)
    window.sync_corner.auto_sync()
    qtbot.waitUntil(lambda: "Update coprod" in window.sync_corner.label.text(), timeout=SLOW)
    assert window.sync_corner.label.text() == (
        "Update coprod before syncing: the team server postgresql://sam@db/coprod has a newer version "
        "of coprod, and the changes waiting on this laptop are kept."
    )


@pytest.fixture
def manager_laptop(tmp_path: Path, team: Team) -> Path:
    conflicted(team, tmp_path)
    path = tmp_path / "manager.db"
    make_copy(path, team.server_as("m"))
    return path


def test_a_manager_settles_a_conflict_from_the_page(
    qtbot: QtBot, team: Team, manager_laptop: Path, settle: Settle, qapp: object
) -> None:
    from coprod.ui.context import AppContext
    from tests.conftest import AS_OF

    db = open_database(manager_laptop, create=False)
    ctx = AppContext.create(db, as_of=AS_OF)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.nav.count() == len(PAGE_KEYS) + 1, timeout=SLOW)
        page = window.conflicts
        window.nav.setCurrentRow(len(PAGE_KEYS))
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=SLOW)
        assert page.count.text() == "1 conflict to settle: choose which value to keep."
        row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
        assert row[:6] == [
            "R-001 Respite booking by phone",
            "title",
            "Respite booking by phone",
            team.logins["b"],
            "Book respite online",
            team.logins["a"],
        ]
        assert title_of(db, team.ids["rec"]) == "Respite booking by phone"

        qtbot.mouseClick(page.keep_other, Qt.MouseButton.LeftButton)

        qtbot.waitUntil(lambda: page.count.text().endswith("No conflicts to settle."), timeout=SLOW)
        assert page.count.text() == (
            "Settled: the title of R-001 Respite booking by phone is now Book respite online. "
            "No conflicts to settle."
        )
        qtbot.waitUntil(lambda: title_of(db, team.ids["rec"]) == "Book respite online", timeout=SLOW)
        assert title_of(team.url, team.ids["rec"]) == "Book respite online"
    finally:
        ctx.pool.wait()
        ctx.runner.wait()
        window.close()
        db.close()


def test_an_officer_is_told_only_managers_settle(
    qtbot: QtBot, window: MainWindow, team: Team, tmp_path: Path
) -> None:
    conflicted(team, tmp_path)
    window.nav.setCurrentRow(len(PAGE_KEYS))
    page = window.conflicts
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=SLOW)
    qtbot.mouseClick(page.keep_this, Qt.MouseButton.LeftButton)

    def box() -> QMessageBox | None:
        shown = [w for w in page.findChildren(QMessageBox) if w.isVisible()]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: box() is not None, timeout=SLOW)
    assert box().text() == (  # type: ignore[union-attr]
        "Only a manager can settle a conflict: ask a manager of your team to choose which value to keep."
    )
    box().close()  # type: ignore[union-attr]


def _new_address(
    window: MainWindow, qtbot: QtBot, server: str, password: str, *, remember: bool = False, **login: str
) -> None:
    """File > Sync with team server at a new address: the officer gives the server's new place
    (and, in `login`, another `user` or `database_name` than the copy's)."""
    corner = window.sync_corner
    assert corner.moved_action in window.menuBar().actions()[0].menu().actions()
    corner.moved_action.trigger()
    dialog = corner.moved_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    for name, text in {"server": server, **login}.items():
        edit = getattr(dialog, name)
        edit.clear()
        qtbot.keyClicks(edit, text)
    if remember:
        dialog.remember.setChecked(True)
    qtbot.keyClicks(dialog.password, password)
    # The test server has no TLS: lowered as an IT team would for a test server.
    dialog.security.setCurrentIndex(dialog.security.findData("disable"))
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def test_the_copy_follows_its_server_to_a_new_address(
    qtbot: QtBot, window: MainWindow, team: Team, settle: Settle, db_path: Path
) -> None:
    from sqlalchemy.engine import make_url

    from tests.privacy.keys import memory_keyring

    old = make_url(team.server_as("a"))
    corner = window.sync_corner
    corner.moved_action.trigger()
    dialog = corner.moved_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Team server at a new address"
    assert (dialog.user.text(), dialog.database_name.text()) == (team.logins["a"], old.database)
    assert dialog.server.text() == f"127.0.0.1:{old.port}"  # the old address, to be changed
    assert unnamed_widgets(dialog) == []
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _check_window(qtbot, dialog, "new address dialog")  # every Alt letter once, and working
    dialog.reject()

    with memory_keyring():
        _new_address(window, qtbot, f"localhost:{old.port}", PASSWORD)
        qtbot.waitUntil(lambda: "0 changes waiting to sync" in corner.label.text(), timeout=SLOW)
    message = window.statusBar().currentMessage()
    assert message.startswith("This copy now syncs with postgresql://") and "@localhost:" in message
    assert title_of(team.server_as("a"), team.ids["rec"]) == "Book respite online"
    assert "@localhost:" in laptop_state(db_path).server  # the next syncs go there


def test_another_server_at_the_new_address_is_refused_in_one_sentence(
    qtbot: QtBot, window: MainWindow, team: Team, settle: Settle, pg_server: str
) -> None:
    from sqlalchemy.engine import make_url

    from tests.postgres import drop_database, migrated_database

    other_url = migrated_database(pg_server)
    try:
        with team_server(pg_server, other_url) as other:
            moved = make_url(other.server_as("a"))
            _new_address(
                window,
                qtbot,
                f"localhost:{moved.port}",
                PASSWORD,
                user=other.logins["a"],
                database_name=moved.database or "",
            )
            qtbot.waitUntil(lambda: _problem_box() is not None, timeout=SLOW)
            box = _problem_box()
            assert box is not None and "is another team server: nothing was sent or received" in box.text()
            box.close()
    finally:
        drop_database(pg_server, other_url)
    qtbot.waitUntil(lambda: "1 change waiting to sync" in window.sync_corner.label.text(), timeout=SLOW)


def _problem_box() -> QMessageBox | None:
    from PySide6.QtWidgets import QApplication

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return shown[0] if shown else None


def test_a_password_this_computer_cannot_keep_is_said_beside_the_new_address(
    qtbot: QtBot, window: MainWindow, team: Team, settle: Settle
) -> None:
    import keyring
    from keyring.backends import fail
    from sqlalchemy.engine import make_url

    port = make_url(team.server_as("a")).port
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # a desktop with no credential store
    try:
        _new_address(window, qtbot, f"localhost:{port}", PASSWORD, remember=True)
        qtbot.waitUntil(lambda: "not remembered" in window.statusBar().currentMessage(), timeout=SLOW)
    finally:
        keyring.set_keyring(previous)
    message = window.statusBar().currentMessage()
    assert message.startswith("This copy now syncs with postgresql://") and "@localhost:" in message
