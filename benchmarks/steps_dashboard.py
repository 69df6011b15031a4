"""Dashboard and review steps: how soon the dashboard shows its figures after the window opens,
and how long the slower history and the review queue take."""

from __future__ import annotations

import os
import time

from benchmarks.bench import Bench, step


def _app():  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _open_dashboard(bench: Bench, signal_name: str) -> float:
    """Seconds from creating and showing the window to `signal_name` being emitted."""
    app = _app()
    from PySide6.QtWidgets import QMainWindow

    from coprod.persistence.database import open_database
    from coprod.ui.context import AppContext
    from coprod.ui.views.dashboard import DashboardPage

    db = open_database(bench.db_path, create=False)
    ctx = AppContext.create(db, as_of=bench.as_of)
    started = time.perf_counter()
    window = QMainWindow()
    page = DashboardPage(ctx)
    window.setCentralWidget(page)
    window.resize(1300, 850)
    window.show()
    done: list[float] = []
    getattr(page, signal_name).connect(lambda: done.append(time.perf_counter() - started))
    while not done:
        app.processEvents()
        time.sleep(0.001)
    ctx.runner.wait()
    app.processEvents()  # deliver the last results while the window still exists
    window.close()
    db.close()
    return done[0]


# The step time also covers waiting for the history to finish so the database can close; the
# note gives the figure that matters: window opened to figures on screen.
@step("dashboard: window opened -> figures on screen", repeat=3)
def figures_shown(bench: Bench) -> str:
    seconds = _open_dashboard(bench, "sig_figures_shown")
    return f"{seconds:.3f} s to the tiles, table and three charts (target < 1 s)"


@step("dashboard: window opened -> overdue-by-month chart", repeat=1)
def history_shown(bench: Bench) -> str:
    seconds = _open_dashboard(bench, "sig_history_shown")
    return f"{seconds:.3f} s (twelve runs of the engine, off the GUI thread)"


@step("review: queue of items needing a decision", repeat=3)
def review_queue(bench: Bench) -> str:
    from coprod.persistence.database import open_database
    from coprod.services.recommendations.review import review_queue as queue

    db = open_database(bench.db_path, create=False)
    with db.reading() as session:
        items = queue(session=session, as_of=bench.as_of)
    db.close()
    return f"{len(items):,} items"
