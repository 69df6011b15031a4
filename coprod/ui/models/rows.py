"""A table model over a short list of plain rows held in memory (queues, logs, figures).

For lists that are already small when they reach the GUI: the review queue, the lessons
log and the dashboard's text alternatives. Rows are frozen values, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row value itself


@dataclass(frozen=True)
class Column(Generic[R]):
    """A header and how a row shows in it; `spoken` is the fuller text for screen readers
    when the display text is only a number or an abbreviation."""

    header: str
    text: Callable[[R], str]
    spoken: Callable[[R], str] | None = None
    align_right: bool = False


class RowsModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            spoken = column.spoken(row) if column.spoken else column.text(row)
            return f"{column.header}: {spoken}" if spoken else f"{column.header}: -"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        spoken = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns) and role in spoken:
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def number(value: float | int | None, suffix: str = "") -> str:
    """A figure for a table cell; a dash when there is nothing to show."""
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}{suffix}"
    return f"{int(value):,}{suffix}"


# Rows measured when sizing columns to their contents. Qt measures 1,000 by default, which
# for a review queue of 4,000 items held the GUI thread for half a second; the first rows
# (the worst items, the ones on screen) give the same widths in a fraction of the time.
ROWS_MEASURED = 60


def fit_columns(table: Any, stretch: int) -> None:
    """Size columns to their contents once, with `stretch` taking the spare width; the user
    can still drag them."""
    from PySide6.QtWidgets import QHeaderView

    header = table.horizontalHeader()
    header.setResizeContentsPrecision(ROWS_MEASURED)
    table.resizeColumnsToContents()
    limit = table.fontMetrics().averageCharWidth() * 22
    for column in range(header.count()):
        if column != stretch and header.sectionSize(column) > limit:
            header.resizeSection(column, limit)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
