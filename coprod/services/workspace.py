"""The open database as the desktop app holds it: short reads, commands that say what they
wrote, and undo and redo of those commands.

The GUI keeps a `Workspace`, never the persistence layer's `Database` itself, so that the
only way from a widget to the data goes through services. A `Workspace` is a `Store`
(coprod.services.common.store): every service the GUI calls takes it as the command line
hands over its `Database`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session

from coprod.persistence.database import Database, open_database
from coprod.services.common import changes
from coprod.services.common.changes import ChangeRecord
from coprod.services.common.store import Store

T = TypeVar("T")

__all__ = ["Workspace", "open_workspace"]


class Workspace:
    """One open coprod database. Every method is meant for the database worker thread."""

    def __init__(self, database: Database) -> None:
        self.database = database
        """The persistence layer's handle: for services only, never for the GUI."""

    @classmethod
    def of(cls, store: Store) -> Workspace:
        """`store` as a workspace: itself if it is one, else a workspace over its database."""
        return store if isinstance(store, Workspace) else cls(store.database)

    @property
    def path(self) -> Path | None:
        return self.database.path

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    @property
    def label(self) -> str:
        return self.database.label

    def read(self, work: Callable[[Session], T]) -> T:
        with self.database.reading() as session:
            return work(session)

    def command(self, work: Callable[[Session], T], **info: Any) -> tuple[T, ChangeRecord]:
        """Run `work(session)` in one transaction; its result and what it wrote."""
        with self.database.transaction(**info) as session:
            return changes.recorded(session, work)

    def revert(self, record: ChangeRecord) -> None:
        """Undo `record` in one transaction, or refuse (ChangedSince, RecordGone) changing nothing."""
        with self.database.transaction(action="undo") as session:
            changes.revert(session, record)

    def reapply(self, record: ChangeRecord) -> None:
        """Redo `record` after an undo, or refuse changing nothing."""
        with self.database.transaction(action="redo") as session:
            changes.reapply(session, record)

    # The database's own short sessions, for read models and services that take one.
    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.database.reading() as session:
            yield session

    @contextmanager
    def transaction(self, **info: Any) -> Iterator[Session]:
        with self.database.transaction(**info) as session:
            yield session

    def close(self) -> None:
        self.database.close()


def open_workspace(target: str | Path | None = None, **options: Any) -> Workspace:
    """Open (creating and migrating as needed) the database at `target`; see `open_database`."""
    return Workspace(open_database(target, **options))
