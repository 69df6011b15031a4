"""Column widths that keep headers whole and give the text people read the room.

Widths are in average characters of the user's font, so they follow the system font size.
No column is narrower than its header (with room for the sort arrow); the column people
read (a title, what was said) stretches to take what is left and elides first, the full
text being in its tooltip. The user's own widths and order, once saved, come back instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView


def header_width(table: QTableView, section: int) -> int:
    """The narrowest a column can be with its header read in full, sort arrow included."""
    header = table.horizontalHeader()
    text = str(table.model().headerData(section, Qt.Orientation.Horizontal) or "")
    metrics = header.fontMetrics()
    return metrics.horizontalAdvance(text) + metrics.averageCharWidth() * 4


def size_columns(
    table: QTableView,
    widths: Sequence[int],
    *,
    stretch: int | None = None,
    order: Sequence[int] | None = None,
) -> None:
    """Set first-run widths (characters per column), the stretching column and, optionally,
    the order the columns are shown in (model column numbers, first shown first)."""
    header = table.horizontalHeader()
    char = table.fontMetrics().averageCharWidth()
    header.setStretchLastSection(False)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    for section, chars in enumerate(widths):
        header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(section, max(chars * char + char, header_width(table, section)))
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for place, section in enumerate(order or ()):
        header.moveSection(header.visualIndex(section), place)
