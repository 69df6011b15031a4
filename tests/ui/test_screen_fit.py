"""The window on the laptops councils issue: 1366x768, and 1920x1080 at 150% (1280x720)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from coprod.persistence.database import open_database
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle
from tests.ui.tour import close_dialog, dialog_params, open_dialog, pages, show_page

SMALLEST = QSize(1280, 720)  # logical pixels of 1920x1080 at 150%
TITLE_AND_TASKBAR = 80  # what the desktop takes from the height


def _fits(size: QSize, screen: QSize = SMALLEST) -> bool:
    return size.width() <= screen.width() and size.height() <= screen.height() - TITLE_AND_TASKBAR


@pytest.fixture
def db_path(request: pytest.FixtureRequest, demo_path: Path, tmp_path: Path) -> Path:
    if getattr(request, "param", "demo") == "demo":
        return demo_path
    path = tmp_path / "empty.db"
    open_database(path, create=True).close()
    return path


@pytest.mark.parametrize("db_path", ["demo", "empty"], indirect=True)
def test_every_page_fits_a_1280x720_screen(qtbot: QtBot, window: MainWindow, settle: Settle) -> None:
    for name, page in pages(window, qtbot, settle):
        needs = window.minimumSizeHint()
        assert _fits(needs), f"{name}: the window cannot be smaller than {needs.toTuple()}"
        assert page.isVisible()


@pytest.mark.parametrize("name", dialog_params())
def test_every_dialog_fits_a_1280x720_screen(
    qtbot: QtBot, window: MainWindow, settle: Settle, name: str
) -> None:
    dialog = open_dialog(window, qtbot, settle, name)
    needs = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert _fits(needs), f"{name} cannot be smaller than {needs.toTuple()}"
    close_dialog(dialog, settle)


OPEN_WINDOW = """
import json, sys, time
from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop, QSettings
from coprod.persistence.database import open_database
from coprod.ui.application import make_app
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
app = make_app()
events = QAbstractEventDispatcher.instance()
def settle(ctx):
    # Until both workers are idle and five passes over the event loop in a row find nothing to do.
    quiet = 0
    while quiet < 5:
        app.sendPostedEvents()
        busy = events.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        quiet = 0 if busy or ctx.runner.pending or ctx.pool.pending else quiet + 1
        if not busy:
            time.sleep(0.001)  # a result may be on its way from a worker thread
# Each database in turn, as the first window of a new start: no settings saved by the one before.
for path in sys.argv[1:]:
    QSettings().clear()
    database = open_database(path)
    ctx = AppContext.create(database)
    window = MainWindow(ctx)
    window.show()
    settle(ctx)
    opened = window.frameGeometry().size()
    needs = window.minimumSizeHint()
    for n in range(window.nav.count()):
        window.nav.setCurrentRow(n)
        settle(ctx)
        needs = needs.expandedTo(window.minimumSizeHint())
    window.nav.setCurrentRow(1)
    settle(ctx)
    window.sessions.new_button.click()
    settle(ctx)
    dialog = window.sessions.editor
    area = window.screen().availableGeometry()
    print(json.dumps({"db": path, "opened": opened.toTuple(), "needs": needs.toTuple(),
                      "screen": area.size().toTuple(), "dialog": dialog.frameGeometry().size().toTuple()}))
    dialog.close()
    ctx.runner.wait()
    window.close()
    settle(ctx)
    ctx.pool.wait()
    ctx.runner.wait()
    window.deleteLater()
    settle(ctx)
    database.close()
    QSettings().clear()
"""


@pytest.mark.parametrize(
    ("width", "height", "dpi", "scale"),
    [(1366, 768, 96, "1"), (1920, 1080, 96, "1.5"), (1920, 1080, 144, "1")],
    ids=["1366x768", "1920x1080 at 150%", "1920x1080 with a 144 dpi font"],
)
def test_the_window_opens_inside_the_screen_and_can_shrink_to_it(
    demo_path: Path, tmp_path: Path, width: int, height: int, dpi: int, scale: str
) -> None:
    """One process per screen (the screen is the process's): it opens the demo database and
    then an empty one, each as a new start, and each is judged on its own."""
    empty = tmp_path / "empty.db"
    open_database(empty, create=True).close()
    databases = {"demo": demo_path, "empty": empty}
    screens = tmp_path / "screen.json"
    screens.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": dpi,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "QT_SCALE_FACTOR": scale,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", OPEN_WINDOW, *(str(path) for path in databases.values())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(line) for line in done.stdout.strip().splitlines() if line.startswith("{")]
    assert [seen["db"] for seen in lines] == [str(path) for path in databases.values()], done.stdout
    problems = []
    for name, seen in zip(databases, lines, strict=True):
        where = f"{width}x{height} (scale {scale}, {dpi} dpi), {name} database"
        screen = QSize(*seen["screen"])
        opened, needs, dialog = QSize(*seen["opened"]), QSize(*seen["needs"]), QSize(*seen["dialog"])
        if not (opened.width() <= screen.width() and opened.height() <= screen.height()):
            problems.append(f"{where}: the window opens larger than the screen: {seen}")
        if not (dialog.width() <= screen.width() and dialog.height() <= screen.height()):
            problems.append(f"{where}: New session opens larger than the screen: {seen}")
        if not _fits(needs, screen):
            problems.append(f"{where}: the window cannot shrink to the screen: {seen}")
    assert not problems, "\n".join(problems)


def test_a_chart_without_room_for_its_labels_shows_its_table_until_there_is_room(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.nav.setCurrentRow(0)
    settle()
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.head is not None)
    panel = dashboard.panels["status"]
    dashboard.tabs.setCurrentWidget(panel)
    window.resize(1280, 640)
    qtbot.waitUntil(panel.showing_table)
    assert panel.note.isVisible()
    assert panel.toggle.text().replace("&", "") == "Show as chart (Ctrl+T)"

    window.resize(2400, 1400)
    qtbot.waitUntil(lambda: not panel.showing_table())
    assert panel.chart_fits()
    assert not panel.note.isVisible()


def _drag(qtbot: QtBot, splitter: QSplitter, handle_index: int, to_x: int) -> None:
    handle = splitter.handle(handle_index)
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    target = handle.mapFromGlobal(splitter.mapToGlobal(QPoint(to_x, middle.y())))
    for step in range(1, 11):
        qtbot.mouseMove(handle, middle + (target - middle) * step / 10)
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=target)


@pytest.mark.parametrize(("key", "pane"), [("recommendations", 1), ("sessions", 1)])
def test_the_pane_beside_a_list_can_be_dragged_shut_and_the_list_takes_the_room(
    qtbot: QtBot, window: MainWindow, settle: Settle, key: str, pane: int
) -> None:
    window.resize(1280, 680)
    page = show_page(window, key, settle)
    splitter = page.splitter
    before = page.table.width()
    _drag(qtbot, splitter, 1, splitter.width())
    qtbot.waitUntil(lambda: splitter.sizes()[pane] == 0)
    assert page.table.width() > before


def test_the_page_list_can_be_dragged_shut_and_the_page_cannot(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    splitter = window.centralWidget()
    assert isinstance(splitter, QSplitter)
    _drag(qtbot, splitter, 1, 0)
    qtbot.waitUntil(lambda: splitter.sizes()[0] == 0)
    _drag(qtbot, splitter, 1, splitter.width())
    assert splitter.sizes()[1] > 0
