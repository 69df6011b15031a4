"""The feedback page: everything residents said, searchable, and the way to act on it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QWidget,
)

from coprod.i18n import tr
from coprod.i18n.dates import day
from coprod.services.engagement import feedback_view
from coprod.services.engagement.sessions_view import session_choices
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.changes import Changes
from coprod.ui.combo import combo_index
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField, set_buddy
from coprod.ui.dialogs.recommendation_from_feedback import RecommendationFromFeedbackDialog
from coprod.ui.flow import FlowLayout, labelled
from coprod.ui.guard import if_alive
from coprod.ui.models.feedback import FeedbackModel
from coprod.ui.models.table import IdQuery
from coprod.ui.operations import feedback as feedback_ops
from coprod.ui.operations.run import read
from coprod.ui.views.list_page import ListPage


def _date_filter(parent: QWidget, name: str) -> DateField:
    edit = DateField(parent, empty_text=tr("ui.any_date"))
    edit.setAccessibleName(name)
    return edit


class FeedbackPage(ListPage):
    page_key = "feedback"
    watches = ("feedback", "feedback_theme", "recommendation_feedback", "engagement_session", "theme")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, FeedbackModel(ctx), parent)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.create_button = QPushButton(tr("feedback.create_rec"), self)
        self.create_button.setAccessibleName(tr("feedback.create_rec_name"))
        self.create_button.clicked.connect(self.create_recommendation)
        self.buttons.addWidget(self.create_button)
        self.delete_button = self.add_button(tr("feedback.delete"), self.delete_selected)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.table,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.buttons.addStretch(1)

        self.session_filter = QComboBox(self)
        self.session_filter.setAccessibleName(tr("feedback.session_filter_name"))
        # Sized by a fixed number of characters: measuring thousands of session names would
        # hold up the GUI thread.
        self.session_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.session_filter.setMinimumContentsLength(36)
        self.theme_filter = QComboBox(self)
        self.theme_filter.setAccessibleName(tr("feedback.theme_filter_name"))
        self.theme_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.theme_filter.setMinimumContentsLength(20)
        self.date_from = _date_filter(self, tr("feedback.from_name"))
        self.date_to = _date_filter(self, tr("feedback.to_name"))
        self.not_linked = QCheckBox(tr("feedback.not_linked"), self)
        self.not_linked.setAccessibleName(tr("feedback.not_linked_name"))
        more = FlowLayout()  # wraps onto a second line in a narrow window
        for text, widget in (
            (tr("feedback.session_filter"), self.session_filter),
            (tr("feedback.theme_filter"), self.theme_filter),
            (tr("feedback.from"), self.date_from),
            (tr("feedback.to"), self.date_to),
        ):
            lab = QLabel(text, self)
            set_buddy(lab, widget)
            more.addWidget(labelled(self, lab, widget))
        more.addWidget(self.not_linked)
        self.main_layout.insertLayout(2, more)  # under the search row
        self._fill_choices()
        for combo in (self.session_filter, self.theme_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.filters_changed())
        self.not_linked.toggled.connect(lambda _b: self.refresh())
        self.sig_selection_changed.connect(self._update_buttons)
        ctx.bus.sig_changed.connect(self._choices_changed)
        ctx.bus.sig_database_replaced.connect(self._fill_choices)
        self._update_buttons()
        self.follow_layout_with_tab()

    def title(self) -> str:
        return tr("page.feedback")

    def count_text(self, total: int) -> str:
        return tr("feedback.count", count=total)

    def current_filter(self) -> feedback_view.FeedbackFilter:
        return feedback_view.FeedbackFilter(
            text=self.search_box.text(),
            session_id=self.session_filter.currentData(),
            theme_id=self.theme_filter.currentData(),
            held_from=self.date_from.understood(),
            held_to=self.date_to.understood(),
            not_linked=self.not_linked.isChecked(),
        )

    def id_query(self) -> IdQuery:
        filters = self.current_filter()
        return lambda s: feedback_view.feedback_ids(session=s, filters=filters)

    def show_filtered(self, **filters: Any) -> None:
        """Show the feedback matching `filters` (FeedbackFilter fields), e.g. from a session."""
        self.search_box.setText(filters.get("text", ""))
        for combo, key in ((self.session_filter, "session_id"), (self.theme_filter, "theme_id")):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo_index(combo, filters.get(key)), 0))
            combo.blockSignals(False)
        self.refresh()

    def _fill_choices(self) -> None:
        # The texts are made on the worker too: thousands of sessions take a while to format.
        def load(s: Any) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
            sessions = [(f"{day(c.held_on)}: {c.title}", c.id) for c in session_choices(session=s)]
            return sessions, [(t.name, t.id) for t in feedback_view.themes(session=s)]

        read(self.ctx, load, on_done=if_alive(self, lambda r: self._choices_loaded(*r)))

    def _choices_loaded(self, sessions: list[tuple[str, Any]], themes: list[tuple[str, Any]]) -> None:
        for combo, items in ((self.session_filter, sessions), (self.theme_filter, themes)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("ui.any"), None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo_index(combo, current), 0))
            combo.blockSignals(False)

    def _choices_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches("engagement_session", "theme"):
            self._fill_choices()

    def _update_buttons(self) -> None:
        self.create_button.setEnabled(bool(self.selected_rows()))
        self.delete_button.setEnabled(bool(self.selected_rows()))

    def delete_selected(self) -> None:
        """Soft delete: the items leave every list and Undo brings them back."""
        ids = self.selected_ids()
        if ids:
            feedback_ops.delete_feedback(self.ctx, feedback_ids=ids, initiator=self)

    def create_recommendation(self) -> None:
        rows = [self.model.row_at(r) for r in self.selected_rows()]
        if not rows:
            return

        def opened(start: recs.NewRecommendationForm) -> None:
            dialog = RecommendationFromFeedbackDialog(
                self.ctx,
                feedback=rows,
                strategies=start.strategies,
                owners=start.owners,
                rules=start.rules,
                reference=start.reference,
                parent=self,
            )
            dialog.open()
            self.dialog = dialog

        read(self.ctx, lambda s: recs.new_recommendation_form(session=s), on_done=if_alive(self, opened))
