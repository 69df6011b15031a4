"""Undoable changes to recommendations.

A change is first made by its dialog (so a refused rule can be shown inside the dialog),
as a command that hands back its change record; `push_edit` puts that record on the undo
stack, already done, and announces the tables it wrote. Undo and redo are the same
`ChangeCommand` every other change uses.
"""

from __future__ import annotations

from coprod.services.common.changes import ChangeRecord
from coprod.ui.context import AppContext
from coprod.ui.operations.run import committed
from coprod.ui.undo import Report


def push_edit(
    ctx: AppContext,
    edit: ChangeRecord,
    text: str,
    *,
    initiator: object | None = None,
    report: Report | None = None,
) -> bool:
    """Announce a change a dialog has just committed and make it undoable.

    Returns False (and pushes nothing) when the change turned out to change nothing.
    """
    if edit.empty:
        return False
    committed(ctx, edit, undo=text, initiator=initiator, report=report)
    return True
