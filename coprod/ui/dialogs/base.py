"""A form dialog that saves through an operation and shows a refusal in place.

When a rule refuses the change the dialog stays open with the domain's sentence above the
buttons, so the user can correct it; nothing was saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QPoint, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, tr
from coprod.ui.combo import combo_index
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField, set_buddy

TITLE_BAR = 40  # pixels the window manager adds above a window, roughly


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, value: date) -> DateField:
    return DateField(parent, value)


class OptionalDate(QWidget):
    """A date that may be left unset: a check box turns the date on."""

    def __init__(self, parent: QWidget, text: str, value: date | None, default: date) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text, self)
        self.edit = date_edit(self, value or default)
        self.check.setChecked(value is not None)
        self.edit.sig_edited.connect(lambda: self.check.setChecked(True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.edit, 1)
        # Alt+letter goes to the date; typing or picking one there sets it.
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_accessible_name(self, name: str) -> None:
        self.check.setAccessibleName(tr("ui.set_named", name=name))
        self.edit.setAccessibleName(name)


def fill_combo(combo: QComboBox, choices: Sequence[tuple[str, object]], current: object = None) -> None:
    combo.clear()
    for text, data in choices:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo_index(combo, current), 0))


def text_or_none(box: QLineEdit) -> str | None:
    return box.text().strip() or None


class FormDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAccessibleName(tr("ui.problem"))
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(tr("ui.save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(tr("ui.cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_row(self, text: str, widget: QWidget, name: str | None = None) -> QWidget:
        """A labelled field: the label is its buddy (Alt+letter) and names it for screen readers."""
        lab = QLabel(text, self)
        set_buddy(lab, widget)
        plain = name or text.replace("&", "").rstrip(":")
        if isinstance(widget, OptionalDate):
            widget.set_accessible_name(plain)
        else:
            widget.setAccessibleName(plain)
        self.form.addRow(lab, widget)
        return widget

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # A long form (New session) opens no taller than the screen, title bar included.
        room = self.screen().availableGeometry().size() - QSize(0, TITLE_BAR)
        if room.expandedTo(self.size()) != room:
            self.resize(self.size().boundedTo(room).expandedTo(self.minimumSizeHint()))
            self.move(self.screen().availableGeometry().topLeft() + QPoint(0, TITLE_BAR // 2))

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _submit(self) -> None:
        self.error.hide()
        self.save_button.setEnabled(False)
        try:
            self.submit()
        except CoprodError as exc:
            self.show_error(exc)

    def submit(self) -> None:
        """Start saving; the operation calls `self.saved` or `self.show_error`."""
        raise NotImplementedError

    def saved(self, _result: object = None) -> None:
        self.accept()

    def show_error(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        text = describe(exc) if isinstance(exc, CoprodError) else tr("ui.unexpected", reason=exc)
        self.error.setText(text)
        self.error.show()
        self.error.setFocus()


def id_or_none(combo: QComboBox) -> uuid.UUID | None:
    data = combo.currentData()
    return data if isinstance(data, uuid.UUID) else None
