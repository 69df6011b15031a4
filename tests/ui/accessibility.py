"""Finding interactive widgets that a screen reader would announce without a name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QAbstractItemView, QComboBox, QAbstractSpinBox, QLineEdit, QPlainTextEdit)
# Parts Qt builds inside its own widgets, which take their names from the owner.
QT_INTERNAL_PARENTS = (
    "QComboBoxPrivateContainer",
    "QTableView",
    "QDateEdit",
    "QComboBox",
    "QCalendarWidget",
    "QTableCornerButton",
)


def unnamed_widgets(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or w.accessibleName():
            continue
        parent = w.parentWidget()
        if parent is not None and parent.metaObject().className() in QT_INTERNAL_PARENTS:
            continue
        out.append(f"{type(w).__name__} in {parent.metaObject().className() if parent else None}")
    return out
