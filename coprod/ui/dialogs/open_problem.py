"""When the database cannot be opened: one plain message and a way forward.

Restore the newest backup (the damaged file is kept beside it), open read only, type the
passphrase of an encrypted file, choose another file, or quit. Nothing here writes to the file
unless the user picks Restore.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coprod.domain.errors import DatabaseProblem
from coprod.i18n import describe, tr
from coprod.i18n.dates import moment
from coprod.services.data.opening import Workspace, backups_of, open_workspace, resolve

# Problems where reading is still possible, so "open read only" helps.
READABLE = frozenset({"db.locked", "db.read_only", "db.disk_full"})
# Problems a backup can cure.
RESTORABLE = frozenset({"db.corrupt", "db.not_sqlite", "db.not_coprod", "db.empty", "db.error"})
# Problems a passphrase can cure: an encrypted file whose key is not known here.
LOCKED = frozenset({"db.needs_key", "db.wrong_key"})


class Way(Enum):
    RESTORE = "restore"
    READ_ONLY = "read_only"
    PASSPHRASE = "passphrase"
    OTHER = "other"
    QUIT = "quit"


@dataclass(frozen=True)
class WayChosen:
    way: Way
    path: Path | None = None  # the backup to restore, or the other file to open
    passphrase: str = field(default="", repr=False)  # typed for an encrypted file


class OpenProblemDialog(QDialog):
    def __init__(self, problem: DatabaseProblem, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = WayChosen(Way.QUIT)
        self.setWindowTitle(tr("ui.open.title"))
        self.setAccessibleName(tr("ui.open.title"))
        self.message_label = QLabel(describe(problem), self)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(tr("ui.open.message_name"))
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.message_label)
        self.buttons: dict[Way, QPushButton] = {}
        backups = backups_of(path)
        if backups and problem.code in RESTORABLE:
            newest = backups[-1]
            when = newest.taken_at
            stamp = moment(when) if when else newest.path.name
            self._add(Way.RESTORE, tr("ui.open.restore", when=stamp), newest.path)
        if problem.code in READABLE:
            self._add(Way.READ_ONLY, tr("ui.open.read_only"), path)
        self.passphrase_edit: QLineEdit | None = None
        if problem.code in LOCKED:
            self._add_passphrase(path)
        self._add(Way.OTHER, tr("ui.open.other"), None)
        self._add(Way.QUIT, tr("ui.open.quit"), None)
        next(iter(self.buttons.values())).setDefault(True)

    def _add_passphrase(self, path: Path | None) -> None:
        label = QLabel(tr("encrypt.prompt_label", path=path), self)
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(tr("encrypt.prompt_label", path=path).replace("&", ""))
        label.setBuddy(edit)
        edit.returnPressed.connect(lambda: self._choose(Way.PASSPHRASE, path))
        self.box.addWidget(label)
        self.box.addWidget(edit)
        self.passphrase_edit = edit
        self._add(Way.PASSPHRASE, tr("ui.open.with_passphrase"), path)

    def _add(self, way: Way, text: str, path: Path | None) -> None:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(lambda: self._choose(way, path))
        self.box.addWidget(button)
        self.buttons[way] = button

    def _choose(self, way: Way, path: Path | None) -> None:
        if way is Way.OTHER:
            picked, _ = QFileDialog.getOpenFileName(
                self, tr("ui.open.other").replace("&", ""), "", tr("ui.restore.file_filter")
            )
            if not picked:
                return
            path = Path(picked)
        if way is Way.PASSPHRASE:
            typed = self.passphrase_edit.text() if self.passphrase_edit is not None else ""
            if not typed:
                return
            self.choice = WayChosen(way, path, typed)
            self.accept()
            return
        self.choice = WayChosen(way, path)
        self.accept() if way is not Way.QUIT else self.reject()


Ask = Callable[[DatabaseProblem, "Path | None"], WayChosen]


def ask_with_dialog(problem: DatabaseProblem, path: Path | None) -> WayChosen:
    dialog = OpenProblemDialog(problem, path)
    dialog.exec()
    return dialog.choice


def open_with_way_forward(
    target: str | Path | None, *, ask: Ask = ask_with_dialog, read_only: bool = False
) -> Workspace | None:
    """Open `target` (read only if asked); on a problem, ask the user what to do until
    something opens or they quit."""
    from coprod.services.data.backup import restore

    problem: DatabaseProblem | None = None
    while True:
        if problem is None:
            try:
                # Only the default database is made on first start; a named file must exist.
                return open_workspace(target, read_only=read_only, create=target is None)
            except DatabaseProblem as exc:
                problem = exc
        _, path = resolve(target)
        choice = ask(problem, path)
        problem = None
        if choice.way is Way.QUIT:
            return None
        if choice.way is Way.READ_ONLY:
            read_only = True
        elif choice.way is Way.PASSPHRASE:
            from coprod.services.data.encryption import use_passphrase

            try:
                use_passphrase(target, choice.passphrase)
            except DatabaseProblem as exc:
                problem = exc  # the wrong passphrase: say so, and ask again
        elif choice.way is Way.OTHER:
            target, read_only = choice.path, False
        elif choice.way is Way.RESTORE and path is not None and choice.path is not None:
            read_only = False
            try:
                restore(path, choice.path)
            except DatabaseProblem as exc:
                problem = exc  # say why the restore failed, and ask again
