"""The dashboard's charts, each with a table of the same numbers one key away (Ctrl+T).

Charts are Qt Charts; colours only tell series apart, and every series is named in the
legend and in the table, so nothing depends on seeing colour; statuses also have a fill
pattern each and curves a line style each. Clicking a bar or a curve,
or activating a row of the table, asks for the matching Recommendations filter.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLegend,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPainter, QPalette, QPen, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.enums import Status
from coprod.i18n import label, tr
from coprod.i18n.dates import day, short_month
from coprod.services.figures.dashboard import Headline, LagBin, MonthPoint, km_curves, status_by_strategy
from coprod.ui.models.base import Column
from coprod.ui.models.rows import RowsModel, fit_columns
from coprod.ui.numbers import NUMBERS, number

Filter = dict[str, Any]
CHART_LINES = 16  # a chart shorter than this many lines of text squashes its axis titles


def strategy_filter(key: str | None) -> Filter:
    """The recommendations of one strategy's row, bar or curve (the unassigned group too)."""
    if key is None:
        return {"no_strategy": True, "note": tr("dashboard.drill.no_strategy")}
    return {"strategy_id": uuid.UUID(key)}


def bin_filter(b: LagBin) -> Filter:
    """The open recommendations a bar of the lag distribution counts."""
    if b.low <= 0:
        return {"open_only": True, "lag_to": b.high, "note": tr("dashboard.drill.none")}
    return {
        "open_only": True,
        "lag_from": b.low,
        "lag_to": b.high,
        "note": tr("dashboard.drill.bin", bin=b.label.lower()),
    }


def month_filter(p: MonthPoint) -> Filter:
    """The recommendations that were overdue at that month's end."""
    return {"ids": frozenset(p.ids), "note": tr("dashboard.drill.month", day=day(p.month_end))}


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    # Numbers on bars and axes with their thousands separated, as everywhere else in coprod
    # ("1,711", not "1711"), whatever the system's own locale.
    chart.setLocalizeNumbers(True)
    chart.setLocale(NUMBERS)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    # Follow the user's colours rather than the chart theme's own.
    palette = QWidget().palette()
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
    chart.setTitleBrush(palette.color(QPalette.ColorRole.Text))
    chart.legend().setLabelColor(palette.color(QPalette.ColorRole.Text))
    return chart


def _text_colour() -> QColor:
    """The user's text colour, which every chart's words follow rather than the theme's."""
    return QWidget().palette().color(QPalette.ColorRole.Text)


def _numbers_in_text_colour(bar: QBarSet) -> None:
    """The number written on each bar in the text colour, not the theme's white: white on the
    blue bars has a contrast of 3:1 where text needs 4.5:1 (black has 7:1), and it ran off a
    short bar onto the white chart unseen."""
    bar.setLabelColor(_text_colour())


