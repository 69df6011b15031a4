"""Search boxes: Ctrl+F reaches the one on the page shown, typing searches once it pauses, and
Enter searches at once, on every page that has one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from coprod.domain.enums import OPEN_STATUSES, ReviewDecision
from coprod.domain.models import Recommendation
from coprod.persistence.database import Database
from coprod.services.recommendations.review import LessonInput, record_decision
from coprod.ui import search
from coprod.ui.context import AppContext
from coprod.ui.main_window import PAGE_KEYS, MainWindow
from tests.conftest import AS_OF
from tests.ui.conftest import Settle, open_window
from tests.ui.tour import show_page

SEARCHED = ("sessions", "feedback", "recommendations", "strategies", "owners", "lessons", "risks")


@pytest.fixture
def db_path(demo_path: Path) -> Path:
    return demo_path


def _learn_a_lesson(db: Database) -> None:
    with db.transaction() as s:
        query = select(Recommendation.id).where(col(Recommendation.status).in_(OPEN_STATUSES))
        first = s.exec(query.order_by(Recommendation.reference)).first()
        record_decision(
            session=s,
            recommendation_id=first,
            decision=ReviewDecision.CONTINUE,
            on=AS_OF,
            reviewer="Chair",
            notes=None,
            next_update_due=AS_OF + timedelta(days=30),
            lesson=LessonInput("Transport contract lapsed.", "Nobody owned it.", "Name an owner."),
        )


def _find(qtbot: QtBot, window: MainWindow, key: str, settle: Settle) -> QLineEdit:
    """Ctrl and the page's digit, then Ctrl+F, as a user moves about from the keyboard."""
    digit = (PAGE_KEYS.index(key) + 1) % 10
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + digit), Qt.KeyboardModifier.ControlModifier)
    settle()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = QApplication.focusWidget()
    assert isinstance(box, QLineEdit) and window.pages.currentWidget().isAncestorOf(box)
    return box


def test_ctrl_f_goes_to_the_search_box_of_every_page_that_has_one(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    for key in SEARCHED:
        box = _find(qtbot, window, key, settle)
        assert box.isVisible() and box.isEnabled(), key
    for key in set(PAGE_KEYS) - set(SEARCHED):  # pages with nothing to search keep the focus where it was
        page = show_page(window, key, settle)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        focus = QApplication.focusWidget()
        assert not (isinstance(focus, QLineEdit) and page.isAncestorOf(focus)), key


def test_typing_a_word_searches_once_when_the_typing_pauses(
    qtbot: QtBot, ctx: AppContext, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "SEARCH_DELAY_MS", 250)  # its real length, not the tests' 0
    window = open_window(qtbot, ctx, settle)
    page = window.feedback
    box = _find(qtbot, window, "feedback", settle)
    everything = page.model.rowCount()
    loads: list[int] = []
    page.model.sig_loaded.connect(lambda *_: loads.append(1))

    qtbot.keyClicks(box, "respite", delay=20)  # a quick typist: 20 ms between keys
    assert page.model.rowCount() == everything and not loads  # nothing searched mid-word
    qtbot.waitUntil(lambda: page.model.rowCount() < everything, timeout=5000)
    settle()

    assert len(loads) == 1
    model = page.model
    rows = [
        " ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]
    assert rows and all("respite" in row.casefold() for row in rows)


@pytest.mark.parametrize("key", SEARCHED)
def test_enter_searches_at_once_without_waiting_for_the_pause(
    qtbot: QtBot,
    db: Database,
    ctx: AppContext,
    settle: Settle,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
) -> None:
    monkeypatch.setattr(search, "SEARCH_DELAY_MS", 600_000)  # a pause no test would wait for
    if key == "lessons":  # the demo has reviewed nothing yet
        _learn_a_lesson(db)
    window = open_window(qtbot, ctx, settle)
    box = _find(qtbot, window, key, settle)
    page = window.pages.currentWidget()
    assert page.model.rowCount() > 0

    qtbot.keyClicks(box, "no such words anywhere")
    settle()
    assert page.model.rowCount() > 0  # still waiting for the typing to pause
    qtbot.keyClick(box, Qt.Key.Key_Return)
    settle()
    assert page.model.rowCount() == 0
