"""What every page and dialog is given: the database, its worker, the change bus, undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtGui import QUndoStack

from coprod.persistence.database import Database
from coprod.ui.changes import ChangeBus
from coprod.ui.tasks import DbRunner


@dataclass
class AppContext:
    db: Database
    runner: DbRunner
    bus: ChangeBus
    undo_stack: QUndoStack
    as_of: date = field(default_factory=date.today)

    @classmethod
    def create(cls, db: Database, *, as_of: date | None = None) -> AppContext:
        return cls(db=db, runner=DbRunner(), bus=ChangeBus(), undo_stack=QUndoStack(),
                   as_of=as_of or date.today())
