"""File -> Export and File -> Merge from the menus."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Recommendation
from coprod.persistence.database import Database, open_database
from coprod.services.data.importing import import_tracker
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.context import AppContext
from coprod.ui.operations.data_files import choose_and_export, choose_and_merge, export_to
from tests.conftest import AS_OF
from tests.trackers import GOOD, write_csv


@pytest.fixture
def ctx(db: Database, qtbot: QtBot, tmp_path: Path) -> Iterator[AppContext]:
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    context = AppContext.create(db, as_of=AS_OF)
    yield context
    context.runner.wait()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: messages.append(text))
    return messages


@pytest.mark.parametrize("name", ["tracker.xlsx", "tracker.csv", "all.coprod.json"])
def test_export_from_the_menu(
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[str],
    name: str,
) -> None:
    out = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    choose_and_export(ctx)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert out.exists() and str(out) in shown[0]


def test_export_to_a_folder_that_does_not_exist_says_so(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    said: list[str] = []
    export_to(ctx, tmp_path / "missing" / "t.xlsx", report=said.append)
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said[0].startswith("coprod cannot write") and "Traceback" not in said[0]


@pytest.mark.sqlite_only  # copies the open database file (the merge itself runs on both engines in tests/cli)
def test_merge_from_the_menu(
    ctx: AppContext,
    db: Database,
    db_path: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[str],
) -> None:
    theirs_path = tmp_path / "theirs.db"
    shutil.copy(db_path, theirs_path)
    theirs = open_database(theirs_path)
    with theirs.transaction() as s:
        recs.create_recommendation(
            session=s, title="Only theirs", raised_on=date(2025, 6, 1), reference="T-1"
        )
    from coprod.services.data.interchange import export_interchange

    export_interchange(theirs, tmp_path / "theirs.coprod.json")
    theirs.close()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "theirs.coprod.json"), "")
    )
    with qtbot.waitSignal(ctx.bus.sig_changed, timeout=10000):
        choose_and_merge(ctx)
    assert shown == ["Merged: 4 records added and 0 updated."]  # the recommendation and the rows made with it
    assert "changed in both" not in shown[0]  # no conflict to speak of
    with db.reading() as s:
        assert (
            s.exec(select(Recommendation.title).where(Recommendation.reference == "T-1")).one()
            == "Only theirs"
        )


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
@pytest.mark.sqlite_only  # copies the open database file (the merge itself runs on both engines in tests/cli)
def test_a_merge_that_deletes_most_recommendations_asks_first(
    ctx: AppContext,
    db: Database,
    db_path: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[str],
    answer: QMessageBox.StandardButton,
) -> None:
    from coprod.domain.types import utcnow
    from coprod.services.data.interchange import export_interchange

    theirs_path = tmp_path / "theirs.db"
    with closing(sqlite3.connect(db_path)) as source, closing(sqlite3.connect(theirs_path)) as copy:
        source.backup(copy)  # with what is still in the write-ahead log
    theirs = open_database(theirs_path)
    with theirs.transaction() as s:
        for rec in s.exec(select(Recommendation)):
            rec.deleted_at = utcnow()
            s.add(rec)
    export_interchange(theirs, tmp_path / "theirs.coprod.json")
    theirs.close()
    asked: list[str] = []

    def question(parent: object, title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "theirs.coprod.json"), "")
    )
    choose_and_merge(ctx)
    qtbot.waitUntil(lambda: bool(asked) or bool(shown), timeout=10000)
    assert not shown, shown
    assert "would delete 3 of the 3 recommendation records" in asked[0]
    if answer == QMessageBox.StandardButton.Yes:
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    ctx.runner.wait()
    with db.reading() as s:
        left = s.exec(select(Recommendation).where(Recommendation.deleted_at.is_(None))).all()
    assert len(left) == (0 if answer == QMessageBox.StandardButton.Yes else 3)
