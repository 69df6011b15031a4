"""What every recommendation action dialog shares: a form, a problem line and Save/Cancel.

Save reads the form on the GUI thread into plain values, then runs the service on the
database worker inside one transaction. A refused rule rolls the transaction back and its
message appears inside the dialog, which stays open so the user can put it right.

The dialog keeps the version of the recommendation it opened and saves against it: if
someone saved the recommendation since, the save is refused and the dialog offers to reload
or to review the differences (`conflict.py`), never overwriting their work.
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

from coprod.domain.errors import CoprodError, EditConflict
from coprod.i18n import describe, tr
from coprod.i18n import label as enum_label
from coprod.i18n.dates import long_day
from coprod.services.common.changes import ChangeRecord as Edit
from coprod.services.recommendations.detail import RecommendationDetail, recommendation_detail
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField, set_buddy
from coprod.ui.dialogs.conflict import (
    ConflictBar,
    Difference,
    DifferencesDialog,
    TypedNotes,
    differences,
    shown_text,
)
from coprod.ui.guard import if_alive
from coprod.ui.operations.run import read

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
        self.version = detail.version  # what the save is made against
        self.rows: list[tuple[str, QWidget]] = []
        self.differences_dialog: DifferencesDialog | None = None
        self.edit: Edit | None = None
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        # Room for a sentence of the user's font on one line; text boxes grow with it.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout = QVBoxLayout(self)
        self.heading = heading = QLabel(f"{detail.reference or ''} {detail.title}".strip(), self)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setAccessibleName(tr("recs.dialog.for"))
        layout.addWidget(heading)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.notes = TypedNotes(self.form, self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(tr("recs.dialog.problem"))
        bold = self.problem.font()
        bold.setBold(True)  # noticed without relying on colour; size stays the system's
        self.problem.setFont(bold)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        self.conflict_bar = ConflictBar(self)
        self.conflict_bar.sig_reload_requested.connect(self.reload)
        self.conflict_bar.sig_review_requested.connect(self.review_differences)
        layout.addWidget(self.conflict_bar)
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
        self.rows.append((text.replace("&", "").rstrip(":"), widget))
        return label

    def show_row(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    def change(self) -> Change:
        """Read the form (GUI thread) and return the service call to make (worker thread)."""
        raise NotImplementedError

    def fill(self, detail: RecommendationDetail) -> None:
        """Put `detail`'s values into the fields that edit them (none, for an action)."""

    def record_differences(self, current: RecommendationDetail) -> list[Difference]:
        """What someone else changed that the form does not edit: (field, now, as opened)."""
        opened = self.detail
        shown = [
            (tr("recs.col.title"), current.title, opened.title),
            (tr("recs.col.status"), enum_label(current.status), enum_label(opened.status)),
            (tr("recs.col.owner"), current.owner or "", opened.owner or ""),
            (tr("recs.col.target"), long_day(current.effective_target), long_day(opened.effective_target)),
            (tr("ui.conflict.progress"), f"{current.progress}%", f"{opened.progress}%"),
        ]
        edited = {name for name, _widget in self.rows}
        return [row for row in shown if row[1] != row[2] and row[0] not in edited]

    def show_conflict(self, exc: EditConflict) -> None:
        """Someone saved since this dialog opened: say who and when, offer Reload and Review."""
        self.show_problem(describe(exc))
        self.conflict_bar.show()

    def _read_current(self, then: Callable[[RecommendationDetail], None]) -> None:
        rid = self.detail.id

        def done(detail: RecommendationDetail | None) -> None:
            if detail is None:
                self.conflict_bar.hide()
                self.show_problem(tr("recs.gone"))
            else:
                then(detail)

        read(
            self.ctx,
            lambda session: recommendation_detail(session=session, recommendation_id=rid),
            on_done=if_alive(self, done),
            on_error=if_alive(self, self._failed),
        )

    def reload(self) -> None:
        """Take the saved values; what the user typed stays in view under each changed field."""
        self._read_current(self._reloaded)

    def _reloaded(self, detail: RecommendationDetail) -> None:
        typed = {name: shown_text(widget) for name, widget in self.rows}
        self.fill(detail)
        self.detail, self.version = detail, detail.version
        self.heading.setText(f"{detail.reference or ''} {detail.title}".strip())
        self.notes.show(self.rows, typed)
        self.conflict_bar.hide()
        self.show_problem(tr("ui.conflict.reloaded"))

    def review_differences(self) -> None:
        """List each field that differs: the saved value and the user's."""
        self._read_current(self._review)

    def _review(self, detail: RecommendationDetail) -> None:
        found, _typed = differences(self.rows, self.fill, detail)
        dialog = DifferencesDialog([*found, *self.record_differences(detail)], self)
        self.differences_dialog = dialog
        dialog.open()

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
        if isinstance(exc, EditConflict):
            self.show_conflict(exc)
        elif isinstance(exc, CoprodError):
            self.show_problem(describe(exc))
        elif isinstance(exc, LookupError):
            self.show_problem(tr("recs.gone"))
        else:
            self.show_problem(tr("cli.unexpected", reason=exc))
