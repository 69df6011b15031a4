"""One database thread for the whole app, and a general pool for long work that needs no
database (rendering a report); results come back to the GUI thread as signals.

Widgets never touch the database directly and workers never touch widgets: a worker runs a
plain function and the GUI-thread callback receives its result (or its error). Short reads
and writes queue on the database thread; a PDF being drawn on the pool never holds them up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from coprod.services.common.tasks import Cancelled, TaskState

PROGRESS_DELAY_MS = 600


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001  (delivered to the GUI thread, never lost)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


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
        self._keep: set[_Signals] = set()

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `fn()` off the GUI thread; call `on_done(result)` or `on_error(exc)` on it."""
        signals = _Signals()
        self._keep.add(signals)

        def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
            self._keep.discard(signals)
            self._pending -= 1
            if self._pending == 0:
                self.sig_busy_changed.emit(False)
            if callback is not None:
                callback(value)
            elif isinstance(value, BaseException):
                raise value

        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda exc: finish(on_error, exc))
        self._pending += 1
        if self._pending == 1:
            self.sig_busy_changed.emit(True)
        self.pool.start(_Job(fn, signals))

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
