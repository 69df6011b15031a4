"""Recommendations page steps: load the table from the lag engine, then filter and sort it.

Each step also reports the longest time the GUI thread was busy in one go (measured as the
largest gap between ticks of a 5 ms timer), which is what a user feels as a freeze.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from benchmarks.bench import Bench, step

_STATE: dict[str, Any] = {}


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _until(app: Any, done: Callable[[], bool], timeout: float = 120.0) -> float:
    """Spin the event loop until `done()`; return the longest GUI-thread stall in ms."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    clock = QElapsedTimer()
    clock.start()
    last, worst = [0], [0]

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    while not done():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the recommendations page did not finish in time")
    timer.stop()
    tick()
    return float(worst[0])


@step("recommendations page: load table (lag engine, all rows)")
def load_table(bench: Bench) -> str:
    app = _app()
    from coprod.persistence.database import open_database
    from coprod.ui.context import AppContext
    from coprod.ui.views.recommendations import RecommendationsPage

    db = open_database(bench.db_path, create=False)
    ctx = AppContext.create(db, as_of=bench.as_of)
    page = RecommendationsPage(ctx)
    page.resize(1400, 900)
    page.show()
    stall = _until(app, lambda: page.model.total > 0 and page.detail is not None)
    _STATE.update(app=app, ctx=ctx, page=page, db=db)
    return f"{page.model.total:,} rows; longest GUI-thread step {stall:.0f} ms"


@step("recommendations page: filter to overdue")
def filter_overdue(bench: Bench) -> str:
    page = _STATE["page"]
    page.model.sig_loaded.connect(lambda: _STATE.__setitem__("loaded", True))
    _STATE["loaded"] = False
    page.filters.overdue.setChecked(True)
    stall = _until(_STATE["app"], lambda: _STATE["loaded"])
    return f"{page.model.matching:,} overdue; longest GUI-thread step {stall:.0f} ms"


@step("recommendations page: sort by lag, worst first")
def sort_by_lag(bench: Bench) -> str:
    from PySide6.QtCore import Qt

    from coprod.ui.models.recommendation_rows import RecColumn

    page = _STATE["page"]
    page.filters.clear_all()
    _STATE["loaded"] = False
    _until(_STATE["app"], lambda: _STATE["loaded"])
    _STATE["loaded"] = False
    page.table.sortByColumn(RecColumn.LAG, Qt.SortOrder.DescendingOrder)
    stall = _until(_STATE["app"], lambda: _STATE["loaded"])
    page.close()
    _STATE["ctx"].runner.wait()
    _STATE["db"].close()
    return f"{page.model.matching:,} rows; longest GUI-thread step {stall:.0f} ms"
