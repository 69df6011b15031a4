"""A table model over a short list of plain rows held in memory (queues, logs, figures).

For lists that are already small when they reach the GUI: the review queue, the lessons
log and the dashboard's text alternatives. Rows are frozen values, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coprod.ui.models.base import KEY_ROLE, Column, ColumnsModel, R

ROW_ROLE = KEY_ROLE  # the row value itself


class RowsModel(ColumnsModel[R]):
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

    def _count(self) -> int:
        return len(self._rows)


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
