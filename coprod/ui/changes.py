"""What changed, announced once; each view decides for itself whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from coprod.services.common.changes import ChangeRecord


@dataclass(frozen=True)
class Changes:
    """The tables a command wrote to (by table name, e.g. "recommendation").

    They come from the change record the flush hook built, so no operation lists them by
    hand; `everything` stands for work the hook cannot see row by row (a merge).
    """

    tables: frozenset[str]
    everything: bool = False

    @classmethod
    def of(cls, *tables: str) -> Changes:
        return cls(frozenset(tables))

    @classmethod
    def written(cls, record: ChangeRecord) -> Changes:
        return cls(record.tables)

    @classmethod
    def all(cls) -> Changes:
        return cls(frozenset(), everything=True)

    def touches(self, *tables: str) -> bool:
        return self.everything or bool(self.tables & set(tables))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.everything or other.everything)


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
