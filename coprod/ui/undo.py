"""One undo command for every change: it takes a change record back, or makes it again.

A command is pushed only once its change has committed, so a refused change never appears
on the undo stack; pushing calls `redo()` once at once, and that first call is skipped
because the work is already done. Undo and redo run `Workspace.revert/reapply` on the
database worker: services, never GUI closures.

When the database refuses a step because the record changed since, the stack is moved back
(the step stays, to be tried again) and one sentence says why. When the step fails for any
other reason (the record is gone), the sentence says so and that command alone leaves the
stack; the others still describe the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from coprod.domain.errors import CoprodError, Phrase
from coprod.services.common.changes import ChangedSince, ChangeRecord
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext

Report = Callable[[str], None]


class ChangeCommand(QUndoCommand):
    """One committed change record on the undo stack; its text is what Undo shows."""

    def __init__(
        self, ctx: AppContext, text: str, record: ChangeRecord, *, report: Report | None = None
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.record = record
        self.report = report
        self._skip = True  # the change is already made: the push's redo() does nothing

    def redo(self) -> None:
        if self._skip or self.isObsolete():
            self._skip = False
            return
        self._run(undo=False)

    def undo(self) -> None:
        if self._skip or self.isObsolete():
            self._skip = False
            return
        self._run(undo=True)

    def _run(self, *, undo: bool) -> None:
        # Read now: a dropped command is deleted by the stack before `failed` has finished.
        ctx, record, text, report = self.ctx, self.record, self.text(), self.report
        workspace = ctx.workspace
        work = workspace.revert if undo else workspace.reapply

        def done(_: object) -> None:
            ctx.bus.sig_changed.emit(Changes.written(record), None)

        def failed(exc: BaseException) -> None:
            refused = isinstance(exc, ChangedSince)
            self._step_back(undo=undo, drop=not refused)
            problem = _problem(exc, undo=undo, what=text)
            if report is not None:
                report(str(problem))
            else:
                ctx.bus.sig_failed.emit(problem)
            ctx.bus.sig_changed.emit(Changes.written(record), None)  # show what the database holds

        ctx.runner.run(lambda: work(record), on_done=done, on_error=failed)

    def _step_back(self, *, undo: bool, drop: bool) -> None:
        """The stack moved but the database did not: move it back without running the step
        again, or, with `drop`, take this command off the stack."""
        stack = self.ctx.undo_stack
        if drop:
            self.setObsolete(True)  # Qt deletes an obsolete command the next time it is stepped
        mine = stack.command(stack.index()) if undo else stack.command(stack.index() - 1)
        if mine is not self:
            return  # another step was taken meanwhile; an obsolete command goes when reached
        self._skip = True
        if undo:
            stack.redo()
        else:
            stack.undo()


def _problem(exc: BaseException, *, undo: bool, what: str) -> CoprodError:
    """The one sentence saying why a step was not taken (literal keys, for extraction)."""
    if isinstance(exc, ChangedSince):
        return (
            CoprodError("changes.undo_refused", what=what)
            if undo
            else CoprodError("changes.redo_refused", what=what)
        )
    if isinstance(exc, LookupError):  # the record is gone
        return (
            CoprodError("changes.undo_failed", what=what)
            if undo
            else CoprodError("changes.redo_failed", what=what)
        )
    # A refusal is worded when shown, in the language of the moment, like the error it reports.
    reason = exc if isinstance(exc, CoprodError) else Phrase("cli.unexpected", reason=exc)
    if undo:
        return CoprodError("changes.undo_error", what=what, reason=reason)
    return CoprodError("changes.redo_error", what=what, reason=reason)
