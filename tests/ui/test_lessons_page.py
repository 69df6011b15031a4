"""The lessons learnt log: list, search, filter by strategy and date, open the item."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from coprod.domain.enums import ReviewDecision
from coprod.persistence.database import Database
from coprod.services.recommendations.review import LessonInput, record_decision
from coprod.ui.context import AppContext
from coprod.ui.views.lessons import LessonsPage
from tests.prebuilt import Built, copy_into
from tests.review_data import AS_OF, Known
from tests.ui.accessibility import unnamed_widgets


@pytest.fixture
def page(qtbot, db: Database, review_file: Built[Known]):  # type: ignore[no-untyped-def]
    k = copy_into(db, review_file)  # what `build` fills, built once a run
    with db.transaction() as s:
        record_decision(
            session=s,
            recommendation_id=k.a,
            decision=ReviewDecision.CONTINUE,
            on=date(2026, 10, 1),
            reviewer="Chair",
            notes=None,
            next_update_due=date(2026, 12, 1),
            lesson=LessonInput("Transport contract lapsed.", "Nobody owned it.", "Name an owner."),
        )
        record_decision(
            session=s,
            recommendation_id=k.b,
            decision=ReviewDecision.CLOSE,
            on=AS_OF,
            reviewer="Chair",
            notes=None,
            reason="Replaced by the hub",
            lesson=LessonInput("Advice line replaced.", "Funding ended.", "Check funding first.", k.ann),
        )
    ctx = AppContext.create(db, as_of=AS_OF)
    widget = LessonsPage(ctx)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0  # nothing is read until the page is shown
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2, timeout=10000)
    yield widget, k
    ctx.runner.wait()


def refs(widget: LessonsPage) -> list[str]:
    return [widget.model.index(r, 1).data() for r in range(widget.model.rowCount())]


def test_lists_searches_filters_and_opens(qtbot, qtmodeltester, page) -> None:  # type: ignore[no-untyped-def]
    widget, k = page
    qtmodeltester.check(widget.model)
    assert refs(widget) == ["R-B", "R-A"]  # newest first
    assert widget.model.index(0, 5).data(Qt.ItemDataRole.AccessibleTextRole) == "Learning owner: Ann Lead"
    assert "Check funding first." in widget.detail.toPlainText()

    with qtbot.waitSignal(widget.sig_loaded, timeout=10000):
        qtbot.keyClicks(widget.search, "contract")
    assert refs(widget) == ["R-A"]
    with qtbot.waitSignal(widget.sig_loaded, timeout=10000):
        widget.search.clear()
    with qtbot.waitSignal(widget.sig_loaded, timeout=10000):
        widget.strategy.setCurrentIndex(widget.strategy.findText("Housing strategy"))
    assert refs(widget) == ["R-B"]
    with qtbot.waitSignal(widget.sig_loaded, timeout=10000):
        widget.strategy.setCurrentIndex(0)
    with qtbot.waitSignal(widget.sig_loaded, timeout=10000):
        qtbot.mouseClick(widget.use_dates, Qt.MouseButton.LeftButton)
    assert refs(widget) == ["R-B", "R-A"]
    with qtbot.waitSignal(widget.sig_loaded, timeout=10000):
        widget.since.setDate(date(2026, 11, 1))
    assert refs(widget) == ["R-B"]

    widget.table.setFocus()
    with qtbot.waitSignal(widget.sig_open_recommendation, timeout=2000) as opened:
        qtbot.keyClick(widget.table, Qt.Key.Key_Return)
    assert opened.args == [k.b]
    assert unnamed_widgets(widget) == []


def test_a_hidden_page_reloads_only_when_shown_again(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from coprod.ui.changes import Changes

    widget, k = page
    with widget.ctx.workspace.transaction() as s:
        record_decision(
            session=s,
            recommendation_id=k.d,
            decision=ReviewDecision.ESCALATE,
            on=AS_OF,
            reviewer="Chair",
            notes=None,
            lesson=LessonInput("Panel kept moving.", "Dates.", "Book early."),
        )
    widget.hide()
    widget.ctx.bus.sig_changed.emit(Changes.of("lesson"), None)
    widget.ctx.runner.wait()
    qtbot.wait(50)
    assert widget.model.rowCount() == 2
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 3, timeout=10000)
