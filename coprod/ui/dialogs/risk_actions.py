"""The two things done to a risk from its page: record a review, escalate it a level."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod.i18n import label, tr
from coprod.services.risks.view import RiskRow


def _named(widget: QWidget, caption: str) -> QWidget:
    widget.setAccessibleName(caption.replace("&", "").rstrip("…"))
    return widget


class RiskDialog(QDialog):
    sig_submitted = Signal()
    """Emitted when the user presses OK; the dialog stays open until `finish()` (saved) or
    `show_problem()` (refused, with the sentence saying why)."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout()
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(tr("risk.page.problem"))
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def add(self, caption: str, widget: QWidget) -> None:
        text = QLabel(caption, self)
        text.setBuddy(widget)
        _named(widget, caption)
        self.form.addRow(text, widget)

    def accept(self) -> None:
        self.sig_submitted.emit()

    def finish(self) -> None:
        """Close as accepted, once the change is saved."""
        super().accept()

    def show_problem(self, message: str) -> None:
        """A refused change: the sentence shows in the dialog, which stays open."""
        self.problem.setText(message)
        self.problem.show()


class ReviewDialog(RiskDialog):
    """Record the current likelihood and impact found at a review."""

    def __init__(self, row: RiskRow, parent: QWidget | None = None) -> None:
        super().__init__(tr("risk.page.review_title") + f": {row.reference}", parent)
        self.likelihood = QSpinBox(self)
        self.impact = QSpinBox(self)
        for spin, value in ((self.likelihood, row.current[0]), (self.impact, row.current[1])):
            spin.setRange(1, 5)
            spin.setValue(value)
        self.reviewer = QLineEdit(self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.add(tr("risk.page.likelihood_label"), self.likelihood)
        self.add(tr("risk.page.impact_label"), self.impact)
        self.add(tr("risk.page.reviewer_label"), self.reviewer)
        self.add(tr("risk.page.note_label"), self.note)
        self.likelihood.setFocus()


class EscalateDialog(RiskDialog):
    """Who is escalating the risk and why; the level and score are shown, not typed."""

    def __init__(self, row: RiskRow, to_level: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("risk.page.escalate_title") + f": {row.reference}", parent)
        what = QLabel(
            tr(
                "risk.page.escalate_to",
                reference=row.reference,
                from_level=label(row.level),
                to_level=to_level,
                score=row.current_score,
            ),
            self,
        )
        what.setWordWrap(True)
        self.form.addRow(what)
        self.by = QLineEdit(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.add(tr("risk.page.by_label"), self.by)
        self.add(tr("risk.page.reason_label"), self.reason)
        self.by.setFocus()
