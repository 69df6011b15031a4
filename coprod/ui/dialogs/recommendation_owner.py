"""Reassign a recommendation to another accountable owner (or to nobody for now)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coprod.i18n import tr
from coprod.services.common.choices import Choice
from coprod.services.recommendations import lifecycle as recs
from coprod.services.recommendations.detail import RecommendationDetail
from coprod.ui.combo import select_data
from coprod.ui.context import AppContext
from coprod.ui.dialogs.recommendation_base import Change, RecommendationDialog, plain


class ReassignOwnerDialog(RecommendationDialog):
    def __init__(
        self,
        ctx: AppContext,
        detail: RecommendationDetail,
        owners: Sequence[Choice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, detail, tr("recs.owner.title"), parent)
        self.owner = QComboBox(self)
        self.owner.addItem(tr("recs.owner.nobody"), None)
        for choice in owners:
            if choice.active or choice.id == detail.owner_id:
                self.owner.addItem(choice.name, choice.id)
        self.fill(detail)
        self.add_row(
            tr("recs.owner.new", current=detail.owner or tr("recs.none")),
            self.owner,
            name=tr("recs.owner.new_name"),
        )
        self.note = QLineEdit(self)
        self.add_row(tr("recs.owner.note"), self.note)
        self.owner.setFocus()

    def fill(self, detail: RecommendationDetail) -> None:
        select_data(self.owner, detail.owner_id)

    def change(self) -> Change:
        rid, on, version = self.detail.id, self.ctx.as_of, self.version
        owner_id, note = self.owner.currentData(), plain(self.note) or None
        return lambda session: recs.reassign_owner(
            session=session,
            recommendation_id=rid,
            owner_id=owner_id,
            on=on,
            note=note,
            expected_version=version,
        )
