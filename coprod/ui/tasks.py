"""One database thread for the whole app, and a general pool for long work that needs no
database (rendering a report); results come back to the GUI thread as signals.

Widgets never touch the database directly and workers never touch widgets: a worker runs a
plain function and the GUI-thread callback receives its result (or its error). Short reads
and writes queue on the database thread; a PDF being drawn on the pool never holds them up.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from coprod.services.common.tasks import Cancelled, TaskState

PROGRESS_DELAY_MS = 600


class _Signals(QObject):
    finished = Signal(object, object)  # (the job's number, its result)
    failed = Signal(object, object)  # (the job's number, the exception it raised)


class _Job(QRunnable):
    def __init__(self, number: int, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.number = number
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001  (delivered to the GUI thread, never lost)
            self.signals.failed.emit(self.number, exc)
        else:
            self.signals.finished.emit(self.number, result)


Callbacks = tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]


class DbRunner(QObject):
    """Runs database work on a single worker thread, in submission order."""

    sig_busy_changed = Signal(bool)
    """Emitted with True when work starts and False when the queue is empty."""

    THREADS = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(self.THREADS)
        self._pending = 0
        # One signals object for every job, connected once; each job's callbacks wait here
        # under its number until its result arrives, and go with it. (A signals object per
        # job, with the callbacks connected to it, is never freed: Qt would hold the slots and
        # the slots the object, a loop Python's collector cannot see, keeping every page and
        # dialog a job ever called back.) Lives in the GUI thread, so results are delivered there.
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._waiting: dict[int, Callbacks] = {}
        self._numbers = itertools.count()

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `fn()` off the GUI thread; call `on_done(result)` or `on_error(exc)` on it."""
        number = next(self._numbers)
        self._waiting[number] = (on_done, on_error)
        self._pending += 1
        if self._pending == 1:
            self.sig_busy_changed.emit(True)
        self.pool.start(_Job(number, fn, self._signals))

    @Slot(object, object)
    def _finished(self, number: int, result: Any) -> None:
        on_done, _on_error = self._delivered(number)
        if on_done is not None:
            on_done(result)
        elif isinstance(result, BaseException):
            raise result

    @Slot(object, object)
    def _failed(self, number: int, exc: BaseException) -> None:
        _on_done, on_error = self._delivered(number)
        if on_error is None:
            raise exc
        on_error(exc)

    def _delivered(self, number: int) -> Callbacks:
        callbacks = self._waiting.pop(number)
        self._pending -= 1
        if self._pending == 0:
            self.sig_busy_changed.emit(False)
        return callbacks

    def run_with_progress(
        self,
        fn: Callable[[TaskState], Any],
        *,
        parent: QWidget | None,
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> TaskState:
        """Long work with a progress dialog that appears only if it takes over ~600 ms."""
        return run_steps(
            [(self, fn)],
            parent=parent,
            title=title,
            on_done=on_done,
            on_error=on_error,
            on_cancelled=on_cancelled,
        )

    @property
    def pending(self) -> int:
        """How many jobs are queued or running whose results have not been delivered yet."""
        return self._pending

    @Slot()
    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued work is done (for tests and for closing the app)."""
        return self.pool.waitForDone(msecs)


class WorkPool(DbRunner):
    """Long work that needs no database (rendering, writing files), a few jobs at a time."""

    THREADS = 2


def run_steps(
    steps: list[tuple[DbRunner, Callable[..., Any]]],
    *,
    parent: QWidget | None,
    title: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> TaskState:
    """Run steps one after another, each on its own runner, under one progress dialog.

    The first step is called as `fn(state)`, each later one as `fn(state, previous result)`;
    the dialog appears only if the whole takes over ~600 ms, and Cancel stops at the next
    `state.check()`.
    """
    state = TaskState()
    dialog = QProgressDialog(title, "Cancel", 0, 1000, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(state.cancel)
    timer = QTimer(dialog)
    timer.setInterval(100)

    def tick() -> None:
        dialog.setValue(int(state.fraction * 1000))
        if state.status:
            dialog.setLabelText(state.status)

    timer.timeout.connect(tick)
    timer.start()

    def close() -> None:
        timer.stop()
        dialog.reset()
        dialog.deleteLater()

    def done(result: Any) -> None:
        close()
        if on_done:
            on_done(result)

    def step(index: int, previous: Any) -> None:
        runner, fn = steps[index]
        last = index == len(steps) - 1
        job = (lambda: fn(state)) if index == 0 else (lambda: fn(state, previous))
        runner.run(job, on_done=done if last else (lambda result: step(index + 1, result)), on_error=failed)

    def failed(exc: BaseException) -> None:
        close()
        if isinstance(exc, Cancelled):
            if on_cancelled:
                on_cancelled()
        elif on_error:
            on_error(exc)
        else:
            raise exc

    step(0, None)
    return state
