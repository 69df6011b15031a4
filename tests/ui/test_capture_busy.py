"""Quick capture while another program holds the database: every item typed is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Feedback, FeedbackTheme, Participant, Theme
from coprod.persistence import database as database_module
from coprod.persistence.database import open_database
from coprod.services.engagement.capture import create_session
from coprod.ui import pending as pending_module
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.conftest import AS_OF
from tests.processes import release, write_lock
from tests.ui.conftest import Settle

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


@pytest.fixture(autouse=True)
def _short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A write gives up on a held lock after half a second and waiting items are tried again
    every 0.3 s, instead of after 5 s and 3 s: the same steps a user sees, sooner. (Autouse, so
    before the window's database is opened.)"""
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 500)
    monkeypatch.setattr(pending_module, "RETRY_MS", 300)


ITEMS = [
    ("The bus never comes on time", "Transport, Day centres", "p-001"),
    ("Staff were kind and listened", "", "p-002"),
    ("Letters come too late", "Communication", ""),
]


def open_session(qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle) -> None:
    with ctx.workspace.transaction() as s:
        create_session(session=s, title="Carers' forum", held_on=AS_OF)
    window.sessions.refresh()
    settle()
    window.nav.setCurrentRow(1)
    window.sessions.table.selectRow(0)
    settle()


def type_items(qtbot: QtBot, window: MainWindow, items: list[tuple[str, str, str]]) -> None:
    pane = window.sessions.capture
    for text, themes, code in items:
        qtbot.keyClicks(pane.text_box, text)
        qtbot.keyClicks(pane.themes_box, themes)
        qtbot.keyClicks(pane.participant_box, code)
        qtbot.keyClick(pane.participant_box, Qt.Key.Key_Return)
        assert pane.text_box.text() == ""


def saved(db_path: Path) -> dict[str, tuple[list[str], str | None]]:
    db = open_database(db_path)
    try:
        with db.reading() as s:
            out = {}
            for f in s.exec(select(Feedback)):
                links = s.exec(select(FeedbackTheme).where(FeedbackTheme.feedback_id == f.id))
                themes = sorted(s.get(Theme, link.theme_id).name for link in links)
                code = s.get(Participant, f.participant_id).code if f.participant_id else None
                out[f.text] = (themes, code)
            return out
    finally:
        db.close()


EXPECTED = {
    "The bus never comes on time": (["Day centres", "Transport"], "P-001"),
    "Staff were kind and listened": ([], "P-002"),
    "Letters come too late": (["Communication"], None),
}


def test_items_saved_while_another_program_holds_the_lock_wait_visibly_and_are_all_saved(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle, db_path: Path
) -> None:
    open_session(qtbot, window, ctx, settle)
    pane = window.sessions.capture
    with write_lock(db_path) as locker:
        type_items(qtbot, window, ITEMS)
        assert (db_path.parent / "coprod.db.pending.jsonl").exists()  # kept on disk already
        qtbot.waitUntil(lambda: pane.waiting_label.text() == "3 items waiting to be saved", timeout=3000)
        assert window.pending_label.text() == "3 items waiting to be saved"
        qtbot.waitUntil(lambda: "will be saved automatically" in pane.message.text(), timeout=15000)
        assert pane.waiting_label.isVisible()
        release(locker)
        qtbot.waitUntil(lambda: ctx.pending.count() == 0, timeout=20000)
    settle()
    assert pane.waiting_label.text() == "" and window.pending_label.text() == ""
    assert pane.count == 3
    assert saved(db_path) == EXPECTED
    assert not (db_path.parent / "coprod.db.pending.jsonl").exists()


def test_items_still_waiting_when_the_window_closes_are_saved_on_the_next_start(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle, db_path: Path
) -> None:
    open_session(qtbot, window, ctx, settle)
    with write_lock(db_path):
        type_items(qtbot, window, ITEMS[:2])
        window.close()
    assert saved(db_path) == {}

    db = open_database(db_path)
    again = AppContext.create(db, as_of=AS_OF)
    try:
        reopened = MainWindow(again)
        qtbot.addWidget(reopened)
        reopened.show()
        qtbot.waitUntil(lambda: again.pending.count() == 0, timeout=20000)
        qtbot.waitUntil(lambda: again.runner.pending == 0)
        assert reopened.pending_label.text() == ""
    finally:
        again.runner.wait()
        db.close()
    assert saved(db_path) == {k: EXPECTED[k] for k in list(EXPECTED)[:2]}


def test_items_saved_at_once_never_show_as_waiting(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    open_session(qtbot, window, ctx, settle)
    # "At once" is a moment, not a promise about a busy machine: here a write counts as
    # slow after 2 s instead of 0.6 s, so two test processes sharing two cores cannot make
    # an ordinary write look slow.
    ctx.pending.show_timer.setInterval(2000)
    pane = window.sessions.capture
    shown: list[str] = []
    ctx.pending.sig_count_changed.connect(lambda n: shown.append(pane.waiting_label.text()))
    type_items(qtbot, window, ITEMS)
    settle()
    # Nothing waits and the clock that would show a slow write is stopped: nothing can show
    # as waiting later (no need to sit past the moment it would have fired).
    qtbot.waitUntil(lambda: ctx.pending.count() == 0 and not ctx.pending.show_timer.isActive())
    assert pane.count == 3
    assert set(shown) == {""} and window.pending_label.text() == ""


def _window_on(qtbot: QtBot, here: AppContext) -> MainWindow:
    window = MainWindow(here)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.nav.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 1)
    window.sessions.table.selectRow(0)
    qtbot.waitUntil(lambda: here.runner.pending == 0)
    return window


def test_items_typed_into_a_database_opened_read_only_are_saved_when_it_is_opened_normally(
    qtbot: QtBot, ctx: AppContext, db_path: Path
) -> None:
    with ctx.workspace.transaction() as s:
        create_session(session=s, title="Carers' forum", held_on=AS_OF)
    ctx.workspace.close()

    read_only = AppContext.create(open_database(db_path, read_only=True), as_of=AS_OF)
    window = _window_on(qtbot, read_only)
    type_items(qtbot, window, ITEMS[:1])
    pane = window.sessions.capture
    assert "open read only" in pane.message.text()
    assert pane.waiting_label.text() == "1 item waiting to be saved"
    assert window.pending_label.text() == "1 item waiting to be saved"
    window.close()
    read_only.workspace.close()
    assert saved(db_path) == {}

    normal = AppContext.create(open_database(db_path), as_of=AS_OF)
    try:
        window = _window_on(qtbot, normal)
        qtbot.waitUntil(lambda: normal.pending.count() == 0, timeout=10000)
        window.close()
    finally:
        normal.runner.wait()
        normal.workspace.close()
    assert saved(db_path) == {k: EXPECTED[k] for k in list(EXPECTED)[:1]}
