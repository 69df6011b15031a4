"""GUI fixtures: a main window on a fresh or demo database, and a way to wait for the worker."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coprod.persistence.database import Database, open_database
from coprod.ui import search
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.conftest import AS_OF
from tests.engines import copy_database

Settle = Callable[[], None]


@pytest.fixture(autouse=True)
def _fresh_settings(qapp: object) -> Iterator[None]:
    """Qt reads its settings path once per process, so each test starts from empty settings,
    and with no key held down."""
    QSettings().clear()
    release_modifiers()
    yield
    QSettings().clear()


def release_modifiers() -> None:
    """Qt keeps the modifiers of the last key event it was sent as the ones held now. A key
    click with Ctrl+Shift ends on the release of Shift, which carries Shift, so Qt goes on
    believing Shift is held; in the next test of the same process a row selected "with Shift"
    would extend a selection instead of choosing the row. A release with no modifier lets go."""
    if QApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        QTest.keyRelease(QWidget(), Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


@pytest.fixture
def settle(qtbot: QtBot, request: pytest.FixtureRequest) -> Settle:
    """Wait until every database job has finished and its result reached the widgets."""
    return lambda: settle_context(qtbot, request.getfixturevalue("ctx"))


def settle_context(qtbot: QtBot, ctx: AppContext) -> None:
    """Wait until every job of `ctx` has finished and its result reached the widgets.

    A result handled may start more work (a timer of 0 ms, a page asking for its rows): one
    short pass of the event loop after each idle moment lets that start, and the wait ends only
    when such a pass leaves both workers idle. The event loop is run a millisecond at a time
    (qtbot.waitUntil looks every 10 ms), so a result is handled as soon as it arrives."""
    idle = lambda: ctx.runner.pending == 0 and ctx.pool.pending == 0  # noqa: E731
    deadline = time.monotonic() + 60
    while True:
        was_idle = idle()
        qtbot.wait(1)
        if was_idle and idle():
            return
        assert time.monotonic() < deadline, "the database workers were still busy after 60 s"


@pytest.fixture
def ctx(db: Database, qapp: object) -> Iterator[AppContext]:
    """An AppContext over the test's database (a fresh file; override `db_path` for another),
    drained before it closes."""
    context = AppContext.create(db, as_of=AS_OF)
    yield context
    context.pool.wait()
    context.runner.wait()
    if context.workspace.database is not db:  # a test opened another file through the window
        context.workspace.close()


@pytest.fixture
def colleague(db: Database) -> Iterator[Database]:
    """A second connection to the test's database: another officer's copy of coprod."""
    other = open_database(db.path or db.url)
    yield other
    other.close()


@pytest.fixture
def demo_path(demo_db_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    return copy_database(demo_db_file, path)  # type: ignore[return-value]


def activate(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, settle: Settle) -> MainWindow:
    return open_window(qtbot, ctx, settle)


def open_window(qtbot: QtBot, ctx: AppContext, settle: Settle) -> MainWindow:
    """The main window over `ctx`, shown, active and with its first page loaded."""
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    activate(qtbot, win)
    settle()
    return win


@pytest.fixture(autouse=True)
def _quick_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search boxes search as soon as typing stops, not a quarter of a second later: a test
    types a whole word at once, so the pause stands for nothing but waiting. The pause itself
    is tested with its real length (test_search.py)."""
    monkeypatch.setattr(search, "SEARCH_DELAY_MS", 0)
