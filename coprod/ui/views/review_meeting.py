"""Review meeting mode: one item at a time, by keyboard, with what the board needs to see.

Alt+N / Alt+P (or Ctrl+PgDown / Ctrl+PgUp) step through the queue, Ctrl+Return records
the decision, Alt+I finishes the meeting and shows the summary for the minutes.

What the chair chose and typed for an item is kept as a draft while they look at other
items, until it is recorded; finishing with drafts left asks what to do with them.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.enums import ReviewDecision
from coprod.domain.errors import CoprodError
from coprod.i18n import N_, describe, label, ntr, tr
from coprod.i18n.dates import day
from coprod.services.recommendations.review import EXTENDED, NO_TARGET, OVERDUE, STALLED, QueueItem
from coprod.services.recommendations.review_detail import ItemDetail, item_detail
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.numbers import number
from coprod.ui.operations import review as review_ops
from coprod.ui.operations.run import read
from coprod.ui.views.review_form import DecisionForm, Draft

# Why a recommendation is in the review queue, in words.
WHY = {
    STALLED: N_("review.why.stalled"),
    OVERDUE: N_("review.why.overdue"),
    NO_TARGET: N_("review.why.no_target"),
    EXTENDED: N_("review.why.extended"),
}

CHANGED_TABLES = ("review", "lesson", "recommendation", "status_change", "target_change", "owner_change")


def _days(count: int | None) -> str:
    """'1 day', '239 days'; none counted is 0 days."""
    return ntr("count.days", count or 0)


def _day(value: date | None) -> str:
    return day(value) or tr("review.none")


def _list(parent: QWidget, name: str) -> QListWidget:
    widget = QListWidget(parent)
    widget.setAccessibleName(name)
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    return widget


class ReviewMeeting(QWidget):
    sig_finished = Signal(list)
    """Emitted when the chair finishes the meeting, with the ids of the reviews recorded."""

    sig_decision_recorded = Signal(object)
    """Emitted after a decision was saved, with the Review id."""

    sig_item_shown = Signal(int)
    """Emitted when an item's details have been loaded and shown (its position in the queue)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[QueueItem] = []
        self.position = -1
        self.reviewer = ""
        self.recorded: list[uuid.UUID] = []
        self.decided: dict[uuid.UUID, ReviewDecision] = {}
        self.drafts: dict[uuid.UUID, Draft] = {}
        self.detail: ItemDetail | None = None
        self._generation = 0

        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.facts.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # screen readers reach it by Tab
        self.facts.setAccessibleName(tr("review.ui.facts"))
        layout.addWidget(self.facts)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        lists = QWidget(split)
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        self.said = _list(lists, tr("review.ui.said"))
        self.timeline = _list(lists, tr("review.ui.timeline"))
        for key, widget in (
            (N_("review.ui.said_label"), self.said),
            (N_("review.ui.timeline_label"), self.timeline),
        ):
            caption = QLabel(tr(key), lists)
            caption.setBuddy(widget)
            lists_layout.addWidget(caption)
            lists_layout.addWidget(widget, 1)
        scroll = QScrollArea(split)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(tr("review.ui.decision"))
        self.form = DecisionForm(scroll)
        scroll.setWidget(self.form)
        split.addWidget(lists)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(tr("review.ui.problem"))
        layout.addWidget(self.problem)

        buttons = QHBoxLayout()
        self.previous_button = self._button(tr("review.ui.previous"), self.previous, buttons)
        self.next_button = self._button(tr("review.ui.next"), self.next, buttons)
        buttons.addStretch(1)
        self.record_button = self._button(tr("review.ui.record"), self.record, buttons)
        self.record_button.setDefault(True)
        self.finish_button = self._button(tr("review.ui.finish"), self.finish, buttons)
        layout.addLayout(buttons)
        for keys, slot in (
            ("Ctrl+Return", self.record),
            ("Ctrl+Enter", self.record),
            ("Ctrl+PgDown", self.next),
            ("Ctrl+PgUp", self.previous),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.form.sig_changed.connect(lambda: self.problem.clear())

    def _button(self, text: str, slot: Any, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # --- stepping ----------------------------------------------------------------------
    def start(self, items: list[QueueItem], *, reviewer: str, owners: list[tuple[uuid.UUID, str]]) -> None:
        self.items, self.reviewer = list(items), reviewer
        self.recorded, self.decided, self.drafts = [], {}, {}
        self.detail = None
        self.form.set_owners(owners)
        self.show_item(0)

    def show_item(self, position: int) -> None:
        if not self.items:
            self.finish()
            return
        self._keep_draft()
        self.detail = None  # the form holds no item until the next one has loaded
        self.position = max(0, min(position, len(self.items) - 1))
        item = self.items[self.position]
        lag = item.lag
        name = f"{lag.reference} {lag.title}" if lag.reference else lag.title
        self.heading.setText(
            tr("review.ui.item_of", n=number(self.position + 1), total=number(len(self.items)), name=name)
        )
        self.facts.setText(tr("review.ui.loading"))
        self.problem.clear()
        self.previous_button.setEnabled(self.position > 0)
        self.next_button.setEnabled(self.position < len(self.items) - 1)
        self.record_button.setEnabled(False)
        self._generation += 1
        generation, as_of, rid = self._generation, self.ctx.as_of, lag.id

        read(
            self.ctx,
            lambda session: item_detail(session=session, recommendation_id=rid, as_of=as_of),
            on_done=if_alive(self, lambda d: self._shown(generation, d)),
            on_error=if_alive(self, self._failed),
        )

    def _shown(self, generation: int, detail: ItemDetail) -> None:
        if generation != self._generation:
            return  # the chair has already moved on
        self.detail = detail
        item = self.items[self.position]
        self.facts.setText(self._facts_text(item, detail))
        self.facts.setAccessibleDescription(self.facts.text())
        self.said.clear()
        for said in detail.said:
            self.said.addItem(
                tr("review.ui.said_item", text=said.text, session=said.session, day=_day(said.held_on))
            )
        if not detail.said:
            self.said.addItem(tr("review.ui.said_none"))
        self.timeline.clear()
        for entry in detail.timeline:
            self.timeline.addItem(f"{_day(entry.on)}: {entry.text}")
        self.form.set_item(detail, as_of=self.ctx.as_of)
        draft = self.drafts.get(item.lag.id)
        if draft is not None:
            self.form.restore(draft)
        self.record_button.setEnabled(detail.lag.is_open)
        if item.lag.id in self.decided:
            self.problem.setText(tr("review.ui.already_decided", decision=label(self.decided[item.lag.id])))
        self.sig_item_shown.emit(self.position)

    def _facts_text(self, item: QueueItem, d: ItemDetail) -> str:
        lag = d.lag
        why = ", ".join(tr(WHY[code]) for code in item.reasons)
        lines = [
            tr(
                "review.ui.fact.why",
                why=why or tr("review.none"),
                rag=label(lag.rag),
                status=label(lag.status),
            ),
            tr(
                "review.ui.fact.who",
                owner=lag.owner or tr("review.nobody"),
                strategy=lag.strategy or tr("review.none"),
                board=item.board or tr("review.none"),
            ),
            tr("review.ui.fact.original", day=_day(lag.original_target), late=_days(lag.lag_vs_original_days))
            + (tr("review.ui.fact.assumed", days=d.rules.default_target_days) if lag.no_target else ""),
        ]
        if lag.revised_target_date:
            lines.append(
                tr(
                    "review.ui.fact.revised",
                    day=_day(lag.effective_target),
                    late=_days(lag.lag_days),
                    extensions=ntr("count.extensions", lag.extensions),
                )
            )
        lines.append(
            tr(
                "review.ui.fact.idle",
                since=_days(lag.days_since_update),
                day=_day(lag.last_activity_on),
                next=_day(d.next_update_due),
            )
        )
        return "\n".join(lines)

    def next(self) -> None:
        if self.position < len(self.items) - 1:
            self.show_item(self.position + 1)

    def previous(self) -> None:
        if self.position > 0:
            self.show_item(self.position - 1)

    # --- deciding ----------------------------------------------------------------------
    def record(self) -> None:
        if self.detail is None or not self.record_button.isEnabled():
            return
        try:
            values = self.form.values()
        except CoprodError as exc:  # a date that is not a date
            self.say_problem(describe(exc))
            return
        if values["decision"] is None:
            self.say_problem(tr("review.ui.choose_decision"))
            self.form.buttons[ReviewDecision.CONTINUE].setFocus()
            return
        rid, on, reviewer = self.detail.lag.id, self.ctx.as_of, self.reviewer
        self.record_button.setEnabled(False)

        review_ops.record_decision(
            self.ctx,
            recommendation_id=rid,
            name=self.detail.lag.reference or self.detail.lag.title,
            on=on,
            reviewer=reviewer,
            values=values,
            initiator=self,
            on_done=if_alive(self, lambda review_id: self._recorded(rid, values["decision"], review_id)),
            on_error=if_alive(self, self._failed),
        )

    def _keep_draft(self) -> None:
        """Keep what the form holds for the item it shows (if it has loaded), or forget an
        emptied one."""
        if self.detail is None:
            return
        rid, draft = self.detail.lag.id, self.form.draft()
        if draft.is_empty() or rid in self.decided:
            self.drafts.pop(rid, None)
        else:
            self.drafts[rid] = draft

    def unrecorded(self) -> list[QueueItem]:
        """The items with a decision chosen or typed but not recorded, in queue order."""
        self._keep_draft()
        return [i for i in self.items if i.lag.id in self.drafts and i.lag.id not in self.decided]

    def _recorded(self, rid: uuid.UUID, decision: ReviewDecision, review_id: uuid.UUID) -> None:
        self.recorded.append(review_id)
        self.decided[rid] = decision
        self.drafts.pop(rid, None)
        if self.detail is not None and self.detail.lag.id == rid:
            self.detail = None  # recorded: nothing left to keep as a draft
        self.sig_decision_recorded.emit(review_id)
        if self.position < len(self.items) - 1:
            self.show_item(self.position + 1)
        else:
            self.finish()

    def _failed(self, exc: BaseException) -> None:
        self.record_button.setEnabled(self.detail is not None and self.detail.lag.is_open)
        self.say_problem(
            describe(exc) if isinstance(exc, CoprodError) else tr("review.ui.unexpected", reason=exc)
        )

    def say_problem(self, message: str) -> None:
        """Show why the decision was refused and have screen readers read it out at once."""
        self.problem.setText(message)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.problem, message))

    def finish(self) -> None:
        """End the meeting; first ask about decisions chosen or typed but not recorded."""
        pending = self.unrecorded()
        if not pending:
            self._end()
            return
        names = ", ".join(i.lag.reference or i.lag.title for i in pending)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("review.ui.unrecorded_title"),
            tr("review.ui.unrecorded", names=names),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setAccessibleName(tr("review.ui.unrecorded_title"))
        back = box.addButton(tr("review.ui.unrecorded_back"), QMessageBox.ButtonRole.RejectRole)
        back.setAccessibleName(tr("review.ui.unrecorded_back").replace("&", ""))
        drop = box.addButton(tr("review.ui.unrecorded_drop"), QMessageBox.ButtonRole.DestructiveRole)
        drop.setAccessibleName(tr("review.ui.unrecorded_drop").replace("&", ""))
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        first = self.items.index(pending[0])

        def answered() -> None:
            if box.clickedButton() is drop:
                self._end()
            else:
                self.show_item(first)
                self.form.setFocus()
            box.deleteLater()

        box.finished.connect(lambda _result: answered())
        box.open()
        self.question = box  # kept until answered

    def _end(self) -> None:
        self.drafts.clear()
        self.sig_finished.emit(list(self.recorded))
