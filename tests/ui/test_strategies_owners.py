"""Strategies and owners: lists, editors, and handing on work when an owner leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.enums import OPEN_STATUSES
from coprod.domain.models import Owner, OwnerChange, Recommendation, Strategy
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from tests.ui.conftest import Settle


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _save(qtbot: QtBot, dialog: object) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def test_create_a_strategy_and_refuse_a_duplicate_name(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(4)
    settle()
    page = window.strategies
    before = page.model.total
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.keyClicks(page.editor.name, "Dementia strategy 2027")
    qtbot.keyClicks(page.editor.board, "Health and Wellbeing Board")
    page.editor.lead.setCurrentIndex(1)
    _save(qtbot, page.editor)
    settle()
    assert page.model.total == before + 1

    taken = page.model.row_at(0).name
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.keyClicks(page.editor.name, taken.upper())
    _save(qtbot, page.editor)
    settle()
    assert page.editor.isVisible() and "already used" in page.editor.error.text()
    with ctx.workspace.reading() as s:
        assert len(s.exec(select(Strategy)).all()) == before + 1


def test_deactivating_an_owner_asks_who_takes_over_their_open_recommendations(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    window.nav.setCurrentRow(5)
    settle()
    page = window.owners
    row = max(range(page.model.rowCount()), key=lambda n: page.model.row_at(n).open_recommendations)
    leaving = page.model.row_at(row)
    assert leaving.open_recommendations > 0
    page.table.selectRow(row)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    settle()
    dialog = page.dialog
    assert f"holds {leaving.open_recommendations} open recommendations" in dialog.question.text()
    dialog.reassign.setCurrentIndex(0)
    successor = dialog.reassign.currentData()
    _save(qtbot, dialog)
    settle()
    open_values = [s.value for s in OPEN_STATUSES]
    with ctx.workspace.reading() as s:
        assert not s.get(Owner, leaving.id).active
        held = s.exec(
            select(Recommendation).where(
                Recommendation.owner_id == leaving.id, Recommendation.status.in_(open_values)
            )
        ).all()
        assert held == []
        changes = s.exec(
            select(OwnerChange).where(
                OwnerChange.from_owner_id == leaving.id, OwnerChange.to_owner_id == successor
            )
        ).all()
        assert len(changes) == leaving.open_recommendations
    assert page.model.row_at(row).active is False
    assert page.model.index(row, 4).data() == "No"

    window.undo_action.trigger()  # changed their mind: everything goes back
    settle()
    with ctx.workspace.reading() as s:
        assert s.get(Owner, leaving.id).active
        held = s.exec(
            select(Recommendation).where(
                Recommendation.owner_id == leaving.id, Recommendation.status.in_(open_values)
            )
        ).all()
        assert len(held) == leaving.open_recommendations


def test_editing_shows_every_stored_value_and_saving_unchanged_keeps_them(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, settle: Settle
) -> None:
    with ctx.workspace.reading() as s:
        strategy = s.exec(select(Strategy).where(Strategy.lead_owner_id.is_not(None))).first()
        owner = s.exec(select(Owner).where(Owner.escalation_contact_id.is_not(None))).first()
        lead_name = s.get(Owner, strategy.lead_owner_id).name
    window.nav.setCurrentRow(4)
    settle()
    page = window.strategies
    page.table.selectRow(page.model.row_of(strategy.id))
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.editor.lead.currentText() == lead_name
    _save(qtbot, page.editor)
    settle()
    window.nav.setCurrentRow(5)
    settle()
    owners_page = window.owners
    owners_page.table.selectRow(owners_page.model.row_of(owner.id))
    qtbot.mouseClick(owners_page.edit_button, Qt.MouseButton.LeftButton)
    settle()
    assert owners_page.editor.escalation.currentData() == owner.escalation_contact_id
    _save(qtbot, owners_page.editor)
    settle()
    with ctx.workspace.reading() as s:
        assert s.get(Strategy, strategy.id).lead_owner_id == strategy.lead_owner_id
        assert s.get(Owner, owner.id).escalation_contact_id == owner.escalation_contact_id


def test_a_strategys_dates_are_shown_whole_and_its_counts_with_thousands(
    window: MainWindow, settle: Settle
) -> None:
    """On a first start the start and end dates fit their columns ("30 Jun 2026", not
    "30 Jun 20…"), and counts read "1,749" as on the dashboard."""
    import dataclasses

    from coprod.ui.models.strategies import StrategiesModel

    window.nav.setCurrentRow(4)
    settle()
    page = window.strategies
    table, model = page.table, page.model
    metrics = table.fontMetrics()
    for column in (3, 4):
        shown = model.index(0, column).data()
        assert shown and shown[-4:].isdigit()  # a whole year
        needs = metrics.horizontalAdvance(shown) + 2 * table.style().pixelMetric(
            table.style().PixelMetric.PM_FocusFrameHMargin
        )
        assert table.horizontalHeader().sectionSize(column) >= needs, shown
    many = dataclasses.replace(model.row_at(0), sessions=1008, recommendations=1749)
    assert [StrategiesModel.columns[c].text(many) for c in (6, 7)] == ["1,008", "1,749"]
