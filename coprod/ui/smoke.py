"""A start-up check for builds: with COPROD_SMOKE_EXIT=1 the window closes itself, the normal
way, as soon as it is on screen showing rows from the database.

The frozen program's smoke test uses it to prove that the window opens on a real file with
everything it needs in the bundle, and to time how long an officer waits for the first list.
It prints one line, `coprod: window shown, N rows, T ms`, then closes the window (saving
its settings like any close) so the application ends with status 0. If no rows have shown
after SMOKE_TIMEOUT_S, it prints why and ends with status 1.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow

ENV = "COPROD_SMOKE_EXIT"
SMOKE_TIMEOUT_S = 60.0
POLL_MS = 10


def requested() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def rows_shown(window: QMainWindow) -> int:
    """Rows in the lists visible on the window's current page (0 while they are loading)."""
    if not window.isVisible():
        return 0
    central = window.centralWidget()
    if central is None:
        return 0
    nav = getattr(window, "nav", None)  # the page list has rows from the start: not data
    return sum(
        view.model().rowCount()
        for view in central.findChildren(QAbstractItemView)
        if view is not nav and view.isVisible() and view.model() is not None
    )


def arm(window: QMainWindow, started: float | None = None) -> QTimer:
    """Close `window` once it shows rows; `started` is a time.perf_counter() reading to time from."""
    began = time.perf_counter() if started is None else started
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def poll() -> None:
        rows = rows_shown(window)
        waited = time.perf_counter() - began
        if rows:
            timer.stop()
            if sys.stdout is not None:  # a program built without a console has none
                print(f"coprod: window shown, {rows} rows, {waited * 1000:.0f} ms", flush=True)
            window.close()
        elif waited > SMOKE_TIMEOUT_S:
            timer.stop()
            if sys.stderr is not None:
                print(
                    f"coprod: the window showed no rows in {SMOKE_TIMEOUT_S:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
            QApplication.exit(1)

    timer.timeout.connect(poll)
    timer.start()
    return timer
