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

# Qt asks a model for about seven roles of every cell it paints, most of them (font, colours,
# check state, icon) left to the style here: a table repaints a screenful of cells at each
# scroll step, so the roles are plain numbers, and a role no column answers is turned away
# before anything else is looked at.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
SPOKEN = int(Qt.ItemDataRole.AccessibleTextRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
TEXT_ROLES = frozenset({DISPLAY, TOOLTIP})
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
HEADER_ROLES = frozenset({DISPLAY, SPOKEN, TOOLTIP})  # a header's whole text, even dragged narrow
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ANSWERED = frozenset({DISPLAY, TOOLTIP, SPOKEN, ALIGNMENT, KEY_ROLE})


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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role in HEADER_ROLES and 0 <= section < len(self.columns):
                return self.columns[section].header
        elif role == DISPLAY:
            return section + 1
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED:
            return None
        number, column_number = index.row(), index.column()
        if not (0 <= number < self._count() and 0 <= column_number < len(self.columns) and index.isValid()):
            return None
        if role == KEY_ROLE:
            return self._key(number)
        column = self.columns[column_number]
        if role == ALIGNMENT:
            return ALIGN_RIGHT if column.align_right else ALIGN_LEFT
        row = self.row_at(number)
        if role in TEXT_ROLES:
            return column.text(row)
        # Screen readers announce the column with the value, e.g. "Loop closed: No".
        spoken = column.spoken(row) if column.spoken else column.text(row)
        return f"{column.header}: {spoken or '-'}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
