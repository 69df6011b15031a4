"""A read-only table model over plain rows of text: problems, audit events, previews."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel

Cells = tuple[str, ...]


def _column(heading: str, n: int) -> Column[Cells]:
    return Column(heading, lambda row: row[n], spoken=lambda row: row[n] or "blank")


class PlainRowsModel(RowsModel[Cells]):
    """Holds tuples of strings, never live database objects; screen readers get each cell
    with its column heading (AccessibleTextRole)."""

    def __init__(self, headings: Sequence[str], parent: Any = None) -> None:
        super().__init__([_column(h, n) for n, h in enumerate(headings)], parent)

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        super().set_rows([tuple("" if v is None else str(v) for v in row) for row in rows])

    def row_values(self, row: int) -> Cells:
        return self.row_at(row)
