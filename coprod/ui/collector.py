"""Python's cycle collector on the GUI thread only (see coprod/services/common/collector.py).

The automatic collector is off for the session; a timer on the GUI thread makes whatever
collection Python would have made by now. Garbage then waits at most `INTERVAL_MS`, and every
Qt object freed by a collection is destroyed on the thread that made it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QTimer

from coprod.services.common.collector import collect_if_due

INTERVAL_MS = 200
_NAME = "coprod-collector"


def collect_on_gui_thread(app: QCoreApplication) -> None:
    """From now on, collect only on `app`'s thread (the one calling this). Asking again changes nothing."""
    gc.disable()
    if app.findChild(QTimer, _NAME) is not None:
        return
    timer = QTimer(app)
    timer.setObjectName(_NAME)
    timer.timeout.connect(collect_if_due)
    timer.start(INTERVAL_MS)
