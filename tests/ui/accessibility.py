"""Finding interactive widgets that a screen reader would announce without a name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def _is_part_of_another_control(widget: QWidget) -> bool:
    """The line edit inside a spin box or combo box, a table's corner button, a header:
    parts that Qt names through the control that owns them."""
    parent = widget.parentWidget()
    ancestor = parent
    while ancestor is not None:
        if isinstance(ancestor, (QComboBox, QAbstractSpinBox, QLineEdit, QMenuBar)):  # pop-ups, clear buttons
            return True
        ancestor = ancestor.parentWidget()
    if isinstance(widget, QHeaderView):
        return True
    return isinstance(parent, QAbstractItemView) and not isinstance(widget, QAbstractItemView)


def unnamed_widgets(root: QWidget) -> list[str]:
    """Every control under `root` with no accessible name set, as "Type 'text' in Parent"."""
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _is_part_of_another_control(widget):
            continue
        if not widget.accessibleName().strip():
            text = widget.text() if hasattr(widget, "text") else ""
            out.append(f"{type(widget).__name__} {text!r} in {type(widget.parentWidget()).__name__}")
    return out
