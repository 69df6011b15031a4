"""Edit what a recommendation says: title, reference, description, "You said" summary, strategy,
measure, CQC statement."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coprod.domain.enums import CqcStatement
from coprod.i18n import label, tr
from coprod.services.common.choices import Choice
from coprod.services.recommendations import edits
from coprod.services.recommendations.detail import RecommendationDetail
from coprod.ui.combo import select_data
from coprod.ui.context import AppContext
from coprod.ui.dialogs.recommendation_base import Change, RecommendationDialog, plain, text_box


class EditDetailsDialog(RecommendationDialog):
    def __init__(
        self,
        ctx: AppContext,
        detail: RecommendationDetail,
        strategies: Sequence[Choice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, detail, tr("recs.details.title"), parent)
        self.title_box = QLineEdit(self)
        self.add_row(tr("recs.details.title_field"), self.title_box)
        self.reference = QLineEdit(self)
        self.add_row(tr("recs.details.reference"), self.reference)
        self.description = text_box(self, lines=4)
        self.add_row(tr("recs.details.description"), self.description)
        self.you_said = text_box(self, lines=3)
        self.add_row(tr("recs.details.you_said"), self.you_said)
        self.strategy = QComboBox(self)
        self.strategy.addItem(tr("recs.none"), None)
        for choice in strategies:
            if choice.active or choice.id == detail.strategy_id:
                self.strategy.addItem(choice.name, choice.id)
        self.add_row(tr("recs.details.strategy"), self.strategy)
        self.success = QLineEdit(self)
        self.add_row(tr("recs.details.success"), self.success)
        self.cqc = QComboBox(self)
        self.cqc.addItem(tr("recs.none"), None)
        for statement in CqcStatement:
            self.cqc.addItem(label(statement), statement.value)
        self.add_row(tr("recs.details.cqc"), self.cqc)
        self.fill(detail)
        self.title_box.setFocus()

    def fill(self, detail: RecommendationDetail) -> None:
        self.title_box.setText(detail.title)
        self.reference.setText(detail.reference or "")
        self.description.setPlainText(detail.description or "")
        self.you_said.setPlainText(detail.you_said or "")
        select_data(self.strategy, detail.strategy_id)
        self.success.setText(detail.success_measure or "")
        select_data(self.cqc, detail.cqc_statement.value if detail.cqc_statement else None)

    def change(self) -> Change:
        rid, version = self.detail.id, self.version
        values = dict(
            title=self.title_box.text(),
            reference=plain(self.reference),
            description=plain(self.description),
            you_said=plain(self.you_said),
            strategy_id=self.strategy.currentData(),
            success_measure=plain(self.success),
            cqc_statement=CqcStatement(self.cqc.currentData()) if self.cqc.currentData() else None,
        )
        return lambda session: edits.edit_details(
            session=session, recommendation_id=rid, expected_version=version, **values
        )
