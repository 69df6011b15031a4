"""The dashboard's 5x5 risk heat map: how many open risks sit in each likelihood and impact
cell, by current score. Each cell is a button (count, band word and score on it, so it reads
without colour) that lists its risks; a table shows the same figures for screen readers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from coprod.domain.enums import Rag
from coprod.domain.risk import RiskRules, band
from coprod.i18n import ntr, tr
from coprod.services.reports.risks import band_word
from coprod.services.risks.rules import get_risk_rules
from coprod.services.risks.view import heat_map, list_risks
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.numbers import number
from coprod.ui.operations.run import read
from coprod.ui.views.lazy import RefreshWhenShown

# Pale fills with dark text: the word on each cell says the band, the colour only repeats it.
_FILL = {Rag.GREEN: "#cfe8cf", Rag.AMBER: "#fde3b0", Rag.RED: "#f4c0bd"}

Cells = dict[tuple[int, int], int]
_Line = tuple[int, list[tuple[int, int, Rag]]]  # likelihood, then (count, score, band) per impact


def _cell_text(i: int) -> Callable[[_Line], str]:
    def text(r: _Line) -> str:
        count, score, band = r[1][i]
        return tr("risk.heatmap.table_cell", count=number(count), band=band_word(band), score=score)

    return text


def _table_columns() -> list[Column[_Line]]:
    columns: list[Column[_Line]] = [Column(tr("risk.heatmap.likelihood"), lambda r: str(r[0]))]
    for im in range(1, 6):
        columns.append(Column(tr("risk.heatmap.col", value=im), _cell_text(im - 1)))
    return columns


class RiskHeatMap(RefreshWhenShown, QWidget):
    sig_cell_chosen = Signal(object)
    """Emitted with (likelihood, impact) when a cell is pressed: list the open risks in it."""

    sig_shown = Signal()
    """Emitted when the counts are on screen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cells: Cells = {}
        self.rules = RiskRules()
        self.setAccessibleName(tr("risk.heatmap.name"))
        layout = QVBoxLayout(self)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("risk.heatmap.name"))
        self.as_table = QCheckBox(tr("risk.heatmap.table"), self)
        self.as_table.setAccessibleName(tr("risk.heatmap.table"))
        layout.addWidget(self.summary)
        layout.addWidget(self.as_table)
        self.stack = QStackedWidget(self)
        grid_host = QWidget(self.stack)
        grid = QGridLayout(grid_host)
        grid.setSpacing(4)
        self.buttons: dict[tuple[int, int], QPushButton] = {}
        for row, lk in enumerate(range(5, 0, -1)):
            grid.addWidget(QLabel(tr("risk.heatmap.row", value=lk), grid_host), row, 1)
            for im in range(1, 6):
                button = QPushButton(grid_host)
                button.setMinimumSize(96, 52)
                button.setToolTip(tr("risk.heatmap.hint"))
                button.clicked.connect(lambda _checked=False, c=(lk, im): self.sig_cell_chosen.emit(c))
                self.buttons[(lk, im)] = button
                grid.addWidget(button, row, 1 + im)
        for im in range(1, 6):
            grid.addWidget(
                QLabel(tr("risk.heatmap.col", value=im), grid_host), 5, 1 + im, Qt.AlignmentFlag.AlignHCenter
            )
        grid.setColumnStretch(7, 1)
        grid.setRowStretch(7, 1)
        self.model: RowsModel[_Line] = RowsModel(_table_columns(), self)
        self.table = QTableView(self.stack)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("risk.heatmap.table_name"))
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(self._table_activated)
        # The 5x5 cells keep a readable size; on a small screen the grid scrolls rather than
        # make the window taller than the screen.
        scroller = QScrollArea(self.stack)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(grid_host)
        self.stack.addWidget(scroller)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.as_table.toggled.connect(lambda on: self.stack.setCurrentIndex(1 if on else 0))
        self._show({}, RiskRules())
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)

    def refresh(self) -> None:
        self._stale = False
        as_of = self.ctx.as_of

        def job(session: Session) -> tuple[Cells, RiskRules]:
            return heat_map(list_risks(session=session, as_of=as_of)), get_risk_rules(session=session)

        read(self.ctx, job, on_done=if_alive(self, lambda result: self._show(*result)))

    def _show(self, cells: Cells, rules: RiskRules) -> None:
        self.cells, self.rules = cells, rules
        totals = {Rag.GREEN: 0, Rag.AMBER: 0, Rag.RED: 0}
        lines: list[_Line] = []
        for lk in range(5, 0, -1):
            line = []
            for im in range(1, 6):
                count, score = cells.get((lk, im), 0), lk * im
                rag = band(score, rules)
                totals[rag] += count
                line.append((count, score, rag))
                button = self.buttons[(lk, im)]
                button.setText(
                    tr("risk.heatmap.button", count=number(count), band=band_word(rag), score=score)
                )
                button.setAccessibleName(
                    ntr(
                        "risk.heatmap.cell",
                        count,
                        likelihood=lk,
                        impact=im,
                        score=score,
                        band=band_word(rag),
                    )
                )
                weight = "bold" if count else "normal"
                button.setStyleSheet(
                    f"QPushButton {{ background: {_FILL[rag]}; color: #1a1a1a; font-weight: {weight}; }}"
                    "QPushButton:focus { border: 3px solid #1a1a1a; }"
                )
            lines.append((lk, line))
        self.model.set_rows(lines)
        fit_columns(self.table, 5)
        self.summary.setText(
            tr(
                "risk.heatmap.summary",
                open=number(sum(totals.values())),
                high=number(totals[Rag.RED]),
                medium=number(totals[Rag.AMBER]),
                low=number(totals[Rag.GREEN]),
            )
        )
        self.sig_shown.emit()

    def _table_activated(self, index: Any) -> None:
        if index.column() >= 1:
            self.sig_cell_chosen.emit((self.model.row_at(index.row())[0], index.column()))

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches("risk", "risk_review", "risk_escalation", "setting"):
            self._reload_when_seen()
