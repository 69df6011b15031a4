"""Choosing a combo box item by its data.

QComboBox.findData compares the wrapped Python objects by identity, so an equal UUID that is
a different object (one read in another query) is not found and the combo silently falls
back to its first item. Everything here compares in Python instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def combo_index(combo: QComboBox, value: object) -> int:
    """Where `value` is among the combo's item data; -1 when absent."""
    for n in range(combo.count()):
        if combo.itemData(n) == value:
            return n
    return -1


def select_data(combo: QComboBox, value: object) -> bool:
    """Make the item holding `value` current (the first item when absent); True if found."""
    index = combo_index(combo, value)
    combo.setCurrentIndex(max(index, 0))
    return index >= 0
