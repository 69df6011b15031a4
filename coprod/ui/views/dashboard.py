"""The dashboard: the team's figures at a glance, per strategy, and four charts.

The page shows at once with empty tiles; the figures are worked out on the database
thread in two steps (headline figures first, then the twelve-month history) so the window
never waits for the slower one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.figures import GroupFigures
from coprod.i18n import N_, describe, ntr, tr
from coprod.i18n.dates import long_day
from coprod.services.common.tasks import Cancelled, TaskState
from coprod.services.figures.dashboard import Headline, MonthPoint, headline, overdue_by_month
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.numbers import number
from coprod.ui.operations.run import read
from coprod.ui.views.dashboard_charts import (
    ChartPanel,
    fill_km,
    fill_lag_distribution,
    fill_overdue_by_month,
    fill_status,
    reached,
    strategy_filter,
)
from coprod.ui.views.lazy import RefreshWhenShown
from coprod.ui.views.risk_heatmap import RiskHeatMap

# Tiles: (key, caption, the figure as text, the filter a click asks for; None: not a filter)
TILES: list[tuple[str, str]] = [
    ("open", N_("dashboard.tile.open")),
    ("on_time", N_("dashboard.tile.on_time")),
    ("overdue", N_("dashboard.tile.overdue")),
    ("stalled", N_("dashboard.tile.stalled")),
    ("km", N_("dashboard.tile.km")),
    ("loop", N_("dashboard.tile.loop")),
]
TILES_PER_ROW = 3  # six side by side made the window wider than a 1280-pixel screen
# What each tile counts, as Recommendations filters: the open ones, those implemented by their
# first target (the tile's "n of m"), the overdue and stalled ones, and the implemented ones
# the median time to implement is measured on.
TILE_FILTERS: dict[str, dict[str, Any]] = {
    "open": {"open_only": True},
    "on_time": {"on_time_original": True, "note": tr("dashboard.drill.on_time")},
    "overdue": {"overdue": True},
    "stalled": {"stalled": True},
    "km": {"implemented": True, "note": tr("dashboard.drill.implemented")},
}
WATCHED = (
    "recommendation",
    "status_change",
    "target_change",
    "recommendation_update",
    "review",
    "engagement_session",
    "strategy",
    "setting",
)


def tile_values(g: GroupFigures) -> dict[str, tuple[str, str]]:
    """Each tile's figure and its fuller wording (for the tile's second line)."""
    return {
        "open": (number(g.open), tr("dashboard.tile.open_more", total=number(g.total))),
        "on_time": (
            number(g.pct_on_time_original, "%"),
            tr("dashboard.tile.on_time_more", n=number(g.on_time_original), of=number(g.implemented_dated)),
        ),
        "overdue": (number(g.overdue), tr("dashboard.tile.overdue_more", lag=number(g.mean_overdue_lag))),
        "stalled": (number(g.stalled), tr("dashboard.tile.stalled_more")),
        "km": _km_tile(g),
        "loop": (number(g.loop_closed_pct, "%"), tr("dashboard.tile.loop_more")),
    }


def _km_tile(g: GroupFigures) -> tuple[str, str]:
    """No median until the estimate says half are implemented: said in words, not a dash."""
    if g.km.median is None:
        return tr("dashboard.tile.km_not_yet"), tr("dashboard.tile.km_not_reached_more")
    ci = tr("dashboard.ui.ci", low=reached(g.km.ci_low), high=reached(g.km.ci_high))
    return ntr("count.days", g.km.median), tr("dashboard.tile.km_more", ci=ci)


STRATEGY_COLUMNS: list[Column[GroupFigures]] = [
    Column(tr("dashboard.col.strategy"), lambda g: g.name),
    Column(tr("dashboard.col.open"), lambda g: number(g.open), align_right=True),
    Column(tr("dashboard.col.on_time"), lambda g: number(g.pct_on_time_original, "%"), align_right=True),
    Column(tr("dashboard.col.overdue"), lambda g: number(g.overdue), align_right=True),
    Column(tr("dashboard.col.mean_lag"), lambda g: number(g.mean_overdue_lag), align_right=True),
    Column(tr("dashboard.col.stalled"), lambda g: number(g.stalled), align_right=True),
    Column(tr("dashboard.col.km_median"), lambda g: number(g.km.median), align_right=True),
    Column(tr("dashboard.col.loop"), lambda g: number(g.loop_closed_pct, "%"), align_right=True),
]


class DashboardPage(RefreshWhenShown, QWidget):
    sig_filter_requested = Signal(object)
    """Emitted with a dict of keyword filters for RecommendationsPage.show_filtered (RowFilter
    fields) when a figure, a bar, a curve or a table row is chosen: exactly what it counts."""

    sig_figures_shown = Signal()
    """Emitted when the headline figures are on screen."""

    sig_history_shown = Signal()
    """Emitted when the overdue-by-month chart is on screen (the slower figures)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.head: Headline | None = None
        self.months: list[MonthPoint] = []
        self._generation = 0
        self._history_state: TaskState | None = None
        self.setAccessibleName(tr("dashboard.ui.page"))
        layout = QVBoxLayout(self)
        self.status = QLabel(tr("dashboard.ui.working"), self)
        self.status.setAccessibleName(tr("dashboard.ui.status_name"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        grid = QGridLayout()
        self.tiles: dict[str, QPushButton] = {}
        for n, (key, caption) in enumerate(TILES):
            tile = QPushButton(self)
            tile.setMinimumHeight(tile.fontMetrics().lineSpacing() * 4)
            tile.setProperty("caption", tr(caption))
            if key in TILE_FILTERS:
                tile.clicked.connect(
                    lambda _checked=False, k=key: self.sig_filter_requested.emit(dict(TILE_FILTERS[k]))
                )
                tile.setToolTip(tr("dashboard.ui.tile_hint"))
            else:
                tile.setFlat(True)  # not a filter: sessions, not recommendations
            self.tiles[key] = tile
            grid.addWidget(tile, n // TILES_PER_ROW, n % TILES_PER_ROW)
        layout.addLayout(grid)
        self._show_tiles(None)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.strategy_model: RowsModel[GroupFigures] = RowsModel(STRATEGY_COLUMNS, self)
        self.strategies = QTableView(split)
        self.strategies.setModel(self.strategy_model)
        self.strategies.setAccessibleName(tr("dashboard.ui.by_strategy"))
        self.strategies.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.strategies.setTabKeyNavigation(False)
        self.strategies.verticalHeader().setVisible(False)
        rows_high = self.strategies.verticalHeader().defaultSectionSize()
        self.strategies.setMinimumHeight(
            rows_high * 3 + self.strategies.horizontalHeader().sizeHint().height()
        )
        self.strategies.activated.connect(
            lambda index: self.sig_filter_requested.emit(
                strategy_filter(self.strategy_model.row_at(index.row()).key)
            )
        )
        self.tabs = QTabWidget(split)
        self.tabs.setAccessibleName(tr("dashboard.ui.charts"))
        self.panels: dict[str, ChartPanel] = {}
        for key, name in (
            ("lag", N_("dashboard.ui.tab.lag")),
            ("km", N_("dashboard.ui.tab.km")),
            ("status", N_("dashboard.ui.tab.status")),
            ("month", N_("dashboard.ui.tab.month")),
        ):
            panel = ChartPanel(tr(name).replace("&", ""), self.tabs)
            panel.sig_filter_requested.connect(self.sig_filter_requested)
            self.tabs.addTab(panel, tr(name))
            self.panels[key] = panel
        self.risk_map = RiskHeatMap(ctx, self.tabs)
        self.tabs.addTab(self.risk_map, tr("risk.heatmap.tab"))
        split.addWidget(self.strategies)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([rows_high * 5, rows_high * 20])  # the charts get the room
        self.split = split
        layout.addWidget(split, 1)
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)

    def _show_tiles(self, g: GroupFigures | None) -> None:
        values = tile_values(g) if g is not None else {}
        for key, tile in self.tiles.items():
            caption = tile.property("caption")
            figure, more = values.get(key, ("…", ""))
            tile.setText(f"{figure}\n{caption}\n{more}".rstrip())
            tile.setAccessibleName(f"{caption}: {figure}")
            tile.setAccessibleDescription(more)

    def refresh(self) -> None:
        self._stale = False
        self._generation += 1
        generation, as_of = self._generation, self.ctx.as_of
        self.status.setText(tr("dashboard.ui.working"))

        # A refresh makes the history still being worked out useless: stop it, so the new
        # headline figures do not queue behind it on the database thread.
        if self._history_state is not None:
            self._history_state.cancel()
        state = self._history_state = TaskState()

        read(
            self.ctx,
            lambda session: headline(session=session, as_of=as_of),
            on_done=if_alive(self, lambda head: self._headline(generation, head)),
            on_error=if_alive(self, self._failed),
        )
        read(
            self.ctx,
            lambda session: overdue_by_month(session=session, as_of=as_of, state=state),
            on_done=if_alive(self, lambda months: self._history(generation, months)),
            on_error=if_alive(self, self._failed),
        )

    def _headline(self, generation: int, head: Headline) -> None:
        if generation != self._generation:
            return
        self.head = head
        self._show_tiles(head.team)
        self.strategy_model.set_rows(head.strategies)
        fit_columns(self.strategies, 0)
        fill_lag_distribution(self.panels["lag"], head)
        fill_km(self.panels["km"], head)
        fill_status(self.panels["status"], head)
        self.status.setText(tr("dashboard.ui.as_of", day=long_day(head.as_of)))
        self.sig_figures_shown.emit()

    def _history(self, generation: int, months: list[MonthPoint]) -> None:
        if generation != self._generation:
            return
        self.months = months
        fill_overdue_by_month(self.panels["month"], months)
        self.sig_history_shown.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return  # a newer refresh is on its way
        self.status.setText(tr("dashboard.ui.failed", reason=describe(exc)))

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(*WATCHED):
            self._reload_when_seen()