def _axes(
    chart: QChart, series: Any, categories: Sequence[str] | None, y_title: str, y_max: float | None = None
) -> None:
    text = _text_colour()
    x: QBarCategoryAxis | QValueAxis
    if categories is not None:
        x = QBarCategoryAxis()
        x.append(list(categories))
    else:
        x = QValueAxis()
        x.setTitleText(tr("dashboard.ui.days_since_raised"))
        x.setLabelFormat("%.0f")
    y = QValueAxis()
    y.setTitleText(y_title)
    y.setLabelFormat("%.0f")  # whole recommendations, or whole per cents
    if y_max is not None:
        y.setRange(0, y_max)
    for axis, side in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
        axis.setLabelsColor(text)
        axis.setTitleBrush(text)
        chart.addAxis(axis, side)
    for s in series if isinstance(series, list) else [series]:
        s.attachAxis(x)
        s.attachAxis(y)
    if isinstance(x, QValueAxis):
        x.setMin(0)
        x.applyNiceNumbers()
    if y_max is None:
        # Whole recommendations: a top that is a multiple of the tick count keeps ticks whole.
        top = max(1.0, y.max())
        ticks = 5 if top >= 4 else int(top) + 1
        step = max(1, -(-int(top) // (ticks - 1)))
        y.setRange(0, step * (ticks - 1))
        y.setTickCount(ticks)


class ChartPanel(QWidget):
    sig_filter_requested = Signal(object)
    """Emitted with Recommendations filters when a bar, a curve or a table row is chosen."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.view = QChartView(self.stack)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(tr("dashboard.ui.chart_of", name=name))
        self.view.setAccessibleDescription(tr("dashboard.ui.chart_hint"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table = QTableView(self.stack)
        self.table.setAccessibleName(tr("dashboard.ui.table_of", name=name))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(self._row_chosen)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        row = QHBoxLayout()
        self.toggle = QPushButton(tr("dashboard.ui.show_table"), self)
        self.toggle.setAccessibleName(tr("dashboard.ui.show_table").replace("&", ""))
        self.toggle.clicked.connect(self.toggle_table)
        self.note = QLabel(tr("dashboard.ui.chart_no_room"), self)
        self.note.setWordWrap(True)
        self.note.hide()
        row.addWidget(self.toggle)
        row.addWidget(self.note, 1)
        row.addStretch(0)
        layout.addLayout(row)
        shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.toggle_table)
        self.model: RowsModel[Any] = RowsModel([], self)
        self.table.setModel(self.model)
        self._filter_of: Callable[[Any], Filter | None] = lambda _row: None
        self._labels: list[str] = []  # the category labels along the bottom, to fit side by side
        self._table_for_room = False  # the table is shown because the chart would be unreadable
        self._chart_chosen = False  # the user asked for the chart even so

    def set_content(
        self,
        chart: QChart,
        columns: list[Column[Any]],
        rows: Sequence[Any],
        filter_of: Callable[[Any], Filter | None],
        labels: Sequence[str] = (),
    ) -> None:
        """`labels`: the category labels along the bottom, which must fit side by side."""
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.model.columns = columns
        self.model.set_rows(rows)
        fit_columns(self.table, 0)
        self._filter_of = filter_of
        self._labels = list(labels)
        self._fit_room()

    def showing_table(self) -> bool:
        return self.stack.currentWidget() is self.table

    def toggle_table(self) -> None:
        table = not self.showing_table()
        self._chart_chosen = not table
        self._table_for_room = False
        self._show(table=table)
        (self.table if table else self.view).setFocus()

    def _show(self, *, table: bool) -> None:
        self.stack.setCurrentWidget(self.table if table else self.view)
        text = tr("dashboard.ui.show_chart") if table else tr("dashboard.ui.show_table")
        self.toggle.setText(text)
        self.toggle.setAccessibleName(text.replace("&", ""))
        self.note.setVisible(self._table_for_room)

    def chart_fits(self) -> bool:
        """Whether the chart's labels and bars can be read at the size it would be drawn."""
        metrics = self.fontMetrics()
        room = self.stack.size()
        widest = max((metrics.horizontalAdvance(text) for text in self._labels), default=0)
        char = metrics.averageCharWidth()
        # Each label side by side with some air, plus the axis, its title and the margins.
        needed = len(self._labels) * (widest + char * 4) + char * 20
        return room.height() >= metrics.lineSpacing() * CHART_LINES and room.width() >= needed

    def _fit_room(self) -> None:
        fits = self.chart_fits()
        if not fits and not self.showing_table() and not self._chart_chosen:
            self._table_for_room = True
            self._show(table=True)
        elif fits and self._table_for_room:
            self._table_for_room = False
            self._show(table=False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_room()

    def request(self, filters: Filter | None) -> None:
        if filters is not None:
            self.sig_filter_requested.emit(filters)

    def _row_chosen(self, index: Any) -> None:
        self.request(self._filter_of(self.model.row_at(index.row())))


def fill_lag_distribution(panel: ChartPanel, head: Headline) -> None:
    bins = head.lag_bins
    bar = QBarSet(tr("dashboard.ui.open_recs"))
    bar.append([float(b.count) for b in bins])
    _numbers_in_text_colour(bar)
    series = QBarSeries()
    series.append(bar)
    series.setLabelsVisible(True)

    bar.clicked.connect(lambda i: panel.request(bin_filter(bins[i])))
    chart = _chart(tr("dashboard.ui.lag_title"))
    chart.addSeries(series)
    _axes(chart, series, [b.label for b in bins], tr("dashboard.ui.recommendations"))
    panel.set_content(
        chart,
        [
            Column(tr("dashboard.col.days_late"), lambda b: b.label),
            Column(tr("dashboard.col.open"), lambda b: number(b.count), align_right=True),
        ],
        bins,
        bin_filter,
        [b.label for b in bins],
    )


def _steps(points: list[tuple[int, float]]) -> list[QPointF]:
    out: list[QPointF] = []
    previous = 1.0
    for elapsed, share in points:
        out.append(QPointF(elapsed, 100 * previous))
        out.append(QPointF(elapsed, 100 * share))
        previous = share
    return out


def reached(days: int | None) -> str:
    return number(days) if days is not None else tr("dashboard.ui.not_reached")


# Distinct colours (Okabe-Ito, readable with colour-blindness) and, so that colour is not the
# only difference, a distinct line style per curve, shown in the legend.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
LINE_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)


def fill_km(panel: ChartPanel, head: Headline) -> None:
    chart = _chart(tr("dashboard.ui.km_title"))
    chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
    series_list = []
    for n, (key, name, points) in enumerate(km_curves(head)):
        line = QLineSeries()
        line.setName(name)
        pen = QPen(QColor(SERIES_COLOURS[n % len(SERIES_COLOURS)]))
        pen.setWidthF(2.5)
        pen.setStyle(LINE_STYLES[n % len(LINE_STYLES)])
        line.setPen(pen)
        line.append(_steps(points))
        line.clicked.connect(lambda _p, k=key: panel.request(strategy_filter(k)))
        chart.addSeries(line)
        series_list.append(line)
    if series_list:
        _axes(chart, series_list, None, tr("dashboard.ui.pct_still_open"), y_max=100)
    panel.set_content(
        chart,
        [
            Column(tr("dashboard.col.strategy"), lambda g: g.name),
            Column(
                tr("dashboard.col.km_median"),
                lambda g: number(g.km.median),
                lambda g: tr("dashboard.ui.km_median_spoken", days=number(g.km.median)),
                align_right=True,
            ),
            Column(
                tr("dashboard.col.km_ci"),
                lambda g: tr("dashboard.ui.ci", low=reached(g.km.ci_low), high=reached(g.km.ci_high)),
            ),
            Column(
                tr("dashboard.col.implemented"),
                lambda g: f"{g.km.events} / {g.km.subjects}",
                align_right=True,
            ),
        ],
        head.strategies,
        lambda g: strategy_filter(g.key),
    )


STATUS_COLOURS = {
    Status.PROPOSED: "#56B4E9",
    Status.ACCEPTED: "#0072B2",
    Status.IN_PROGRESS: "#E69F00",
    Status.ON_HOLD: "#D55E00",
    Status.IMPLEMENTED: "#009E73",
    Status.NOT_TAKEN_FORWARD: "#999999",
}
# A fill pattern per status as well as a colour, shown in the legend too, so statuses can be
# told apart without seeing colour (and on a black and white print).
STATUS_PATTERNS = {
    Status.PROPOSED: Qt.BrushStyle.Dense5Pattern,
    Status.ACCEPTED: Qt.BrushStyle.SolidPattern,
    Status.IN_PROGRESS: Qt.BrushStyle.BDiagPattern,
    Status.ON_HOLD: Qt.BrushStyle.CrossPattern,
    Status.IMPLEMENTED: Qt.BrushStyle.Dense2Pattern,
    Status.NOT_TAKEN_FORWARD: Qt.BrushStyle.HorPattern,
}
STATUS_ORDER = (
    Status.PROPOSED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.ON_HOLD,
    Status.IMPLEMENTED,
    Status.NOT_TAKEN_FORWARD,
)


def _status_count(status: Status) -> Callable[[Any], str]:
    return lambda r: number(r[2].get(status, 0))


def fill_status(panel: ChartPanel, head: Headline) -> None:
    rows = status_by_strategy(head)
    series = QStackedBarSeries()
    for status in STATUS_ORDER:
        bar = QBarSet(label(status))
        bar.setBrush(QBrush(QColor(STATUS_COLOURS[status]), STATUS_PATTERNS[status]))
        bar.setBorderColor(QColor(STATUS_COLOURS[status]).darker(160))
        bar.append([float(counts.get(status, 0)) for _, _, counts in rows])
        bar.clicked.connect(lambda i, s=status: panel.request({**strategy_filter(rows[i][0]), "status": s}))
        series.append(bar)
    chart = _chart(tr("dashboard.ui.status_title"))
    chart.addSeries(series)
    _axes(chart, series, [name for _, name, _ in rows], tr("dashboard.ui.recommendations"))
    columns: list[Column[Any]] = [Column(tr("dashboard.col.strategy"), lambda r: r[1])]
    for status in STATUS_ORDER:
        columns.append(Column(label(status), _status_count(status), align_right=True))
    panel.set_content(chart, columns, rows, lambda r: strategy_filter(r[0]), [name for _, name, _ in rows])


def fill_overdue_by_month(panel: ChartPanel, points: list[MonthPoint]) -> None:
    bar = QBarSet(tr("dashboard.ui.overdue_series"))
    bar.append([float(p.overdue) for p in points])
    _numbers_in_text_colour(bar)
    bar.clicked.connect(lambda i: panel.request(month_filter(points[i])))
    series = QBarSeries()
    series.append(bar)
    series.setLabelsVisible(True)
    chart = _chart(tr("dashboard.ui.month_title"))
    chart.addSeries(series)
    _axes(chart, series, [short_month(p.month_end) for p in points], tr("dashboard.ui.recommendations"))
    panel.set_content(
        chart,
        [
            Column(tr("dashboard.col.as_of"), lambda p: day(p.month_end)),
            Column(tr("dashboard.col.overdue"), lambda p: number(p.overdue), align_right=True),
        ],
        points,
        month_filter,
        [short_month(p.month_end) for p in points],
    )
