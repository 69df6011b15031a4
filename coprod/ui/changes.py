"""What changed, announced once; each view decides for itself whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    """The tables an operation wrote to (by table name, e.g. "recommendation")."""

    tables: frozenset[str]

    @classmethod
    def of(cls, *tables: str) -> Changes:
        return cls(frozenset(tables))

    def touches(self, *tables: str) -> bool:
        return bool(self.tables & set(tables))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables)


class ChangeBus(QObject):
    sig_changed = Signal(object, object)
    """Emitted after an operation committed.

    Arguments: `changes` (Changes), `initiator` (the widget that asked for it, or None), so a
    view can skip refreshing what it has just shown itself.
    """

    sig_database_replaced = Signal()
    """Emitted after another database file was opened or a backup restored: reload everything."""

    sig_failed = Signal(object)
    """Emitted with the exception when background work that nobody waits for failed
    (an undo or redo); the main window shows it as one plain sentence."""
