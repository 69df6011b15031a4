"""A form dialog that saves through an operation and shows a refusal in place.

When a rule refuses the change the dialog stays open with the domain's sentence above the
buttons, so the user can correct it; nothing was saved.

An editor of a record opened earlier keeps its `version` and saves against it. If someone
saved the record since, the sentence says who and when and the dialog offers Reload and
Review differences (`conflict.py`); a subclass says how to read the record (`read_current`)
and how to fill its form from it (`fill`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

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
from sqlmodel import Session

from coprod.domain.errors import CoprodError, EditConflict
from coprod.i18n import describe, tr
from coprod.ui.combo import combo_index
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField, set_buddy
from coprod.ui.dialogs.conflict import ConflictBar, DifferencesDialog, TypedNotes, differences, shown_text
from coprod.ui.guard import if_alive
from coprod.ui.operations.run import read

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
        self.version: int | None = None  # of the record being edited, once a subclass knows it
        self.rows: list[tuple[str, QWidget]] = []
        self.differences_dialog: DifferencesDialog | None = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout()
        self.typed_notes = TypedNotes(self.form, self)
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
        self.conflict_bar = ConflictBar(self)
        self.conflict_bar.sig_reload_requested.connect(self.reload)
        self.conflict_bar.sig_review_requested.connect(self.review_differences)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.conflict_bar)
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
        self.rows.append((plain, widget))
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
        self.conflict_bar.setVisible(isinstance(exc, EditConflict) and self.read_current() is not None)

    # -- someone saved the record since it was opened ------------------------------------

    def read_current(self) -> Callable[[Session], dict[str, Any]] | None:
        """How to read the record as saved now (its values, with "version"); None for a new one."""
        return None

    def fill(self, values: dict[str, Any]) -> None:
        """Put a record's values into the form."""

    def _with_current(self, then: Callable[[dict[str, Any]], None]) -> None:
        work = self.read_current()
        if work is not None:
            read(self.ctx, work, on_done=if_alive(self, then), on_error=if_alive(self, self.show_error))

    def reload(self) -> None:
        """Take the saved values; what the user typed stays in view under each changed field."""
        self._with_current(self._reloaded)

    def _reloaded(self, values: dict[str, Any]) -> None:
        typed = {name: shown_text(widget) for name, widget in self.rows}
        self.fill(values)
        self.version = values.get("version")
        self.typed_notes.show(self.rows, typed)
        self.conflict_bar.hide()
        self.error.setText(tr("ui.conflict.reloaded"))
        self.error.show()

    def review_differences(self) -> None:
        """List each field that differs: the saved value and the user's."""
        self._with_current(self._review)

    def _review(self, values: dict[str, Any]) -> None:
        found, _typed = differences(self.rows, self.fill, values)
        self.differences_dialog = DifferencesDialog(found, self)
        self.differences_dialog.open()


def id_or_none(combo: QComboBox) -> uuid.UUID | None:
    data = combo.currentData()
    return data if isinstance(data, uuid.UUID) else None
