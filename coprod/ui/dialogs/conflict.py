"""When someone saved a record after this user opened it: say so, and offer two ways on.

An editor that gets an `EditConflict` shows its sentence ("Changed by Priya Raman at 10:42
since you opened it.") with two buttons, and never saves over the other person's work:

* **Reload** puts the saved values into the form and shows what the user had typed under
  each field that differs, so nothing typed is lost;
* **Review differences** lists each field that differs: the saved value and the user's.

Widgets are read and put back generically (`shown_text`, `held`, `put_back`), so an editor
only says how to fill its form from a record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod.i18n import tr
from coprod.i18n.dates import day
from coprod.ui.date_field import DateField

Difference = tuple[str, str, str]  # field, theirs (saved now), yours (in the form)


def shown_text(widget: QWidget) -> str:
    """What a field shows, as a user would read it out."""
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QCheckBox):
        return tr("ui.yes") if widget.isChecked() else tr("ui.no")
    if isinstance(widget, DateField):  # as the field shows it once left: "31 Mar 2027"
        return day(widget.value())
    if isinstance(widget, QListWidget):
        return ", ".join(
            widget.item(i).text()
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        )
    value = getattr(widget, "value", None)  # OptionalDate and the like
    found = value() if callable(value) else None
    return "" if found is None else str(found)


def held(widget: QWidget) -> Any:
    """What a field holds, to put back with `put_back`."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, QListWidget):
        return [widget.item(i).checkState() for i in range(widget.count())]
    return None


def put_back(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(value)
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setValue(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(value)
    elif isinstance(widget, DateField):
        widget.set_value(value)
    elif isinstance(widget, QListWidget) and len(value) == widget.count():
        for i, state in enumerate(value):
            widget.item(i).setCheckState(state)


class ConflictBar(QWidget):
    """The two choices offered under the conflict's sentence."""

    sig_reload_requested = Signal()
    """The user chose Reload: put the saved values in the form."""

    sig_review_requested = Signal()
    """The user chose Review differences."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.reload_button = QPushButton(tr("ui.conflict.reload"), self)
        self.reload_button.setAccessibleName(tr("ui.conflict.reload").replace("&", ""))
        self.review_button = QPushButton(tr("ui.conflict.review"), self)
        self.review_button.setAccessibleName(tr("ui.conflict.review").replace("&", ""))
        self.reload_button.clicked.connect(self.sig_reload_requested)
        self.review_button.clicked.connect(self.sig_review_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.review_button)
        layout.addStretch(1)
        self.hide()


class DifferencesDialog(QDialog):
    """Field, the value saved now, and the user's: read only, nothing is saved from here."""

    def __init__(self, differences: Sequence[Difference], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.conflict.differences_title"))
        self.setAccessibleName(tr("ui.conflict.differences_title"))
        layout = QVBoxLayout(self)
        if not differences:
            layout.addWidget(QLabel(tr("ui.conflict.no_differences"), self))
        self.table = QTableWidget(len(differences), 3, self)
        self.table.setAccessibleName(tr("ui.conflict.differences_title"))
        self.table.setHorizontalHeaderLabels(
            [tr("ui.conflict.field"), tr("ui.conflict.theirs"), tr("ui.conflict.yours")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for row, values in enumerate(differences):
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text or tr("ui.conflict.empty")))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(differences))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def rows(self) -> list[Difference]:
        def cell(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(cell(r, 0), cell(r, 1), cell(r, 2)) for r in range(self.table.rowCount())]


class TypedNotes:
    """The user's typed text shown under the fields a reload changed; removed on the next."""

    def __init__(self, form: QFormLayout, parent: QWidget) -> None:
        self.form = form
        self.parent = parent
        self.notes: dict[str, QLabel] = {}

    def clear(self) -> None:
        for note in self.notes.values():
            self.form.removeRow(note)
        self.notes.clear()

    def show(self, rows: Sequence[tuple[str, QWidget]], typed: dict[str, str]) -> None:
        """Under each field whose value no longer reads as `typed` said, what the user typed."""
        self.clear()
        for name, widget in rows:
            mine = typed.get(name, "")
            if not mine or shown_text(widget) == mine:
                continue
            row, _role = cast(tuple[int, Any], self.form.getWidgetPosition(widget))
            if row < 0:
                continue
            note = QLabel(tr("ui.conflict.you_typed", text=mine), self.parent)
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            note.setAccessibleName(tr("ui.conflict.you_typed_name", field=name))
            self.form.insertRow(row + 1, "", note)
            self.notes[name] = note


def differences(
    rows: Sequence[tuple[str, QWidget]], fill: Any, record: Any
) -> tuple[list[Difference], dict[str, str]]:
    """The form's fields that differ from `record` once filled from it: (field, theirs, yours).

    The form is filled from the record to read how its values show, then put back as the
    user left it. Also returns what the form showed before, by field name.
    """
    typed = {name: shown_text(widget) for name, widget in rows}
    kept = [(widget, held(widget)) for _name, widget in rows]
    fill(record)
    theirs = {name: shown_text(widget) for name, widget in rows}
    for widget, value in kept:
        put_back(widget, value)
    found = [(name, theirs[name], typed[name]) for name, _w in rows if theirs[name] != typed[name]]
    return found, typed
