"""A new recommendation: from what residents said, linked back to every selected item, or on
its own from the Recommendations page. Its reference is the next free one unless changed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from coprod.domain.enums import CqcStatement
from coprod.domain.settings import TeamRules
from coprod.i18n import label, ntr, tr
from coprod.i18n.dates import day
from coprod.services.common.choices import Choice
from coprod.services.engagement.feedback_view import FeedbackRow
from coprod.services.recommendations.you_said import prefill_you_said
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog, OptionalDate, date_edit, fill_combo, from_qdate, id_or_none
from coprod.ui.operations import feedback as ops


class RecommendationFromFeedbackDialog(FormDialog):
    sig_saved = Signal(object)
    """Emitted with the new recommendation's id once it is saved."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        feedback: Sequence[FeedbackRow],
        strategies: Sequence[Choice],
        owners: Sequence[Choice],
        rules: TeamRules,
        reference: str = "",
        parent: QWidget | None = None,
    ) -> None:
        title = ntr("recfb.title", len(feedback)) if feedback else tr("recfb.title_new")
        super().__init__(ctx, title, parent)
        self.feedback_ids = [f.id for f in feedback]
        self.suggested_reference = reference
        self.said = QListWidget(self)
        self.said.addItems([f.text for f in feedback])
        self.said.setWordWrap(True)
        self.said.setAlternatingRowColors(True)
        self.said.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.title_box = QLineEdit(self)
        # Pre-filled from the selection, for the officer to shorten into plain words.
        self.you_said = QPlainTextEdit(self)
        self.you_said.setTabChangesFocus(True)
        self.you_said.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.you_said.setPlainText(prefill_you_said([f.text for f in feedback]))
        self.reference = QLineEdit(reference, self)
        self.reference.setToolTip(tr("recfb.reference_tip"))
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.raised_on = date_edit(self, ctx.as_of)
        sessions: dict[uuid.UUID, str] = {}
        for f in feedback:  # the session most of the selection came from comes first
            sessions.setdefault(f.session_id, f"{day(f.held_on)}: {f.session_title}")
        self.source = QComboBox(self)
        fill_combo(
            self.source,
            [*((text, sid) for sid, text in sessions.items()), (tr("ui.none"), None)],
            feedback[0].session_id if feedback else None,
        )
        self.strategy = QComboBox(self)
        fill_combo(self.strategy, [(tr("ui.none"), None), *((c.name, c.id) for c in strategies)])
        self.owner = QComboBox(self)
        fill_combo(self.owner, [(tr("ui.nobody"), None), *((c.name, c.id) for c in owners)])
        self.target = OptionalDate(
            self, tr("recfb.set_target"), ctx.as_of + timedelta(days=rules.default_target_days), ctx.as_of
        )
        self.measure = QLineEdit(self)
        self.cqc = QComboBox(self)
        fill_combo(self.cqc, [(tr("ui.none"), None), *((label(c), c) for c in CqcStatement)])
        self.add_row(tr("recfb.f_said"), self.said, tr("recfb.said_name"))
        self.add_row(tr("recfb.f_title"), self.title_box)
        self.add_row(tr("recfb.f_you_said"), self.you_said)
        self.add_row(tr("recfb.f_reference"), self.reference)
        self.add_row(tr("recfb.f_description"), self.description)
        self.add_row(tr("recfb.f_raised"), self.raised_on)
        self.add_row(tr("recfb.f_source"), self.source)
        self.add_row(tr("recfb.f_strategy"), self.strategy)
        self.add_row(tr("recfb.f_owner"), self.owner)
        self.add_row(tr("recfb.f_target"), self.target)
        self.add_row(tr("recfb.f_measure"), self.measure)
        self.add_row(tr("recfb.f_cqc"), self.cqc)
        if not feedback:  # made on its own: nothing said to show, no session it came from
            self.form.setRowVisible(self.said, False)
            self.form.setRowVisible(self.source, False)
        self.title_box.setFocus()
        self.resize(
            max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 100),
            self.sizeHint().height(),
        )

    def saved(self, result: object = None) -> None:
        self.sig_saved.emit(result)
        super().saved(result)

    def submit(self) -> None:
        ops.create_recommendation(
            self.ctx,
            feedback_ids=self.feedback_ids,
            title=self.title_box.text(),
            reference=self.reference.text(),
            suggested_reference=self.suggested_reference,
            description=self.description.toPlainText().strip() or None,
            you_said=self.you_said.toPlainText().strip() or None,
            raised_on=from_qdate(self.raised_on.date()),
            source_session_id=id_or_none(self.source),
            strategy_id=id_or_none(self.strategy),
            owner_id=id_or_none(self.owner),
            target_date=self.target.value(),
            success_measure=self.measure.text().strip() or None,
            cqc_statement=self.cqc.currentData(),
            initiator=self,
            on_done=self.saved,
            on_error=self.show_error,
        )
