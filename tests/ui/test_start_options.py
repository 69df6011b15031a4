"""Ways the window is started besides the Start menu: by a build's smoke test
(COPROD_SMOKE_EXIT=1, closing once it shows rows) and by opening a .coprod.json file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.app import opened_file
from coprod.domain.models import Recommendation
from coprod.persistence.database import Database, open_database
from coprod.services.data.interchange import export_interchange
from coprod.services.recommendations import lifecycle as recs
from coprod.ui import smoke
from coprod.ui.application import offer_merge
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def test_the_smoke_exit_closes_the_window_once_it_shows_rows(
    qtbot: QtBot, ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    smoke.arm(window)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    said = capsys.readouterr().out
    assert said.startswith("coprod: window shown, ") and " rows, " in said
    rows = int(said.split(", ")[1].split()[0])
    assert rows > 0


def test_the_window_in_its_own_process_collects_garbage_and_closes_down_normally(
    demo_path: Path, tmp_path: Path
) -> None:
    """A command's process runs without the cycle collector and ends at once (coprod.app);
    the window is a long session: once it is up, garbage is collected on its GUI thread and
    never on a worker's (coprod/ui/collector.py), and closing it ends the process the normal
    way, every exit handler run. Its start loads the service layer before
    Qt, whose import hook would read the source of every module loaded after it
    (coprod/ui/__init__.py)."""
    marker = tmp_path / "at-exit.txt"
    script = (
        "import atexit, gc, sys, threading\n"
        "threads = set()\n"
        "gc.callbacks.append(lambda phase, info: threads.add(threading.get_ident()))\n"
        "def seen():\n"
        "    order = list(sys.modules)\n"
        "    first = order.index('sqlmodel') < order.index('PySide6.QtCore')\n"
        "    gui = threads <= {threading.main_thread().ident}\n"
        "    timer = sys.modules['coprod.ui.collector'].INTERVAL_MS\n"
        "    said = f'automatic: {gc.isenabled()}, on the GUI thread only: {gui}, every {timer} ms, '\n"
        "    said += f'models before Qt: {first}'\n"
        f"    open({str(marker)!r}, 'w').write(said)\n"
        "atexit.register(seen)\n"
        "from coprod.app import main\n"
        f"sys.argv = ['coprod', '--db', {str(demo_path)!r}]\n"
        "main()\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        smoke.ENV: "1",
        "COPROD_CONFIG_DIR": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("coprod: window shown, ")
    assert marker.read_text() == (
        "automatic: False, on the GUI thread only: True, every 200 ms, models before Qt: True"
    )


def test_the_smoke_exit_is_asked_for_only_by_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(smoke.ENV, raising=False)
    assert not smoke.requested()
    monkeypatch.setenv(smoke.ENV, "0")
    assert not smoke.requested()
    monkeypatch.setenv(smoke.ENV, "1")
    assert smoke.requested()


def test_only_a_single_existing_interchange_file_counts_as_opened(tmp_path: Path) -> None:
    theirs = tmp_path / "Theirs.COPROD.json"
    theirs.write_text("{}", encoding="utf-8")
    assert opened_file([str(theirs)]) == theirs
    assert opened_file([str(tmp_path / "missing.coprod.json")]) is None
    assert opened_file(["lag", str(theirs)]) is None
    assert opened_file(["--version"]) is None


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
@pytest.mark.sqlite_only  # copies the open database file
def test_opening_an_interchange_file_asks_then_merges_it(
    answer: QMessageBox.StandardButton,
    qtbot: QtBot,
    ctx: AppContext,
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    theirs_path = tmp_path / "theirs.db"
    shutil.copy(db_path, theirs_path)
    theirs = open_database(theirs_path)
    with theirs.transaction() as s:
        recs.create_recommendation(
            session=s, title="Only theirs", raised_on=date(2025, 6, 1), reference="T-1"
        )
    export_interchange(theirs, tmp_path / "theirs.coprod.json")
    theirs.close()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text) or answer)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    offer_merge(window, ctx, tmp_path / "theirs.coprod.json")
    assert len(asked) == 1 and "theirs.coprod.json" in asked[0] and str(db_path) in asked[0]
    if answer == QMessageBox.StandardButton.Yes:
        qtbot.waitUntil(lambda: bool(told), timeout=20000)
        assert told[0].startswith("Merged:")
    ctx.runner.wait()
    with db.reading() as s:
        found = s.exec(select(Recommendation.title).where(Recommendation.reference == "T-1")).all()
    assert found == (["Only theirs"] if answer == QMessageBox.StandardButton.Yes else [])
