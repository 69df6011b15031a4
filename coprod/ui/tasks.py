"""One database thread for the whole app; results come back to the GUI thread as signals.

Widgets never touch the database directly and workers never touch widgets: a worker runs a
plain function and the GUI-thread callback receives its result (or its error).
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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
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

        def failed(exc: BaseException) -> None:
            close()
            if isinstance(exc, Cancelled):
                if on_cancelled:
                    on_cancelled()
            elif on_error:
                on_error(exc)
            else:
                raise exc

        self.run(lambda: fn(state), on_done=done, on_error=failed)
        return state

    @property
    def pending(self) -> int:
        """How many jobs are queued or running whose results have not been delivered yet."""
        return self._pending

    @Slot()
    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued work is done (for tests and for closing the app)."""
        return self.pool.waitForDone(msecs)
