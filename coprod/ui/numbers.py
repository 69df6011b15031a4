"""Numbers in the window as coprod writes them everywhere else: "2,190", whatever the
system's own locale: `number` for text the window writes itself (cells, tiles, sentences; the
command line and reports use Python's `number(n)` too), and the `NUMBERS` locale for what Qt
writes (charts, spin boxes)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QSpinBox, QWidget

from coprod.i18n import tr

NUMBERS = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def number(value: float | int | None, suffix: str = "") -> str:
    """A figure: "5,022", "47.8%"; a dash when there is nothing to show."""
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}{suffix}"
    return f"{int(value):,}{suffix}"


def count_box(parent: QWidget, low: int, high: int, suffix: str = "") -> QSpinBox:
    """A spin box for a count, its thousands separated as it is shown and typed."""
    box = QSpinBox(parent)
    box.setLocale(NUMBERS)
    box.setGroupSeparatorShown(True)
    box.setRange(low, high)
    if suffix:
        box.setSuffix(suffix)
    return box


def days_box(parent: QWidget, value: int | None = None) -> QSpinBox:
    """A number of days from 1 to ten years, such as how long records are kept."""
    box = count_box(parent, 1, 3650, tr("prefs.days_suffix"))
    if value is not None:
        box.setValue(value)
    return box
