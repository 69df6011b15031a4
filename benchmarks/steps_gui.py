"""Desktop app steps: open the main window with data shown; filter the feedback by a word;
open the Review page; repaint a screenful of a list.

Each step also reports the longest time the GUI thread was busy without a break (measured
by a 5 ms heartbeat timer): the app must never freeze for more than 100 ms.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from benchmarks.bench import Bench, step

_STATE: dict[str, Any] = {}


class _Heartbeat:
    """The longest gap between ticks of a fast timer = the longest GUI-thread stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


def _pump_until(done: Callable[[], bool], timeout: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout
    while not done():
        QApplication.processEvents()
        time.sleep(0.001)
        if time.perf_counter() > end:
            raise TimeoutError("the window did not finish loading")


def _app() -> Any:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from coprod.ui.application import make_app

    return make_app()


@step("GUI: open the main window with sessions shown")
def open_window(bench: Bench) -> str:
    imported = time.perf_counter()
    _app()
    from PySide6.QtCore import QSettings

    from coprod.persistence.database import open_database
    from coprod.ui.application import freeze_startup_objects
    from coprod.ui.context import AppContext
    from coprod.ui.main_window import MainWindow

    imported = time.perf_counter() - imported
    QSettings().clear()
    started = time.perf_counter()
    ctx = AppContext.create(open_database(bench.db_path, create=False), as_of=bench.as_of)
    window = MainWindow(ctx)
    window.nav.setCurrentRow(1)
    built = time.perf_counter() - started
    beat = _Heartbeat()
    window.show()
    freeze_startup_objects()  # as coprod.ui.application.run does
    beat.start()  # from here on the window is on screen: it must never freeze
    _pump_until(lambda: window.sessions.model.rowCount() > 0 and ctx.runner.pending == 0)
    stall = beat.stop()
    shown = time.perf_counter() - started
    _STATE.update(window=window, ctx=ctx)
    return (
        f"{window.sessions.model.total:,} sessions; imports {imported:.2f} s, then on screen with data "
        f"in {shown:.2f} s (window built in {built * 1000:.0f} ms before showing); "
        f"longest GUI-thread step {stall * 1000:.0f} ms"
    )


@step("GUI: feedback list shown, then filtered by a word")
def filter_feedback(bench: Bench) -> str:
    if "window" not in _STATE:
        open_window(bench)
    window, ctx = _STATE["window"], _STATE["ctx"]
    page = window.feedback
    beat = _Heartbeat()
    beat.start()
    shown = time.perf_counter()
    window.nav.setCurrentRow(2)
    _pump_until(lambda: page.model.rowCount() > 0 and ctx.runner.pending == 0)
    shown = time.perf_counter() - shown
    everything = page.model.total
    for _ in range(5):  # scroll: the view asks for more pages
        page.table.scrollToBottom()
        _pump_until(lambda: ctx.runner.pending == 0)
    filtered = time.perf_counter()
    page.search_box.setText("transport")
    page.refresh()
    _pump_until(lambda: page.model.total < everything and ctx.runner.pending == 0)
    filtered = time.perf_counter() - filtered
    stall = beat.stop()
    return (
        f"list of {everything:,} in {shown:.2f} s; 'transport' -> {page.model.total:,} in {filtered:.2f} s; "
        f"longest GUI-thread step {stall * 1000:.0f} ms"
    )


@step("GUI: Review page opened, its queue shown")
def open_review(bench: Bench) -> str:
    if "window" not in _STATE:
        open_window(bench)
    window, ctx = _STATE["window"], _STATE["ctx"]
    page = window.review
    loaded: list[int] = []
    page.sig_loaded.connect(loaded.append)
    beat = _Heartbeat()
    beat.start()
    started = time.perf_counter()
    window.show_page(page)
    _pump_until(lambda: bool(loaded) and ctx.runner.pending == 0)
    shown = time.perf_counter() - started
    stall = beat.stop()
    page.sig_loaded.disconnect(loaded.append)
    return (
        f"{loaded[-1]:,} items needing a decision, shown in {shown:.2f} s; "
        f"longest GUI-thread step {stall * 1000:.0f} ms"
    )


@step("GUI: a screenful of the feedback and recommendations lists painted", repeat=3)
def paint_lists(bench: Bench) -> str:
    """What each scroll step costs the GUI thread: the view repaints every visible cell, asking
    the model for about seven roles of each."""
    if "window" not in _STATE:
        open_window(bench)
    window, ctx = _STATE["window"], _STATE["ctx"]
    window.resize(1366, 768)
    times = []
    for n, page in ((2, window.feedback), (3, window.recommendations)):
        window.nav.setCurrentRow(n)
        model = page.model
        _pump_until(lambda: model.rowCount() > 0 and ctx.runner.pending == 0)  # noqa: B023
        viewport = page.table.viewport()
        viewport.grab()  # the first paint lays out fonts and icons once
        started = time.perf_counter()
        for _ in range(20):
            viewport.grab()
        times.append((time.perf_counter() - started) / 20)
    feedback, recommendations = (f"{seconds * 1000:.1f} ms" for seconds in times)
    return f"a screenful repainted: feedback {feedback}, recommendations {recommendations}"


class _Caller:
    """Stands for a page a job calls back: something whose freeing can be watched."""

    def __init__(self, results: list[int]) -> None:
        self.results = results

    def show(self, value: int) -> None:
        self.results.append(value)


@step("GUI: 5,000 small jobs through the database worker", repeat=3)
def many_jobs(bench: Bench) -> str:
    """The cost of the worker's round trip alone (a job that does nothing), and whether what
    the jobs called back is freed once delivered (every page load and search is a job)."""
    import functools
    import gc
    import weakref

    _app()
    from coprod.ui.tasks import DbRunner

    runner = DbRunner()
    results: list[int] = []
    callers: list[weakref.ref[_Caller]] = []
    jobs = 5000
    started = time.perf_counter()
    for n in range(jobs):
        caller = _Caller(results)
        callers.append(weakref.ref(caller))
        runner.run(functools.partial(int, n), on_done=caller.show)
        del caller
    _pump_until(lambda: len(results) == jobs)
    took = time.perf_counter() - started
    gc.collect()
    held = sum(ref() is not None for ref in callers)
    runner.deleteLater()
    return f"{jobs / took:,.0f} jobs a second delivered; callers still held afterwards: {held:,}"


@step("GUI: close the window")
def close_window(bench: Bench) -> str:
    import gc

    from PySide6.QtWidgets import QApplication

    window, ctx = _STATE.pop("window", None), _STATE.pop("ctx", None)
    if window is not None:
        window.close()
        ctx.runner.wait()
        ctx.workspace.close()
        window.deleteLater()
        QApplication.processEvents()
    del window, ctx
    gc.collect()  # Qt objects go now, not during interpreter shutdown
    return ""
