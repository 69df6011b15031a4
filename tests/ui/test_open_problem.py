"""A database that will not open gives a plain message and a way forward; the file is untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.errors import DatabaseProblem
from coprod.domain.models import Recommendation
from coprod.persistence.database import open_database
from coprod.services.data import backup
from coprod.services.data.importing import import_tracker
from coprod.ui.dialogs.open_problem import OpenProblemDialog, Way, WayChosen, open_with_way_forward
from tests.conftest import AS_OF
from tests.trackers import GOOD, write_csv


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A database with one good backup, then damaged."""
    path = tmp_path / "team.db"
    db = open_database(path)
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    backup.take(db, "manual")
    db.close()
    data = bytearray(path.read_bytes())
    data[16:100] = b"\xff" * 84
    path.write_bytes(bytes(data))
    return path


def _problem(path: Path) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)
    return caught.value


def test_damaged_database_offers_the_newest_backup(damaged: Path, qtbot: QtBot) -> None:
    dialog = OpenProblemDialog(_problem(damaged), damaged)
    qtbot.addWidget(dialog)
    assert "damaged" in dialog.message_label.text()
    assert set(dialog.buttons) == {Way.RESTORE, Way.OTHER, Way.QUIT}
    assert not dialog.buttons.keys() & {Way.READ_ONLY}
    qtbot.mouseClick(dialog.buttons[Way.RESTORE], Qt.MouseButton.LeftButton)
    assert dialog.choice.way is Way.RESTORE and dialog.choice.path is not None
    assert dialog.result() == dialog.DialogCode.Accepted


def test_restoring_from_the_dialog_opens_the_good_copy_and_keeps_the_damaged_one(
    damaged: Path, qtbot: QtBot
) -> None:
    before = damaged.read_bytes()
    asked: list[str] = []

    def ask(problem: DatabaseProblem, path: Path | None) -> WayChosen:
        asked.append(problem.code)
        dialog = OpenProblemDialog(problem, path)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.buttons[Way.RESTORE], Qt.MouseButton.LeftButton)
        return dialog.choice

    db = open_with_way_forward(damaged, ask=ask)
    assert db is not None and asked == ["db.corrupt"]
    with db.reading() as s:
        assert len(s.exec(select(Recommendation)).all()) == 3
    db.close()
    kept = [b for b in backup.list_backups(damaged) if "pre-restore" in b.name]
    assert len(kept) == 1 and kept[0].read_bytes() == before


def test_quitting_leaves_the_file_byte_for_byte(damaged: Path) -> None:
    before = damaged.read_bytes()
    assert open_with_way_forward(damaged, ask=lambda p, path: WayChosen(Way.QUIT)) is None
    assert damaged.read_bytes() == before


def test_newer_version_offers_only_another_file_or_quit(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    dialog = OpenProblemDialog(_problem(path), path)
    qtbot.addWidget(dialog)
    assert set(dialog.buttons) == {Way.OTHER, Way.QUIT}
    assert "newer version of coprod" in dialog.message_label.text()
    other = tmp_path / "other.db"
    open_database(other).close()
    db = open_with_way_forward(path, ask=lambda p, where: WayChosen(Way.OTHER, other))
    assert db is not None and db.path == other
    db.close()


def test_locked_database_can_be_opened_read_only(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = DatabaseProblem("db.locked", path="x.db")
    dialog = OpenProblemDialog(problem, tmp_path / "x.db")
    qtbot.addWidget(dialog)
    assert Way.READ_ONLY in dialog.buttons
    for button in dialog.buttons.values():
        assert button.accessibleName()
    path = tmp_path / "ok.db"
    open_database(path).close()
    calls = iter([DatabaseProblem("db.locked", path=str(path))])

    import coprod.ui.dialogs.open_problem as module

    real = module.open_workspace

    def flaky(target: object, *, read_only: bool = False, create: bool = True) -> object:
        if not read_only:
            raise next(calls)
        return real(target, read_only=True)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "open_workspace", flaky)
    db = open_with_way_forward(path, ask=lambda p, where: WayChosen(Way.READ_ONLY))
    assert db is not None and db.read_only
    db.close()


def test_a_named_file_that_is_not_there_is_not_made(tmp_path: Path) -> None:
    asked: list[str] = []

    def quit_(problem: DatabaseProblem, where: Path | None) -> WayChosen:
        asked.append(problem.code)
        return WayChosen(Way.QUIT)

    for name in ("typo.db", "empty.db"):
        if name == "empty.db":
            (tmp_path / name).touch()
        assert open_with_way_forward(tmp_path / name, ask=quit_) is None
    assert asked == ["db.not_found", "db.empty"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]
    assert (tmp_path / "empty.db").read_bytes() == b""


def test_an_emptied_file_offers_its_newest_backup(damaged: Path, qtbot: QtBot) -> None:
    damaged.write_bytes(b"")  # a sync tool or a crash left the file empty; its backups are beside it

    def ask(problem: DatabaseProblem, path: Path | None) -> WayChosen:
        dialog = OpenProblemDialog(problem, path)
        qtbot.addWidget(dialog)
        assert "empty" in dialog.message_label.text()
        qtbot.mouseClick(dialog.buttons[Way.RESTORE], Qt.MouseButton.LeftButton)
        return dialog.choice

    db = open_with_way_forward(damaged, ask=ask)
    assert db is not None
    with db.reading() as s:
        assert len(s.exec(select(Recommendation)).all()) == 3
    db.close()


def test_the_window_opens_read_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    open_database(path).close()
    db = open_with_way_forward(path, read_only=True, ask=lambda p, where: WayChosen(Way.QUIT))
    assert db is not None and db.read_only
    assert not list((tmp_path / "team.db-lock").glob("*.json"))  # not announced as a writer
    db.close()
