"""What a service is handed to reach the data: the GUI's `Workspace` or the command line's
`Database`, each of which satisfies `Store`.

Most services need only short sessions and the database's name; the few that work on the
engine itself (a backup, an erasure's VACUUM, a sync, a server's users) take `database`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import Session

if TYPE_CHECKING:
    from coprod.persistence.database import Database


class Store(Protocol):
    """One open coprod database, as services see it."""

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server or an in-memory database."""

    @property
    def label(self) -> str:
        """How the database is named to people."""

    @property
    def read_only(self) -> bool: ...

    @property
    def database(self) -> Database:
        """The persistence layer's handle, for work on the engine itself."""

    def reading(self) -> AbstractContextManager[Session]:
        """A short session for reading."""

    def transaction(self, **info: Any) -> AbstractContextManager[Session]:
        """One unit of work, committed whole or rolled back whole."""
