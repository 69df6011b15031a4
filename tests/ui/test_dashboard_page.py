"""The dashboard shows the lag engine's numbers and asks the Recommendations page for a
filter when a figure, a bar or a table row is chosen."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

import pytest
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPalette

from coprod.persistence.database import open_database
from coprod.services.figures.lag import team_figures
from coprod.ui.context import AppContext
from coprod.ui.views.dashboard import DashboardPage, tile_values
from coprod.ui.views.dashboard_charts import STATUS_ORDER
from tests.conftest import AS_OF
from tests.engines import copy_database
from tests.ui.accessibility import unnamed_widgets


@pytest.fixture
def page(qtbot, demo_db_file: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    db = open_database(path, create=False)
    ctx = AppContext.create(db, as_of=AS_OF)
    widget = DashboardPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.sig_history_shown, timeout=20000):
        widget.show()
    qtbot.waitExposed(widget)
    with db.reading() as s:
        engine = (
            team_figures(session=s, as_of=AS_OF, by=None)[0],
            team_figures(session=s, as_of=AS_OF, by="strategy"),
        )
    yield widget, engine
    ctx.runner.wait()
    db.close()


def test_figures_equal_the_lag_engine(page, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    widget, (team, strategies) = page
    assert widget.tiles["open"].accessibleName() == f"Open recommendations: {team.open}"
    assert widget.tiles["overdue"].accessibleName() == f"Overdue: {team.overdue}"
    assert widget.tiles["stalled"].accessibleName() == f"Stalled: {team.stalled}"
    assert widget.tiles["km"].accessibleName() == f"Median time to implement: {team.km.median} days"
    assert f"mean lag {team.mean_overdue_lag} days" in widget.tiles["overdue"].text()
    model = widget.strategy_model
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [g.name for g in strategies]
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == [str(g.overdue) for g in strategies]
    for panel in widget.panels.values():
        qtmodeltester.check(panel.model)
    months = widget.panels["month"].model
    assert months.index(months.rowCount() - 1, 1).data() == str(team.overdue)
    assert unnamed_widgets(widget) == []


def test_clicking_a_figure_asks_for_the_filtered_recommendations(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    widget, (_, strategies) = page
    with qtbot.waitSignal(widget.sig_filter_requested, timeout=2000) as asked:
        qtbot.mouseClick(widget.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert asked.args == [{"overdue": True}]
    with qtbot.waitSignal(widget.sig_filter_requested, timeout=2000) as asked:
        qtbot.mouseClick(widget.tiles["stalled"], Qt.MouseButton.LeftButton)
    assert asked.args == [{"stalled": True}]
    # A strategy's row, by keyboard.
    widget.strategies.setFocus()
    widget.strategies.setCurrentIndex(widget.strategy_model.index(1, 0))
    with qtbot.waitSignal(widget.sig_filter_requested, timeout=2000) as asked:
        qtbot.keyClick(widget.strategies, Qt.Key.Key_Return)
    assert str(asked.args[0]["strategy_id"]) == strategies[1].key


def test_clicking_a_bar_asks_for_that_strategy_and_status(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    widget, (_, strategies) = page
    widget.tabs.setCurrentIndex(2)
    panel = widget.panels["status"]
    qtbot.waitExposed(panel.view)
    chart = panel.view.chart()
    # The middle of the biggest segment of the stacked bars.
    n, status = max(
        ((n, s) for n in range(len(strategies)) for s in STATUS_ORDER),
        key=lambda pair: strategies[pair[0]].by_status[pair[1]],
    )
    counts = strategies[n].by_status
    below = sum(counts[s] for s in STATUS_ORDER[: STATUS_ORDER.index(status)])
    scene = chart.mapToScene(chart.mapToPosition(QPointF(n, below + counts[status] / 2), chart.series()[0]))
    with qtbot.waitSignal(widget.sig_filter_requested, timeout=2000) as asked:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.mapFromScene(scene))
    assert asked.args == [{"strategy_id": uuid.UUID(strategies[n].key), "status": status}]


def test_each_chart_has_a_table_one_key_away(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    widget, (team, _) = page
    panel = widget.panels["lag"]
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert panel.showing_table()
    counts = [int(panel.model.index(r, 1).data()) for r in range(panel.model.rowCount())]
    assert sum(counts) == team.open
    assert panel.model.index(0, 1).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Open: ")
    panel.table.setCurrentIndex(panel.model.index(5, 0))
    with qtbot.waitSignal(widget.sig_filter_requested, timeout=2000) as asked:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert asked.args[0]["lag_from"] == 366 and asked.args[0]["lag_to"] is None
    qtbot.keyClick(panel.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not panel.showing_table()


def test_a_figure_filters_the_recommendations_page(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from coprod.ui.views.recommendations import RecommendationsPage

    widget, (team, strategies) = page
    recs = RecommendationsPage(widget.ctx)
    qtbot.addWidget(recs)
    recs.show()
    qtbot.waitUntil(lambda: recs.model.matching == team.total, timeout=10000)
    widget.sig_filter_requested.connect(lambda filters: recs.show_filtered(**filters))
    qtbot.mouseClick(widget.tiles["overdue"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: recs.model.row_filter.overdue and recs.model.matching == team.overdue, timeout=10000
    )
    widget.strategies.setFocus()
    widget.strategies.setCurrentIndex(widget.strategy_model.index(0, 0))
    qtbot.keyClick(widget.strategies, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: recs.model.matching == strategies[0].total, timeout=10000)
    assert not recs.model.row_filter.overdue


def test_every_figure_and_bar_opens_exactly_the_recommendations_it_counts(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from coprod.domain.enums import Status
    from coprod.services.figures.lag import recommendation_lags
    from coprod.ui.views.recommendations import RecommendationsPage

    widget, (team, strategies) = page
    ctx = widget.ctx
    with ctx.workspace.reading() as s:
        lags = recommendation_lags(session=s, as_of=AS_OF)
    recs = RecommendationsPage(ctx)
    qtbot.addWidget(recs)
    recs.show()
    qtbot.waitUntil(lambda: recs.model.total == team.total and ctx.runner.pending == 0, timeout=10000)
    widget.sig_filter_requested.connect(lambda filters: recs.show_filtered(**filters))

    def opened(click) -> set[uuid.UUID]:  # type: ignore[no-untyped-def]
        recs.search_box.clear()  # a search that finds nothing, so every click must reload the list
        qtbot.keyClicks(recs.search_box, "nothing matches this")
        qtbot.waitUntil(lambda: recs.model.matching == 0 and ctx.runner.pending == 0, timeout=10000)
        with qtbot.waitSignal(recs.model.sig_loaded, timeout=10000):
            click()
        return {recs.model.id_at(n) for n in range(recs.model.matching)}

    def tile(key: str) -> set[uuid.UUID]:
        return opened(lambda: qtbot.mouseClick(widget.tiles[key], Qt.MouseButton.LeftButton))

    done = {x.id for x in lags if x.status is Status.IMPLEMENTED and x.implemented_on is not None}
    assert tile("open") == {x.id for x in lags if x.is_open} and len(tile("open")) == team.open
    on_time = {x.id for x in lags if x.id in done and x.implemented_on <= x.original_target}
    assert tile("on_time") == on_time and len(on_time) == team.on_time_original
    assert tile("overdue") == {x.id for x in lags if x.is_open and x.overdue}
    assert len(tile("overdue")) == team.overdue
    assert len(tile("stalled")) == team.stalled
    assert tile("km") == done and len(done) == team.km.events

    def bar_click(panel_key: str, x: float, y: float):  # type: ignore[no-untyped-def]
        widget.tabs.setCurrentWidget(widget.panels[panel_key])
        panel = widget.panels[panel_key]
        if panel.showing_table():  # shown for want of room: the chart is one click away
            qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
        qtbot.waitExposed(panel.view)
        chart = panel.view.chart()
        scene = chart.mapToScene(chart.mapToPosition(QPointF(x, y), chart.series()[0]))
        return lambda: qtbot.mouseClick(
            panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.mapFromScene(scene)
        )

    bins = widget.head.lag_bins
    table = widget.panels["lag"].table
    assert sum(b.count for b in bins) == team.open
    for n, b in enumerate(bins):
        expected = {
            x.id
            for x in lags
            if x.is_open
            and (b.low <= 0 or (x.lag_days or 0) >= b.low)
            and (b.high is None or (x.lag_days or 0) <= b.high)
        }
        assert len(expected) == b.count, b.label
        if b.count:
            assert opened(bar_click("lag", n, b.count / 2)) == expected, b.label
        table.setCurrentIndex(widget.panels["lag"].model.index(n, 0))
        assert opened(lambda: qtbot.keyClick(table, Qt.Key.Key_Return)) == expected, b.label

    for n, g in enumerate(strategies):
        below = 0
        for status in STATUS_ORDER:
            count = g.by_status[status]
            if count:
                ids = opened(bar_click("status", n, below + count / 2))
                assert len(ids) == count, (g.name, status)
                assert all(recs.model.lag_for(i).status is status for i in ids)
            below += count

    months = widget.months
    for n, point in enumerate(months):
        if point.overdue:
            assert len(opened(bar_click("month", n, point.overdue / 2))) == point.overdue
    assert opened(bar_click("month", len(months) - 1, months[-1].overdue / 2)) == tile("overdue")


def test_every_count_on_a_figure_is_written_with_thousands_separated(page) -> None:  # type: ignore[no-untyped-def]
    """A whole directorate's figures run to thousands: each number on a figure is written the
    same way, "5,022 of 10,000", never "5,022" beside "10000"."""
    _, (team, _) = page
    large = dataclasses.replace(
        team, total=10_000, open=5_022, implemented=3_944, on_time_original=1_972, undated=0
    )
    shown = tile_values(large)
    assert shown["open"] == ("5,022", "of 10,000 in all")
    assert shown["on_time"][1] == "1,972 of 3,944 implemented"


def test_a_median_not_reached_yet_is_said_in_words(page) -> None:  # type: ignore[no-untyped-def]
    """Until the estimate says half are implemented there is no median: the tile says so,
    rather than a dash over "95% CI not reached to not reached days"."""
    _, (team, _) = page
    km = dataclasses.replace(team.km, median=None, median_ci_low=None, median_ci_high=None)
    early = dataclasses.replace(team, km=km)
    assert tile_values(early)["km"] == ("Not yet", "Kaplan-Meier: fewer than half are implemented so far")


def test_the_numbers_on_the_bars_are_written_in_the_text_colour(page) -> None:  # type: ignore[no-untyped-def]
    """A bar's number is written at its top: in white it had a contrast of 3:1 on the blue
    bars where text needs 4.5:1, and on a short bar it ran out onto the white chart unseen."""
    widget, _ = page
    text = widget.palette().color(QPalette.ColorRole.Text)
    for key in ("lag", "month"):
        (series,) = widget.panels[key].view.chart().series()
        assert series.isLabelsVisible()
        assert [bar.labelColor() for bar in series.barSets()] == [text]


def test_the_charts_write_their_numbers_with_thousands_separated(page) -> None:  # type: ignore[no-untyped-def]
    """A bar reads "1,711" and an axis "1,752", as the tiles and tables do, whatever the
    system's own locale; the axes count in whole recommendations or per cents."""
    widget, _ = page
    for key in ("lag", "km", "status", "month"):
        chart = widget.panels[key].view.chart()
        assert chart.localizeNumbers(), key
        assert chart.locale().toString(1711.0, "f", 0) == "1,711"
        values = [a for a in chart.axes() if isinstance(a, QValueAxis)]
        assert values and all(a.labelFormat() == "%.0f" for a in values), key
