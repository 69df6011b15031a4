"""The decision form of a review meeting: the fields each decision needs, and the lessons
learnt when the rules require them.

The form only gathers values; the service checks them and refuses with one sentence, which
the meeting shows above the buttons.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.enums import ReviewDecision
from coprod.i18n import tr
from coprod.services.recommendations.review import LessonInput, lesson_required
from coprod.services.recommendations.review_detail import ItemDetail
from coprod.ui.combo import select_data
from coprod.ui.date_field import DateField, set_buddy

# Decision buttons with their keyboard mnemonics (Alt + the underlined letter).
DECISION_TEXT = {
    ReviewDecision.CONTINUE: "review.ui.decide.continue",
    ReviewDecision.ESCALATE: "review.ui.decide.escalate",
    ReviewDecision.REASSIGN: "review.ui.decide.reassign",
    ReviewDecision.REVISE_TARGET: "review.ui.decide.revise",
    ReviewDecision.CLOSE: "review.ui.decide.close",
}
DEFAULT_NEXT_UPDATE_DAYS = 28


@dataclass(frozen=True)
class Draft:
    """Everything typed or chosen for one item, kept while the chair looks at other items."""

    decision: ReviewDecision | None
    next_update: QDate
    new_owner: int
    new_target: QDate
    reason: str
    approved_by: str
    notes: str
    add_lesson: bool
    what: str
    why: str
    differently: str
    learning_owner: int

    def is_empty(self) -> bool:
        texts = (self.reason, self.approved_by, self.notes, self.what, self.why, self.differently)
        return self.decision is None and not self.add_lesson and not any(t.strip() for t in texts)


def _date_edit(parent: QWidget, name: str) -> DateField:
    edit = DateField(parent)
    edit.setAccessibleName(name)
    return edit


def _text_edit(parent: QWidget, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setAccessibleName(name)
    edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 4)
    return edit


class DecisionForm(QWidget):
    sig_changed = Signal()
    """Emitted when the decision chosen (and so the fields shown) changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ItemDetail | None = None
        self.as_of = date.today()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        choice = QGroupBox(tr("review.ui.decision"), self)
        choice.setAccessibleName(tr("review.ui.decision"))
        row = QHBoxLayout(choice)
        self.group = QButtonGroup(self)
        self.buttons: dict[ReviewDecision, QRadioButton] = {}
        for decision, key in DECISION_TEXT.items():
            button = QRadioButton(tr(key), choice)
            button.setAccessibleName(tr(key).replace("&", ""))
            self.group.addButton(button)
            self.buttons[decision] = button
            row.addWidget(button)
            button.toggled.connect(self._update)
        row.addStretch(1)
        outer.addWidget(choice)

        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.next_update = _date_edit(self, tr("review.ui.next_update").replace("&", ""))
        self.escalate_to = QLabel(self)
        self.escalate_to.setWordWrap(True)
        self.escalate_to.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.new_owner = QComboBox(self)
        self.new_owner.setAccessibleName(tr("review.ui.new_owner").replace("&", ""))
        self.new_target = _date_edit(self, tr("review.ui.new_target").replace("&", ""))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(tr("review.ui.reason").replace("&", ""))
        self.approved_by = QLineEdit(self)
        self.approved_by.setAccessibleName(tr("review.ui.approved_by").replace("&", ""))
        self.notes = _text_edit(self, tr("review.ui.notes").replace("&", ""))
        self._rows: dict[str, QWidget] = {}
        for key, widget in (
            ("review.ui.next_update", self.next_update),
            ("review.ui.escalate_to", self.escalate_to),
            ("review.ui.new_owner", self.new_owner),
            ("review.ui.new_target", self.new_target),
            ("review.ui.reason", self.reason),
            ("review.ui.approved_by", self.approved_by),
            ("review.ui.notes", self.notes),
        ):
            label = QLabel(tr(key), self)
            set_buddy(label, widget)
            self.form.addRow(label, widget)
            self._rows[key] = widget
        self.escalate_to.setAccessibleName(tr("review.ui.escalate_to").replace("&", ""))

        self.add_lesson = QCheckBox(tr("review.ui.add_lesson"), self)
        self.add_lesson.setAccessibleName(tr("review.ui.add_lesson").replace("&", ""))
        self.add_lesson.toggled.connect(self._update)
        outer.addWidget(self.add_lesson)
        self.lesson_box = QGroupBox(tr("review.ui.lesson"), self)
        self.lesson_box.setAccessibleName(tr("review.ui.lesson"))
        lesson_form = QFormLayout(self.lesson_box)
        self.lesson_note = QLabel(self.lesson_box)
        self.lesson_note.setWordWrap(True)
        lesson_form.addRow(self.lesson_note)
        self.what = _text_edit(self.lesson_box, tr("review.ui.what").replace("&", ""))
        self.why = _text_edit(self.lesson_box, tr("review.ui.why").replace("&", ""))
        self.differently = _text_edit(self.lesson_box, tr("review.ui.differently").replace("&", ""))
        self.learning_owner = QComboBox(self.lesson_box)
        self.learning_owner.setAccessibleName(tr("review.ui.learning_owner").replace("&", ""))
        for key, widget in (
            ("review.ui.what", self.what),
            ("review.ui.why", self.why),
            ("review.ui.differently", self.differently),
            ("review.ui.learning_owner", self.learning_owner),
        ):
            label = QLabel(tr(key), self.lesson_box)
            set_buddy(label, widget)
            lesson_form.addRow(label, widget)
        outer.addWidget(self.lesson_box)
        outer.addStretch(1)
        self._update()

    # --- filling -----------------------------------------------------------------------
    def set_owners(self, owners: list[tuple[uuid.UUID, str]]) -> None:
        for combo, empty in (
            (self.new_owner, "review.ui.choose_owner"),
            (self.learning_owner, "review.ui.no_one"),
        ):
            combo.clear()
            combo.addItem(tr(empty), None)
            for oid, name in owners:
                combo.addItem(name, oid)

    def set_item(self, detail: ItemDetail, *, as_of: date) -> None:
        """Start afresh for `detail`: nothing chosen, sensible dates, no text."""
        self.detail, self.as_of = detail, as_of
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.next_update.setDate(as_of + timedelta(days=DEFAULT_NEXT_UPDATE_DAYS))
        self.new_target.setDate(max(detail.lag.effective_target, as_of) + timedelta(days=90))
        for edit in (self.reason, self.approved_by):
            edit.clear()
        for text in (self.notes, self.what, self.why, self.differently):
            text.clear()
        self.new_owner.setCurrentIndex(0)
        select_data(self.learning_owner, detail.lag.owner_id)
        self.add_lesson.setChecked(False)
        contact = detail.escalation_contact
        self.escalate_to.setText(contact if contact else tr("review.ui.no_contact"))
        self._update()

    def draft(self) -> Draft:
        """What the form holds now, to be put back with `restore` (combo boxes by position:
        the owners do not change during a meeting)."""
        return Draft(
            decision=self.decision(),
            next_update=self.next_update.date(),
            new_owner=self.new_owner.currentIndex(),
            new_target=self.new_target.date(),
            reason=self.reason.text(),
            approved_by=self.approved_by.text(),
            notes=self.notes.toPlainText(),
            add_lesson=self.add_lesson.isChecked(),
            what=self.what.toPlainText(),
            why=self.why.toPlainText(),
            differently=self.differently.toPlainText(),
            learning_owner=self.learning_owner.currentIndex(),
        )

    def restore(self, draft: Draft) -> None:
        """Put back a draft taken with `draft` (after `set_item` for the same item)."""
        if draft.decision is not None:
            self.buttons[draft.decision].setChecked(True)
        self.next_update.setDate(draft.next_update)
        self.new_owner.setCurrentIndex(draft.new_owner)
        self.new_target.setDate(draft.new_target)
        self.reason.setText(draft.reason)
        self.approved_by.setText(draft.approved_by)
        self.notes.setPlainText(draft.notes)
        self.add_lesson.setChecked(draft.add_lesson)
        self.what.setPlainText(draft.what)
        self.why.setPlainText(draft.why)
        self.differently.setPlainText(draft.differently)
        self.learning_owner.setCurrentIndex(draft.learning_owner)
        self._update()

    # --- reading -----------------------------------------------------------------------
    def decision(self) -> ReviewDecision | None:
        for decision, button in self.buttons.items():
            if button.isChecked():
                return decision
        return None

    def lesson_reason(self) -> str | None:
        """Why a lesson is required for the chosen decision (a message code), or None."""
        decision = self.decision()
        if self.detail is None or decision is None:
            return None
        lag = self.detail.lag
        return lesson_required(
            lag,
            decision,
            self.detail.rules,
            new_extension=decision is ReviewDecision.REVISE_TARGET and not lag.no_target,
        )

    def values(self) -> dict[str, Any]:
        """Keyword arguments for `record_decision` (less session, id, date and reviewer)."""
        decision = self.decision()
        out: dict[str, Any] = {"decision": decision, "notes": self.notes.toPlainText()}
        if decision is ReviewDecision.CONTINUE:
            out["next_update_due"] = self.next_update.value()
        elif decision is ReviewDecision.REASSIGN:
            out["new_owner_id"] = self.new_owner.currentData()
        elif decision is ReviewDecision.REVISE_TARGET:
            out.update(
                new_target=self.new_target.value(),
                reason=self.reason.text(),
                approved_by=self.approved_by.text(),
            )
        elif decision is ReviewDecision.CLOSE:
            out["reason"] = self.reason.text()
        if self.lesson_reason() or self.add_lesson.isChecked():
            out["lesson"] = LessonInput(
                self.what.toPlainText(),
                self.why.toPlainText(),
                self.differently.toPlainText(),
                self.learning_owner.currentData(),
            )
        return out

    # --- showing the fields a decision needs ---------------------------------------------
    def _update(self) -> None:
        decision = self.decision()
        shown = {
            "review.ui.next_update": decision is ReviewDecision.CONTINUE,
            "review.ui.escalate_to": decision is ReviewDecision.ESCALATE,
            "review.ui.new_owner": decision is ReviewDecision.REASSIGN,
            "review.ui.new_target": decision is ReviewDecision.REVISE_TARGET,
            "review.ui.reason": decision in (ReviewDecision.REVISE_TARGET, ReviewDecision.CLOSE),
            "review.ui.approved_by": decision is ReviewDecision.REVISE_TARGET,
            "review.ui.notes": decision is not None,
        }
        for key, visible in shown.items():
            self.form.setRowVisible(self._rows[key], visible)
        required = self.lesson_reason()
        self.add_lesson.setVisible(decision is not None and required is None)
        self.lesson_box.setVisible(
            required is not None or (decision is not None and self.add_lesson.isChecked())
        )
        self.lesson_note.setText(
            tr("review.ui.lesson_required", why=tr(required)) if required else tr("review.ui.lesson_optional")
        )
        self.sig_changed.emit()
