"""A day's work in the window is hundreds of thousands of signals; none may wear the
interpreter down. With PySide6 6.12.0 on Python 3.11 each signal delivered to a Python slot
took a reference from None, True or False, and the app aborted ("deallocating None") after
some reloads of a 10,000-row list."""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from pathlib import Path
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from coprod.persistence.database import Database
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.conftest import AS_OF
from tests.ui.conftest import Settle, settle_context


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


class _Emitter(QObject):
    sig_plain = Signal()
    sig_value = Signal(object)


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_signals_to_python_slots_leave_none_true_and_false_alone() -> None:
    emitter, seen = _Emitter(), []
    emitter.sig_plain.connect(lambda: seen.append(1))
    emitter.sig_value.connect(seen.append)
    before = _counts()
    for _ in range(300):
        emitter.sig_plain.emit()
        emitter.sig_value.emit(2)
    assert len(seen) == 600
    assert all(after >= was - 10 for after, was in zip(_counts(), before, strict=True)), (before, _counts())


def test_sorting_the_recommendations_again_and_again_wears_nothing_down(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.nav.setCurrentRow(3)  # Recommendations
    settle()
    table = window.recommendations.table
    # Garbage left by earlier tests, freed by a collection during the loop, gives references
    # back; collect it first so that only what the signals take is measured.
    gc.collect()
    before = _counts()
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder) * 10:
        table.sortByColumn(2, order)
        settle()
    assert all(after >= was - 50 for after, was in zip(_counts(), before, strict=True)), (before, _counts())


class _Result:
    """What a job hands back: something the test can watch being freed."""


class _Gone(Exception):
    """What a job raises: an error of the test's own, which can be watched being freed."""


def _fails() -> _Result:
    raise _Gone("the file went away")


class _Page:
    """Stands for a page: a job calls it back with what it read, or with what went wrong."""

    def __init__(self, given: list[weakref.ref[object]]) -> None:
        self.given = given

    def show(self, value: object) -> None:
        self.given.append(weakref.ref(value))


def test_what_a_job_read_and_the_page_it_called_back_are_let_go(ctx: AppContext, settle: Settle) -> None:
    """A day of reloads runs thousands of jobs: once a page has been given what a job read (or
    its error), neither the rows nor the page may stay in memory for the rest of the session."""
    given: list[weakref.ref[object]] = []
    pages: list[weakref.ref[_Page]] = []
    for n in range(20):
        page = _Page(given)
        if n % 2:
            ctx.runner.run(_fails, on_error=page.show)
        else:
            ctx.pool.run(_Result, on_done=page.show)
        pages.append(weakref.ref(page))
        del page
    settle()
    gc.collect()
    assert len(given) == 20
    assert sum(ref() is not None for ref in given) == 0, "results still held after delivery"
    assert sum(ref() is not None for ref in pages) == 0, "pages still held by their jobs"


def _busy_reading() -> list[tuple[int, str, None]]:
    """A job that reads a long list, as loading a page does: enough objects for Python to want
    a collection while it runs, and still there when the job is done."""
    return [(n, str(n), None) for n in range(200_000)]


def test_a_qt_object_left_in_a_cycle_is_destroyed_on_the_gui_thread_not_a_worker(
    qtbot: QtBot, ctx: AppContext, settle: Settle
) -> None:
    """Python collects garbage on whichever thread allocates past its threshold. A Qt object
    (a dialog, a timer) left in a reference cycle and collected on the database worker was
    destroyed there: the window crashed, or froze for good when the worker, holding one of
    Qt's locks, waited for the interpreter lock the GUI thread held. So the window collects on
    its GUI thread only, however busy the workers are."""
    destroyed_on: list[int] = []
    holder = SimpleNamespace(thing=QObject())
    holder.thing.held_by = holder  # a cycle: only the collector can free it
    holder.thing.destroyed.connect(
        lambda: destroyed_on.append(threading.get_ident()), Qt.ConnectionType.DirectConnection
    )
    del holder
    done: list[list[tuple[int, str, None]]] = []
    for _ in range(3):
        ctx.runner.run(_busy_reading, on_done=done.append)
        ctx.pool.run(_busy_reading, on_done=done.append)
    settle()
    assert [len(rows) for rows in done] == [200_000] * 6
    qtbot.waitUntil(lambda: bool(destroyed_on), timeout=5000)
    assert destroyed_on == [threading.get_ident()]


def test_a_window_closed_and_deleted_lets_go_of_its_context(qtbot: QtBot, db: Database) -> None:
    """Everything a window's session held (pages, their rows, the undo steps) goes with the
    window: nothing the context owns may keep the window, and through it the context, alive."""
    ctx = AppContext.create(db, as_of=AS_OF)
    window = MainWindow(ctx)
    window.show()
    settle_context(qtbot, ctx)
    window.close()
    settle_context(qtbot, ctx)
    _delete(qtbot, window)
    context = weakref.ref(ctx)
    del window, ctx
    gc.collect()
    assert context() is None, "the closed window's context is still held"


def _delete(qtbot: QtBot, window: MainWindow) -> None:
    """Delete `window` as Qt does once its event loop runs again."""
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
