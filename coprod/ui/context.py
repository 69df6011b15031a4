"""What every page and dialog is given: the open workspace, its worker, a pool for long work,
the change bus and undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QUndoStack

from coprod.services.workspace import Workspace
from coprod.ui.changes import ChangeBus
from coprod.ui.tasks import DbRunner, WorkPool

if TYPE_CHECKING:
    from coprod.services.common.store import Store
    from coprod.ui.pending import PendingWrites


@dataclass
class AppContext:
    workspace: Workspace
    """The open database; opening another replaces it (and the window announces that)."""
    runner: DbRunner
    bus: ChangeBus
    undo_stack: QUndoStack
    as_of: date = field(default_factory=date.today)
    pool: WorkPool = field(default_factory=WorkPool)
    """Long work that needs no database (rendering a report), so reads never wait behind it."""
    pending: PendingWrites = field(init=False)
    """Writes saved by the user that wait for the database (see coprod.ui.pending)."""

    def __post_init__(self) -> None:
        from coprod.ui.pending import PendingWrites  # it needs a context to exist

        self.pending = PendingWrites(self)

    def __del__(self) -> None:
        # The stack's steps go while everything they hold is whole. Left to Python's collector,
        # which clears a cycle's objects in no fixed order, the stack was deleted after some
        # of its steps had been, and deleting them again crashed the process.
        if shiboken6.isValid(self.undo_stack):
            self.undo_stack.clear()

    @classmethod
    def create(cls, opened: Store, *, as_of: date | None = None) -> AppContext:
        """A context over `opened`: a workspace (as the app opens one), or any store (a test's)."""
        return cls(
            workspace=Workspace.of(opened),
            runner=DbRunner(),
            bus=ChangeBus(),
            undo_stack=QUndoStack(),
            as_of=as_of or date.today(),
        )
