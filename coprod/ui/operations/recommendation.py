"""Undoable changes to recommendations.

A change is first made by its dialog (so a refused rule can be shown inside the dialog);
the dialog hands back an `Edit` record, and `push_edit` puts a command on the undo stack
that already counts as done. Undo and redo then run `recommendation_edits.undo/redo` on the
database worker and announce what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, tr
from coprod.services.recommendations import edits
from coprod.services.recommendations.edits import Edit
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext

Report = Callable[[str], None]


def announce(ctx: AppContext, edit: Edit, initiator: object | None = None) -> None:
    ctx.bus.sig_changed.emit(Changes.of(*edit.tables), initiator)


class RecommendationEditCommand(QUndoCommand):
    """One recorded recommendation change on the undo stack."""

    def __init__(self, ctx: AppContext, edit: Edit, text: str, *, report: Report | None = None) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.edit = edit
        self.report = report
        self._done = True  # the dialog already made the change
        self._skip = False  # set while the stack is moved back after a refused step

    def redo(self) -> None:
        if self._skip or self._done:
            self._skip = False
            return
        self._run(edits.redo, done=True)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(edits.undo, done=False)

    def _run(self, fn: Callable[..., None], *, done: bool) -> None:
        edit, db = self.edit, self.ctx.db

        def job() -> None:
            with db.transaction(action="undo" if not done else "redo") as session:
                fn(session=session, edit=edit)

        def finished(_: object) -> None:
            self._done = done
            announce(self.ctx, edit)

        def failed(exc: BaseException) -> None:
            # The stack has moved but the database has not: move the stack back, without
            # running the step again, so Undo and Redo keep matching what is saved.
            stack = self.ctx.undo_stack
            if not done and stack.command(stack.index()) is self:
                self._skip = True
                stack.redo()
            elif done and stack.index() > 0 and stack.command(stack.index() - 1) is self:
                self._skip = True
                stack.undo()
            message = describe(exc) if isinstance(exc, CoprodError) else tr("cli.unexpected", reason=exc)
            if self.report is not None:
                self.report(message)

        self.ctx.runner.run(job, on_done=finished, on_error=failed)


def push_edit(ctx: AppContext, edit: Edit, text: str, *, initiator: object | None = None,
              report: Report | None = None) -> bool:
    """Announce a change a dialog has just committed and make it undoable.

    Returns False (and pushes nothing) when the change turned out to change nothing.
    """
    if edit.before == edit.after and not edit.added:
        return False
    ctx.undo_stack.push(RecommendationEditCommand(ctx, edit, text, report=report))
    announce(ctx, edit, initiator)
    return True
