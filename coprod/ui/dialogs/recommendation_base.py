"""What every recommendation action dialog shares: a form, a problem line and Save/Cancel.

Save reads the form on the GUI thread into plain values, then runs the service on the
database worker inside one transaction. A refused rule rolls the transaction back and its
message appears inside the dialog, which stays open so the user can put it right.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, tr
from coprod.services.common.changes import ChangeRecord as Edit
from coprod.services.recommendations.detail import RecommendationDetail
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField, set_buddy
from coprod.ui.guard import if_alive

Change = Callable[[Session], Any]


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, parent: QWidget) -> DateField:
    return DateField(parent, value)


def text_box(parent: QWidget, *, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * (lines + 1) + 8)
    return box


def plain(widget: QPlainTextEdit | QLineEdit) -> str:
    text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    return text.strip()


class RecommendationDialog(QDialog):
    """Subclasses add rows with `add_row` and implement `change()`."""

    def __init__(
        self, ctx: AppContext, detail: RecommendationDetail, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.edit: Edit | None = None
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        # Room for a sentence of the user's font on one line; text boxes grow with it.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{detail.reference or ''} {detail.title}".strip(), self)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setAccessibleName(tr("recs.dialog.for"))
        layout.addWidget(heading)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(tr("recs.dialog.problem"))
        bold = self.problem.font()
        bold.setBold(True)  # noticed without relying on colour; size stays the system's
        self.problem.setFont(bold)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(tr("recs.dialog.save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(tr("recs.dialog.cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_row(self, text: str, widget: QWidget, *, name: str | None = None) -> QLabel:
        label = QLabel(text, self)
        set_buddy(label, widget)
        widget.setAccessibleName(name or text.replace("&", "").rstrip(":"))
        self.form.addRow(label, widget)
        return label

    def show_row(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    def change(self) -> Change:
        """Read the form (GUI thread) and return the service call to make (worker thread)."""
        raise NotImplementedError

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(True)
        self.save_button.setEnabled(True)
        # Screen readers do not notice a label appearing; announce it (Qt 6.8+).
        event = QAccessibleAnnouncementEvent(self.problem, message)
        QAccessible.updateAccessibility(event)

    def save(self) -> None:
        self.problem.setVisible(False)
        try:
            change = self.change()
        except CoprodError as exc:
            self.show_problem(describe(exc))
            return
        workspace = self.ctx.workspace
        self.save_button.setEnabled(False)

        def job() -> tuple[Any, Edit]:
            return workspace.command(change)

        self.ctx.runner.run(job, on_done=if_alive(self, self._saved), on_error=if_alive(self, self._failed))

    def _saved(self, outcome: tuple[Any, Edit]) -> None:
        self.result_value, self.edit = outcome
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CoprodError):
            self.show_problem(describe(exc))
        elif isinstance(exc, LookupError):
            self.show_problem(tr("recs.gone"))
        else:
            self.show_problem(tr("cli.unexpected", reason=exc))
