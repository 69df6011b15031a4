"""Writing the "You said" summary residents read, in a recommendation's details."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coprod.ui.context import AppContext
from coprod.ui.views.recommendations import RecommendationsPage
from tests.ui.test_recommendations_page import _open, _save, _seed


def test_officer_writes_the_summary_in_the_details(qtbot: QtBot, ctx: AppContext) -> None:
    _seed(ctx)
    page = RecommendationsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.detail is not None)
    dialog = _open(qtbot, page, "details")
    assert dialog.you_said.accessibleName() == "You said (plain words for residents)"
    qtbot.keyClicks(dialog.you_said, "Buses stop at 6pm, so people cannot get home from the day centre")
    _save(qtbot, page, dialog)
    assert page.detail.you_said == "Buses stop at 6pm, so people cannot get home from the day centre"
    dialog = _open(qtbot, page, "details")  # shown again next time, to edit
    assert dialog.you_said.toPlainText() == page.detail.you_said
    dialog.reject()
