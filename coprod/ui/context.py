"""What every page and dialog is given: the open workspace, its worker, a pool for long work,
the change bus and undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

from coprod.services.workspace import Workspace
from coprod.ui.changes import ChangeBus
from coprod.ui.tasks import DbRunner, WorkPool

if TYPE_CHECKING:
    from coprod.services.workspace import Database
    from coprod.ui.pending import PendingWrites


@dataclass
class AppContext:
    workspace: Workspace
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

    @property
    def db(self) -> Database:
        """The open database, for services that take it whole (export, merge, backup)."""
        return self.workspace.database

    @db.setter
    def db(self, database: Database) -> None:
        self.workspace = Workspace(database)

    @classmethod
    def create(cls, opened: Workspace | Database, *, as_of: date | None = None) -> AppContext:
        workspace = opened if isinstance(opened, Workspace) else Workspace(opened)
        return cls(
            workspace=workspace,
            runner=DbRunner(),
            bus=ChangeBus(),
            undo_stack=QUndoStack(),
            as_of=as_of or date.today(),
        )
