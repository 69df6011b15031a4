"""What every table model shares: columns that say how a row shows, and the Qt roles for them.

A model keeps plain frozen rows (never ORM objects) and says how to reach the n-th; the
header, display text, tooltip, the sentence screen readers hear and the alignment come from
its `Column`s here, once for every table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # what a row stands for: its id, or the row itself


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header and how a row shows in it (display text and, optionally, a
    fuller sentence for screen readers when the display text is a number or an abbreviation)."""

    header: str
    text: Callable[[R], str]
    spoken: Callable[[R], str] | None = None
    align_right: bool = False
    width: int = 12  # first-run width in average characters; the user's own widths are kept
    reads: bool = False  # the text people read: it stretches, and is elided first


class ColumnsModel(QAbstractTableModel, Generic[R]):
    """A read-only table of rows shown through `columns`. Subclasses hold the rows: they
    say how many are loaded, which is the n-th, and what `KEY_ROLE` gives for it."""

    columns: Sequence[Column[R]] = ()

    def _count(self) -> int:
        raise NotImplementedError

    def row_at(self, row: int) -> R:
        raise NotImplementedError

    def _key(self, row: int) -> Any:
        return self.row_at(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role in (
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.AccessibleTextRole,
                Qt.ItemDataRole.ToolTipRole,
            ):  # whole, even in a column dragged narrow
                return self.columns[section].header
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count() or index.column() >= len(self.columns):
            return None
        row, column = self.row_at(index.row()), self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Screen readers announce the column with the value, e.g. "Loop closed: No".
            spoken = column.spoken(row) if column.spoken else column.text(row)
            return f"{column.header}: {spoken or '-'}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return self._key(index.row())
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
