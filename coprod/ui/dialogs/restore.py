"""File -> Restore: bring back a backup. The current file is itself backed up first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import N_, describe, tr
from coprod.i18n.dates import moment
from coprod.services.data.backup import restore
from coprod.services.data.opening import Workspace, backups_of, open_workspace
from coprod.ui.context import AppContext
from coprod.ui.models.plain_rows import PlainRowsModel

# Why each backup was taken, in words; a reason not listed here is shown as it is written.
_REASONS = {
    "daily": N_("ui.restore.reason.daily"),
    "manual": N_("ui.restore.reason.manual"),
    "pre-import": N_("ui.restore.reason.pre-import"),
    "pre-merge": N_("ui.restore.reason.pre-merge"),
    "pre-migration": N_("ui.restore.reason.pre-migration"),
    "pre-restore": N_("ui.restore.reason.pre-restore"),
}


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


class RestoreDialog(QDialog):
    sig_restored = Signal(object)
    """Emitted with the backup's Path after the database was replaced by it and reopened."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("ui.restore.window_title"))
        self.setAccessibleName(tr("ui.restore.window_title"))
        help_label = QLabel(tr("ui.restore.help"), self)
        help_label.setWordWrap(True)
        self.model = PlainRowsModel(
            [
                tr("ui.restore.col_when"),
                tr("ui.restore.col_why"),
                tr("ui.restore.col_size"),
                tr("ui.restore.col_file"),
            ],
            self,
        )
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("ui.restore.list_name"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setCornerButtonEnabled(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        list_label = QLabel(tr("ui.restore.list_label"), self)
        list_label.setBuddy(self.view)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(tr("ui.restore.status_name"))
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(tr("ui.restore.restore"), self)
        self.restore_button.setAccessibleName(tr("ui.restore.window_title"))
        self.other_button = QPushButton(tr("ui.restore.other"), self)
        self.other_button.setAccessibleName(tr("ui.restore.other_name"))
        self.close_button = QPushButton(tr("ui.restore.close"), self)
        self.close_button.setAccessibleName(tr("ui.restore.close").replace("&", ""))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addWidget(list_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._restore_other)
        self.close_button.clicked.connect(self.reject)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self._restore_selected())
        self.backups: list[Path] = []
        self.busy = False
        self.resize(720, 420)
        self.refresh()

    def refresh(self) -> None:
        path = self.ctx.workspace.path
        found = list(reversed(backups_of(path)))
        self.backups = [b.path for b in found]
        rows = []
        for backup in found:
            when, why = backup.taken_at, backup.reason
            reason = tr(_REASONS[why]) if why in _REASONS else why
            shown = moment(when, seconds=True)
            rows.append((shown, reason, _size(backup.path), backup.path.name))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        if path is None:
            self.status_label.setText(tr("ui.restore.not_a_file"))
        elif not rows:
            self.status_label.setText(tr("ui.restore.none"))
        self.other_button.setEnabled(path is not None)
        if rows:
            self.view.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.view.selectionModel().selectedRows()
        self.restore_button.setEnabled(bool(chosen) and not self.busy)

    def _restore_selected(self) -> None:
        chosen = self.view.selectionModel().selectedRows()
        if chosen and not self.busy:
            self.start(self.backups[chosen[0].row()])

    def _restore_other(self) -> None:
        picked, _ = QFileDialog.getOpenFileName(
            self,
            tr("ui.restore.window_title"),
            str(self.backups[0].parent) if self.backups else "",
            tr("ui.restore.file_filter"),
        )
        if picked:
            self.start(Path(picked))

    def start(self, backup: Path) -> None:
        """Restore `backup` on the database thread, then reopen the database."""
        db_path = self.ctx.workspace.path
        if db_path is None or self.busy:
            return
        self.busy = True
        self._update_buttons()
        self.status_label.setText(tr("ui.restore.working", name=backup.name))
        current = self.ctx.workspace

        def work() -> tuple[Workspace, Path | None]:
            saved = restore(db_path, backup, closing=current)  # refused while another coprod has it
            return open_workspace(db_path), saved

        self.ctx.runner.run(work, on_done=lambda result: self._done(backup, *result), on_error=self._failed)

    def _done(self, backup: Path, workspace: Workspace, saved: Path | None) -> None:
        self.busy = False
        self.ctx.workspace = workspace
        # Undo steps refer to the data as it was before the restore; they no longer apply.
        self.ctx.undo_stack.clear()
        self.refresh()
        self.status_label.setText(tr("ui.restore.done", name=backup.name, saved=saved.name if saved else "-"))
        self.ctx.bus.sig_database_replaced.emit()
        self.sig_restored.emit(backup)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._update_buttons()
        message = describe(exc) if isinstance(exc, CoprodError) else tr("cli.unexpected", reason=exc)
        self.status_label.setText(message)
