"""An encrypted database whose key is not in the credential store: the window asks for its
passphrase, says so in one sentence when it is wrong, and opens with the right one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coprod.domain.errors import DatabaseProblem
from coprod.persistence import encryption
from coprod.persistence.database import open_database
from coprod.services.data.encryption import encrypt_database
from coprod.services.privacy import participants as people
from coprod.ui.dialogs.open_problem import OpenProblemDialog, Way, WayChosen, open_with_way_forward
from tests.privacy.keys import MemoryKeyring
from tests.privacy.people import NAME


def test_the_window_asks_for_the_passphrase(tmp_path: Path, qtbot: QtBot, store: MemoryKeyring) -> None:
    path = tmp_path / "team.db"
    db = open_database(path)
    with db.transaction() as s:
        people.add_participant(session=s, code="P-0042", name=NAME)
    db.close()
    encrypt_database(path, passphrase="open sesame")
    encryption._known.clear()  # a new session of the app: only the user knows it

    typed = iter(["wrong guess", "open sesame"])
    said: list[str] = []

    def ask(problem: DatabaseProblem, where: Path | None) -> WayChosen:
        said.append(problem.code)
        dialog = OpenProblemDialog(problem, where)
        qtbot.addWidget(dialog)
        assert Way.RESTORE not in dialog.buttons and dialog.passphrase_edit is not None
        assert dialog.passphrase_edit.echoMode() is dialog.passphrase_edit.EchoMode.Password
        qtbot.keyClicks(dialog.passphrase_edit, next(typed))
        qtbot.mouseClick(dialog.buttons[Way.PASSPHRASE], Qt.MouseButton.LeftButton)
        return dialog.choice

    db = open_with_way_forward(path, ask=ask)
    assert db is not None and said == ["db.needs_key", "db.wrong_key"]
    with db.reading() as s:
        assert [r.name for r in people.find_participants(session=s)] == [NAME]
    db.close()
