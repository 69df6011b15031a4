"""The Risks page: the register with filters, and the selected risk in detail with its score
history and the recommendations that mitigate it. Reviews and escalations are recorded here.

Bands and flags are always words beside any colour, so nothing depends on seeing red.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.risk import RiskLevel, RiskStatus, next_level
from coprod.i18n import N_, label, tr
from coprod.i18n.dates import long_day
from coprod.services.reports.risks import flags, score_text, trend_text
from coprod.services.risks.view import MitigationLag, RiskRow, ScoreEntry, list_risks
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.models.risk_rows import HISTORY_COLUMNS, MITIGATION_COLUMNS, RISK_COLUMNS
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.numbers import number
from coprod.ui.operations.run import read
from coprod.ui.search import SearchDelay
from coprod.ui.views.lazy import RefreshWhenShown
from coprod.ui.views.risk_page_actions import RiskActions

FLAG_FILTERS = ("mitigation_late", "must_escalate", "review_overdue", "above_target")
_FLAG_WORDS = {
    "mitigation_late": "risk.flag.mitigation_late",
    "must_escalate": "risk.flag.escalate",
    "review_overdue": "risk.flag.review_due",
    "above_target": N_("risk.flag.above_target"),
}


def _named(widget: QWidget, caption: str) -> QWidget:
    widget.setAccessibleName(caption.replace("&", "").rstrip("…"))
    return widget


class RisksPage(RefreshWhenShown, RiskActions, QWidget):
    sig_loaded = Signal(int)
    """Emitted after the list was (re)loaded or filtered, with the number of risks shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._all: list[RiskRow] = []
        self._cell: tuple[int, int] | None = None
        self._generation = 0
        self.setAccessibleName(tr("risk.page.name"))
        layout = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("risk.page.search_hint"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.addItem(tr("risk.page.all_statuses"), None)
        for s in RiskStatus:
            self.status.addItem(label(s), s)
        self.level = QComboBox(self)
        self.level.addItem(tr("risk.page.all_levels"), None)
        for lv in RiskLevel:
            self.level.addItem(label(lv), lv)
        self.flag = QComboBox(self)
        self.flag.addItem(tr("risk.page.all_risks"), None)
        for key in FLAG_FILTERS:
            self.flag.addItem(tr(_FLAG_WORDS[key]), key)
        for caption, widget in (
            (tr("risk.page.search_label"), self.search),
            (tr("risk.page.status_label"), self.status),
            (tr("risk.page.level_label"), self.level),
            (tr("risk.page.flag_label"), self.flag),
        ):
            text = QLabel(caption, self)
            text.setBuddy(widget)
            _named(widget, caption)
            filters.addWidget(text)
            filters.addWidget(widget, 1 if widget is self.search else 0)
        layout.addLayout(filters)

        counts = QHBoxLayout()
        self.count = QLabel("", self)
        self.count.setAccessibleName(tr("risk.page.count_name"))
        self.cell_label = QLabel("", self)
        self.cell_label.setAccessibleName(tr("risk.page.cell_filter", likelihood="", impact="").rstrip("."))
        self.clear_cell = QPushButton(tr("risk.page.clear_cell"), self)
        _named(self.clear_cell, tr("risk.page.clear_cell"))
        self.clear_cell.clicked.connect(lambda: self.show_cell(None))
        counts.addWidget(self.count)
        counts.addWidget(self.cell_label)
        counts.addWidget(self.clear_cell)
        counts.addStretch(1)
        layout.addLayout(counts)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model: RowsModel[RiskRow] = RowsModel(RISK_COLUMNS, self)
        self.table = self._table(split, self.model, tr("risk.page.list"))
        lower = QSplitter(Qt.Orientation.Horizontal, split)
        self.detail = QPlainTextEdit(lower)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(tr("risk.page.detail_name"))
        right = QWidget(lower)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.history_model: RowsModel[ScoreEntry] = RowsModel(HISTORY_COLUMNS, self)
        self.mitigation_model: RowsModel[MitigationLag] = RowsModel(MITIGATION_COLUMNS, self)
        for caption, model, name in (
            (tr("risk.page.mitigations"), self.mitigation_model, tr("risk.page.mitigations_name")),
            (tr("risk.page.history"), self.history_model, tr("risk.page.history_name")),
        ):
            heading = QLabel(caption, right)
            view = self._table(right, model, name)
            heading.setBuddy(view)
            right_layout.addWidget(heading)
            right_layout.addWidget(view, 1)
            if model is self.history_model:
                self.history_table = view
            else:
                self.mitigation_table = view
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(tr("risk.page.new_button"), self)
        _named(self.new_button, self.new_button.text())
        self.new_button.clicked.connect(self.open_new)
        self.link_button = QPushButton(tr("risk.page.link_button"), self)
        self.edit_button = QPushButton(tr("risk.page.edit_button"), self)
        self.review_button = QPushButton(tr("risk.page.review_button"), self)
        self.escalate_button = QPushButton(tr("risk.page.escalate_button"), self)
        for button in (self.edit_button, self.link_button, self.review_button, self.escalate_button):
            _named(button, button.text())
            button.setEnabled(False)
        self.link_button.clicked.connect(self.open_mitigations)
        self.edit_button.clicked.connect(self.open_edit)
        self.review_button.clicked.connect(self.open_review)
        self.escalate_button.clicked.connect(self.open_escalation)
        buttons.addWidget(self.new_button)
        self.import_button = QPushButton(tr("risk.page.import_button"), self)
        _named(self.import_button, self.import_button.text())
        self.import_button.clicked.connect(self.open_import)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.escalate_button)
        layout.addLayout(buttons)

        self._timer = SearchDelay(self.search, self._apply_filters)
        for combo in (self.status, self.level, self.flag):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self._show_cell_label()
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)

    def _table(self, parent: QWidget, model: RowsModel, name: str) -> QTableView:
        view = QTableView(parent)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setTabKeyNavigation(False)
        view.verticalHeader().setVisible(False)
        return view

    # --- loading and filtering ----------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        as_of = self.ctx.as_of

        read(
            self.ctx,
            lambda session: list_risks(session=session, as_of=as_of),
            on_done=if_alive(self, lambda rows: self._loaded(generation, rows)),
        )

    def _loaded(self, generation: int, rows: list[RiskRow]) -> None:
        if generation != self._generation:
            return
        self._all = rows
        self._apply_filters()
        fit_columns(self.table, 1)

    def show_cell(self, cell: tuple[int, int] | None) -> None:
        """Only the open risks in one heat map cell (likelihood, impact); None shows all."""
        self._cell = cell
        self._show_cell_label()
        self._apply_filters()

    def show_reference(self, reference: str) -> None:
        """Only the risk with this reference (typed into the search box), selected."""
        for combo in (self.status, self.level, self.flag):
            combo.setCurrentIndex(0)
        self._cell = None
        self._show_cell_label()
        self.search.setText(reference)
        self._apply_filters()

    def _show_cell_label(self) -> None:
        on = self._cell is not None
        if self._cell is not None:
            likelihood, impact = self._cell
            self.cell_label.setText(tr("risk.page.cell_filter", likelihood=likelihood, impact=impact))
        self.cell_label.setVisible(on)
        self.clear_cell.setVisible(on)

    def _matches(self, r: RiskRow) -> bool:
        text = self.search.text().strip().casefold()
        if text and not any(
            text in (v or "").casefold() for v in (r.reference, r.title, r.cause, r.event, r.effect, r.owner)
        ):
            return False
        status, level, flag = self.status.currentData(), self.level.currentData(), self.flag.currentData()
        if status is not None and r.status != status:  # Qt hands enum data back as plain strings
            return False
        if level is not None and r.level != level:
            return False
        if flag is not None and not getattr(r, flag):
            return False
        return self._cell is None or (r.is_open and r.current == self._cell)

    def _apply_filters(self) -> None:
        keep = self.table.currentIndex()
        current = self.model.row_at(keep.row()).id if keep.isValid() else None
        rows = [r for r in self._all if self._matches(r)]
        self.model.set_rows(rows)
        self.count.setText(
            tr("risk.page.none")
            if not self._all
            else tr("risk.page.count", shown=number(len(rows)), total=number(len(self._all)))
        )
        if rows:
            ids = [r.id for r in rows]
            self.table.selectRow(ids.index(current) if current in ids else 0)
        self._show_detail()
        self.sig_loaded.emit(len(rows))

    # --- the selected risk --------------------------------------------------------------------

    def selected(self) -> RiskRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_detail(self) -> None:
        r = self.selected()
        self.review_button.setEnabled(r is not None and r.status is not RiskStatus.CLOSED)
        self.link_button.setEnabled(r is not None)
        self.edit_button.setEnabled(r is not None)
        self.escalate_button.setEnabled(
            r is not None and r.status is not RiskStatus.CLOSED and next_level(r.level) is not None
        )
        if r is None:
            self.detail.setPlainText(tr("risk.page.no_selection"))
            self.history_model.set_rows([])
            self.mitigation_model.set_rows([])
            return
        none = tr("risk.detail.none")
        escalations = "\n".join(
            tr(
                "risk.page.escalated_line",
                on=long_day(e.escalated_on),
                from_level=label(e.from_level),
                to_level=label(e.to_level),
                by=e.escalated_by,
                score=e.score,
                reason=e.reason,
            )
            for e in r.escalations
        )
        self.detail.setPlainText(
            tr(
                "risk.page.detail_text",
                reference=r.reference,
                title=r.title,
                cause=r.cause,
                event=r.event,
                effect=r.effect,
                category=label(r.category),
                owner=r.owner or none,
                level=label(r.level),
                status=tr("risk.page.closed_on", day=long_day(r.closed_on))
                if r.closed_on
                else label(r.status),
                inherent=score_text(r.inherent_score, r.inherent_band),
                current=score_text(r.current_score, r.current_band),
                target=score_text(r.target_score, r.target_band),
                trend=trend_text(r),
                controls=r.controls or none,
                actions=r.actions or none,
                next_review=long_day(r.next_review_on) or none,
                flags="; ".join(flags(r)) or tr("risk.page.no_flags"),
                escalations=escalations,
            ).rstrip()
        )
        self.history_model.set_rows(list(reversed(r.history)))
        self.mitigation_model.set_rows(list(r.mitigations))
        fit_columns(self.mitigation_table, 1)
        fit_columns(self.history_table, 5)

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(
            "risk", "risk_review", "risk_escalation", "risk_mitigation", "recommendation", "status_change"
        ):
            self._reload_when_seen()
