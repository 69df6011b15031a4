"""Change status, asking for what the rule for the chosen status needs.

Implemented needs the date it was done and a public "we did" (unless one exists already);
not taken forward needs a reason. Only the statuses the workflow allows are offered.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coprod.domain import workflow
from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.i18n import label, tr
from coprod.services.recommendations import lifecycle as recs
from coprod.services.recommendations.completions import record_completion_date
from coprod.services.recommendations.detail import RecommendationDetail
from coprod.ui.context import AppContext
from coprod.ui.dialogs.recommendation_base import (
    Change,
    RecommendationDialog,
    date_edit,
    plain,
    text_box,
    to_date,
)

# Offered in workflow order, not alphabetically.
_ORDER = list(Status)


class ChangeStatusDialog(RecommendationDialog):
    def __init__(self, ctx: AppContext, detail: RecommendationDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, detail, tr("recs.status.title"), parent)
        self.status = QComboBox(self)
        for status in sorted(workflow.allowed_next(detail.status), key=_ORDER.index):
            self.status.addItem(label(status), status)
        self.add_row(
            tr("recs.status.new", current=label(detail.status)), self.status, name=tr("recs.status.new_name")
        )
        self.on = date_edit(ctx.as_of, self)
        self.add_row(tr("recs.status.on"), self.on)
        self.implemented_on = date_edit(ctx.as_of, self)
        self.add_row(tr("recs.status.implemented_on"), self.implemented_on)
        self.public_update = text_box(self, lines=4)
        self.public_update.setPlaceholderText(tr("recs.status.public_hint"))
        self.add_row(tr("recs.status.public_update"), self.public_update)
        self.reason = text_box(self)
        self.add_row(tr("recs.status.reason"), self.reason)
        self.note = QLineEdit(self)
        self.add_row(tr("recs.status.note"), self.note)
        self.status.currentIndexChanged.connect(self._fit_to_status)
        self._fit_to_status()
        self.undated = detail.status is Status.IMPLEMENTED and detail.implemented_on is None
        if self.undated:
            # Implemented on a date the tracker never recorded: the one thing to do is add it.
            self.setWindowTitle(tr("recs.status.add_date_title"))
            for widget in (self.status, self.on, self.public_update, self.reason, self.note):
                self.show_row(widget, False)
            self.show_row(self.implemented_on, True)
            self.implemented_on.setFocus()
        elif self.status.count() == 0:
            self.show_problem(tr("recs.status.closed", status=label(detail.status)))
            self.save_button.setEnabled(False)
        else:
            self.status.setFocus()

    def chosen(self) -> Status | None:
        value = self.status.currentData()
        return Status(value) if value is not None else None

    def _fit_to_status(self) -> None:
        status = self.chosen()
        implemented = status == Status.IMPLEMENTED
        self.show_row(self.on, not implemented)
        self.show_row(self.implemented_on, implemented)
        self.show_row(self.public_update, implemented)
        self.show_row(self.reason, status == Status.NOT_TAKEN_FORWARD)

    def change(self) -> Change:
        if self.undated:
            rid, on, today = self.detail.id, to_date(self.implemented_on.date()), self.ctx.as_of
            return lambda session: record_completion_date(
                session=session, recommendation_id=rid, implemented_on=on, today=today
            )
        status = self.chosen()
        if status is None:
            raise RuleViolation("rule.same_status", status=label(self.detail.status))
        rid, today, version = self.detail.id, self.ctx.as_of, self.version
        implemented = status == Status.IMPLEMENTED
        on = to_date(self.implemented_on.date() if implemented else self.on.date())
        implemented_on = on if implemented else None
        public = plain(self.public_update) if implemented else None
        reason = plain(self.reason) if status == Status.NOT_TAKEN_FORWARD else None
        note = plain(self.note) or None
        return lambda session: recs.change_status(
            session=session,
            recommendation_id=rid,
            new_status=status,
            on=on,
            note=note,
            implemented_on=implemented_on,
            reason=reason,
            public_update=public,
            today=today,
            expected_version=version,
        )
