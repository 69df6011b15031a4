"""The audit log viewer filters by record, table, date and actor, and saves what it shows."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent, Recommendation
from coprod.persistence.database import Database
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.context import AppContext
from coprod.ui.views.audit_log import AuditLogView
from tests.conftest import AS_OF


@pytest.fixture
def ctx(db: Database, qtbot: QtBot) -> Iterator[AppContext]:
    with db.transaction(actor="alice") as s:
        first = recs.create_recommendation(
            session=s, title="Ramps", raised_on=date(2025, 1, 1), reference="A-1"
        )
    with db.transaction(actor="bob") as s:
        recs.create_recommendation(session=s, title="Loops", raised_on=date(2025, 1, 2), reference="B-1")
        rec = s.get(Recommendation, first)
        rec.title = "Ramps at every library"
        s.add(rec)
    context = AppContext.create(db, as_of=AS_OF)
    yield context
    context.runner.wait()


def _shown(view: AuditLogView) -> list[tuple[str, ...]]:
    return [view.model.row_values(r) for r in range(view.model.rowCount())]


def _load(view: AuditLogView, qtbot: QtBot, action: object) -> None:
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        action()  # type: ignore[operator]


def test_filters(ctx: AppContext, db: Database, qtbot: QtBot, qtmodeltester: object) -> None:
    view = AuditLogView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    everything = _shown(view)
    assert {row[1] for row in everything} == {"alice", "bob"}
    assert "Showing 5 of 5 events" in view.status_label.text()

    view.actor_combo.setCurrentIndex(view.actor_combo.findText("alice"))
    _load(view, qtbot, lambda: qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton))
    assert {row[1] for row in _shown(view)} == {"alice"}

    view.actor_combo.setCurrentIndex(0)
    view.table_combo.setCurrentIndex(view.table_combo.findText("recommendation"))
    _load(view, qtbot, lambda: qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton))
    assert {row[4] for row in _shown(view)} == {"recommendation"} and len(_shown(view)) == 3

    with db.reading() as s:
        rid = s.exec(select(Recommendation.id).where(Recommendation.reference == "A-1")).one()
    qtbot.keyClicks(view.record_edit, rid.hex)  # pasted without dashes
    _load(view, qtbot, lambda: qtbot.keyClick(view.record_edit, Qt.Key.Key_Return))
    assert [row[3] for row in _shown(view)] == ["Changed", "Created"]
    changed = _shown(view)[0][6]  # which field changed, and a hash of the new title: never the words
    assert '"title": "sha256:' in changed and "Ramps at every library" not in changed

    view.record_edit.clear()
    view.table_combo.setCurrentIndex(0)
    view.action_combo.setCurrentIndex(view.action_combo.findText("Changed"))
    _load(view, qtbot, lambda: qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton))
    assert [(row[1], row[3], row[4]) for row in _shown(view)] == [("bob", "Changed", "recommendation")]
    view.action_combo.setCurrentIndex(0)

    view.from_check.click()
    view.from_edit.setDate(QDate(2099, 1, 1))
    _load(view, qtbot, lambda: qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton))
    assert _shown(view) == []

    _load(view, qtbot, lambda: qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton))
    assert len(_shown(view)) == len(everything)
    accessible = view.model.data(view.model.index(0, 1), Qt.ItemDataRole.AccessibleTextRole)
    assert accessible.startswith("Actor: ")


def test_export_shown_events_as_csv(
    ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "log.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view = AuditLogView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved 5 events" in view.status_label.text())
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["When (UTC)", "Actor"] and len(rows) == 6
    with db.reading() as s:
        assert s.exec(
            select(AuditEvent).where(
                AuditEvent.action == AuditAction.EXPORT, AuditEvent.table_name == "audit_event"
            )
        ).first()


def test_controls_are_labelled(ctx: AppContext, qtbot: QtBot) -> None:
    view = AuditLogView(ctx)
    qtbot.addWidget(view)
    for widget in (
        view.record_edit,
        view.table_combo,
        view.actor_combo,
        view.action_combo,
        view.from_edit,
        view.to_edit,
        view.view,
        view.from_check,
        view.to_check,
    ):
        assert widget.accessibleName()
