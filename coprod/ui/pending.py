"""The window's side of the pending-writes queue: write each entry in order, retry when busy.

An entry is on disk before anything is attempted, so an item saved with Enter survives a
locked database, a read-only file and closing the app; it is written the moment the
database can take it, and on the next start if the app was closed first.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QTimer, Signal

from coprod.domain.errors import DatabaseProblem
from coprod.i18n import ntr, tr
from coprod.services.common.changes import ChangeRecord
from coprod.services.engagement import pending
from coprod.services.engagement.pending import Entry, PendingQueue
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.undo import ChangeCommand

RETRY_MS = 3000
SHOW_AFTER_MS = 600


class PendingWrites(QObject):
    """Writes the waiting entries of the open database one at a time, oldest first."""

    sig_count_changed = Signal(int)
    """Emitted with how many entries to show as waiting, whenever that may have changed.

    Writes that go through at once are not shown: the count appears once an entry has
    waited SHOW_AFTER_MS or could not be written, and disappears when none is left.
    """

    sig_applied = Signal(object, object)
    """Emitted with the Entry and the id it wrote, once it is in the database."""

    sig_waiting = Signal(object)
    """Emitted with the problem (a DatabaseProblem) when the oldest entry could not be written."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.queue = PendingQueue.for_database(ctx.workspace.path, ctx.workspace.label)
        self.busy = False
        self.stopped = False
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.pump)
        self.show_timer = QTimer(self)
        self.show_timer.setSingleShot(True)
        self.show_timer.setInterval(SHOW_AFTER_MS)
        self.show_timer.timeout.connect(self._show)
        self.showing = False
        ctx.bus.sig_database_replaced.connect(self._database_replaced)

    def count(self) -> int:
        """How many entries are waiting (on disk, for a database file)."""
        return len(self.queue)

    def shown_count(self) -> int:
        """What the window shows as waiting: 0 while writes go straight through."""
        return self.count() if self.showing else 0

    def _changed(self, *, show_now: bool = False) -> None:
        """Tell the window what to show, after the number waiting may have changed."""
        if self.count() == 0:
            self.show_timer.stop()
            self.showing = False
        elif show_now:
            self.show_timer.stop()
            self.showing = True
        elif not self.showing and not self.show_timer.isActive():
            self.show_timer.start()
        self.sig_count_changed.emit(self.shown_count())

    def _show(self) -> None:
        self.showing = self.count() > 0
        self.sig_count_changed.emit(self.shown_count())

    def catch_up_reader(self) -> None:
        """Exports made while this file could only be read reach its audit log now; if the
        file is busy they wait for the next start."""
        workspace = self.ctx.workspace
        if workspace.read_only or workspace.path is None:
            return
        self.ctx.runner.run(
            lambda: pending.replay_for_reader(workspace), on_done=lambda _n: None, on_error=lambda _exc: None
        )

    def add(self, entry: Entry) -> None:
        """Keep `entry` (on disk when the database is a file) and write it when its turn comes."""
        try:
            self.queue.add(entry)
        except OSError:
            # The folder cannot take the file: keep the entries in memory for this run.
            try:
                waiting = self.queue.entries()
            except OSError:
                waiting = []  # those on disk stay there for the next start
            self.queue = PendingQueue(None)
            for old in waiting:
                self.queue.add(old)
            self.queue.add(entry)
        self._changed()
        self.pump()

    def pump(self) -> None:
        """Write the oldest waiting entry, then the next, until none is left or one fails."""
        if self.busy or self.stopped:
            return
        entries = self.queue.entries()
        if not entries:
            return
        if self.ctx.workspace.read_only:  # opened read only: they wait for the file to be opened normally
            self.sig_waiting.emit(DatabaseProblem("pending.read_only"))
            self._changed(show_now=True)
            return
        self.retry.stop()
        self._changed()
        self.busy = True
        entry, queue, workspace = entries[0], self.queue, self.ctx.workspace  # this file's, whatever opens

        def job() -> tuple[uuid.UUID, ChangeRecord]:
            return workspace.command(lambda session: pending.apply(session, entry))

        self.ctx.runner.run(
            job,
            on_done=lambda outcome: self._done(entry, queue, *outcome),
            on_error=self._failed,
        )

    def stop(self) -> None:
        """No more attempts in this run; what waits stays on disk for the next start."""
        self.retry.stop()
        self.stopped = True

    def _done(self, entry: Entry, queue: PendingQueue, written: uuid.UUID, record: ChangeRecord) -> None:
        queue.remove(entry.id)
        self.busy = False
        if entry.kind == pending.FEEDBACK and queue is self.queue and not record.empty:
            self.ctx.undo_stack.push(ChangeCommand(self.ctx, tr("undo.add_feedback"), record))
        self.ctx.bus.sig_changed.emit(Changes.written(record), self)
        self.sig_applied.emit(entry, written)
        self._changed()
        self.pump()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.sig_waiting.emit(exc)
        self._changed(show_now=True)
        if not self.stopped:
            self.retry.start()

    def _database_replaced(self) -> None:
        self.retry.stop()
        self.queue = PendingQueue.for_database(self.ctx.workspace.path, self.ctx.workspace.label)
        self._changed()
        self.pump()


def waiting_text(count: int) -> str:
    if count == 0:
        return ""
    return ntr("pending.waiting", count)
