"""What every page and dialog is given: the database, its worker, the change bus, undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

from coprod.persistence.database import Database
from coprod.ui.changes import ChangeBus
from coprod.ui.tasks import DbRunner

if TYPE_CHECKING:
    from coprod.ui.pending import PendingWrites


@dataclass
class AppContext:
    db: Database
    runner: DbRunner
    bus: ChangeBus
    undo_stack: QUndoStack
    as_of: date = field(default_factory=date.today)
    pending: PendingWrites = field(init=False)
    """Writes saved by the user that wait for the database (see coprod.ui.pending)."""

    def __post_init__(self) -> None:
        from coprod.ui.pending import PendingWrites  # it needs a context to exist

        self.pending = PendingWrites(self)

    @classmethod
    def create(cls, db: Database, *, as_of: date | None = None) -> AppContext:
        return cls(db=db, runner=DbRunner(), bus=ChangeBus(), undo_stack=QUndoStack(),
                   as_of=as_of or date.today())
