"""The status bar's sync corner, shown only while a laptop copy of a team server is open.

It says, in words, when the copy last synced and how many changes wait to be sent, and
holds the Sync button (Ctrl+Shift+Y, also in the File menu). Every few minutes it syncs on
its own: skipped while a sync runs, and when the server cannot be reached it says so once,
quietly, in the status bar, and tries again later. A laptop whose coprod is older than the
server's shows that one sentence where the status was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, ntr, tr
from coprod.i18n.dates import moment
from coprod.services.sync import SyncReport, SyncStatus
from coprod.services.team.connection import ServerLogin, keep_password
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.dialogs.connect import ConnectDialog
from coprod.ui.errors import show_problem
from coprod.ui.guard import if_alive
from coprod.ui.operations.sync import is_unreachable, load_status, sync_now

AUTO_SYNC_MS = 5 * 60 * 1000
SHORTCUT = "Ctrl+Shift+Y"
MESSAGE_MS = 15000


def when(status: SyncStatus) -> str:
    if status.last_sync_at is None:
        return tr("sync.ui.never")
    return tr("sync.ui.last", time=moment(status.last_sync_at.astimezone()))


class SyncCorner(QWidget):
    sig_copy_changed = Signal(bool)
    """Emitted after each look at the open database: True when it is a laptop copy."""

    sig_synced = Signal(object)
    """Emitted with the SyncReport after a sync finished."""

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window_ = window
        self.status: SyncStatus | None = None
        self.running = False
        self.outdated = ""  # the sentence an out-of-date laptop shows instead of its status
        self.told_unreachable = False
        self.restored_box: QMessageBox | None = None  # what a sync said of a server restored from a backup
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setAccessibleName(tr("sync.ui.status_name"))
        self.button = QPushButton(tr("sync.ui.button"), self)
        self.button.setAccessibleName(tr("sync.ui.button_name"))
        self.button.setToolTip(tr("sync.ui.button_name") + f" ({SHORTCUT})")
        self.button.clicked.connect(lambda: self.sync(quiet=False))
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.action = QAction(tr("sync.ui.menu"), window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(lambda _checked=False: self.sync(quiet=False))
        self.moved_action = QAction(tr("sync.ui.moved_menu"), window)
        self.moved_action.triggered.connect(lambda _checked=False: self.ask_new_address())
        self.moved_dialog: ConnectDialog | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_SYNC_MS)
        self.timer.timeout.connect(self.auto_sync)
        self._show(None)
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._database_replaced)

    # --- what is shown ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Look again at the open database: a laptop copy or not, and what waits."""
        load_status(self.ctx, on_done=if_alive(self, self._show))

    def _show(self, status: SyncStatus | None) -> None:
        was_copy = self.status is not None
        self.status = status
        self.setVisible(status is not None)
        for action in (self.action, self.moved_action):
            action.setVisible(status is not None)
            action.setEnabled(status is not None and not self.running)
        self.button.setEnabled(status is not None and not self.running)
        if status is None:
            self.timer.stop()
            self.label.clear()
        else:
            if not self.timer.isActive():
                self.timer.start()
            if self.running:
                self.label.setText(tr("sync.ui.running"))
            elif self.outdated:
                self.label.setText(self.outdated)
            else:
                self.label.setText(ntr("sync.ui.waiting", status.waiting, last=when(status)))
        if was_copy != (status is not None):
            self.sig_copy_changed.emit(status is not None)

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if self.status is not None and not self.running:
            self.refresh()  # a local edit added to the changes waiting

    def _database_replaced(self) -> None:
        self.outdated = ""
        self.told_unreachable = False
        self.refresh()

    def _message(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, MESSAGE_MS)

    # --- syncing --------------------------------------------------------------------------
    def auto_sync(self) -> None:
        """The timer's sync: not while one runs, nor on a laptop that must update coprod first."""
        if self.running or self.status is None or self.outdated:
            return
        self.sync(quiet=True)

    def sync(self, *, quiet: bool) -> None:
        if self.status is not None:
            self._sync_with(self.status.server, quiet=quiet)

    def _sync_with(
        self, server: str, *, quiet: bool, then: Callable[[SyncReport], None] | None = None
    ) -> None:
        if self.running or self.status is None:
            return
        self.running = True
        self._show(self.status)

        def synced(report: SyncReport) -> None:
            self._synced(report, quiet=quiet)
            if then is not None:
                then(report)

        sync_now(
            self.ctx,
            server=server,
            parent=self.window_,
            quiet=quiet,
            on_done=if_alive(self, synced),
            on_error=if_alive(self, lambda exc: self._failed(exc, quiet=quiet)),
            on_cancelled=lambda: if_alive(self, lambda _none: self._cancelled())(None),
        )

    def ask_new_address(self) -> None:
        """File > Sync with the server at a new address: the laptop copy follows its server
        once coprod has checked the server there is the same one."""
        if self.running or self.status is None:
            return
        self.moved_dialog = ConnectDialog(self.ctx, self.window_, moved_from=self.status.server)
        self.moved_dialog.sig_moved.connect(self._sync_at_new_address)
        self.moved_dialog.open()

    def _sync_at_new_address(self, login: ServerLogin, password: str | None, remember: bool) -> None:
        def keep(report: SyncReport) -> None:  # once the server there has shown it is this copy's own
            def kept(done: bool) -> None:
                if not done:  # no credential store: said beside where the copy now syncs
                    moved = tr("sync.ui.moved", server=report.server, old=report.moved_from)
                    self._message(moved + " " + tr("ui.connect.not_kept"))

            self.ctx.pool.run(
                lambda: keep_password(login, password, remember=remember), on_done=if_alive(self, kept)
            )

        self._sync_with(login.url(password), quiet=False, then=keep)

    def _finished(self) -> None:
        self.running = False
        self.refresh()

    def _synced(self, report: SyncReport, *, quiet: bool = False) -> None:
        self.outdated = ""
        self.told_unreachable = False
        went_back = report.went_back()
        if went_back is not None:  # rare, and it may ask for an erasure again: said in a box
            self._tell_restored(went_back, quiet=quiet)
            self._message(tr("sync.ui.went_back_short"))
        elif report.moved_from is not None:
            self._message(tr("sync.ui.moved", server=report.server, old=report.moved_from))
        elif report.conflicts:
            self._message(ntr("sync.ui.done_conflicts", report.conflicts))
        else:
            self._message(tr("sync.ui.done"))
        self._finished()
        self.sig_synced.emit(report)

    def _tell_restored(self, said: str, *, quiet: bool) -> None:
        """A box for the sync someone asked for; for the one on the timer, a box beside the
        window that takes neither the keyboard nor the window: an officer typing what a
        resident says keeps typing into the field they were in."""
        title = tr("sync.ui.went_back_title")
        box = QMessageBox(
            QMessageBox.Icon.Information, title, said, QMessageBox.StandardButton.Ok, self.window_
        )
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.restored_box = box
        if quiet:
            typing = QApplication.focusWidget()
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            box.show()
            if typing is not None and typing.window() is self.window_:
                self.window_.activateWindow()  # where a platform gave the box the keyboard anyway
                typing.setFocus()
        else:
            box.open()

    def _cancelled(self) -> None:
        self._message(tr("sync.ui.cancelled"))
        self._finished()

    def _failed(self, exc: BaseException, *, quiet: bool) -> None:
        if isinstance(exc, CoprodError) and exc.code == "sync.update_coprod":
            self.outdated = describe(exc)
        self._finished()
        if quiet and is_unreachable(exc):
            if not self.told_unreachable:  # once, until a sync gets through again
                self.told_unreachable = True
                self._message(tr("sync.ui.unreachable"))
        elif quiet:
            self._message(describe(exc) if isinstance(exc, CoprodError) else str(exc))
        else:
            show_problem(self.window_, exc)
