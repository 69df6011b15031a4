"""Undo and redo through the services: each command replays database work on the worker.

An operation first runs its work; only when that has committed is a command pushed, so a
refused change never appears on the undo stack. Pushing calls `redo()` once at once; that
first call is skipped because the work is already done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlmodel import Session

from coprod.domain.errors import CoprodError
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext

Work = Callable[[Session], Any]


class DbCommand(QUndoCommand):
    """One undoable change: `undo_work` reverses it and `redo_work` repeats it."""

    def __init__(
        self, ctx: AppContext, text: str, *, undo_work: Work, redo_work: Work, changes: Changes
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.undo_work = undo_work
        self.redo_work = redo_work
        self.changes = changes
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._replay(self.redo_work)

    def undo(self) -> None:
        self._replay(self.undo_work)

    def _replay(self, work: Work) -> None:
        ctx = self.ctx
        text, changes = self.text(), self.changes  # clear() below deletes this command

        def job() -> None:
            with ctx.db.transaction() as session:
                work(session)

        def failed(exc: BaseException) -> None:
            # The record changed since (for example someone deleted it): the stack no longer
            # describes the database, so it is cleared rather than left half-true.
            ctx.undo_stack.clear()
            if isinstance(exc, LookupError):
                exc = CoprodError("undo.record_gone", what=text)
            ctx.bus.sig_failed.emit(exc)
            ctx.bus.sig_changed.emit(changes, None)  # show what the database now holds

        ctx.runner.run(job, on_done=lambda _r: ctx.bus.sig_changed.emit(changes, None), on_error=failed)
