"""Add an update: what was done, when, how far along, and whether residents may read it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from coprod.i18n import tr
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


class AddUpdateDialog(RecommendationDialog):
    def __init__(self, ctx: AppContext, detail: RecommendationDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, detail, tr("recs.update.title"), parent)
        self.text = text_box(self, lines=4)
        self.add_row(tr("recs.update.text"), self.text)
        self.on = date_edit(ctx.as_of, self)
        self.add_row(tr("recs.update.on"), self.on)
        self.progress = QSpinBox(self)
        self.progress.setRange(0, 100)
        self.progress.setSuffix("%")
        self.progress.setValue(detail.progress)
        self.add_row(tr("recs.update.progress"), self.progress)
        self.public = QCheckBox(tr("recs.update.public"), self)
        self.public.setAccessibleName(tr("recs.update.public").replace("&", ""))
        self.form.addRow("", self.public)
        self.text.setFocus()

    def fill(self, detail: RecommendationDetail) -> None:
        self.progress.setValue(detail.progress)

    def change(self) -> Change:
        rid, text, on = self.detail.id, plain(self.text), to_date(self.on.date())
        progress, public, version = self.progress.value(), self.public.isChecked(), self.version
        return lambda session: recs.add_update(
            session=session,
            recommendation_id=rid,
            text=text,
            on=on,
            progress=progress,
            public=public,
            expected_version=version,
        )
