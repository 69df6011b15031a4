"""The "You said" summary starts from the feedback an officer selects, for them to shorten."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Recommendation
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def test_summary_is_prefilled_from_the_selected_feedback(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(2)
    settle()
    page = window.feedback
    picked = [page.model.row_at(n) for n in (0, 1)]
    selection = page.table.selectionModel()
    for n in (0, 1):
        selection.select(
            page.model.index(n, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    settle()
    dialog = page.dialog
    draft = dialog.you_said.toPlainText()
    assert all(" ".join(p.text.split()) in draft for p in picked)
    dialog.you_said.selectAll()
    qtbot.keyClicks(dialog.you_said, "People cannot get home after 6pm")
    qtbot.keyClicks(dialog.title_box, "Later buses from the day centre")
    dialog.reference.selectAll()  # over the suggested next reference
    qtbot.keyClicks(dialog.reference, "R-901")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    settle()
    with ctx.workspace.reading() as s:
        rec = s.exec(select(Recommendation).where(Recommendation.reference == "R-901")).one()
        assert rec.you_said == "People cannot get home after 6pm"
