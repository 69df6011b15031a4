"""Set or revise the target date. The first target is kept; a revision needs reason and approver."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from coprod.i18n import tr
from coprod.i18n.dates import long_day
from coprod.services.recommendations import lifecycle as recs
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


def _day(value: date | None) -> str:
    return long_day(value) or tr("recs.none")


class ReviseTargetDialog(RecommendationDialog):
    def __init__(self, ctx: AppContext, detail: RecommendationDetail, parent: QWidget | None = None) -> None:
        first = detail.target_date is None
        title = tr("recs.target.title_first") if first else tr("recs.target.title")
        super().__init__(ctx, detail, title, parent)
        self.first = first
        if not first:
            self.original = QLabel(_day(detail.target_date), self)
            self.original.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
            )
            self.add_row(tr("recs.target.original"), self.original)
            self.current = QLabel(_day(detail.effective_target), self)
            self.current.setTextInteractionFlags(self.original.textInteractionFlags())
            self.add_row(tr("recs.target.current"), self.current)
        start = detail.effective_target or (ctx.as_of + timedelta(days=90))
        self.new_date = date_edit(start, self)
        self.add_row(tr("recs.target.new"), self.new_date)
        self.reason = text_box(self)
        self.approved_by = QLineEdit(self)
        if not first:
            self.add_row(tr("recs.target.reason"), self.reason)
            self.add_row(tr("recs.target.approved_by"), self.approved_by)
        else:  # a first target needs neither; kept hidden so change() reads them the same way
            self.reason.setAccessibleName(tr("recs.target.reason").replace("&", "").rstrip(":"))
            self.approved_by.setAccessibleName(tr("recs.target.approved_by").replace("&", "").rstrip(":"))
            self.reason.hide()
            self.approved_by.hide()
        self.new_date.setFocus()

    def change(self) -> Change:
        rid, on, new = self.detail.id, self.ctx.as_of, to_date(self.new_date.date())
        reason, approver = plain(self.reason) or None, plain(self.approved_by) or None
        version = self.version
        return lambda session: recs.set_target(
            session=session,
            recommendation_id=rid,
            new_date=new,
            on=on,
            reason=reason,
            approved_by=approver,
            expected_version=version,
        )
