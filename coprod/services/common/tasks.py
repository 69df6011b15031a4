"""Progress and cancel for long work, without Qt: services take a TaskState, tests a stub."""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """Raised inside a long task when the user pressed Cancel; the transaction rolls back."""


class TaskState:
    """Passed into long-running service functions (import, export, reports, demo).

    The GUI's progress dialog reads `fraction` and `status`, and calls `cancel()`; the service
    calls `set_progress`, `set_status` and `check()` between steps.
    """

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.status = ""

    def set_progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def set_status(self, text: str) -> None:
        self.status = text

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here if cancelled: raises Cancelled."""
        if self._cancel.is_set():
            raise Cancelled()
